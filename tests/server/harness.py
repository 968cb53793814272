"""A real server on 127.0.0.1 (uvicorn in a thread) and a small protocol client for the server tests.

The client is deliberately thin (``requests`` and the shared pydantic schemas): it speaks the protocol the way
docs/sync-protocol.md describes it, so the tests read as protocol examples.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest
import requests
import uvicorn
from fastapi import FastAPI
from sqlalchemy.engine import make_url

from server import demo
from server.api import create_app
from server.db import Database, normalize_url
from server.settings import Settings
from sync.protocol import API_PREFIX, CLIENT_HEADER, PROTOCOL_HEADER

DEVICE_NAME = "测试电脑"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LogCollector(logging.Handler):
    """Keeps every formatted log line the server writes during the session (to check that no secret leaks)."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        text = self.format(record)
        self.lines.append(text)


@dataclass
class LiveServer:
    """A running server and handles on its database and settings (the admin CLI's functions use the same db)."""

    backend: str
    settings: Settings
    base: str
    app: FastAPI
    uvicorn_server: uvicorn.Server
    thread: threading.Thread
    logs: LogCollector

    @property
    def url(self) -> str:
        return self.base + API_PREFIX

    @property
    def db(self) -> Database:
        db: Database = self.app.state.server.db
        return db

    def stop(self) -> None:
        self.uvicorn_server.should_exit = True
        self.thread.join(timeout=10)


def start_server(backend: str, settings: Settings, logs: LogCollector) -> LiveServer:
    app = create_app(settings)
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="info", access_log=True, log_config=None)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn-{backend}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.01)
    return LiveServer(backend, settings, f"http://127.0.0.1:{port}", app, server, thread, logs)


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


@contextmanager
def serving(backend: str, data_dir: Path, operators: int, logs: LogCollector, **limits: Any) -> Iterator[LiveServer]:
    """A live server on ``backend`` seeded with the demo province (``operators`` per station), fast password
    hashing and ``limits`` as settings. PostgreSQL: a scratch database next to the one ``TEST_DATABASE_URL`` names
    (the role needs CREATEDB), dropped afterwards; the test is skipped when the variable is not set."""
    database_url: str | None = None
    scratch: tuple[str, str] | None = None
    if backend == "postgresql":
        base = os.environ.get("TEST_DATABASE_URL")
        if not base:
            pytest.skip("TEST_DATABASE_URL is not set")
        database_url, name = _scratch_postgres(base)
        scratch = (base, name)
    settings = Settings(
        data_dir=data_dir,
        database_url=database_url,
        argon2_time_cost=1,
        argon2_memory_kib=1024,
        argon2_parallelism=1,
        **limits,
    )
    server = start_server(backend, settings, logs)
    demo.seed_demo(server.db, operators)
    try:
        yield server
    finally:
        server.stop()
        server.db.dispose()
        if scratch is not None:
            _drop_postgres(*scratch)


@dataclass
class Device:
    """A client installation: its id and its outbox counter."""

    device_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    counter: int = 0

    def mutation(
        self,
        entity: str,
        op: str,
        record_id: str,
        data: dict[str, Any] | None = None,
        base_version: int | None = None,
    ) -> dict[str, Any]:
        """A new outbox entry with the next seq."""
        self.counter += 1
        return {
            "device_id": self.device_id,
            "seq": self.counter,
            "entity": entity,
            "op": op,
            "id": record_id,
            "base_version": base_version,
            "data": data or {},
        }


class SyncClient:
    """One logged-in device talking to the server over real HTTP."""

    def __init__(self, server: LiveServer, device: Device | None = None) -> None:
        self.server = server
        self.device = device or Device()
        self.http = requests.Session()
        self.http.headers[PROTOCOL_HEADER] = "1"
        self.http.headers[CLIENT_HEADER] = "0.1.0"
        self.access_token = ""
        self.refresh_token = ""

    def url(self, path: str) -> str:
        return self.server.url + path

    def login(self, username: str, password: str = "demo-password", **extra: Any) -> requests.Response:
        body = {
            "username": username,
            "password": password,
            "device_id": self.device.device_id,
            "device_name": DEVICE_NAME,
            "client_version": "0.1.0",
            **extra,
        }
        response = self.http.post(self.url("/login"), json=body)
        if response.status_code == 200:
            self.use(response.json())
        return response

    def use(self, tokens: dict[str, Any]) -> None:
        self.access_token = tokens["access_token"]
        self.refresh_token = tokens["refresh_token"]
        self.http.headers["Authorization"] = f"Bearer {self.access_token}"

    def refresh(self, token: str | None = None) -> requests.Response:
        response = self.http.post(self.url("/refresh"), json={"refresh_token": token or self.refresh_token})
        if response.status_code == 200:
            self.use(response.json())
        return response

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.http.get(self.url(path), **kwargs)

    def hello(self) -> dict[str, Any]:
        response = self.get("/hello")
        assert response.status_code == 200, response.text
        return dict(response.json())

    def push_raw(self, mutations: list[dict[str, Any]], counter: int | None = None) -> requests.Response:
        body: dict[str, Any] = {
            "device_id": self.device.device_id,
            "device_counter": self.device.counter if counter is None else counter,
            "mutations": mutations,
        }
        return self.http.post(self.url("/push"), json=body)

    def push(self, *mutations: dict[str, Any]) -> list[dict[str, Any]]:
        response = self.push_raw(list(mutations))
        assert response.status_code == 200, response.text
        results: list[dict[str, Any]] = response.json()["results"]
        assert [r["seq"] for r in results] == [m["seq"] for m in mutations]
        return results

    def pull_page(self, cursor: str | None = None, limit: int | None = None) -> requests.Response:
        params: dict[str, Any] = {}
        if cursor:
            params["cursor"] = cursor
        if limit:
            params["limit"] = limit
        return self.get("/pull", params=params)

    def pull_pages(self, cursor: str | None = None, limit: int | None = None) -> Iterator[dict[str, Any]]:
        while True:
            response = self.pull_page(cursor, limit)
            assert response.status_code == 200, response.text
            page: dict[str, Any] = response.json()
            yield page
            cursor = page["cursor"]
            if not page["has_more"]:
                return

    def pull_all(self, cursor: str | None = None, limit: int | None = None) -> tuple[list[dict[str, Any]], str]:
        """Every change after ``cursor`` and the resting cursor at the end."""
        changes: list[dict[str, Any]] = []
        last = cursor or ""
        for page in self.pull_pages(cursor, limit):
            changes.extend(page["changes"])
            last = page["cursor"]
        return changes, last

    def verify(self) -> dict[str, Any]:
        response = self.get("/verify")
        assert response.status_code == 200, response.text
        return dict(response.json())

    def put_blob(self, content: bytes, sha256: str | None = None) -> requests.Response:
        digest = sha256 or hashlib.sha256(content).hexdigest()
        return self.http.put(
            self.url(f"/blobs/{digest}"), data=content, headers={"Content-Type": "application/octet-stream"}
        )

    def head_blob(self, sha256: str) -> requests.Response:
        return self.http.head(self.url(f"/blobs/{sha256}"))


def replica(changes: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """Apply pulled changes the way a client would: last one wins; tombstones remove the record."""
    state: dict[tuple[str, str], dict[str, Any]] = {}
    for change in changes:
        key = (change["entity"], change["id"])
        if change["op"] == "delete":
            state.pop(key, None)
        else:
            state[key] = change
    return state


def new_id() -> str:
    return str(uuid.uuid4())


def data_dir_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]
