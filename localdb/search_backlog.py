"""Indexing the search backlog chunk by chunk (the backlog itself: localdb/search_index.py).

A big load commits its rows with their ``search_rowid`` ranges in ``search_backlog``; :func:`drain_backlog` indexes
them chunk by chunk, each chunk its own write transaction, so a crash or a stop loses nothing but the chunk in
progress. The chunk size is the caller's: the app's background thread keeps transactions short so an officer's
save waits at most one chunk (well under the busy timeout); the CLI and the end of a pull, where nobody waits on
the write lock, take big chunks (fewer commits and fewer segment merges).

A helper thread makes each chunk's gram tokens (Python) while the writer fills the trigram indexes (SQLite's C
code, which lets go of the GIL): the two run on two cores. The helper only computes: the writer reads the texts
in its own transaction, and a second connection reading at the same time would slow both down (they contend
inside SQLite).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Final

from localdb.database import Database
from localdb.search_index import backlog_size, index_backlog_step

CHUNK: Final = 5_000
"""Rowids per transaction where an officer may be waiting to save (the app's background thread)."""
BULK_CHUNK: Final = 20_000
"""Rowids per transaction at the end of a pull and of a CLI import: ~1.4 s of write lock here. 50,000 is ~0.6 s
faster over 100,000 rows but holds the lock 3.5–4.5 s, too close to the 5 s busy timeout of an officer's save in
the app running beside them."""


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
    """Index the whole backlog ``chunk`` rowids per transaction (or until ``should_stop`` says so, between
    chunks); returns how many rowids were covered. ``report(done, total)`` follows the progress."""
    total = pending(db)
    done = 0
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-grams") as helper:
        while not (should_stop and should_stop()):
            with db.bulk_transaction() as conn:
                covered = index_backlog_step(conn, chunk, helper)
            if not covered:
                break
            done += covered
            if report:
                report(min(done, total), max(total, done))
    return done
