"""Server settings: declared once, with types and defaults; the command line and environment fill them in."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from server.db import normalize_url, sqlite_url

DEFAULT_PORT = 8700


def default_data_dir() -> Path:
    """Where the embedded database and the blob store live unless ``--data-dir`` says otherwise."""
    return Path(platformdirs.user_data_dir("stationdesk-server", appauthor=False))


@dataclass(frozen=True)
class Settings:
    """Everything the app factory needs; tests build one directly."""

    data_dir: Path = field(default_factory=default_data_dir)
    database_url: str | None = None
    """``None``: the embedded SQLite in ``data_dir``; otherwise e.g. ``postgresql://user@host/db``."""
    access_ttl: int = 15 * 60
    """Seconds an access token lives."""
    refresh_ttl: int = 30 * 24 * 3600
    """Seconds a refresh token lives (unused); every refresh rotates it."""
    login_max_failures: int = 5
    login_window: int = 15 * 60
    """Failed logins allowed per (username, client address) within this many seconds."""
    max_body_bytes: int = 8 * 1024 * 1024
    """Largest JSON request body."""
    max_blob_bytes: int = 256 * 1024 * 1024
    """Largest blob upload."""
    max_batch: int = 500
    """Most mutations one push may carry."""
    default_page: int = 1000
    max_page: int = 5000
    """Largest pull page."""
    min_client_version: str = "0.1.0"
    """Clients older than this get 426."""
    tombstone_retention_days: int = 180
    """``admin prune-tombstones`` default: tombstones older than this leave the log (older cursors get 410)."""
    gzip_level: int = 3
    """zlib level for gzip responses: 3 is about as fast as 1 and within a few percent of 9 on pull pages."""
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536
    argon2_parallelism: int = 4
    """argon2id parameters for new password hashes (defaults: RFC 9106's second recommendation)."""

    @property
    def url(self) -> str:
        return normalize_url(self.database_url) if self.database_url else sqlite_url(self.data_dir)

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    @classmethod
    def from_env(cls, data_dir: Path | None = None) -> Settings:
        """Settings for ``python -m server``: ``DATABASE_URL`` selects PostgreSQL."""
        return cls(data_dir=data_dir or default_data_dir(), database_url=os.environ.get("DATABASE_URL") or None)
