"""add account hierarchy

Revision ID: 9d1c5e7a3f46
Revises: c2d9a7e4f610
Create Date: 2024-04-15 16:48:02.337519

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '9d1c5e7a3f46'
down_revision: Union[str, None] = 'c2d9a7e4f610'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column("accounts", sa.Column("parent_id", sa.Integer(), nullable=True))
    op.create_foreign_key("accounts_parent_id_fkey", "accounts", "accounts", ["parent_id"], ["id"])
    op.create_index("ix_accounts_parent_id", "accounts", ["parent_id"])


def downgrade() -> None:
    op.drop_index("ix_accounts_parent_id", table_name="accounts")
    op.drop_constraint("accounts_parent_id_fkey", "accounts", type_="foreignkey")
    op.drop_column("accounts", "parent_id")
