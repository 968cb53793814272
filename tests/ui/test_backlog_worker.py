"""What big loads leave for later is done in the background while the window is open (ui/backlog_worker.py): the
outbox entries an import left to the outbox backlog, then the search backlog."""

from __future__ import annotations

from typing import Any

from localdb.database import Database
from localdb.outbox_backlog import reserve
from localdb.search_backlog import pending
from localdb.search_index import defer_range
from ui.backlog_worker import BacklogWorker


def _count(db: Database, table: str) -> int:
    with db.engine.connect() as conn:
        count = int(conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() or 0)
        conn.rollback()
    return count


def test_the_backlogs_are_worked_through_in_the_background(db: Database, qtbot: Any) -> None:
    entries_before = _count(db, "sync_outbox")
    with db.bulk_transaction() as conn:  # as a big import leaves it: rows committed, index and outbox entries to follow
        last = int(conn.exec_driver_sql("SELECT max(search_rowid) FROM operator").scalar() or 0)
        for index in ("operator_fts", "name_fts", "operator_grams"):
            conn.exec_driver_sql(f"DELETE FROM {index}")
        defer_range(conn, 1, last)
        first_seq, last_seq = reserve(conn, "operator", 1, last, "2026-11-23 10:00:00.000000")
    assert pending(db) == last and _count(db, "operator_fts") == 0 and db.outbox_waiting()
    worker = BacklogWorker(db)
    reports: list[int] = []
    worker.progress.connect(reports.append)
    worker.start()
    try:
        qtbot.waitUntil(lambda: bool(reports) and reports[-1] == 0, timeout=30_000)
    finally:
        worker.stop()
    assert not db.outbox_waiting()
    assert _count(db, "sync_outbox") == entries_before + last
    with db.engine.connect() as conn:
        written = conn.exec_driver_sql(
            "SELECT seq, json_extract(payload, '$.operator_id') FROM sync_outbox WHERE seq >= ? ORDER BY seq",
            (first_seq,),
        ).all()
        operators = [row[0] for row in conn.exec_driver_sql("SELECT id FROM operator ORDER BY search_rowid")]
        conn.rollback()
    assert [seq for seq, _ in written] == list(range(first_seq, last_seq + 1))
    assert [owner for _, owner in written] == operators, "each entry at its reserved seq, in rowid order"
    assert pending(db) == 0
    assert _count(db, "operator_fts") == last
    assert reports[0] == last, "the status bar starts from the whole search backlog"
