"""What a dry run found: one item per operator of the ledger, its status and its changes, before anything is written.

The wizard shows these items, the error report lists the problem ones and the commit writes them, so they are
plain data shared by all three; :mod:`app.ledger.classify` decides them. Values are kept both as the app uses them
and in the form SQLite stores them (:func:`to_raw`, :func:`from_raw`), so comparison with the register and the
before-images an undo restores are exact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Final

from app.ledger.headers import Mapping
from app.ledger.parse import Issue
from app.ledger.snapshot import StateMark
from app.validation import Severity
from localdb.models import Carrier, Operator

OPERATOR_COLUMNS: Final = tuple(c.name for c in Operator.__table__.columns)
CARRIER_COLUMNS: Final = tuple(c.name for c in Carrier.__table__.columns)
DATE_FIELDS: Final = frozenset({"founded_on", "abnormal_date", "serious_violation_date", "first_seen", "last_verified"})
BOOL_FIELDS: Final = frozenset({"abnormal_listed", "serious_violation"})


class Status(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"
    REJECTED = "rejected"


def to_raw(value: Any) -> Any:
    """A value in the form SQLite stores it (dates as ISO text, flags as 0/1)."""
    if value is None or type(value) is str:  # most values: one cheap test (this runs for every imported cell)
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def from_raw(field_name: str, raw: Any) -> Any:
    """A stored value as the app uses it (dates, flags)."""
    if raw is None:
        return None
    if field_name in DATE_FIELDS:
        return date.fromisoformat(str(raw)[:10])
    if field_name in BOOL_FIELDS:
        return bool(raw)
    return raw


@dataclass(frozen=True)
class FieldChange:
    """One field an import changes: raw stored values before and after."""

    field: str
    before: Any
    after: Any


@dataclass(slots=True)
class CarrierPlan:
    """A carrier to add (``carrier_id`` is None: ``values`` is complete) or to change (``values``: changed fields)."""

    carrier_id: str | None
    values: dict[str, Any]
    changes: list[FieldChange] = field(default_factory=list)
    label: str = ""


@dataclass(slots=True)
class PreviewItem:
    """One operator of the ledger (or one unreadable row) and what the import would do with it."""

    status: Status
    rows: list[int]
    name: str
    identifier: str = ""
    operator_id: str | None = None
    values: dict[str, Any] = field(default_factory=dict)
    """NEW: every operator field; CHANGED: the changed fields only (python values)."""
    changes: list[FieldChange] = field(default_factory=list)
    carriers: list[CarrierPlan] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    override: bool = False
    """The code has warnings (a failing check character) and is kept with the import as the reason."""
    clear_override: bool = False
    """The code changed to one without warnings: a reason kept for the old code no longer applies."""

    @property
    def has_warnings(self) -> bool:
        return bool(self.issues) and any(i.finding.severity is Severity.WARNING for i in self.issues)


@dataclass
class Counts:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    conflicts: int = 0
    rejected: int = 0
    warnings: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "new": self.new,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "conflicts": self.conflicts,
            "rejected": self.rejected,
            "warnings": self.warnings,
        }


@dataclass
class Preview:
    """The dry run of one sheet: every item, and what the commit needs to check and record."""

    file_name: str
    sheet: str
    file_sha256: str
    layout_hash: str
    labels: list[str]
    mapping: Mapping
    items: list[PreviewItem]
    mark: StateMark
    station_id: str
    skipped_notes: int = 0

    def counts(self) -> Counts:
        counts = Counts()
        for item in self.items:
            if item.status is Status.NEW:
                counts.new += 1
            elif item.status is Status.CHANGED:
                counts.changed += 1
            elif item.status is Status.UNCHANGED:
                counts.unchanged += 1
            elif item.status is Status.CONFLICT:
                counts.conflicts += 1
            else:
                counts.rejected += 1
            if item.status in (Status.NEW, Status.CHANGED, Status.UNCHANGED) and item.has_warnings:
                counts.warnings += 1
        return counts

    @property
    def writes(self) -> bool:
        """Whether committing would change anything."""
        return any(item.status in (Status.NEW, Status.CHANGED) for item in self.items)

    def problem_items(self) -> list[PreviewItem]:
        """Items the error report lists: rejected and conflicting ones, and those with warnings."""
        return [item for item in self.items if item.status in (Status.REJECTED, Status.CONFLICT) or item.has_warnings]
