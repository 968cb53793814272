"""Fixtures: a live server per database backend (SQLite always; PostgreSQL when ``TEST_DATABASE_URL`` is set).

With ``TEST_DATABASE_URL=postgresql://user@host:port/postgres`` every server test runs against a scratch database
next to the one named too (tests/server/harness.py ``serving``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.server.harness import LiveServer, LogCollector, SyncClient, serving

DEMO_OPERATORS = 40
"""Operators per demo station in tests: enough for several pull pages at small limits, quick to seed."""

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def server_logs() -> Iterator[LogCollector]:
    collector = LogCollector()
    root = logging.getLogger()
    root.addHandler(collector)
    levels = {name: logging.getLogger(name).level for name in ("uvicorn", "server")}
    for name in levels:
        logging.getLogger(name).setLevel(logging.INFO)
    yield collector
    root.removeHandler(collector)
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


@pytest.fixture(scope="session", params=BACKENDS)
def live(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, server_logs: LogCollector
) -> Iterator[LiveServer]:
    backend: str = request.param
    data_dir = Path(tmp_path_factory.mktemp(f"server-{backend}"))
    limits = {"login_max_failures": 3, "login_window": 60, "max_batch": 50, "max_body_bytes": 64 * 1024}
    limits |= {"max_blob_bytes": 256 * 1024, "max_page": 200}
    with serving(backend, data_dir, DEMO_OPERATORS, server_logs, **limits) as server:
        yield server


@pytest.fixture
def demo1(live: LiveServer) -> SyncClient:
    client = SyncClient(live)
    assert client.login("demo1").status_code == 200
    return client


@pytest.fixture
def demo2(live: LiveServer) -> SyncClient:
    client = SyncClient(live)
    assert client.login("demo2").status_code == 200
    return client
