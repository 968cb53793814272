"""Sync: the outbox, the sync state and the mirror of pulled station documents.

A branch from the initial schema (each feature adds its own branch).

Revision ID: 0004
Revises: 0001
Create Date: 2026-11-23 00:30:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_outbox",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("entity_id", sa.String(36), nullable=False),
        sa.Column("op", sa.String(16), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("code", sa.String(32), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("result", sa.Text(), nullable=True),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_sync_outbox_state", "sync_outbox", ["state", "seq"])
    op.create_index("ix_sync_outbox_entity", "sync_outbox", ["entity", "entity_id"])
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("server_url", sa.String(500), nullable=False),
        sa.Column("station_id", sa.String(36), nullable=False),
        sa.Column("station_code", sa.String(64), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("seq_offset", sa.Integer(), nullable=False),
        sa.Column("epoch", sa.String(64), nullable=False),
        sa.Column("cursor", sa.Text(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("last_pushed_seq", sa.Integer(), nullable=False),
        sa.Column("index_pending", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("verified_digests", sa.Text(), nullable=True),
        sa.Column("last_receipt", sa.Text(), nullable=True),
        sa.Column("last_sync_at", sa.DateTime(), nullable=True),
    )
    op.create_table(
        "sync_document",
        sa.Column("entity", sa.String(32), primary_key=True),
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Integer(), nullable=False),
        sa.Column("data", sa.Text(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("sync_document")
    op.drop_table("sync_state")
    op.drop_index("ix_sync_outbox_entity", table_name="sync_outbox")
    op.drop_index("ix_sync_outbox_state", table_name="sync_outbox")
    op.drop_table("sync_outbox")
