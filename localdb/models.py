"""Typed SQLAlchemy 2.0 models of the station's local database.

Every synchronisable record has a client-generated UUID primary key and the bookkeeping the sync engine needs
(``SyncColumns``): who created it (``origin``), the last version seen from the server, and the local change state.
Which side owns a field is declared once, on the column, as ``info={"owner": PROVINCE}``: registry core fields
belong to the province and a station's edit of them is a proposal (see ../shared/design.md, "Sync").

Vocabularies (subject type, identifier type, credit class, carrier kind…) are stored as short English codes; the
app layer (app/vocab.py) defines them and their Chinese labels, so this layer stays free of UI concerns.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    event,
    func,
    select,
    text,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import DeclarativeBase, Mapped, Mapper, mapped_column, relationship

from localdb.clock import local_now
from localdb.ids import new_uuid

PROVINCE = "province"
"""Owner marker: the field belongs to the provincial register; a station's change is a proposal."""
STATION = "station"
"""Owner marker: the field belongs to the station."""


class Base(DeclarativeBase):
    """Declarative base of all local tables."""


class SyncColumns:
    """Columns every synchronisable record carries."""

    origin: Mapped[str] = mapped_column(String(16), default=STATION)
    """Who created the record: ``province`` (pulled) or ``station`` (created here)."""
    server_version: Mapped[int | None] = mapped_column(Integer, default=None)
    """The server's version of the record when last pulled or acknowledged; ``None`` until the server knows it."""
    change_state: Mapped[str] = mapped_column(String(16), default="new", index=True)
    """``synced``, ``new``, ``modified`` or ``deleted``: what the outbox still has to tell the server."""
    created_at: Mapped[datetime] = mapped_column(DateTime, default=local_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=local_now, onupdate=local_now)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    """Soft delete: the row stays (audit, sync tombstone) but is hidden from lists."""
    deleted_reason: Mapped[str | None] = mapped_column(Text, default=None)


class Station(Base):
    """The station this database belongs to (exactly one row)."""

    __tablename__ = "station"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    region_code: Mapped[str] = mapped_column(String(6))
    """Six-digit administrative division code of the county."""
    created_at: Mapped[datetime] = mapped_column(DateTime, default=local_now)


class Officer(SyncColumns, Base):
    """A staff member who uses the desk; every change is attributed to one."""

    __tablename__ = "officer"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    station_id: Mapped[str] = mapped_column(ForeignKey("station.id"))
    name: Mapped[str] = mapped_column(String(64))
    cert_no: Mapped[str] = mapped_column(String(64), default="")
    """执法证号, enforcement certificate number: no national format, kept as text."""
    role: Mapped[str] = mapped_column(String(32), default="officer")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Operator(SyncColumns, Base):
    """A business subject (经营主体) in the station's register."""

    __tablename__ = "operator"
    __table_args__ = (
        # Partial covering indexes: the registry's default list (live operators sorted by a column) is read
        # straight from an index, without touching 100,000 wide encrypted rows.
        Index("ix_operator_live_name", "name_initials", "name", "id", sqlite_where=text("deleted_at IS NULL")),
        *(
            Index(f"ix_operator_live_{name}", name, "id", sqlite_where=text("deleted_at IS NULL"))
            for name in ("identifier", "credit_class", "subject_type", "updated_at")
        ),
        Index("ix_operator_identifier", "identifier_type", "identifier"),
        Index("ix_operator_ident_only", "identifier"),
        Index("ix_operator_name", "name"),
        Index("ix_operator_initials", "name_initials"),
        Index("ix_operator_credit", "credit_class"),
        Index("ix_operator_subject", "subject_type"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    search_rowid: Mapped[int] = mapped_column(Integer, unique=True)
    """Stable integer key of the operator's row in the full-text index (rowids of a text-keyed table move on
    VACUUM, so the index cannot use them)."""
    station_id: Mapped[str] = mapped_column(ForeignKey("station.id"))
    subject_type: Mapped[str] = mapped_column(String(16), info={"owner": PROVINCE})
    identifier_type: Mapped[str] = mapped_column(String(16), info={"owner": PROVINCE})
    identifier: Mapped[str] = mapped_column(String(32), default="", info={"owner": PROVINCE})
    identifier_override: Mapped[str | None] = mapped_column(Text, default=None)
    """Why a code that fails its check character was saved anyway (the user's reason, also in the audit log)."""
    name: Mapped[str] = mapped_column(String(200), info={"owner": PROVINCE})
    name_initials: Mapped[str] = mapped_column(String(200), default="")
    """Pinyin initials of the name (昆明… → km…), so ``kmdz`` finds 昆明某某电子; derived by the app layer."""
    legal_representative: Mapped[str] = mapped_column(String(64), default="", info={"owner": PROVINCE})
    registered_address: Mapped[str] = mapped_column(String(300), default="", info={"owner": PROVINCE})
    business_address: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(100), default="")
    business_scope: Mapped[str] = mapped_column(Text, default="", info={"owner": PROVINCE})
    founded_on: Mapped[date | None] = mapped_column(Date, default=None, info={"owner": PROVINCE})
    registration_status: Mapped[str] = mapped_column(String(32), default="存续", info={"owner": PROVINCE})
    registering_authority: Mapped[str] = mapped_column(String(200), default="", info={"owner": PROVINCE})
    credit_class: Mapped[str] = mapped_column(String(1), default="", info={"owner": PROVINCE})
    """信用风险分类 A 低 / B 一般 / C 较高 / D 高; empty when not yet classified."""
    abnormal_listed: Mapped[bool] = mapped_column(Boolean, default=False, info={"owner": PROVINCE})
    abnormal_reason: Mapped[str] = mapped_column(Text, default="", info={"owner": PROVINCE})
    abnormal_date: Mapped[date | None] = mapped_column(Date, default=None, info={"owner": PROVINCE})
    serious_violation: Mapped[bool] = mapped_column(Boolean, default=False, info={"owner": PROVINCE})
    serious_violation_reason: Mapped[str] = mapped_column(Text, default="", info={"owner": PROVINCE})
    serious_violation_date: Mapped[date | None] = mapped_column(Date, default=None, info={"owner": PROVINCE})
    notes: Mapped[str] = mapped_column(Text, default="")

    carriers: Mapped[list[Carrier]] = relationship(back_populates="operator", order_by="Carrier.kind")
    licenses: Mapped[list[License]] = relationship(back_populates="operator", order_by="License.kind")


class Carrier(SyncColumns, Base):
    """An online presence (载体) of an operator: shop, website, official account, mini-program, app, live room."""

    __tablename__ = "carrier"
    __table_args__ = (
        Index("ix_carrier_operator", "operator_id"),
        Index("ix_carrier_kind", "kind", "operator_id"),
        Index("ix_carrier_platform", "platform", "operator_id"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    operator_id: Mapped[str] = mapped_column(ForeignKey("operator.id"))
    kind: Mapped[str] = mapped_column(String(16))
    platform: Mapped[str] = mapped_column(String(32), default="")
    shop_name: Mapped[str] = mapped_column(String(200), default="")
    shop_id: Mapped[str] = mapped_column(String(100), default="")
    url: Mapped[str] = mapped_column(String(500), default="")
    icp_filing: Mapped[str] = mapped_column(String(64), default="")
    license_display: Mapped[str] = mapped_column(String(16), default="unchecked")
    """亮照 state found at the last check: ``unchecked``, ``shown``, ``incomplete`` or ``missing``."""
    first_seen: Mapped[date | None] = mapped_column(Date, default=None)
    last_verified: Mapped[date | None] = mapped_column(Date, default=None)
    status: Mapped[str] = mapped_column(String(16), default="active")

    operator: Mapped[Operator] = relationship(back_populates="carriers")


class License(SyncColumns, Base):
    """A licence or permit the operator must display (亮证), e.g. a food business licence ``JY…``."""

    __tablename__ = "license"
    __table_args__ = (Index("ix_license_operator", "operator_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    operator_id: Mapped[str] = mapped_column(ForeignKey("operator.id"))
    kind: Mapped[str] = mapped_column(String(64))
    number: Mapped[str] = mapped_column(String(64), default="")
    issuer: Mapped[str] = mapped_column(String(200), default="")
    valid_from: Mapped[date | None] = mapped_column(Date, default=None)
    valid_until: Mapped[date | None] = mapped_column(Date, default=None)

    operator: Mapped[Operator] = relationship(back_populates="licenses")


class AuditLog(Base):
    """Append-only record of who changed what: one row per changed field (triggers refuse UPDATE and DELETE)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_entity", "entity_type", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    """Monotonic order of the log; client clocks are wrong, so ``at`` is data, not order."""
    at: Mapped[datetime] = mapped_column(DateTime, default=local_now)
    officer_id: Mapped[str | None] = mapped_column(String(36), default=None)
    officer_name: Mapped[str] = mapped_column(String(64), default="")
    entity_type: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(16))
    """``create``, ``update``, ``delete`` or ``override`` (a warning accepted with a reason)."""
    field: Mapped[str | None] = mapped_column(String(64), default=None)
    before: Mapped[str | None] = mapped_column(Text, default=None)
    after: Mapped[str | None] = mapped_column(Text, default=None)
    reason: Mapped[str | None] = mapped_column(Text, default=None)


@event.listens_for(Operator, "before_insert")
def _assign_search_rowid(_mapper: Mapper[Operator], connection: Connection, target: Operator) -> None:
    """Give a new operator the next free full-text key unless the caller (a bulk loader) already did."""
    if not target.search_rowid:  # rowids start at 1; unset is None at runtime
        current = connection.scalar(select(func.max(Operator.search_rowid)))
        target.search_rowid = (current or 0) + 1


# -- Ledger import (issue 4): import batches with the before-images undo restores, remembered column mappings --


class ImportBatch(Base):
    """One committed ledger import: where it came from, what it counted, and what undoing it must remove.

    Inserted rows are listed by id (newline-separated: one text value instead of 100,000 rows); the before-images
    of changed rows are :class:`ImportBatchRow` rows. Audit entries written by the import have ids up to
    ``last_audit_id``, so undo can tell whether anything touched the imported rows afterwards.
    """

    __tablename__ = "import_batch"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    committed_at: Mapped[datetime] = mapped_column(DateTime, default=local_now)
    officer_id: Mapped[str | None] = mapped_column(String(36), default=None)
    officer_name: Mapped[str] = mapped_column(String(64), default="")
    file_name: Mapped[str] = mapped_column(String(260))
    file_sha256: Mapped[str] = mapped_column(String(64))
    sheet: Mapped[str] = mapped_column(String(100), default="")
    layout_hash: Mapped[str] = mapped_column(String(64), default="")
    new_count: Mapped[int] = mapped_column(Integer, default=0)
    changed_count: Mapped[int] = mapped_column(Integer, default=0)
    unchanged_count: Mapped[int] = mapped_column(Integer, default=0)
    conflict_count: Mapped[int] = mapped_column(Integer, default=0)
    rejected_count: Mapped[int] = mapped_column(Integer, default=0)
    warning_count: Mapped[int] = mapped_column(Integer, default=0)
    inserted_operators: Mapped[str] = mapped_column(Text, default="")
    """Ids of the operators the import created, one per line."""
    inserted_carriers: Mapped[str] = mapped_column(Text, default="")
    """Ids of the carriers the import created (also under operators that existed before), one per line."""
    last_audit_id: Mapped[int] = mapped_column(Integer, default=0)
    outbox_first: Mapped[int | None] = mapped_column(Integer, default=None)
    outbox_last: Mapped[int | None] = mapped_column(Integer, default=None)
    """The outbox entries (seq range) the import wrote; undo removes them while none has been sent."""
    undone_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    undone_by: Mapped[str | None] = mapped_column(String(64), default=None)


class ImportBatchRow(Base):
    """The before-image of one row an import changed: every column's raw stored value, as JSON."""

    __tablename__ = "import_batch_row"
    __table_args__ = (Index("ix_import_batch_row_batch", "batch_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    batch_id: Mapped[str] = mapped_column(ForeignKey("import_batch.id"))
    entity_type: Mapped[str] = mapped_column(String(16))
    """``operator`` or ``carrier``."""
    entity_id: Mapped[str] = mapped_column(String(36))
    before: Mapped[str] = mapped_column(Text)


class ImportMapping(Base):
    """A column mapping the user confirmed, remembered for every ledger with the same header layout."""

    __tablename__ = "import_mapping"

    layout_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    headers: Mapped[str] = mapped_column(Text)
    """The header labels (JSON list), to show which layout this is."""
    mapping: Mapped[str] = mapped_column(Text)
    """Column index → field key (JSON object)."""
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=local_now, onupdate=local_now)
