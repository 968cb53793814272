"""Where a station's files live: one data directory holds the database, its backups, logs and settings."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from app.errors import DataDirUnusable

APP_NAME = "StationDesk"


def default_data_dir() -> Path:
    """The platform's per-user data directory (e.g. %LOCALAPPDATA%\\StationDesk on Windows)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class DataDir:
    """The files of one station's data directory."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "station.db"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def settings(self) -> Path:
        return self.root / "settings.ini"

    @property
    def salt(self) -> Path:
        """Salt of the passphrase-derived key (not secret; only used when the user chose a passphrase)."""
        return self.root / "key.salt"

    @property
    def crash_log(self) -> Path:
        return self.logs / "crash.log"

    def has_database(self) -> bool:
        return self.database.exists() and self.database.stat().st_size > 0

    def ensure_writable(self) -> None:
        """Create the directory tree and prove it is writable, or raise :class:`DataDirUnusable`."""
        try:
            for folder in (self.root, self.backups, self.logs):
                folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.root, prefix=".write-test-"):
                pass
        except OSError as exc:
            raise DataDirUnusable(str(self.root), str(exc)) from exc


def fsync_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically and durably (temp file, fsync, rename): no half-written file."""
    temp = path.with_name(path.name + ".tmp")
    with temp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, path)
