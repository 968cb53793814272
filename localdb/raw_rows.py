"""Rows in the form SQLite stores them, written with plain DB-API statements.

Bulk writers (an initial pull: a quarter of a million rows; a ledger import) skip SQLAlchemy's per-row processing
and write the stored values themselves, so they must write exactly what SQLAlchemy would: date-times as
:data:`DATETIME_STORAGE` text, dates as ISO text, flags as 0/1, a column's default where a row has no value.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Final

from sqlalchemy import Boolean, Connection, Date, DateTime, Table

DATETIME_STORAGE: Final = "%Y-%m-%d %H:%M:%S.%f"
"""How SQLAlchemy stores a DateTime in SQLite (``stored_datetime`` writes the same text)."""


def stored_datetime(moment: datetime) -> str:
    """``moment`` as SQLAlchemy stores a naive DateTime (the C ``isoformat``: several times faster than
    ``strftime(DATETIME_STORAGE)``, same text)."""
    return moment.isoformat(sep=" ", timespec="microseconds")


def _wire_datetime(value: Any) -> str:
    return stored_datetime(datetime.fromisoformat(str(value).replace("Z", "+00:00")).replace(tzinfo=None))


def _wire_date(value: Any) -> str:
    text = str(value)[:10]
    parsed = date.fromisoformat(text)  # refuses anything but a real date
    return text if text[4:5] == "-" and text[7:8] == "-" else parsed.isoformat()  # YYYY-MM-DD kept as it came


def _wire_flag(value: Any) -> int:
    return 1 if value else 0


class Converter:
    """Wire values (JSON) to stored column values of one table: date-times and dates as SQLAlchemy stores them,
    flags as 0/1, NULL for a non-null text column as empty; fields the table does not have are dropped (the
    protocol says a client ignores fields it does not know)."""

    def __init__(self, table: Table) -> None:
        self.known = frozenset(column.key for column in table.columns)
        self.fixes: list[tuple[str, Callable[[Any], Any]]] = []
        """Only the columns whose wire value may need converting; every other value is stored as it comes."""
        self.not_null: list[tuple[str, Any]] = []
        for column in table.columns:
            if isinstance(column.type, DateTime):
                self.fixes.append((column.key, _wire_datetime))
            elif isinstance(column.type, Date):
                self.fixes.append((column.key, _wire_date))
            elif isinstance(column.type, Boolean):
                self.fixes.append((column.key, _wire_flag))
            if column.nullable is False:
                self.not_null.append((column.key, 0 if isinstance(column.type, Boolean) else ""))

    def row(self, data: dict[str, Any]) -> dict[str, Any]:
        known = self.known
        # Usually every field is one this client knows (a subset test in C); otherwise the unknown ones are dropped.
        out = dict(data) if data.keys() <= known else {name: value for name, value in data.items() if name in known}
        for name, fix in self.fixes:
            value = out.get(name)
            if value is not None:
                out[name] = fix(value)
        for name, empty in self.not_null:
            if name in out and out[name] is None:
                out[name] = empty
        return out


def insert_raw(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert stored values with one DB-API executemany; a column no row has takes its default as SQLAlchemy
    would apply it (a constant, or SQL such as CURRENT_TIMESTAMP)."""
    names = sorted(set().union(*(row.keys() for row in rows)))
    constants: dict[str, Any] = {}
    sql_defaults: dict[str, str] = {}
    for column in table.columns:
        default = column.default
        if column.key in names or default is None or not hasattr(default, "arg"):
            continue
        if getattr(default, "is_clause_element", False):
            sql_defaults[column.key] = str(default.arg.compile(dialect=conn.dialect))
        elif getattr(default, "is_scalar", False):
            constants[column.key] = default.arg
    fixed = tuple(constants[name] for name in sorted(constants))
    columns = names + sorted(constants) + sorted(sql_defaults)
    values = ["?"] * (len(names) + len(fixed)) + [sql_defaults[name] for name in sorted(sql_defaults)]
    conn.exec_driver_sql(
        f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join(values)})",
        [(*map(row.get, names), *fixed) for row in rows],
    )
