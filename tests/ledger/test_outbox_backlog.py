"""An import's outbox entries are written just after its commit, at seqs the commit reserved
(localdb/outbox_backlog.py): whoever comes first — an officer's save, the sync, the background worker, a chunked
write — the outbox ends up exactly as if the commit had written them."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.ledger.service import LedgerImportService
from app.records import OperatorFilter
from app.services.registry import RegistryService
from localdb.database import Database
from localdb.sync_facts import PROPOSALS
from localdb.sync_store import LocalSyncStore
from tests.ledger.conftest import officer, table_rows
from tests.ledger.files import rows_basic, write_xlsx


def _import(db: Database, tmp_path: Path) -> dict[str, Any]:
    """Import the three basic rows; returns the import batch's seq range."""
    service = LedgerImportService(db)
    service.commit(service.dry_run(write_xlsx(tmp_path / "a.xlsx", rows_basic())), officer(db))
    with db.engine.connect() as conn:
        first, last = conn.exec_driver_sql("SELECT outbox_first, outbox_last FROM import_batch").one()
        conn.rollback()
    return {"first": first, "last": last}


def _entries(db: Database) -> list[tuple[int, str, str, str, dict[str, Any]]]:
    """(seq, entity, entity_id, op, payload) of every outbox entry, in seq order."""
    return [(row[0], row[1], row[2], row[3], json.loads(row[5])) for row in table_rows(db, "sync_outbox")]


def test_an_edit_right_after_the_import_follows_the_import_entries(empty_db: Database, tmp_path: Path) -> None:
    batch = _import(empty_db, tmp_path)
    assert table_rows(empty_db, "sync_outbox") == [] and empty_db.outbox_waiting()
    registry = RegistryService(empty_db)
    [edited] = registry.search_ids("翠湖电子", OperatorFilter())
    detail = registry.detail(edited)
    registry.update(edited, replace(detail.draft, phone="13999990000"), officer(empty_db))

    assert not empty_db.outbox_waiting(), "the save wrote the import's entries first"
    entries = _entries(empty_db)
    seqs = [seq for seq, *_ in entries]
    imported = [e for e in entries if batch["first"] <= e[0] <= batch["last"]]
    assert [seq for seq, *_ in imported] == list(range(batch["first"], batch["last"] + 1))
    create = next(p for _, entity, _, _, p in imported if entity == "operator_proposal" and p["operator_id"] == edited)
    assert create["fields"]["phone"] == "13800138000", "the create carries the row as imported, not as edited"
    later = [e for e in entries if e[0] > batch["last"]]
    assert later and all(e[2] == edited for e in later), "the edit's entries come after the import's"
    assert seqs == sorted(seqs)


def test_the_sync_reads_the_whole_outbox_before_the_entries_are_written(empty_db: Database, tmp_path: Path) -> None:
    batch = _import(empty_db, tmp_path)
    store = LocalSyncStore(empty_db, None, lambda name: name)
    assert store.unanswered_count() == batch["last"] - batch["first"] + 1
    sent = store.unanswered(100)
    assert [entry["seq"] for entry in sent] == list(range(batch["first"], batch["last"] + 1))
    assert store.outbox_counter() == batch["last"]
    assert not empty_db.outbox_waiting()


def test_entries_written_chunk_by_chunk_take_the_reserved_seqs(empty_db: Database, tmp_path: Path) -> None:
    batch = _import(empty_db, tmp_path)
    chunks: list[int] = []

    def two_chunks_then_stop() -> bool:
        chunks.append(len(_entries(empty_db)))
        return len(chunks) > 2

    assert empty_db.settle_outbox(2, two_chunks_then_stop) == 3, "2 operators, then the third (the range's end)"
    assert chunks == [0, 2, 3], "one transaction per chunk, stopping between chunks"
    assert empty_db.outbox_waiting()
    assert empty_db.settle_outbox(2) == batch["last"] - batch["first"] + 1 - 3
    entries = _entries(empty_db)
    assert [seq for seq, *_ in entries] == list(range(batch["first"], batch["last"] + 1))
    kinds = [(entity, op) for _, entity, _, op, _ in entries]
    assert kinds == [("operator_proposal", "propose")] * 3 + [("carrier", "upsert")] * (len(kinds) - 3)
    with empty_db.engine.connect() as conn:
        carriers = [row[0] for row in conn.exec_driver_sql("SELECT id FROM carrier ORDER BY rowid")]
        conn.rollback()
    assert [entity_id for _, entity, entity_id, _, _ in entries if entity == "carrier"] == carriers


def test_entries_of_changed_rows_never_sit_above_seqs_still_to_write(empty_db: Database, tmp_path: Path) -> None:
    """An import that changes rows and adds rows writes the changed rows' entries at once and reserves the new
    rows' seqs above them, last: a sync reading while the backlog waits sends nothing it would have to send before
    the waiting entries (the server refuses a seq lower than one it has seen), and the proposal index, which reads
    only seqs above those it has seen, still finds the new rows' proposals once they are written."""
    _import(empty_db, tmp_path)
    empty_db.settle_outbox()
    rows = rows_basic()
    rows[1][4] = "0571-11112222"  # changed
    rows.append([4, "昆明市新开商行", "", "赵新", "13700137000", None, "", "", ""])  # new
    service = LedgerImportService(empty_db)
    preview = service.dry_run(write_xlsx(tmp_path / "b.xlsx", rows))
    assert (preview.counts().changed, preview.counts().new) == (1, 1)
    service.commit(preview, officer(empty_db))

    with empty_db.engine.connect() as conn:
        written = int(conn.exec_driver_sql("SELECT max(seq) FROM sync_outbox").scalar() or 0)
        waiting_from = int(conn.exec_driver_sql("SELECT min(first_seq) FROM outbox_backlog").scalar() or 0)
        conn.rollback()
    assert written < waiting_from, "the changed row's entries are below the reserved seqs"
    with empty_db.reader() as session:
        before = PROPOSALS.seqs(session, _operator_ids(empty_db))
    assert all(seq <= written for seq in before)

    empty_db.settle_outbox()
    with empty_db.reader() as session:
        after = PROPOSALS.seqs(session, _operator_ids(empty_db))
    new_proposals = [seq for seq, entity, *_ in _entries(empty_db) if seq > written and entity == "operator_proposal"]
    assert len(new_proposals) == 1 and set(new_proposals) <= set(after)


def _operator_ids(db: Database) -> list[str]:
    return [row[0] for row in table_rows(db, "operator")]
