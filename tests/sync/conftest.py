"""A real server on loopback (SQLite; PostgreSQL too when ``TEST_DATABASE_URL`` is set) and real client data dirs.

Each test gets an empty, encrypted client data dir (key in a key file) and syncs it with ``SyncService`` exactly as
the CLI and the GUI do; the server side is checked through the protocol harness of tests/server.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.database_key import KeyChoice
from app.inspections.evidence import EvidenceService, EvidenceStore
from app.inspections.records import InspectionService
from app.inspections.templates import TemplateService
from app.paths import DataDir
from app.records import Actor
from app.services.registry import RegistryService
from app.services.sync import SyncService
from app.station_store import open_station_databases
from localdb.database import Database
from server import demo
from server.settings import Settings
from sync.credentials import CredentialStore
from tests.server.conftest import _drop_postgres, _scratch_postgres
from tests.server.harness import LiveServer, LogCollector, SyncClient, start_server
from tests.support.stations import memory_store

OPERATORS = 30
PASSWORD = "demo-password"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def live(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    backend: str = request.param
    database_url: str | None = None
    scratch: tuple[str, str] | None = None
    if backend == "postgresql":
        base = os.environ.get("TEST_DATABASE_URL")
        if not base:
            pytest.skip("TEST_DATABASE_URL is not set")
        database_url, name = _scratch_postgres(base)
        scratch = (base, name)
    settings = Settings(
        data_dir=Path(tmp_path_factory.mktemp(f"sync-server-{backend}")),
        database_url=database_url,
        max_batch=5,
        max_page=25,
        argon2_time_cost=1,
        argon2_memory_kib=1024,
        argon2_parallelism=1,
    )
    server = start_server(backend, settings, LogCollector())
    demo.seed_demo(server.db, OPERATORS)
    yield server
    server.stop()
    server.db.dispose()
    if scratch is not None:
        _drop_postgres(*scratch)


@dataclass
class Client:
    """One client data dir, opened like the CLI opens it."""

    root: Path
    key_file: Path
    store: CredentialStore
    db: Database
    evidence_db: Database
    server: LiveServer

    @property
    def sync(self) -> SyncService:
        return SyncService(self.db, self.evidence_db, self.store)

    def run(self, user: str | None = "demo1", **kwargs: object):  # type: ignore[no-untyped-def]
        return self.sync.run(self.server.base, user, PASSWORD if user else None, **kwargs)  # type: ignore[arg-type]

    def reopen(self) -> None:
        self.close()
        key = KeyChoice(key_file=self.key_file)
        self.db, self.evidence_db = open_station_databases(DataDir(self.root), key, self.store)

    def close(self) -> None:
        self.evidence_db.close()
        self.db.close()

    @property
    def registry(self) -> RegistryService:
        return RegistryService(self.db)

    @property
    def inspections(self) -> InspectionService:
        return InspectionService(self.db)

    @property
    def evidence(self) -> EvidenceService:
        return EvidenceService(self.db, EvidenceStore(self.evidence_db))

    def load_templates(self) -> None:
        TemplateService(self.db).load_shipped()


ACTOR = Actor("", "测试员")


def open_client(root: Path, server: LiveServer) -> Client:
    store = memory_store()
    key_file = root.parent / f"{root.name}.key"
    db, evidence_db = open_station_databases(DataDir(root), KeyChoice(key_file=key_file), store)
    client = Client(root, key_file, store, db, evidence_db, server)
    return client


@pytest.fixture
def client(tmp_path: Path, live: LiveServer) -> Iterator[Client]:
    opened = open_client(tmp_path / "station", live)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def server_view(live: LiveServer) -> SyncClient:
    """A second device of demo1 looking at the server directly (for counts and checksums)."""
    view = SyncClient(live)
    assert view.login("demo1").status_code == 200
    return view
