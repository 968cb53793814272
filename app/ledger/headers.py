"""Finding the header row of a ledger sheet and mapping its columns to import fields.

Ledgers put title rows above the header ("XX市场监管所网络经营主体台账", a date line), merge header cells (a label
spanning two header rows, or a group label such as "载体信息" over the carrier columns), number the columns in a
row under the header (1, 2, 3 …) and end with notes ("填表人：", "审核人：", "注：…"). The header is the row, among the
first :data:`SCAN_ROWS`, naming the most known columns; a column whose header cell is covered by a vertical merge
takes the merged label, and a label that means nothing alone is tried with its group label in front. The layout
hash (of the folded header labels) is the key under which the user's corrected mapping is remembered.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Final

from app.ledger import errors as err
from app.ledger.fields import FIELD_BY_KEY, FIELDS, IGNORE, IGNORED_HEADERS
from app.ledger.reader import Cell, SheetGrid, column_letter

SCAN_ROWS: Final = 30
"""How many rows from the top may be titles, notes and the header itself."""

Mapping = dict[int, str]
"""Column index → import field key (:data:`app.ledger.fields.IGNORE` or absent: not imported)."""

MULTI_COLUMN_FIELDS: Final = frozenset({"phone"})
"""Fields several columns may feed (手机 and 固定电话 become one phone list); any other field takes one column."""

CARRIER_GROUP_WORDS: Final = ("载体", "网店", "店铺", "网站", "平台", "网络经营")

FOOTER_WORDS: Final = (
    "填表人", "填报人", "制表人", "审核人", "审核", "负责人签字", "填表日期", "填报日期", "制表日期", "统计日期",
    "注:", "注：", "备注:", "备注：", "说明:", "说明：", "合计", "总计", "小计", "共计", "单位负责人", "联系人:",
)  # fmt: skip

_BRACKETED: Final = re.compile(r"\([^)]*\)|\[[^\]]*\]|【[^】]*】|<[^>]*>")
_NOISE: Final = re.compile(r"[\s*★☆※:：?？!！'\"“”‘’]+")
_REQUIRED_NOTE: Final = re.compile(r"\((?:必填|选填|必选|可选|必录|选录|非必填|如有|可不填)[^)]*\)")


def fold(header: str) -> str:
    """The comparable form of a header: NFKC (full-width → ASCII), lower case, no spaces, marks or fill notes."""
    text = unicodedata.normalize("NFKC", header).lower()
    text = _REQUIRED_NOTE.sub("", text)
    return _NOISE.sub("", text)


def _build_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for f in FIELDS:
        for alias in (f.header, *f.aliases):
            index.setdefault(fold(alias), f.key)
    for alias in IGNORED_HEADERS:
        index.setdefault(fold(alias), IGNORE)
    return index


ALIASES: Final = _build_index()
_BY_LENGTH: Final = sorted(((a, k) for a, k in ALIASES.items() if len(a) >= 2), key=lambda item: -len(item[0]))


@functools.lru_cache(maxsize=4096)
def match_header(label: str) -> str | None:
    """The field a header names, :data:`IGNORE` for row-number columns, or ``None`` when it is not recognised.

    Exact (folded) match first, then without bracketed remarks, then the longest known name the header *ends*
    with (法定代表人电话 → phone), then the longest one (of three or more characters) it contains.
    """
    folded = fold(label)
    if not folded:
        return None
    if folded in ALIASES:
        return ALIASES[folded]
    bare = _BRACKETED.sub("", folded)
    if bare and bare in ALIASES:
        return ALIASES[bare]
    for alias, key in _BY_LENGTH:
        if bare.endswith(alias):
            return key
    for alias, key in _BY_LENGTH:
        if len(alias) >= 3 and alias in bare:
            return key
    return None


def _text(value: Cell) -> str:
    if isinstance(value, str):
        return " ".join(value.split())
    if value == "" or value is None:
        return ""
    return str(value)


@dataclass
class HeaderLayout:
    """Where the header is and what each column is called (merged labels resolved)."""

    row: int
    """Zero-based index of the header row (its Excel row number is ``row + 1``)."""
    labels: list[str]
    """The label of every column (``""`` when it has none), after resolving merged cells."""
    groups: list[str]
    """The group label above each column (from a horizontally merged cell in the row above), or ``""``."""
    data_start: int
    """Zero-based index of the first data row (after a numbering row, if there is one)."""
    mapping: Mapping = field(default_factory=dict)
    """The automatic mapping (column → field) from the labels."""

    @property
    def layout_hash(self) -> str:
        return layout_hash(self.labels, self.groups)

    def unknown_columns(self) -> list[int]:
        return [c for c, label in enumerate(self.labels) if label and c not in self.mapping]


def layout_hash(labels: list[str], groups: list[str] | None = None) -> str:
    """SHA-256 of the folded labels (trailing empty ones dropped): the same layout gives the same hash."""
    parts = [fold(g) + "\x1e" + fold(label) for label, g in zip(labels, groups or [""] * len(labels), strict=False)]
    while parts and parts[-1] == "\x1e":
        parts.pop()
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _merged_maps(grid: SheetGrid) -> tuple[dict[tuple[int, int], str], dict[tuple[int, int], str]]:
    """(vertical, horizontal): for every cell covered by a merge, the merged label (vertical merges over a column
    fill header cells below their top; horizontal ones name the group of the columns under them)."""
    vertical: dict[tuple[int, int], str] = {}
    horizontal: dict[tuple[int, int], str] = {}
    for r0, c0, r1, c1 in grid.merged:
        if r0 >= SCAN_ROWS + 2:
            continue
        value = _text(grid.rows[r0][c0]) if r0 < len(grid.rows) and c0 < len(grid.rows[r0]) else ""
        if not value:
            continue
        for r in range(r0, min(r1, SCAN_ROWS + 2) + 1):
            for c in range(c0, min(c1, c0 + 200) + 1):
                if r1 > r0:
                    vertical[(r, c)] = value
                if c1 > c0:
                    horizontal[(r, c)] = value
    return vertical, horizontal


def _labels(grid: SheetGrid, r: int, vertical: dict[tuple[int, int], str]) -> list[str]:
    row = grid.rows[r]
    labels = [_text(v) for v in row]
    for c, label in enumerate(labels):
        if not label and (r, c) in vertical:
            labels[c] = vertical[(r, c)]
    while labels and not labels[-1]:
        labels.pop()
    return labels


def _map(labels: list[str], groups: list[str]) -> Mapping:
    mapping: Mapping = {}
    taken: set[str] = set()
    for c, label in enumerate(labels):
        if not label:
            continue
        group = groups[c] if c < len(groups) else ""
        key = None
        if group and group != label:
            key = match_header(group + label)
            if any(word in group for word in CARRIER_GROUP_WORDS):
                carrier_key = match_header("店铺" + label) or match_header("载体" + label)
                if carrier_key and carrier_key.startswith("carrier."):
                    key = carrier_key
        if key is None:
            key = match_header(label)
        if key is None or key == IGNORE:
            continue
        if key in taken and key not in MULTI_COLUMN_FIELDS:
            continue
        taken.add(key)
        mapping[c] = key
    return mapping


def _score(mapping: Mapping) -> int:
    keys = set(mapping.values())
    if not keys & {"name", "identifier", "identifier.uscc", "identifier.reg_no", "identifier.resident_id"}:
        return 0
    return len(keys)


def is_numbering_row(row: list[Cell]) -> bool:
    """A row of column numbers (1, 2, 3 …) or of fill notes (必填/选填) directly under the header."""
    values = [v for v in row if v != "" and v is not None]
    if len(values) < 2:
        return False
    texts = [_text(v).strip("()（）") for v in values]
    if all(t in {"必填", "选填", "必选", "可选", "非必填"} for t in texts):
        return True
    try:
        numbers = [int(float(t)) for t in texts]
    except ValueError:
        return False
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def detect_header(grid: SheetGrid) -> HeaderLayout:
    """The header layout of ``grid``; raises :class:`app.ledger.errors.NoHeader` / ``EmptySheet``."""
    if not any(any(v != "" and v is not None for v in row) for row in grid.rows):
        raise err.EmptySheet(file=grid.file_name, sheet=grid.sheet)
    vertical, horizontal = _merged_maps(grid)
    best: HeaderLayout | None = None
    best_score = 0
    for r in range(min(SCAN_ROWS, len(grid.rows))):
        labels = _labels(grid, r, vertical)
        if len([label for label in labels if label]) < 2:
            continue
        groups = [horizontal.get((r - 1, c), "") if r > 0 else "" for c in range(len(labels))]
        groups = [g if g != label else "" for g, label in zip(groups, labels, strict=True)]
        mapping = _map(labels, groups)
        score = _score(mapping)
        if score >= 2 and score > best_score:
            best_score = score
            best = HeaderLayout(r, labels, groups, r + 1, mapping)
    if best is None:
        sample_row, sample = _first_text(grid)
        raise err.NoHeader(file=grid.file_name, sheet=grid.sheet, rows=SCAN_ROWS, row=sample_row, sample=sample or "—")
    start = best.row + 1
    if start < len(grid.rows):
        start = _absorb_subheader(grid, best, vertical)
    if start < len(grid.rows) and is_numbering_row(grid.rows[start]):
        start += 1
    best.data_start = start
    return best


def _absorb_subheader(grid: SheetGrid, layout: HeaderLayout, vertical: dict[tuple[int, int], str]) -> int:
    """A second header row without merges (CSV, hand-made sheets): labels under group labels such as 载体信息.

    When the row under the header names at least two known columns where the header has no label or an
    unknown one, those labels replace them (the header's label becoming their group). Returns the data start.
    """
    below = _labels(grid, layout.row + 1, vertical)
    candidates = [
        c
        for c, label in enumerate(below)
        if label and match_header(label) not in (None, IGNORE) and c not in layout.mapping
    ]
    if len(candidates) < 2:
        return layout.row + 1
    labels = list(layout.labels) + [""] * max(0, len(below) - len(layout.labels))
    groups = list(layout.groups) + [""] * max(0, len(below) - len(layout.groups))
    last_group = ""
    for c in range(len(labels)):
        if labels[c]:
            last_group = labels[c]
        if c in candidates:
            groups[c] = labels[c] or last_group
            labels[c] = below[c]
    layout.labels, layout.groups = labels, groups
    layout.mapping = _map(labels, groups)
    return layout.row + 2


def _first_text(grid: SheetGrid) -> tuple[int, str]:
    for r, row in enumerate(grid.rows[:SCAN_ROWS]):
        texts = [_text(v) for v in row if _text(v)]
        if texts:
            return r + 1, " | ".join(texts)[:120]
    return 0, ""


_FOOTER_STARTS: Final = tuple(unicodedata.normalize("NFKC", w) for w in FOOTER_WORDS)


def is_footer(row: list[Cell]) -> bool:
    """A note row under the table: its first text starts with 填表人, 审核人, 注：, 合计 …"""
    for value in row:
        if value == "" or value is None:
            continue
        if not isinstance(value, str):
            return False
        return unicodedata.normalize("NFKC", value).lstrip().replace(" ", "").startswith(_FOOTER_STARTS)
    return False


def check_mapping(grid: SheetGrid, mapping: Mapping) -> None:
    """Refuse a mapping without a name column, or with one field fed by several columns."""
    columns: dict[str, list[int]] = {}
    for c, key in mapping.items():
        if key and key != IGNORE:
            columns.setdefault(key, []).append(c)
    if "name" not in columns:
        raise err.NoNameColumn(file=grid.file_name, sheet=grid.sheet)
    for key, cols in columns.items():
        if len(cols) > 1 and key not in MULTI_COLUMN_FIELDS:
            raise err.DuplicateMapping(
                file=grid.file_name,
                sheet=grid.sheet,
                columns="、".join(column_letter(c) for c in sorted(cols)),
                field=FIELD_BY_KEY[key].header,
            )
