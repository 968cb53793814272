"""From a sheet's rows and a column mapping to normalised operator and carrier values.

Each data row becomes a :class:`ParsedRow`: the operator values its mapped, non-empty cells give, the carriers it
describes (the carrier columns, plus a 公众号 column and an APP-names column as carriers of their own), and every
problem found, tied to the sheet row and column. Empty rows, footer notes and repeated header rows are skipped.
The identifier's kind comes from an identifier-type column, else from the column it came from (统一社会信用代码,
注册号, 身份证号 …) when the code fits it, else from the code's shape.

The sheet is read column by column (see :class:`RowParser`), which gives the same rows as reading each cell in turn
by :func:`app.ledger.columns.cell_outcome` — the rules for one cell — at a fraction of the cost for the 100,000-row
ledgers stations get (tests/ledger/test_fast_paths.py holds the two to each other).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import repeat
from operator import itemgetter
from typing import Any, Final

from app.ledger.columns import (
    CARRIER,
    CODE,
    EMPTY,
    IDENTIFIER_PRIORITY,
    NOTHING,
    PHONE,
    SEPARATOR,
    VALUES,
    Column,
    column_spec,
    framed_cells,
    read_column,
)
from app.ledger.fields import IGNORE
from app.ledger.headers import Mapping, is_footer
from app.ledger.normalise import T_MASKED
from app.ledger.reader import Cell, SheetGrid
from app.ledger.rules import _reg_no_clean, _resident_id_clean, _uscc_clean, identifier_findings
from app.progress import Progress
from app.validation import Finding, IdentifierType, Severity, guess_identifier_type, validate_identifier
from app.vocab import CarrierKind, SubjectType

LOCAL_LIFE_PLATFORMS: Final = frozenset({"美团", "饿了么", "美团外卖", "大众点评", "口碑"})
BUSINESS_NAME_ENDINGS: Final = ("店", "部", "行", "馆", "坊", "厂", "社", "室", "城", "中心", "超市", "商贸", "批发")
PROGRESS_EVERY: Final = 5_000
USCC: Final = IdentifierType.USCC.value
"""Plain strings of the enum values used for every row (reading an enum member's ``value`` costs a Python call)."""
RESIDENT_ID: Final = IdentifierType.RESIDENT_ID.value
NO_IDENTIFIER: Final = IdentifierType.NONE.value
REG_NO: Final = IdentifierType.REG_NO.value
REG_NO_KEYS: Final = ("identifier", "identifier.reg_no")
SHOP: Final = CarrierKind.SHOP.value
WEBSITE: Final = CarrierKind.WEBSITE.value
LOCAL_LIFE: Final = CarrierKind.LOCAL_LIFE.value
ROWS_DONE, COLUMNS_DONE = 0.2, 0.5
"""Progress: picking the data rows is the first fifth of the work, reading the columns runs to half of it."""
CODE_FIRST: Final = (IdentifierType.USCC, IdentifierType.REG_NO, IdentifierType.ORG_CODE, IdentifierType.RESIDENT_ID)
PERSON_FIRST: Final = (IdentifierType.RESIDENT_ID, IdentifierType.USCC, IdentifierType.REG_NO, IdentifierType.ORG_CODE)


@dataclass(frozen=True)
class Issue:
    """A problem with one row (and, where it applies, one column) of the sheet."""

    row: int
    """Excel row number (1-based)."""
    column: int | None
    """Zero-based column index, or ``None`` for a problem of the whole row."""
    finding: Finding

    @property
    def is_error(self) -> bool:
        return self.finding.severity is Severity.ERROR


@dataclass(slots=True)
class ParsedRow:
    """One data row of the sheet, normalised."""

    row: int
    values: dict[str, Any]
    """Operator fields → normalised values, for the mapped cells that hold something."""
    carriers: list[dict[str, Any]]
    """Carrier field → value dicts (``kind`` always set)."""
    issues: list[Issue] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)
    """Field → the column it came from (for messages and the error report)."""
    identifier_clean: bool = False
    """The code is well-formed with matching check characters (``validate_identifier`` would find nothing)."""

    @property
    def has_errors(self) -> bool:
        return any(i.is_error for i in self.issues)


@dataclass
class ParsedSheet:
    rows: list[ParsedRow]
    skipped_notes: int = 0
    """Footer and note rows left out."""


def infer_subject(values: dict[str, Any]) -> str:
    """The subject type when the ledger does not say: from the code (91/92/93…, ID number) and the name."""
    name = str(values.get("name", ""))
    code = str(values.get("identifier", ""))
    kind = values.get("identifier_type", "none")
    if "合作社" in name:
        return SubjectType.COOPERATIVE.value
    if kind == IdentifierType.USCC and len(code) >= 2:
        return {
            "91": SubjectType.ENTERPRISE,
            "92": SubjectType.INDIVIDUAL,
            "93": SubjectType.COOPERATIVE,
        }.get(code[:2], SubjectType.OTHER).value
    if "公司" in name or "企业" in name or kind == IdentifierType.ORG_CODE:
        return SubjectType.ENTERPRISE.value
    business_like = name.endswith(BUSINESS_NAME_ENDINGS)
    if kind == IdentifierType.REG_NO:
        return (SubjectType.INDIVIDUAL if business_like else SubjectType.ENTERPRISE).value
    if kind == IdentifierType.RESIDENT_ID:
        return (SubjectType.INDIVIDUAL if business_like else SubjectType.NATURAL_PERSON).value
    if not business_like and 2 <= len(name) <= 4:
        return SubjectType.NATURAL_PERSON.value
    return SubjectType.OTHER.value


def _clean_guess(code: str, today: date | None = None) -> str | None:
    """The type ``guess_identifier_type`` gives a code that is clean as that type (``None``: not sure — ask it)."""
    if len(code) == 18:
        if _resident_id_clean(code, today):
            return RESIDENT_ID
        if _uscc_clean(code):
            return USCC
    return None


def resolve_identifier(codes: dict[str, str], stated_type: str | None, subject: str | None) -> tuple[str, str, str]:
    """(identifier type, code, the column key it came from) for a row's identifier cells."""
    kind, code, key, _clean = _resolve(codes, stated_type, subject)
    return kind, code, key


def _resolve(
    codes: dict[str, str],
    stated_type: str | None,
    subject: str | None,
    today: date | None = None,
    priority: tuple[str, ...] = IDENTIFIER_PRIORITY,
) -> tuple[str, str, str, bool]:
    """:func:`resolve_identifier`, and whether the code is known to be clean as that kind (``today``: the date
    the import began, so the clock is not asked for every code; ``priority``: the identifier columns the sheet
    has, in :data:`IDENTIFIER_PRIORITY` order)."""
    for key in priority:
        code = codes.get(key, "")
        if not code:
            continue
        quick = _clean_guess(code, today)
        if stated_type:
            return stated_type, code, key, quick == stated_type
        if quick is not None and (key == "identifier" or key.endswith(quick)):
            return quick, code, key, True
        if key in REG_NO_KEYS and len(code) == 15 and code.isascii() and code.isdigit():
            return REG_NO, code, key, _reg_no_clean(code)  # what _resolve_slowly finds: 15 digits are a 注册号
        kind, code, key = _resolve_slowly(key, code, subject)
        return kind, code, key, False
    if stated_type:
        return stated_type, "", "identifier_type", False
    if subject in (None, SubjectType.NATURAL_PERSON, SubjectType.OTHER):
        return NO_IDENTIFIER, "", "", False
    return USCC, "", "", False  # validation then asks for the code the subject type needs


def _resolve_slowly(key: str, code: str, subject: str | None) -> tuple[str, str, str]:
    """The kind of a code that is not clean: its column's kind if it is well-formed as that, else a kind it is
    well-formed as, else the column's (or the guessed) kind, so validation explains what is wrong."""
    if key != "identifier":
        column_type = IdentifierType(key.split(".", 1)[1])
        if validate_identifier(column_type, code).ok:
            return column_type.value, code, key
    guessed = guess_identifier_type(code)
    if guessed is not None and guessed is not IdentifierType.NONE and validate_identifier(guessed, code).ok:
        return guessed.value, code, key
    # The shape fits several kinds (an ID number whose check digit fails also looks like a credit code):
    # take a kind the code is well-formed as, a person's ID first for a person.
    person_first = subject in (SubjectType.NATURAL_PERSON, SubjectType.INDIVIDUAL)
    for kind in PERSON_FIRST if person_first else CODE_FIRST:
        if kind is not guessed and validate_identifier(kind, code).ok:
            return kind.value, code, key
    if key != "identifier":
        return key.split(".", 1)[1], code, key
    if guessed is not None and guessed is not IdentifierType.NONE:
        return guessed.value, code, key
    fallback = IdentifierType.RESIDENT_ID if subject == SubjectType.NATURAL_PERSON else IdentifierType.USCC
    return fallback.value, code, key


def _carrier_kind(carrier: dict[str, Any]) -> str:
    platform = carrier.get("platform", "")
    if platform in LOCAL_LIFE_PLATFORMS:
        return LOCAL_LIFE
    if platform:
        return SHOP
    if carrier.get("icp_filing") or carrier.get("url"):
        return WEBSITE
    return SHOP


def _masked_key(issue: Issue) -> Issue:
    """A masked phone is ignored on a row with a code, but without one the phone is what finds the person."""
    finding = issue.finding
    if finding.code == "cell.masked" and finding.field == "phone" and finding.severity is Severity.WARNING:
        return Issue(
            issue.row, issue.column, Finding(finding.field, Severity.ERROR, finding.code, T_MASKED, finding.params)
        )
    return issue


class RowParser:
    """Parses the data rows of one sheet with one mapping, column by column.

    A column's cells repeat (registering authorities, platforms, subject types, dates) or are already in their
    stored form (names, codes): reading a column at once settles most cells with one check or one lookup, where
    reading row by row paid a chain of calls for every cell. The rows are then put together from the columns: a
    row without unreadable cells whose code is clean as the kind its column holds (nearly every row) is put
    together directly; any other row cell by cell, as the rules for one cell say.
    """

    def __init__(self, grid: SheetGrid, mapping: Mapping, data_start: int, labels: list[str] | None = None) -> None:
        self.grid = grid
        self.mapping = {c: k for c, k in mapping.items() if k and k != IGNORE}
        self.data_start = data_start
        self.today = date.today()
        self.labels = {c: labels[c] for c in self.mapping if labels and c < len(labels) and labels[c]}
        self._specs = [column_spec(c, key) for c, key in sorted(self.mapping.items())]
        self._priority = tuple(key for key in IDENTIFIER_PRIORITY if key in self.mapping.values())
        self._layouts: dict[tuple[tuple[str, int], ...], dict[str, int]] = {}
        """One shared (read-only) field → column dict per distinct set of filled columns."""
        self._gap_layouts: dict[tuple[tuple[int, ...], str], dict[str, int]] = {}
        """Layouts by the empty mapped columns and the column the identifier came from."""
        self._repeat_hits = max(2, len(self.labels) // 2)

    def _is_header_repeat(self, row: list[Cell]) -> bool:
        """The header printed again (a ledger pasted together from several sheets): most mapped cells equal their
        column's header label."""
        hits = sum(1 for c, label in self.labels.items() if c < len(row) and row[c] == label)
        return hits >= self._repeat_hits

    def parse(self, progress: Progress | None = None) -> ParsedSheet:
        progress = progress or Progress.none()
        total = len(self.grid.rows)
        numbers, rows, skipped = self._data_rows(progress)
        if not self._specs:
            progress.step(total, total)
            return ParsedSheet([], skipped + len(rows))
        cells = self._cells(rows)
        framed = [framed_cells(column) for column in cells]
        if self._may_repeat_header(cells, framed):
            kept = [pos for pos, row in enumerate(rows) if not self._is_header_repeat(row)]
            skipped += len(rows) - len(kept)
            numbers, rows = [numbers[pos] for pos in kept], [rows[pos] for pos in kept]
            cells = self._cells(rows)
            framed = [framed_cells(column) for column in cells]
        columns: list[Column] = []
        for done, (spec, column, joined) in enumerate(zip(self._specs, cells, framed, strict=True)):
            columns.append(read_column(spec, column, joined))
            progress.step(int(total * (ROWS_DONE + (COLUMNS_DONE - ROWS_DONE) * (done + 1) / len(self._specs))), total)
        parsed = self._rows(numbers, columns, progress, total)
        progress.step(total, total)
        return ParsedSheet(parsed, skipped + len(rows) - len(parsed))

    def _cells(self, rows: list[list[Cell]]) -> list[list[Cell]]:
        """The cells of each mapped column (``""`` beyond the end of a short row)."""
        out: list[list[Cell]] = []
        width = min(map(len, rows), default=0)
        for spec in self._specs:
            c = spec.index
            if c < width:
                out.append(list(map(itemgetter(c), rows)))
            else:
                out.append([row[c] if c < len(row) else "" for row in rows])
        return out

    def _may_repeat_header(self, cells: list[list[Cell]], framed: list[str | None]) -> bool:
        """Whether enough columns hold their own header label somewhere for a row to repeat the header (one search
        per column instead of a look at every row)."""
        holding = 0
        for spec, column, joined in zip(self._specs, cells, framed, strict=True):
            label = self.labels.get(spec.index)
            if label is not None and (
                SEPARATOR + label + SEPARATOR in joined if joined is not None else label in column
            ):
                holding += 1
        return holding >= self._repeat_hits

    def _data_rows(self, progress: Progress) -> tuple[list[int], list[list[Cell]], int]:
        """(Excel row numbers, rows) of the rows below the header: empty rows and footer notes left out, with how
        many notes there were."""
        grid_rows = self.grid.rows
        total = len(grid_rows)
        numbers: list[int] = []
        rows: list[list[Cell]] = []
        skipped = 0
        for index in range(self.data_start, total):
            if (index - self.data_start) % PROGRESS_EVERY == 0:
                progress.step(int(index * ROWS_DONE), total)
            row = grid_rows[index]
            if not any(row) and not any(v != "" and v is not None for v in row):
                continue
            if is_footer(row):
                skipped += 1
                continue
            numbers.append(index + 1)
            rows.append(row)
        return numbers, rows, skipped

    def _rows(self, numbers: list[int], columns: list[Column], progress: Progress, total: int) -> list[ParsedRow]:
        odd = set().union(*(column.odd for column in columns))
        gaps: dict[int, list[int]] = {}  # row position → the columns (their place in ``columns``) with an empty cell
        for k, column in enumerate(columns):
            for pos in column.empty:
                gaps.setdefault(pos, []).append(k)
        groups = {
            sink: [column for column in columns if column.spec.sink == sink] for sink in (VALUES, CARRIER, CODE, PHONE)
        }
        value_keys = tuple(column.spec.key for column in groups[VALUES])
        carrier_names = tuple(column.spec.name for column in groups[CARRIER])
        code_keys = tuple(column.spec.key for column in groups[CODE])
        by_sink = [
            zip(*(column.values for column in groups[sink]), strict=True) if groups[sink] else repeat(())
            for sink in (VALUES, CARRIER, CODE, PHONE)
        ]
        parsed: list[ParsedRow] = []
        count = len(numbers)
        quick, code_key = self._quick_codes(groups[CODE], "identifier_type" in value_keys)
        full_layout = self._gaps_layout((), code_key) if quick is not None else {}
        append, carriers_of, layout_of = parsed.append, self._carriers, self._gaps_layout
        for pos, number, kind, row_values, row_carrier, row_codes, row_phones in zip(
            range(count), numbers, quick or repeat(None), *by_sink, strict=False
        ):
            if pos % PROGRESS_EVERY == 0:
                progress.step(int(total * (COLUMNS_DONE + (1 - COLUMNS_DONE) * pos / count)), total)
            if pos in odd:
                result = self._odd_row(pos, number, columns)
                if result is not None:
                    append(result)
                continue
            empty = gaps.get(pos, ())
            if not empty:
                values = dict(zip(value_keys, row_values, strict=True))
                carrier = dict(zip(carrier_names, row_carrier, strict=True))
                phones = list(row_phones)
            elif len(empty) < len(columns):
                values = {k: v for k, v in zip(value_keys, row_values, strict=True) if v is not EMPTY}
                carrier = {k: v for k, v in zip(carrier_names, row_carrier, strict=True) if v is not EMPTY}
                phones = [v for v in row_phones if v is not EMPTY]
            else:  # only unmapped cells hold something: not a row of the table
                continue
            if kind is None:
                codes = {k: v for k, v in zip(code_keys, row_codes, strict=True) if v is not EMPTY}
                append(self._finish(number, values, carrier, codes, phones, tuple(empty), []))
                continue
            # The usual row: one code, clean as the kind its column holds — what _finish concludes, sooner.
            if phones:
                values["phone"] = phones[0] if len(phones) == 1 else "; ".join(dict.fromkeys(phones))
            values["identifier_type"] = kind
            values["identifier"] = row_codes[0]
            layout = layout_of(tuple(empty), code_key) if empty else full_layout
            append(ParsedRow(number, values, carriers_of(carrier) if carrier else [], [], layout, True))
        return parsed

    def _quick_codes(self, code_columns: list[Column], stated: bool) -> tuple[list[str | None] | None, str]:
        """With one identifier column and no identifier-type column, each code's kind when the code is clean as
        the kind its column takes (classified at once, so most rows need not resolve their code)."""
        if len(code_columns) != 1 or stated:
            return None, ""
        key = code_columns[0].spec.key
        quick = [_clean_guess(code, self.today) if code.__class__ is str else None for code in code_columns[0].values]
        if key != "identifier":
            quick = [kind if kind is not None and key.endswith(kind) else None for kind in quick]
        return quick, key

    def _odd_row(self, pos: int, number: int, columns: list[Column]) -> ParsedRow | None:
        """A row with an empty cell, an unreadable one or a problem; ``None`` when none of its mapped cells holds
        anything (a note in an unmapped column)."""
        values: dict[str, Any] = {}
        carrier: dict[str, Any] = {}
        codes: dict[str, str] = {}
        layout: dict[str, int] = {}
        issues: list[Issue] = []
        phones: list[str] = []
        for column in columns:
            value = column.values[pos]
            if value is EMPTY:
                continue
            spec = column.spec
            layout.setdefault(spec.key, spec.index)
            problem = column.problems.get(pos)
            if problem is not None:
                issues.append(Issue(number, spec.index, problem))
            if value is NOTHING:
                continue
            if spec.sink == VALUES:
                values[spec.key] = value
            elif spec.sink == CARRIER:
                carrier[spec.name] = value
            elif spec.sink == CODE:
                codes[spec.key] = value
            else:
                phones.append(value)
        if not values and not carrier and not codes and not phones and not issues:
            return None
        return self._finish(number, values, carrier, codes, phones, layout, issues)

    def _finish(
        self,
        number: int,
        values: dict[str, Any],
        carrier: dict[str, Any],
        codes: dict[str, str],
        phones: list[str],
        layout: dict[str, int] | tuple[int, ...],
        issues: list[Issue],
    ) -> ParsedRow:
        """The row from its cells' values: one phone list, the identifier resolved, the carriers, the layout
        (field → column of the filled cells, or which of the mapped columns are empty)."""
        if phones:
            values["phone"] = phones[0] if len(phones) == 1 else "; ".join(dict.fromkeys(phones))
        stated = values.pop("identifier_type", None)
        clean = False
        source = ""
        if codes or stated:
            identifier_type, identifier, source, clean = _resolve(
                codes, stated, values.get("subject_type"), self.today, self._priority
            )
            values["identifier_type"] = identifier_type
            if identifier or identifier_type == NO_IDENTIFIER:
                values["identifier"] = identifier
        shared = self._layout(layout, source) if isinstance(layout, dict) else self._gaps_layout(layout, source)
        if issues:
            if not values.get("identifier"):
                issues = [_masked_key(i) for i in issues]
            else:
                # A row refused for another cell reports a malformed code too, so one round of fixes is enough.
                found = identifier_findings(values["identifier_type"], values["identifier"], self.today)
                errors = [f for f in found if f.severity is Severity.ERROR]
                issues.extend(Issue(number, shared.get("identifier"), f) for f in errors)
        carriers = self._carriers(carrier) if carrier else []
        return ParsedRow(number, values, carriers, issues, shared, clean and bool(values.get("identifier")))

    def _layout(self, layout: dict[str, int], source: str) -> dict[str, int]:
        """Field → column of a row: the identifier's columns are where its code came from; one dict is shared by
        the rows that fill the same columns (rows mostly fill the same columns)."""
        if source in layout:
            layout["identifier"] = layout[source]
            layout["identifier_type"] = layout.get("identifier_type", layout[source])
        return self._layouts.setdefault(tuple(layout.items()), layout)

    def _gaps_layout(self, gaps: tuple[int, ...], source: str) -> dict[str, int]:
        """The layout of a row whose mapped cells are all filled but for the columns ``gaps``."""
        shared = self._gap_layouts.get((gaps, source))
        if shared is None:
            layout: dict[str, int] = {}
            for k, spec in enumerate(self._specs):
                if k not in gaps:
                    layout.setdefault(spec.key, spec.index)
            shared = self._gap_layouts[(gaps, source)] = self._layout(layout, source)
        return shared

    @staticmethod
    def _carriers(carrier: dict[str, Any]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        wechat = carrier.pop("wechat", None)
        apps: Iterable[str] = carrier.pop("apps", None) or ()
        get = carrier.get
        if get("platform") or get("shop_name") or get("shop_id") or get("url") or get("icp_filing") or get("kind"):
            if "kind" not in carrier:
                carrier["kind"] = _carrier_kind(carrier)
            out.append(carrier)
        if wechat:
            out.append({"kind": CarrierKind.WECHAT_ACCOUNT.value, "platform": "微信", "shop_name": wechat})
        for app in apps:
            out.append({"kind": CarrierKind.APP.value, "shop_name": app})
        return out


def parse_sheet(
    grid: SheetGrid,
    mapping: Mapping,
    data_start: int,
    progress: Progress | None = None,
    labels: list[str] | None = None,
) -> ParsedSheet:
    """Parse every data row of ``grid`` under ``mapping`` (``labels``: the header, to skip repeats of it)."""
    return RowParser(grid, mapping, data_start, labels).parse(progress)
