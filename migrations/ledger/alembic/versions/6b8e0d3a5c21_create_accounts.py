"""create accounts

Revision ID: 6b8e0d3a5c21
Revises: 1f4c2a9e7d03
Create Date: 2024-03-04 11:02:51.120441

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6b8e0d3a5c21'
down_revision = '1f4c2a9e7d03'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'accounts',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('number', sa.String(20), nullable=False, unique=True),
        sa.Column('name', sa.String(200), nullable=False),
        sa.Column('kind', sa.String(16), nullable=False),
        sa.Column('currency', sa.CHAR(3), sa.ForeignKey('currencies.code'), nullable=False),
        sa.Column('opened_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint("kind IN ('asset', 'liability', 'equity', 'income', 'expense')", name='accounts_kind_check'),
    )


def downgrade():
    op.drop_table('accounts')
