"""The operator register (经营主体台账): listing, search, detail, and audited create / edit / soft delete.

Each write is one transaction: the operator's row, its full-text entry (kept by triggers) and one audit entry per
changed field commit together or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, fields
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import audit
from app.errors import NeedsOverrideReason, NotFound, ValidationFailed
from app.pinyin import name_initials
from app.records import (
    Actor,
    AuditEntry,
    CarrierRecord,
    LicenseRecord,
    OperatorDetail,
    OperatorDraft,
    OperatorFilter,
    OperatorRow,
)
from app.registry_rules import deletion_reason_missing, validate_draft
from app.sync_status import SyncStatus, status_of
from app.validation import Finding, normalize_code
from localdb import operator_queries, operator_search
from localdb.database import Database
from localdb.models import AuditLog, Operator, Station

DRAFT_FIELDS = tuple(f.name for f in fields(OperatorDraft))

SEARCH_LIMIT = 500
"""Most results a search returns: a list longer than this is not read by anybody; refine the query instead."""


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


class RegistryService:
    """Use cases of the registry view; takes the open database through its constructor."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # -- reading --------------------------------------------------------------------------------------------
    def list_ids(self, flt: OperatorFilter, sort: str = "name", descending: bool = False) -> list[str]:
        """Ids of all operators passing the filter, sorted (the table fetches rows lazily by id)."""
        with self._db.reader() as session:
            return operator_queries.list_ids(session, flt, sort, descending)

    def search_ids(self, query: str, flt: OperatorFilter, limit: int = SEARCH_LIMIT) -> list[str]:
        """Ids matching the search text, best first (exact identifier, then name, then other fields)."""
        query = " ".join(query.split())
        if not query:
            return []
        code = normalize_code(query)  # an identifier typed with a Chinese IME arrives in full-width characters
        if len(code) < 2 or not code.isascii():
            code = ""
        with self._db.reader() as session:
            return operator_search.search_ids(session, query, flt, limit, code=code)

    def rows(self, ids: Sequence[str]) -> list[OperatorRow]:
        """Table rows for these ids, in the same order."""
        with self._db.reader() as session:
            operators = operator_queries.fetch(session, ids)
            counts, facts = operator_queries.carriers_and_sync(session, {op.id: op.change_state for op in operators})
            return [self._row(op, counts.get(op.id, 0), status_of(facts[op.id])) for op in operators]

    def count(self, flt: OperatorFilter | None = None) -> int:
        """How many live operators pass the filter."""
        with self._db.reader() as session:
            return operator_queries.count(session, flt or OperatorFilter())

    def detail(self, operator_id: str) -> OperatorDetail:
        """Everything the detail panel shows."""
        with self._db.reader() as session:
            op = self._get(session, operator_id)
            history = session.scalars(
                select(AuditLog)
                .where(AuditLog.entity_type == "operator", AuditLog.entity_id == operator_id)
                .order_by(AuditLog.id.desc())
            )
            return OperatorDetail(
                id=op.id,
                draft=OperatorDraft(**{name: getattr(op, name) for name in DRAFT_FIELDS}),
                identifier_override=op.identifier_override,
                deleted_reason=op.deleted_reason,
                carriers=[
                    CarrierRecord(
                        id=c.id,
                        kind=c.kind,
                        platform=c.platform,
                        shop_name=c.shop_name,
                        shop_id=c.shop_id,
                        url=c.url,
                        icp_filing=c.icp_filing,
                        license_display=c.license_display,
                        first_seen=c.first_seen,
                        last_verified=c.last_verified,
                        status=c.status,
                    )
                    for c in op.carriers
                    if c.deleted_at is None
                ],
                licenses=[
                    LicenseRecord(
                        id=lic.id,
                        kind=lic.kind,
                        number=lic.number,
                        issuer=lic.issuer,
                        valid_from=lic.valid_from,
                        valid_until=lic.valid_until,
                    )
                    for lic in op.licenses
                    if lic.deleted_at is None
                ],
                history=[
                    AuditEntry(
                        at=entry.at,
                        officer_name=entry.officer_name,
                        action=entry.action,
                        field=entry.field,
                        before=entry.before,
                        after=entry.after,
                        reason=entry.reason,
                    )
                    for entry in history
                ],
            )

    # -- writing --------------------------------------------------------------------------------------------
    def check(self, draft: OperatorDraft, operator_id: str | None = None) -> tuple[OperatorDraft, list[Finding]]:
        """Normalise and validate a draft without saving: the dialog shows each finding next to its field."""
        with self._db.reader() as session:
            clean, findings = validate_draft(session, draft, operator_id)
            if operator_id and self._accepted_override(self._get(session, operator_id), draft):
                findings = [f for f in findings if not (f.severity == "warning" and f.field == "identifier")]
            return clean, findings

    def create(self, draft: OperatorDraft, actor: Actor, override_reason: str = "") -> str:
        """Add an operator; returns its new id.

        Raises :class:`ValidationFailed` on any error and :class:`NeedsOverrideReason` when only warnings remain
        and no reason was given; nothing is written in either case.
        """
        with self._db.transaction() as session:
            clean = self._validated(session, draft, None, override_reason)
            op = Operator(station_id=self._station_id(session), **self._columns(clean))
            op.identifier_override = override_reason or None
            session.add(op)
            session.flush()
            audit(session, actor, "operator", op.id, "create", after=clean.name)
            if override_reason:
                audit(
                    session, actor, "operator", op.id, "override", "identifier", None, clean.identifier, override_reason
                )
            return op.id

    def update(self, operator_id: str, draft: OperatorDraft, actor: Actor, override_reason: str = "") -> int:
        """Save an edit; returns how many fields changed (each gets an audit entry).

        A code saved earlier with a reason keeps that reason while the code itself is unchanged, so editing a
        phone number does not ask for it again.
        """
        with self._db.transaction() as session:
            op = self._get(session, operator_id)
            accepted = self._accepted_override(op, draft)
            clean = self._validated(session, draft, operator_id, override_reason or accepted or "")
            changed = 0
            for name, value in self._columns(clean).items():
                before = getattr(op, name)
                if before != value:
                    setattr(op, name, value)
                    if name != "name_initials":
                        audit(session, actor, "operator", op.id, "update", name, _text(before), _text(value))
                        changed += 1
            if override_reason:
                op.identifier_override = override_reason
                audit(
                    session, actor, "operator", op.id, "override", "identifier", None, clean.identifier, override_reason
                )
            elif accepted is None:
                op.identifier_override = None
            if changed and op.change_state == "synced":
                op.change_state = "modified"
            return changed

    def delete(self, operator_id: str, actor: Actor, reason: str) -> None:
        """Soft-delete with a reason: the row stays for the audit trail and the sync tombstone."""
        reason = reason.strip()
        if not reason:
            raise ValidationFailed([deletion_reason_missing()])
        with self._db.transaction() as session:
            op = self._get(session, operator_id)
            if op.deleted_at is not None:
                return
            op.deleted_at = datetime.now()
            op.deleted_reason = reason
            op.change_state = "deleted" if op.server_version is not None else op.change_state
            audit(session, actor, "operator", op.id, "delete", before=op.name, reason=reason)

    # -- helpers --------------------------------------------------------------------------------------------
    def _validated(
        self, session: Session, draft: OperatorDraft, operator_id: str | None, override_reason: str
    ) -> OperatorDraft:
        clean, findings = validate_draft(session, draft, operator_id)
        errors = [f for f in findings if f.severity == "error"]
        if errors:
            raise ValidationFailed(errors)
        warnings = [f for f in findings if f.severity == "warning"]
        if warnings and not override_reason.strip():
            raise NeedsOverrideReason(warnings)
        return clean

    @staticmethod
    def _accepted_override(op: Operator, draft: OperatorDraft) -> str | None:
        """The reason saved earlier for this operator's code, while the code and its type are unchanged."""
        unchanged = normalize_code(draft.identifier) == op.identifier and draft.identifier_type == op.identifier_type
        return op.identifier_override if unchanged else None

    @staticmethod
    def _columns(draft: OperatorDraft) -> dict[str, Any]:
        values = asdict(draft)
        values["name_initials"] = name_initials(draft.name)
        return values

    @staticmethod
    def _get(session: Session, operator_id: str) -> Operator:
        op = session.get(Operator, operator_id)
        if op is None:
            raise NotFound(operator_id)
        return op

    @staticmethod
    def _station_id(session: Session) -> str:
        station_id = session.scalar(select(Station.id).limit(1))
        if station_id is None:
            raise NotFound("station")
        return station_id

    @staticmethod
    def _row(op: Operator, carrier_count: int, sync: SyncStatus) -> OperatorRow:
        return OperatorRow(
            id=op.id,
            name=op.name,
            identifier_type=op.identifier_type,
            identifier=op.identifier,
            subject_type=op.subject_type,
            legal_representative=op.legal_representative,
            phone=op.phone,
            business_address=op.business_address or op.registered_address,
            credit_class=op.credit_class,
            abnormal_listed=op.abnormal_listed,
            serious_violation=op.serious_violation,
            carrier_count=carrier_count,
            flagged=op.identifier_override is not None,
            deleted=op.deleted_at is not None,
            sync=sync,
        )
