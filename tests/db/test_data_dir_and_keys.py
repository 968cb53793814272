"""The data directory and the database key: unusable folders are reported as known errors, and the key is
created once, found again, never silently replaced, and taken from a key file or a passphrase when chosen."""

from __future__ import annotations

import binascii
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backends import fail

from app.database_key import KeyChoice, keyring_account, obtain_key
from app.errors import DataDirUnusable, KeyMissing, NoCredentialStore, user_message
from app.paths import DataDir
from app.station_store import open_station_database
from localdb.engine import KEY_BYTES
from localdb.errors import WrongKeyError
from sync.credentials import CredentialStore
from tests.support.memory_keyring import MemoryKeyring
from tests.support.stations import add_station, digest, memory_store, open_with_keyring

RUNNING_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


# -- unusable data directory --------------------------------------------------------------------------------------
@pytest.fixture
def unusable_dir(tmp_path: Path) -> Iterator[DataDir]:
    """A data directory nobody can create or write: read-only, or (as root, who ignores permissions) under a file."""
    if RUNNING_AS_ROOT:
        blocker = tmp_path / "not-a-folder.txt"
        blocker.write_text("a regular file where a folder should be", encoding="utf-8")
        yield DataDir(blocker / "StationDesk")
        return
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        yield DataDir(locked)
    finally:
        locked.chmod(stat.S_IRWXU)


def test_unusable_data_dir_is_a_known_error(unusable_dir: DataDir) -> None:
    with pytest.raises(DataDirUnusable) as caught:
        unusable_dir.ensure_writable()
    assert caught.value.path == str(unusable_dir.root)
    assert user_message(caught.value) is not None


def test_opening_in_an_unusable_data_dir_fails_before_touching_the_key(unusable_dir: DataDir) -> None:
    backend = MemoryKeyring()
    with pytest.raises(DataDirUnusable) as caught:
        open_station_database(unusable_dir, KeyChoice(), CredentialStore(backend))
    assert user_message(caught.value) is not None
    assert backend.secrets == {}, "no key may be created for a database that cannot exist"


# -- key in the credential store ----------------------------------------------------------------------------------
def test_new_data_dir_gets_a_random_key_kept_in_the_store(tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path / "station")
    backend = MemoryKeyring()
    store = CredentialStore(backend)

    key = obtain_key(data_dir, KeyChoice(), store)

    assert len(key) == KEY_BYTES
    assert store.get(keyring_account(data_dir)) == binascii.hexlify(key).decode()
    assert len(backend.secrets) == 1
    assert obtain_key(data_dir, KeyChoice(), store) == key, "the second call must find the same key"
    other = obtain_key(DataDir(tmp_path / "another"), KeyChoice(), store)
    assert other != key, "each data directory has its own key"


def test_key_is_found_again_after_the_database_exists(tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path / "station")
    store = memory_store()
    db = open_with_keyring(data_dir.root, store)
    try:
        add_station(db)
    finally:
        db.close()
    first = store.get(keyring_account(data_dir))
    db = open_with_keyring(data_dir.root, store)
    db.close()
    assert store.get(keyring_account(data_dir)) == first


def test_lost_key_is_key_missing_and_nothing_is_overwritten(tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path / "station")
    original = memory_store()
    db = open_with_keyring(data_dir.root, original)
    try:
        add_station(db)
    finally:
        db.close()
    key_before = original.get(keyring_account(data_dir))
    file_before = digest(data_dir.database)

    wiped_backend = MemoryKeyring()  # another Windows account, or a wiped credential store
    with pytest.raises(KeyMissing) as caught:
        obtain_key(data_dir, KeyChoice(), CredentialStore(wiped_backend))
    assert user_message(caught.value) is not None
    with pytest.raises(KeyMissing):
        open_station_database(data_dir, KeyChoice(), CredentialStore(wiped_backend))

    assert wiped_backend.secrets == {}, "no new key may be stored for an existing database"
    assert digest(data_dir.database) == file_before
    assert original.get(keyring_account(data_dir)) == key_before
    db = open_with_keyring(data_dir.root, original)  # the real key still opens it
    db.close()


def test_no_credential_store(tmp_path: Path) -> None:
    store = CredentialStore(fail.Keyring())
    assert not store.available()
    data_dir = DataDir(tmp_path / "station")
    with pytest.raises(NoCredentialStore) as caught:
        obtain_key(data_dir, KeyChoice(), store)
    assert user_message(caught.value) is not None
    with pytest.raises(NoCredentialStore):
        open_station_database(data_dir, KeyChoice(), store)
    assert not data_dir.has_database()


# -- key file -----------------------------------------------------------------------------------------------------
def test_key_file_round_trip(tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path / "station")
    key_file = tmp_path / "keys" / "station.key"
    backend = MemoryKeyring()
    store = CredentialStore(backend)

    key = obtain_key(data_dir, KeyChoice(key_file=key_file), store)

    assert len(key) == KEY_BYTES
    assert binascii.unhexlify(key_file.read_text(encoding="ascii").strip()) == key
    if os.name == "posix":
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert not key_file.with_name(key_file.name + ".tmp").exists()
    assert obtain_key(data_dir, KeyChoice(key_file=key_file), store) == key
    assert backend.secrets == {}, "a key-file choice must not also put the key in the credential store"

    db = open_station_database(data_dir, KeyChoice(key_file=key_file), store)
    try:
        add_station(db)
    finally:
        db.close()
    db = open_station_database(data_dir, KeyChoice(key_file=key_file), store)
    db.close()


def test_missing_key_file_for_an_existing_database_is_key_missing(tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path / "station")
    db = open_station_database(data_dir, KeyChoice(key_file=tmp_path / "a.key"), memory_store())
    db.close()
    before = digest(data_dir.database)
    with pytest.raises(KeyMissing):
        obtain_key(data_dir, KeyChoice(key_file=tmp_path / "elsewhere.key"), memory_store())
    assert not (tmp_path / "elsewhere.key").exists(), "no new key file may be made for an existing database"
    assert digest(data_dir.database) == before


@pytest.mark.parametrize("content", ["not hex at all", "abcd", "é" * 64], ids=["text", "short", "non-ascii"])
def test_damaged_key_file_is_key_missing(tmp_path: Path, content: str) -> None:
    key_file = tmp_path / "station.key"
    key_file.write_text(content, encoding="utf-8")
    with pytest.raises(KeyMissing):
        obtain_key(DataDir(tmp_path / "station"), KeyChoice(key_file=key_file), memory_store())
    assert key_file.read_text(encoding="utf-8") == content


# -- passphrase ---------------------------------------------------------------------------------------------------
def test_passphrase_key_is_stable_and_a_wrong_passphrase_does_not_open(tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path / "station")
    store = memory_store()
    choice = KeyChoice(passphrase="护国所 2026 口令")

    db = open_station_database(data_dir, choice, store)
    try:
        add_station(db)
    finally:
        db.close()
    salt = data_dir.salt.read_bytes()
    assert len(salt) >= 16
    first = obtain_key(data_dir, choice, store)
    assert obtain_key(data_dir, choice, store) == first
    assert data_dir.salt.read_bytes() == salt, "the salt is made once"
    before = digest(data_dir.database)

    with pytest.raises(WrongKeyError) as caught:
        open_station_database(data_dir, KeyChoice(passphrase="护国所 2025 口令"), store)
    assert user_message(caught.value) is not None
    assert digest(data_dir.database) == before

    db = open_station_database(data_dir, choice, store)
    db.close()


def test_passphrase_salts_differ_between_stations(tmp_path: Path) -> None:
    store = memory_store()
    choice = KeyChoice(passphrase="同一个口令")
    one = obtain_key(DataDir(tmp_path / "one"), choice, store)
    two = obtain_key(DataDir(tmp_path / "two"), choice, store)
    assert one != two
