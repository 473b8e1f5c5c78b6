"""create exchange rates

Revision ID: 4a7d2c9e1b58
Revises: c2d9a7e4f610
Create Date: 2024-04-02 14:21:36.902115

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4a7d2c9e1b58'
down_revision = 'c2d9a7e4f610'
branch_labels = ('fx',)
depends_on = None


def upgrade():
    op.create_table(
        'exchange_rates',
        sa.Column('base', sa.CHAR(3), sa.ForeignKey('currencies.code'), nullable=False),
        sa.Column('quote', sa.CHAR(3), sa.ForeignKey('currencies.code'), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('rate', sa.Numeric(18, 8), nullable=False),
        sa.PrimaryKeyConstraint('base', 'quote', 'day'),
    )


def downgrade():
    op.drop_table('exchange_rates')
