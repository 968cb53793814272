"""The outbox entries of a big import, written just after its commit instead of inside it (the outbox backlog).

A ledger import of 100,000 operators needs 200,000 outbox entries: ~150 MB with their indexes, a third of what its
commit writes and ~2.5 s of the officer's wait. The entries are built from the stored rows anyway
(localdb/bulk_outbox.py), so the commit only records which rows still need them, here, and they are written in
short transactions afterwards (the app's background worker, or the CLI before it exits). Three rules keep the
outbox as the sync needs it:

* **Their places are reserved, at the top.** The commit raises ``sqlite_sequence`` for ``sync_outbox`` past the
  entries it leaves out, as its last outbox write (the entries of the rows it changed come before), and each entry
  is later written at its own explicit seq. So no written entry ever sits above a seq still waiting: a sync never
  sends an entry before one it would have to send first (the server refuses a seq lower than one it has seen), and
  readers that only look above the highest seq they have seen (localdb/sync_facts.py) miss nothing. Undo knows
  the import's seq range at once.
* **Every write settles the backlog first.** :class:`localdb.database.Database` writes whatever is left at the
  start of every write transaction, before the transaction's own work. So an entry is always built from the row as
  the import stored it (an edit cannot slip in before), the merge of autosaves into the newest outbox entry
  (localdb/sync_capture.py) does see the newest one, and the reservation stays at the top. An officer's save in the
  seconds after a big import, before the background worker has written the entries, waits for them (~2.5 s for
  100,000 operators). Should writing them ever fail, the save fails with it rather than write above them.
* **The sync reads a settled outbox.** localdb/sync_store.py writes the backlog in chunks and reads in a snapshot
  that holds none.

A crash between the commit and the last entry loses nothing: the rows and the backlog committed together, and the
next write (or the app's background worker at the next start) writes the rest.

Carriers are named by ``rowid`` ranges, as the commit wrote them. SQLite does not promise to keep the rowids of a
text-keyed table through ``VACUUM``; nothing vacuums the station database, and its backups, made with
``VACUUM INTO``, keep them with the SQLCipher we ship (tests/db/test_migrations.py checks a copy, gaps included).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from sqlalchemy import Connection

from localdb.bulk_outbox import add_created_carriers, add_created_operators

BACKLOG_DDL: Final = (
    "CREATE TABLE outbox_backlog ("
    "id INTEGER PRIMARY KEY, entity TEXT NOT NULL CHECK (entity IN ('operator', 'carrier')),"
    " first INTEGER NOT NULL, last INTEGER NOT NULL, first_seq INTEGER NOT NULL, created_at TEXT NOT NULL,"
    " CHECK (first <= last))"
)
"""One range of created rows whose outbox entries are still to write: operators by ``search_rowid``, carriers by
``rowid``; the entry of row ``first`` takes seq ``first_seq``, the next row the next seq, and so on."""

CHUNK: Final = 20_000
"""Entries per transaction when they are written on their own (not at the start of another write): ~0.3 s of write
lock here, so an officer's save beside it waits little."""

_WRITERS: Final[dict[str, Callable[[Connection, int, int, str, int], None]]] = {
    "operator": add_created_operators,
    "carrier": add_created_carriers,
}


def reserve(conn: Connection, entity: str, first: int, last: int, created_at: str) -> tuple[int, int]:
    """Leave the entries of rows ``first..last`` of ``entity`` to the backlog (in the caller's transaction) and
    reserve their seqs; returns the first and last seq."""
    top = conn.exec_driver_sql(
        "SELECT max(coalesce((SELECT max(seq) FROM sync_outbox), 0),"
        " coalesce((SELECT max(seq) FROM sqlite_sequence WHERE name = 'sync_outbox'), 0))"
    ).scalar()
    first_seq = int(top or 0) + 1
    last_seq = first_seq + last - first
    if not conn.exec_driver_sql("UPDATE sqlite_sequence SET seq = ? WHERE name = 'sync_outbox'", (last_seq,)).rowcount:
        conn.exec_driver_sql("INSERT INTO sqlite_sequence (name, seq) VALUES ('sync_outbox', ?)", (last_seq,))
    conn.exec_driver_sql(
        "INSERT INTO outbox_backlog (entity, first, last, first_seq, created_at) VALUES (?, ?, ?, ?, ?)",
        (entity, first, last, first_seq, created_at),
    )
    return first_seq, last_seq


def waiting(conn: Connection) -> bool:
    """Whether any entry waits to be written (a one-row read; almost always false)."""
    return conn.exec_driver_sql("SELECT 1 FROM outbox_backlog LIMIT 1").first() is not None


def settle_step(conn: Connection, limit: int | None = None) -> int:
    """Write up to ``limit`` (default: all) entries of the lowest range and shrink it; returns how many."""
    row = conn.exec_driver_sql(
        "SELECT id, entity, first, last, first_seq, created_at FROM outbox_backlog ORDER BY first_seq LIMIT 1"
    ).first()
    if row is None:
        return 0
    range_id, entity, first, last, first_seq, created_at = row
    end = last if limit is None else min(last, first + limit - 1)
    written = int(end - first + 1)
    _WRITERS[entity](conn, first, end, created_at, first_seq)
    if end == last:
        conn.exec_driver_sql("DELETE FROM outbox_backlog WHERE id = ?", (range_id,))
    else:
        conn.exec_driver_sql(
            "UPDATE outbox_backlog SET first = ?, first_seq = ? WHERE id = ?", (end + 1, first_seq + written, range_id)
        )
    return written


def settle(conn: Connection) -> int:
    """Write every waiting entry (in the caller's transaction); returns how many."""
    written = 0
    while step := settle_step(conn):
        written += step
    return written
