"""Search backlog: rows a big load committed before indexing them (see localdb/search_index.py).

A branch from the initial schema (each feature adds its own branch).

Revision ID: 0005
Revises: 0001
Create Date: 2026-11-23 02:30:00

"""

from collections.abc import Sequence

from alembic import op

from localdb.search_index import BACKLOG_DDL

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(BACKLOG_DDL)


def downgrade() -> None:
    op.execute("DROP TABLE search_backlog")
