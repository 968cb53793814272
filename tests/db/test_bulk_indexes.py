"""Indexes dropped for a big load come back with the same SQL: at the end of the load, or at the next open after
the load died (localdb/bulk_indexes.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from localdb.bulk_indexes import drop_for_load, indexes_rebuilt
from localdb.database import Database
from tests.support.stations import memory_store, open_with_keyring


def index_sql(db: Database) -> set[tuple[str, str]]:
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
        found = {(str(name), str(sql)) for name, sql in rows}
        conn.rollback()
    return found


def test_a_load_that_died_leaves_indexes_that_the_next_open_builds_again(tmp_path: Path) -> None:
    store = memory_store()
    db = open_with_keyring(tmp_path / "station", store)
    schema = index_sql(db)
    assert any(name.startswith("ix_operator_") for name, _ in schema)
    with db.bulk_transaction() as conn:  # a pull's first page, committed; then the process is killed
        assert drop_for_load(conn, ("operator", "carrier", "license")) > 10
    assert not any(name.startswith(("ix_operator_", "ix_carrier_")) for name, _ in index_sql(db))
    db.close()

    reopened = open_with_keyring(tmp_path / "station", store)
    try:
        assert index_sql(reopened) == schema
    finally:
        reopened.close()


def test_a_failed_load_in_one_transaction_keeps_its_indexes(tmp_path: Path) -> None:
    db = open_with_keyring(tmp_path / "station", memory_store())
    schema = index_sql(db)
    with pytest.raises(OperationalError), db.bulk_transaction() as conn, indexes_rebuilt(conn, ("operator",)):
        conn.exec_driver_sql("SELECT no_such_column FROM operator")
    assert index_sql(db) == schema
    with db.bulk_transaction() as conn, indexes_rebuilt(conn, ("operator", "carrier")):
        pass
    assert index_sql(db) == schema
    db.close()
