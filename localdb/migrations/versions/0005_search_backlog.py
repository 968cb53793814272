"""Big loads: the search backlog (rows committed before they are indexed, see localdb/search_index.py) and the
secondary indexes dropped while a load runs (localdb/bulk_indexes.py).

A branch from the initial schema (each feature adds its own branch).

Revision ID: 0005
Revises: 0001
Create Date: 2026-11-23 02:30:00

"""

from collections.abc import Sequence

from alembic import op

from localdb.bulk_indexes import DROPPED_DDL
from localdb.search_index import BACKLOG_DDL

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(BACKLOG_DDL)
    op.execute(DROPPED_DDL)


def downgrade() -> None:
    op.execute("DROP TABLE bulk_dropped_index")
    op.execute("DROP TABLE search_backlog")
