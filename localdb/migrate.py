"""Schema upgrades, run from code at every start: refuse newer, back up, then migrate.

The frozen build ships the migration scripts as data next to this module, so the same code path works from a
checkout and from the PyInstaller folder.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from localdb.errors import MigrationError, NewerSchemaError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revisions() -> frozenset[str]:
    """The newest schema revisions this build knows (one per independent branch of the history).

    Features add their tables on branches from the initial schema (e.g. ledger import, inspections), so they can be
    developed side by side; ``upgrade`` applies every branch.
    """
    heads = ScriptDirectory.from_config(_config()).get_heads()
    assert heads, "no migration scripts shipped"
    return frozenset(heads)


def current_revisions(engine: Engine) -> frozenset[str]:
    """The schema revisions stored in the database; empty for an empty database."""
    with engine.connect() as conn:
        return frozenset(MigrationContext.configure(conn).get_current_heads())


def upgrade(engine: Engine, db_path: Path, backup_dir: Path) -> Path | None:
    """Bring the database to the newest schema; returns the backup taken first, if an upgrade was needed.

    Raises :class:`NewerSchemaError` when the database comes from a newer build (a revision unknown here):
    touching it could destroy what that build wrote.
    """
    script = ScriptDirectory.from_config(_config())
    current = current_revisions(engine)
    if current == head_revisions():
        return None
    known = {rev.revision for rev in script.walk_revisions()}
    unknown = sorted(current - known)
    if unknown:
        raise NewerSchemaError(db_path, ", ".join(unknown))
    backup = None
    if current:
        backup = backup_database(engine, db_path, backup_dir, reason="before-upgrade-" + "-".join(sorted(current)))
    config = _config()
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "heads")
    except Exception as exc:
        raise MigrationError(db_path, str(backup or "")) from exc
    return backup


def backup_database(engine: Engine, db_path: Path, backup_dir: Path, reason: str) -> Path:
    """Write a consistent, still-encrypted copy of the database to ``backup_dir`` and return its path.

    ``VACUUM INTO`` reads one snapshot inside a transaction, so a writer elsewhere cannot tear the copy, and
    SQLCipher encrypts the copy with the same key.
    """
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = backup_dir / f"{db_path.stem}-{stamp}-{reason}{db_path.suffix}"
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM INTO ?", (str(target),))
    with target.open("rb") as handle:
        os.fsync(handle.fileno())
    return target
