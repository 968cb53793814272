"""Autosave of an inspection draft: one ``set_…`` method per field the form edits.

The form calls the method of a field on every change (after the usual short typing pause). Each is one short
transaction, and the connection runs with ``synchronous=FULL``, so once the method returns the change survives a
crash, ``kill -9`` or a power cut: killing the process loses at most the edit in flight.

Every ``set_…`` method returns the *draft findings* of what it saved — problems the user may fix later but that
block finalizing (one officer so far, end before start…), as warnings. A value that cannot be stored at all (an
officer chosen twice, an unknown result category, "abc" for a number) raises :class:`ValidationFailed` and changes
nothing. A finalized record refuses every change (:class:`RecordFinalized`): corrections are amendments
(app/inspections/finalize.py).

Draft edits are not written to the audit log field by field (a keystroke is not a decision); creating,
discarding, finalizing and amending are, and the finalized content is sealed by the hash chain.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationFailed
from app.inspections import findings as f
from app.inspections.canonical import canonical_json
from app.inspections.common import mark_modified
from app.inspections.draft_rules import (
    NOTE_LIMIT,
    TEXT_LIMITS,
    check_answer_value,
    normalize_time,
    officer_findings,
    result_findings,
    template_item,
    time_findings,
)
from app.inspections.drafts import carrier_of, carrier_summary
from app.inspections.evidence import editable
from app.inspections.vocabulary import ALL_RESULTS, FOLLOW_UPS, METHODS, InspectionKind
from app.records import Actor
from app.validation import Finding
from localdb.clock import local_now
from localdb.database import Database
from localdb.inspection_models import ChecklistItem, Inspection, InspectionAnswer, InspectionOfficer, OfficerConflict
from localdb.models import Officer

Edit = Callable[[Session, Inspection], list[Finding]]


class DraftAutosave:
    """Saving a draft field by field (part of :class:`app.inspections.records.InspectionService`)."""

    _db: Database

    def _edit(self, inspection_id: str, actor: Actor, change: Edit) -> list[Finding]:
        with self._db.transaction() as session:
            record = editable(session, inspection_id)
            found = change(session, record)
            record.edited_by_id = actor.officer_id
            record.updated_at = local_now()
            mark_modified(record)
            return found

    def set_carrier(self, inspection_id: str, carrier_id: str | None, actor: Actor) -> list[Finding]:
        """The shop, site or account inspected (``None``: the operator as a whole)."""

        def change(session: Session, record: Inspection) -> list[Finding]:
            carrier = carrier_of(session, record.operator_id, carrier_id)
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
        """The officer who writes the record (记录人, ``None``: nobody yet). Refuses, as :meth:`set_officers` does,
        an officer who is unknown, deleted or no longer active."""

        def change(session: Session, record: Inspection) -> list[Finding]:
            if officer_id is not None:
                officer = session.get(Officer, officer_id)
                if officer is None or officer.deleted_at is not None:
                    raise ValidationFailed([f.error("recorder", "officers.unknown", f.T_OFFICER_UNKNOWN)])
                if not officer.active:
                    raise ValidationFailed(
                        [f.error("recorder", "officers.inactive", f.T_OFFICER_INACTIVE, name=officer.name)]
                    )
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
