"""Fixtures: a live server per database backend (SQLite always; PostgreSQL when ``TEST_DATABASE_URL`` is set).

With ``TEST_DATABASE_URL=postgresql://user@host:port/postgres`` the session creates a scratch database next to the
one named (the role needs CREATEDB), runs every server test against it too, and drops it at the end.
"""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from server import demo
from server.db import normalize_url
from server.settings import Settings
from tests.server.harness import LiveServer, LogCollector, SyncClient, start_server

DEMO_OPERATORS = 40
"""Operators per demo station in tests: enough for several pull pages at small limits, quick to seed."""

BACKENDS = ["sqlite", "postgresql"]


def _scratch_postgres(url: str) -> tuple[str, str]:
    """Create a scratch database on the server of ``url``; returns (its URL, its name)."""
    name = f"sd_test_{secrets.token_hex(6)}"
    admin = make_url(normalize_url(url))
    with psycopg.connect(
        admin.set(drivername="postgresql").render_as_string(hide_password=False), autocommit=True
    ) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')  # a generated identifier, not input
    return admin.set(database=name).render_as_string(hide_password=False), name


def _drop_postgres(url: str, name: str) -> None:
    admin = make_url(normalize_url(url))
    with psycopg.connect(
        admin.set(drivername="postgresql").render_as_string(hide_password=False), autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


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
    database_url: str | None = None
    scratch: tuple[str, str] | None = None
    if backend == "postgresql":
        base = os.environ.get("TEST_DATABASE_URL")
        if not base:
            pytest.skip("TEST_DATABASE_URL is not set")
        database_url, name = _scratch_postgres(base)
        scratch = (base, name)
    settings = Settings(
        data_dir=Path(tmp_path_factory.mktemp(f"server-{backend}")),
        database_url=database_url,
        login_max_failures=3,
        login_window=60,
        max_batch=50,
        max_body_bytes=64 * 1024,
        max_blob_bytes=256 * 1024,
        max_page=200,
        argon2_time_cost=1,
        argon2_memory_kib=1024,
        argon2_parallelism=1,
    )
    server = start_server(backend, settings, server_logs)
    demo.seed_demo(server.db, DEMO_OPERATORS)
    yield server
    server.stop()
    server.db.dispose()
    if scratch is not None:
        _drop_postgres(*scratch)


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
