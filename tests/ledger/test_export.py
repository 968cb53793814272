"""Export of the register: the round trip, formula injection, masking and its audit, the layout, the template,
and the error report."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.ledger import errors as err
from app.ledger.export import EXPORT_COLUMNS, export_registry, write_template
from app.ledger.fields import FIELD_BY_KEY
from app.ledger.service import LedgerExportService, LedgerImportService
from app.ledger.xlsx import mask_phone, mask_resident_id
from app.records import OperatorDraft, OperatorFilter
from app.services.registry import RegistryService
from localdb.database import Database
from tests.ledger.conftest import Translate, audit_count, officer, state
from tests.ledger.files import RESIDENT_ID, VALID_USCC, write_xlsx


def sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode("utf-8")


def test_round_trip_export_then_import_changes_nothing(demo_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "register.xlsx"
    result = LedgerExportService(demo_db).export_registry(path, include_personal_data=True, actor=officer(demo_db))
    operators = RegistryService(demo_db).count()
    assert result.operators == operators and result.rows > operators, "one row per carrier"
    before = state(demo_db)
    preview = LedgerImportService(demo_db).dry_run(path)
    counts = preview.counts()
    assert counts.unchanged == operators, [
        (i.status, i.name, [c.field for c in i.changes], [x.finding.render() for x in i.issues])
        for i in preview.items
        if i.status != "unchanged"
    ][:5]
    assert counts.as_dict() == {**counts.as_dict(), "new": 0, "changed": 0, "conflicts": 0, "rejected": 0}
    assert not preview.writes
    assert state(demo_db) == before


def test_formula_like_text_is_written_as_text(empty_db: Database, tmp_path: Path) -> None:
    registry = RegistryService(empty_db)
    actor = officer_of(empty_db)
    dangerous = ['=HYPERLINK("http://evil.example","点我")', "+86 123", "-1+2", "@SUM(A1:A9)"]
    for n, text in enumerate(dangerous):
        registry.create(
            OperatorDraft(
                name=f"注入测试{n}", subject_type="other", identifier_type="none", notes=text, business_scope=text
            ),
            actor,
        )
    path = tmp_path / "register.xlsx"
    export_registry(empty_db, path, include_personal_data=True)
    xml = sheet_xml(path)
    assert "<f>" not in xml and "<f " not in xml, "no cell may be stored as a formula"
    workbook = load_workbook(path)
    ws = workbook.active
    notes_column = EXPORT_COLUMNS.index("notes") + 1
    values = {ws.cell(row=r, column=notes_column).value for r in range(3, ws.max_row + 1)}
    assert values == set(dangerous)
    for r in range(3, ws.max_row + 1):
        cell = ws.cell(row=r, column=notes_column)
        assert cell.data_type == "s" and cell.quotePrefix
    preview = LedgerImportService(empty_db).dry_run(path)
    assert preview.counts().unchanged == len(dangerous), "the texts come back unchanged"


def officer_of(db: Database):  # type: ignore[no-untyped-def]
    from app.records import Actor
    from app.services.officers import OfficerService

    record = OfficerService(db).active_officers()[0]
    return Actor(record.id, record.name)


def test_personal_data_is_masked_unless_asked_and_asking_is_audited(empty_db: Database, tmp_path: Path) -> None:
    registry = RegistryService(empty_db)
    actor = officer_of(empty_db)
    registry.create(
        OperatorDraft(
            name="王小二", subject_type="natural_person", identifier_type="resident_id", identifier=RESIDENT_ID,
            phone="13800138000; 0871-65123456",
        ),
        actor,
    )  # fmt: skip
    registry.create(
        OperatorDraft(name="甲有限公司", subject_type="enterprise", identifier_type="uscc", identifier=VALID_USCC),
        actor,
    )
    audit = audit_count(empty_db)
    masked = tmp_path / "masked.xlsx"
    result = export_registry(empty_db, masked, include_personal_data=False, actor=actor)
    assert result.masked and audit_count(empty_db) == audit
    text = sheet_xml(masked)
    assert RESIDENT_ID not in text and "13800138000" not in text and "65123456" not in text
    assert "110105********002X" in text and "138****8000" in text and "0871-65****56" in text
    assert VALID_USCC in text, "credit codes are not personal data"

    full = tmp_path / "full.xlsx"
    export_registry(empty_db, full, include_personal_data=True, actor=actor)
    assert RESIDENT_ID in sheet_xml(full)
    assert audit_count(empty_db) == audit + 1
    with empty_db.engine.connect() as conn:
        entry = conn.exec_driver_sql(
            "SELECT entity_type, action, officer_name, after FROM audit_log ORDER BY id DESC LIMIT 1"
        ).one()
        conn.rollback()
    assert tuple(entry) == ("export", "export", actor.name, str(full))


def test_masked_export_cannot_damage_the_register(demo_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "masked.xlsx"
    export_registry(demo_db, path)
    before = state(demo_db)
    service = LedgerImportService(demo_db)
    preview = service.dry_run(path)
    counts = preview.counts()
    assert counts.new == 0 and counts.changed == 0, "masked numbers are never taken for data"
    assert counts.rejected > 0, "natural persons whose ID number is masked cannot be matched"
    assert state(demo_db) == before


def test_masks() -> None:
    assert mask_resident_id("11010519491231002X") == "110105********002X"
    assert mask_resident_id("110105491231002") == "110105*****1002"
    assert mask_phone("13800138000") == "138****8000"
    assert mask_phone("0571-87654321转123") == "0571-87****21转123"
    assert mask_phone("4001234567") == "40****4567"


def test_layout_of_the_export(demo_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "register.xlsx"
    export_registry(demo_db, path, station_name="护国所")
    ws = load_workbook(path).active
    assert ws.freeze_panes == "A3"
    assert "A1:AD1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A1"].value.startswith("护国所")
    assert [ws.cell(row=2, column=c + 1).value for c in range(len(EXPORT_COLUMNS))] == [
        FIELD_BY_KEY[k].header for k in EXPORT_COLUMNS
    ]
    assert ws["A2"].font.bold
    assert ws.column_dimensions["A"].width == FIELD_BY_KEY["name"].width
    assert ws.auto_filter.ref.startswith("A2:AD")
    founded = EXPORT_COLUMNS.index("founded_on") + 1
    dated = [ws.cell(row=r, column=founded) for r in range(3, 20) if ws.cell(row=r, column=founded).value]
    assert dated and all(c.is_date and c.number_format == "yyyy-mm-dd" for c in dated)


def test_export_to_an_unwritable_place_changes_nothing(demo_db: Database, tmp_path: Path) -> None:
    with pytest.raises(err.ExportFailed):
        export_registry(demo_db, tmp_path / "missing-folder" / "x.xlsx")
    taken = tmp_path / "taken.xlsx"
    taken.mkdir()  # a folder where the file should go: the final rename fails after the whole file was written
    with pytest.raises(err.ExportFailed) as caught:
        export_registry(demo_db, taken)
    assert caught.value.params["file"] == "taken.xlsx"
    assert taken.is_dir() and not any(taken.iterdir())
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_template_has_dropdowns_and_imports(empty_db: Database, tmp_path: Path) -> None:
    path = write_template(tmp_path / "template.xlsx")
    workbook = load_workbook(path)
    ws = workbook.worksheets[0]
    assert len(workbook.worksheets) == 2
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    subject_col = re.sub(r"\d", "", ws.cell(row=2, column=EXPORT_COLUMNS.index("subject_type") + 1).coordinate)
    assert "个体工商户" in lists[f"{subject_col}3"]
    kind_col = re.sub(r"\d", "", ws.cell(row=2, column=EXPORT_COLUMNS.index("carrier.kind") + 1).coordinate)
    assert "直播间" in lists[f"{kind_col}3"]
    assert ws.cell(row=3, column=EXPORT_COLUMNS.index("identifier") + 1).number_format == "@"
    ws.cell(row=3, column=1, value="模板填写有限公司")
    ws.cell(row=3, column=2, value="企业")
    ws.cell(row=3, column=3, value="统一社会信用代码")
    ws.cell(row=3, column=4, value=VALID_USCC)
    ws.cell(row=3, column=EXPORT_COLUMNS.index("carrier.kind") + 1, value="网店")
    ws.cell(row=3, column=EXPORT_COLUMNS.index("carrier.platform") + 1, value="淘宝")
    ws.cell(row=3, column=EXPORT_COLUMNS.index("carrier.shop_name") + 1, value="模板店")
    workbook.save(path)
    preview = LedgerImportService(empty_db).dry_run(path)
    (item,) = preview.items
    assert item.status == "new" and item.carriers[0].values["shop_name"] == "模板店"


def test_error_report_highlights_bad_cells_with_chinese_comments(
    empty_db: Database, tmp_path: Path, zh: Translate
) -> None:
    header = ["主体名称", "统一社会信用代码", "联系电话", "成立日期", "备注"]
    rows = [
        ["好公司", VALID_USCC, "13800138000", "2020-01-01", ""],
        ["坏公司", "9111000060003IOZSV", "12345", "去年", "@cmd|' /C calc'!A0"],
    ]
    path = write_xlsx(tmp_path / "bad.xlsx", rows, header=header)
    service = LedgerImportService(empty_db, zh)
    loaded = service.load(service.open(path), "台账")
    preview = service.preview(loaded)
    report = tmp_path / "report.xlsx"
    assert service.error_report(report, loaded, preview) == 1
    ws = load_workbook(report).active
    assert ws.cell(row=2, column=3).value == "主体名称"
    assert ws.cell(row=3, column=1).value == 4 and ws.cell(row=3, column=2).value == "未导入（错误）"
    code_cell, phone_cell, date_cell = (ws.cell(row=3, column=c) for c in (4, 5, 6))
    assert code_cell.value == "9111000060003IOZSV" and code_cell.fill.fgColor.rgb.endswith("FFC7CE")
    assert "统一社会信用代码" in code_cell.comment.text
    assert "手机号" in phone_cell.comment.text or "电话" in phone_cell.comment.text
    assert "日期" in date_cell.comment.text
    assert ws.cell(row=3, column=7).value == "@cmd|' /C calc'!A0" and ws.cell(row=3, column=7).quotePrefix
    reasons = ws.cell(row=3, column=8).value
    assert "[B 统一社会信用代码]" in reasons
    assert "<f>" not in sheet_xml(report)


def test_edits_survive_the_round_trip_through_the_form(demo_db: Database, tmp_path: Path) -> None:
    """Text typed in the form with stray spaces is not reported as changed when the export comes back."""
    registry = RegistryService(demo_db)
    operator_id = registry.list_ids(OperatorFilter())[0]
    draft = registry.detail(operator_id).draft
    registry.update(
        operator_id, replace(draft, notes="两个  空格\n第二行", business_scope="Ａ类　商品"), officer(demo_db)
    )
    path = tmp_path / "register.xlsx"
    export_registry(demo_db, path, include_personal_data=True)
    preview = LedgerImportService(demo_db).dry_run(path)
    assert preview.counts().changed == 0
