"""The local side of sync: outbox reads and results, sync state, applying pulled pages, local checksums.

The engine (sync/engine.py) talks to this through plain data (dicts, tuples): ``localdb`` and ``sync`` are
independent layers and the app layer wires them (app/services/sync.py). Every method is one local transaction.

Pulled pages are applied with Core statements, never through an ORM session, so nothing a pull writes reaches the
outbox. Registry rows are applied with the search-index triggers suspended and reindexed set-wise per page
(:func:`localdb.search_index.reindex_rows` over runs of consecutive ``search_rowid``) — except in a full run (the
initial pull, a resync), whose pages only put their rows in the search backlog; the end of the run indexes the
backlog in chunks. ``name_initials`` comes from the function the app layer passes in.

A correction proposal refused at push (:meth:`LocalSyncStore.record_results`) or first pulled as rejected puts the
province's values back into the operator's row in the same transaction (:mod:`localdb.proposal_revert`): the
operator's version does not change, so nothing else would.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any, Final

from sqlalchemy import Connection, Table, bindparam, func, insert, select, text, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from localdb.bulk_indexes import drop_for_load, restore_after_crash, restore_indexes
from localdb.database import Database
from localdb.inspection_models import EvidenceBlob, EvidenceChunk, Inspection, InspectionEvidence
from localdb.models import Carrier, License, Operator, Station
from localdb.outbox_backlog import waiting
from localdb.proposal_revert import DECLINED_REASON, REFUSED_REASON, revert_rejected
from localdb.pull_apply import (
    MalformedPull,
    PreparedPage,
    apply_registry,
    prepare_page,
    stage,
    staged,
    staged_ids,
)
from localdb.raw_rows import stored_datetime
from localdb.search_backlog import BULK_CHUNK, drain_backlog
from localdb.search_index import defer_indexing, defer_range, reindex_rows, runs, triggers_suspended
from localdb.sync_models import APPLIED, PENDING, REJECTED, SENT, OutboxEntry, SyncDocument, SyncState

REGISTRY: Final[dict[str, Table]] = {
    "operator": Operator.__table__,  # type: ignore[dict-item]
    "carrier": Carrier.__table__,  # type: ignore[dict-item]
    "license": License.__table__,  # type: ignore[dict-item]
}
PROPOSAL: Final = "operator_proposal"
DOCUMENTS: Final = (PROPOSAL, "inspection", "evidence")
LOCAL_DOCUMENT_TABLES: Final[dict[str, Table]] = {
    "inspection": Inspection.__table__,  # type: ignore[dict-item]
    "evidence": InspectionEvidence.__table__,  # type: ignore[dict-item]
}
STATE_TABLE: Final[Table] = SyncState.__table__  # type: ignore[assignment]
DOCUMENT_TABLE: Final[Table] = SyncDocument.__table__  # type: ignore[assignment]
CHUNK: Final = 500
"""Ids per ``IN (…)`` lookup (well under SQLite's variable limit)."""


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


class LocalSyncStore:
    """The station database (and its evidence store) as the sync engine sees it."""

    def __init__(self, db: Database, evidence_db: Database | None, initials: Callable[[str], str]) -> None:
        self._db = db
        self._evidence_db = evidence_db
        self._initials = initials
        self._full = False
        self._seen: dict[str, set[str]] | None = None
        """The ids a full run delivered, per entity; ``None`` when the run began on an empty register (nothing
        stored can then be missing from it: an initial pull skips collecting a quarter of a million ids)."""

    # -- state ---------------------------------------------------------------------------------------------------
    def state(self) -> dict[str, Any] | None:
        """The sync state row as a dict, or ``None`` before the first sync."""
        with self._db.reader() as session:
            row = session.get(SyncState, 1)
            if row is None:
                return None
            return {c.key: getattr(row, c.key) for c in SyncState.__table__.columns}

    def save_state(self, **values: Any) -> None:
        """Create or update the sync state row."""
        with self._db.bulk_transaction() as conn:
            self._save_state(conn, values)

    @staticmethod
    def _save_state(conn: Connection, values: dict[str, Any]) -> None:
        if not values:
            return
        table = STATE_TABLE
        exists = conn.scalar(select(table.c.id).where(table.c.id == 1))
        if exists is None:
            defaults = {"id": 1, "station_code": "", "username": "", "seq_offset": 0, "epoch": "", "position": 0}
            defaults["index_pending"] = 0
            conn.execute(insert(table).values({**defaults, "last_pushed_seq": 0, **values}))
        else:
            conn.execute(update(table).where(table.c.id == 1).values(values))

    def local_station(self) -> dict[str, Any]:
        """What the data dir holds: station name and code (or ``None``), live operators and inspections."""
        with self._db.reader() as session:
            station = session.execute(select(Station.code, Station.name).limit(1)).first()
            operators = session.scalar(select(func.count()).select_from(Operator)) or 0
            inspections = session.scalar(select(func.count()).select_from(Inspection)) or 0
            return {
                "code": station.code if station else None,
                "name": station.name if station else None,
                "operators": operators,
                "inspections": inspections,
            }

    def ensure_station(self, station_id: str, code: str, name: str, region_code: str) -> None:
        """Create the station row (for an initial pull into an empty data dir) or adopt the server's names."""
        with self._db.bulk_transaction() as conn:
            existing = conn.scalar(select(Station.id).limit(1))
            if existing is None:
                conn.execute(
                    insert(Station).values(id=station_id, code=code, name=name, region_code=region_code or "000000")
                )
            else:
                conn.execute(update(Station).where(Station.id == existing).values(code=code, name=name))

    # -- outbox --------------------------------------------------------------------------------------------------
    @contextmanager
    def _outbox_reader(self) -> Iterator[Session]:
        """A reader whose snapshot holds no outbox backlog (the entries of an import written just after its
        commit, localdb/outbox_backlog.py): what the sync counts and sends is the whole outbox. The backlog is
        written in chunks, then looked for again in the reader's own snapshot (an import may commit in between)."""
        while True:
            with self._db.reader() as session:
                if not waiting(session.connection()):
                    yield session
                    return
            self._db.settle_outbox()

    def outbox_counter(self) -> int:
        """The highest local seq ever assigned (entries are kept after they are answered)."""
        with self._outbox_reader() as session:
            return int(session.scalar(select(func.max(OutboxEntry.seq))) or 0)

    def unanswered(self, limit: int, after: int = 0) -> list[dict[str, Any]]:
        """Entries still to send (pending, or sent without a recorded answer), in seq order."""
        with self._outbox_reader() as session:
            rows = session.scalars(
                select(OutboxEntry)
                .where(OutboxEntry.state.in_((PENDING, SENT)), OutboxEntry.seq > after)
                .order_by(OutboxEntry.seq)
                .limit(limit)
            ).all()
            return [
                {
                    "seq": r.seq,
                    "entity": r.entity,
                    "id": r.entity_id,
                    "op": r.op,
                    "base_version": r.base_version,
                    "data": json.loads(r.payload),
                    "client_time": r.created_at.isoformat(timespec="seconds") if r.created_at else None,
                }
                for r in rows
            ]

    def unanswered_count(self) -> int:
        with self._outbox_reader() as session:
            return int(session.scalar(select(func.count()).where(OutboxEntry.state.in_((PENDING, SENT)))) or 0)

    def summary(self) -> dict[str, Any]:
        """Unanswered entries by entity and op, evidence files still to upload (count, bytes), rejections."""
        with self._outbox_reader() as session:
            counts: dict[str, int] = {}
            for entity, op, count in session.execute(
                select(OutboxEntry.entity, OutboxEntry.op, func.count())
                .where(OutboxEntry.state.in_((PENDING, SENT)))
                .group_by(OutboxEntry.entity, OutboxEntry.op)
            ):
                counts[f"{entity}/{op}"] = int(count)
            rejected = [
                {"seq": r.seq, "entity": r.entity, "id": r.entity_id, "code": r.code, "reason": r.reason}
                for r in session.scalars(
                    select(OutboxEntry).where(OutboxEntry.state == REJECTED).order_by(OutboxEntry.seq)
                )
            ]
        blobs = self.pending_blobs()
        return {
            "counts": counts,
            "files": len(blobs),
            "file_bytes": sum(size for _, size in blobs),
            "rejected": rejected,
        }

    def mark_sent(self, seqs: Sequence[int]) -> None:
        with self._db.bulk_transaction() as conn:
            conn.execute(
                update(OutboxEntry).where(OutboxEntry.seq.in_(seqs), OutboxEntry.state == PENDING).values(state=SENT)
            )

    def record_results(self, results: Sequence[dict[str, Any]], offset: int) -> None:
        """Store the server's answer for each entry (local seq = wire seq + offset) in one transaction; a refused
        correction proposal's fields take the province's values again in the same transaction
        (:mod:`localdb.proposal_revert`)."""
        if not results:
            return
        rows = [
            {
                "b_seq": int(r["seq"]) + offset,
                "state": APPLIED if r["status"] == "applied" else REJECTED,
                "code": r.get("code"),
                "reason": r.get("reason"),
                "result": json.dumps(r, ensure_ascii=False),
            }
            for r in results
        ]
        with self._db.bulk_transaction() as conn:
            conn.execute(
                update(OutboxEntry)
                .where(OutboxEntry.seq == bindparam("b_seq"))
                .values(state=bindparam("state"), code=bindparam("code"), reason=bindparam("reason"))
                .values(result=bindparam("result")),
                rows,
            )
            self._save_state(conn, {"last_pushed_seq": max(int(r["seq"]) + offset for r in results)})
            refused = {
                str(r["id"]): REFUSED_REASON.format(
                    why=": ".join(str(r[key]) for key in ("code", "reason") if r.get(key))
                )
                for r in results
                if r["status"] != "applied" and r.get("entity") == PROPOSAL
            }
            revert_rejected(conn, refused, self._initials)  # the index triggers are on: they reindex the rows

    def renumber(self, device_id: str) -> int:
        """Register as a new device: unanswered entries are numbered from 1 again; returns the new offset."""
        with self._db.bulk_transaction() as conn:
            first = conn.scalar(select(func.min(OutboxEntry.seq)).where(OutboxEntry.state.in_((PENDING, SENT))))
            offset = (int(first) - 1) if first is not None else int(conn.scalar(select(func.max(OutboxEntry.seq))) or 0)
            conn.execute(update(OutboxEntry).where(OutboxEntry.state == SENT).values(state=PENDING))
            self._save_state(conn, {"device_id": device_id, "seq_offset": offset})
            return offset

    def pending_blobs(self) -> list[tuple[str, int]]:
        """``(sha256, size)`` of evidence files referenced by unanswered evidence entries."""
        with self._db.reader() as session:
            found: dict[str, int] = {}
            for payload in session.scalars(
                select(OutboxEntry.payload).where(
                    OutboxEntry.entity == "evidence", OutboxEntry.op == "upsert", OutboxEntry.state.in_((PENDING, SENT))
                )
            ):
                data = json.loads(payload)
                found[str(data["sha256"])] = int(data["size"])
            return list(found.items())

    def blob_chunks(self, sha256: str) -> tuple[int, Callable[[], Iterable[bytes]]] | None:
        """An evidence file's size and a reader of its stored chunks, or ``None`` when the store lacks it.

        The reader reads one chunk per short read transaction, so an upload holds one chunk in memory, never the
        whole file; it can be called again to send the file again."""
        evidence_db = self._evidence_db
        if evidence_db is None:
            return None
        with evidence_db.reader() as session:
            size = session.scalar(select(EvidenceBlob.size).where(EvidenceBlob.sha256 == sha256))
            chunk_of_blob = EvidenceChunk.sha256 == sha256
            seqs = list(session.scalars(select(EvidenceChunk.seq).where(chunk_of_blob).order_by(EvidenceChunk.seq)))
        if size is None or not seqs:
            return None

        def chunks() -> Iterable[bytes]:
            for seq in seqs:
                with evidence_db.reader() as session:
                    piece = session.scalar(
                        select(EvidenceChunk.data).where(EvidenceChunk.sha256 == sha256, EvidenceChunk.seq == seq)
                    )
                if piece is None:
                    return  # deleted meanwhile: the upload stops short and is refused as a changed file
                yield piece

        return int(size), chunks

    # -- pull ----------------------------------------------------------------------------------------------------
    def restore_indexes(self) -> None:
        """Build the indexes an initial pull dropped, if a run ended before its end (a failure, a cancel)."""
        restore_after_crash(self._db)

    def begin_full(self) -> None:
        """Start a full run: remember every id it delivers, to drop the others at the end (unless nothing is stored
        yet)."""
        self._full = True
        with self._db.engine.connect() as conn:
            tables = [*(table.name for table in REGISTRY.values()), DOCUMENT_TABLE.name]
            stored = any(conn.exec_driver_sql(f"SELECT 1 FROM {name} LIMIT 1").first() for name in tables)
            conn.rollback()
        self._seen = {name: set() for name in (*REGISTRY, *DOCUMENTS)} if stored else None

    def prepare_page(self, body: bytes) -> PreparedPage:
        """Make a pulled page's body ready for :meth:`apply_page` (the engine calls this on its fetch thread)."""
        return prepare_page(body, self._initials)

    def apply_page(self, pages: Sequence[PreparedPage], state: dict[str, Any]) -> tuple[int, int]:
        """Apply pulled pages (in order) and store ``state`` (the new cursor…) in one transaction; returns (changes
        the pages hold, rows changed). The changes are staged and applied by SQLite itself (localdb/pull_apply.py);
        a malformed one, or one the register's constraints refuse (a carrier of an unknown operator), raises
        :class:`~localdb.pull_apply.MalformedPull` and nothing is written."""
        full = self._full
        applied = 0
        now = stored_datetime(datetime.now())
        with self._db.bulk_transaction() as conn, triggers_suspended(conn):
            pulled = stage(conn, pages)
            if self._seen is not None:
                for entity, ids in self._seen.items():
                    ids |= staged_ids(conn, entity)
            if full and not conn.exec_driver_sql("SELECT 1 FROM operator LIMIT 1").first():
                drop_for_load(conn, list(REGISTRY))  # an initial pull: indexes built once in finish_pull
            rowids: set[int] = set()
            # Parents first within the pages too (the server's commit order already guarantees it across pages).
            for entity, table in REGISTRY.items():
                try:
                    changed, touched = apply_registry(conn, entity, table, full, now)
                except IntegrityError as exc:
                    raise MalformedPull(f"{entity}: {exc.orig}") from exc
                applied += changed
                if full:  # a big run: committed now, indexed from the backlog at its end (finish_pull)
                    defer_indexing(conn, touched)  # now: the carriers' operators deferred here are left out
                else:
                    rowids |= touched
            for entity in DOCUMENTS:
                changes = staged(conn, entity)
                if changes:
                    applied += self._apply_documents(conn, entity, changes, full)
            for first, last in runs(rowids):
                reindex_rows(conn, first, last)
            self._save_state(conn, state)
        return pulled, applied

    @staticmethod
    def _carrier_parents(conn: Connection, ids: Sequence[str]) -> list[Any]:
        rows: list[Any] = []
        for part in _chunks(ids):
            rows += conn.execute(select(Carrier.operator_id).where(Carrier.id.in_(part))).all()
        return rows

    def _apply_documents(self, conn: Connection, entity: str, changes: list[dict[str, Any]], full: bool) -> int:
        table = DOCUMENT_TABLE
        declined = self._newly_declined(conn, changes) if entity == PROPOSAL else {}
        rows = [
            {
                "entity": entity,
                "id": c["id"],
                "version": int(c["version"]),
                "deleted": 1 if c["op"] == "delete" else 0,
                "data": json.dumps(c["data"], ensure_ascii=False) if c["data"] is not None else None,
            }
            for c in changes
        ]
        statement = sqlite_insert(table)
        newer = (
            text("excluded.version != sync_document.version")
            if full
            else statement.excluded.version > (table.c.version)
        )
        conn.execute(
            statement.on_conflict_do_update(
                index_elements=[table.c.entity, table.c.id],
                set_={"version": statement.excluded.version, "deleted": statement.excluded.deleted}
                | {"data": statement.excluded.data},
                where=newer,
            ),
            rows,
        )
        local = LOCAL_DOCUMENT_TABLES.get(entity)
        if local is not None:
            # The local record is in step with the server unless an edit of it is still waiting in the outbox, or
            # the newest one was refused: then the server's copy is not this one (``modified`` keeps saying so).
            conn.execute(
                text(
                    f"UPDATE {local.name} SET server_version = :version, change_state = CASE "
                    "WHEN EXISTS (SELECT 1 FROM sync_outbox AS o WHERE o.entity = :entity "
                    f"AND o.entity_id = {local.name}.id AND o.state IN ('pending', 'sent')) THEN change_state "
                    "WHEN (SELECT o.state FROM sync_outbox AS o WHERE o.entity = :entity "
                    f"AND o.entity_id = {local.name}.id ORDER BY o.seq DESC LIMIT 1) = 'rejected' "
                    "THEN CASE change_state WHEN 'synced' THEN 'modified' ELSE change_state END "
                    "ELSE 'synced' END WHERE id = :b_id"
                ),
                [{"b_id": row["id"], "version": row["version"], "entity": entity} for row in rows],
            )
        if declined:  # the pull runs with the index triggers suspended: reindex the rows reverted here
            for reverted in revert_rejected(conn, declined, self._initials):
                reindex_rows(conn, reverted.search_rowid, reverted.search_rowid)
        return len(rows)

    @staticmethod
    def _newly_declined(conn: Connection, changes: list[dict[str, Any]]) -> dict[str, str]:
        """Proposals the page brings as rejected for the first time, with the audit reason of putting the province's
        values back (read before the page's documents are stored; those this computer did not write are ignored
        later)."""
        rejected = {
            str(c["id"]): str(c["data"].get("decision_reason") or "")
            for c in changes
            if c["op"] == "upsert" and c["data"] and c["data"].get("status") == "rejected"
        }
        if not rejected:
            return {}
        docs = DOCUMENT_TABLE
        known: set[str] = set()
        for part in _chunks(sorted(rejected)):
            known.update(
                conn.scalars(
                    select(docs.c.id).where(
                        docs.c.entity == PROPOSAL,
                        docs.c.id.in_(part),
                        func.json_extract(docs.c.data, "$.status") == "rejected",
                    )
                )
            )
        return {
            proposal_id: DECLINED_REASON.format(why=why or "-")
            for proposal_id, why in rejected.items()
            if proposal_id not in known
        }

    def finish_pull(self) -> int:
        """End a pull run: after a full run, drop what the server no longer has; index what a full run applied.

        Returns how many local records a full run found gone on the server."""
        seen, self._seen, self._full = self._seen, None, False
        removed = 0
        now = datetime.now()
        with self._db.bulk_transaction() as conn:
            if seen is not None:
                for entity, table in REGISTRY.items():
                    known = conn.execute(
                        select(table.c.id).where(table.c.server_version.is_not(None), table.c.deleted_at.is_(None))
                    ).scalars()
                    gone = [record_id for record_id in known if record_id not in seen[entity]]
                    for part in _chunks(gone):
                        conn.execute(update(table).where(table.c.id.in_(part)).values(deleted_at=now))
                    if entity == "carrier":  # their operators' searchable text lost the carrier
                        parents = [str(row.operator_id) for row in self._carrier_parents(conn, gone)]
                        for part in _chunks(parents):
                            defer_indexing(
                                conn, conn.scalars(select(Operator.search_rowid).where(Operator.id.in_(part)))
                            )
                    removed += len(gone)
                docs = DOCUMENT_TABLE
                for entity in DOCUMENTS:
                    known_docs = conn.execute(
                        select(docs.c.id).where(docs.c.entity == entity, docs.c.deleted == 0)
                    ).scalars()
                    gone = [record_id for record_id in known_docs if record_id not in seen[entity]]
                    for part in _chunks(gone):
                        conn.execute(update(docs).where(docs.c.entity == entity, docs.c.id.in_(part)).values(deleted=1))
                    removed += len(gone)
            if conn.scalar(select(STATE_TABLE.c.index_pending).where(STATE_TABLE.c.id == 1)):
                # a run begun by an older version, which indexed everything at the end
                defer_range(conn, 1, int(conn.scalar(select(func.max(Operator.search_rowid))) or 0))
                self._save_state(conn, {"index_pending": 0})
            restore_indexes(conn)
        drain_backlog(self._db, chunk=BULK_CHUNK)  # the run's rows were findable meanwhile; now they are indexed
        return removed

    def digest_pairs(self) -> dict[str, list[tuple[str, int]]]:
        """``(id, server version)`` of every live record the server knows, per entity (for verify). Fetched as the
        driver's tuples: after an initial pull these are a quarter of a million rows."""
        queries: dict[str, tuple[str, tuple[str, ...]]] = {
            entity: (
                f"SELECT id, server_version FROM {table.name} WHERE deleted_at IS NULL AND server_version IS NOT NULL",
                (),
            )
            for entity, table in REGISTRY.items()
        }
        for entity in DOCUMENTS:
            queries[entity] = ("SELECT id, version FROM sync_document WHERE entity = ? AND deleted = 0", (entity,))
        with self._db.engine.connect() as conn:
            cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            try:
                pairs = {entity: cursor.execute(sql, params).fetchall() for entity, (sql, params) in queries.items()}
            finally:
                cursor.close()
                conn.rollback()
        return pairs

    # -- reads for the sync page: pre-flight, receipt, conflict view (answer questions, never change sync state) --
    def pending_records(self) -> dict[str, int]:
        """Distinct records with unanswered entries, per entity (several autosaves of one inspection count once)."""
        with self._outbox_reader() as session:
            return {
                str(entity): int(count)
                for entity, count in session.execute(
                    select(OutboxEntry.entity, func.count(OutboxEntry.entity_id.distinct()))
                    .where(OutboxEntry.state.in_((PENDING, SENT)))
                    .group_by(OutboxEntry.entity)
                )
            }

    def unanswered_seqs(self) -> list[int]:
        """Local seqs of the entries the next sync will send (to tell afterwards what that sync answered)."""
        with self._outbox_reader() as session:
            return list(session.scalars(select(OutboxEntry.seq).where(OutboxEntry.state.in_((PENDING, SENT)))))

    def answers(self, seqs: Sequence[int]) -> list[dict[str, Any]]:
        """Entity, record id, state and the server's code and reason of the given entries, in seq order."""
        columns = (OutboxEntry.seq, OutboxEntry.entity, OutboxEntry.entity_id, OutboxEntry.state)
        found: list[dict[str, Any]] = []
        with self._db.reader() as session:
            for start in range(0, len(seqs), CHUNK):
                query = select(*columns, OutboxEntry.code, OutboxEntry.reason).where(
                    OutboxEntry.seq.in_(seqs[start : start + CHUNK])
                )
                found += [
                    {
                        "seq": r.seq,
                        "entity": r.entity,
                        "id": r.entity_id,
                        "state": r.state,
                        "code": r.code,
                        "reason": r.reason,
                    }
                    for r in session.execute(query)
                ]
        return sorted(found, key=lambda answer: int(answer["seq"]))

    def outbox_entries(self, entity: str | None = None, state: str | None = None) -> list[dict[str, Any]]:
        """Outbox entries (optionally of one entity and/or state) with their data, in seq order."""
        query = select(OutboxEntry).order_by(OutboxEntry.seq)
        if entity is not None:
            query = query.where(OutboxEntry.entity == entity)
        if state is not None:
            query = query.where(OutboxEntry.state == state)
        with self._outbox_reader() as session:
            return [
                {
                    "seq": r.seq,
                    "entity": r.entity,
                    "id": r.entity_id,
                    "op": r.op,
                    "base_version": r.base_version,
                    "data": json.loads(r.payload),
                    "state": r.state,
                    "code": r.code,
                    "reason": r.reason,
                    "created_at": r.created_at,
                }
                for r in session.scalars(query)
            ]

    def documents(self, entity: str) -> list[dict[str, Any]]:
        """The live pulled documents of one entity (e.g. the station's proposals with the province's decision)."""
        docs = DOCUMENT_TABLE
        with self._db.reader() as session:
            return [
                {"id": r.id, "version": r.version, "data": json.loads(r.data) if r.data else {}}
                for r in session.execute(
                    select(docs.c.id, docs.c.version, docs.c.data).where(docs.c.entity == entity, docs.c.deleted == 0)
                )
            ]

    def records(self, entity: str, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Current local rows of registry records by id (every column, deleted ones included)."""
        table = REGISTRY[entity]
        found: dict[str, dict[str, Any]] = {}
        with self._db.reader() as session:
            for part in _chunks(sorted(set(ids))):
                for row in session.execute(select(table).where(table.c.id.in_(part))).mappings():
                    found[str(row["id"])] = dict(row)
        return found

    def missing_blobs(self, sha256s: Sequence[str]) -> list[str]:
        """Those of ``sha256s`` whose bytes the evidence store does not hold (their upload cannot happen)."""
        if self._evidence_db is None:
            return list(sha256s)
        held: set[str] = set()
        with self._evidence_db.reader() as session:
            for part in _chunks(sorted(set(sha256s))):
                held.update(session.scalars(select(EvidenceBlob.sha256).where(EvidenceBlob.sha256.in_(part))))
        return [sha for sha in sha256s if sha not in held]
