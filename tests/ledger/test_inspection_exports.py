"""The inspection ledgers: inspection records, 抽查结果, rectifications, the draw record and the monthly report,
read back with openpyxl; masking, formula injection, and the monthly counts on a small station whose inspections
are known."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.ledger.export_service import LedgerExports, UnknownTask
from app.ledger.inspection_exports import monthly_figures
from app.ledger.xlsx import mask_resident_id
from localdb.models import AuditLog, Carrier
from tests.inspections.conftest import Desk
from tests.ledger.inspection_station import INJECTED, Known


def cells(path: Path, sheet: int = 0) -> list[list[Any]]:
    wb = load_workbook(path)
    ws = wb.worksheets[sheet]
    return [list(row) for row in ws.iter_rows(values_only=True)]


def data_rows(path: Path, sheet: int = 0) -> list[dict[str, Any]]:
    rows = cells(path, sheet)
    header = rows[1]
    return [dict(zip(header, row, strict=True)) for row in rows[2:]]


def layout_ok(path: Path, sheet: int = 0) -> None:
    wb = load_workbook(path)
    ws = wb.worksheets[sheet]
    assert ws.freeze_panes == "A3"
    assert ws.merged_cells.ranges and str(next(iter(ws.merged_cells.ranges))).startswith("A1:")
    assert ws["A2"].font.bold and ws["A1"].font.bold
    assert ws.column_dimensions["B"].width and ws.auto_filter.ref.startswith("A2:")


def export(desk: Desk, kind: str, path: Path, **options: Any) -> Any:
    return LedgerExports(desk.db).export(kind, path, actor=desk.actor, **options)


def test_inspection_records(desk: Desk, known: Known, tmp_path: Path) -> None:
    path = tmp_path / "inspections.xlsx"
    result = export(desk, "inspections", path)
    layout_ok(path)
    rows = {r["检查对象"] + str(r["检查开始时间"]): r for r in data_rows(path)}
    assert result.rows == len(rows) == 7 and result.masked
    detail = desk.inspections.detail(known.transferred)
    row = rows[detail.subject_name + str(detail.started_at)]
    assert row["统一社会信用代码/证件号码"] == mask_resident_id(known.person_id) != known.person_id
    assert row["检查人员"] == f"{desk.officers[0].name}、{desk.officers[1].name}"
    assert row["执法证号"] == f"{desk.officers[0].cert_no}、{desk.officers[1].cert_no}" and desk.officers[0].cert_no
    assert row["检查结果"] == "违反其他市场监管规定行为"
    assert row["后续处置措施"] == "发现案件线索，固定证据后移送办案机构"
    assert row["核查方式"] == "网络监测" and row["记录状态"] == "已定稿"
    assert row["检查开始时间"] == datetime(2026, 11, 5, 9) and row["检查结束时间"] == datetime(2026, 11, 5, 10)
    assert {r["记录状态"] for r in rows.values()} == {"已定稿", "草稿"}
    assert "2026-SJ-011" in {r["任务编号"] for r in rows.values()}


def test_personal_data_only_when_asked_and_then_audited(desk: Desk, known: Known, tmp_path: Path) -> None:
    def audits() -> int:
        with desk.db.reader() as session:
            return len(session.scalars(select(AuditLog.id).where(AuditLog.entity_type == "export")).all())

    before = audits()
    export(desk, "inspections", tmp_path / "masked.xlsx")
    assert audits() == before
    result = export(desk, "inspections", tmp_path / "full.xlsx", include_personal_data=True)
    assert not result.masked and audits() == before + 1
    identifiers = {r["统一社会信用代码/证件号码"] for r in data_rows(tmp_path / "full.xlsx")}
    assert known.person_id in identifiers
    masked = {r["统一社会信用代码/证件号码"] for r in data_rows(tmp_path / "masked.xlsx")}
    assert known.person_id not in masked


def test_formula_like_text_stays_text(desk: Desk, tmp_path: Path) -> None:
    path = tmp_path / "inspections.xlsx"
    export(desk, "inspections", path)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    found = {c.value: c for row in ws.iter_rows(min_row=3) for c in row if isinstance(c.value, str)}
    for text in (INJECTED, "@SUM(A1:A9)"):
        assert found[text].data_type == "s", text
    draw = tmp_path / "draw.xlsx"
    export(desk, "draw", draw)
    facts = load_workbook(draw).worksheets[0]
    assert facts["B3"].value == "=亮照抽查" and facts["B3"].data_type == "s"
    for kind in ("results", "rectifications", "draw", "monthly", "inspections"):
        target = tmp_path / f"{kind}-x.xlsx"
        export(desk, kind, target, month="2026-11")
        with zipfile.ZipFile(target) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/sheet"):
                    assert "<f>" not in archive.read(name).decode("utf-8"), (kind, name)


def test_results_for_publication(desk: Desk, known: Known, tmp_path: Path) -> None:
    path = tmp_path / "results.xlsx"
    result = export(desk, "results", path, include_personal_data=True)
    layout_ok(path)
    rows = data_rows(path)
    assert result.rows == len(rows) == 1
    detail = desk.inspections.detail(known.task_record)
    assert rows[0] == {
        "序号": 1,
        "抽查任务编号": "2026-SJ-011",
        "抽查任务名称": "=亮照抽查",
        "检查对象名称": detail.subject_name,
        "统一社会信用代码/注册号": detail.subject_identifier
        if detail.subject_identifier_type != "resident_id"
        else None,
        "检查结果": "未发现问题",
        "检查完成日期": datetime(2026, 11, 12),
    }
    headers = cells(path)[1]
    assert not {"联系电话", "法定代表人", "检查人员", "执法证号"} & set(headers), "no personal data"


def test_rectification_ledger(desk: Desk, known: Known, tmp_path: Path) -> None:
    path = tmp_path / "rect.xlsx"
    assert export(desk, "rectifications", path).rows == 1
    layout_ok(path)
    (row,) = data_rows(path)
    detail = desk.inspections.detail(known.failing)
    assert row["检查对象"] == detail.subject_name
    failed = next(code for code, a in detail.answers.items() if a.value == "不符合")
    assert str(row["不符合项目"]).startswith(failed + " ")
    assert row["整改期限"] == datetime(2026, 11, 20) and row["原定整改期限"] == datetime(2026, 11, 20)
    assert row["整改状态"] == "已整改" and row["完结时间"] == datetime(2026, 11, 10, 12)
    assert row["延期次数"] == 0


def test_draw_record(desk: Desk, tmp_path: Path) -> None:
    path = tmp_path / "draw.xlsx"
    assert export(desk, "draw", path, task="2026-SJ-011").rows == 2
    layout_ok(path, 0)
    layout_ok(path, 1)
    (facts,) = data_rows(path, 0)
    task_id = desk.tasks.find("2026-SJ-011")
    summary = desk.tasks.detail(task_id).draw
    assert summary is not None
    assert facts["随机种子"] == "5eed" and facts["抽取时间"] == datetime(2026, 11, 1, 9)
    assert (
        facts["检查对象库哈希(SHA-256)"] == summary.pool_hash and facts["抽取结果哈希(SHA-256)"] == summary.result_hash
    )
    assert facts["检查对象库数量"] == summary.pool_size
    objects = data_rows(path, 1)
    targets = desk.tasks.detail(task_id).targets
    certs = {o.id: o.cert_no for o in desk.officers}
    assert [o["检查对象"] for o in objects] == [t.operator_name for t in targets]
    for obj, target in zip(objects, targets, strict=True):
        assert (obj["检查人员一"], obj["检查人员二"]) == target.officer_names
        assert obj["执法证号"] == certs[target.officer_ids[0]]
    with pytest.raises(UnknownTask):
        export(desk, "draw", tmp_path / "none.xlsx", task="没有这个任务")
    assert not (tmp_path / "none.xlsx").exists()


def test_monthly_counts(desk: Desk, known: Known, tmp_path: Path) -> None:
    figures = monthly_figures(desk.db, "2026-11")
    # November: plain, failing, transferred, reinspection, task record (the October record and the draft do not count)
    assert figures.inspections == 5
    assert figures.operators == len(
        {desk.inspections.detail(i).operator_id for i in (known.plain, known.failing, known.transferred,
                                                          known.reinspection, known.task_record)}
    )  # fmt: skip
    assert figures.officers == 2
    assert figures.problems == 2, "the failing record and the transferred one"
    assert figures.transferred == 1
    assert figures.rectifications_opened == 1 and figures.rectifications_closed == 1
    with desk.db.reader() as session:
        kinds = dict(session.execute(select(Carrier.id, Carrier.kind)).all())
    with_carrier = [desk.inspections.detail(i).carrier_id for i in (known.plain, known.failing, known.reinspection)]
    assert sum(v for k, v in figures.by_carrier_kind.items() if k != "未关联载体") >= len(
        [c for c in with_carrier if c in kinds]
    )
    assert sum(figures.by_carrier_kind.values()) == 5

    path = tmp_path / "monthly.xlsx"
    export(desk, "monthly", path, month="2026-11")
    layout_ok(path)
    rows = {r["统计项目"]: r["数量"] for r in data_rows(path)}
    assert rows["检查户次"] == 5 and rows["出动执法人员数"] == 2 and rows["发现问题户次"] == 2
    assert rows["移送案件线索数"] == 1 and rows["整改完结数"] == 1
    assert "2026年11月" in str(cells(path)[0][0])
    october = monthly_figures(desk.db, "2026-10")
    assert october.inspections == 1 and october.transferred == 0 and october.rectifications_closed == 0
