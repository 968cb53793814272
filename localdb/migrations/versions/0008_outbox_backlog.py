"""The outbox backlog: outbox entries of a big import, written after its commit (see localdb/outbox_backlog.py).

A branch from the sync revision (the outbox).

Revision ID: 0008
Revises: 0004
Create Date: 2026-11-23 19:10:00

"""

from collections.abc import Sequence

from alembic import op

from localdb.outbox_backlog import BACKLOG_DDL

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(BACKLOG_DDL)


def downgrade() -> None:
    op.execute("DROP TABLE outbox_backlog")
