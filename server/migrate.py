"""Schema upgrades of the server database, run from code at every start: refuse newer, back up, then migrate.

Like the client's localdb/migrate.py: the migration scripts ship inside the package (server/migrations), there is
no alembic.ini, and a database written by a newer server is refused rather than touched. On SQLite a consistent
copy (``VACUUM INTO``) is taken before an existing database is upgraded; on PostgreSQL backups are the operator's
job (pg_dump), and an advisory lock keeps several workers starting at once from migrating concurrently.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from server.db import Database

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_MIGRATION_LOCK = 0x5D_0001  # pg_advisory_lock key; any constant unique to this application


class NewerSchemaError(RuntimeError):
    """The database was written by a newer server version."""

    def __init__(self, revision: str) -> None:
        super().__init__(
            f"the database has schema revision {revision}, which this server does not know: "
            "it was written by a newer server version; run that version (or restore a backup)"
        )
        self.revision = revision


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None, "no migration scripts shipped"
    return head


def current_revision(db: Database) -> str | None:
    with db.writer.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database, backup_dir: Path | None = None) -> Path | None:
    """Bring the database to the newest schema; returns the SQLite backup taken first, if any."""
    script = ScriptDirectory.from_config(_config())
    known = {rev.revision for rev in script.walk_revisions()}
    head = script.get_current_head()
    backup: Path | None = None
    with db.writer.connect() as lock_conn:
        if not db.is_sqlite:
            lock_conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _MIGRATION_LOCK})
            lock_conn.commit()
        try:
            current = current_revision(db)
            if current == head:
                return None
            if current is not None and current not in known:
                raise NewerSchemaError(current)
            if current is not None and db.is_sqlite and backup_dir is not None:
                backup = backup_sqlite(db, backup_dir, reason=f"before-upgrade-{current}")
            config = _config()
            with db.writer.begin() as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
        finally:
            if not db.is_sqlite:
                lock_conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _MIGRATION_LOCK})
                lock_conn.commit()
    return backup


def backup_sqlite(db: Database, backup_dir: Path, reason: str) -> Path:
    """A consistent copy of the embedded database (one snapshot, so concurrent writers cannot tear it)."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = backup_dir / f"server-{stamp}-{reason}.sqlite3"
    raw = db.reader.raw_connection()  # outside SQLAlchemy's transaction handling: VACUUM refuses to run in one
    try:
        cursor = raw.cursor()
        cursor.execute("VACUUM INTO ?", (str(target),))
        cursor.close()
    finally:
        raw.close()
    with target.open("rb") as handle:
        os.fsync(handle.fileno())
    return target
