"""Encryption at rest and the known errors of opening: wrong key, plain SQLite, foreign or garbage files; and the
PRAGMAs every pooled connection must carry."""

from __future__ import annotations

import secrets
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError

from app.errors import user_message
from app.paths import DataDir
from app.records import OperatorFilter
from app.services.registry import RegistryService
from localdb.engine import KEY_BYTES, create_station_engine
from localdb.errors import NotADatabaseError, WrongKeyError
from localdb.models import Carrier
from tests.support.stations import (
    PLAINTEXT_SQLITE_HEADER,
    add_station,
    digest,
    draft,
    open_with_key_file,
    write_random_key_file,
)

SECRET_NAME = "翠湖加密验证商行"
SECRET_PHONE = "13987654321"
SECRET_ADDRESS = "昆明市五华区保密路 88 号"


@pytest.fixture(scope="module")
def station(tmp_path_factory: pytest.TempPathFactory) -> tuple[DataDir, Path]:
    """A closed station database holding one operator with known plaintext, and its key file."""
    root = tmp_path_factory.mktemp("encrypted")
    data_dir, key_file = DataDir(root / "station"), root / "station.key"
    db = open_with_key_file(data_dir.root, key_file)
    try:
        actor = add_station(db)
        RegistryService(db).create(
            draft(SECRET_NAME, phone=SECRET_PHONE, business_address=SECRET_ADDRESS, legal_representative="保密人"),
            actor,
        )
    finally:
        db.close()
    return data_dir, key_file


def _disk_bytes(data_dir: DataDir) -> bytes:
    """Everything SQLite left on disk for the database (main file plus any WAL)."""
    return b"".join(p.read_bytes() for p in sorted(data_dir.root.glob("station.db*")))


def test_file_on_disk_holds_no_plaintext(station: tuple[DataDir, Path]) -> None:
    data_dir, _ = station
    raw = _disk_bytes(data_dir)
    assert len(raw) > 4096
    assert not data_dir.database.read_bytes().startswith(PLAINTEXT_SQLITE_HEADER)
    for secret in (SECRET_NAME, SECRET_PHONE, SECRET_ADDRESS, "operator_fts", "CREATE TABLE"):
        assert secret.encode("utf-8") not in raw, f"{secret!r} is readable on disk"


def test_wrong_key_is_refused_and_changes_nothing(station: tuple[DataDir, Path], tmp_path: Path) -> None:
    data_dir, _ = station
    before = digest(data_dir.database)
    with pytest.raises(WrongKeyError) as caught:
        create_station_engine(data_dir.database, secrets.token_bytes(KEY_BYTES))
    assert caught.value.path == data_dir.database
    assert user_message(caught.value) is not None

    other_key = tmp_path / "other.key"
    write_random_key_file(other_key)
    with pytest.raises(WrongKeyError):
        open_with_key_file(data_dir.root, other_key)
    assert digest(data_dir.database) == before


def test_right_key_still_opens(station: tuple[DataDir, Path]) -> None:
    data_dir, key_file = station
    db = open_with_key_file(data_dir.root, key_file)
    try:
        registry = RegistryService(db)
        assert registry.search_ids(SECRET_PHONE, OperatorFilter()) != []
    finally:
        db.close()


def test_plain_sqlite_file_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.execute("INSERT INTO t VALUES ('未加密')")
    conn.close()
    before = digest(path)
    with pytest.raises(NotADatabaseError) as caught:
        create_station_engine(path, secrets.token_bytes(KEY_BYTES))
    assert user_message(caught.value) is not None
    assert digest(path) == before


FOREIGN_FILES = {
    "random-64k": secrets.token_bytes(64 * 1024),
    "random-100": secrets.token_bytes(100),
    "renamed-text": ("这是一份会议记录，不是数据库。\nMeeting notes, not a database.\n" * 40).encode("utf-8"),
    "two-bytes": b"hi",
    "zeros": bytes(8192),
    "sqlite-header-then-garbage": PLAINTEXT_SQLITE_HEADER + secrets.token_bytes(5000),
}


@pytest.mark.parametrize("content", FOREIGN_FILES.values(), ids=FOREIGN_FILES.keys())
def test_foreign_file_gives_a_known_error_and_stays_byte_identical(tmp_path: Path, content: bytes) -> None:
    data_dir = DataDir(tmp_path / "station")
    data_dir.root.mkdir()
    data_dir.database.write_bytes(content)
    key_file = tmp_path / "k.key"
    write_random_key_file(key_file)

    with pytest.raises((WrongKeyError, NotADatabaseError)) as caught:
        open_with_key_file(data_dir.root, key_file)

    assert user_message(caught.value) is not None
    assert data_dir.database.read_bytes() == content
    leftovers = sorted(p.name for p in data_dir.root.iterdir() if p.name.startswith("station.db"))
    assert leftovers == ["station.db"], "a refused file must not get a WAL or journal next to it"


def _pragmas(conn_engine: Engine, count: int) -> list[tuple[str, int, int, int]]:
    connections = [conn_engine.connect() for _ in range(count)]
    try:
        assert len({id(c.connection.dbapi_connection) for c in connections}) == count
        return [
            (
                c.exec_driver_sql("PRAGMA journal_mode").scalar_one(),
                c.exec_driver_sql("PRAGMA synchronous").scalar_one(),
                c.exec_driver_sql("PRAGMA foreign_keys").scalar_one(),
                c.exec_driver_sql("PRAGMA busy_timeout").scalar_one(),
            )
            for c in connections
        ]
    finally:
        for c in connections:
            c.close()


def test_every_pooled_connection_has_the_durability_pragmas(station: tuple[DataDir, Path]) -> None:
    data_dir, key_file = station
    db = open_with_key_file(data_dir.root, key_file)
    try:
        # pool_size plus overflow: every connection the pool can hand out, not just the first.
        for journal, synchronous, foreign_keys, busy in _pragmas(db.engine, 8):
            assert (journal, synchronous, foreign_keys) == ("wal", 2, 1)
            assert busy > 0
        db.engine.dispose()  # connections made after a dispose (e.g. after a backup) get them too
        assert {p[:3] for p in _pragmas(db.engine, 3)} == {("wal", 2, 1)}
    finally:
        db.close()


def test_foreign_keys_are_enforced(station: tuple[DataDir, Path]) -> None:
    data_dir, key_file = station
    db = open_with_key_file(data_dir.root, key_file)
    try:
        with pytest.raises(IntegrityError), db.transaction() as session:
            session.add(Carrier(operator_id="no-such-operator", kind="shop", shop_name="孤儿店铺"))
        with db.engine.connect() as conn:
            assert conn.scalar(text("SELECT count(*) FROM carrier WHERE shop_name = '孤儿店铺'")) == 0
    finally:
        db.close()
