"""enforce balanced journals

Revision ID: b9f0e2c7d461
Revises: 2e6d4b8f0a35
Create Date: 2024-06-17 11:27:09.215548

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'b9f0e2c7d461'
down_revision: Union[str, None] = '2e6d4b8f0a35'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # A deferred constraint trigger: every journal's debits must equal its credits at commit.
    op.execute(
        """
        CREATE FUNCTION check_journal_balanced() RETURNS trigger AS $$
        BEGIN
            IF (SELECT sum(debit) - sum(credit) FROM entries WHERE journal_id = NEW.journal_id) <> 0 THEN
                RAISE EXCEPTION 'journal % is not balanced', NEW.journal_id;
            END IF;
            RETURN NULL;
        END;
        $$ LANGUAGE plpgsql
        """
    )
    op.execute(
        """
        CREATE CONSTRAINT TRIGGER entries_balanced
        AFTER INSERT OR UPDATE ON entries
        DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION check_journal_balanced()
        """
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER entries_balanced ON entries")
    op.execute("DROP FUNCTION check_journal_balanced()")
