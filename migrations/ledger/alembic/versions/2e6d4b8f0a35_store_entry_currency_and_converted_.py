"""store entry currency and converted amounts

Revision ID: 2e6d4b8f0a35
Revises: 7c3a9f1e5d80
Create Date: 2024-06-03 13:14:55.640092

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '2e6d4b8f0a35'
down_revision: Union[str, None] = '7c3a9f1e5d80'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column("entries", sa.Column("currency", sa.CHAR(3), sa.ForeignKey("currencies.code"), nullable=True))
    op.add_column("entries", sa.Column("amount_in_base", sa.Numeric(18, 4), nullable=True))
    op.execute(
        "UPDATE entries SET currency = accounts.currency "
        "FROM accounts WHERE accounts.id = entries.account_id"
    )
    op.alter_column("entries", "currency", nullable=False)


def downgrade() -> None:
    op.drop_column("entries", "amount_in_base")
    op.drop_column("entries", "currency")
