"""Known failures of the local database layer.

Each carries the path it concerns; app/errors.py turns them into a message that says what happened and what to do.
"""

from __future__ import annotations

from pathlib import Path


class LocalDbError(Exception):
    """Base of the database layer's known errors."""

    def __init__(self, path: Path, detail: str = "") -> None:
        super().__init__(f"{type(self).__name__}: {path} {detail}".strip())
        self.path = path
        self.detail = detail


class WrongKeyError(LocalDbError):
    """The file is encrypted with another key (or the key in the credential store was lost)."""


class NotADatabaseError(LocalDbError):
    """The file is not a StationDesk database: a foreign file, an unencrypted SQLite file, or corrupt."""


class DatabaseLockedError(LocalDbError):
    """Another StationDesk process holds the database."""


class NewerSchemaError(LocalDbError):
    """The database was written by a newer StationDesk; opening it here could damage it."""


class MigrationError(LocalDbError):
    """An upgrade of the schema failed; the backup taken before it is named in ``detail``."""


class DiskFullError(LocalDbError):
    """The disk is full: the transaction was rolled back, everything committed before it is intact."""


class ReadOnlyError(LocalDbError):
    """The database file or its folder cannot be written (permissions, a read-only medium)."""
