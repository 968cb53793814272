"""Two writers at once: the second waits for the first (busy timeout) instead of failing.

The GUI funnels its writes through one worker, but a station database also has other writers (the sync engine,
an import, a second window, the CLI); a short write elsewhere must delay a save, never lose it.
"""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import func, select

from app.records import Actor
from app.services.registry import RegistryService
from localdb.database import Database
from localdb.models import Operator
from tests.support.stations import add_station, draft, memory_store, open_with_keyring

WRITERS = 3
SAVES_EACH = 15


def test_concurrent_saves_all_succeed(tmp_path: Path) -> None:
    db: Database = open_with_keyring(tmp_path / "station", memory_store())
    try:
        actor: Actor = add_station(db)
        registry = RegistryService(db)
        failures: list[BaseException] = []
        start = threading.Barrier(WRITERS)

        def save_many(writer: int) -> None:
            start.wait()
            for n in range(SAVES_EACH):
                try:
                    registry.create(draft(f"并发保存商行{writer}-{n}"), actor)
                except Exception as exc:  # collected and reported below
                    failures.append(exc)

        threads = [threading.Thread(target=save_many, args=(w,)) for w in range(WRITERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

        assert not failures, f"{len(failures)} of {WRITERS * SAVES_EACH} saves failed, first: {failures[0]!r}"
        with db.reader() as session:
            assert session.scalar(select(func.count()).select_from(Operator)) == WRITERS * SAVES_EACH
            rowids = list(session.scalars(select(Operator.search_rowid)))
        assert len(set(rowids)) == len(rowids)
    finally:
        db.close()
