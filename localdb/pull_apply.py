"""Pulled changes staged and applied inside SQLite, straight from the pages' JSON.

An initial pull brings a quarter of a million registry rows. As Python dicts (each page validated into dicts, each
value converted, 28 parameters bound per row) they cost ~16 s of the client's time, all of it holding the GIL the
page feed also needs. Staged by SQLite's JSONB functions into a temporary table and applied set-wise they cost
~6 s, nearly all in SQLite's C code, which lets go of the GIL (measured on the bench's 100,000 operators and
150,000 carriers; see the README's figures).

:func:`stage` puts the changes of one or more pages in ``temp.pulled_change``, the later change of a record
replacing the earlier one, and refuses a malformed change (:class:`MalformedPull`) before anything is written.
:func:`apply_registry` then applies one registry entity by the protocol's rules (docs/sync-protocol.md):

- a change whose version equals the stored one is skipped, and so is an older one outside a full run;
- an upsert sets every field the change carries that this client stores: fields it does not know are ignored, and
  a field the change lacks keeps its stored value (or, in a new row, takes the column's default); dates are stored
  as ISO text, flags as 0/1, a null in a column that allows none as the empty value, as SQLAlchemy would;
- a delete marks the stored row deleted;
- a new operator gets the station and the next ``search_rowid``; its pinyin initials were worked out on the fetch
  thread (:func:`prepare_page`, with the function the app layer passes: it owns pinyin), while the previous group
  was being written.

Nothing here indexes: the caller gets the ``search_rowid`` of every operator whose searchable text may have changed
(an operator applied, or the parent of a carrier applied, before and after) and indexes or defers them.
"""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Final

import sqlcipher3
from sqlalchemy import Boolean, Connection, Date, Table

STAGE_DDL: Final = (
    "CREATE TEMP TABLE IF NOT EXISTS pulled_change (k INTEGER PRIMARY KEY, entity BLOB, id BLOB, op BLOB,"
    " version BLOB, data BLOB, found INTEGER, apply INTEGER, UNIQUE (entity, id))"
)
"""One row per record of the pages being applied. The staged fields are declared BLOB, the type that converts
nothing, so a version sent as text stays text and is refused. ``found``: a stored row has this id; ``apply``: the
change is newer than the stored row (both worked out per entity by :func:`apply_registry`)."""
INITIALS_DDL: Final = "CREATE TEMP TABLE IF NOT EXISTS pulled_initials (k INTEGER PRIMARY KEY, initials TEXT)"
PREPARED_INITIALS: Final = "(SELECT i.initials FROM temp.pulled_initials AS i WHERE i.k = p.k)"
"""The initials :func:`prepare_page` derived from the change's name."""
LOCAL_COLUMNS: Final = frozenset(
    {
        "id",
        "search_rowid",
        "station_id",
        "name_initials",
        "server_version",
        "change_state",
        "created_at",
        "updated_at",
        "deleted_at",
        "deleted_reason",
    }
)
"""Columns the client keeps itself; a change's fields of the same name are ignored (``id`` is the change's)."""
PAGE_STRIDE: Final = 1 << 32
"""Keys of the n-th staged page start at n × this: the staging order is the pages' order."""


class MalformedPull(ValueError):
    """A pulled page whose changes are not the protocol's (wrong types, an unknown operation, an impossible date)."""


@dataclass(frozen=True)
class PreparedPage:
    """A pulled page made ready on the fetch thread: its body as JSONB (parsed once, in C), how many changes it
    holds, and the pinyin initials of its operators' names by change index (Python work that would otherwise hold
    the GIL inside the write transaction: ~1 s of an initial pull)."""

    changes: bytes
    count: int
    initials: list[tuple[int, str]]


_scratch = threading.local()
"""Per fetch thread, an in-memory SQLite connection for reading page bodies (it never touches the station file)."""


def prepare_page(body: bytes, initials: Callable[[str], str]) -> PreparedPage:
    """Parse a pulled page's body and derive its operators' initials; :class:`MalformedPull` if it is not a page."""
    scratch = getattr(_scratch, "conn", None)
    if scratch is None:
        scratch = _scratch.conn = sqlcipher3.connect(":memory:")
    try:
        blob = scratch.execute("SELECT jsonb(?)", (body,)).fetchone()[0]
        kind, count = scratch.execute(
            "SELECT json_type(?1, '$.changes'), json_array_length(?1, '$.changes')", (blob,)
        ).fetchone()
        names = scratch.execute(
            "SELECT key, value ->> '$.data.name' FROM jsonb_each(?, '$.changes') WHERE value ->> 'entity' = 'operator'"
            " AND value ->> 'op' = 'upsert' AND value ->> '$.data.name' IS NOT NULL",
            (blob,),
        ).fetchall()
    except sqlcipher3.Error as exc:
        raise MalformedPull(f"the page is not JSON ({exc})") from exc
    if kind != "array":
        raise MalformedPull("the page has no list of changes")
    return PreparedPage(blob, int(count), [(key, initials(str(name))) for key, name in names])


def stage(conn: Connection, pages: Iterable[PreparedPage]) -> int:
    """Put the changes of ``pages`` (in order) into ``temp.pulled_change`` and their initials into
    ``temp.pulled_initials``, both emptied first; returns how many changes the pages hold. Raises
    :class:`MalformedPull` for a change not of the protocol."""
    conn.exec_driver_sql(STAGE_DDL)
    conn.exec_driver_sql(INITIALS_DDL)
    conn.exec_driver_sql("DELETE FROM temp.pulled_change")
    conn.exec_driver_sql("DELETE FROM temp.pulled_initials")
    total = 0
    for number, page in enumerate(pages):
        offset = number * PAGE_STRIDE
        conn.exec_driver_sql(
            "INSERT INTO temp.pulled_change (k, entity, id, op, version, data)"
            " SELECT ? + key, value ->> 'entity', value ->> 'id', value ->> 'op', value ->> 'version',"
            " jsonb_extract(value, '$.data') FROM jsonb_each(?, '$.changes') WHERE true"
            " ON CONFLICT (entity, id) DO UPDATE SET k = excluded.k, op = excluded.op, version = excluded.version,"
            " data = excluded.data",
            (offset, page.changes),
        )
        if page.initials:
            conn.exec_driver_sql(
                "INSERT INTO temp.pulled_initials (k, initials) VALUES (?, ?)",
                [(offset + key, initials) for key, initials in page.initials],
            )
        total += page.count
    bad = conn.exec_driver_sql(
        "SELECT k FROM temp.pulled_change WHERE typeof(entity) != 'text' OR typeof(id) != 'text'"
        " OR op IS NULL OR op NOT IN ('upsert', 'delete') OR typeof(version) != 'integer'"
        " OR (op = 'upsert' AND (data IS NULL OR json_type(data) != 'object')) LIMIT 1"
    ).first()
    if bad is not None:
        raise MalformedPull(f"change {bad.k % PAGE_STRIDE} of page {bad.k // PAGE_STRIDE + 1} is malformed")
    return total


def staged(conn: Connection, entity: str) -> list[dict[str, Any]]:
    """The staged changes of ``entity`` as the protocol's change objects, in order (for the few document rows)."""
    rows = conn.exec_driver_sql(
        "SELECT id, op, version, json(data) FROM temp.pulled_change WHERE entity = ? ORDER BY k", (entity,)
    )
    return [
        {"entity": entity, "id": i, "op": op, "version": v, "data": json.loads(d) if d is not None else None}
        for i, op, v, d in rows
    ]


def staged_ids(conn: Connection, entity: str) -> set[str]:
    """The ids of the staged upserts of ``entity`` (a full run remembers them, to drop what the server no longer
    has)."""
    return _column(conn, f"SELECT id FROM temp.pulled_change WHERE entity = '{entity}' AND op = 'upsert'")


class _Columns:
    """The SQL expressions that turn a staged change's fields into one table's stored values."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.wire = [c for c in table.columns if c.key not in LOCAL_COLUMNS]
        self.dates = [c.key for c in self.wire if isinstance(c.type, Date)]
        self.defaults: dict[str, Any] = {}
        """Bound values for the columns' defaults (``:default_<name>``)."""
        self.stamped: list[str] = []
        """Local columns a new row fills with the time of the pull, as their default (:func:`localdb.clock.local_now`)
        would (bound as ``:now``)."""
        for column in table.columns:
            default = column.default
            if default is None or not hasattr(default, "arg"):
                continue
            if column.key in LOCAL_COLUMNS:
                if getattr(default, "is_callable", False):
                    self.stamped.append(column.key)
            elif getattr(default, "is_scalar", False):
                self.defaults[f"default_{column.key}"] = default.arg

    @staticmethod
    def value(column: Any) -> str:
        """The stored value of a field the change carries (NULL when it is null or missing)."""
        field = f"p.data ->> '{column.key}'"
        if isinstance(column.type, Date):
            return f"substr({field}, 1, 10)"
        if isinstance(column.type, Boolean):
            return f"({field} != 0)"
        return field

    def _empty(self, column: Any) -> str:
        if column.nullable is not False:
            return "NULL"
        return "0" if isinstance(column.type, Boolean) else "''"

    def _field(self, column: Any, lacking: str) -> str:
        """A field's stored value: the change's (a null as the column's empty value), ``lacking`` if the change
        does not carry the field."""
        missing = f"json_type(p.data, '$.{column.key}') IS NULL"
        return f"coalesce({self.value(column)}, CASE WHEN {missing} THEN {lacking} ELSE {self._empty(column)} END)"

    def updated(self, column: Any) -> str:
        """A field's new value in an update: the change's, or the stored one if the change lacks the field."""
        return self._field(column, f"{self.table.name}.{column.key}")

    def inserted(self, column: Any) -> str:
        """A field's value in a new row: the change's, or the column default if the change lacks the field."""
        return self._field(column, f":default_{column.key}" if f"default_{column.key}" in self.defaults else "NULL")


@functools.cache
def _columns(table: Table) -> _Columns:
    """The expressions of ``table``, worked out once per process."""
    return _Columns(table)


PARENTS: Final = (
    "SELECT DISTINCT o.search_rowid FROM temp.pulled_change AS p JOIN carrier AS c ON c.id = p.id"
    " JOIN operator AS o ON o.id = c.operator_id WHERE p.entity = 'carrier' AND {changes}"
    " AND NOT EXISTS (SELECT 1 FROM search_backlog AS b WHERE o.search_rowid BETWEEN b.first AND b.last)"
)
"""The operators of the staged carriers that change, left out those the search backlog already holds (an initial
pull's carriers belong to operators an earlier page deferred: 150,000 lookups for nothing)."""


def apply_registry(conn: Connection, entity: str, table: Table, full: bool, now: str) -> tuple[int, set[int]]:
    """Apply the staged changes of ``entity`` to ``table`` (operator, carrier, license); returns the rows changed and
    the ``search_rowid`` of the operators whose searchable text may have changed (for carriers: their operators
    before and after, unless the search backlog holds them). ``now``: the stored time of a deletion or a new row."""
    columns = _columns(table)
    name = table.name
    newer = "s.server_version IS NULL OR (p.version != s.server_version AND (p.version > s.server_version OR ?))"
    conn.exec_driver_sql(
        f"UPDATE temp.pulled_change AS p SET (found, apply) = (SELECT 1, {newer} FROM {name} AS s WHERE s.id = p.id)"
        " WHERE p.entity = ?",
        (int(full), entity),
    )
    rowids = _column(conn, PARENTS.format(changes="p.apply")) if name == "carrier" else set()
    changed = _update(conn, entity, columns) + _delete(conn, entity, name, now)
    last_rowid = int(conn.exec_driver_sql(f"SELECT coalesce(max(rowid), 0) FROM {name}").scalar() or 0)
    inserted, first = _insert(conn, entity, columns, now)
    _check_dates(conn, entity, columns, last_rowid)
    if name == "operator":
        rowids = set(range(first, first + inserted))
        rowids |= _column(
            conn,
            "SELECT o.search_rowid FROM temp.pulled_change AS p JOIN operator AS o ON o.id = p.id"
            " WHERE p.entity = 'operator' AND p.apply",
        )
    elif name == "carrier":
        rowids |= _column(conn, PARENTS.format(changes="(p.apply OR p.found IS NULL)"))
    return changed + inserted, rowids


def _column(conn: Connection, sql: str) -> set[Any]:
    """The first column of a query's rows, fetched by the driver at once (SQLAlchemy's row objects cost ~2 µs a
    row: a second for an initial pull's operators)."""
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        return {row[0] for row in cursor.execute(sql).fetchall()}
    finally:
        cursor.close()


def _check_dates(conn: Connection, entity: str, columns: _Columns, last_rowid: int) -> None:
    """Refuse a date that is not a real calendar date (SQLite's ``date`` would quietly move 2024-02-30 on, and
    reading it back would fail): checked on the stored rows (the new ones are those after ``last_rowid``), which is
    cheaper than on the JSON; the caller's transaction then rolls back."""
    if not columns.dates:
        return
    name = columns.table.name
    wrong = " OR ".join(f"date(s.{date}) IS NOT s.{date}" for date in columns.dates)
    bad = conn.exec_driver_sql(
        f"SELECT s.id FROM {name} AS s WHERE s.rowid > ? AND ({wrong}) UNION ALL"
        f" SELECT s.id FROM temp.pulled_change AS p JOIN {name} AS s ON s.id = p.id"
        f" WHERE p.entity = ? AND p.op = 'upsert' AND p.apply AND ({wrong}) LIMIT 1",
        (last_rowid, entity),
    ).first()
    if bad is not None:
        raise MalformedPull(f"{entity} {bad.id}: a date field holds no calendar date")


def _update(conn: Connection, entity: str, columns: _Columns) -> int:
    name = columns.table.name
    assignments = [f"{c.key} = {columns.updated(c)}" for c in columns.wire]
    if name == "operator":
        kept = f"{name}.name_initials"  # a change without a name keeps the stored name, and so its initials
        assignments.append(f"name_initials = coalesce(p.data ->> 'name_initials', {PREPARED_INITIALS}, {kept})")
    assignments += ["server_version = p.version", "change_state = 'synced'", "deleted_at = NULL"]
    assignments.append("deleted_reason = NULL")
    result = conn.exec_driver_sql(
        f"UPDATE {name} SET {', '.join(assignments)} FROM temp.pulled_change AS p"
        f" WHERE p.entity = ? AND p.op = 'upsert' AND p.apply AND p.id = {name}.id",
        (entity,),
    )
    return int(result.rowcount)


def _delete(conn: Connection, entity: str, name: str, now: str) -> int:
    result = conn.exec_driver_sql(
        f"UPDATE {name} SET deleted_at = ?, change_state = 'synced', server_version = p.version"
        f" FROM temp.pulled_change AS p WHERE p.entity = ? AND p.op = 'delete' AND p.apply AND p.id = {name}.id",
        (now, entity),
    )
    return int(result.rowcount)


def _insert(conn: Connection, entity: str, columns: _Columns, now: str) -> tuple[int, int]:
    """New rows; returns how many, and the ``search_rowid`` of the first (new operators take the next ones)."""
    name = columns.table.name
    targets = ["id", *(c.key for c in columns.wire), "server_version", "change_state"]
    values = ["p.id", *(columns.inserted(c) for c in columns.wire), "p.version", "'synced'"]
    params: dict[str, Any] = {"entity": entity, "now": now, **columns.defaults}
    first = 0
    if name == "operator":
        targets += ["name_initials", "station_id", "search_rowid"]
        values += [
            f"coalesce(p.data ->> 'name_initials', {PREPARED_INITIALS}, '')",
            ":station",
            ":base + row_number() OVER (ORDER BY p.k)",
        ]
        params["station"] = conn.exec_driver_sql("SELECT id FROM station LIMIT 1").scalar()
        params["base"] = int(conn.exec_driver_sql("SELECT coalesce(max(search_rowid), 0) FROM operator").scalar() or 0)
        first = params["base"] + 1
    for column in columns.stamped:
        targets.append(column)
        values.append(":now")
    result = conn.exec_driver_sql(
        f"INSERT INTO {name} ({', '.join(targets)}) SELECT {', '.join(values)} FROM temp.pulled_change AS p"
        " WHERE p.entity = :entity AND p.op = 'upsert' AND p.found IS NULL ORDER BY p.k",
        params,
    )
    return int(result.rowcount), first
