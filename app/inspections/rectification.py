"""Rectification (整改): orders to rectify within a deadline, followed until a re-inspection closes them.

Finalizing a record whose follow-up is 责令限期整改 opens a rectification listing the items found 不符合
(app/inspections/finalize.py). :meth:`RectificationService.start_reinspection` starts a draft re-inspection of
the same operator and carrier with the same checklist version, linked back to the rectification; its
:meth:`failed_items` are what it checks again. Finalizing the re-inspection closes the rectification when every
failed item is now 符合, or extends it when the re-inspection orders rectification again with a later deadline;
:meth:`close` and :meth:`extend` do the same by hand (a reason is required to extend).
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import audit
from app.errors import ValidationFailed
from app.inspections import findings as f
from app.inspections.common import get, json_list
from app.inspections.data import FailedItem, RectificationRecord
from app.inspections.drafts import new_draft
from app.inspections.vocabulary import InspectionKind
from app.records import Actor
from localdb.database import Database
from localdb.inspection_models import (
    FINALIZED,
    ChecklistItem,
    ChecklistTemplate,
    Inspection,
    InspectionAnswer,
    InspectionOfficer,
    Rectification,
)

DUE_SOON_DAYS = 7
"""A rectification is "due soon" this many days before its deadline (a constructor argument of the service)."""

OPEN = "open"
CLOSED = "closed"
DUE_SOON = "due_soon"
OVERDUE = "overdue"


def status_of(rect: Rectification, today: date, due_soon_days: int) -> str:
    """``closed``, ``overdue`` (deadline passed), ``due_soon`` or ``open``; the deadline day is still in time."""
    if rect.state == CLOSED:
        return CLOSED
    if rect.deadline < today:
        return OVERDUE
    if rect.deadline <= today + timedelta(days=due_soon_days):
        return DUE_SOON
    return OPEN


class RectificationService:
    """Lists, re-inspects, closes and extends rectifications."""

    def __init__(self, db: Database, due_soon_days: int = DUE_SOON_DAYS) -> None:
        self._db = db
        self.due_soon_days = due_soon_days

    def _record(self, session: Session, rect: Rectification, today: date) -> RectificationRecord:
        origin = get(session, Inspection, rect.inspection_id)
        return RectificationRecord(
            id=rect.id,
            inspection_id=rect.inspection_id,
            operator_id=rect.operator_id,
            subject_name=origin.subject_name,
            carrier_summary=origin.carrier_summary,
            item_codes=json_list(rect.item_codes),
            requirement=rect.requirement,
            deadline=rect.deadline,
            original_deadline=rect.original_deadline,
            extensions=rect.extensions,
            state=rect.state,
            status=status_of(rect, today, self.due_soon_days),
            days_left=(rect.deadline - today).days,
            closed_at=rect.closed_at,
            closed_by_inspection_id=rect.closed_by_inspection_id,
        )

    def rows(self, status: str | None = None, today: date | None = None) -> list[RectificationRecord]:
        """Rectifications with the given status (``open`` means every one not closed; ``due_soon``, ``overdue``,
        ``closed``; ``None``: all), most urgent first."""
        today = today or date.today()
        with self._db.reader() as session:
            stmt = select(Rectification).where(Rectification.deleted_at.is_(None))
            if status == CLOSED:
                stmt = stmt.where(Rectification.state == CLOSED)
            elif status is not None:
                stmt = stmt.where(Rectification.state == OPEN)
            records = [self._record(session, r, today) for r in session.scalars(stmt.order_by(Rectification.deadline))]
        if status in (DUE_SOON, OVERDUE):
            records = [r for r in records if r.status == status]
        return records

    def find(self, rectification_id: str, today: date | None = None) -> RectificationRecord:
        """One rectification as of ``today``."""
        with self._db.reader() as session:
            return self._record(session, get(session, Rectification, rectification_id), today or date.today())

    def failed_items(self, rectification_id: str) -> list[FailedItem]:
        """The items found 不符合 that the re-inspection checks again, with the original answer's note."""
        with self._db.reader() as session:
            rect = get(session, Rectification, rectification_id)
            origin = get(session, Inspection, rect.inspection_id)
            codes = json.loads(rect.item_codes)
            items = {
                i.code: i
                for i in session.scalars(select(ChecklistItem).where(ChecklistItem.template_id == origin.template_id))
            }
            answers = {
                a.item_code: a
                for a in session.scalars(select(InspectionAnswer).where(InspectionAnswer.inspection_id == origin.id))
            }
            out = []
            for code in codes:
                answer = answers.get(code)
                item = items.get(code)
                out.append(
                    FailedItem(
                        code,
                        item.question if item else "",
                        answer.value if answer else "",
                        answer.note if answer else "",
                    )
                )
            return out

    def start_reinspection(self, rectification_id: str, actor: Actor, officer_ids: list[str] | None = None) -> str:
        """Start a draft re-inspection (复查) of the operator and carrier, with the original checklist version.

        The officers default to those of the original record.
        """
        with self._db.transaction() as session:
            rect = get(session, Rectification, rectification_id)
            if rect.state == CLOSED:
                raise ValidationFailed([f.error("record", "rectification.closed", f.T_RECT_CLOSED)])
            origin = get(session, Inspection, rect.inspection_id)
            template = get(session, ChecklistTemplate, origin.template_id)
            if officer_ids is None:
                officer_ids = list(
                    session.scalars(
                        select(InspectionOfficer.officer_id)
                        .where(InspectionOfficer.inspection_id == origin.id)
                        .order_by(InspectionOfficer.position)
                    )
                )
            record = new_draft(
                session,
                actor,
                rect.operator_id,
                template,
                carrier_id=rect.carrier_id,
                kind=InspectionKind.REINSPECTION,
                officer_ids=officer_ids,
                reinspection_of_id=rect.id,
            )
            return record.id

    def close(self, rectification_id: str, reinspection_id: str, actor: Actor, note: str = "") -> None:
        """Close by hand with a finalized re-inspection record of this rectification."""
        with self._db.transaction() as session:
            rect = get(session, Rectification, rectification_id)
            if rect.state == CLOSED:
                raise ValidationFailed([f.error("record", "rectification.closed", f.T_RECT_CLOSED)])
            record = get(session, Inspection, reinspection_id)
            if record.reinspection_of_id != rect.id:
                raise ValidationFailed([f.error("record", "rectification.other", f.T_RECT_REINSPECTION_OTHER)])
            if record.state != FINALIZED:
                raise ValidationFailed([f.error("record", "rectification.draft", f.T_RECT_REINSPECTION_DRAFT)])
            rect.state = CLOSED
            rect.closed_at = datetime.now().replace(microsecond=0)
            rect.closed_by_inspection_id = record.id
            rect.close_note = note.strip()
            if rect.change_state == "synced":
                rect.change_state = "modified"
            audit(session, actor, "rectification", rect.id, "update", "state", OPEN, CLOSED, note.strip() or None)

    def extend(self, rectification_id: str, new_deadline: date, reason: str, actor: Actor) -> None:
        """Give more time (the reason goes into the audit log)."""
        reason = reason.strip()
        with self._db.transaction() as session:
            rect = get(session, Rectification, rectification_id)
            problems = []
            if rect.state == CLOSED:
                problems.append(f.error("record", "rectification.closed", f.T_RECT_CLOSED))
            if new_deadline <= rect.deadline:
                problems.append(
                    f.error(
                        "deadline",
                        "rectification.new_deadline",
                        f.T_RECT_NEW_DEADLINE,
                        deadline=rect.deadline.isoformat(),
                    )
                )
            if not reason:
                problems.append(f.error("reason", "rectification.reason", f.T_RECT_REASON))
            if problems:
                raise ValidationFailed(problems)
            audit(
                session,
                actor,
                "rectification",
                rect.id,
                "update",
                "deadline",
                rect.deadline.isoformat(),
                new_deadline.isoformat(),
                reason,
            )
            rect.deadline = new_deadline
            rect.extensions += 1
            if rect.change_state == "synced":
                rect.change_state = "modified"
