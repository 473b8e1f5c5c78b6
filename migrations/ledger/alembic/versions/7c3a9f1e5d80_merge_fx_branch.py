"""merge fx branch

Revision ID: 7c3a9f1e5d80
Revises: e3b6f8a0d214, 0f2e8b4d6c19
Create Date: 2024-05-20 09:00:31.118730

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '7c3a9f1e5d80'
down_revision: Union[str, Sequence[str], None] = ('e3b6f8a0d214', '0f2e8b4d6c19')
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
