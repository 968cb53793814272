"""Secondary indexes rebuilt once around a big load instead of updated row by row.

Inserting 100,000 operators with random UUID keys into a table with a dozen B-tree indexes touches pages all over
each index; dropping the secondary indexes and creating them again after the load builds each one from a sort, several
times faster. Everything happens in the caller's transaction (SQLite DDL is transactional): a failure or a crash
rolls back to the old table with its indexes, and other connections never see the table without them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import Connection

WORTH_IT = 1.0
"""Rebuild when the load adds at least this many rows per row already in the table."""


def worth_rebuilding(conn: Connection, table: str, adding: int) -> bool:
    """Whether adding ``adding`` rows to ``table`` is cheaper with its indexes rebuilt (a mostly empty table)."""
    existing = int(conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() or 0)
    return adding >= WORTH_IT * max(existing, 1)


@contextmanager
def indexes_rebuilt(conn: Connection, tables: Sequence[str]) -> Iterator[None]:
    """Drop the explicitly created indexes of ``tables`` (not primary keys or UNIQUE constraints, which the load
    needs) and create them again, with the same SQL, when the block ends normally."""
    marks = ", ".join("?" * len(tables))
    indexes = conn.exec_driver_sql(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
        tuple(tables),
    ).all()
    for name, _sql in indexes:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _name, sql in indexes:
        conn.exec_driver_sql(sql)
