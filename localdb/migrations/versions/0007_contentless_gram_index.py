"""The gram index becomes contentless with the ascii tokenizer (see ``GRAMS_DDL`` in localdb/search_index.py).

Its stored token lists were the biggest search table and were never read back; the same tokens are matched. The
index is rebuilt here from the register (a few seconds for 100,000 operators, once). The triggers' SQL is
unchanged: a contentless_delete table takes the same DELETE and INSERT statements.

A branch from the search backlog revision.

Revision ID: 0007
Revises: 0005
Create Date: 2026-11-23 06:30:00

"""

from collections.abc import Sequence

from alembic import op

from localdb.search_index import GRAMS_DDL, GRAMS_OTHER, SQL_FUNCTION, fill_grams

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PREVIOUS_DDL = "CREATE VIRTUAL TABLE operator_grams USING fts5(name, other, tokenize = 'unicode61', detail = column)"


def upgrade() -> None:
    op.execute("DROP TABLE operator_grams")
    op.execute(GRAMS_DDL)
    fill_grams(op.get_bind())


def downgrade() -> None:
    op.execute("DROP TABLE operator_grams")
    op.execute(PREVIOUS_DDL)
    op.execute(
        f"""INSERT INTO operator_grams(rowid, name, other)
        SELECT o.search_rowid, {SQL_FUNCTION}(o.name, 1), {SQL_FUNCTION}({GRAMS_OTHER}, 0) FROM operator AS o"""
    )
