"""The change log and digests, white-box: numbering, first/latest rows, digests that match the records."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import insert, select, update

from server import province
from server.changes import Changes
from server.db import Database, sqlite_url
from server.migrate import upgrade
from server.models import ChangeLog, Inspection, utcnow
from tests.server.harness import LiveServer, new_id


def test_a_record_changed_twice_in_one_transaction_keeps_one_first_and_one_latest_row(tmp_path: Path) -> None:
    db = Database(sqlite_url(tmp_path))
    upgrade(db)
    station = province.create_station(db, "S1", "一所")
    record = new_id()
    with db.write() as conn:
        conn.execute(insert(Inspection).values(id=record, station_id=station, status="draft", payload={}, version=1))
        changes = Changes()
        changes.created(station, "inspection", record, 1)
        changes.updated(station, "inspection", record, 1, 2)
        changes.updated(station, "inspection", record, 2, 3)
        conn.execute(update(Inspection).where(Inspection.id == record).values(version=3, updated_at=utcnow()))
        assert changes.flush(conn) == 3
    with db.read() as conn:
        rows = conn.execute(
            select(ChangeLog.seq, ChangeLog.is_first, ChangeLog.first_seq).order_by(ChangeLog.seq)
        ).all()
    assert [tuple(row) for row in rows] == [(1, True, 1), (3, False, 1)]
    with db.write() as conn:
        changes = Changes()
        changes.updated(station, "inspection", record, 3, 4)
        conn.execute(update(Inspection).where(Inspection.id == record).values(version=4))
        changes.flush(conn)
    with db.read() as conn:
        rows = conn.execute(
            select(ChangeLog.seq, ChangeLog.is_first, ChangeLog.first_seq).order_by(ChangeLog.seq)
        ).all()
    assert [tuple(row) for row in rows] == [(1, True, 1), (4, False, 1)]
    assert province.check_digests(db) == []
    db.dispose()


def test_digests_match_the_records(live: LiveServer) -> None:
    assert province.check_digests(live.db) == []
