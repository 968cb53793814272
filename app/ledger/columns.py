"""Reading one mapped column of a ledger for all its data rows at once.

The rules for a single cell are :func:`cell_outcome`: empty cells are not read, codes and phone numbers already in
their stored form are taken as they are, anything else goes through the column's normaliser. Reading a column at
once gives exactly what applying those rules cell by cell gives, for a fraction of the cost: columns repeat a few
values (registering authorities, platforms, subject types, credit classes — each distinct value is read once) or
hold values already in their stored form (names, addresses, codes, phone numbers — one check over the whole
column, the cells joined with NUL, settles them all).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any, Final

from app.ledger.fields import FIELD_BY_KEY, IDENTIFIER_COLUMNS, Kind
from app.ledger.normalise import CANONICAL_PHONE, MAX_TEXT, MULTILINE_FIELDS, UNFOLDED, Result, normaliser
from app.ledger.reader import Cell
from app.validation import Finding, Severity

IDENTIFIER_PRIORITY: Final = (*IDENTIFIER_COLUMNS, "identifier")
VALUES, CARRIER, CODE, PHONE = range(4)
"""Where a column's value goes in a parsed row."""
SEPARATOR: Final = "\x00"
"""Joins a column's cells for the checks over the whole column (no normaliser changes it, no check matches it)."""


class Mark(Enum):
    """What a cell gives instead of a value."""

    EMPTY = "empty"
    """Nothing in the cell (or only spaces): the cell is not read at all."""
    NOTHING = "nothing"
    """Something that gives no value: unreadable, or normalised to nothing. The column still counts as filled."""


EMPTY: Final = Mark.EMPTY
NOTHING: Final = Mark.NOTHING
MARKS: Final = (EMPTY, NOTHING)

Outcome = tuple[Any, Finding | None]
"""What one cell gives: its value (or :data:`EMPTY` / :data:`NOTHING`) and the problem found with it."""

SHOP_ID_SPACES: Final = re.compile(r"\s")
SHOP_ID_NUMBERS: Final = re.compile(r"\x00(?:[+-]?\d+(?:\.\d*)?[eE]\+?\d+|\d+\.0+)(?=\x00)", re.ASCII)
"""A shop ID that is a number in scientific notation or ending in ``.0`` (which :func:`normalise_code` rewrites),
in cells joined with NUL and framed by it."""
PHONE_CELLS: Final = re.compile(rf"(?:{CANONICAL_PHONE.pattern}|)(?:\x00(?:{CANONICAL_PHONE.pattern}|))*", re.ASCII)
"""Cells joined with NUL that are each empty or a phone number in its stored form."""


def cell_outcome(key: str, sink: int, normalise: Callable[[str, Cell], Result], cell: Cell) -> Outcome:
    """The rules for one cell; every faster path below gives exactly this."""
    if cell.__class__ is str:
        assert isinstance(cell, str)
        if not cell or cell.isspace():
            return EMPTY, None
        if sink == CODE and cell.isascii() and cell.isalnum():  # what normalize_code returns for it
            return cell.upper(), None
        if sink == PHONE and CANONICAL_PHONE.fullmatch(cell):  # already in its stored form
            return cell, None
    value, problem = normalise(key, cell)
    if problem is not None and problem.severity is Severity.ERROR:
        return NOTHING, problem
    if value is None or value == "" or value == []:
        return NOTHING, problem
    return value, problem


@dataclass
class ColumnSpec:
    """A mapped column and how its cells are read (chosen once per sheet)."""

    index: int
    key: str
    name: str
    """The field within its record (``carrier.url`` → ``url``)."""
    sink: int
    kind: Kind
    normalise: Callable[[str, Cell], Result]


def column_spec(index: int, key: str) -> ColumnSpec:
    kind = FIELD_BY_KEY[key].kind
    if kind is Kind.CODE and key in IDENTIFIER_PRIORITY:
        sink = CODE
    elif key == "phone":
        sink = PHONE
    else:
        sink = CARRIER if key.startswith("carrier.") else VALUES
    return ColumnSpec(index, key, key.removeprefix("carrier."), sink, kind, normaliser(key, kind))


@dataclass
class Column:
    """One column read for every data row (position ``i``: the ``i``-th data row)."""

    spec: ColumnSpec
    values: list[Any]
    """The value of each row's cell, or :data:`EMPTY` / :data:`NOTHING`."""
    problems: dict[int, Finding]
    empty: list[int]
    """Positions of the empty cells."""
    odd: list[int]
    """Positions of the cells that give nothing or have a problem."""


def _as_stored(spec: ColumnSpec, cells: list[str], framed: str) -> list[Any] | None:
    """The values of an all-text column whose every filled cell is already in its stored form (the usual case),
    or ``None`` when some cell needs reading. ``framed``: the cells joined with NUL, with NUL before and after."""
    if spec.kind is Kind.TEXT and spec.key not in MULTILINE_FIELDS:  # folded already, and not too long
        limit = MAX_TEXT.get(spec.key)
        if "  " in framed or "\x00 " in framed or " \x00" in framed or UNFOLDED.search(framed):
            return None
        return cells if limit is None or max(map(len, cells), default=0) <= limit else None
    if spec.sink == CODE:  # the codes are letters and digits only: upper case is their stored form
        flat = "".join(cells)
        return framed.upper().split(SEPARATOR)[1:-1] if flat.isascii() and flat.isalnum() else None
    if spec.key == "carrier.shop_id":  # kept as the platform shows it unless spaced, masked or a mangled number
        plain = framed.isascii() and not SHOP_ID_SPACES.search(framed) and "***" not in framed
        return cells if plain and not SHOP_ID_NUMBERS.search(framed) else None
    if spec.sink == PHONE and framed.count(SEPARATOR) == len(cells) + 1 and PHONE_CELLS.fullmatch(framed[1:-1]):
        return cells
    return None


def framed_cells(cells: list[Cell]) -> str | None:
    """The cells joined with NUL, with NUL before and after, or ``None`` when not all of them are text."""
    try:
        return SEPARATOR + SEPARATOR.join(cells) + SEPARATOR  # type: ignore[arg-type]  # TypeError: not all text
    except TypeError:
        return None


def read_column(spec: ColumnSpec, cells: list[Cell], framed: str | None) -> Column:
    """Every cell of one column, as :func:`cell_outcome` reads it (``framed``: :func:`framed_cells` of them)."""
    if framed is None:
        if spec.kind is Kind.DATE and set(map(type, cells)) == {date}:
            return Column(spec, cells, {}, [], [])  # date cells are dates already
        return _read_cells(spec, cells)
    texts: list[str] = cells  # type: ignore[assignment]  # every cell is text
    stored = _as_stored(spec, texts, framed)
    if stored is not None:
        empty: list[int] = []
        if "\x00\x00" in framed:  # an empty cell
            empty = [pos for pos, text in enumerate(texts) if not text]
            stored = [value if text else EMPTY for value, text in zip(stored, texts, strict=True)]
        return Column(spec, stored, {}, empty, [])
    outcomes = {text: cell_outcome(spec.key, spec.sink, spec.normalise, text) for text in dict.fromkeys(texts)}
    values = list(map({text: value for text, (value, _problem) in outcomes.items()}.__getitem__, texts))
    column = Column(spec, values, {}, [], [])
    special = {text for text, (value, problem) in outcomes.items() if problem is not None or value in MARKS}
    for pos, text in enumerate(texts) if special else ():
        if text in special:
            _classify(pos, outcomes[text], column)
    return column


def _read_cells(spec: ColumnSpec, cells: list[Cell]) -> Column:
    """A column of mixed cells (numbers, dates, text), cell by cell (each distinct text read once)."""
    memo: dict[str, Outcome] = {}
    column = Column(spec, [], {}, [], [])
    values = column.values
    for pos, cell in enumerate(cells):
        if cell.__class__ is str:
            assert isinstance(cell, str)
            outcome = memo.get(cell)
            if outcome is None:
                outcome = memo[cell] = cell_outcome(spec.key, spec.sink, spec.normalise, cell)
        else:
            outcome = cell_outcome(spec.key, spec.sink, spec.normalise, cell)
        values.append(outcome[0])
        if outcome[1] is not None or outcome[0] in MARKS:
            _classify(pos, outcome, column)
    return column


def _classify(pos: int, outcome: Outcome, column: Column) -> None:
    value, problem = outcome
    if problem is not None:
        column.problems[pos] = problem
        column.odd.append(pos)
    elif value is EMPTY:
        column.empty.append(pos)
    else:
        column.odd.append(pos)
