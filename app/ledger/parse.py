"""From a sheet's rows and a column mapping to normalised operator and carrier values, row by row.

Each data row becomes a :class:`ParsedRow`: the operator values its mapped, non-empty cells give, the carriers it
describes (the carrier columns, plus a 公众号 column and an APP-names column as carriers of their own), and every
problem found, tied to the sheet row and column. Empty rows, footer notes and repeated header rows are skipped.
The identifier's kind comes from an identifier-type column, else from the column it came from (统一社会信用代码,
注册号, 身份证号 …) when the code fits it, else from the code's shape.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Final

from app.ledger.fields import FIELD_BY_KEY, IDENTIFIER_COLUMNS, IGNORE, Kind
from app.ledger.headers import Mapping, is_footer
from app.ledger.normalise import CANONICAL_PHONE, MULTILINE_FIELDS, T_MASKED, Result, normaliser
from app.ledger.reader import Cell, SheetGrid
from app.ledger.rules import _resident_id_clean, _uscc_clean, identifier_findings
from app.progress import Progress
from app.validation import Finding, IdentifierType, Severity, guess_identifier_type, validate_identifier
from app.vocab import CarrierKind, SubjectType

IDENTIFIER_PRIORITY: Final = (*IDENTIFIER_COLUMNS, "identifier")
LOCAL_LIFE_PLATFORMS: Final = frozenset({"美团", "饿了么", "美团外卖", "大众点评", "口碑"})
BUSINESS_NAME_ENDINGS: Final = ("店", "部", "行", "馆", "坊", "厂", "社", "室", "城", "中心", "超市", "商贸", "批发")
PROGRESS_EVERY: Final = 5_000
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


@dataclass
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


def _is_header_repeat(row: list[Cell], labels: dict[int, str]) -> bool:
    """The header printed again (a ledger pasted together from several sheets): most mapped cells equal their
    column's header label."""
    hits = sum(1 for c, label in labels.items() if c < len(row) and row[c] == label)
    return hits >= max(2, len(labels) // 2)


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


def _clean_guess(code: str) -> str | None:
    """The type ``guess_identifier_type`` gives a code that is clean as that type (``None``: not sure — ask it)."""
    if len(code) == 18:
        if _resident_id_clean(code):
            return IdentifierType.RESIDENT_ID.value
        if _uscc_clean(code):
            return IdentifierType.USCC.value
    return None


def resolve_identifier(codes: dict[str, str], stated_type: str | None, subject: str | None) -> tuple[str, str, str]:
    """(identifier type, code, the column key it came from) for a row's identifier cells."""
    kind, code, key, _clean = _resolve(codes, stated_type, subject)
    return kind, code, key


def _resolve(codes: dict[str, str], stated_type: str | None, subject: str | None) -> tuple[str, str, str, bool]:
    """:func:`resolve_identifier`, and whether the code is known to be clean as that kind."""
    for key in IDENTIFIER_PRIORITY:
        code = codes.get(key, "")
        if not code:
            continue
        quick = _clean_guess(code)
        if stated_type:
            return stated_type, code, key, quick == stated_type
        if quick is not None and (key == "identifier" or key.endswith(quick)):
            return quick, code, key, True
        kind, code, key = _resolve_slowly(key, code, subject)
        return kind, code, key, False
    if stated_type:
        return stated_type, "", "identifier_type", False
    if subject in (None, SubjectType.NATURAL_PERSON, SubjectType.OTHER):
        return IdentifierType.NONE.value, "", "", False
    return IdentifierType.USCC.value, "", "", False  # validation then asks for the code the subject type needs


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
        return CarrierKind.LOCAL_LIFE.value
    if platform:
        return CarrierKind.SHOP.value
    if carrier.get("icp_filing") or carrier.get("url"):
        return CarrierKind.WEBSITE.value
    return CarrierKind.SHOP.value


def _masked_key(issue: Issue) -> Issue:
    """A masked phone is ignored on a row with a code, but without one the phone is what finds the person."""
    finding = issue.finding
    if finding.code == "cell.masked" and finding.field == "phone" and finding.severity is Severity.WARNING:
        return Issue(
            issue.row, issue.column, Finding(finding.field, Severity.ERROR, finding.code, T_MASKED, finding.params)
        )
    return issue


VALUES, CARRIER, CODE, PHONE = range(4)
"""Where a column's value goes in a parsed row."""
MEMO_LIMIT: Final = 50_000


def _memoised(normalise: Callable[[str, Cell], Result]) -> Callable[[str, Cell], Result]:
    """Remember the result per distinct text (registering authorities, platforms, words and dates repeat)."""
    memo: dict[str, Result] = {}

    def call(key: str, cell: Cell) -> Result:
        if not isinstance(cell, str):
            return normalise(key, cell)
        hit = memo.get(cell)
        if hit is None:
            hit = normalise(key, cell)
            if len(memo) < MEMO_LIMIT:
                memo[cell] = hit
        return hit

    return call


def _column(key: str) -> tuple[int, Callable[[str, Cell], Result]]:
    kind = FIELD_BY_KEY[key].kind
    normalise = normaliser(key, kind)
    if kind is Kind.CODE and key in IDENTIFIER_PRIORITY:
        return CODE, normalise
    if key == "phone":
        return PHONE, normalise
    if kind in (Kind.TEXT, Kind.DATE, Kind.FLAG) and key not in MULTILINE_FIELDS:
        normalise = _memoised(normalise)
    return (CARRIER if key.startswith("carrier.") else VALUES), normalise


class RowParser:
    """Parses the data rows of one sheet with one mapping (normalisers chosen once per column)."""

    def __init__(self, grid: SheetGrid, mapping: Mapping, data_start: int, labels: list[str] | None = None) -> None:
        self.grid = grid
        self.mapping = {c: k for c, k in mapping.items() if k and k != IGNORE}
        self.data_start = data_start
        self.labels = {c: labels[c] for c in self.mapping if labels and c < len(labels) and labels[c]}
        self._columns = [
            (c, key, key[8:] if key.startswith("carrier.") else key, *_column(key))
            for c, key in sorted(self.mapping.items())
        ]
        self._layouts: dict[tuple[tuple[str, int], ...], dict[str, int]] = {}
        """One shared (read-only) field → column dict per distinct set of filled columns."""

    def parse(self, progress: Progress | None = None) -> ParsedSheet:
        progress = progress or Progress.none()
        rows = self.grid.rows
        parsed: list[ParsedRow] = []
        skipped = 0
        total = len(rows)
        for index in range(self.data_start, total):
            if (index - self.data_start) % PROGRESS_EVERY == 0:
                progress.step(index, total)
            row = rows[index]
            if not any(v != "" and v is not None for v in row):
                continue
            if is_footer(row) or _is_header_repeat(row, self.labels):
                skipped += 1
                continue
            result = self.parse_row(index + 1, row)
            if result is None:
                skipped += 1
                continue
            parsed.append(result)
        progress.step(total, total)
        return ParsedSheet(parsed, skipped)

    def parse_row(self, number: int, row: list[Cell]) -> ParsedRow | None:
        """The row's values; ``None`` when none of its mapped cells holds anything (a note in an unmapped column)."""
        values: dict[str, Any] = {}
        carrier: dict[str, Any] = {}
        codes: dict[str, str] = {}
        columns: dict[str, int] = {}
        issues: list[Issue] = []
        phones: list[str] = []
        width = len(row)
        for c, key, name, sink, normalise in self._columns:
            if c >= width:
                continue
            cell = row[c]
            if cell.__class__ is str:
                if not cell or cell.isspace():
                    continue
                if sink == CODE and cell.isascii() and cell.isalnum():  # what normalize_code returns for it
                    codes[key] = cell.upper()
                    columns.setdefault(key, c)
                    continue
                if sink == PHONE and CANONICAL_PHONE.fullmatch(cell):
                    phones.append(cell)
                    columns.setdefault(key, c)
                    continue
            value, problem = normalise(key, cell)
            columns.setdefault(key, c)
            if problem is not None:
                issues.append(Issue(number, c, problem))
                if problem.severity is Severity.ERROR:
                    continue
            if value is None or value == "" or value == []:
                continue
            if sink == VALUES:
                values[key] = value
            elif sink == CARRIER:
                carrier[name] = value
            elif sink == CODE:
                codes[key] = value
            else:
                phones.append(value)
        if not values and not carrier and not codes and not phones and not issues:
            return None
        if phones:
            values["phone"] = phones[0] if len(phones) == 1 else "; ".join(dict.fromkeys(phones))
        stated = values.pop("identifier_type", None)
        clean = False
        if codes or stated:
            identifier_type, identifier, source, clean = _resolve(codes, stated, values.get("subject_type"))
            values["identifier_type"] = identifier_type
            if identifier or identifier_type == IdentifierType.NONE:
                values["identifier"] = identifier
            if source in columns:
                columns["identifier"] = columns[source]
                columns["identifier_type"] = columns.get("identifier_type", columns[source])
        if issues:
            if not values.get("identifier"):
                issues = [_masked_key(i) for i in issues]
            else:
                # A row refused for another cell reports a malformed code too, so one round of fixes is enough.
                found = identifier_findings(values["identifier_type"], values["identifier"])
                errors = [f for f in found if f.severity is Severity.ERROR]
                issues.extend(Issue(number, columns.get("identifier"), f) for f in errors)
        carriers = self._carriers(carrier) if carrier else []
        shared = self._layouts.setdefault(tuple(columns.items()), columns)  # rows mostly fill the same columns
        return ParsedRow(number, values, carriers, issues, shared, clean and bool(values.get("identifier")))

    @staticmethod
    def _carriers(carrier: dict[str, Any]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        wechat = carrier.pop("wechat", None)
        apps: Iterable[str] = carrier.pop("apps", None) or ()
        if any(carrier.get(k) for k in ("platform", "shop_name", "shop_id", "url", "icp_filing", "kind")):
            carrier.setdefault("kind", _carrier_kind(carrier))
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
