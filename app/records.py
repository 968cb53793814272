"""Plain records that cross from the services to the UI: never ORM objects, never sessions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app.sync_status import SYNCED_STATUS, SyncStatus
from localdb.operator_queries import SORTABLE, OperatorFilter

__all__ = [
    "SORTABLE",
    "Actor",
    "AuditEntry",
    "CarrierRecord",
    "LicenseRecord",
    "OfficerRecord",
    "OperatorDetail",
    "OperatorDraft",
    "OperatorFilter",
    "OperatorRow",
]


@dataclass(frozen=True)
class OfficerRecord:
    """A staff member of the station."""

    id: str
    name: str
    cert_no: str
    role: str
    active: bool


@dataclass(frozen=True)
class Actor:
    """Who is doing the change (the officer chosen at start); every audit entry names them."""

    officer_id: str
    name: str


@dataclass(frozen=True)
class OperatorRow:
    """One line of the registry table."""

    id: str
    name: str
    identifier_type: str
    identifier: str
    subject_type: str
    legal_representative: str
    phone: str
    business_address: str
    credit_class: str
    abnormal_listed: bool
    serious_violation: bool
    carrier_count: int
    flagged: bool
    """The identifier fails its check character and was saved with a reason."""
    deleted: bool
    sync: SyncStatus = SYNCED_STATUS
    """Where the operator (with its carriers and proposals) stands with the provincial platform."""


@dataclass(frozen=True)
class OperatorDraft:
    """The editable fields of an operator, as the add/edit dialog fills them in."""

    name: str
    subject_type: str
    identifier_type: str
    identifier: str = ""
    legal_representative: str = ""
    registered_address: str = ""
    business_address: str = ""
    phone: str = ""
    business_scope: str = ""
    founded_on: date | None = None
    registration_status: str = "存续"
    registering_authority: str = ""
    credit_class: str = ""
    abnormal_listed: bool = False
    abnormal_reason: str = ""
    abnormal_date: date | None = None
    serious_violation: bool = False
    serious_violation_reason: str = ""
    serious_violation_date: date | None = None
    notes: str = ""


@dataclass(frozen=True)
class CarrierRecord:
    """An online presence of an operator."""

    id: str
    kind: str
    platform: str
    shop_name: str
    shop_id: str
    url: str
    icp_filing: str
    license_display: str
    first_seen: date | None
    last_verified: date | None
    status: str


@dataclass(frozen=True)
class LicenseRecord:
    """A licence or permit of an operator."""

    id: str
    kind: str
    number: str
    issuer: str
    valid_from: date | None
    valid_until: date | None


@dataclass(frozen=True)
class AuditEntry:
    """One field-level change in the audit history."""

    at: datetime
    officer_name: str
    action: str
    field: str | None
    before: str | None
    after: str | None
    reason: str | None


@dataclass(frozen=True)
class OperatorDetail:
    """Everything the detail panel shows about one operator."""

    id: str
    draft: OperatorDraft
    identifier_override: str | None
    deleted_reason: str | None
    carriers: list[CarrierRecord] = field(default_factory=list)
    licenses: list[LicenseRecord] = field(default_factory=list)
    history: list[AuditEntry] = field(default_factory=list)
