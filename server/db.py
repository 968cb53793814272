"""Engines for the server database: embedded SQLite (WAL) by default, PostgreSQL through ``DATABASE_URL``.

Writers and readers use separate engines so each gets the right transaction shape:

* SQLite: writers open ``BEGIN IMMEDIATE`` (take the write lock up front instead of failing to upgrade a read lock
  later); readers open a deferred ``BEGIN``, which in WAL mode reads one consistent snapshot without blocking
  writers. ``synchronous=FULL``: an acknowledged mutation survives a power cut.
* PostgreSQL: writers run READ COMMITTED (the change-log counter row serialises the part that must be serial, see
  server/changes.py); readers run REPEATABLE READ, so a pull page and the rows it joins come from one snapshot.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

SQLITE_FILENAME = "server.sqlite3"


def normalize_url(url: str) -> str:
    """Accept the usual ``postgres://``/``postgresql://`` forms and use the psycopg 3 driver for them."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def sqlite_url(data_dir: Path) -> str:
    """The embedded database inside the data dir."""
    return f"sqlite:///{data_dir / SQLITE_FILENAME}"


def _sqlite_engine(url: str, begin: str) -> Engine:
    engine = create_engine(
        url,
        connect_args={"timeout": 30, "check_same_thread": False},
        pool_size=10,
        max_overflow=30,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (pysqlite's own handling breaks SAVEPOINT)
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql(begin)

    return engine


class Database:
    """The server's database: ``write()`` and ``session()`` for changes, ``read()`` for consistent reads."""

    def __init__(self, url: str) -> None:
        self.url = normalize_url(url)
        self.dialect = make_url(self.url).get_backend_name()
        if self.dialect == "sqlite":
            self.writer = _sqlite_engine(self.url, "BEGIN IMMEDIATE")
            self.reader = _sqlite_engine(self.url, "BEGIN")
        else:
            self.writer = create_engine(self.url, pool_size=10, max_overflow=30, pool_pre_ping=True)
            self.reader = self.writer.execution_options(isolation_level="REPEATABLE READ")

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction (committed on success, rolled back on any exception)."""
        with self.writer.begin() as conn:
            yield conn

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One write transaction as an ORM session."""
        with Session(self.writer, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """One read-only snapshot."""
        with self.reader.connect() as conn, conn.begin():
            yield conn

    def dispose(self) -> None:
        self.writer.dispose()
        if self.reader is not self.writer:
            self.reader.dispose()

    def describe(self) -> str:
        """The URL without its password, for logs and the start banner."""
        return make_url(self.url).render_as_string(hide_password=True)
