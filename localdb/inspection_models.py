"""Typed models of inspections: checklist templates, tasks and their random draws, inspection records with answers
and evidence links, the hash chain of finalized records, rectifications, and the officer–operator conflict links.

Every table carries the sync bookkeeping of :class:`localdb.models.SyncColumns`: inspections belong to the station
and will be synchronised like the registry. Vocabulary values that are official wording (result categories,
follow-up measures, methods, the 符合/不符合/不适用 answers) are stored verbatim, as data; the app layer
(app/inspections/vocabulary.py) defines them. Lists (methods, result categories) are canonical JSON text.

Evidence *bytes* do not live here: they go to a second encrypted file (``evidence.db``, :class:`EvidenceBase`) so
the station database and its backups stay small. The link rows here carry each file's SHA-256 and SM3.

This module is imported by localdb/migrations/env.py (and by the app's inspection services), never by
localdb/models.py, so the registry schema does not depend on it.
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
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from localdb.clock import local_now
from localdb.ids import new_uuid
from localdb.models import Base, SyncColumns

DRAFT = "draft"
"""State of an inspection record that may still be edited."""
FINALIZED = "finalized"
"""State of an inspection record that is read-only and linked into the hash chain."""

GENESIS_LINK = "0" * 64
"""The ``prev_link`` of the first link of the chain."""


class ChecklistTemplate(SyncColumns, Base):
    """One version of a checklist (检查表): immutable once loaded; a change is a new version with a new hash."""

    __tablename__ = "checklist_template"
    __table_args__ = (UniqueConstraint("code", "version", name="uq_checklist_template_version"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    code: Mapped[str] = mapped_column(String(64))
    """Stable name of the checklist across versions, e.g. ``ecommerce-license-display``."""
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    content_hash: Mapped[str] = mapped_column(String(64))
    """SHA-256 (hex) of ``content``: the canonical JSON of the template document."""
    content: Mapped[str] = mapped_column(Text)
    """The whole template as canonical JSON (sorted keys, no spaces, UTF-8): what the hash covers."""
    source: Mapped[str] = mapped_column(String(16), default="shipped")
    """``shipped`` (resources/checklists) or ``custom`` (added by the station or pulled from the province)."""


class ChecklistItem(SyncColumns, Base):
    """One item (检查事项) of a template version, unpacked from the template's JSON for queries."""

    __tablename__ = "checklist_item"
    __table_args__ = (UniqueConstraint("template_id", "code", name="uq_checklist_item_code"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    template_id: Mapped[str] = mapped_column(ForeignKey("checklist_template.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(32))
    question: Mapped[str] = mapped_column(Text)
    legal_basis: Mapped[str] = mapped_column(Text, default="[]")
    """JSON list of ``{"law": …, "article": …}``."""
    methods: Mapped[str] = mapped_column(Text, default="[]")
    """JSON list of the 核查方式 this item is usually checked by."""
    answer_type: Mapped[str] = mapped_column(String(16))
    """``conformity`` (符合/不符合/不适用), ``text``, ``number`` or ``date``."""
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    evidence_required: Mapped[bool] = mapped_column(Boolean, default=False)
    """Evidence must be attached to the item when the answer is 不符合."""
    weight: Mapped[int] = mapped_column(Integer, default=1)
    guidance: Mapped[str] = mapped_column(Text, default="")


class OfficerConflict(SyncColumns, Base):
    """A reason an officer must not inspect an operator (回避): kin, former employer, a complaint between them…"""

    __tablename__ = "officer_conflict"
    __table_args__ = (Index("ix_officer_conflict_pair", "officer_id", "operator_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    officer_id: Mapped[str] = mapped_column(ForeignKey("officer.id"))
    operator_id: Mapped[str] = mapped_column(ForeignKey("operator.id"), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")


class InspectionTask(SyncColumns, Base):
    """An inspection task (抽查任务): what to check, on whom, how many, by when."""

    __tablename__ = "inspection_task"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    number: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    template_id: Mapped[str] = mapped_column(ForeignKey("checklist_template.id"), index=True)
    due_date: Mapped[date | None] = mapped_column(Date, default=None)
    sample_spec: Mapped[str] = mapped_column(Text)
    """Canonical JSON: ``{"count": n}``, ``{"percent": "3"}`` or ``{"percent": "1", "by_class": {"D": "30", …}}``."""
    target_filter: Mapped[str] = mapped_column(Text, default="{}")
    """Canonical JSON of the filter over the registry: subject type, carrier kind, platform, credit class."""
    notes: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(16), default="open")
    """``open`` (not drawn yet), ``drawn`` or ``closed``."""
    created_by_id: Mapped[str | None] = mapped_column(String(36), default=None)
    created_by_name: Mapped[str] = mapped_column(String(64), default="")


class TaskDraw(SyncColumns, Base):
    """The random draw of a task, with everything needed to recompute it: seed, pools, their hashes, the result."""

    __tablename__ = "task_draw"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    task_id: Mapped[str] = mapped_column(ForeignKey("inspection_task.id"), unique=True)
    algorithm: Mapped[str] = mapped_column(String(32))
    seed: Mapped[str] = mapped_column(String(64))
    drawn_at: Mapped[datetime] = mapped_column(DateTime)
    """The desk's clock at the draw (data, not order: laptop clocks are wrong)."""
    drawn_by_id: Mapped[str | None] = mapped_column(String(36), default=None)
    drawn_by_name: Mapped[str] = mapped_column(String(64), default="")
    spec: Mapped[str] = mapped_column(Text)
    """Canonical JSON of the sample spec and target filter as they were at the draw."""
    pool: Mapped[str] = mapped_column(Text)
    """Canonical JSON list of ``[operator_id, credit_class]``, ordered by id: the candidate pool."""
    pool_size: Mapped[int] = mapped_column(Integer)
    pool_hash: Mapped[str] = mapped_column(String(64))
    officers: Mapped[str] = mapped_column(Text)
    """Canonical JSON list of the ids of the officers that could be drawn, ordered."""
    officers_hash: Mapped[str] = mapped_column(String(64))
    conflicts: Mapped[str] = mapped_column(Text)
    """Canonical JSON list of ``[officer_id, operator_id]`` conflict pairs (回避) within the pools, ordered."""
    conflicts_hash: Mapped[str] = mapped_column(String(64))
    result: Mapped[str] = mapped_column(Text)
    """Canonical JSON of the drawn objects and their officers, in draw order."""
    result_hash: Mapped[str] = mapped_column(String(64))


class TaskTarget(SyncColumns, Base):
    """One drawn object of a task and the two officers drawn for it."""

    __tablename__ = "task_target"
    __table_args__ = (UniqueConstraint("task_id", "operator_id", name="uq_task_target_operator"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    task_id: Mapped[str] = mapped_column(ForeignKey("inspection_task.id"), index=True)
    draw_id: Mapped[str] = mapped_column(ForeignKey("task_draw.id"))
    position: Mapped[int] = mapped_column(Integer)
    operator_id: Mapped[str] = mapped_column(ForeignKey("operator.id"), index=True)
    stratum: Mapped[str] = mapped_column(String(8), default="")
    officer_a_id: Mapped[str | None] = mapped_column(ForeignKey("officer.id"), default=None)
    officer_b_id: Mapped[str | None] = mapped_column(ForeignKey("officer.id"), default=None)


class Inspection(SyncColumns, Base):
    """An inspection record (检查记录 / 现场检查笔录): a draft while being filled in, then finalized (read-only).

    The template is pinned by id, version and hash: a newer template never re-interprets this record. A
    correction of a finalized record is a new record with ``amends_id`` and a reason.
    """

    __tablename__ = "inspection"
    __table_args__ = (
        Index("ix_inspection_state", "state", "deleted_at"),
        Index("ix_inspection_ended", "ended_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    kind: Mapped[str] = mapped_column(String(16), default="targeted")
    """``random`` (双随机), ``targeted``, ``complaint``, ``campaign`` or ``reinspection``."""
    state: Mapped[str] = mapped_column(String(16), default=DRAFT)
    operator_id: Mapped[str] = mapped_column(ForeignKey("operator.id"), index=True)
    carrier_id: Mapped[str | None] = mapped_column(ForeignKey("carrier.id"), default=None)
    task_id: Mapped[str | None] = mapped_column(ForeignKey("inspection_task.id"), default=None, index=True)
    task_target_id: Mapped[str | None] = mapped_column(ForeignKey("task_target.id"), default=None)
    template_id: Mapped[str] = mapped_column(ForeignKey("checklist_template.id"), index=True)
    template_code: Mapped[str] = mapped_column(String(64))
    template_version: Mapped[int] = mapped_column(Integer)
    template_hash: Mapped[str] = mapped_column(String(64))
    amends_id: Mapped[str | None] = mapped_column(ForeignKey("inspection.id"), default=None, index=True)
    amendment_reason: Mapped[str] = mapped_column(Text, default="")
    reinspection_of_id: Mapped[str | None] = mapped_column(String(36), default=None, index=True)
    """The rectification this record re-inspects (no database-level key: the two tables refer to each other)."""

    subject_name: Mapped[str] = mapped_column(String(200), default="")
    """Snapshot of the operator as inspected (the register changes later; the record must not)."""
    subject_identifier_type: Mapped[str] = mapped_column(String(16), default="")
    subject_identifier: Mapped[str] = mapped_column(String(32), default="")
    subject_address: Mapped[str] = mapped_column(String(300), default="")
    subject_legal_representative: Mapped[str] = mapped_column(String(64), default="")
    subject_phone: Mapped[str] = mapped_column(String(100), default="")
    carrier_summary: Mapped[str] = mapped_column(Text, default="")
    """Snapshot of the carrier as inspected: platform, shop name, shop id, URL."""

    started_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    place: Mapped[str] = mapped_column(Text, default="")
    methods: Mapped[str] = mapped_column(Text, default="[]")
    result_categories: Mapped[str] = mapped_column(Text, default="[]")
    follow_up: Mapped[str] = mapped_column(String(64), default="")
    follow_up_note: Mapped[str] = mapped_column(Text, default="")
    rectification_deadline: Mapped[date | None] = mapped_column(Date, default=None)
    party_opinion: Mapped[str] = mapped_column(Text, default="")
    people_present: Mapped[str] = mapped_column(Text, default="")
    recorder_id: Mapped[str | None] = mapped_column(ForeignKey("officer.id"), default=None)
    notes: Mapped[str] = mapped_column(Text, default="")

    created_by_id: Mapped[str | None] = mapped_column(String(36), default=None)
    created_by_name: Mapped[str] = mapped_column(String(64), default="")
    edited_by_id: Mapped[str | None] = mapped_column(String(36), default=None)
    finalized_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    finalized_by_id: Mapped[str | None] = mapped_column(String(36), default=None)
    finalized_by_name: Mapped[str] = mapped_column(String(64), default="")


class InspectionOfficer(SyncColumns, Base):
    """An officer on an inspection; name and 执法证号 are snapshotted at finalizing."""

    __tablename__ = "inspection_officer"
    __table_args__ = (UniqueConstraint("inspection_id", "officer_id", name="uq_inspection_officer"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    inspection_id: Mapped[str] = mapped_column(ForeignKey("inspection.id"), index=True)
    officer_id: Mapped[str] = mapped_column(ForeignKey("officer.id"))
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(64), default="")
    cert_no: Mapped[str] = mapped_column(String(64), default="")


class InspectionAnswer(SyncColumns, Base):
    """The answer to one checklist item of an inspection (by the item's code in the pinned template)."""

    __tablename__ = "inspection_answer"
    __table_args__ = (UniqueConstraint("inspection_id", "item_code", name="uq_inspection_answer_item"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    inspection_id: Mapped[str] = mapped_column(ForeignKey("inspection.id"), index=True)
    item_id: Mapped[str] = mapped_column(ForeignKey("checklist_item.id"))
    item_code: Mapped[str] = mapped_column(String(32))
    value: Mapped[str] = mapped_column(Text, default="")
    """符合 / 不符合 / 不适用, or the text, number (decimal text) or ISO date; empty while unanswered."""
    note: Mapped[str] = mapped_column(Text, default="")


class InspectionEvidence(SyncColumns, Base):
    """A piece of electronic evidence attached to an inspection (or one of its items); the bytes live in evidence.db.

    The elements the 电子数据取证暂行规定 asks for: source URL, capture time, device/tool, method, the officer and
    the integrity hashes.
    """

    __tablename__ = "inspection_evidence"
    __table_args__ = (Index("ix_inspection_evidence_sha", "sha256"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    inspection_id: Mapped[str] = mapped_column(ForeignKey("inspection.id"), index=True)
    item_code: Mapped[str | None] = mapped_column(String(32), default=None)
    """The checklist item it proves, or ``None`` for the record as a whole."""
    sha256: Mapped[str] = mapped_column(String(64))
    sm3: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(255), default="")
    captured_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    source_url: Mapped[str] = mapped_column(Text, default="")
    device: Mapped[str] = mapped_column(String(200), default="")
    method: Mapped[str] = mapped_column(String(64), default="")
    officer_id: Mapped[str | None] = mapped_column(ForeignKey("officer.id"), default=None)
    description: Mapped[str] = mapped_column(Text, default="")
    added_at: Mapped[datetime] = mapped_column(DateTime)


class InspectionChainLink(SyncColumns, Base):
    """One link of the hash chain over finalized records: ``link = SHA-256(prev_link, record, evidence hashes)``.

    Append-only (triggers refuse UPDATE and DELETE); ``prev_link`` is unique, so the chain cannot fork.
    """

    __tablename__ = "inspection_chain"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    inspection_id: Mapped[str] = mapped_column(ForeignKey("inspection.id"), unique=True)
    prev_link: Mapped[str] = mapped_column(String(64), unique=True)
    record_hash: Mapped[str] = mapped_column(String(64))
    """SHA-256 of the record's canonical JSON alone (tells a changed record from a changed link)."""
    link: Mapped[str] = mapped_column(String(64), unique=True)
    linked_at: Mapped[datetime] = mapped_column(DateTime)


class Rectification(SyncColumns, Base):
    """An order to rectify within a deadline (责令限期整改) and its follow-up until a re-inspection closes it."""

    __tablename__ = "rectification"
    __table_args__ = (Index("ix_rectification_open", "state", "deadline"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    inspection_id: Mapped[str] = mapped_column(ForeignKey("inspection.id"), unique=True)
    operator_id: Mapped[str] = mapped_column(ForeignKey("operator.id"), index=True)
    carrier_id: Mapped[str | None] = mapped_column(ForeignKey("carrier.id"), default=None)
    item_codes: Mapped[str] = mapped_column(Text, default="[]")
    """JSON list of the codes of the items found 不符合: what the re-inspection checks again."""
    requirement: Mapped[str] = mapped_column(Text, default="")
    deadline: Mapped[date] = mapped_column(Date)
    original_deadline: Mapped[date] = mapped_column(Date)
    extensions: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[str] = mapped_column(String(16), default="open")
    """``open`` or ``closed``; due-soon and overdue are computed from the deadline."""
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    closed_by_inspection_id: Mapped[str | None] = mapped_column(ForeignKey("inspection.id"), default=None)
    close_note: Mapped[str] = mapped_column(Text, default="")


# --- evidence.db: a second SQLCipher file with the same key ------------------------------------------------------
EVIDENCE_SCHEMA_VERSION = 1
"""``PRAGMA user_version`` of evidence.db this build writes; a file with a higher one is refused."""

EVIDENCE_CHUNK_BYTES = 1024 * 1024
"""Evidence bytes are stored in chunks of this size, so a large video never needs one huge row."""


class EvidenceBase(DeclarativeBase):
    """Declarative base of evidence.db (its own metadata: Alembic never touches that file)."""


class EvidenceBlob(EvidenceBase):
    """One evidence file's bytes, content-addressed: the same file added twice is stored once."""

    __tablename__ = "evidence_blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    sm3: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(64))
    chunks: Mapped[int] = mapped_column(Integer)
    stored_at: Mapped[datetime] = mapped_column(DateTime, default=local_now)


class EvidenceChunk(EvidenceBase):
    """A slice of an evidence file's bytes, in order."""

    __tablename__ = "evidence_chunk"

    sha256: Mapped[str] = mapped_column(ForeignKey("evidence_blob.sha256", ondelete="CASCADE"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
