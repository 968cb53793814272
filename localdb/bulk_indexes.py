"""Secondary indexes dropped for a big load and built once after it, instead of updated row by row.

Inserting 100,000 operators with random UUID keys into a table with a dozen B-tree indexes touches pages all over
each index (an initial pull spent ~75 of its ~200 s there); building each index once from a sort after the load is
several times faster. The definitions of dropped indexes are kept in ``bulk_dropped_index`` in the same transaction
as the drop, so whatever happens — a load that spans many transactions (a pull, page by page), a failure, a killed
process — :func:`restore_indexes` can build them again with the same SQL: at the end of the load, after a failed
sync, and whenever the database is opened (:func:`restore_after_crash`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import Connection

from localdb.database import Database

DROPPED_DDL = "CREATE TABLE bulk_dropped_index (name TEXT PRIMARY KEY, sql TEXT NOT NULL)"
"""Indexes dropped for a load in progress (migration 0005)."""

WORTH_IT = 1.0
"""Rebuild when the load adds at least this many rows per row already in the table."""


def worth_rebuilding(conn: Connection, table: str, adding: int) -> bool:
    """Whether adding ``adding`` rows to ``table`` is cheaper with its indexes rebuilt (a mostly empty table)."""
    existing = int(conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() or 0)
    return adding >= WORTH_IT * max(existing, 1)


def drop_for_load(conn: Connection, tables: Sequence[str]) -> int:
    """Drop the explicitly created indexes of ``tables`` (not primary keys or UNIQUE constraints, which a load
    needs), remembering their SQL; returns how many were dropped."""
    marks = ", ".join("?" * len(tables))
    indexes = conn.exec_driver_sql(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
        tuple(tables),
    ).all()
    if indexes:
        conn.exec_driver_sql("INSERT INTO bulk_dropped_index (name, sql) VALUES (?, ?)", [tuple(i) for i in indexes])
    for name, _sql in indexes:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    return len(indexes)


def restore_indexes(conn: Connection) -> int:
    """Build every dropped index again (in the caller's transaction); returns how many."""
    indexes = conn.exec_driver_sql("SELECT name, sql FROM bulk_dropped_index ORDER BY name").all()
    for _name, sql in indexes:
        conn.exec_driver_sql(sql)
    if indexes:
        conn.exec_driver_sql("DELETE FROM bulk_dropped_index")
    return len(indexes)


def restore_after_crash(db: Database) -> int:
    """Build indexes a load left dropped (it was killed or failed); a no-op read almost always."""
    with db.engine.connect() as conn:
        pending = conn.exec_driver_sql("SELECT count(*) FROM bulk_dropped_index").scalar()
        conn.rollback()
    if not pending:
        return 0
    with db.bulk_transaction() as conn:
        return restore_indexes(conn)


@contextmanager
def indexes_rebuilt(conn: Connection, tables: Sequence[str]) -> Iterator[None]:
    """Drop the secondary indexes of ``tables`` for a load inside one transaction and build them at its end (a
    failure rolls the drop back with everything else)."""
    drop_for_load(conn, tables)
    yield
    restore_indexes(conn)
