"""Plain records that cross from the inspection services to the UI: never ORM objects, never sessions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

# --- checklist templates ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LegalBasis:
    """One legal basis of an item: the law (or regulation) and the article, e.g. 中华人民共和国电子商务法 / 第十五条."""

    law: str
    article: str


@dataclass(frozen=True)
class TemplateItem:
    """One checklist item of a pinned template version."""

    code: str
    position: int
    question: str
    legal_basis: tuple[LegalBasis, ...]
    methods: tuple[str, ...]
    answer_type: str
    required: bool
    evidence_required: bool
    """Evidence must be attached to this item when it is answered 不符合."""
    weight: int
    guidance: str = ""


@dataclass(frozen=True)
class TemplateInfo:
    """One version of a checklist template."""

    id: str
    code: str
    version: int
    title: str
    content_hash: str
    item_count: int


@dataclass(frozen=True)
class TemplateDetail:
    """A template version with its items, in order."""

    info: TemplateInfo
    description: str
    subject: str
    items: tuple[TemplateItem, ...]


@dataclass(frozen=True)
class TemplateLoadReport:
    """What loading the shipped templates did."""

    added: tuple[TemplateInfo, ...] = ()
    unchanged: int = 0
    pruned: int = 0
    """Old versions removed because nothing uses them any more."""


# --- tasks and the draw ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetFilter:
    """Which operators of the register are candidates of a task; ``None`` means "any"."""

    subject_type: str | None = None
    carrier_kind: str | None = None
    platform: str | None = None
    credit_class: str | None = None


@dataclass(frozen=True)
class SampleSpec:
    """How many objects to draw: a fixed ``count``, a ``percent`` of the pool, or per credit class percentages.

    With ``percent_by_class`` (e.g. D 30 / C 10 / B 2 / A 1) the draw is stratified by credit class; classes not
    listed (and operators not yet classified, key ``""``) are drawn at ``percent`` (0 when ``None``).
    Each stratum gives ``ceil(size × percent / 100)`` objects.
    """

    count: int | None = None
    percent: Decimal | None = None
    percent_by_class: Mapping[str, Decimal] = field(default_factory=dict)

    @property
    def stratified(self) -> bool:
        return bool(self.percent_by_class)


@dataclass(frozen=True)
class TaskDraft:
    """The editable fields of an inspection task."""

    number: str
    name: str
    template_id: str
    sample: SampleSpec
    target: TargetFilter = TargetFilter()
    due_date: date | None = None
    notes: str = ""


@dataclass(frozen=True)
class TaskRow:
    """One line of the task list."""

    id: str
    number: str
    name: str
    template_title: str
    template_version: int
    due_date: date | None
    state: str
    targets: int
    finalized: int
    """How many drawn objects have a finalized inspection record."""


@dataclass(frozen=True)
class TaskTargetRecord:
    """A drawn object and its two officers."""

    id: str
    position: int
    operator_id: str
    operator_name: str
    identifier: str
    stratum: str
    officer_ids: tuple[str, ...]
    officer_names: tuple[str, ...]
    inspection_id: str | None
    inspection_state: str | None


@dataclass(frozen=True)
class DrawSummary:
    """What the draw of a task stored (the auditable facts)."""

    id: str
    algorithm: str
    seed: str
    drawn_at: datetime
    drawn_by_name: str
    pool_size: int
    pool_hash: str
    officers_hash: str
    conflicts_hash: str
    result_hash: str
    picked: int
    unassigned: int
    """Drawn objects for which fewer than two officers were free of conflicts: assign them by hand."""


@dataclass(frozen=True)
class TaskDetail:
    """Everything the task view shows."""

    row: TaskRow
    draft: TaskDraft
    draw: DrawSummary | None
    targets: tuple[TaskTargetRecord, ...]


@dataclass(frozen=True)
class PoolPreview:
    """The candidates a draw would use now, and how many it would pick per stratum."""

    size: int
    by_class: Mapping[str, int]
    planned: Mapping[str, int]
    """Objects to draw per stratum (``"*"`` when not stratified)."""
    officers: int


@dataclass(frozen=True)
class DrawVerification:
    """The answer of ``verify-draw``: does the stored draw follow from its stored inputs?"""

    task_id: str
    task_number: str
    matches: bool
    problems: tuple[str, ...]
    """English templates (context ``Inspections``) naming each mismatch."""
    registry_unchanged: bool
    """Whether the register still gives exactly the stored candidate pool (information, not a failure)."""
    pool_added: int = 0
    pool_removed: int = 0


@dataclass(frozen=True)
class ConflictRecord:
    """An officer who must not inspect an operator (回避)."""

    id: str
    officer_id: str
    officer_name: str
    operator_id: str
    operator_name: str
    reason: str


# --- inspection records ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InspectionFilter:
    """What the inspection list narrows to; ``None`` means "any"."""

    state: str | None = None
    operator_id: str | None = None
    task_id: str | None = None
    include_discarded: bool = False


@dataclass(frozen=True)
class InspectionRow:
    """One line of the inspection list."""

    id: str
    state: str
    kind: str
    subject_name: str
    subject_identifier: str
    carrier_summary: str
    task_number: str
    started_at: datetime | None
    ended_at: datetime | None
    officer_names: tuple[str, ...]
    result_categories: tuple[str, ...]
    change_state: str
    amends_id: str | None
    superseded: bool
    """A finalized amendment replaces this record."""
    discarded: bool


@dataclass(frozen=True)
class OfficerOnRecord:
    """An officer on an inspection record, with the 执法证号 (live for drafts, snapshotted when finalized)."""

    officer_id: str
    name: str
    cert_no: str
    position: int
    active: bool


@dataclass(frozen=True)
class Answer:
    """The answer to one item."""

    item_code: str
    value: str
    note: str


@dataclass(frozen=True)
class EvidenceMeta:
    """The elements recorded with a piece of electronic evidence (电子数据取证暂行规定)."""

    captured_at: datetime | None = None
    source_url: str = ""
    device: str = ""
    method: str = ""
    officer_id: str | None = None
    description: str = ""
    item_code: str | None = None
    """The item this evidence proves, or ``None`` for the record as a whole."""
    file_name: str = ""


@dataclass(frozen=True)
class EvidenceRecord:
    """One piece of evidence on a record."""

    id: str
    inspection_id: str
    item_code: str | None
    sha256: str
    sm3: str
    size: int
    media_type: str
    file_name: str
    captured_at: datetime | None
    source_url: str
    device: str
    method: str
    officer_id: str | None
    description: str
    added_at: datetime


@dataclass(frozen=True)
class EvidenceAdded:
    """The result of adding a file."""

    record: EvidenceRecord
    stored_new: bool
    """False when the same bytes were already stored (content-addressed: kept once)."""
    already_attached: bool
    """True when this file was already attached to the same record and item: nothing was added."""


@dataclass(frozen=True)
class InspectionDetail:
    """Everything the inspection form shows."""

    id: str
    state: str
    kind: str
    operator_id: str
    carrier_id: str | None
    task_id: str | None
    task_target_id: str | None
    template: TemplateInfo
    items: tuple[TemplateItem, ...]
    """The items of the *pinned* template version."""
    subject_name: str
    subject_identifier_type: str
    subject_identifier: str
    subject_address: str
    subject_legal_representative: str
    subject_phone: str
    carrier_summary: str
    started_at: datetime | None
    ended_at: datetime | None
    place: str
    methods: tuple[str, ...]
    result_categories: tuple[str, ...]
    follow_up: str
    follow_up_note: str
    rectification_deadline: date | None
    party_opinion: str
    people_present: str
    recorder_id: str | None
    notes: str
    officers: tuple[OfficerOnRecord, ...]
    answers: Mapping[str, Answer]
    evidence: tuple[EvidenceRecord, ...]
    amends_id: str | None
    amendment_reason: str
    reinspection_of_id: str | None
    finalized_at: datetime | None
    finalized_by_name: str
    superseded_by: str | None
    """The finalized amendment that replaces this record, if any."""
    change_state: str


@dataclass(frozen=True)
class FinalizeResult:
    """What finalizing did."""

    inspection_id: str
    seq: int
    link: str
    rectification_id: str | None = None
    """Opened because the follow-up is 责令限期整改."""
    closed_rectification_id: str | None = None
    """Closed because this re-inspection found every failed item 符合."""
    extended_rectification_id: str | None = None
    """Extended because this re-inspection ordered rectification again, with a new deadline."""


@dataclass(frozen=True)
class ChainProblem:
    """The first broken link of the hash chain."""

    seq: int | None
    inspection_id: str
    kind: str
    """``record_changed``, ``link_changed``, ``prev_mismatch``, ``record_missing``, ``not_linked`` or
    ``sequence_gap``."""


@dataclass(frozen=True)
class EvidenceProblem:
    """An evidence file that is missing or whose bytes no longer match their hashes."""

    evidence_id: str
    inspection_id: str
    sha256: str
    kind: str
    """``missing`` or ``damaged``."""


@dataclass(frozen=True)
class VerifyReport:
    """The answer of ``verify``."""

    links_checked: int
    first_broken: ChainProblem | None
    evidence_checked: int
    evidence_problems: tuple[EvidenceProblem, ...]

    @property
    def ok(self) -> bool:
        return self.first_broken is None and not self.evidence_problems


# --- rectification and dashboard ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RectificationRecord:
    """An order to rectify and where it stands."""

    id: str
    inspection_id: str
    operator_id: str
    subject_name: str
    carrier_summary: str
    item_codes: tuple[str, ...]
    requirement: str
    deadline: date
    original_deadline: date
    extensions: int
    state: str
    status: str
    """``closed``, ``overdue``, ``due_soon`` or ``open`` (as of the day asked about)."""
    days_left: int
    closed_at: datetime | None
    closed_by_inspection_id: str | None


@dataclass(frozen=True)
class FailedItem:
    """An item found 不符合 that the re-inspection checks again."""

    code: str
    question: str
    value: str
    note: str


@dataclass(frozen=True)
class DayCount:
    """Per-day figures for the dashboard chart."""

    day: date
    inspections: int
    problems: int


@dataclass(frozen=True)
class DashboardFigures:
    """Today's work at a glance (工作台)."""

    today: date
    drafts: int
    tasks_due: int
    """Open or drawn tasks due within the due-soon window (overdue ones included)."""
    tasks_overdue: int
    rectifications_open: int
    rectifications_due_soon: int
    rectifications_overdue: int
    not_uploaded: int
    """Finalized records the provincial platform does not have yet (``change_state`` not ``synced``)."""
    month_inspections: int
    month_problems: int
    month_operators: int
    daily: tuple[DayCount, ...]
    """One entry per day of the month up to today."""
