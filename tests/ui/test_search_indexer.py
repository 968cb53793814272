"""The search backlog is indexed in the background while the window is open (ui/search_indexer.py)."""

from __future__ import annotations

from typing import Any

from localdb.database import Database
from localdb.search_backlog import pending
from localdb.search_index import defer_range
from ui.search_indexer import SearchIndexer


def _index_rows(db: Database) -> int:
    with db.engine.connect() as conn:
        count = int(conn.exec_driver_sql("SELECT count(*) FROM operator_fts").scalar() or 0)
        conn.rollback()
    return count


def test_the_backlog_is_indexed_in_the_background(db: Database, qtbot: Any) -> None:
    with db.bulk_transaction() as conn:  # as a big import leaves it: rows committed, index entries to follow
        last = int(conn.exec_driver_sql("SELECT max(search_rowid) FROM operator").scalar() or 0)
        for index in ("operator_fts", "name_fts", "operator_grams"):
            conn.exec_driver_sql(f"DELETE FROM {index}")
        defer_range(conn, 1, last)
    assert pending(db) == last and _index_rows(db) == 0
    indexer = SearchIndexer(db)
    reports: list[int] = []
    indexer.progress.connect(reports.append)
    indexer.start()
    try:
        qtbot.waitUntil(lambda: bool(reports) and reports[-1] == 0, timeout=30_000)
    finally:
        indexer.stop()
    assert pending(db) == 0
    assert _index_rows(db) == last
    assert reports[0] == last, "the status bar starts from the whole backlog"
