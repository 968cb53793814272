"""The inspection record form: autosaved fields, draft findings, and bad input that is refused without losing
anything already saved."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.errors import ValidationFailed
from app.inspections.data import InspectionFilter
from app.inspections.errors import RecordDiscarded, RecordFinalized
from app.validation import Severity
from tests.inspections.conftest import LICENSE_DISPLAY, Desk


def draft(desk: Desk, index: int = 0) -> str:
    operator_id, carrier_id = desk.operator(index, with_shop=True)
    return desk.inspections.create_draft(operator_id, desk.actor, template_code=LICENSE_DISPLAY, carrier_id=carrier_id)


def test_every_field_is_saved_as_it_is_made(desk: Desk) -> None:
    inspection_id = draft(desk)
    a, b = desk.officers[0], desk.officers[1]
    assert desk.inspections.set_officers(inspection_id, [a.id, b.id], desk.actor) == []
    desk.inspections.set_recorder(inspection_id, b.id, desk.actor)
    assert desk.inspections.set_times(inspection_id, datetime(2026, 3, 2, 9, 0, 31, 500), None, desk.actor) == []
    desk.inspections.set_ended_at(inspection_id, datetime(2026, 3, 2, 10, 0), desk.actor)
    desk.inspections.set_place(inspection_id, "某某路88号", desk.actor)
    desk.inspections.set_methods(inspection_id, ["网络监测", "实地检查", "网络监测"], desk.actor)
    desk.inspections.set_result_categories(inspection_id, ["发现问题待后续处理"], desk.actor)
    desk.inspections.set_follow_up(inspection_id, "责令限期整改", desk.actor)
    desk.inspections.set_rectification_deadline(inspection_id, date(2026, 3, 20), desk.actor)
    desk.inspections.set_party_opinion(inspection_id, "无异议", desk.actor)
    desk.inspections.set_people_present(inspection_id, "店主王某", desk.actor)
    desk.inspections.set_answer(inspection_id, "LZ-01", "不符合", desk.actor)
    desk.inspections.set_answer_note(inspection_id, "LZ-01", "首页未见营业执照信息", desk.actor)
    desk.inspections.set_answer(inspection_id, "LZ-09", "  某某小店  ", desk.actor)
    desk.inspections.set_answer(inspection_id, "LZ-10", "3", desk.actor)
    desk.inspections.set_answer(inspection_id, "LZ-11", "2026-03-01", desk.actor)

    got = desk.inspections.detail(inspection_id)
    assert [o.officer_id for o in got.officers] == [a.id, b.id]
    assert got.officers[0].cert_no == a.cert_no and got.recorder_id == b.id
    assert got.started_at == datetime(2026, 3, 2, 9, 0, 31) and got.ended_at == datetime(2026, 3, 2, 10, 0)
    assert got.place == "某某路88号"
    assert got.methods == ("实地检查", "网络监测")  # vocabulary order, once each
    assert got.result_categories == ("发现问题待后续处理",)
    assert got.follow_up == "责令限期整改" and got.rectification_deadline == date(2026, 3, 20)
    assert got.party_opinion == "无异议" and got.people_present == "店主王某"
    assert got.answers["LZ-01"].value == "不符合" and got.answers["LZ-01"].note == "首页未见营业执照信息"
    assert got.answers["LZ-09"].value == "某某小店"
    assert got.answers["LZ-10"].value == "3" and got.answers["LZ-11"].value == "2026-03-01"
    assert got.carrier_summary and got.subject_name and got.state == "draft"
    rows = desk.inspections.rows(InspectionFilter(state="draft"))
    assert [r.id for r in rows] == [inspection_id] and rows[0].officer_names == (a.name, b.name)

    desk.inspections.set_answer(inspection_id, "LZ-10", "", desk.actor)  # clearing is saving too
    assert desk.inspections.detail(inspection_id).answers["LZ-10"].value == ""


def test_one_officer_is_saved_with_a_draft_finding(desk: Desk) -> None:
    inspection_id = draft(desk)
    found = desk.inspections.set_officers(inspection_id, [desk.officers[0].id], desk.actor)
    assert [(f.code, f.severity) for f in found] == [("officers.too_few", Severity.WARNING)]
    assert "at least two officers" in found[0].render()
    assert [o.officer_id for o in desk.inspections.detail(inspection_id).officers] == [desk.officers[0].id]


def test_the_same_officer_twice_is_refused_and_nothing_is_lost(desk: Desk) -> None:
    inspection_id = draft(desk)
    a, b = desk.officers[0], desk.officers[1]
    desk.inspections.set_officers(inspection_id, [a.id, b.id], desk.actor)
    with pytest.raises(ValidationFailed) as refused:
        desk.inspections.set_officers(inspection_id, [a.id, a.id], desk.actor)
    assert [f.code for f in refused.value.findings] == ["officers.twice"]
    assert a.name in refused.value.findings[0].render()
    assert [o.officer_id for o in desk.inspections.detail(inspection_id).officers] == [a.id, b.id]


def test_inactive_and_unknown_officers_are_refused(desk: Desk) -> None:
    inspection_id = draft(desk)
    with desk.db.transaction() as session:
        from localdb.models import Officer

        officer = session.get(Officer, desk.officers[3].id)
        assert officer is not None
        officer.active = False
    with pytest.raises(ValidationFailed) as refused:
        desk.inspections.set_officers(inspection_id, [desk.officers[0].id, desk.officers[3].id], desk.actor)
    assert [f.code for f in refused.value.findings] == ["officers.inactive"]
    with pytest.raises(ValidationFailed) as unknown:
        desk.inspections.set_officers(inspection_id, ["no-such-officer"], desk.actor)
    assert [f.code for f in unknown.value.findings] == ["officers.unknown"]


def test_end_before_start_is_kept_with_a_finding(desk: Desk) -> None:
    inspection_id = draft(desk)
    found = desk.inspections.set_times(inspection_id, datetime(2026, 3, 2, 10), datetime(2026, 3, 2, 9), desk.actor)
    assert [f.code for f in found] == ["times.end_before_start"]
    assert "09:00" in found[0].render() and "10:00" in found[0].render()
    got = desk.inspections.detail(inspection_id)
    assert (got.started_at, got.ended_at) == (datetime(2026, 3, 2, 10), datetime(2026, 3, 2, 9))
    assert "times.end_before_start" in {f.code for f in desk.finalizer.check(inspection_id)}


def test_values_that_cannot_be_stored_change_nothing(desk: Desk) -> None:
    inspection_id = draft(desk)
    desk.inspections.set_answer(inspection_id, "LZ-01", "符合", desk.actor)
    desk.inspections.set_answer(inspection_id, "LZ-10", "12", desk.actor)
    desk.inspections.set_methods(inspection_id, ["网络监测"], desk.actor)
    desk.inspections.set_result_categories(inspection_id, ["未发现问题"], desk.actor)
    desk.inspections.set_follow_up(inspection_id, "无须后续处置", desk.actor)
    before = desk.inspections.detail(inspection_id)

    cases = [
        (lambda: desk.inspections.set_answer(inspection_id, "LZ-01", "基本符合", desk.actor), "answer.conformity"),
        (lambda: desk.inspections.set_answer(inspection_id, "LZ-10", "十二", desk.actor), "answer.number"),
        (lambda: desk.inspections.set_answer(inspection_id, "LZ-11", "3月1日", desk.actor), "answer.date"),
        (lambda: desk.inspections.set_answer(inspection_id, "XX-01", "符合", desk.actor), "answer.unknown_item"),
        (lambda: desk.inspections.set_methods(inspection_id, ["电话询问"], desk.actor), "methods.unknown"),
        (lambda: desk.inspections.set_result_categories(inspection_id, ["良好"], desk.actor), "results.unknown"),
        (lambda: desk.inspections.set_follow_up(inspection_id, "罚款", desk.actor), "follow_up.unknown"),
        (lambda: desk.inspections.set_place(inspection_id, "长" * 501, desk.actor), "text.too_long"),
        (lambda: desk.inspections.set_carrier(inspection_id, desk.operator(5, True)[1], desk.actor), "carrier.other"),
    ]
    for call, code in cases:
        with pytest.raises(ValidationFailed) as refused:
            call()
        assert [f.code for f in refused.value.findings] == [code]
        assert refused.value.findings[0].render()
    assert desk.inspections.detail(inspection_id) == before


def test_contradicting_results_are_a_draft_finding(desk: Desk) -> None:
    inspection_id = draft(desk)
    found = desk.inspections.set_result_categories(
        inspection_id, ["未发现问题", "违反其他市场监管规定行为"], desk.actor
    )
    assert [f.code for f in found] == ["results.contradict"]
    assert desk.inspections.detail(inspection_id).result_categories == ("未发现问题", "违反其他市场监管规定行为")


def test_result_wording_is_the_official_one() -> None:
    from app.inspections import vocabulary as v

    assert "通过登记的住所（经营场所）无法联系" in v.RESULT_CATEGORIES
    assert "发现案件线索，固定证据后移送办案机构" in v.FOLLOW_UPS
    assert v.STATUS_OUTCOMES == ("注销", "被吊销", "被撤销", "迁出")
    assert len(v.RESULT_CATEGORIES) == 10 and len(v.FOLLOW_UPS) == 6 and len(v.METHODS) == 6


def test_finalized_and_discarded_records_refuse_edits(desk: Desk) -> None:
    inspection_id = desk.complete_draft(0)
    desk.finalizer.finalize(inspection_id, desk.actor)
    for call in (
        lambda: desk.inspections.set_place(inspection_id, "改", desk.actor),
        lambda: desk.inspections.set_answer(inspection_id, "LZ-01", "不符合", desk.actor),
        lambda: desk.inspections.set_officers(inspection_id, [desk.officers[2].id], desk.actor),
        lambda: desk.inspections.discard_draft(inspection_id, desk.actor, "误建"),
    ):
        with pytest.raises(RecordFinalized) as refused:
            call()
        assert "amendment" in refused.value.findings[0].render()

    other = draft(desk, 1)
    with pytest.raises(ValidationFailed):
        desk.inspections.discard_draft(other, desk.actor, " ")
    desk.inspections.discard_draft(other, desk.actor, "重复建立")
    with pytest.raises(RecordDiscarded):
        desk.inspections.set_place(other, "x", desk.actor)
    assert other not in {r.id for r in desk.inspections.rows()}
