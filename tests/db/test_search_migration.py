"""Migration 0007: a station of the previous build gets the contentless gram index, with the same entries and the
same search answers, after the usual backup."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import select

from app.paths import DataDir
from app.records import OperatorFilter
from app.services.demo import create_demo_station
from app.services.registry import RegistryService
from localdb.database import Database
from localdb.migrate import _config, current_revisions, head_revisions
from localdb.models import Operator
from localdb.search_index import GRAMS_DDL
from tests.db.search_entries import postings
from tests.support.stations import open_with_key_file, write_random_key_file

ANY = OperatorFilter()


def _grams_ddl(db: Database) -> str:
    with db.engine.connect() as conn:
        ddl = str(conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'operator_grams'").scalar())
        conn.rollback()
    return ddl


def _answers(db: Database) -> dict[str, list[str]]:
    """Search answers for one- and two-character terms (the gram index), a Latin name fragment and longer text."""
    with db.reader() as session:
        names = list(session.scalars(select(Operator.name).order_by(Operator.search_rowid).limit(6)))
    queries = [q for name in names for q in (name[:1], name[1:3], name[-4:])] + ["昆明", "号", "5", "hp", "有限公司"]
    registry = RegistryService(db)
    return {query: registry.search_ids(query, ANY) for query in queries}


def test_upgrade_rebuilds_the_gram_index_contentless(tmp_path: Path) -> None:
    root, key_file = tmp_path / "station", tmp_path / "station.key"
    root.mkdir()
    write_random_key_file(key_file)
    db = open_with_key_file(root, key_file)
    try:
        create_demo_station(db, 150)
        config = _config()
        with db.engine.begin() as conn:  # back to the schema of the previous build, content table and all
            config.attributes["connection"] = conn
            command.downgrade(config, "0007-1")
        assert "0005" in current_revisions(db.engine) and "tokenize = 'unicode61'" in _grams_ddl(db)
        entries, answers = postings(db), _answers(db)
    finally:
        db.close()
    assert entries["operator_grams"] and any(answers.values())

    db = open_with_key_file(root, key_file)  # the next start upgrades
    try:
        assert current_revisions(db.engine) == head_revisions()
        assert _grams_ddl(db) == GRAMS_DDL
        assert postings(db) == entries
        assert _answers(db) == answers
    finally:
        db.close()
    assert any(DataDir(root).backups.iterdir()), "the upgrade took a backup first"
