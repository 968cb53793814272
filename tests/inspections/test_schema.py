"""The inspection schema: migration 0003 (a branch from 0001) creates exactly what the models declare, with its
guard triggers; evidence.db is versioned, refused when newer, and keyed like the station database."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

import localdb.inspection_models as models
from app.inspections.evidence import EVIDENCE_FILE, open_evidence_database
from localdb.errors import NewerSchemaError, WrongKeyError
from localdb.migrate import MIGRATIONS_DIR
from localdb.models import Base
from tests.inspections.conftest import Desk

INSPECTION_TABLES = {
    "checklist_template",
    "checklist_item",
    "officer_conflict",
    "inspection_task",
    "task_draw",
    "task_target",
    "inspection",
    "inspection_officer",
    "inspection_answer",
    "inspection_evidence",
    "inspection_chain",
    "rectification",
}


def test_the_migration_matches_the_models(desk: Desk) -> None:
    assert set(Base.metadata.tables) >= INSPECTION_TABLES
    with desk.db.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        triggers = set(conn.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))

    # the full-text index tables (and any other branch's tables without models) exist only in migrations
    unmodelled = [d for d in diffs if isinstance(d, tuple) and d[0] == "remove_table"]
    assert all(d[1].name not in Base.metadata.tables for d in unmodelled)
    assert [d for d in diffs if d not in unmodelled] == []
    assert {
        "inspection_chain_no_update",
        "inspection_chain_no_delete",
        "inspection_finalized_no_update",
        "inspection_answer_finalized_no_insert",
        "inspection_evidence_finalized_no_delete",
        "checklist_template_immutable",
    } <= triggers


def test_inspections_are_a_branch_from_the_initial_schema() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    revision = ScriptDirectory.from_config(config).get_revision("0003")
    assert revision is not None and revision.down_revision == "0001"


def test_every_table_carries_the_sync_columns() -> None:
    for name in INSPECTION_TABLES:
        columns = set(Base.metadata.tables[name].columns.keys())
        assert {"origin", "server_version", "change_state", "created_at", "updated_at", "deleted_at"} <= columns, name


def test_evidence_store_is_versioned_and_keyed(tmp_path: Path) -> None:
    key = secrets.token_bytes(32)
    path = tmp_path / EVIDENCE_FILE
    store = open_evidence_database(path, key)
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA user_version")).scalar() == models.EVIDENCE_SCHEMA_VERSION
        conn.execute(text(f"PRAGMA user_version = {models.EVIDENCE_SCHEMA_VERSION + 1}"))
        conn.commit()
    store.close()
    with pytest.raises(NewerSchemaError):
        open_evidence_database(path, key)
    with pytest.raises(WrongKeyError):
        open_evidence_database(path, secrets.token_bytes(32))
