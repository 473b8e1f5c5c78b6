"""create reconciliations

Revision ID: 5d8a3e1c7f92
Revises: b9f0e2c7d461
Create Date: 2024-07-01 15:02:18.774360

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '5d8a3e1c7f92'
down_revision: Union[str, None] = 'b9f0e2c7d461'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "reconciliations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("balance", sa.Numeric(18, 4), nullable=False),
        sa.Column("reconciled_by", sa.String(64), nullable=False),
        sa.UniqueConstraint("account_id", "as_of", name="reconciliations_account_day_key"),
    )


def downgrade() -> None:
    op.drop_table("reconciliations")
