"""Finalizing: the rules as findings, read-only afterwards, amendments with a reason, and the hash chain that
``verify`` checks (tampering with a finalized row, a chain row or an evidence blob is found)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.errors import ValidationFailed
from app.inspections.canonical import canonical_json, sha256_hex
from app.inspections.chain import link_hash, record_document
from app.inspections.data import EvidenceMeta
from localdb.inspection_models import GENESIS_LINK, Inspection, InspectionChainLink
from tests.inspections.conftest import LICENSE_DISPLAY, Desk, png_bytes

FROZEN_TRIGGERS = ("inspection_finalized_no_update", "inspection_answer_finalized_no_update")


def codes(desk: Desk, inspection_id: str) -> set[str]:
    return {f.code for f in desk.finalizer.check(inspection_id)}


def test_a_complete_record_finalizes_into_the_chain(desk: Desk) -> None:
    first = desk.complete_draft(0)
    assert desk.finalizer.check(first) == []
    result = desk.finalizer.finalize(first, desk.actor, now=datetime(2026, 3, 2, 11, 0))
    assert result.seq == 1 and result.rectification_id is None
    detail = desk.inspections.detail(first)
    assert detail.state == "finalized" and detail.finalized_at == datetime(2026, 3, 2, 11, 0)
    assert [o.cert_no for o in detail.officers] == [desk.officers[0].cert_no, desk.officers[1].cert_no]
    with desk.db.reader() as session:
        link = session.get(InspectionChainLink, 1)
        record = session.get(Inspection, first)
        assert link is not None and record is not None
        assert link.prev_link == GENESIS_LINK
        assert link.link == link_hash(GENESIS_LINK, record_document(session, record)) == result.link
        assert link.record_hash == sha256_hex(canonical_json(record_document(session, record)))

    second = desk.complete_draft(1, failing=("LZ-02",))
    assert desk.finalizer.finalize(second, desk.actor).seq == 2
    report = desk.verifier.verify()
    assert report.ok and report.links_checked == 2 and report.evidence_checked == 1


def test_every_rule_is_a_finding(desk: Desk) -> None:
    operator_id, _ = desk.operator(2)
    inspection_id = desk.inspections.create_draft(operator_id, desk.actor, template_code=LICENSE_DISPLAY)
    assert codes(desk, inspection_id) >= {
        "officers.too_few",
        "times.missing_start",
        "times.missing_end",
        "place.missing",
        "methods.missing",
        "answer.missing",
        "results.missing",
        "follow_up.missing",
    }
    with pytest.raises(ValidationFailed):
        desk.finalizer.finalize(inspection_id, desk.actor)
    assert desk.inspections.detail(inspection_id).state == "draft"

    complete = desk.complete_draft(3)
    desk.inspections.set_officers(complete, [desk.officers[0].id], desk.actor)
    assert codes(desk, complete) == {"officers.too_few"}
    desk.inspections.set_officers(complete, [desk.officers[0].id, desk.officers[1].id], desk.actor)
    desk.inspections.set_times(complete, datetime(2026, 3, 2, 10), datetime(2026, 3, 2, 9), desk.actor)
    assert codes(desk, complete) == {"times.end_before_start"}
    desk.inspections.set_times(complete, datetime(2026, 3, 2, 9), datetime(2026, 3, 2, 10), desk.actor)
    desk.inspections.set_answer(complete, "LZ-03", "不符合", desk.actor)
    assert codes(desk, complete) == {"answer.evidence_missing", "results.no_problem_but_failed"}
    desk.evidence.add(complete, png_bytes(seed=3), EvidenceMeta(item_code="LZ-03", file_name="a.png"), desk.actor)
    desk.inspections.set_result_categories(complete, ["发现问题待后续处理"], desk.actor)
    desk.inspections.set_follow_up(complete, "责令限期整改", desk.actor)
    assert codes(desk, complete) == {"rectification.deadline_missing"}
    desk.inspections.set_rectification_deadline(complete, date(2026, 3, 1), desk.actor)
    assert codes(desk, complete) == {"rectification.deadline_before"}
    desk.inspections.set_rectification_deadline(complete, date(2026, 3, 20), desk.actor)
    desk.inspections.set_follow_up(complete, "其他", desk.actor)
    assert codes(desk, complete) == {"follow_up.other_note"}
    desk.inspections.set_follow_up(complete, "反馈日常监管部门依法处理", desk.actor)
    desk.inspections.set_result_categories(complete, ["未发现问题", "发现问题待后续处理"], desk.actor)
    assert "results.contradict" in codes(desk, complete)
    desk.inspections.set_result_categories(complete, ["发现问题待后续处理"], desk.actor)
    assert codes(desk, complete) == set()


def test_an_officer_without_certificate_blocks_finalizing(desk: Desk) -> None:
    inspection_id = desk.complete_draft(4)
    with desk.db.transaction() as session:
        session.execute(text("UPDATE officer SET cert_no = ' ' WHERE id = :id"), {"id": desk.officers[1].id})
    found = desk.finalizer.check(inspection_id)
    assert [f.code for f in found] == ["officers.no_cert"] and desk.officers[1].name in found[0].render()


def test_corrections_are_amendments(desk: Desk) -> None:
    original = desk.complete_draft(5, failing=("LZ-01",))
    desk.finalizer.finalize(original, desk.actor)
    with pytest.raises(ValidationFailed) as no_reason:
        desk.finalizer.amend(original, "  ", desk.actor)
    assert no_reason.value.findings[0].code == "amend.reason"

    amendment = desk.finalizer.amend(original, "地点笔误", desk.actor)
    copy = desk.inspections.detail(amendment)
    assert copy.state == "draft" and copy.amends_id == original and copy.amendment_reason == "地点笔误"
    assert copy.answers["LZ-01"].value == "不符合" and len(copy.evidence) == 1
    with pytest.raises(ValidationFailed) as twice:
        desk.finalizer.amend(original, "再改", desk.actor)
    assert twice.value.findings[0].code == "amend.exists"

    desk.inspections.set_place(amendment, "护国市场监管所网络监测室（更正）", desk.actor)
    result = desk.finalizer.finalize(amendment, desk.actor)
    assert result.seq == 2 and result.rectification_id is None, "the original's rectification stays the one"
    assert desk.inspections.detail(original).superseded_by == amendment
    assert desk.inspections.detail(original).place == "护国市场监管所网络监测室"
    assert desk.finalizer.amend(amendment, "再次更正", desk.actor)
    assert desk.verifier.verify().ok


def test_finalized_rows_are_read_only_in_the_database(desk: Desk) -> None:
    inspection_id = desk.complete_draft(6)
    desk.finalizer.finalize(inspection_id, desk.actor)
    for statement in (
        "UPDATE inspection SET place = 'x' WHERE id = :id",
        "UPDATE inspection_answer SET value = '不符合' WHERE inspection_id = :id",
        "DELETE FROM inspection_officer WHERE inspection_id = :id",
        "UPDATE inspection_chain SET link = 'x'",
    ):
        with pytest.raises(DBAPIError), desk.db.transaction() as session:
            session.execute(text(statement), {"id": inspection_id})
    with desk.db.transaction() as session:  # the sync bookkeeping stays writable
        session.execute(text("UPDATE inspection SET change_state = 'synced' WHERE id = :id"), {"id": inspection_id})


def tamper(desk: Desk, statement: str, **params: object) -> None:
    """What someone with the key and a SQLite shell could do: drop the guards, edit, put the guards back."""
    with desk.db.engine.begin() as conn:
        saved = {
            name: sql
            for name, sql in conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
            if name.startswith(("inspection", "checklist"))
        }
        for name in saved:
            conn.execute(text(f"DROP TRIGGER {name}"))
        conn.execute(text(statement), params)
        for sql in saved.values():
            conn.execute(text(sql))


def test_verify_finds_a_changed_finalized_row(desk: Desk) -> None:
    ids = [desk.complete_draft(i) for i in range(7, 10)]
    for inspection_id in ids:
        desk.finalizer.finalize(inspection_id, desk.actor)
    assert desk.verifier.verify().ok
    tamper(
        desk,
        "UPDATE inspection_answer SET value = '不符合' WHERE inspection_id = :id AND item_code = 'LZ-02'",
        id=ids[1],
    )
    report = desk.verifier.verify()
    assert report.first_broken is not None and not report.ok
    assert (report.first_broken.seq, report.first_broken.inspection_id) == (2, ids[1])
    assert report.first_broken.kind == "record_changed"


def test_verify_finds_a_rewritten_or_removed_link(desk: Desk) -> None:
    ids = [desk.complete_draft(i) for i in range(10, 13)]
    for inspection_id in ids:
        desk.finalizer.finalize(inspection_id, desk.actor)
    tamper(desk, "DELETE FROM inspection_chain WHERE seq = 2")
    report = desk.verifier.verify()
    assert report.first_broken is not None
    assert (report.first_broken.seq, report.first_broken.kind) == (3, "prev_mismatch")


def test_verify_finds_a_finalized_record_never_sealed(desk: Desk) -> None:
    inspection_id = desk.complete_draft(13)
    desk.finalizer.finalize(inspection_id, desk.actor)
    tamper(desk, "DELETE FROM inspection_chain")
    report = desk.verifier.verify()
    assert report.first_broken is not None and report.first_broken.kind == "not_linked"


def test_verify_finds_a_changed_evidence_blob(desk: Desk) -> None:
    inspection_id = desk.complete_draft(14, failing=("LZ-01", "LZ-04"))
    desk.finalizer.finalize(inspection_id, desk.actor)
    with desk.evidence_db.transaction() as session:
        sha = session.execute(text("SELECT sha256 FROM evidence_blob ORDER BY sha256 LIMIT 1")).scalar_one()
        session.execute(
            text("UPDATE evidence_chunk SET data = x'89504e470d0a1a0a00' WHERE sha256 = :sha"), {"sha": sha}
        )
    report = desk.verifier.verify()
    assert report.first_broken is None, "the chain itself is intact"
    assert [(p.sha256, p.kind, p.inspection_id) for p in report.evidence_problems] == [(sha, "damaged", inspection_id)]
