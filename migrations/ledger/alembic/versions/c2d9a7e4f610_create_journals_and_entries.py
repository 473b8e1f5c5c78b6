"""create journals and entries

Revision ID: c2d9a7e4f610
Revises: 6b8e0d3a5c21
Create Date: 2024-03-11 09:40:07.553310

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c2d9a7e4f610'
down_revision = '6b8e0d3a5c21'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'journals',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('posted_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('description', sa.Text(), nullable=False),
    )
    op.create_table(
        'entries',
        sa.Column('id', sa.BigInteger(), primary_key=True),
        sa.Column('journal_id', sa.Integer(), sa.ForeignKey('journals.id', ondelete='CASCADE'), nullable=False),
        sa.Column('account_id', sa.Integer(), sa.ForeignKey('accounts.id'), nullable=False),
        sa.Column('debit', sa.Numeric(18, 4), nullable=False, server_default='0'),
        sa.Column('credit', sa.Numeric(18, 4), nullable=False, server_default='0'),
        sa.CheckConstraint('debit >= 0 AND credit >= 0', name='entries_non_negative'),
        sa.CheckConstraint('(debit = 0) <> (credit = 0)', name='entries_one_side'),
    )
    op.create_index('ix_entries_account_id', 'entries', ['account_id'])


def downgrade():
    op.drop_index('ix_entries_account_id', table_name='entries')
    op.drop_table('entries')
    op.drop_table('journals')
