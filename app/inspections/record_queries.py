"""Reading inspection records: the list (newest first), everything the form shows, and the draft findings.

A finalized record shows the officers as they were when it was finalized; a draft shows them as they are now.
A record replaced by a finalized amendment is marked as superseded, in the list and in the form.
"""

from __future__ import annotations

import json

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.inspections.common import get, json_list
from app.inspections.data import Answer, InspectionDetail, InspectionFilter, InspectionRow, OfficerOnRecord
from app.inspections.draft_rules import officer_findings, result_findings, time_findings
from app.inspections.evidence import evidence_record, live_evidence
from app.inspections.templates import info, item_record, items_of
from app.validation import Finding
from localdb.database import Database
from localdb.inspection_models import (
    DRAFT,
    FINALIZED,
    ChecklistTemplate,
    Inspection,
    InspectionAnswer,
    InspectionOfficer,
    InspectionTask,
)
from localdb.models import Officer


def superseding(session: Session, inspection_id: str) -> str | None:
    """The finalized amendment that replaces this record, if any."""
    return session.scalar(
        select(Inspection.id).where(
            Inspection.amends_id == inspection_id, Inspection.state == FINALIZED, Inspection.deleted_at.is_(None)
        )
    )


class RecordQueries:
    """Reading records (part of :class:`app.inspections.records.InspectionService`)."""

    _db: Database

    def rows(self, flt: InspectionFilter | None = None, limit: int | None = None) -> list[InspectionRow]:
        """Records, newest first: all of them (``limit=None``) or at most ``limit`` — 0 means none, as anywhere
        else; a negative limit is a caller's mistake (SQLite would read it as "no limit")."""
        if limit is not None and limit < 0:
            raise ValueError(f"limit must be None or at least 0, not {limit}")
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
            if limit is not None:
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
