"""Rectification from 责令限期整改 to the re-inspection that closes or extends it; the dashboard's figures."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import text

from app.errors import ValidationFailed
from app.inspections.data import EvidenceMeta, SampleSpec, TaskDraft
from app.inspections.rectification import RectificationService
from tests.inspections.conftest import LICENSE_DISPLAY, Desk, png_bytes


def ordered(desk: Desk, index: int, deadline: date = date(2026, 3, 17)) -> tuple[str, str]:
    inspection_id = desk.complete_draft(index, failing=("LZ-01", "LZ-04"), deadline=deadline)
    result = desk.finalizer.finalize(inspection_id, desk.actor)
    assert result.rectification_id is not None
    return inspection_id, result.rectification_id


def reinspect(desk: Desk, rect_id: str) -> str:
    """A complete re-inspection finding every item 符合."""
    draft = desk.rectifications.start_reinspection(rect_id, desk.actor)
    desk.inspections.set_times(draft, datetime(2026, 3, 18, 9), datetime(2026, 3, 18, 9, 30), desk.actor)
    desk.inspections.set_place(draft, "网络监测室", desk.actor)
    desk.inspections.set_methods(draft, ["网络监测"], desk.actor)
    for item in desk.inspections.detail(draft).items:
        if item.required:
            desk.inspections.set_answer(draft, item.code, "符合", desk.actor)
    desk.inspections.set_result_categories(draft, ["发现问题经责令已改正"], desk.actor)
    desk.inspections.set_follow_up(draft, "无须后续处置", desk.actor)
    return draft


def test_an_order_to_rectify_opens_a_rectification_with_the_failed_items(desk: Desk) -> None:
    inspection_id, rect_id = ordered(desk, 0)
    record = desk.rectifications.find(rect_id, today=date(2026, 3, 5))
    assert record.item_codes == ("LZ-01", "LZ-04") and record.deadline == date(2026, 3, 17)
    assert record.inspection_id == inspection_id and record.requirement.startswith("十五日内")
    assert [f.code for f in desk.rectifications.failed_items(rect_id)] == ["LZ-01", "LZ-04"]
    assert [f.value for f in desk.rectifications.failed_items(rect_id)] == ["不符合", "不符合"]
    statuses = {
        day: desk.rectifications.find(rect_id, today=day).status
        for day in (date(2026, 3, 5), date(2026, 3, 10), date(2026, 3, 17), date(2026, 3, 18))
    }
    assert statuses == {
        date(2026, 3, 5): "open",
        date(2026, 3, 10): "due_soon",
        date(2026, 3, 17): "due_soon",
        date(2026, 3, 18): "overdue",
    }
    assert [r.id for r in desk.rectifications.rows("overdue", today=date(2026, 3, 18))] == [rect_id]
    assert desk.rectifications.rows("due_soon", today=date(2026, 3, 18)) == []
    assert [r.id for r in desk.rectifications.rows("open", today=date(2026, 3, 18))] == [rect_id]


def test_a_passing_reinspection_closes_it(desk: Desk) -> None:
    _, rect_id = ordered(desk, 1)
    draft = reinspect(desk, rect_id)
    detail = desk.inspections.detail(draft)
    assert detail.kind == "reinspection" and detail.reinspection_of_id == rect_id
    assert detail.template.version == 1 and len(detail.officers) == 2
    result = desk.finalizer.finalize(draft, desk.actor)
    assert result.closed_rectification_id == rect_id
    closed = desk.rectifications.find(rect_id)
    assert closed.state == "closed" and closed.closed_by_inspection_id == draft
    with pytest.raises(ValidationFailed):
        desk.rectifications.start_reinspection(rect_id, desk.actor)


def test_a_failing_reinspection_keeps_it_open_and_extends_by_hand(desk: Desk) -> None:
    _, rect_id = ordered(desk, 2)
    draft = desk.rectifications.start_reinspection(rect_id, desk.actor)
    with pytest.raises(ValidationFailed) as early:
        desk.rectifications.close(rect_id, draft, desk.actor)
    assert early.value.findings[0].code == "rectification.draft"
    with pytest.raises(ValidationFailed) as bad:
        desk.rectifications.extend(rect_id, date(2026, 3, 1), "", desk.actor)
    assert {f.code for f in bad.value.findings} == {"rectification.new_deadline", "rectification.reason"}
    desk.rectifications.extend(rect_id, date(2026, 4, 1), "当事人申请延期，理由正当", desk.actor)
    extended = desk.rectifications.find(rect_id, today=date(2026, 3, 18))
    assert extended.deadline == date(2026, 4, 1) and extended.original_deadline == date(2026, 3, 17)
    assert extended.extensions == 1 and extended.status == "open"


def test_dashboard_figures(desk: Desk) -> None:
    today = date(2026, 3, 20)
    desk.complete_draft(3)  # a draft
    clean = desk.complete_draft(4)
    desk.finalizer.finalize(clean, desk.actor)
    _, rect_id = ordered(desk, 5)  # a problem, rectification overdue on the 20th
    amended = desk.complete_draft(6)
    desk.finalizer.finalize(amended, desk.actor)
    correction = desk.finalizer.amend(amended, "更正", desk.actor)
    desk.finalizer.finalize(correction, desk.actor)
    with desk.db.transaction() as session:
        session.execute(text("UPDATE inspection SET change_state = 'synced' WHERE id = :id"), {"id": clean})
    task = desk.tasks.create(
        TaskDraft(
            "2026-SJ-9", "抽查", desk.template_id(LICENSE_DISPLAY), SampleSpec(count=2), due_date=date(2026, 3, 19)
        ),
        desk.actor,
    )
    desk.draws.draw(task, desk.actor, seed="d")

    figures = desk.dashboard.figures(today=today)
    assert figures.drafts == 1
    assert (figures.tasks_due, figures.tasks_overdue) == (1, 1)
    assert (figures.rectifications_open, figures.rectifications_overdue) == (1, 1)
    assert figures.not_uploaded == 3  # rectified one, amended original, amendment (the synced one is not)
    assert figures.month_inspections == 3, "the amended original counts once, as its amendment"
    assert figures.month_problems == 1 and figures.month_operators == 3
    assert [d.day.day for d in figures.daily] == list(range(1, 21))
    assert figures.daily[1].inspections == 3 and figures.daily[1].problems == 1  # all ended on 2 March
    soon = RectificationService(desk.db, due_soon_days=30).rows("due_soon", today=date(2026, 3, 1))
    assert [r.id for r in soon] == [rect_id]


def test_a_reinspection_that_orders_rectification_again_extends_it(desk: Desk) -> None:
    _, rect_id = ordered(desk, 7)
    draft = reinspect(desk, rect_id)
    desk.inspections.set_answer(draft, "LZ-04", "不符合", desk.actor)
    desk.evidence.add(draft, png_bytes(seed=77), EvidenceMeta(item_code="LZ-04", file_name="复查.png"), desk.actor)
    desk.inspections.set_result_categories(draft, ["发现问题待后续处理"], desk.actor)
    desk.inspections.set_follow_up(draft, "责令限期整改", desk.actor)
    desk.inspections.set_rectification_deadline(draft, date(2026, 4, 15), desk.actor)
    result = desk.finalizer.finalize(draft, desk.actor)
    assert result.extended_rectification_id == rect_id and result.rectification_id is None
    record = desk.rectifications.find(rect_id)
    assert record.state == "open" and record.deadline == date(2026, 4, 15) and record.extensions == 1
