"""Indexing the search backlog in short transactions (the backlog itself: localdb/search_index.py).

A big load commits its rows with their ``search_rowid`` ranges in ``search_backlog``; :func:`drain_backlog` indexes
them chunk by chunk, each chunk its own short write transaction, so an officer's save waits at most one chunk
(well under the busy timeout) and a crash or a stop loses nothing but the chunk in progress.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from localdb.database import Database
from localdb.search_index import backlog_size, index_backlog_step

CHUNK: Final = 5_000
"""Rowids per transaction: big enough that FTS5 writes few segments, small enough to hold the write lock briefly."""


def pending(db: Database) -> int:
    """How many rowids wait to be indexed (0 almost always)."""
    with db.engine.connect() as conn:
        size = backlog_size(conn)
        conn.rollback()
    return size


def drain_backlog(
    db: Database,
    report: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    chunk: int = CHUNK,
) -> int:
    """Index the whole backlog (or until ``should_stop`` says so, between chunks); returns how many rowids were
    covered. ``report(done, total)`` follows the progress."""
    total = pending(db)
    done = 0
    while not (should_stop and should_stop()):
        with db.bulk_transaction() as conn:
            covered = index_backlog_step(conn, chunk)
        if not covered:
            break
        done += covered
        if report:
            report(min(done, total), max(total, done))
    return done
