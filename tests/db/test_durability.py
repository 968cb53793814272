"""Crash safety with real processes: what a child reported as saved survives ``kill -9`` (also a ledger import whose
commit left its pages in the write-ahead log and its outbox entries to the outbox backlog); a child killed in the
middle of the bulk demo load leaves the database exactly as it was, and openable."""

from __future__ import annotations

import contextlib
import signal
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from app.records import Actor, OperatorFilter
from app.services.officers import OfficerService
from app.services.registry import RegistryService
from localdb import database as database_module
from localdb.database import Database
from localdb.engine import AUTOCHECKPOINT_PAGES
from localdb.models import AuditLog, Carrier, Officer, Operator, Station
from localdb.sync_store import LocalSyncStore
from tests.support.stations import (
    STATION_NAME,
    add_station,
    draft,
    kill_hard,
    memory_store,
    open_with_key_file,
    open_with_keyring,
    start_python,
    wait_for_line,
)

SAVE_THEN_SLEEP = """
import sys, time
from pathlib import Path
from app.database_key import KeyChoice
from app.paths import DataDir
from app.records import Actor, OperatorDraft
from app.services.officers import OfficerService
from app.services.registry import RegistryService
from app.station_store import open_station_database
from keyring.backends import fail
from sync.credentials import CredentialStore

root, key_file = Path(sys.argv[1]), Path(sys.argv[2])
db = open_station_database(DataDir(root), KeyChoice(key_file=key_file), CredentialStore(fail.Keyring()))
officer = OfficerService(db).active_officers()[0]
op_id = RegistryService(db).create(
    OperatorDraft(name="断电测试商行", subject_type="other", identifier_type="none", phone="13700137000"),
    Actor(officer.id, officer.name),
)
print("saved", op_id, flush=True)
time.sleep(300)
"""

DEMO_THEN_REPORT = """
import sys
from pathlib import Path
from app.database_key import KeyChoice
from app.paths import DataDir
from app.progress import Progress
from app.services.demo import create_demo_station
from app.station_store import open_station_database
from keyring.backends import fail
from sync.credentials import CredentialStore

root, key_file = Path(sys.argv[1]), Path(sys.argv[2])
db = open_station_database(DataDir(root), KeyChoice(key_file=key_file), CredentialStore(fail.Keyring()))
print("start", flush=True)
create_demo_station(db, 20_000, progress=Progress(lambda done, total: print("progress", done, total, flush=True)))
print("done", flush=True)
"""

IMPORT_THEN_SLEEP = """
import sys, time
from pathlib import Path
from app.database_key import KeyChoice
from app.ledger.service import LedgerImportService
from app.paths import DataDir
from app.records import Actor
from app.services.officers import OfficerService
from app.station_store import open_station_database
from keyring.backends import fail
from sync.credentials import CredentialStore

root, key_file, ledger = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
db = open_station_database(DataDir(root), KeyChoice(key_file=key_file), CredentialStore(fail.Keyring()))
officer = OfficerService(db).active_officers()[0]
service = LedgerImportService(db)
size = db.path.stat().st_size
service.commit(service.dry_run(ledger), Actor(officer.id, officer.name))
with db.engine.connect() as conn:
    limits = {conn.connection.dbapi_connection.execute("PRAGMA wal_autocheckpoint").fetchone()[0]}
    conn.rollback()
print("committed", size, db.path.stat().st_size, *limits, flush=True)
time.sleep(300)
"""


def _prepare(root: Path) -> tuple[Path, Path]:
    data, key_file = root / "station", root / "station.key"
    db = open_with_key_file(data, key_file)
    try:
        add_station(db)
    finally:
        db.close()
    return data, key_file


def test_saved_operator_survives_kill_9(tmp_path: Path) -> None:
    data, key_file = _prepare(tmp_path)
    child = start_python(SAVE_THEN_SLEEP, str(data), str(key_file))
    try:
        op_id = wait_for_line(child, "saved").split()[1]
    finally:
        kill_hard(child)
    assert child.returncode == -signal.SIGKILL

    db = open_with_key_file(data, key_file)
    try:
        registry = RegistryService(db)
        detail = registry.detail(op_id)
        assert detail.draft.name == "断电测试商行"
        assert detail.draft.phone == "13700137000"
        assert [entry.action for entry in detail.history] == ["create"]
        assert registry.search_ids("断电测试", OperatorFilter()) == [op_id]
        assert registry.search_ids("13700137000", OperatorFilter()) == [op_id]
        with db.engine.connect() as conn:
            assert conn.scalar(text("PRAGMA integrity_check")) == "ok"
    finally:
        db.close()


def _snapshot(db: Database) -> dict[str, object]:
    with db.reader() as session:
        return {
            "station": session.execute(select(Station.id, Station.name)).all(),
            "officers": sorted(session.execute(select(Officer.id, Officer.name)).all()),
            "operators": sorted(session.execute(select(Operator.id, Operator.name, Operator.search_rowid)).all()),
            "carriers": sorted(session.execute(select(Carrier.id, Carrier.shop_name)).all()),
            "audit": session.scalar(select(func.count()).select_from(AuditLog)),
        }


def test_kill_during_demo_load_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    data, key_file = _prepare(tmp_path)
    db = open_with_key_file(data, key_file)
    try:
        officer = OfficerService(db).active_officers()[0]
        registry = RegistryService(db)
        keep = registry.create(draft("杀进程前已有商行", phone="13600136000"), Actor(officer.id, officer.name))
        with db.transaction() as session:
            session.add(Carrier(operator_id=keep, kind="shop", platform="淘宝", shop_name="早已存在的小店"))
        before = _snapshot(db)
    finally:
        db.close()

    child = start_python(DEMO_THEN_REPORT, str(data), str(key_file))
    try:
        wait_for_line(child, "start")
        # The first batch of 2,000 operators is written (inside the one transaction) when this line comes.
        wait_for_line(child, "progress 2000")
    finally:
        kill_hard(child)
    assert child.returncode == -signal.SIGKILL, "the demo load finished before it could be interrupted"

    db = open_with_key_file(data, key_file)
    try:
        assert _snapshot(db) == before
        assert OfficerService(db).station_name() == STATION_NAME
        registry = RegistryService(db)
        assert registry.search_ids("杀进程前已有", OperatorFilter()) == [keep]
        assert registry.search_ids("早已存在的小店", OperatorFilter()) == [keep]
        assert registry.search_ids("有限公司", OperatorFilter()) == [], "no demo row may survive"
        with db.engine.connect() as conn:
            assert conn.scalar(text("SELECT triggers_enabled FROM search_control")) == 1
            assert conn.scalar(text("SELECT count(*) FROM operator_fts")) == 1
            assert conn.scalar(text("PRAGMA integrity_check")) == "ok"
    finally:
        db.close()


def test_imported_ledger_survives_kill_9_before_its_log_is_checkpointed(tmp_path: Path) -> None:
    data, key_file = _prepare(tmp_path)
    ledger = tmp_path / "台账.csv"
    lines = ["主体名称,主体类型,联系电话"] + [f"断电导入商行{n},其他,1370013{n:04d}" for n in range(3000)]
    ledger.write_text("\n".join(lines), encoding="utf-8")
    child = start_python(IMPORT_THEN_SLEEP, str(data), str(key_file), str(ledger))
    try:
        _, size_before, size_after, limit = wait_for_line(child, "committed").split()
    finally:
        kill_hard(child)
    assert child.returncode == -signal.SIGKILL
    # The commit left the import in the write-ahead log (the database file did not grow), and the connection that
    # wrote it checkpoints as usual again.
    assert size_after == size_before
    assert int(limit) == 1000

    db = open_with_key_file(data, key_file)
    try:
        registry = RegistryService(db)
        with db.reader() as session:
            assert session.scalar(select(func.count()).where(Operator.name.like("断电导入商行%"))) == 3000
        [last] = registry.search_ids("断电导入商行2999", OperatorFilter())
        assert registry.detail(last).draft.phone == "13700132999"
        assert [entry.action for entry in registry.detail(last).history] == ["create"]
        # The outbox entries were left for just after the commit, and the kill came first: the sync writes them
        # before it counts what to send.
        assert db.outbox_waiting()
        store = LocalSyncStore(db, None, lambda name: name)
        assert store.unanswered_count() == 3000
        assert not db.outbox_waiting()
        entries = store.unanswered(3000)
        assert [entry["seq"] for entry in entries] == list(range(1, 3001))
        names = [entry["data"]["fields"]["name"] for entry in entries]
        assert names == [f"断电导入商行{n}" for n in range(3000)], "in the ledger's order"
        with db.engine.connect() as conn:
            assert conn.scalar(text("PRAGMA integrity_check")) == "ok"
    finally:
        db.close()


def test_a_bulk_load_hands_every_connection_back_with_automatic_checkpoints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The deferred checkpoint of a bulk load ends with it, failed or not, and a connection that cannot take the
    setting back is discarded: a pooled connection left without automatic checkpoints would let the write-ahead log
    grow without end."""
    db = open_with_keyring(tmp_path / "station", memory_store())
    try:
        for fails in (False, True):
            with contextlib.suppress(OperationalError), db.bulk_transaction(defer_checkpoint=True) as conn:
                conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS scratch (x)")
                if fails:
                    conn.exec_driver_sql("SELECT * FROM no_such_table")
        assert _checkpoint_limits(db) == {AUTOCHECKPOINT_PAGES}

        real_driver = database_module._driver
        monkeypatch.setattr(database_module, "_driver", lambda conn: _RefusesRestore(real_driver(conn)))
        with db.bulk_transaction(defer_checkpoint=True) as conn:
            conn.exec_driver_sql("INSERT INTO scratch VALUES (1)")
        monkeypatch.undo()
        assert _checkpoint_limits(db) == {AUTOCHECKPOINT_PAGES}
    finally:
        db.close()


class _RefusesRestore:
    """A driver connection whose ``wal_autocheckpoint`` cannot be set back (as when the connection broke)."""

    def __init__(self, raw: Any) -> None:
        self._raw = raw

    def execute(self, sql: str) -> Any:
        if sql == f"PRAGMA wal_autocheckpoint = {AUTOCHECKPOINT_PAGES}":
            raise sqlite3.OperationalError("disk I/O error")
        return self._raw.execute(sql)


def _checkpoint_limits(db: Database) -> set[int]:
    """``wal_autocheckpoint`` of every connection the pool holds (all checked out at once)."""
    held = [db.engine.connect() for _ in range(db.engine.pool.size())]  # type: ignore[attr-defined]
    try:
        return {int(c.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() or 0) for c in held}
    finally:
        for c in held:
            c.close()
