"""create period closings

Revision ID: d6c0a8e2f134
Revises: 5d8a3e1c7f92
Create Date: 2024-08-12 14:05:41.381276

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'd6c0a8e2f134'
down_revision: Union[str, None] = '5d8a3e1c7f92'
branch_labels: Union[str, Sequence[str], None] = 'closing'
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "period_closings",
        sa.Column("period_id", sa.Integer(), sa.ForeignKey("fiscal_periods.id"), primary_key=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("closed_by", sa.String(64), nullable=False),
        sa.Column("retained_earnings", sa.Numeric(18, 4), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("period_closings")
