"""Reading ledgers of every reasonable shape, and refusing every unreasonable file with a clear message.

Each odd shape is a golden file made here: title rows, footer notes, merged (two-level) headers, hidden sheets,
several sheets, .xls, CSV in UTF-8 with and without BOM, GBK and UTF-16, phone numbers as Excel floats and in
scientific notation, dates as serials and text. Each bad file must raise the ledger error naming the file (and the
sheet, row, column where they apply), in Chinese once translated, and leave the database untouched.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.ledger import errors as err
from app.ledger.headers import detect_header
from app.ledger.reader import MAX_ROWS
from app.ledger.service import LedgerImportService
from app.ledger.sniff import open_ledger
from localdb.database import Database
from tests.ledger.conftest import Translate, state
from tests.ledger.files import (
    HEADER,
    OTHER_USCC,
    VALID_USCC,
    rows_basic,
    write_csv,
    write_docx,
    write_encrypted,
    write_far_cell,
    write_lying_zip,
    write_million_rows,
    write_png,
    write_xls,
    write_xlsx,
    write_zip_bomb,
)
from tests.support.stations import REPO, child_env


def preview_of(db: Database, path: Path, sheet: str | None = None):  # type: ignore[no-untyped-def]
    return LedgerImportService(db).dry_run(path, sheet)


def names(preview) -> list[str]:  # type: ignore[no-untyped-def]
    return [item.name for item in preview.items]


# -- odd shapes ---------------------------------------------------------------------------------------------------
def test_title_rows_and_footer_notes_are_skipped(empty_db: Database, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ledger.xlsx",
        rows_basic(),
        title_rows=("五华区市场监管所网络经营主体台账", "填报单位：护国所    2024年5月"),
        footer=("填表人：张三", "审核人：李四", "注：本表一户多店的分行填写。"),
    )
    preview = preview_of(empty_db, path)
    assert preview.counts().new == 3
    assert preview.counts().rejected == 0
    assert preview.skipped_notes == 3
    assert [item.rows for item in preview.items] == [[4], [5], [6]], "rows keep their Excel numbers"


def test_merged_two_level_header(empty_db: Database, tmp_path: Path) -> None:
    workbook = Workbook()
    ws = workbook.active
    ws.append(["经营主体台账"])
    ws.merge_cells("A1:F1")
    ws.append(["主体名称", "统一社会信用代码", "联系电话", "载体信息", None, None])
    ws.append([None, None, None, "平台", "名称", "网址"])
    for column in "ABC":
        ws.merge_cells(f"{column}2:{column}3")
    ws.merge_cells("D2:F2")
    ws.append(
        ["昆明市翠湖电子商务有限公司", VALID_USCC, "13800138000", "淘宝", "翠湖旗舰店", "https://cuihu.example.cn"]
    )
    path = tmp_path / "merged.xlsx"
    workbook.save(path)

    service = LedgerImportService(empty_db)
    loaded = service.load(open_ledger(path), "Sheet")
    assert loaded.layout.row == 2 and loaded.layout.data_start == 3
    assert loaded.mapping == {
        0: "name",
        1: "identifier.uscc",
        2: "phone",
        3: "carrier.platform",
        4: "carrier.shop_name",  # 名称 under 载体信息 is the shop's name, not the operator's
        5: "carrier.url",
    }
    preview = service.preview(loaded)
    (item,) = preview.items
    assert item.status == "new"
    assert item.carriers[0].values["shop_name"] == "翠湖旗舰店"


def test_two_level_header_without_merges_in_csv(empty_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "two-level.csv"
    path.write_text(
        "主体名称,统一社会信用代码,载体信息,,\n,,平台,店铺名称,网址\n昆明某某有限公司,"
        + VALID_USCC
        + ",京东,某某店,\n",
        encoding="utf-8-sig",
    )
    preview = preview_of(empty_db, path)
    (item,) = preview.items
    assert item.status == "new", [i.finding.render() for i in item.issues]
    assert item.carriers[0].values["platform"] == "京东"


def test_hidden_sheet_is_skipped_and_the_ledger_sheet_chosen(empty_db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "hidden.xlsx", rows_basic())
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    hidden = workbook.create_sheet("旧数据")
    hidden.append(HEADER)
    hidden.append([9, "隐藏表里的公司", OTHER_USCC])
    hidden.sheet_state = "hidden"
    notes = workbook.create_sheet("填表说明")
    notes.append(["每个载体填一行。"])
    workbook.save(path)

    ledger = open_ledger(path)
    assert [s.name for s in ledger.sheets() if not s.visible] == ["旧数据"]
    candidates = LedgerImportService(empty_db).candidates(ledger)
    assert [(c.name, c.visible, c.looks_like_ledger) for c in candidates] == [
        ("台账", True, True),
        ("旧数据", False, False),
        ("填表说明", True, False),
    ]
    preview = preview_of(empty_db, path)
    assert preview.sheet == "台账"
    assert "隐藏表里的公司" not in names(preview)


def test_several_ledger_sheets_must_be_chosen(empty_db: Database, tmp_path: Path, zh: Translate) -> None:
    path = write_xlsx(tmp_path / "two.xlsx", rows_basic()[:1], sheet="一月")
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    second = workbook.create_sheet("二月")
    second.append(HEADER)
    second.append([1, "二月新增有限公司", OTHER_USCC])
    workbook.save(path)

    with pytest.raises(err.SeveralSheets) as caught:
        preview_of(empty_db, path)
    text = caught.value.render(zh)
    assert "two.xlsx" in text and "一月" in text and "二月" in text and "--sheet" in text
    assert "工作表" in text, text
    preview = preview_of(empty_db, path, sheet="二月")
    assert names(preview) == ["二月新增有限公司"]


def test_xls_with_a_hidden_sheet(empty_db: Database, tmp_path: Path) -> None:
    rows = [
        ["某某所台账"],
        HEADER,
        *[[v if not isinstance(v, date) else "2020-05-01" for v in r] for r in rows_basic()],
    ]
    path = write_xls(
        tmp_path / "old.xls", [("台账", rows, False), ("隐藏", [HEADER, [1, "不该导入", OTHER_USCC]], True)]
    )
    ledger = open_ledger(path)
    assert ledger.kind == "xls"
    preview = preview_of(empty_db, path)
    assert preview.counts().new == 3
    assert "不该导入" not in names(preview)


def test_xlsx_renamed_xls_and_xls_renamed_xlsx_are_read_by_content(empty_db: Database, tmp_path: Path) -> None:
    xlsx = write_xlsx(tmp_path / "real.xlsx", rows_basic())
    renamed = xlsx.rename(tmp_path / "looks-old.xls")
    assert preview_of(empty_db, renamed).counts().new == 3
    xls = write_xls(tmp_path / "real.xls", [("台账", [HEADER, [1, "某某有限公司", VALID_USCC]], False)])
    assert preview_of(empty_db, xls.rename(tmp_path / "looks-new.xlsx")).counts().new == 1


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk", "gb18030", "utf-16"])
def test_csv_encodings(empty_db: Database, tmp_path: Path, encoding: str) -> None:
    path = write_csv(tmp_path / f"ledger-{encoding}.csv", rows_basic(), encoding)
    preview = preview_of(empty_db, path)
    assert names(preview) == [r[1] for r in rows_basic()]
    assert preview.items[0].values["legal_representative"] == "李明"


def test_a_csv_sheet_can_be_read_again(tmp_path: Path) -> None:
    """The wizard reads a sheet again when the user goes back a page."""
    ledger = open_ledger(write_csv(tmp_path / "again.csv", rows_basic(), "gbk"))
    first = ledger.read(ledger.visible_sheets()[0]).rows
    assert first and ledger.read(ledger.visible_sheets()[0]).rows == first


def test_excel_floats_scientific_phones_and_date_serials(empty_db: Database, tmp_path: Path) -> None:
    header = [
        "主体名称",
        "统一社会信用代码",
        "联系电话",
        "成立日期",
        "列入经营异常名录",
        "经营异常原因",
        "列入经营异常日期",
    ]
    rows = [
        ["甲有限公司", VALID_USCC, 13800138000.0, 43831, "√", "无法联系", "2023年1月5日"],
        ["乙有限公司", OTHER_USCC, "1.3800138E+10", "2020/1/2", "否", "", ""],
        ["丙有限公司", "91110108551385082Q", "1.38001E+10", 20200103, "是", "无法联系", "2023.01.05"],
    ]
    path = write_xlsx(tmp_path / "numbers.xlsx", rows, header=header)
    preview = preview_of(empty_db, path)
    first, second, third = preview.items
    assert first.values["phone"] == "13800138000"
    assert first.values["founded_on"] == date(2020, 1, 1)
    assert first.values["abnormal_listed"] is True
    assert first.values["abnormal_date"] == date(2023, 1, 5)
    assert second.status == "rejected", "1.3800138E+10 may hide digits Excel dropped: refused, never guessed"
    assert third.status == "rejected"
    problem = third.issues[0]
    assert problem.column == 2 and problem.row == 5
    assert "1.38001E+10" in problem.finding.render()
    assert second.issues[0].column == 2


def test_long_codes_stored_as_numbers_are_refused(empty_db: Database, tmp_path: Path) -> None:
    header = ["主体名称", "主体类型", "身份证号", "联系电话"]
    path = write_xlsx(tmp_path / "ids.xlsx", [["张三", "自然人", 110105194912310020, "13800138000"]], header=header)
    (item,) = preview_of(empty_db, path).items
    assert item.status == "rejected"
    assert item.issues[0].column == 2
    assert "E+17" in item.issues[0].finding.render()


# -- bad input -------------------------------------------------------------------------------------------------------
def _refused(db: Database, path: Path, kind: type[err.LedgerError], zh: Translate) -> str:
    before = state(db)
    with pytest.raises(kind) as caught:
        preview_of(db, path)
    assert state(db) == before
    text = caught.value.render(zh)
    assert path.name in text, text
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text.split("\n")[0]), f"the title must be Chinese: {text}"
    return text


def test_renamed_docx(empty_db: Database, tmp_path: Path, zh: Translate) -> None:
    text = _refused(empty_db, write_docx(tmp_path / "台账.xlsx"), err.NotASpreadsheet, zh)
    assert "Word" in text


def test_image(empty_db: Database, tmp_path: Path, zh: Translate) -> None:
    text = _refused(empty_db, write_png(tmp_path / "scan.xlsx"), err.NotASpreadsheet, zh)
    assert "图片" in text


def test_empty_file(empty_db: Database, tmp_path: Path, zh: Translate) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert "0" in _refused(empty_db, path, err.EmptyFile, zh)


def test_password_protected_workbook(empty_db: Database, tmp_path: Path, zh: Translate) -> None:
    text = _refused(empty_db, write_encrypted(tmp_path / "locked.xlsx"), err.PasswordProtected, zh)
    assert "密码" in text


def test_web_page_saved_as_xls(empty_db: Database, tmp_path: Path, zh: Translate) -> None:
    path = tmp_path / "export-from-portal.xls"
    path.write_text("<html><body><table><tr><td>主体名称</td></tr></table></body></html>", encoding="utf-8")
    assert "网页" in _refused(empty_db, path, err.NotASpreadsheet, zh)


def test_no_recognisable_header(empty_db: Database, tmp_path: Path, zh: Translate) -> None:
    path = write_xlsx(tmp_path / "notes.xlsx", [["随便写的", "一些东西"], ["再来", "一行"]], header=["甲", "乙"])
    text = _refused(empty_db, path, err.NoHeader, zh)
    assert "台账" in text and "第 1 行" in text, text


def test_damaged_xlsx(empty_db: Database, tmp_path: Path, zh: Translate) -> None:
    path = write_xlsx(tmp_path / "cut.xlsx", rows_basic())
    path.write_bytes(path.read_bytes()[:-200])
    _refused(empty_db, path, err.DamagedWorkbook, zh)


def test_malformed_xls_that_makes_calamine_panic(empty_db: Database, tmp_path: Path, zh: Translate) -> None:
    """calamine panics on some broken OLE2 files; that must still be a 'damaged workbook', not a crash."""
    data = bytearray(write_xls(tmp_path / "x.xls", [("台账", [HEADER], False)]).read_bytes())
    size_field = 512 * 2 + 128 + 120  # header, one FAT sector, then the directory: entry 1 (Workbook), its size
    data[size_field : size_field + 4] = (300).to_bytes(4, "little")  # below 4 KiB: into a mini-stream that is missing
    path = tmp_path / "broken.xls"
    path.write_bytes(bytes(data))
    with pytest.raises(err.DamagedWorkbook) as caught:
        preview_of(empty_db, path)
    assert type(caught.value.__cause__).__name__ == "PanicException", "this file must exercise the panic path"


def test_zip_bomb_is_refused_from_its_directory(empty_db: Database, tmp_path: Path, zh: Translate) -> None:
    base = write_xlsx(tmp_path / "base.xlsx", rows_basic())
    bomb = write_zip_bomb(base, tmp_path / "bomb.xlsx")
    assert bomb.stat().st_size < 20 * 2**20
    text = _refused(empty_db, bomb, err.SuspiciousArchive, zh)
    assert "MB" in text


def test_a_part_lying_about_its_size_is_refused(empty_db: Database, tmp_path: Path, zh: Translate) -> None:
    _refused(empty_db, write_lying_zip(tmp_path / "lying.xlsx"), err.DamagedWorkbook, zh)


def test_a_cell_far_away_is_refused_before_calamine_allocates(
    empty_db: Database, tmp_path: Path, zh: Translate
) -> None:
    base = write_xlsx(tmp_path / "base.xlsx", rows_basic())
    text = _refused(empty_db, write_far_cell(base, tmp_path / "far.xlsx"), err.TooManyRows, zh)
    assert "ZZ" in text and "400,000" in text and "台账" in text


@pytest.mark.slow
def test_a_million_rows_are_refused_with_bounded_memory(tmp_path: Path) -> None:
    """Run in a child process so its peak memory is its own: the refusal must not have read the sheet."""
    base = write_xlsx(tmp_path / "base.xlsx", rows_basic())
    big = write_million_rows(base, tmp_path / "million.xlsx")
    code = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from app.ledger.sniff import open_ledger\n"
        "from app.ledger import errors\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "ledger = open_ledger(Path(sys.argv[1]))\n"
        "try:\n"
        "    ledger.read('台账')\n"
        "except errors.TooManyRows as exc:\n"
        "    print('refused', exc.params['rows'])\n"
        "print('grew_mib', (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(big)], cwd=REPO, env=child_env(), capture_output=True, text=True, check=True
    )
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines())
    assert lines["refused"].replace(",", "") == str(MAX_ROWS + 1) or int(lines["refused"].replace(",", "")) > MAX_ROWS
    assert float(lines["grew_mib"]) < 120, done.stdout


def test_a_million_row_csv_is_refused(empty_db: Database, tmp_path: Path, zh: Translate) -> None:
    path = tmp_path / "huge.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("主体名称,统一社会信用代码\n")
        for n in range(1_000_000):
            handle.write(f"主体{n},\n")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    text = _refused(empty_db, path, err.TooManyRows, zh)
    assert "300,000" in text
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak) / 1024 < 400


def test_unknown_text_encoding(empty_db: Database, tmp_path: Path, zh: Translate) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("主体名称,统一社会信用代码\n".encode() + b"\xff\xfe\xfd\x81\x30\n")
    _refused(empty_db, path, err.UnknownEncoding, zh)


def test_header_detection_reports_the_first_text_it_saw(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "x.xlsx", [["a", "b"]], title_rows=("只有标题",), header=["甲", "乙"])
    grid = open_ledger(path).read("台账")
    with pytest.raises(err.NoHeader) as caught:
        detect_header(grid)
    assert caught.value.params["sample"] == "只有标题" and caught.value.params["row"] == "1"
