"""create fiscal periods

Revision ID: 0f2e8b4d6c19
Revises: 9d1c5e7a3f46
Create Date: 2024-05-06 10:30:44.871026

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0f2e8b4d6c19'
down_revision: Union[str, None] = '9d1c5e7a3f46'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "fiscal_periods",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="open"),
        sa.CheckConstraint("ends_on > starts_on", name="fiscal_periods_range"),
        sa.CheckConstraint("status IN ('open', 'closing', 'closed')", name="fiscal_periods_status"),
        sa.UniqueConstraint("starts_on", name="fiscal_periods_starts_on_key"),
    )


def downgrade() -> None:
    op.drop_table("fiscal_periods")
