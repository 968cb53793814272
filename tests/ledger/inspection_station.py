"""A small station whose inspection work is known, for the ledger export tests (tests/ledger and the export
dialog's tests in tests/ui): finalized records in October and November 2026 (one failing with a rectification
closed by its re-inspection, one of a natural person transferred as a case, one from a drawn 双随机 task), a draft,
and formula-like text where an attacker could put it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from app.inspections.data import SampleSpec, TaskDraft
from app.ledger.inspection_exports import TRANSFERRED
from localdb.models import Operator
from tests.inspections.conftest import Desk, build_desk, copy_station, open_desk

OPERATORS = 40
NOV = datetime(2026, 11, 30, 18, 0)
INJECTED = '=HYPERLINK("http://evil.example","点我")'


@dataclass
class Known:
    """What the station holds: the ids of the records made, and the person's full ID number."""

    plain: str
    failing: str
    transferred: str
    october: str
    draft: str
    reinspection: str
    task_record: str
    person_id: str
    person_name: str


def fill(desk: Desk, inspection_id: str, start: datetime, results: list[str], follow_up: str) -> None:
    """Make a draft finalizable: two officers, times, place, method, every required item 符合, result, follow-up."""
    service = desk.inspections
    service.set_officers(inspection_id, [desk.officers[0].id, desk.officers[1].id], desk.actor)
    service.set_times(inspection_id, start, start.replace(hour=start.hour + 1), desk.actor)
    service.set_place(inspection_id, "护国市场监管所网络监测室", desk.actor)
    service.set_methods(inspection_id, ["网络监测"], desk.actor)
    for item in service.detail(inspection_id).items:
        if item.required and not service.detail(inspection_id).answers.get(item.code, None):
            service.set_answer(inspection_id, item.code, "符合", desk.actor)
    service.set_result_categories(inspection_id, results, desk.actor)
    service.set_follow_up(inspection_id, follow_up, desk.actor)


def person_operator(desk: Desk) -> tuple[str, str, str]:
    with desk.db.reader() as session:
        row = session.execute(
            select(Operator.id, Operator.identifier, Operator.name)
            .where(Operator.identifier_type == "resident_id", Operator.deleted_at.is_(None))
            .order_by(Operator.id)
        ).first()
    assert row is not None, "the demo station has natural persons with ID numbers"
    return str(row[0]), str(row[1]), str(row[2])


def build_known(desk: Desk) -> Known:
    fin = desk.finalizer
    plain = desk.complete_draft(0)
    desk.inspections.set_times(plain, datetime(2026, 11, 2, 9), datetime(2026, 11, 2, 10), desk.actor)
    desk.inspections.set_place(plain, INJECTED, desk.actor)
    fin.finalize(plain, desk.actor, now=NOV)

    failing_code = next(i.code for i in desk.inspections.detail(plain).items if i.required)
    failing = desk.complete_draft(1, failing=(failing_code,), deadline=date(2026, 11, 20))
    desk.inspections.set_times(failing, datetime(2026, 11, 3, 9), datetime(2026, 11, 3, 10), desk.actor)
    rect_id = fin.finalize(failing, desk.actor, now=datetime(2026, 11, 3, 12)).rectification_id
    assert rect_id is not None

    person_op, person_id, person_name = person_operator(desk)
    transferred = desk.inspections.create_draft(person_op, desk.actor, template_code="ecommerce-license-display")
    fill(desk, transferred, datetime(2026, 11, 5, 9), ["违反其他市场监管规定行为"], TRANSFERRED)
    desk.inspections.set_text(transferred, "follow_up_note", "@SUM(A1:A9)", desk.actor)
    fin.finalize(transferred, desk.actor, now=NOV)

    october = desk.complete_draft(3)
    desk.inspections.set_times(october, datetime(2026, 10, 20, 9), datetime(2026, 10, 20, 10), desk.actor)
    fin.finalize(october, desk.actor, now=NOV)

    draft = desk.complete_draft(4)
    desk.inspections.set_times(draft, datetime(2026, 11, 6, 9), datetime(2026, 11, 6, 10), desk.actor)

    reinspection = desk.rectifications.start_reinspection(rect_id, desk.actor)
    fill(desk, reinspection, datetime(2026, 11, 10, 9), ["未发现问题"], "无须后续处置")
    for item in desk.rectifications.failed_items(rect_id):
        desk.inspections.set_answer(reinspection, item.code, "符合", desk.actor)
    fin.finalize(reinspection, desk.actor, now=datetime(2026, 11, 10, 12))
    assert desk.rectifications.find(rect_id).state == "closed"

    task = desk.tasks.create(TaskDraft("2026-SJ-011", "=亮照抽查", desk.template_id(), SampleSpec(count=2)), desk.actor)
    desk.draws.draw(task, desk.actor, seed="5eed", now=datetime(2026, 11, 1, 9))
    target = desk.tasks.detail(task).targets[0]
    task_record = desk.inspections.create_from_task(target.id, desk.actor)
    fill(desk, task_record, datetime(2026, 11, 12, 9), ["未发现问题"], "无须后续处置")
    fin.finalize(task_record, desk.actor, now=NOV)
    return Known(plain, failing, transferred, october, draft, reinspection, task_record, person_id, person_name)


def build_station(root: Path) -> Known:
    """Build the station in ``root`` (``root/station`` with the key ``root/station.key``) and close it."""
    desk = build_desk(root / "station", root / "station.key", operators=OPERATORS)
    try:
        return build_known(desk)
    finally:
        desk.close()


def open_copy(built: Path, target: Path) -> Desk:
    """A private copy of the station built in ``built``, opened (close it when done)."""
    return open_desk(*copy_station(built, target))
