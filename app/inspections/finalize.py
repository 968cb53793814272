"""Finalizing (定稿) a record and correcting a finalized one by amendment.

:meth:`FinalizeService.check` lists everything that blocks finalizing, as findings next to their fields: two
distinct active officers with 执法证号 and no conflict of interest, start and end time (end not before start), the
place, a method, every required item answered, evidence on every 不符合 item that requires it (and every evidence
file present and intact), at least one consistent result, the follow-up (with a deadline for 责令限期整改).

:meth:`FinalizeService.finalize` re-checks and, in one transaction: snapshots the officers' names and 执法证号 and
the operator's details, marks the record finalized (read-only from then on), appends its link to the hash chain,
opens a rectification for 责令限期整改, and — for a re-inspection — closes or extends the rectification it
re-inspects.

A correction is :meth:`FinalizeService.amend`: a new draft copying the finalized record, with a reason and a
reference to the original; finalizing it adds its own link. The original is never changed; it is shown as
superseded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import audit
from app.errors import ValidationFailed
from app.inspections import findings as f
from app.inspections.canonical import canonical_json
from app.inspections.chain import append_link
from app.inspections.common import get
from app.inspections.data import FinalizeResult
from app.inspections.draft_rules import TEXT_LIMITS, result_findings, time_findings
from app.inspections.drafts import snapshot_subject
from app.inspections.errors import RecordDiscarded
from app.inspections.evidence import OK, EvidenceStore, live_evidence, unavailable_finding
from app.inspections.vocabulary import (
    CONFORMS,
    FOLLOW_UP_OTHER,
    FOLLOW_UP_RECTIFY,
    FOLLOW_UPS,
    NO_PROBLEM,
    NONCONFORMS,
)
from app.records import Actor
from app.validation import Finding, Severity
from localdb.database import Database
from localdb.inspection_models import (
    DRAFT,
    FINALIZED,
    ChecklistItem,
    Inspection,
    InspectionAnswer,
    InspectionEvidence,
    InspectionOfficer,
    OfficerConflict,
    Rectification,
)
from localdb.models import Carrier, Officer, Operator


@dataclass(frozen=True)
class _Context:
    """What the checks need from outside the station database: the state of each evidence file."""

    evidence_status: dict[str, str]


def _as_error(finding: Finding) -> Finding:
    return Finding(finding.field, Severity.ERROR, finding.code, finding.template, finding.params)


def check_record(session: Session, record: Inspection, ctx: _Context) -> list[Finding]:
    """Everything that blocks finalizing ``record`` (errors only)."""
    found: list[Finding] = []
    # officers
    links = session.scalars(
        select(InspectionOfficer)
        .where(InspectionOfficer.inspection_id == record.id)
        .order_by(InspectionOfficer.position)
    ).all()
    if len({link.officer_id for link in links}) < 2:
        found.append(f.error("officers", "officers.too_few", f.T_OFFICERS_TOO_FEW, count=len(links)))
    for link in links:
        officer = session.get(Officer, link.officer_id)
        name = officer.name if officer else link.name
        if officer is None or not officer.active or officer.deleted_at is not None:
            found.append(f.error("officers", "officers.inactive", f.T_OFFICER_INACTIVE, name=name))
        elif not officer.cert_no.strip():
            found.append(f.error("officers", "officers.no_cert", f.T_OFFICER_NO_CERT, name=name))
        conflict = session.scalars(
            select(OfficerConflict).where(
                OfficerConflict.officer_id == link.officer_id,
                OfficerConflict.operator_id == record.operator_id,
                OfficerConflict.deleted_at.is_(None),
            )
        ).first()
        if conflict is not None:
            found.append(
                f.error("officers", "officers.conflict", f.T_OFFICER_CONFLICT, name=name, reason=conflict.reason)
            )
    # times and place
    if record.started_at is None:
        found.append(f.error("started_at", "times.missing_start", f.T_START_MISSING))
    if record.ended_at is None:
        found.append(f.error("ended_at", "times.missing_end", f.T_END_MISSING))
    found.extend(_as_error(x) for x in time_findings(record.started_at, record.ended_at))
    if not record.place.strip():
        found.append(f.error("place", "place.missing", f.T_PLACE_MISSING))
    for name, limit in TEXT_LIMITS.items():
        value = getattr(record, name)
        if len(value) > limit:
            found.append(f.error(name, "text.too_long", f.T_TEXT_TOO_LONG, actual=len(value), limit=limit))
    if not json.loads(record.methods):
        found.append(f.error("methods", "methods.missing", f.T_METHODS_MISSING))
    # answers and evidence
    items = session.scalars(
        select(ChecklistItem).where(ChecklistItem.template_id == record.template_id).order_by(ChecklistItem.position)
    ).all()
    answers = {
        a.item_code: a.value
        for a in session.scalars(select(InspectionAnswer).where(InspectionAnswer.inspection_id == record.id))
    }
    evidence = live_evidence(session, record.id)
    evidence_items = {e.item_code for e in evidence}
    failed: list[str] = []
    for item in items:
        value = answers.get(item.code, "")
        field = f.answer_field(item.code)
        if item.required and not value:
            found.append(f.error(field, "answer.missing", f.T_ANSWER_MISSING, code=item.code, question=item.question))
        if value == NONCONFORMS:
            failed.append(item.code)
            if item.evidence_required and item.code not in evidence_items:
                found.append(f.error(field, "answer.evidence_missing", f.T_ANSWER_NEEDS_EVIDENCE, code=item.code))
    for piece in evidence:
        status = ctx.evidence_status.get(piece.sha256, OK)
        if status != OK:
            found.append(unavailable_finding(status, piece.file_name or piece.sha256[:12]))
    # results and follow-up
    results = json.loads(record.result_categories)
    if not results:
        found.append(f.error("result_categories", "results.missing", f.T_RESULTS_MISSING))
    found.extend(_as_error(x) for x in result_findings(results))
    if NO_PROBLEM in results:
        found.extend(
            f.error("result_categories", "results.no_problem_but_failed", f.T_NO_PROBLEM_BUT_FAILED, code=code)
            for code in failed
        )
    if not record.follow_up:
        found.append(f.error("follow_up", "follow_up.missing", f.T_FOLLOW_UP_MISSING))
    elif record.follow_up not in FOLLOW_UPS:
        found.append(f.error("follow_up", "follow_up.unknown", f.T_FOLLOW_UP_UNKNOWN, value=record.follow_up))
    elif record.follow_up == FOLLOW_UP_OTHER and not record.follow_up_note.strip():
        found.append(f.error("follow_up_note", "follow_up.other_note", f.T_FOLLOW_UP_NOTE))
    elif record.follow_up == FOLLOW_UP_RECTIFY:
        if record.rectification_deadline is None:
            found.append(f.error("rectification_deadline", "rectification.deadline_missing", f.T_DEADLINE_MISSING))
        elif record.ended_at is not None and record.rectification_deadline < record.ended_at.date():
            found.append(
                f.error(
                    "rectification_deadline",
                    "rectification.deadline_before",
                    f.T_DEADLINE_BEFORE_END,
                    deadline=record.rectification_deadline.isoformat(),
                    day=record.ended_at.date().isoformat(),
                )
            )
    return found


def lineage(session: Session, record: Inspection) -> list[str]:
    """Ids of the record and every record it amends, newest first."""
    ids = [record.id]
    current = record
    while current.amends_id:
        ids.append(current.amends_id)
        current = get(session, Inspection, current.amends_id)
    return ids


class FinalizeService:
    """Checks, finalizes and amends inspection records."""

    def __init__(self, db: Database, store: EvidenceStore) -> None:
        self._db = db
        self._store = store

    def _context(self, inspection_id: str) -> _Context:
        with self._db.reader() as session:
            pieces = {(e.sha256, e.sm3) for e in live_evidence(session, inspection_id)}
        return _Context({sha: self._store.status(sha, sm3) for sha, sm3 in pieces})

    def check(self, inspection_id: str) -> list[Finding]:
        """Everything that blocks finalizing, as findings next to their fields (empty: ready)."""
        ctx = self._context(inspection_id)
        with self._db.reader() as session:
            record = get(session, Inspection, inspection_id)
            if record.state != DRAFT:
                return [f.error("record", "record.finalized", f.T_FINALIZED)]
            return check_record(session, record, ctx)

    def finalize(self, inspection_id: str, actor: Actor, now: datetime | None = None) -> FinalizeResult:
        """Finalize a draft (one transaction). Raises :class:`ValidationFailed` with every blocking finding;
        nothing changes then."""
        ctx = self._context(inspection_id)
        now = (now or datetime.now()).replace(microsecond=0)
        with self._db.transaction() as session:
            record = get(session, Inspection, inspection_id)
            if record.state != DRAFT:
                raise ValidationFailed([f.error("record", "record.finalized", f.T_FINALIZED)])
            if record.deleted_at is not None:
                raise RecordDiscarded(inspection_id)
            if problems := check_record(session, record, ctx):
                raise ValidationFailed(problems)
            for link in session.scalars(select(InspectionOfficer).where(InspectionOfficer.inspection_id == record.id)):
                officer = get(session, Officer, link.officer_id)
                link.name, link.cert_no = officer.name, officer.cert_no.strip()
            operator = get(session, Operator, record.operator_id)
            carrier = session.get(Carrier, record.carrier_id) if record.carrier_id else None
            snapshot_subject(record, operator, carrier)
            session.flush()  # snapshots first: the finalized-record triggers refuse them afterwards
            record.state = FINALIZED
            record.finalized_at = now
            record.finalized_by_id = actor.officer_id
            record.finalized_by_name = actor.name
            session.flush()
            link_row = append_link(session, record, now)
            result = FinalizeResult(record.id, link_row.seq, link_row.link)
            result = self._rectification(session, record, actor, now, result)
            audit(
                session,
                actor,
                "inspection",
                record.id,
                "finalize",
                "chain",
                None,
                link_row.link,
                record.amendment_reason or None,
            )
            return result

    @staticmethod
    def _rectification(
        session: Session, record: Inspection, actor: Actor, now: datetime, result: FinalizeResult
    ) -> FinalizeResult:
        answers = {
            a.item_code: a.value
            for a in session.scalars(select(InspectionAnswer).where(InspectionAnswer.inspection_id == record.id))
        }
        if record.reinspection_of_id:
            rect = session.get(Rectification, record.reinspection_of_id)
            if rect is None or rect.state != "open":
                return result
            failed = json.loads(rect.item_codes)
            if all(answers.get(code) == CONFORMS for code in failed):
                rect.state = "closed"
                rect.closed_at = now
                rect.closed_by_inspection_id = record.id
                rect.close_note = record.follow_up_note
                audit(session, actor, "rectification", rect.id, "update", "state", "open", "closed", record.id)
                return FinalizeResult(result.inspection_id, result.seq, result.link, closed_rectification_id=rect.id)
            deadline = record.rectification_deadline
            if record.follow_up == FOLLOW_UP_RECTIFY and deadline is not None and deadline > rect.deadline:
                audit(
                    session,
                    actor,
                    "rectification",
                    rect.id,
                    "update",
                    "deadline",
                    rect.deadline.isoformat(),
                    deadline.isoformat(),
                    record.id,
                )
                rect.deadline = deadline
                rect.extensions += 1
                return FinalizeResult(result.inspection_id, result.seq, result.link, extended_rectification_id=rect.id)
            return result
        if record.follow_up != FOLLOW_UP_RECTIFY or record.rectification_deadline is None:
            return result
        earlier = session.scalar(
            select(Rectification.id).where(Rectification.inspection_id.in_(lineage(session, record)))
        )
        if earlier is not None:  # an amendment keeps the rectification its original opened
            return result
        rect = Rectification(
            inspection_id=record.id,
            operator_id=record.operator_id,
            carrier_id=record.carrier_id,
            item_codes=canonical_json(sorted(code for code, value in answers.items() if value == NONCONFORMS)),
            requirement=record.follow_up_note,
            deadline=record.rectification_deadline,
            original_deadline=record.rectification_deadline,
        )
        session.add(rect)
        session.flush()
        audit(
            session,
            actor,
            "rectification",
            rect.id,
            "create",
            "deadline",
            None,
            record.rectification_deadline.isoformat(),
            record.id,
        )
        return FinalizeResult(result.inspection_id, result.seq, result.link, rectification_id=rect.id)

    def amend(self, original_id: str, reason: str, actor: Actor) -> str:
        """Start an amendment of a finalized record: a draft copy referencing it, with the reason.

        Only the newest version can be amended, and only one amendment at a time.
        """
        reason = reason.strip()
        if not reason:
            raise ValidationFailed([f.error("reason", "amend.reason", f.T_AMEND_REASON)])
        if len(reason) > TEXT_LIMITS["amendment_reason"]:
            raise ValidationFailed(
                [
                    f.error(
                        "reason",
                        "text.too_long",
                        f.T_TEXT_TOO_LONG,
                        actual=len(reason),
                        limit=TEXT_LIMITS["amendment_reason"],
                    )
                ]
            )
        with self._db.transaction() as session:
            original = get(session, Inspection, original_id)
            if original.state != FINALIZED:
                raise ValidationFailed([f.error("record", "amend.draft", f.T_AMEND_DRAFT)])
            newer = session.scalar(
                select(Inspection.id).where(Inspection.amends_id == original.id, Inspection.deleted_at.is_(None))
            )
            if newer is not None:
                raise ValidationFailed([f.error("record", "amend.exists", f.T_AMEND_EXISTS)])
            copy = Inspection(
                state=DRAFT,
                amends_id=original.id,
                amendment_reason=reason,
                created_by_id=actor.officer_id,
                created_by_name=actor.name,
                edited_by_id=actor.officer_id,
                **{name: getattr(original, name) for name in _COPIED},
            )
            session.add(copy)
            session.flush()
            for link in session.scalars(
                select(InspectionOfficer).where(InspectionOfficer.inspection_id == original.id)
            ):
                session.add(
                    InspectionOfficer(
                        inspection_id=copy.id,
                        officer_id=link.officer_id,
                        position=link.position,
                        name=link.name,
                        cert_no=link.cert_no,
                    )
                )
            for answer in session.scalars(
                select(InspectionAnswer).where(InspectionAnswer.inspection_id == original.id)
            ):
                session.add(
                    InspectionAnswer(
                        inspection_id=copy.id,
                        item_id=answer.item_id,
                        item_code=answer.item_code,
                        value=answer.value,
                        note=answer.note,
                    )
                )
            for piece in live_evidence(session, original.id):
                session.add(
                    InspectionEvidence(
                        inspection_id=copy.id,
                        **{name: getattr(piece, name) for name in _EVIDENCE_COPIED},
                    )
                )
            session.flush()
            audit(session, actor, "inspection", copy.id, "amend", "amends_id", None, original.id, reason)
            return copy.id


_COPIED = (
    "kind",
    "operator_id",
    "carrier_id",
    "task_id",
    "task_target_id",
    "template_id",
    "template_code",
    "template_version",
    "template_hash",
    "reinspection_of_id",
    "subject_name",
    "subject_identifier_type",
    "subject_identifier",
    "subject_address",
    "subject_legal_representative",
    "subject_phone",
    "carrier_summary",
    "started_at",
    "ended_at",
    "place",
    "methods",
    "result_categories",
    "follow_up",
    "follow_up_note",
    "rectification_deadline",
    "party_opinion",
    "people_present",
    "recorder_id",
    "notes",
)
"""Content of a record an amendment starts from (everything but identity, state and bookkeeping)."""

_EVIDENCE_COPIED = (
    "item_code",
    "sha256",
    "sm3",
    "size",
    "media_type",
    "file_name",
    "captured_at",
    "source_url",
    "device",
    "method",
    "officer_id",
    "description",
    "added_at",
)
