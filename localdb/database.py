"""The open station database: engine plus session factory, handed to services through their constructors."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from localdb.engine import AUTOCHECKPOINT_PAGES, WRITE_OPTION
from localdb.errors import DatabaseLockedError, DiskFullError, ReadOnlyError
from localdb.outbox_backlog import CHUNK, settle, settle_step, waiting
from localdb.sync_capture import install_capture

log = logging.getLogger(__name__)


@dataclass
class Database:
    """One open, migrated, encrypted database file.

    Services open exactly one transaction per user action with :meth:`transaction`; repositories and query helpers
    never commit. Reads use :meth:`reader`, which never writes.

    Every write transaction first writes the outbox entries an import left to the backlog, if any (one one-row read
    when there are none), before its own work: see localdb/outbox_backlog.py for why.
    """

    engine: Engine
    path: Path
    outbox: bool = True
    """Whether this database holds the sync outbox (the station's does; the evidence store does not)."""

    def __post_init__(self) -> None:
        self._write_engine = self.engine.execution_options(**{WRITE_OPTION: True})
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(self._write_engine, expire_on_commit=False)
        install_capture(self._write_sessions)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed when the block ends normally and rolled back otherwise.

        Storage failures (full disk, read-only file, lock held elsewhere) come out as this layer's known errors.
        """
        try:
            with self._write_sessions.begin() as session:
                if self.outbox:
                    settle(session.connection())
                yield session
        except OperationalError as exc:
            raise self.storage_error(exc) from exc

    @contextmanager
    def bulk_transaction(self, *, defer_checkpoint: bool = False) -> Iterator[Connection]:
        """A Core connection in one write transaction, for bulk loads (demo data, imports).

        ``defer_checkpoint``: the commit does not copy the write-ahead log into the database file right away. A
        bulk load of 100,000 operators writes ~200 MB; the commit makes them durable in the log (fsync), and the
        copy into the main file, which would double the wait, happens at the next ordinary commit (the background
        worker's, see ui/backlog_worker.py) or when the last connection closes. Readers see the data either way.
        """
        with self._write_connection(defer_checkpoint) as conn:
            if self.outbox:
                settle(conn)
            yield conn

    @contextmanager
    def _write_connection(self, defer_checkpoint: bool = False) -> Iterator[Connection]:
        """A write transaction on a Core connection, storage failures mapped to this layer's errors."""
        try:
            with self._write_engine.connect() as conn:
                if defer_checkpoint:  # on the driver's connection: a statement here would begin the transaction
                    _driver(conn).execute("PRAGMA wal_autocheckpoint = 0")
                try:
                    with conn.begin():
                        yield conn
                finally:
                    if defer_checkpoint:
                        _restore_autocheckpoint(conn)
        except OperationalError as exc:
            raise self.storage_error(exc) from exc

    def outbox_waiting(self) -> bool:
        """Whether outbox entries wait in the backlog (a one-row read)."""
        if not self.outbox:
            return False
        with self.reader() as session:
            return waiting(session.connection())

    def settle_outbox(self, chunk: int = CHUNK, should_stop: Callable[[], bool] | None = None) -> int:
        """Write the outbox entries left to the backlog, ``chunk`` per transaction (short, so a save beside it
        waits little), stopping between chunks when ``should_stop`` says so; returns how many were written. Readers
        of the outbox call it first; it costs one read when nothing waits."""
        more = self.outbox_waiting()
        written = 0
        while more and not (should_stop and should_stop()):
            with self._write_connection() as conn:
                written += settle_step(conn, chunk)
                more = waiting(conn)
        return written

    def storage_error(self, exc: OperationalError) -> Exception:
        """The known error for a driver failure while writing, or ``exc`` itself if it is not a storage one."""
        message = str(exc.orig).lower()
        if "disk is full" in message or "database or disk is full" in message:
            return DiskFullError(self.path)
        if "readonly" in message or "read-only" in message:
            return ReadOnlyError(self.path)
        if "database is locked" in message:
            return DatabaseLockedError(self.path)
        return exc

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A read-only unit of work (rolled back at the end, so it never holds a write lock)."""
        with self._sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    def close(self) -> None:
        """Release every pooled connection (and with it the decrypted page cache)."""
        self.engine.dispose()


def _restore_autocheckpoint(conn: Connection) -> None:
    """Give the pooled connection back its automatic checkpoints; one that cannot take them is discarded, for
    without them its write-ahead log would grow without end."""
    try:
        _driver(conn).execute(f"PRAGMA wal_autocheckpoint = {AUTOCHECKPOINT_PAGES}")
    except Exception:  # the connection is unusable: whatever the reason, the pool must not hand it out again
        log.warning("could not restore automatic checkpoints; the connection is discarded", exc_info=True)
        conn.invalidate()


def _driver(conn: Connection) -> Any:
    """The DB-API connection under ``conn`` (SQLCipher's; untyped)."""
    raw = conn.connection.dbapi_connection
    assert raw is not None
    return raw
