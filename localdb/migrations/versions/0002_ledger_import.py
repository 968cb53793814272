"""Ledger import: import batches with before-images (for undo of the last import) and remembered column mappings.

A branch from the initial schema (features add their tables side by side; ``localdb.migrate`` applies every head).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 00:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "import_batch",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("committed_at", sa.DateTime(), nullable=False),
        sa.Column("officer_id", sa.String(length=36), nullable=True),
        sa.Column("officer_name", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=260), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("sheet", sa.String(length=100), nullable=False),
        sa.Column("layout_hash", sa.String(length=64), nullable=False),
        sa.Column("new_count", sa.Integer(), nullable=False),
        sa.Column("changed_count", sa.Integer(), nullable=False),
        sa.Column("unchanged_count", sa.Integer(), nullable=False),
        sa.Column("conflict_count", sa.Integer(), nullable=False),
        sa.Column("rejected_count", sa.Integer(), nullable=False),
        sa.Column("warning_count", sa.Integer(), nullable=False),
        sa.Column("inserted_operators", sa.Text(), nullable=False),
        sa.Column("inserted_carriers", sa.Text(), nullable=False),
        sa.Column("last_audit_id", sa.Integer(), nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.Column("undone_by", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "import_batch_row",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("entity_type", sa.String(length=16), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("before", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["batch_id"], ["import_batch.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("import_batch_row", schema=None) as batch_op:
        batch_op.create_index("ix_import_batch_row_batch", ["batch_id"], unique=False)
    op.create_table(
        "import_mapping",
        sa.Column("layout_hash", sa.String(length=64), nullable=False),
        sa.Column("headers", sa.Text(), nullable=False),
        sa.Column("mapping", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("layout_hash"),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("import_mapping")
    with op.batch_alter_table("import_batch_row", schema=None) as batch_op:
        batch_op.drop_index("ix_import_batch_row_batch")
    op.drop_table("import_batch_row")
    op.drop_table("import_batch")
