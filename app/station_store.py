"""Opening a station's data directory: check it is usable, unlock, refuse newer, back up, migrate."""

from __future__ import annotations

from app.database_key import KeyChoice, obtain_key
from app.inspections.evidence import EVIDENCE_FILE, open_evidence_database
from app.paths import DataDir
from localdb.bulk_indexes import restore_after_crash
from localdb.database import Database
from localdb.engine import create_station_engine
from localdb.migrate import upgrade
from sync.credentials import CredentialStore


def open_station_database(data_dir: DataDir, choice: KeyChoice, store: CredentialStore) -> Database:
    """Open (creating when absent) and migrate the station database of ``data_dir``.

    Every failure is one of the known errors of app/errors.py or localdb/errors.py, raised before anything on
    disk was changed; an upgrade is preceded by an encrypted backup in ``data_dir.backups``.
    """
    data_dir.ensure_writable()
    return _open_main(data_dir, obtain_key(data_dir, choice, store))


def open_station_databases(data_dir: DataDir, choice: KeyChoice, store: CredentialStore) -> tuple[Database, Database]:
    """The station database and its evidence store (``evidence.db``, same key), unlocking only once."""
    data_dir.ensure_writable()
    key = obtain_key(data_dir, choice, store)
    db = _open_main(data_dir, key)
    try:
        return db, open_evidence_database(data_dir.root / EVIDENCE_FILE, key)
    except BaseException:
        db.close()
        raise


def _open_main(data_dir: DataDir, key: bytes) -> Database:
    engine = create_station_engine(data_dir.database, key)
    try:
        upgrade(engine, data_dir.database, data_dir.backups)
    except BaseException:
        engine.dispose()
        raise
    db = Database(engine=engine, path=data_dir.database)
    restore_after_crash(db)  # indexes a killed initial pull left dropped
    return db
