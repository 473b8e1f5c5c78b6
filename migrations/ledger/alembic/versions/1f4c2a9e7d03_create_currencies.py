"""create currencies

Revision ID: 1f4c2a9e7d03
Revises: 
Create Date: 2024-03-04 10:15:22.481903

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1f4c2a9e7d03'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'currencies',
        sa.Column('code', sa.CHAR(3), primary_key=True),
        sa.Column('name', sa.String(64), nullable=False),
        sa.Column('minor_units', sa.SmallInteger(), nullable=False, server_default='2'),
    )
    op.bulk_insert(
        sa.table('currencies', sa.column('code'), sa.column('name'), sa.column('minor_units')),
        [
            {'code': 'EUR', 'name': 'Euro', 'minor_units': 2},
            {'code': 'USD', 'name': 'US Dollar', 'minor_units': 2},
            {'code': 'JPY', 'name': 'Yen', 'minor_units': 0},
        ],
    )


def downgrade():
    op.drop_table('currencies')
