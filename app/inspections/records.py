"""Inspection records: create a draft, autosave every field change, list and show records, discard drafts.

Autosave: the form calls one ``set_…`` method per field change (after the usual short typing pause). Each is one
short transaction, and the connection runs with ``synchronous=FULL``, so once the method returns the change
survives a crash, ``kill -9`` or a power cut: killing the process loses at most the edit in flight.

Every ``set_…`` method returns the *draft findings* of what it saved — problems the user may fix later but that
block finalizing (one officer so far, end before start…), as warnings. A value that cannot be stored at all (an
officer chosen twice, an unknown result category, "abc" for a number) raises :class:`ValidationFailed` and changes
nothing. A finalized record refuses every change (:class:`RecordFinalized`): corrections are amendments
(app/inspections/finalize.py).

Draft edits are not written to the audit log field by field (a keystroke is not a decision); creating,
discarding, finalizing and amending are, and the finalized content is sealed by the hash chain.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.audit import audit
from app.errors import NotFound, ValidationFailed
from app.inspections import findings as f
from app.inspections.canonical import canonical_json
from app.inspections.common import get, json_list, mark_modified
from app.inspections.data import (
    Answer,
    InspectionDetail,
    InspectionFilter,
    InspectionRow,
    OfficerOnRecord,
)
from app.inspections.draw import parse_decimal
from app.inspections.evidence import editable, evidence_record, live_evidence
from app.inspections.templates import info, item_record, items_of, latest_version
from app.inspections.vocabulary import (
    ALL_RESULTS,
    CONFORMITY_ANSWERS,
    FOLLOW_UPS,
    METHODS,
    NO_PROBLEM,
    PROBLEM_RESULTS,
    AnswerType,
    InspectionKind,
)
from app.records import Actor
from app.validation import Finding
from localdb.database import Database
from localdb.inspection_models import (
    DRAFT,
    FINALIZED,
    ChecklistItem,
    ChecklistTemplate,
    Inspection,
    InspectionAnswer,
    InspectionOfficer,
    InspectionTask,
    OfficerConflict,
    TaskTarget,
)
from localdb.models import Carrier, Officer, Operator

TEXT_LIMITS: Final[dict[str, int]] = {
    "place": 500,
    "party_opinion": 4000,
    "people_present": 1000,
    "follow_up_note": 2000,
    "notes": 4000,
    "amendment_reason": 2000,
}
"""Free-text fields the form edits, with their length limits."""

NOTE_LIMIT: Final = 2000
ANSWER_TEXT_LIMIT: Final = 4000


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


def normalize_time(value: datetime | None) -> datetime | None:
    """Local wall-clock time to the second (aware times are converted to the local zone)."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)
    return value.replace(microsecond=0)


def time_findings(started: datetime | None, ended: datetime | None) -> list[Finding]:
    """End before start, as a draft finding."""
    if started is not None and ended is not None and ended < started:
        return [
            f.warning(
                "ended_at",
                "times.end_before_start",
                f.T_END_BEFORE_START,
                start=started.strftime("%Y-%m-%d %H:%M"),
                end=ended.strftime("%Y-%m-%d %H:%M"),
            )
        ]
    return []


def result_findings(results: Sequence[str]) -> list[Finding]:
    """“未发现问题” together with a problem found."""
    if NO_PROBLEM in results:
        return [
            f.warning("result_categories", "results.contradict", f.T_RESULTS_CONTRADICT, value=value)
            for value in results
            if value in PROBLEM_RESULTS
        ]
    return []


def officer_findings(session: Session, record: Inspection) -> list[Finding]:
    """Fewer than two officers, officers without 执法证号 (draft findings)."""
    links = session.scalars(
        select(InspectionOfficer)
        .where(InspectionOfficer.inspection_id == record.id)
        .order_by(InspectionOfficer.position)
    ).all()
    found: list[Finding] = []
    if len(links) < 2:
        found.append(f.warning("officers", "officers.too_few", f.T_OFFICERS_TOO_FEW, count=len(links)))
    for link in links:
        officer = session.get(Officer, link.officer_id)
        if officer is not None and not officer.cert_no.strip():
            found.append(f.warning("officers", "officers.no_cert", f.T_OFFICER_NO_CERT, name=officer.name))
    return found


def check_answer_value(item: ChecklistItem, raw: str) -> tuple[str, Finding | None]:
    """The value to store for an answer, or the finding that refuses it (an empty value clears the answer)."""
    value = raw.strip()
    field = f.answer_field(item.code)
    if not value:
        return "", None
    if item.answer_type == AnswerType.CONFORMITY:
        if value not in CONFORMITY_ANSWERS:
            return value, f.error(field, "answer.conformity", f.T_ANSWER_CONFORMITY, code=item.code)
        return value, None
    if item.answer_type == AnswerType.NUMBER:
        number = parse_decimal(value.replace(",", ""))
        if number is None:
            return value, f.error(field, "answer.number", f.T_ANSWER_NUMBER, value=value)
        return value.replace(",", ""), None
    if item.answer_type == AnswerType.DATE:
        try:
            return date.fromisoformat(value).isoformat(), None
        except ValueError:
            return value, f.error(field, "answer.date", f.T_ANSWER_DATE, value=value)
    if len(value) > ANSWER_TEXT_LIMIT:
        return value, f.error(field, "text.too_long", f.T_TEXT_TOO_LONG, actual=len(value), limit=ANSWER_TEXT_LIMIT)
    return value, None


def template_item(session: Session, record: Inspection, item_code: str) -> ChecklistItem:
    """An item of the record's pinned template, or :class:`ValidationFailed`."""
    item = session.scalars(
        select(ChecklistItem).where(ChecklistItem.template_id == record.template_id, ChecklistItem.code == item_code)
    ).first()
    if item is None:
        raise ValidationFailed(
            [f.error(f.answer_field(item_code), "answer.unknown_item", f.T_ITEM_UNKNOWN, code=item_code)]
        )
    return item


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
    carrier = _carrier_of(session, operator_id, carrier_id)
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


def _carrier_of(session: Session, operator_id: str, carrier_id: str | None) -> Carrier | None:
    if carrier_id is None:
        return None
    carrier = session.get(Carrier, carrier_id)
    if carrier is None or carrier.operator_id != operator_id or carrier.deleted_at is not None:
        raise ValidationFailed([f.error("carrier", "carrier.other", f.T_CARRIER_OTHER)])
    return carrier


def superseding(session: Session, inspection_id: str) -> str | None:
    """The finalized amendment that replaces this record, if any."""
    return session.scalar(
        select(Inspection.id).where(
            Inspection.amends_id == inspection_id, Inspection.state == FINALIZED, Inspection.deleted_at.is_(None)
        )
    )


Edit = Callable[[Session, Inspection], list[Finding]]


class InspectionService:
    """The inspection record form and list."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # -- creating and discarding -----------------------------------------------------------------------------------
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

    # -- autosave ----------------------------------------------------------------------------------------------
    def _edit(self, inspection_id: str, actor: Actor, change: Edit) -> list[Finding]:
        with self._db.transaction() as session:
            record = editable(session, inspection_id)
            found = change(session, record)
            record.edited_by_id = actor.officer_id
            record.updated_at = func.now()
            mark_modified(record)
            return found

    def set_carrier(self, inspection_id: str, carrier_id: str | None, actor: Actor) -> list[Finding]:
        """The shop, site or account inspected (``None``: the operator as a whole)."""

        def change(session: Session, record: Inspection) -> list[Finding]:
            carrier = _carrier_of(session, record.operator_id, carrier_id)
            record.carrier_id = carrier_id
            record.carrier_summary = carrier_summary(carrier)
            return []

        return self._edit(inspection_id, actor, change)

    def set_officers(self, inspection_id: str, officer_ids: Sequence[str], actor: Actor) -> list[Finding]:
        """The officers on the record, in order (normally two). Refuses duplicates, inactive officers and
        conflicts of interest (回避); fewer than two is saved with a draft finding."""

        def change(session: Session, record: Inspection) -> list[Finding]:
            problems: list[Finding] = []
            seen: set[str] = set()
            officers: list[Officer] = []
            for officer_id in officer_ids:
                officer = session.get(Officer, officer_id)
                if officer is None or officer.deleted_at is not None:
                    problems.append(f.error("officers", "officers.unknown", f.T_OFFICER_UNKNOWN))
                    continue
                if officer_id in seen:
                    problems.append(f.error("officers", "officers.twice", f.T_OFFICER_TWICE, name=officer.name))
                    continue
                seen.add(officer_id)
                if not officer.active:
                    problems.append(f.error("officers", "officers.inactive", f.T_OFFICER_INACTIVE, name=officer.name))
                conflict = session.scalars(
                    select(OfficerConflict).where(
                        OfficerConflict.officer_id == officer_id,
                        OfficerConflict.operator_id == record.operator_id,
                        OfficerConflict.deleted_at.is_(None),
                    )
                ).first()
                if conflict is not None:
                    problems.append(
                        f.error(
                            "officers",
                            "officers.conflict",
                            f.T_OFFICER_CONFLICT,
                            name=officer.name,
                            reason=conflict.reason,
                        )
                    )
                officers.append(officer)
            if problems:
                raise ValidationFailed(problems)
            existing = {
                link.officer_id: link
                for link in session.scalars(
                    select(InspectionOfficer).where(InspectionOfficer.inspection_id == record.id)
                )
            }
            for officer_id, link in existing.items():
                if officer_id not in seen:
                    session.delete(link)
            session.flush()
            for position, officer in enumerate(officers, start=1):
                kept = existing.get(officer.id)
                if kept is None:
                    session.add(
                        InspectionOfficer(
                            inspection_id=record.id,
                            officer_id=officer.id,
                            position=position,
                            name=officer.name,
                            cert_no=officer.cert_no,
                        )
                    )
                else:
                    kept.position, kept.name, kept.cert_no = position, officer.name, officer.cert_no
            session.flush()
            return officer_findings(session, record)

        return self._edit(inspection_id, actor, change)

    def set_recorder(self, inspection_id: str, officer_id: str | None, actor: Actor) -> list[Finding]:
        """The officer who writes the record (记录人)."""

        def change(session: Session, record: Inspection) -> list[Finding]:
            if officer_id is not None and session.get(Officer, officer_id) is None:
                raise ValidationFailed([f.error("recorder", "officers.unknown", f.T_OFFICER_UNKNOWN)])
            record.recorder_id = officer_id
            return []

        return self._edit(inspection_id, actor, change)

    def set_times(
        self, inspection_id: str, started_at: datetime | None, ended_at: datetime | None, actor: Actor
    ) -> list[Finding]:
        """Start and end of the inspection (an end before the start is saved with a draft finding)."""

        def change(session: Session, record: Inspection) -> list[Finding]:
            record.started_at, record.ended_at = normalize_time(started_at), normalize_time(ended_at)
            return time_findings(record.started_at, record.ended_at)

        return self._edit(inspection_id, actor, change)

    def set_started_at(self, inspection_id: str, value: datetime | None, actor: Actor) -> list[Finding]:
        def change(session: Session, record: Inspection) -> list[Finding]:
            record.started_at = normalize_time(value)
            return time_findings(record.started_at, record.ended_at)

        return self._edit(inspection_id, actor, change)

    def set_ended_at(self, inspection_id: str, value: datetime | None, actor: Actor) -> list[Finding]:
        def change(session: Session, record: Inspection) -> list[Finding]:
            record.ended_at = normalize_time(value)
            return time_findings(record.started_at, record.ended_at)

        return self._edit(inspection_id, actor, change)

    def set_text(self, inspection_id: str, field: str, value: str, actor: Actor) -> list[Finding]:
        """One of the free-text fields: ``place``, ``party_opinion``, ``people_present``, ``follow_up_note``,
        ``notes``."""
        if field not in TEXT_LIMITS or field == "amendment_reason":
            raise ValueError(f"not a free-text field of an inspection: {field}")
        limit = TEXT_LIMITS[field]
        if len(value) > limit:
            raise ValidationFailed([f.error(field, "text.too_long", f.T_TEXT_TOO_LONG, actual=len(value), limit=limit)])

        def change(session: Session, record: Inspection) -> list[Finding]:
            setattr(record, field, value)
            return []

        return self._edit(inspection_id, actor, change)

    def set_place(self, inspection_id: str, value: str, actor: Actor) -> list[Finding]:
        return self.set_text(inspection_id, "place", value, actor)

    def set_party_opinion(self, inspection_id: str, value: str, actor: Actor) -> list[Finding]:
        return self.set_text(inspection_id, "party_opinion", value, actor)

    def set_people_present(self, inspection_id: str, value: str, actor: Actor) -> list[Finding]:
        return self.set_text(inspection_id, "people_present", value, actor)

    def set_notes(self, inspection_id: str, value: str, actor: Actor) -> list[Finding]:
        return self.set_text(inspection_id, "notes", value, actor)

    def set_methods(self, inspection_id: str, methods: Sequence[str], actor: Actor) -> list[Finding]:
        """核查方式 (multi-select, official wording); stored in the vocabulary's order."""
        unknown = [m for m in methods if m not in METHODS]
        if unknown:
            raise ValidationFailed(
                [f.error("methods", "methods.unknown", f.T_METHOD_UNKNOWN, value=m) for m in unknown]
            )
        chosen = [m for m in METHODS if m in set(methods)]

        def change(session: Session, record: Inspection) -> list[Finding]:
            record.methods = canonical_json(chosen)
            return []

        return self._edit(inspection_id, actor, change)

    def set_result_categories(self, inspection_id: str, results: Sequence[str], actor: Actor) -> list[Finding]:
        """检查结果 (multi-select, official wording); stored in the vocabulary's order."""
        unknown = [r for r in results if r not in ALL_RESULTS]
        if unknown:
            raise ValidationFailed(
                [f.error("result_categories", "results.unknown", f.T_RESULT_UNKNOWN, value=r) for r in unknown]
            )
        chosen = [r for r in ALL_RESULTS if r in set(results)]

        def change(session: Session, record: Inspection) -> list[Finding]:
            record.result_categories = canonical_json(chosen)
            return result_findings(chosen)

        return self._edit(inspection_id, actor, change)

    def set_follow_up(self, inspection_id: str, measure: str, actor: Actor) -> list[Finding]:
        """后续处置措施 (one, official wording; empty clears it)."""
        if measure and measure not in FOLLOW_UPS:
            raise ValidationFailed([f.error("follow_up", "follow_up.unknown", f.T_FOLLOW_UP_UNKNOWN, value=measure)])

        def change(session: Session, record: Inspection) -> list[Finding]:
            record.follow_up = measure
            return []

        return self._edit(inspection_id, actor, change)

    def set_rectification_deadline(self, inspection_id: str, deadline: date | None, actor: Actor) -> list[Finding]:
        """The deadline of an order to rectify (责令限期整改)."""

        def change(session: Session, record: Inspection) -> list[Finding]:
            record.rectification_deadline = deadline
            if deadline is not None and record.ended_at is not None and deadline < record.ended_at.date():
                return [
                    f.warning(
                        "rectification_deadline",
                        "rectification.deadline_before",
                        f.T_DEADLINE_BEFORE_END,
                        deadline=deadline.isoformat(),
                        day=record.ended_at.date().isoformat(),
                    )
                ]
            return []

        return self._edit(inspection_id, actor, change)

    def set_kind(self, inspection_id: str, kind: str, actor: Actor) -> list[Finding]:
        """Why the inspection takes place (:class:`InspectionKind`)."""
        kind = InspectionKind(kind)

        def change(session: Session, record: Inspection) -> list[Finding]:
            record.kind = kind
            return []

        return self._edit(inspection_id, actor, change)

    def set_answer(self, inspection_id: str, item_code: str, value: str, actor: Actor) -> list[Finding]:
        """The answer to one item: 符合/不符合/不适用, text, a number or an ISO date; empty clears it."""

        def change(session: Session, record: Inspection) -> list[Finding]:
            item = template_item(session, record, item_code)
            clean, problem = check_answer_value(item, value)
            if problem is not None:
                raise ValidationFailed([problem])
            self._answer_row(session, record, item).value = clean
            return []

        return self._edit(inspection_id, actor, change)

    def set_answer_note(self, inspection_id: str, item_code: str, note: str, actor: Actor) -> list[Finding]:
        """The note on one item's answer (what was seen, where)."""
        if len(note) > NOTE_LIMIT:
            raise ValidationFailed(
                [
                    f.error(
                        f.answer_field(item_code),
                        "text.too_long",
                        f.T_TEXT_TOO_LONG,
                        actual=len(note),
                        limit=NOTE_LIMIT,
                    )
                ]
            )

        def change(session: Session, record: Inspection) -> list[Finding]:
            item = template_item(session, record, item_code)
            self._answer_row(session, record, item).note = note
            return []

        return self._edit(inspection_id, actor, change)

    @staticmethod
    def _answer_row(session: Session, record: Inspection, item: ChecklistItem) -> InspectionAnswer:
        row = session.scalars(
            select(InspectionAnswer).where(
                InspectionAnswer.inspection_id == record.id, InspectionAnswer.item_code == item.code
            )
        ).first()
        if row is None:
            row = InspectionAnswer(inspection_id=record.id, item_id=item.id, item_code=item.code, value="", note="")
            session.add(row)
        else:
            mark_modified(row)
        return row

    # -- reading -----------------------------------------------------------------------------------------------
    def rows(self, flt: InspectionFilter | None = None, limit: int | None = None) -> list[InspectionRow]:
        """Records, newest first."""
        flt = flt or InspectionFilter()
        with self._db.reader() as session:
            stmt = select(Inspection)
            if not flt.include_discarded:
                stmt = stmt.where(Inspection.deleted_at.is_(None))
            if flt.state:
                stmt = stmt.where(Inspection.state == flt.state)
            if flt.operator_id:
                stmt = stmt.where(Inspection.operator_id == flt.operator_id)
            if flt.task_id:
                stmt = stmt.where(Inspection.task_id == flt.task_id)
            stmt = stmt.order_by(
                func.coalesce(Inspection.ended_at, Inspection.started_at, Inspection.created_at).desc(), Inspection.id
            )
            if limit:
                stmt = stmt.limit(limit)
            records = session.scalars(stmt).all()
            ids = [r.id for r in records]
            names: dict[str, list[str]] = {}
            for inspection_id, name in session.execute(
                select(InspectionOfficer.inspection_id, InspectionOfficer.name)
                .where(InspectionOfficer.inspection_id.in_(ids))
                .order_by(InspectionOfficer.position)
            ):
                names.setdefault(inspection_id, []).append(name)
            superseded = set(
                session.scalars(
                    select(Inspection.amends_id).where(
                        Inspection.amends_id.in_(ids), Inspection.state == FINALIZED, Inspection.deleted_at.is_(None)
                    )
                )
            )
            numbers = dict(
                session.execute(
                    select(InspectionTask.id, InspectionTask.number).where(
                        InspectionTask.id.in_({r.task_id for r in records if r.task_id})
                    )
                ).all()
            )
            return [
                InspectionRow(
                    id=r.id,
                    state=r.state,
                    kind=r.kind,
                    subject_name=r.subject_name,
                    subject_identifier=r.subject_identifier,
                    carrier_summary=r.carrier_summary,
                    task_number=numbers.get(r.task_id or "", ""),
                    started_at=r.started_at,
                    ended_at=r.ended_at,
                    officer_names=tuple(names.get(r.id, [])),
                    result_categories=json_list(r.result_categories),
                    change_state=r.change_state,
                    amends_id=r.amends_id,
                    superseded=r.id in superseded,
                    discarded=r.deleted_at is not None,
                )
                for r in records
            ]

    def detail(self, inspection_id: str) -> InspectionDetail:
        """Everything the form shows; the items are those of the pinned template version."""
        with self._db.reader() as session:
            record = session.get(Inspection, inspection_id)
            if record is None:
                raise NotFound(inspection_id)
            template = get(session, ChecklistTemplate, record.template_id)
            items = [item_record(i) for i in items_of(session, template.id)]
            officers = []
            for link in session.scalars(
                select(InspectionOfficer)
                .where(InspectionOfficer.inspection_id == record.id)
                .order_by(InspectionOfficer.position)
            ):
                live = session.get(Officer, link.officer_id)
                draft = record.state == DRAFT and live is not None
                officers.append(
                    OfficerOnRecord(
                        officer_id=link.officer_id,
                        name=live.name if draft and live else link.name,
                        cert_no=live.cert_no if draft and live else link.cert_no,
                        position=link.position,
                        active=bool(live and live.active and live.deleted_at is None),
                    )
                )
            answers = {
                a.item_code: Answer(a.item_code, a.value, a.note)
                for a in session.scalars(select(InspectionAnswer).where(InspectionAnswer.inspection_id == record.id))
            }
            return InspectionDetail(
                id=record.id,
                state=record.state,
                kind=record.kind,
                operator_id=record.operator_id,
                carrier_id=record.carrier_id,
                task_id=record.task_id,
                task_target_id=record.task_target_id,
                template=info(template, len(items)),
                items=tuple(items),
                subject_name=record.subject_name,
                subject_identifier_type=record.subject_identifier_type,
                subject_identifier=record.subject_identifier,
                subject_address=record.subject_address,
                subject_legal_representative=record.subject_legal_representative,
                subject_phone=record.subject_phone,
                carrier_summary=record.carrier_summary,
                started_at=record.started_at,
                ended_at=record.ended_at,
                place=record.place,
                methods=json_list(record.methods),
                result_categories=json_list(record.result_categories),
                follow_up=record.follow_up,
                follow_up_note=record.follow_up_note,
                rectification_deadline=record.rectification_deadline,
                party_opinion=record.party_opinion,
                people_present=record.people_present,
                recorder_id=record.recorder_id,
                notes=record.notes,
                officers=tuple(officers),
                answers=answers,
                evidence=tuple(evidence_record(e) for e in live_evidence(session, record.id)),
                amends_id=record.amends_id,
                amendment_reason=record.amendment_reason,
                reinspection_of_id=record.reinspection_of_id,
                finalized_at=record.finalized_at,
                finalized_by_name=record.finalized_by_name,
                superseded_by=superseding(session, record.id),
                change_state=record.change_state,
            )

    def draft_findings(self, inspection_id: str) -> list[Finding]:
        """The draft findings of the whole record as it stands (what the form shows when it opens)."""
        with self._db.reader() as session:
            record = get(session, Inspection, inspection_id)
            found = officer_findings(session, record) + time_findings(record.started_at, record.ended_at)
            return found + result_findings(json.loads(record.result_categories))
