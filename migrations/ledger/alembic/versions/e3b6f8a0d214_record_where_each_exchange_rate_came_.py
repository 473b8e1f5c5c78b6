"""record where each exchange rate came from

Revision ID: e3b6f8a0d214
Revises: 4a7d2c9e1b58
Create Date: 2024-04-09 08:05:13.004277

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e3b6f8a0d214'
down_revision = '4a7d2c9e1b58'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('exchange_rates', sa.Column('source', sa.String(32), nullable=False, server_default='manual'))
    op.add_column('exchange_rates', sa.Column('fetched_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    op.drop_column('exchange_rates', 'fetched_at')
    op.drop_column('exchange_rates', 'source')
