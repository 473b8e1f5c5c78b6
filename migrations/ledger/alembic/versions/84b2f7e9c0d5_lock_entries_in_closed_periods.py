"""lock entries in closed periods

Revision ID: 84b2f7e9c0d5
Revises: d6c0a8e2f134
Create Date: 2024-09-02 08:52:13.507795

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '84b2f7e9c0d5'
down_revision: Union[str, None] = 'd6c0a8e2f134'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = 'a1e7c4f9b306'


def upgrade() -> None:
    # Closing a period requires its bank statements to be imported first.
    op.add_column("journals", sa.Column("period_id", sa.Integer(), sa.ForeignKey("fiscal_periods.id"), nullable=True))
    op.add_column("bank_statements", sa.Column("period_id", sa.Integer(), sa.ForeignKey("fiscal_periods.id"), nullable=True))
    op.create_index("ix_journals_period_id", "journals", ["period_id"])


def downgrade() -> None:
    op.drop_index("ix_journals_period_id", table_name="journals")
    op.drop_column("bank_statements", "period_id")
    op.drop_column("journals", "period_id")
