"""Starting an inspection draft (on an operator, or on a drawn object of a 双随机 task) and discarding one.

A new draft copies what the record must show about the operator as it is now (:func:`snapshot_subject`; finalizing
copies it again) and pins the exact checklist version. Discarding is a soft delete with a reason, written to the
audit log; a finalized record is never discarded (corrections are amendments, app/inspections/finalize.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from app.audit import audit
from app.errors import ValidationFailed
from app.inspections import findings as f
from app.inspections.common import get
from app.inspections.evidence import editable
from app.inspections.templates import latest_version
from app.inspections.vocabulary import InspectionKind
from app.records import Actor
from localdb.database import Database
from localdb.inspection_models import (
    DRAFT,
    ChecklistTemplate,
    Inspection,
    InspectionOfficer,
    InspectionTask,
    TaskTarget,
)
from localdb.models import Carrier, Officer, Operator


def carrier_summary(carrier: Carrier | None) -> str:
    """The carrier as one line for the record: platform, shop name, shop id, URL."""
    if carrier is None:
        return ""
    parts = [carrier.platform, carrier.shop_name, carrier.shop_id and f"ID {carrier.shop_id}", carrier.url]
    return " · ".join(p for p in parts if p)


def snapshot_subject(record: Inspection, operator: Operator, carrier: Carrier | None) -> None:
    """Copy what the record must show about the operator (and carrier) as it is now."""
    record.subject_name = operator.name
    record.subject_identifier_type = operator.identifier_type
    record.subject_identifier = operator.identifier
    record.subject_address = operator.business_address or operator.registered_address
    record.subject_legal_representative = operator.legal_representative
    record.subject_phone = operator.phone
    record.carrier_summary = carrier_summary(carrier)


def new_draft(
    session: Session,
    actor: Actor,
    operator_id: str,
    template: ChecklistTemplate,
    *,
    carrier_id: str | None = None,
    task_id: str | None = None,
    task_target_id: str | None = None,
    kind: str = InspectionKind.TARGETED,
    officer_ids: Sequence[str] = (),
    reinspection_of_id: str | None = None,
) -> Inspection:
    """Insert a draft record (in the caller's transaction)."""
    operator = session.get(Operator, operator_id)
    if operator is None or operator.deleted_at is not None:
        raise ValidationFailed([f.error("operator", "operator.gone", f.T_OPERATOR_GONE)])
    carrier = carrier_of(session, operator_id, carrier_id)
    record = Inspection(
        kind=kind,
        state=DRAFT,
        operator_id=operator_id,
        carrier_id=carrier_id,
        task_id=task_id,
        task_target_id=task_target_id,
        template_id=template.id,
        template_code=template.code,
        template_version=template.version,
        template_hash=template.content_hash,
        reinspection_of_id=reinspection_of_id,
        created_by_id=actor.officer_id,
        created_by_name=actor.name,
        edited_by_id=actor.officer_id,
    )
    snapshot_subject(record, operator, carrier)
    session.add(record)
    session.flush()
    for position, officer_id in enumerate(dict.fromkeys(officer_ids), start=1):
        officer = session.get(Officer, officer_id)
        if officer is not None and officer.active and officer.deleted_at is None:
            session.add(
                InspectionOfficer(
                    inspection_id=record.id,
                    officer_id=officer_id,
                    position=position,
                    name=officer.name,
                    cert_no=officer.cert_no,
                )
            )
    session.flush()
    audit(session, actor, "inspection", record.id, "create", None, None, operator.name)
    return record


def carrier_of(session: Session, operator_id: str, carrier_id: str | None) -> Carrier | None:
    """The live carrier ``carrier_id`` of the operator (``None``: the operator as a whole), else ValidationFailed."""
    if carrier_id is None:
        return None
    carrier = session.get(Carrier, carrier_id)
    if carrier is None or carrier.operator_id != operator_id or carrier.deleted_at is not None:
        raise ValidationFailed([f.error("carrier", "carrier.other", f.T_CARRIER_OTHER)])
    return carrier


class DraftLifecycle:
    """Starting and discarding drafts (part of :class:`app.inspections.records.InspectionService`)."""

    _db: Database

    def create_draft(
        self,
        operator_id: str,
        actor: Actor,
        *,
        template_id: str | None = None,
        template_code: str | None = None,
        carrier_id: str | None = None,
        kind: str = InspectionKind.TARGETED,
        officer_ids: Sequence[str] = (),
    ) -> str:
        """Start a draft on an operator (optionally one of its carriers) with a template version.

        ``template_id`` pins an exact version; ``template_code`` takes the newest version of that checklist.
        """
        with self._db.transaction() as session:
            template = self._template(session, template_id, template_code)
            return new_draft(
                session, actor, operator_id, template, carrier_id=carrier_id, kind=kind, officer_ids=officer_ids
            ).id

    def create_from_task(self, task_target_id: str, actor: Actor, carrier_id: str | None = None) -> str:
        """Start a draft for a drawn object of a task: its checklist version and its two drawn officers."""
        with self._db.transaction() as session:
            target = get(session, TaskTarget, task_target_id)
            task = get(session, InspectionTask, target.task_id)
            template = get(session, ChecklistTemplate, task.template_id)
            officers = [i for i in (target.officer_a_id, target.officer_b_id) if i]
            return new_draft(
                session,
                actor,
                target.operator_id,
                template,
                carrier_id=carrier_id,
                task_id=task.id,
                task_target_id=target.id,
                kind=InspectionKind.RANDOM,
                officer_ids=officers,
            ).id

    @staticmethod
    def _template(session: Session, template_id: str | None, template_code: str | None) -> ChecklistTemplate:
        if template_id:
            return get(session, ChecklistTemplate, template_id)
        template = latest_version(session, template_code or "")
        if template is None:
            raise ValidationFailed([f.error("template", "task.template", f.T_TASK_TEMPLATE)])
        return template

    def discard_draft(self, inspection_id: str, actor: Actor, reason: str) -> None:
        """Soft-delete a draft with a reason (a finalized record is never deleted)."""
        reason = reason.strip()
        if not reason:
            raise ValidationFailed([f.error("reason", "discard.reason", f.T_DISCARD_REASON)])
        with self._db.transaction() as session:
            record = editable(session, inspection_id)
            record.deleted_at = datetime.now()
            record.deleted_reason = reason
            if record.server_version is not None:
                record.change_state = "deleted"
            audit(session, actor, "inspection", record.id, "delete", None, record.subject_name, None, reason)
