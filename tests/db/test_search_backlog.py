"""Indexing set-wise (the demo loader, the search backlog with its helper thread) gives every index exactly the
entries the row-by-row triggers give, and a failure half-way through the backlog loses only the chunk in progress."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.services.demo import create_demo_station
from localdb import search_index
from localdb.database import Database
from localdb.search_backlog import drain_backlog, pending
from localdb.search_grams import grams_of_many
from localdb.search_index import INDEXES, backlog, defer_range
from tests.db.search_entries import Postings, postings
from tests.support.stations import memory_store, open_with_keyring

OPERATORS = 120


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = open_with_keyring(tmp_path_factory.mktemp("backlog") / "station", memory_store())
    try:
        create_demo_station(db, OPERATORS)
        yield db
    finally:
        db.close()


def reindexed_by_triggers(db: Database) -> Postings:
    with db.bulk_transaction() as conn:
        conn.exec_driver_sql("UPDATE operator SET name = name")  # fires operator_au for every row
    return postings(db)


def emptied_into_backlog(db: Database) -> None:
    """As a big load leaves the station: rows committed, their index entries to follow."""
    with db.bulk_transaction() as conn:
        for index in INDEXES:
            conn.exec_driver_sql(f"DELETE FROM {index}")
        defer_range(conn, 1, OPERATORS)


def test_set_wise_indexing_matches_the_triggers(demo: Database) -> None:
    bulk = postings(demo)  # the demo loader indexes set-wise (reindex_rows, no helper)
    assert all(bulk[index] for index in INDEXES)
    assert reindexed_by_triggers(demo) == bulk


def test_the_drained_backlog_matches_the_triggers(demo: Database) -> None:
    expected = reindexed_by_triggers(demo)
    emptied_into_backlog(demo)
    assert pending(demo) == OPERATORS
    reports: list[tuple[int, int]] = []
    assert drain_backlog(demo, lambda done, total: reports.append((done, total)), chunk=37) == OPERATORS
    assert reports == [(37, OPERATORS), (74, OPERATORS), (111, OPERATORS), (OPERATORS, OPERATORS)]
    assert pending(demo) == 0
    assert postings(demo) == expected


def test_a_failed_chunk_is_rolled_back_and_done_at_the_next_drain(
    demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = reindexed_by_triggers(demo)
    emptied_into_backlog(demo)
    made = grams_of_many

    def fail_in_the_second_chunk(texts: list[str | None], with_latin: int) -> list[str]:
        if len(calls) == 2:  # names and other fields of the first chunk went through
            raise OSError("the helper thread failed")
        calls.append(with_latin)
        return made(texts, with_latin)

    calls: list[int] = []
    monkeypatch.setattr(search_index, "grams_of_many", fail_in_the_second_chunk)
    with pytest.raises(OSError, match="helper"):
        drain_backlog(demo, chunk=50)
    with demo.engine.connect() as conn:
        assert backlog(conn) == [(51, OPERATORS)]
        for index in INDEXES:
            rowids = conn.exec_driver_sql(f"SELECT min(rowid), max(rowid), count(*) FROM {index}").one()
            assert tuple(rowids) == (1, 50, 50), index
        conn.rollback()

    monkeypatch.setattr(search_index, "grams_of_many", made)
    assert drain_backlog(demo, chunk=50) == OPERATORS - 50
    assert postings(demo) == expected


def test_stopping_between_chunks_leaves_the_rest_in_the_backlog(demo: Database) -> None:
    expected = reindexed_by_triggers(demo)
    emptied_into_backlog(demo)
    chunks: list[int] = []
    assert drain_backlog(demo, lambda done, _total: chunks.append(done), lambda: len(chunks) == 2, chunk=40) == 80
    assert pending(demo) == OPERATORS - 80
    assert drain_backlog(demo) == OPERATORS - 80
    assert postings(demo) == expected


def test_the_gram_index_stores_no_text(demo: Database) -> None:
    with demo.engine.connect() as conn:
        tables = {name for (name,) in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "operator_grams_content" not in tables
        assert conn.exec_driver_sql("SELECT count(*) FROM operator_grams WHERE other IS NOT NULL").scalar() == 0
        conn.rollback()
