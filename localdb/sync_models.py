"""Local tables of the sync engine: the outbox, the sync state, and the mirror of pulled station documents.

* ``sync_outbox``: one row per change a user action made, written in the same transaction as the change
  (localdb/sync_capture.py). ``seq`` is the local, never reused order; the wire seq is ``seq - seq_offset`` of the
  sync state (the offset changes only when the data dir turns out to be a copy and registers as a new device).
* ``sync_state``: exactly one row (id 1) once the data dir was first synced: which server and station it belongs to,
  the device id, the server epoch, the resting pull cursor and the last receipt.
* ``sync_document``: the server's view of the station's documents (proposals, inspections, evidence) as last pulled,
  with their versions: verify compares its checksums, and the conflict view reads proposals' decisions from it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from localdb.clock import local_now
from localdb.models import Base

PENDING = "pending"
"""Not sent yet (may still be merged with a later edit of the same record)."""
SENT = "sent"
"""Handed to the server; the answer has not been recorded (a retry resends it unchanged)."""
APPLIED = "applied"
REJECTED = "rejected"
OUTBOX_STATES = (PENDING, SENT, APPLIED, REJECTED)


class OutboxEntry(Base):
    """One mutation for the server, in the order the user made the changes."""

    __tablename__ = "sync_outbox"
    __table_args__ = (
        Index("ix_sync_outbox_state", "state", "seq"),
        Index("ix_sync_outbox_entity", "entity", "entity_id"),
        {"sqlite_autoincrement": True},
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(16))
    base_version: Mapped[int | None] = mapped_column(Integer, default=None)
    payload: Mapped[str] = mapped_column(Text, default="{}")
    """The mutation's ``data`` as JSON."""
    created_at: Mapped[datetime] = mapped_column(DateTime, default=local_now)
    """Client time of the change (data, not order)."""
    state: Mapped[str] = mapped_column(String(16), default=PENDING)
    code: Mapped[str | None] = mapped_column(String(32), default=None)
    reason: Mapped[str | None] = mapped_column(Text, default=None)
    result: Mapped[str | None] = mapped_column(Text, default=None)
    """The server's result for this entry (JSON), once recorded."""


class SyncState(Base):
    """Which server and station the data dir belongs to, and where sync stands (one row, id 1)."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    server_url: Mapped[str] = mapped_column(String(500))
    station_id: Mapped[str] = mapped_column(String(36))
    station_code: Mapped[str] = mapped_column(String(64), default="")
    username: Mapped[str] = mapped_column(String(64), default="")
    device_id: Mapped[str] = mapped_column(String(36))
    seq_offset: Mapped[int] = mapped_column(Integer, default=0)
    epoch: Mapped[str] = mapped_column(String(64), default="")
    cursor: Mapped[str | None] = mapped_column(Text, default=None)
    position: Mapped[int] = mapped_column(Integer, default=0)
    last_pushed_seq: Mapped[int] = mapped_column(Integer, default=0)
    index_pending: Mapped[int] = mapped_column(Integer, default=0)
    """1 while rows of a full pull are applied without search-index entries (they are indexed once at its end)."""
    verified_digests: Mapped[str | None] = mapped_column(Text, default=None)
    """The checksums that matched at the last verify (JSON), to skip recomputing when nothing changed."""
    last_receipt: Mapped[str | None] = mapped_column(Text, default=None)
    last_sync_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)


class SyncDocument(Base):
    """A station document as the server last sent it (operator proposals, inspections, evidence)."""

    __tablename__ = "sync_document"

    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    deleted: Mapped[int] = mapped_column(Integer, default=0)
    data: Mapped[str | None] = mapped_column(Text, default=None)
