"""Typed SQLAlchemy 2.0 models of the provincial server's own database (SQLite or PostgreSQL).

The server shares no storage code with the desktop client: only the wire schemas in ``sync.protocol``. Times are
naive UTC (``utcnow()``), the server's clock: a client's clock never orders anything.

Sync bookkeeping:

* every record that travels (``SyncedRecord``) has an integer ``version`` (1 on creation, +1 per change) and is
  soft-deleted (``deleted_at``), so deletions travel as tombstones;
* ``ChangeLog`` is the commit-ordered sequence pull reads (see server/changes.py for how numbers are assigned);
* ``StationDigest`` keeps, per station and entity, the live count and the XOR checksum verify reports, updated in
  the same transaction as every change;
* ``Device.last_seq`` and ``AppliedMutation`` make push idempotent: both are written in the mutation's transaction.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

JsonType = JSON().with_variant(JSONB(), "postgresql")
"""JSON documents: JSONB on PostgreSQL, JSON text on SQLite."""
IntPk = BigInteger().with_variant(Integer(), "sqlite")
"""Auto-incrementing surrogate keys: SQLite only aliases the rowid for ``INTEGER PRIMARY KEY``."""


def utcnow() -> datetime:
    """The server's clock, as naive UTC (both databases store it the same way)."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    """Declarative base of the server's tables."""


class ServerState(Base):
    """Exactly one row: the database's identity and the change-sequence counter."""

    __tablename__ = "server_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    epoch: Mapped[str] = mapped_column(String(32))
    """Random id made with the database; ``admin rotate-epoch`` replaces it after a restore from backup."""
    change_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    """Last change-log sequence number handed out; its row lock makes numbers follow commit order."""
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Station(Base):
    """A grassroots station (基层所); every user, device and record belongs to one."""

    __tablename__ = "station"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    region_code: Mapped[str] = mapped_column(String(6), default="")
    pruned_through: Mapped[int] = mapped_column(BigInteger, default=0)
    """Tombstones up to this change sequence number were pruned: an older cursor must resync (410)."""
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class AppUser(Base):
    """A person who logs in; reaches the data of exactly one station."""

    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(IntPk, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    """argon2id PHC string; the password itself is never stored or logged."""
    station_id: Mapped[str] = mapped_column(ForeignKey("station.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    password_changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Device(Base):
    """A client installation (one data dir) registered by logging in; holds the idempotency high-water mark."""

    __tablename__ = "device"
    __table_args__ = (UniqueConstraint("station_id", "device_id", name="uq_device_station_device"),)

    id: Mapped[int] = mapped_column(IntPk, primary_key=True, autoincrement=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("station.id"))
    device_id: Mapped[str] = mapped_column(String(36))
    name: Mapped[str] = mapped_column(String(100), default="")
    client_version: Mapped[str] = mapped_column(String(32), default="")
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    """Highest seq applied or rejected for this device; written in the same transaction as that mutation."""
    last_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class AuthToken(Base):
    """An access or refresh token, stored only as its SHA-256; refresh tokens rotate within a family."""

    __tablename__ = "auth_token"
    __table_args__ = (Index("ix_auth_token_family", "family"),)

    id: Mapped[int] = mapped_column(IntPk, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(8))
    """``access`` or ``refresh``."""
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    device_pk: Mapped[int] = mapped_column(ForeignKey("device.id"))
    family: Mapped[str] = mapped_column(String(32))
    """All tokens descending from one login; reuse of a rotated refresh token revokes the whole family."""
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    used_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    """When a refresh token was exchanged (rotated); a second use is a reuse."""
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)


class LoginFailure(Base):
    """A failed login, keyed by a hash of username and client address, for the rate limit."""

    __tablename__ = "login_failure"
    __table_args__ = (Index("ix_login_failure_key_at", "key", "at"),)

    id: Mapped[int] = mapped_column(IntPk, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class AppliedMutation(Base):
    """The recorded outcome of every processed ``(device, seq)``: what a retry is answered with."""

    __tablename__ = "applied_mutation"
    __table_args__ = (UniqueConstraint("device_pk", "seq", name="uq_applied_mutation_device_seq"),)

    id: Mapped[int] = mapped_column(IntPk, primary_key=True, autoincrement=True)
    device_pk: Mapped[int] = mapped_column(ForeignKey("device.id"))
    seq: Mapped[int] = mapped_column(BigInteger)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), default=None)
    entity: Mapped[str] = mapped_column(String(24))
    entity_id: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    """``applied`` or ``rejected``."""
    code: Mapped[str | None] = mapped_column(String(32), default=None)
    reason: Mapped[str | None] = mapped_column(Text, default=None)
    version: Mapped[int | None] = mapped_column(Integer, default=None)
    current_version: Mapped[int | None] = mapped_column(Integer, default=None)
    fingerprint: Mapped[str] = mapped_column(String(64))
    """SHA-256 of the mutation's canonical JSON: the same seq with other content means a copied database."""
    client_time: Mapped[str | None] = mapped_column(String(40), default=None)
    applied_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SyncedRecord:
    """Columns of every record that travels through pull."""

    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    deleted_reason: Mapped[str | None] = mapped_column(Text, default=None)
    writer_device_pk: Mapped[int | None] = mapped_column(Integer, default=None)
    """The device whose mutation made the current version (``None``: the province); used for conflict checks."""


class Operator(SyncedRecord, Base):
    """经营主体 in the provincial register, assigned to one station's slice."""

    __tablename__ = "operator"
    __table_args__ = (Index("ix_operator_identifier", "identifier_type", "identifier"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("station.id"), index=True)
    origin: Mapped[str] = mapped_column(String(16), default="province")
    """``province``, or ``station`` while a station's new-operator proposal is pending."""
    subject_type: Mapped[str] = mapped_column(String(16))
    identifier_type: Mapped[str] = mapped_column(String(16))
    identifier: Mapped[str] = mapped_column(String(32), default="")
    identifier_override: Mapped[str | None] = mapped_column(Text, default=None)
    name: Mapped[str] = mapped_column(String(200))
    legal_representative: Mapped[str] = mapped_column(String(64), default="")
    registered_address: Mapped[str] = mapped_column(String(300), default="")
    business_address: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(100), default="")
    business_scope: Mapped[str] = mapped_column(Text, default="")
    founded_on: Mapped[date | None] = mapped_column(Date, default=None)
    registration_status: Mapped[str] = mapped_column(String(32), default="存续")
    registering_authority: Mapped[str] = mapped_column(String(200), default="")
    credit_class: Mapped[str] = mapped_column(String(1), default="")
    abnormal_listed: Mapped[bool] = mapped_column(Boolean, default=False)
    abnormal_reason: Mapped[str] = mapped_column(Text, default="")
    abnormal_date: Mapped[date | None] = mapped_column(Date, default=None)
    serious_violation: Mapped[bool] = mapped_column(Boolean, default=False)
    serious_violation_reason: Mapped[str] = mapped_column(Text, default="")
    serious_violation_date: Mapped[date | None] = mapped_column(Date, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")


class Carrier(SyncedRecord, Base):
    """载体: an operator's shop, website, account, mini-program, app or live room."""

    __tablename__ = "carrier"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    operator_id: Mapped[str] = mapped_column(ForeignKey("operator.id"), index=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("station.id"), index=True)
    """Always the operator's station (denormalised so pull and verify filter without a join)."""
    origin: Mapped[str] = mapped_column(String(16), default="province")
    """``province`` (registry) or ``station`` (found by the station's officers; the station owns every field)."""
    kind: Mapped[str] = mapped_column(String(16))
    platform: Mapped[str] = mapped_column(String(32), default="")
    shop_name: Mapped[str] = mapped_column(String(200), default="")
    shop_id: Mapped[str] = mapped_column(String(100), default="")
    url: Mapped[str] = mapped_column(String(500), default="")
    icp_filing: Mapped[str] = mapped_column(String(64), default="")
    license_display: Mapped[str] = mapped_column(String(16), default="unchecked")
    first_seen: Mapped[date | None] = mapped_column(Date, default=None)
    last_verified: Mapped[date | None] = mapped_column(Date, default=None)
    status: Mapped[str] = mapped_column(String(16), default="active")


class License(SyncedRecord, Base):
    """许可证 of an operator (province-owned, pull only)."""

    __tablename__ = "license"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    operator_id: Mapped[str] = mapped_column(ForeignKey("operator.id"), index=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("station.id"), index=True)
    origin: Mapped[str] = mapped_column(String(16), default="province")
    kind: Mapped[str] = mapped_column(String(64))
    number: Mapped[str] = mapped_column(String(64), default="")
    issuer: Mapped[str] = mapped_column(String(200), default="")
    valid_from: Mapped[date | None] = mapped_column(Date, default=None)
    valid_until: Mapped[date | None] = mapped_column(Date, default=None)


class Proposal(SyncedRecord, Base):
    """A station's proposed change to a province operator, or a new operator it found; the province decides."""

    __tablename__ = "operator_proposal"
    __table_args__ = (Index("ix_proposal_status", "status", "station_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("station.id"), index=True)
    device_pk: Mapped[int | None] = mapped_column(ForeignKey("device.id"), default=None)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), default=None)
    kind: Mapped[str] = mapped_column(String(8))
    """``update`` or ``create``."""
    operator_id: Mapped[str] = mapped_column(String(36), index=True)
    base_version: Mapped[int | None] = mapped_column(Integer, default=None)
    """The operator version the station saw; acceptance of a stale proposal needs ``--force``."""
    fields: Mapped[dict[str, Any]] = mapped_column(JsonType)
    base_values: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    reason: Mapped[str] = mapped_column(Text, default="")
    identifier_override: Mapped[str | None] = mapped_column(Text, default=None)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    """``pending``, ``accepted`` or ``rejected``."""
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(64), default="")
    decided_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)


class Inspection(SyncedRecord, Base):
    """A station-owned inspection document; the payload is stored as the client sent it."""

    __tablename__ = "inspection"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("station.id"), index=True)
    status: Mapped[str] = mapped_column(String(8))
    """``draft`` or ``final`` (final is immutable)."""
    amends: Mapped[str | None] = mapped_column(ForeignKey("inspection.id"), default=None, index=True)
    operator_id: Mapped[str | None] = mapped_column(String(36), default=None, index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JsonType)
    created_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), default=None)
    finalized_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    rectification: Mapped[dict[str, Any] | None] = mapped_column(JsonType, default=None)
    """The current state of the order to rectify this finalized inspection opened (``RectificationData``), as the
    last ``rectify`` sent it; ``None`` when there is none. Kept beside the payload, which never changes once final."""


class Blob(Base):
    """A content-addressed file in the blob store (bytes on disk, never in the database)."""

    __tablename__ = "blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class BlobOwner(Base):
    """Which station uploaded a blob: a station sees (HEAD/GET) and references only its own uploads."""

    __tablename__ = "blob_owner"

    station_id: Mapped[str] = mapped_column(ForeignKey("station.id"), primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("blob.sha256"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Evidence(SyncedRecord, Base):
    """Metadata of one evidence file of an inspection; immutable once stored."""

    __tablename__ = "evidence"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("station.id"), index=True)
    inspection_id: Mapped[str] = mapped_column(ForeignKey("inspection.id"), index=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("blob.sha256"))
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    filename: Mapped[str] = mapped_column(String(255), default="")
    captured_at: Mapped[str | None] = mapped_column(String(40), default=None)
    source_url: Mapped[str] = mapped_column(Text, default="")
    sm3: Mapped[str | None] = mapped_column(String(64), default=None)
    meta: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)


class ChangeLog(Base):
    """The commit-ordered change sequence that pull pages through.

    Per station and record there are at most two rows: the record's first appearance in the station's slice
    (``is_first``, kept so a child never precedes its parent for a client starting from an older cursor) and its
    latest change (earlier non-first rows are deleted when a newer change is logged).
    """

    __tablename__ = "change_log"
    __table_args__ = (
        Index("ix_change_log_station_seq", "station_id", "seq"),
        Index("ix_change_log_record", "station_id", "entity", "entity_id"),
    )

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    station_id: Mapped[str] = mapped_column(String(36))
    entity: Mapped[str] = mapped_column(String(24))
    entity_id: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(8))
    """``upsert`` or ``delete`` (the record left the station's slice or was deleted)."""
    is_first: Mapped[bool] = mapped_column(Boolean)
    first_seq: Mapped[int] = mapped_column(BigInteger)
    """Seq of the record's first row in this station's slice (equals ``seq`` on that row)."""
    committed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class StationDigest(Base):
    """Live count and XOR checksum of (id, version) per station and entity, kept current by every change."""

    __tablename__ = "station_digest"

    station_id: Mapped[str] = mapped_column(ForeignKey("station.id"), primary_key=True)
    entity: Mapped[str] = mapped_column(String(24), primary_key=True)
    count: Mapped[int] = mapped_column(BigInteger, default=0)
    checksum: Mapped[str] = mapped_column(String(16), default="0000000000000000")
