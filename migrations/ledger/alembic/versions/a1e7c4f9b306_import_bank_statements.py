"""import bank statements

Revision ID: a1e7c4f9b306
Revises: 5d8a3e1c7f92
Create Date: 2024-08-05 10:44:50.092811

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'a1e7c4f9b306'
down_revision: Union[str, None] = '5d8a3e1c7f92'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "bank_statements",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    )
    op.create_table(
        "bank_statement_lines",
        sa.Column("id", sa.BigInteger(), primary_key=True),
        sa.Column("statement_id", sa.Integer(), sa.ForeignKey("bank_statements.id", ondelete="CASCADE"), nullable=False),
        sa.Column("booked_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.Numeric(18, 4), nullable=False),
        sa.Column("counterparty", sa.String(200)),
        sa.Column("reference", sa.String(200)),
    )


def downgrade() -> None:
    op.drop_table("bank_statement_lines")
    op.drop_table("bank_statements")
