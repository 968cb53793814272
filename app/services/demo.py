"""Creating the demo station: the synthetic county of app/demo_data.py loaded into the station database.

Rows go in through SQLAlchemy Core ``executemany`` in batches inside one transaction, indexed for search one
batch at a time (localdb/search_index.py); a cancelled or failed run leaves the database exactly as it was.
"""

from __future__ import annotations

import multiprocessing
import random
import uuid
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor

from sqlalchemy import Connection, delete, insert, select

from app.demo_data import BATCH, COUNTY, OFFICERS, STATION_NAME, DemoBatch, generate_batch
from app.progress import Progress
from localdb.bulk_indexes import drop_for_load, restore_indexes
from localdb.database import Database
from localdb.inspection_models import Inspection, InspectionTask, OfficerConflict
from localdb.models import AuditLog, Carrier, License, Officer, Operator, Station
from localdb.search_index import clear_indexes, reindex_rows, triggers_suspended

PARALLEL_FROM = 20_000
"""From this many operators on, rows are generated in a second process."""


def holds_inspection_work(db: Database) -> bool:
    """Whether the station has inspections, tasks or conflict links: legal records the demo must never replace."""
    with db.reader() as session:
        return any(
            session.scalar(select(model.id).limit(1)) is not None
            for model in (Inspection, InspectionTask, OfficerConflict)
        )


def clear_station(conn: Connection) -> None:
    """Remove every registry row (used when a demo station replaces another; the audit log is kept)."""
    for model in (License, Carrier, Operator, Officer, Station):
        conn.execute(delete(model))
    clear_indexes(conn)


def create_demo_station(db: Database, operators: int, seed: int = 2026, progress: Progress | None = None) -> str:
    """Fill an empty (or cleared) database with a demo station; returns the station id.

    One transaction: cancelling (``progress`` raises :class:`app.progress.Cancelled`) leaves the database unchanged.
    For big stations the next batch's rows are made in a second process (the other core) while this one writes the
    current batch; small ones are made inline, where starting a process would cost more than it saves.
    """
    progress = progress or Progress.none()
    rng = random.Random(seed)
    station_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    starts = list(range(0, operators, BATCH))
    parallel = operators >= PARALLEL_FROM
    maker: Executor = (
        ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        if parallel
        else ThreadPoolExecutor(max_workers=1)
    )
    with db.bulk_transaction() as conn, maker, triggers_suspended(conn):
        clear_station(conn)
        if operators >= PARALLEL_FROM:  # a big empty register: its indexes are built once, after the rows
            drop_for_load(conn, ("operator", "license"))  # carrier's stay: indexing looks carriers up by operator
        conn.execute(
            insert(Station),
            [{"id": station_id, "code": "530102-HG", "name": STATION_NAME, "region_code": COUNTY["region"]}],
        )
        conn.execute(
            insert(Officer),
            [
                {
                    "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    "station_id": station_id,
                    "name": name,
                    "cert_no": cert,
                    "role": role,
                    "origin": "province",
                    "change_state": "synced",
                }
                for name, cert, role in OFFICERS
            ],
        )
        pending: Future[DemoBatch] | None = None
        for index, start in enumerate(starts):
            size = min(BATCH, operators - start)
            current = pending.result() if pending else generate_batch(seed, index, start, size, station_id)
            if index + 1 < len(starts):
                next_start = starts[index + 1]
                pending = maker.submit(
                    generate_batch, seed, index + 1, next_start, min(BATCH, operators - next_start), station_id
                )
            conn.execute(insert(Operator), current.operators)
            conn.execute(insert(Carrier), current.carriers)
            reindex_rows(conn, start + 1, start + size)
            if current.licenses:
                conn.execute(insert(License), current.licenses)
            if current.audit:
                conn.execute(insert(AuditLog), current.audit)
            progress.step(start + size, operators)
        restore_indexes(conn)
    return station_id
