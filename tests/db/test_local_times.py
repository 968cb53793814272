"""Stored times are the officer's wall-clock time (localdb/clock.py): the operator's history, the import batches
and autosave show them as stored, so a save at 14:03 in Kunming must not read 06:03 (SQLite's CURRENT_TIMESTAMP is
UTC). Checked in the Asia/Shanghai zone, where the two differ by eight hours."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.pinyin import name_initials
from app.services.registry import RegistryService
from localdb.models import AuditLog, Operator
from localdb.sync_store import LocalSyncStore
from tests.db.test_pull_apply import apply, change, operator_data
from tests.support.stations import add_station, draft, memory_store, open_with_keyring


@pytest.fixture
def in_shanghai(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    if not hasattr(time, "tzset"):
        pytest.skip("the time zone of a running process can only be switched on POSIX")
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _near_now(moment: datetime) -> bool:
    return abs(moment - datetime.now()) < timedelta(minutes=5)


def test_saved_operators_and_their_history_carry_local_time(in_shanghai: None, tmp_path: Path) -> None:
    db = open_with_keyring(tmp_path / "station", memory_store())
    try:
        actor = add_station(db)
        registry = RegistryService(db)
        operator_id = registry.create(draft("本地时间商行"), actor)
        with db.reader() as session:
            operator = session.get(Operator, operator_id)
            assert operator is not None
            assert _near_now(operator.created_at) and _near_now(operator.updated_at)
            entries = session.scalars(select(AuditLog).where(AuditLog.entity_id == operator_id)).all()
            assert entries and all(_near_now(entry.at) for entry in entries)
    finally:
        db.close()


def test_pulled_operators_carry_local_time(in_shanghai: None, tmp_path: Path) -> None:
    db = open_with_keyring(tmp_path / "station", memory_store())
    try:
        store = LocalSyncStore(db, None, name_initials)
        store.ensure_station("s1", "S1", "测试所", "530102")
        store.save_state(server_url="https://province.example", station_id="s1", device_id="d1")
        operator_id = str(uuid.uuid4())
        apply(store, change("operator", operator_id, 1, operator_data(operator_id)))
        with db.reader() as session:
            operator = session.get(Operator, operator_id)
            assert operator is not None
            assert _near_now(operator.created_at) and _near_now(operator.updated_at)
    finally:
        db.close()
