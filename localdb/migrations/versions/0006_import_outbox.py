"""Ledger import: the outbox entries an import wrote (so undo can take back the ones not yet sent).

Revision ID: 0006
Revises: 0002
Create Date: 2026-11-23 02:40:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("import_batch") as batch_op:
        batch_op.add_column(sa.Column("outbox_first", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("outbox_last", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("import_batch") as batch_op:
        batch_op.drop_column("outbox_last")
        batch_op.drop_column("outbox_first")
