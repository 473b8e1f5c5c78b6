"""match statement lines to entries

Revision ID: 3f9b6d2a8e57
Revises: a1e7c4f9b306
Create Date: 2024-08-19 09:31:27.650014

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '3f9b6d2a8e57'
down_revision: Union[str, None] = 'a1e7c4f9b306'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column(
        "bank_statement_lines",
        sa.Column("entry_id", sa.BigInteger(), sa.ForeignKey("entries.id"), nullable=True),
    )
    op.create_index(
        "ix_bank_statement_lines_unmatched",
        "bank_statement_lines",
        ["booked_on"],
        postgresql_where=sa.text("entry_id IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_bank_statement_lines_unmatched", table_name="bank_statement_lines")
    op.drop_column("bank_statement_lines", "entry_id")
