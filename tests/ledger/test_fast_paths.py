"""The import's shortcuts give what the plain rules give (hypothesis).

A 100,000-row ledger is read column by column (one check over a whole column, each distinct text read once), most
rows are put together without resolving their code twice, identifiers are checked with ``int(text, base)``, pinyin
initials are spelled character by character where the word cannot matter, an .xlsx sheet's extent is found with
three searches per chunk, and an operator of next month's ledger that changes nothing is recognised with one
comparison of tuples. Each shortcut is held here to the rule it stands for: the rules for one cell
(:func:`app.ledger.columns.cell_outcome`), the registry's validation, pypinyin itself, an exact count of the sheet,
the comparison field by field (:func:`app.ledger.classify.same_value`).
"""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st
from pypinyin import Style, lazy_pinyin

from app.identifiers import org_code_check_char, reg_no_check_digit, resident_id_check_char, uscc_check_char
from app.ledger.classify import PreviewBuilder, carrier_key, same_value, stored_carrier_key
from app.ledger.columns import (
    CARRIER,
    CODE,
    EMPTY,
    NOTHING,
    PHONE,
    VALUES,
    cell_outcome,
    column_spec,
    framed_cells,
    read_column,
)
from app.ledger.fields import FIELDS
from app.ledger.headers import is_footer
from app.ledger.normalise import TEXT_TABLE, fold_text
from app.ledger.parse import Issue, ParsedRow, RowParser
from app.ledger.preview import DATE_FIELDS, to_raw
from app.ledger.reader import MAX_CELLS, MAX_ROWS, Cell, SheetExtent, SheetGrid, column_letter
from app.ledger.rules import identifier_findings
from app.ledger.snapshot import SNAPSHOT_AT, SNAPSHOT_CARRIER, SNAPSHOT_OPERATOR, Snapshot, StateMark
from app.pinyin import name_initials
from app.validation import IdentifierType, validate_identifier

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
SPACES = " \t\n\u3000\xa0\u200b\u2003\x1c"


@st.composite
def uscc(draw: st.DrawFn) -> str:
    body = draw(st.text(alphabet=USCC_ALPHABET, min_size=8, max_size=8))
    first17 = draw(st.sampled_from(["91", "92", "93", "12", "52", "Y1"])) + "530102" + body + org_code_check_char(body)
    return first17 + uscc_check_char(first17)


@st.composite
def resident_id(draw: st.DrawFn) -> str:
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=date.today() + timedelta(days=2)))
    first17 = "530102" + born.strftime("%Y%m%d") + f"{draw(st.integers(0, 999)):03d}"
    return first17 + resident_id_check_char(first17)


@st.composite
def reg_no(draw: st.DrawFn) -> str:
    first14 = draw(st.text(alphabet="0123456789", min_size=14, max_size=14))
    return first14 + reg_no_check_digit(first14)


def _mangled(code: str) -> st.SearchStrategy[str]:
    """The code, or the code with one character replaced, cut short, in lower case or spaced out."""
    return st.one_of(
        st.just(code),
        st.builds(
            lambda i, ch: code[:i] + ch + code[i + 1 :], st.integers(0, len(code) - 1), st.sampled_from("0X9IO-a")
        ),
        st.just(code[:-1]),
        st.just(code.lower()),
        st.just(f" {code[:6]} {code[6:]}"),
    )


CODES = st.one_of(uscc(), resident_id(), reg_no()).flatmap(_mangled)
STORED = st.one_of(
    st.sampled_from(
        ["昆明市五华区市场监督管理局", "淘宝", "企业", "个体工商户", "自然人", "A", "b", "网店", "是", "否"]
    ),
    st.sampled_from(["2023-01-05", "2023年1月5日", "20230105", "13800138000", "0871-65123456", "1.38E+10"]),
    st.sampled_from(["shop_01", "12345", "1E5", "123.0", "ab***cd", "https://a.example.cn/"]),
    CODES,
)
ODD = st.one_of(
    st.builds(lambda text, space: space + text + space, STORED, st.sampled_from(SPACES)),
    st.builds(lambda text: text.translate({ord("1"): "１", ord("A"): "Ａ"}), STORED),
    st.sampled_from(["", " ", "  ", "\u3000", "****", "138****8000", "x" * 301, "a  b", "a\nb"]),
    st.text(max_size=12),
)
NOT_TEXT = st.one_of(
    st.integers(-(10**19), 10**19),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=date(1890, 1, 1), max_value=date(2200, 1, 1)),
    st.datetimes(min_value=datetime(1890, 1, 1), max_value=datetime(2200, 1, 1)),
)
CELLS: st.SearchStrategy[Cell] = st.one_of(STORED, STORED, ODD, NOT_TEXT)
TEXT_COLUMNS = st.one_of(
    st.lists(STORED | st.just(""), max_size=25),
    st.lists(st.sampled_from(["企业", "自然人", "", "淘宝", "13800138000"]), max_size=25),
)
COLUMNS = st.one_of(TEXT_COLUMNS, TEXT_COLUMNS, st.lists(CELLS, max_size=25), st.lists(st.dates(), max_size=5))
KEYS = st.sampled_from([f.key for f in FIELDS])


@settings(max_examples=400, deadline=None)
@given(key=KEYS, cells=COLUMNS)
@example(key="carrier.shop_id", cells=["12345", "1E5"])
@example(key="phone", cells=["13800138000", "", "0871-65123456"])
@example(key="identifier", cells=["9153010230annt6n2h", ""])
@example(key="name", cells=["昆明 小店", "x" * 201])
def test_a_column_read_at_once_is_read_cell_by_cell(key: str, cells: list[Cell]) -> None:
    spec = column_spec(3, key)
    column = read_column(spec, list(cells), framed_cells(list(cells)))
    for pos, cell in enumerate(cells):
        value, problem = cell_outcome(spec.key, spec.sink, spec.normalise, cell)
        assert column.values[pos] == value and type(column.values[pos]) is type(value), (pos, cell)
        assert column.problems.get(pos) == problem, (pos, cell)
        assert (pos in column.empty) == (value is EMPTY)
        assert (pos in column.odd) == (value is NOTHING or problem is not None)


HEADER_LABELS = {f.key: f.header for f in FIELDS}


@st.composite
def sheets(draw: st.DrawFn) -> tuple[list[list[Cell]], dict[int, str], list[str]]:
    """A header and data rows: random columns (one or two identifier columns, an identifier-type column or not,
    two phone columns or one), rows with empty, odd and unreadable cells, footer notes and the header repeated."""
    keys = ["name", *draw(st.lists(st.sampled_from([f.key for f in FIELDS if f.key != "name"]), max_size=8))]
    keys = list(dict.fromkeys(keys)) + draw(st.sampled_from([[], ["phone"]]))
    keys = draw(st.permutations(keys))
    header = [HEADER_LABELS[k] for k in keys]
    mapping = dict(enumerate(keys))
    people = draw(
        st.lists(st.tuples(st.sampled_from(["吴怡平", "昆明市某某食品有限公司", " 行长 "]), CODES), min_size=1)
    )
    rows: list[list[Cell]] = [["台账"], list[Cell](header)]
    for _ in range(draw(st.integers(0, 25))):
        name, code = draw(st.sampled_from(people))
        row: list[Cell] = []
        for key in keys:
            cell = {"name": name}.get(key, code if key.startswith("identifier") and key != "identifier_type" else None)
            row.append(draw(st.one_of(st.just(cell), CELLS, st.just(""))) if cell is not None else draw(CELLS))
        shape = draw(st.sampled_from(["row"] * 6 + ["empty", "footer", "header", "short", "note"]))
        shapes: dict[str, list[Cell]] = {
            "empty": [*[""] * len(keys)],
            "footer": ["填表人：张三", *[""] * (len(keys) - 1)],
            "header": list(header),
            "short": row[: len(row) // 2],
            "note": [*[""] * len(keys), "备用"],
        }
        rows.append(shapes.get(shape, row))
    return rows, mapping, header


def _parsed_cell_by_cell(parser: RowParser, rows: list[list[Cell]]) -> tuple[list[ParsedRow], int]:
    """The rows as the rules for one cell give them, put together one row at a time."""
    out: list[ParsedRow] = []
    skipped = 0
    for index in range(parser.data_start, len(rows)):
        row = rows[index]
        if all(v == "" or v is None for v in row):
            continue
        if is_footer(row) or parser._is_header_repeat(row):
            skipped += 1
            continue
        sinks: dict[int, Any] = {VALUES: {}, CARRIER: {}, CODE: {}, PHONE: []}
        layout: dict[str, int] = {}
        issues: list[Issue] = []
        for spec in parser._specs:
            cell = row[spec.index] if spec.index < len(row) else ""
            value, problem = cell_outcome(spec.key, spec.sink, spec.normalise, cell)
            if value is EMPTY:
                continue
            layout.setdefault(spec.key, spec.index)
            if problem is not None:
                issues.append(Issue(index + 1, spec.index, problem))
            if value is NOTHING:
                continue
            if spec.sink == PHONE:
                sinks[PHONE].append(value)
            else:
                sinks[spec.sink][spec.name if spec.sink == CARRIER else spec.key] = value
        if not any(sinks.values()) and not issues:
            skipped += 1
            continue
        out.append(parser._finish(index + 1, sinks[VALUES], sinks[CARRIER], sinks[CODE], sinks[PHONE], layout, issues))
    return out, skipped


@settings(max_examples=250, deadline=None)
@given(sheet=sheets())
def test_a_sheet_read_by_columns_is_the_sheet_read_cell_by_cell(
    sheet: tuple[list[list[Cell]], dict[int, str], list[str]],
) -> None:
    rows, mapping, header = sheet
    grid = SheetGrid("f.xlsx", "台账", rows)
    parsed = RowParser(grid, mapping, 2, header).parse()
    expected, skipped = _parsed_cell_by_cell(RowParser(grid, mapping, 2, header), rows)
    assert parsed.skipped_notes == skipped
    assert [(r.row, r.values, r.carriers, r.issues, r.columns, r.identifier_clean) for r in parsed.rows] == [
        (r.row, r.values, r.carriers, r.issues, r.columns, r.identifier_clean) for r in expected
    ]
    for got, want in zip(parsed.rows, expected, strict=True):
        assert list(got.values) == list(want.values), "same fields in the same order (conflict messages list them)"


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(list(IdentifierType)), code=CODES, today=st.sampled_from([None, date.today()]))
@example(kind=IdentifierType.REG_NO, code="110108000000016", today=None)
@example(kind=IdentifierType.RESIDENT_ID, code="11010519491231002X", today=date(1949, 12, 30))
def test_identifier_checks_by_int_agree_with_validate_identifier(
    kind: IdentifierType, code: str, today: date | None
) -> None:
    code = code.upper().replace(" ", "")
    assert identifier_findings(kind, code, today) == validate_identifier(kind, code).findings


PHRASES = ("长春", "成长", "银行", "行长", "行走", "重庆", "重要", "传记", "传媒", "食品", "郦食其", "曾孙", "倔强")
"""Words that read a character otherwise than it reads alone (长 cháng/zhǎng, 行 xíng/háng …), and others."""
READINGS = st.lists(st.sampled_from([*PHRASES, "盛饭", "茂盛", "女红", *"长行重传食曾强盛红"]), max_size=5)


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.one_of(READINGS.map("".join), st.text(alphabet="昆明某电子商务有限公司A1 ·", max_size=4))))
@example(parts=["五华区", "长春", "长", "行长"])
def test_initials_spelled_by_character_agree_with_pypinyin(parts: list[str]) -> None:
    name = "".join(parts)
    reference = lazy_pinyin(name, style=Style.FIRST_LETTER)
    assert name_initials(name) == "".join(part[0] for part in reference if part and part[0].isalnum()).lower()


@given(st.text(alphabet=st.one_of(st.sampled_from(SPACES + "ａ１Ａ"), st.characters()), max_size=30))
def test_folding_skips_only_text_it_would_not_change(text: str) -> None:
    assert fold_text(text) == " ".join(text.translate(TEXT_TABLE).split())


def test_every_whitespace_character_is_in_the_basic_plane() -> None:
    """The fold check lists whitespace from the Basic Multilingual Plane only (Unicode has none beyond it)."""
    assert not [c for c in range(0x10000, sys.maxunicode + 1) if chr(c).isspace()]


@st.composite
def sheet_xml(draw: st.DrawFn) -> tuple[bytes, int, int]:
    """Sheet XML as Excel writes it, some cells far away; with the last row and column it really reaches."""
    rows = draw(st.lists(st.integers(1, 400), min_size=1, max_size=40, unique=True).map(sorted))
    far_rows = draw(
        st.lists(st.sampled_from([99_999, 100_000, MAX_ROWS, MAX_ROWS + 1, 346_154, 2_000_000]), max_size=2)
    )
    cols = st.one_of(st.integers(0, 25), st.sampled_from([26, 51, 700, 701, 702, 16_383]))
    parts, last_row, last_col = [], 0, 0
    for r in sorted(set(rows + far_rows)):
        cells = draw(st.lists(cols, min_size=1, max_size=3, unique=True).map(sorted))
        parts.append(f'<row r="{r}">' + "".join(f'<c r="{column_letter(c)}{r}"><v>1</v></c>' for c in cells) + "</row>")
        last_row, last_col = max(last_row, r), max(last_col, *cells)
    body = '<worksheet><cols><col min="1"/></cols><sheetData>' + "".join(parts) + "</sheetData></worksheet>"
    return body.encode(), last_row, last_col


@settings(max_examples=300, deadline=None)
@given(sheet=sheet_xml(), size=st.sampled_from([40, 333, 4096, 1 << 20]))
@example(  # a three-letter column alone used to pass for column Z
    sheet=(b'<sheetData><row r="1"><c r="A1"/></row><row r="99999"><c r="AAA99999"/></row></sheetData>', 99_999, 702),
    size=1 << 20,
)
def test_the_sheet_extent_is_measured_exactly(sheet: tuple[bytes, int, int], size: int) -> None:
    xml, last_row, last_col = sheet
    extent = SheetExtent()
    chunks = [xml[i : i + size] for i in range(0, len(xml), size)]
    for chunk in chunks:
        extent.feed(chunk)
    extent.finish()
    if extent.needs_second_pass:
        for chunk in chunks:
            extent.recheck(chunk)
    width = max(last_col, 25)  # single-letter columns are counted as reaching Z
    assert extent.too_large() == (last_row > MAX_ROWS or last_row * (width + 1) > MAX_CELLS)


FIELD_VALUES: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from(["企业", "昆明  小店", "昆明 小店", "ＡＢＣ", "ABC", "", "2020-01-01", "1"]),
    st.dates(min_value=date(2019, 12, 30), max_value=date(2020, 1, 2)),
    st.datetimes(min_value=datetime(2019, 12, 31), max_value=datetime(2020, 1, 2)),
    st.booleans(),
    st.sampled_from([None, 0, 1, 1.0]),
)
STORED_VALUES: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from(["企业", "昆明  小店", "昆明 小店", "ＡＢＣ", "ABC", "", "2020-01-01", "2019-12-31", "1"]),
    st.sampled_from([None, 0, 1]),
)
LEDGER_FIELDS = st.sampled_from(["name", "subject_type", "founded_on", "abnormal_listed", "phone", "notes", "x"])


@settings(max_examples=400, deadline=None)
@given(
    merged=st.dictionaries(LEDGER_FIELDS, FIELD_VALUES, max_size=6),
    stored=st.dictionaries(st.sampled_from(SNAPSHOT_OPERATOR), STORED_VALUES),
    copy_ledger=st.booleans(),
)
def test_a_register_row_equal_as_a_tuple_is_equal_field_by_field(
    merged: dict[str, Any], stored: dict[str, Any], copy_ledger: bool
) -> None:
    """Next month's shortcut says "nothing changed" only when the comparison field by field says so too, and it
    says so for a register row that stores exactly what the ledger says (dates as text)."""
    if copy_ledger:  # the register already holds the ledger's values, as SQLite stores them
        stored.update({name: to_raw(value) for name, value in merged.items() if name in SNAPSHOT_AT})
    row = tuple(stored.get(name) for name in SNAPSHOT_OPERATOR)
    builder = PreviewBuilder(Snapshot(None, {}, {}, StateMark(0, 0, 0, None, None), ""))  # type: ignore[arg-type]
    fields = [name for name in merged if name in SNAPSHOT_AT]
    same = builder._same_fields(merged, row)
    if same:
        assert all(same_value(name, merged[name], row[SNAPSHOT_AT[name]]) for name in fields)
    plain = all(  # what a normalised ledger holds: text, flags, and dates in the date fields
        merged[n].__class__ in ((str, date) if n in DATE_FIELDS else (str, bool)) or merged[n] is None for n in fields
    )
    if copy_ledger and len(fields) > 1 and plain:
        assert same


CARRIER_CELLS = st.sampled_from(["", "淘宝", "12345", "HTTP://A.CN/ ", "滇ICP备12345678号", None, 0])


@settings(max_examples=200, deadline=None)
@given(row=st.tuples(*(CARRIER_CELLS for _ in SNAPSHOT_CARRIER)))
def test_a_stored_carrier_is_keyed_as_the_same_carrier_read_as_a_dict(row: tuple[Any, ...]) -> None:
    assert stored_carrier_key(row) == carrier_key(dict(zip(SNAPSHOT_CARRIER, row, strict=True)))
