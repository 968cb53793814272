"""The dry run, the commit and undo against a real encrypted station database.

The preview must classify every row (new / changed with field-level changes / unchanged / conflict / rejected)
without writing; the commit writes exactly that in one transaction with an audit entry per change and the import
named as the reason; undo must restore the stored rows byte for byte (and the search index with them); and
nothing — a stale preview, a cancel, an edit after the import — may leave a half-done state.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from app.ledger import commit as commit_module
from app.ledger import errors as err
from app.ledger import service as service_module
from app.ledger.preview import Status
from app.ledger.service import LedgerImportService
from app.progress import Cancelled, Progress
from app.records import OperatorFilter
from app.services.registry import RegistryService
from localdb.database import Database
from localdb.sync_models import SyncState
from tests.ledger.conftest import Translate, audit_count, officer, state, table_rows
from tests.ledger.files import (
    FLAGGED_USCC,
    HEADER,
    OTHER_USCC,
    RESIDENT_ID,
    THIRD_USCC,
    VALID_USCC,
    rows_basic,
    write_xlsx,
)


def service(db: Database, translate: Translate | None = None) -> LedgerImportService:
    return LedgerImportService(db, translate) if translate else LedgerImportService(db)


def audit_rows(db: Database, since: int) -> list[dict[str, Any]]:
    with db.engine.connect() as conn:
        result = conn.exec_driver_sql(
            "SELECT entity_type, entity_id, action, field, before, after, reason, officer_name FROM audit_log"
            " WHERE id > ? ORDER BY id",
            (since,),
        )
        rows = [dict(r._mapping) for r in result]
        conn.rollback()
    return rows


def max_audit(db: Database) -> int:
    with db.engine.connect() as conn:
        value = int(conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM audit_log").scalar() or 0)
        conn.rollback()
    return value


def by_name(preview, name: str):  # type: ignore[no-untyped-def]
    return next(item for item in preview.items if item.name == name)


# -- classification ----------------------------------------------------------------------------------------------
def test_new_changed_unchanged_conflict_rejected(empty_db: Database, tmp_path: Path) -> None:
    actor = officer_or_station(empty_db)
    first = write_xlsx(tmp_path / "may.xlsx", rows_basic())
    svc = service(empty_db)
    svc.commit(svc.dry_run(first), actor)

    rows = [list(r) for r in rows_basic()]
    rows[0][4] = "13900000001"  # phone changed
    rows[0][7] = "翠湖新店"  # another carrier (other shop id below)
    rows[0][8] = "10002"
    rows.append([4, "重复行有限公司", THIRD_USCC, "赵六", "13700000000", None, "", "", ""])
    rows.append([5, "重复行有限公司", THIRD_USCC, "钱七", "13700000000", None, "", "", ""])  # differs: conflict
    rows.append([6, "坏代码公司", "9111000060003IOZSV", "", "", None, "", "", ""])
    rows.append([7, "新来的有限公司", "91310110666007217T", "孙八", "021-12345678", None, "拼多多", "新店", "30003"])
    preview = svc.dry_run(write_xlsx(tmp_path / "june.xlsx", rows))
    counts = preview.counts()
    assert counts.as_dict() == {"new": 1, "changed": 1, "unchanged": 2, "conflicts": 1, "rejected": 1, "warnings": 0}

    changed = by_name(preview, "昆明市翠湖电子商务有限公司")
    assert changed.status is Status.CHANGED
    assert [(c.field, c.before, c.after) for c in changed.changes] == [("phone", "13800138000", "13900000001")]
    assert [p.carrier_id for p in changed.carriers] == [None], "a carrier with another shop id is a new carrier"
    conflict = by_name(preview, "重复行有限公司")
    assert conflict.status is Status.CONFLICT and conflict.rows == [6, 7]
    assert "法定代表人" in conflict.issues[-1].finding.render()
    rejected = by_name(preview, "坏代码公司")
    assert rejected.status is Status.REJECTED and rejected.issues[0].column == 2 and rejected.issues[0].row == 8
    assert not by_name(preview, "福建试点代码商贸有限公司").has_warnings, "its code was accepted at the first import"


def officer_or_station(db: Database):  # type: ignore[no-untyped-def]
    from app.services.officers import OfficerService

    record = OfficerService(db).active_officers()[0]
    from app.records import Actor

    return Actor(record.id, record.name)


def test_preview_writes_nothing(demo_db: Database, tmp_path: Path) -> None:
    before = state(demo_db)
    audit = audit_count(demo_db)
    service(demo_db).dry_run(write_xlsx(tmp_path / "x.xlsx", rows_basic()))
    assert state(demo_db) == before and audit_count(demo_db) == audit


def test_natural_persons_are_matched_by_name_and_id_or_phone(empty_db: Database, tmp_path: Path) -> None:
    header = ["主体名称", "主体类型", "身份证号", "联系电话", "平台", "店铺名称"]
    rows = [
        ["王小二", "自然人", RESIDENT_ID, "13800000001", "闲鱼", "小二的店"],
        ["李小三", "自然人", "", "13800000002", "抖音", "小三直播"],
        ["张小四", "自然人", "", "", "快手", "小四"],
    ]
    svc = service(empty_db)
    actor = officer_or_station(empty_db)
    svc.commit(svc.dry_run(write_xlsx(tmp_path / "a.xlsx", rows, header=header)), actor)

    again = [
        ["王小二", "自然人", RESIDENT_ID, "13800000009", "闲鱼", "小二的店"],  # same ID: the phone changes
        ["李小三", "自然人", "", "13800000002", "抖音", "小三直播"],  # same name + phone: unchanged
        ["张小四", "自然人", "", "", "快手", "小四"],  # name alone: unchanged, with a warning
    ]
    preview = svc.dry_run(write_xlsx(tmp_path / "b.xlsx", again, header=header))
    statuses = {item.name: item.status for item in preview.items}
    assert statuses == {"王小二": Status.CHANGED, "李小三": Status.UNCHANGED, "张小四": Status.UNCHANGED}
    assert [c.field for c in by_name(preview, "王小二").changes] == ["phone"]
    assert by_name(preview, "张小四").has_warnings

    other_name = [["王大二", "自然人", RESIDENT_ID, "13800000001", "", ""]]  # the same ID under another name
    (item,) = svc.dry_run(write_xlsx(tmp_path / "c.xlsx", other_name, header=header)).items
    assert item.status is Status.CONFLICT
    assert "王小二" in item.issues[-1].finding.render()


def test_duplicate_identifiers_inside_one_file_are_conflicts(empty_db: Database, tmp_path: Path, zh: Translate) -> None:
    rows = [
        [1, "甲有限公司", VALID_USCC, "李明", "13800138000", None, "", "", ""],
        [2, "甲有限公司", VALID_USCC.lower(), "李明", "13800138001", None, "", "", ""],
    ]
    preview = service(empty_db).dry_run(write_xlsx(tmp_path / "dup.xlsx", rows))
    (item,) = preview.items
    assert item.status is Status.CONFLICT and item.rows == [3, 4]
    message = item.issues[-1].finding.render(zh)
    assert "第 3、4 行" in message and VALID_USCC in message and "联系电话" in message, message


def test_one_row_per_carrier_is_one_operator(empty_db: Database, tmp_path: Path) -> None:
    rows = [
        [1, "甲有限公司", VALID_USCC, "李明", "13800138000", None, "淘宝", "甲旗舰店", "1"],
        [2, "甲有限公司", VALID_USCC, "李明", "13800138000", None, "京东", "甲自营店", "2"],
    ]
    preview = service(empty_db).dry_run(write_xlsx(tmp_path / "carriers.xlsx", rows))
    (item,) = preview.items
    assert item.status is Status.NEW and [p.values["platform"] for p in item.carriers] == ["淘宝", "京东"]


# -- commit --------------------------------------------------------------------------------------------------------
def test_commit_writes_operators_carriers_audit_and_a_batch(empty_db: Database, tmp_path: Path, zh: Translate) -> None:
    actor = officer_or_station(empty_db)
    since = max_audit(empty_db)
    svc = service(empty_db, zh)
    rows = rows_basic()
    rows.append(list(rows[0]))  # the same operator twice: one new operator from two ledger rows
    preview = svc.dry_run(write_xlsx(tmp_path / "五月台账.xlsx", rows))
    result = svc.commit(preview, actor)
    assert (result.new, result.changed, result.carriers_added) == (3, 0, 2)

    registry = RegistryService(empty_db)
    hits = registry.search_ids("翠湖", OperatorFilter())
    assert len(hits) == 1, "new operators are in the search index"
    detail = registry.detail(hits[0])
    assert detail.draft.phone == "13800138000" and detail.draft.founded_on == date(2020, 5, 1)
    assert [c.shop_name for c in detail.carriers] == ["翠湖旗舰店"]
    assert registry.rows(registry.search_ids("kmch", OperatorFilter()))[0].name == "昆明市翠湖电子商务有限公司"

    entries = audit_rows(empty_db, since)
    creates = [e for e in entries if e["entity_type"] == "operator" and e["action"] == "create"]
    assert len(creates) == 3 and all(e["officer_name"] == actor.name for e in entries)
    assert [e["reason"] for e in creates] == [
        "导入自 五月台账.xlsx，工作表 台账，第 3、6 行",
        "导入自 五月台账.xlsx，工作表 台账，第 4 行",
        "导入自 五月台账.xlsx，工作表 台账，第 5 行",
    ]
    carrier_creates = [e for e in entries if e["entity_type"] == "carrier" and e["action"] == "create"]
    assert carrier_creates[0]["reason"] == creates[0]["reason"]
    override = next(e for e in entries if e["action"] == "override")
    assert (
        override["after"] == FLAGGED_USCC and "校验码" in override["reason"] and "五月台账.xlsx" in override["reason"]
    )
    flagged = registry.rows(registry.search_ids(FLAGGED_USCC, OperatorFilter()))[0]
    assert flagged.flagged
    batch = table_rows(empty_db, "import_batch")
    assert len(batch) == 1 and any(e["entity_type"] == "import_batch" for e in entries)


def test_a_batch_too_long_for_one_statement_is_split(
    empty_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Huge cells: a batch whose JSON would pass the limit is written in halves, with the same result (each row's
    carriers with their operator, every override audited after its operator's creation)."""
    monkeypatch.setattr(commit_module, "MAX_JSON_CHARS", 1)  # every batch halves down to single rows
    monkeypatch.setattr(commit_module.Audit, "FLUSH_AT", 1)  # and every audit row is written as soon as it is added
    writes: list[str] = []
    real_write = commit_module._Writer._write_json
    monkeypatch.setattr(
        commit_module._Writer, "_write_json", lambda self, *args: writes.append(args[1]) or real_write(self, *args)
    )
    since = max_audit(empty_db)
    before = state(empty_db)
    svc = service(empty_db)
    result = svc.commit(svc.dry_run(write_xlsx(tmp_path / "big.xlsx", rows_basic())), officer_or_station(empty_db))
    assert (result.new, result.changed, result.carriers_added) == (3, 0, 2)
    assert len(writes) == 5, "three operators and two carriers, one statement each"
    with empty_db.engine.connect() as conn:
        listed = conn.exec_driver_sql("SELECT inserted_operators, inserted_carriers FROM import_batch").one()
        conn.rollback()
    assert [len(text.split("\n")) for text in listed] == [3, 2], "a span of ids per batch (localdb/ids.py)"

    registry = RegistryService(empty_db)
    rows = registry.rows(registry.list_ids(OperatorFilter()))
    shops = {row.name: [c.shop_name for c in registry.detail(row.id).carriers] for row in rows}
    assert shops == {"昆明市翠湖电子商务有限公司": ["翠湖旗舰店"], "杭州某某网络科技有限公司": ["某某自营店"],
        "福建试点代码商贸有限公司": []}  # fmt: skip
    entries = [(e["entity_id"], e["action"]) for e in audit_rows(empty_db, since) if e["entity_type"] == "operator"]
    overrides = [entity_id for entity_id, action in entries if action == "override"]
    assert len(overrides) == 1 and sum(action == "create" for _, action in entries) == 3
    assert entries.index((overrides[0], "create")) < entries.index((overrides[0], "override"))

    svc.undo_last(officer_or_station(empty_db))
    assert state(empty_db) == before, "undo finds every row the spans name"


def test_changed_fields_are_audited_field_by_field(demo_db: Database, tmp_path: Path) -> None:
    registry = RegistryService(demo_db)
    target, other = [
        r for r in registry.rows(registry.list_ids(OperatorFilter())) if r.identifier_type == "uscc" and not r.flagged
    ][:2]
    rows = [
        [1, target.name, target.identifier, "新法人", "13911112222", None, "", "", ""],
        [2, other.name, other.identifier, "另一位法人代表", None, None, "", "", ""],  # other columns changed
    ]
    since = max_audit(demo_db)
    svc = service(demo_db)
    preview = svc.dry_run(write_xlsx(tmp_path / "x.xlsx", rows))
    item = by_name(preview, target.name)
    assert item.status is Status.CHANGED
    assert {c.field for c in item.changes} == {"legal_representative", "phone"}
    svc.commit(preview, officer(demo_db))
    updates = [e for e in audit_rows(demo_db, since) if e["action"] == "update" and e["entity_id"] == target.id]
    assert {(e["field"], e["after"]) for e in updates} == {("legal_representative", "新法人"), ("phone", "13911112222")}
    assert registry.detail(target.id).draft.legal_representative == "新法人"
    assert registry.detail(target.id).draft.phone == "13911112222"
    assert registry.detail(other.id).draft.legal_representative == "另一位法人代表"
    assert registry.search_ids("新法人", OperatorFilter()) == [target.id], "the index follows the change"


def test_empty_cells_never_clear_values(demo_db: Database, tmp_path: Path) -> None:
    registry = RegistryService(demo_db)
    target = next(r for r in registry.rows(registry.list_ids(OperatorFilter())) if r.identifier_type == "uscc")
    header = ["主体名称", "统一社会信用代码", "法定代表人", "联系电话"]
    preview = service(demo_db).dry_run(
        write_xlsx(tmp_path / "x.xlsx", [[target.name, target.identifier, "", ""]], header=header)
    )
    assert preview.items[0].status is Status.UNCHANGED


def test_a_stale_preview_is_refused(demo_db: Database, tmp_path: Path) -> None:
    svc = service(demo_db)
    preview = svc.dry_run(write_xlsx(tmp_path / "x.xlsx", rows_basic()))
    registry = RegistryService(demo_db)
    operator_id = registry.list_ids(OperatorFilter())[0]
    registry.delete(operator_id, officer(demo_db), "测试")
    before = state(demo_db)
    with pytest.raises(err.PreviewOutdated):
        svc.commit(preview, officer(demo_db))
    assert state(demo_db) == before


def test_the_preview_sees_changes_made_after_the_sheet_was_read(empty_db: Database, tmp_path: Path) -> None:
    """The register read alongside the sheet is used only while nothing changed since."""
    actor = officer_or_station(empty_db)
    svc = service(empty_db)
    ledger = svc.open(write_xlsx(tmp_path / "x.xlsx", rows_basic()))
    loaded = svc.choose_sheet(ledger, None)
    assert loaded.snapshot is not None and not loaded.snapshot.operators
    assert by_name(svc.preview(loaded), "昆明市翠湖电子商务有限公司").status is Status.NEW

    svc.commit(svc.dry_run(write_xlsx(tmp_path / "colleague.xlsx", rows_basic())), actor)  # the register changes
    preview = svc.preview(loaded)
    assert by_name(preview, "昆明市翠湖电子商务有限公司").status is Status.UNCHANGED
    assert preview.counts().new == 0


def test_the_register_is_read_once_for_several_sheets(
    empty_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[int] = []
    real = service_module.load_snapshot
    monkeypatch.setattr(service_module, "load_snapshot", lambda conn: reads.append(1) or real(conn))
    path = write_xlsx(tmp_path / "two.xlsx", rows_basic(), sheet="一月")
    workbook = load_workbook(path)
    workbook.copy_worksheet(workbook["一月"]).title = "二月"
    workbook.save(path)
    svc = service(empty_db)
    with pytest.raises(err.SeveralSheets):
        svc.choose_sheet(svc.open(path), None)
    assert len(reads) == 1


def test_rows_deleted_by_the_end_of_a_full_pull_make_the_preview_stale(empty_db: Database, tmp_path: Path) -> None:
    """The end of a full pull deletes rows the server no longer has without touching ``updated_at``."""
    svc = service(empty_db)
    actor = officer_or_station(empty_db)
    svc.commit(svc.dry_run(write_xlsx(tmp_path / "first.xlsx", rows_basic())), actor)
    rows = rows_basic()
    rows[0][3] = "新的法人"
    preview = svc.dry_run(write_xlsx(tmp_path / "second.xlsx", rows))
    with empty_db.bulk_transaction() as conn:
        conn.exec_driver_sql(
            "UPDATE operator SET deleted_at = '2026-01-01 00:00:00' WHERE identifier = ?", (OTHER_USCC,)
        )
    with pytest.raises(err.PreviewOutdated):
        svc.commit(preview, actor)


def test_a_pull_since_the_preview_makes_it_stale(empty_db: Database, tmp_path: Path) -> None:
    """Pulled changes keep the rows' local ``updated_at`` and write no audit entry: the moved pull cursor tells."""
    svc = service(empty_db)
    preview = svc.dry_run(write_xlsx(tmp_path / "x.xlsx", rows_basic()))
    with empty_db.transaction() as session:
        session.add(SyncState(id=1, server_url="https://province.example", station_id="s", device_id="d", cursor="c1"))
    with pytest.raises(err.PreviewOutdated):
        svc.commit(preview, officer_or_station(empty_db))


def test_cancelling_the_commit_changes_nothing(demo_db: Database, tmp_path: Path) -> None:
    rows = [
        [n, f"批量测试{n}有限公司", code, "", "", None, "", "", ""] for n, code in enumerate([VALID_USCC, OTHER_USCC])
    ]
    svc = service(demo_db)
    preview = svc.dry_run(write_xlsx(tmp_path / "x.xlsx", rows))
    before, audit = state(demo_db), audit_count(demo_db)
    progress = Progress(lambda done, _total: progress.cancel() if done else None)
    with pytest.raises(Cancelled):
        svc.commit(preview, officer(demo_db), progress)
    assert state(demo_db) == before and audit_count(demo_db) == audit
    assert table_rows(demo_db, "import_batch") == []


def test_the_mapping_is_remembered_per_header_layout(empty_db: Database, tmp_path: Path) -> None:
    header = ["单位", "代码", "手机"]  # nothing here is recognised by name alone
    rows = [["甲有限公司", VALID_USCC, "13800138000"]]
    path = write_xlsx(tmp_path / "odd.xlsx", rows, header=["主体名称", *header[1:]])
    svc = service(empty_db)
    loaded = svc.load(svc.open(path), "台账")
    assert 1 not in loaded.mapping, "代码 alone names no field"
    mapping = {0: "name", 1: "identifier.uscc", 2: "phone"}
    svc.commit(svc.preview(loaded, mapping), officer_or_station(empty_db))
    again = svc.load(svc.open(path), "台账")
    assert again.remembered and again.mapping == mapping


# -- undo ----------------------------------------------------------------------------------------------------------
def test_undo_restores_byte_identical_rows(demo_db: Database, tmp_path: Path, zh: Translate) -> None:
    registry = RegistryService(demo_db)
    rows_now = registry.rows(registry.list_ids(OperatorFilter()))
    targets = [r for r in rows_now if r.identifier_type == "uscc"][:3]
    rows = [
        [i, t.name, t.identifier, "改过的法人", "13912340000", None, "淘宝", "新开的店", f"9{i}"]
        for i, t in enumerate(targets)
    ]
    rows += [[9, "撤销测试新公司", VALID_USCC, "新人", "13800000000", date(2021, 1, 1), "京东", "新公司店", "77"]]
    rows += [[10, "福建试点代码商贸有限公司", FLAGGED_USCC, "", "", None, "", "", ""]]
    before = state(demo_db)
    svc = service(demo_db, zh)
    preview = svc.dry_run(write_xlsx(tmp_path / "undo.xlsx", rows))
    assert preview.counts().changed == 3 and preview.counts().new == 2
    svc.commit(preview, officer(demo_db))
    assert state(demo_db) != before
    last = svc.last_import()
    assert last is not None and last.file_name == "undo.xlsx" and (last.new, last.changed) == (2, 3)

    result = svc.undo_last(officer(demo_db))
    assert result.removed_operators == 2
    assert state(demo_db) == before, "every operator, carrier and index row as it was, byte for byte"
    assert svc.last_import() is None
    with pytest.raises(err.NothingToUndo):
        svc.undo_last(officer(demo_db))
    actions = {e["action"] for e in audit_rows(demo_db, 0) if e["reason"] and "撤销导入" in e["reason"]}
    assert actions == {"delete", "update", "undo"}


def test_undo_refuses_when_an_imported_row_was_edited_since(demo_db: Database, tmp_path: Path) -> None:
    svc = service(demo_db)
    svc.commit(svc.dry_run(write_xlsx(tmp_path / "x.xlsx", rows_basic())), officer(demo_db))
    registry = RegistryService(demo_db)
    operator_id = registry.search_ids(OTHER_USCC, OperatorFilter())[0]
    draft = registry.detail(operator_id).draft
    from dataclasses import replace

    registry.update(operator_id, replace(draft, notes="导入后手工补充"), officer(demo_db))
    before = state(demo_db)
    with pytest.raises(err.UndoBlocked) as caught:
        svc.undo_last(officer(demo_db))
    assert caught.value.params["count"] == "1"
    assert state(demo_db) == before


def test_undo_of_an_earlier_import_after_the_last_one_was_undone(empty_db: Database, tmp_path: Path) -> None:
    actor = officer_or_station(empty_db)
    svc = service(empty_db)
    empty = state(empty_db)
    svc.commit(svc.dry_run(write_xlsx(tmp_path / "a.xlsx", rows_basic()[:1])), actor)
    after_first = state(empty_db)
    svc.commit(svc.dry_run(write_xlsx(tmp_path / "b.xlsx", rows_basic()[1:])), actor)
    svc.undo_last(actor)
    assert state(empty_db) == after_first
    svc.undo_last(actor)
    assert state(empty_db) == empty


def test_commit_without_station_is_refused(tmp_path: Path) -> None:
    from tests.support.stations import open_with_key_file, write_random_key_file

    write_random_key_file(tmp_path / "k.key")
    db = open_with_key_file(tmp_path / "data", tmp_path / "k.key")
    try:
        with pytest.raises(err.NoStation):
            service(db).dry_run(write_xlsx(tmp_path / "x.xlsx", rows_basic()))
    finally:
        db.close()


def test_header_row_repeated_inside_the_data_is_skipped(empty_db: Database, tmp_path: Path) -> None:
    rows = [*rows_basic()[:1], HEADER, *rows_basic()[1:2]]
    preview = service(empty_db).dry_run(write_xlsx(tmp_path / "pasted.xlsx", rows))
    assert preview.counts().new == 2 and preview.counts().rejected == 0


def test_an_import_goes_to_the_outbox_and_undo_takes_back_what_was_not_sent(empty_db: Database, tmp_path: Path) -> None:
    """Imported operators are station-made records: each becomes a create proposal and each carrier an upsert,
    written just after the import's commit at seqs it reserved; undo removes those entries (or the backlog still
    waiting to write them) while no sync has sent them, and refuses afterwards."""
    actor = officer_or_station(empty_db)
    svc = service(empty_db)
    before = state(empty_db)
    svc.commit(svc.dry_run(write_xlsx(tmp_path / "a.xlsx", rows_basic())), actor)
    assert table_rows(empty_db, "sync_outbox") == [] and table_rows(empty_db, "outbox_backlog")
    svc.undo_last(actor)  # before the entries were written
    assert state(empty_db) == before

    preview = svc.dry_run(write_xlsx(tmp_path / "a.xlsx", rows_basic()))
    svc.commit(preview, actor)
    written = empty_db.settle_outbox()
    entries = table_rows(empty_db, "sync_outbox")
    assert written == len(entries) and table_rows(empty_db, "outbox_backlog") == []
    kinds = [(row[1], row[3]) for row in entries]
    assert kinds.count(("operator_proposal", "propose")) == preview.counts().new
    assert ("carrier", "upsert") in kinds
    proposal = json.loads(next(row[5] for row in entries if row[1] == "operator_proposal"))
    assert proposal["kind"] == "create" and proposal["fields"]["name"]
    first_proposal = kinds.index(("operator_proposal", "propose"))
    assert first_proposal < kinds.index(("carrier", "upsert")), "parents before their carriers"

    svc.undo_last(actor)
    assert state(empty_db) == before, "the outbox and the search backlog as they were"

    svc.commit(svc.dry_run(write_xlsx(tmp_path / "b.xlsx", rows_basic())), actor)
    with empty_db.bulk_transaction() as conn:  # a sync sent the first entry
        conn.exec_driver_sql("UPDATE sync_outbox SET state = 'sent' WHERE seq = (SELECT min(seq) FROM sync_outbox)")
    sent = state(empty_db)
    with pytest.raises(err.UndoBlocked):
        svc.undo_last(actor)
    assert state(empty_db) == sent


def test_a_changed_province_field_is_proposed_and_a_station_field_upserted(demo_db: Database, tmp_path: Path) -> None:
    registry = RegistryService(demo_db)
    target = next(r for r in registry.rows(registry.list_ids(OperatorFilter())) if r.identifier_type == "uscc")
    rows = [[1, target.name, target.identifier, "改过的法人", "13912340000", None, "", "", ""]]
    svc = service(demo_db)
    preview = svc.dry_run(write_xlsx(tmp_path / "c.xlsx", rows))
    assert preview.counts().changed == 1
    svc.commit(preview, officer(demo_db))
    entries = {(row[1], row[3]): json.loads(row[5]) for row in table_rows(demo_db, "sync_outbox")}
    proposal = entries[("operator_proposal", "propose")]
    assert proposal["kind"] == "update" and proposal["fields"] == {"legal_representative": "改过的法人"}
    assert proposal["base_values"]["legal_representative"] == target.legal_representative
    assert entries[("operator", "upsert")] == {"phone": "13912340000"}


def test_imported_rows_are_found_before_and_after_the_backlog_is_indexed(empty_db: Database, tmp_path: Path) -> None:
    """The commit leaves the search entries to the backlog; the search scans backlog rows meanwhile, and indexing
    the backlog (the app does it in the background, the CLI before it exits) gives the same answers."""
    svc = service(empty_db)
    svc.commit(svc.dry_run(write_xlsx(tmp_path / "a.xlsx", rows_basic())), officer_or_station(empty_db))
    registry = RegistryService(empty_db)
    queries = {"翠湖电子": 1, "翠湖": 1, "翠湖旗舰": 1, "kmsch": 1, "87654321": 1, "cuihu": 0}

    def hits() -> dict[str, int]:
        return {q: len(registry.search_ids(q, OperatorFilter())) for q in queries}

    assert table_rows(empty_db, "search_backlog"), "nothing indexed yet"
    assert table_rows(empty_db, "operator_fts") == []
    assert hits() == queries

    assert svc.finish_backlogs() == 3
    assert table_rows(empty_db, "search_backlog") == []
    assert len(table_rows(empty_db, "operator_fts")) == 3
    assert hits() == queries
