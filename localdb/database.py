"""The open station database: engine plus session factory, handed to services through their constructors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from localdb.engine import WRITE_OPTION
from localdb.errors import DatabaseLockedError, DiskFullError, ReadOnlyError
from localdb.sync_capture import install_capture


@dataclass
class Database:
    """One open, migrated, encrypted database file.

    Services open exactly one transaction per user action with :meth:`transaction`; repositories and query helpers
    never commit. Reads use :meth:`reader`, which never writes.
    """

    engine: Engine
    path: Path

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
                yield session
        except OperationalError as exc:
            raise self.storage_error(exc) from exc

    @contextmanager
    def bulk_transaction(self) -> Iterator[Connection]:
        """A Core connection in one write transaction, for bulk loads (demo data, imports)."""
        try:
            with self._write_engine.begin() as conn:
                yield conn
        except OperationalError as exc:
            raise self.storage_error(exc) from exc

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
