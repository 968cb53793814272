"""The open station database: engine plus session factory, handed to services through their constructors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker


@dataclass
class Database:
    """One open, migrated, encrypted database file.

    Services open exactly one transaction per user action with :meth:`transaction`; repositories and query helpers
    never commit. Reads use :meth:`reader`, which never writes.
    """

    engine: Engine
    path: Path

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed when the block ends normally and rolled back otherwise."""
        with self._sessions.begin() as session:
            yield session

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
