"""What a draft may hold, and the draft findings of what it holds.

Shared by autosave (which refuses what cannot be stored and reports the rest as warnings), by reading a record
(the findings the form shows when it opens) and by finalizing (which turns the same findings into blockers). Kept
apart so that each of those reads one set of rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationFailed
from app.inspections import findings as f
from app.inspections.draw import parse_decimal
from app.inspections.vocabulary import CONFORMITY_ANSWERS, NO_PROBLEM, PROBLEM_RESULTS, AnswerType
from app.validation import Finding
from localdb.inspection_models import ChecklistItem, Inspection, InspectionOfficer
from localdb.models import Officer

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
