"""Schema migrations: an empty file reaches head, a second start is a no-op, a newer schema is refused untouched,
a failed upgrade rolls back completely, the models match what the migrations build, and the backup taken before an
upgrade is a faithful, still-encrypted copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select, text

from app.database_key import keyring_account
from app.errors import user_message
from app.paths import DataDir
from app.services.registry import RegistryService
from localdb.engine import create_station_engine
from localdb.errors import MigrationError, NewerSchemaError
from localdb.migrate import backup_database, current_revisions, head_revisions, upgrade
from localdb.models import AuditLog, Base, Carrier, Operator
from tests.support.stations import (
    PLAINTEXT_SQLITE_HEADER,
    add_station,
    digest,
    draft,
    memory_store,
    open_with_key_file,
    open_with_keyring,
    write_random_key_file,
)

EXPECTED_TABLES = {"station", "officer", "operator", "carrier", "license", "audit_log", "search_control"}
SEARCH_TABLES = {"operator_fts", "name_fts", "operator_grams"}


def test_empty_database_reaches_head_without_backup(tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path / "station")
    db = open_with_keyring(data_dir.root, memory_store())
    try:
        assert current_revisions(db.engine) == head_revisions()
        tables = set(inspect(db.engine).get_table_names())
        assert tables >= EXPECTED_TABLES | SEARCH_TABLES | {"alembic_version"}
        with db.engine.connect() as conn:
            triggers = set(conn.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
        assert {"operator_ai", "operator_au", "carrier_au", "audit_log_no_update", "audit_log_no_delete"} <= triggers
    finally:
        db.close()
    assert not any(data_dir.backups.iterdir()), "a brand-new database needs no backup"


def test_second_start_is_a_no_op_and_takes_no_backup(tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path / "station")
    store = memory_store()
    db = open_with_keyring(data_dir.root, store)
    try:
        add_station(db)
        assert upgrade(db.engine, db.path, data_dir.backups) is None
    finally:
        db.close()
    before = digest(data_dir.database)

    again = open_with_keyring(data_dir.root, store)
    try:
        assert current_revisions(again.engine) == head_revisions()
        assert upgrade(again.engine, again.path, data_dir.backups) is None
    finally:
        again.close()
    assert not any(data_dir.backups.iterdir())
    assert digest(data_dir.database) == before, "re-running the migration at head must not write"


def test_newer_schema_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path / "station")
    store = memory_store()
    db = open_with_keyring(data_dir.root, store)
    try:
        add_station(db)
        with db.engine.begin() as conn:
            conn.execute(  # one branch's row (feature branches from the initial schema each have one)
                text(
                    "UPDATE alembic_version SET version_num = 'ffff_from_the_future' "
                    "WHERE version_num = (SELECT max(version_num) FROM alembic_version)"
                )
            )
    finally:
        db.close()
    before = digest(data_dir.database)

    with pytest.raises(NewerSchemaError) as caught:
        open_with_keyring(data_dir.root, store)

    assert caught.value.path == data_dir.database
    assert user_message(caught.value) is not None
    assert digest(data_dir.database) == before
    assert not any(data_dir.backups.iterdir()), "refusing must not even take a backup"
    assert sorted(p.name for p in data_dir.root.iterdir() if p.name.startswith("station.db")) == ["station.db"]


def test_backup_opens_with_the_same_key_and_holds_the_same_rows(tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path / "station")
    store = memory_store()
    db = open_with_keyring(data_dir.root, store)
    try:
        actor = add_station(db)
        registry = RegistryService(db)
        for n in range(5):
            operator_id = registry.create(draft(f"备份测试商行{n}", phone=f"1380013800{n}"), actor)
            with db.transaction() as session:
                session.add_all(Carrier(operator_id=operator_id, kind="shop", shop_name=f"店{n}{k}") for k in range(2))
        with db.transaction() as session:  # a gap in the rowids, which a rebuilt table would close
            session.delete(session.scalars(select(Carrier).order_by(Carrier.shop_name)).first())
        stored = store.get(keyring_account(data_dir))
        assert stored is not None
        key = bytes.fromhex(stored)

        backup = backup_database(db.engine, db.path, data_dir.backups, reason="test")

        with db.reader() as session:
            expected = sorted(session.execute(select(Operator.id, Operator.name, Operator.phone)).all())
            carriers = session.execute(text("SELECT rowid, id FROM carrier ORDER BY rowid")).all()
            audit_count = session.scalar(select(func.count()).select_from(AuditLog))
    finally:
        db.close()

    assert backup.parent == data_dir.backups and backup.exists()
    assert "test" in backup.name
    assert not backup.read_bytes().startswith(PLAINTEXT_SQLITE_HEADER), "the backup must stay encrypted"
    copy = create_station_engine(backup, key)
    try:
        assert current_revisions(copy) == head_revisions()
        with copy.connect() as conn:
            got = sorted(conn.execute(select(Operator.id, Operator.name, Operator.phone)).all())
            assert conn.scalar(select(func.count()).select_from(AuditLog)) == audit_count
            hits = conn.scalars(text("SELECT rowid FROM operator_fts WHERE text LIKE '%备份测试商行3%'")).all()
            copied_carriers = conn.execute(text("SELECT rowid, id FROM carrier ORDER BY rowid")).all()
    finally:
        copy.dispose()
    assert got == expected
    assert len(hits) == 1, "the search index travels with the backup"
    assert copied_carriers == carriers and carriers[0][0] == 2, (
        "the copy keeps the carriers' rowids, gaps included (the outbox backlog names carriers by rowid)"
    )


def test_failed_upgrade_rolls_back_completely(tmp_path: Path) -> None:
    """A stray table makes the migration fail half-way: every table created before the failure must be gone."""
    data_dir, key_file = DataDir(tmp_path / "station"), tmp_path / "station.key"
    data_dir.root.mkdir()
    key = write_random_key_file(key_file)
    engine = create_station_engine(data_dir.database, key)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE license (stray TEXT)"))  # created late in the initial revision
    engine.dispose()
    before = digest(data_dir.database)

    with pytest.raises(MigrationError) as caught:
        open_with_key_file(data_dir.root, key_file)

    assert user_message(caught.value) is not None
    assert digest(data_dir.database) == before
    engine = create_station_engine(data_dir.database, key)
    try:
        assert inspect(engine).get_table_names() == ["license"]
        assert current_revisions(engine) == frozenset()
    finally:
        engine.dispose()


def _is_raw_sql_table(name: str) -> bool:
    """Tables made by raw DDL outside the models: the search indexes and the bulk loads' bookkeeping."""
    raw = ("search_control", "search_backlog", "bulk_dropped_index", "outbox_backlog")
    return name in raw or name.startswith(tuple(SEARCH_TABLES))


def test_models_match_the_migrated_schema(tmp_path: Path) -> None:
    """What the migrations build is what the ORM models declare (the FTS tables are raw SQL, not models)."""
    db = open_with_keyring(tmp_path / "station", memory_store())
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            differences = [
                diff
                for diff in compare_metadata(context, Base.metadata)
                if not (diff[0] == "remove_table" and _is_raw_sql_table(diff[1].name))
            ]
    finally:
        db.close()
    assert differences == []
