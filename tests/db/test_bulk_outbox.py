"""The outbox entries SQLite builds for bulk-created rows (localdb/bulk_outbox.py) carry exactly the payloads the
ORM capture builds in Python for the same rows (localdb/sync_capture.py), whatever the field values; and record
ids are time-ordered (localdb/ids.py)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from localdb.bulk_outbox import add_created_carriers, add_created_operators
from localdb.database import Database
from localdb.ids import IdRun, expand_ids, new_uuid
from localdb.models import Carrier, Operator, Station
from tests.support.stations import memory_store, open_with_keyring

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
"""Any text: CJK, quotes, backslashes, control characters (JSON escapes), emoji."""
DATES = st.none() | st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = open_with_keyring(Path(tmp_path_factory.mktemp("bulk_outbox")) / "station", memory_store())
    with database.transaction() as session:
        session.add(Station(id="s1", code="S1", name="所", region_code="530102"))
    yield database
    database.close()


def _payloads(db: Database, entity: str, after: int, upto: int) -> list[dict[str, Any]]:
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT payload FROM sync_outbox WHERE entity = ? AND seq > ? AND seq <= ? ORDER BY seq",
            (entity, after, upto),
        ).all()
        conn.rollback()
    return [json.loads(row[0]) for row in rows]


def _last_seq(db: Database) -> int:
    with db.engine.connect() as conn:
        seq = int(conn.exec_driver_sql("SELECT coalesce(max(seq), 0) FROM sync_outbox").scalar() or 0)
        conn.rollback()
    return seq


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=TEXT, address=TEXT, scope=TEXT, override=st.none() | TEXT, listed=st.booleans(), founded=DATES,
    shop=TEXT, first_seen=DATES, kind=st.sampled_from(["shop", "website"]),
)  # fmt: skip
def test_sql_payloads_equal_the_captured_ones(
    db: Database, name: str, address: str, scope: str, override: str | None, listed: bool, founded: date | None,
    shop: str, first_seen: date | None, kind: str,
) -> None:  # fmt: skip
    before = _last_seq(db)
    with db.transaction() as session:  # the ORM capture writes its entries (the reference)
        operator = Operator(
            station_id="s1", subject_type="company", identifier_type="none", name=name, registered_address=address,
            business_scope=scope, identifier_override=override, abnormal_listed=listed, founded_on=founded,
        )  # fmt: skip
        session.add(operator)
        session.flush()
        session.add(Carrier(operator_id=operator.id, kind=kind, shop_name=shop, first_seen=first_seen))
    captured = _last_seq(db)
    with db.bulk_transaction() as conn:
        rowid = int(conn.exec_driver_sql("SELECT max(search_rowid) FROM operator").scalar() or 0)
        carrier = int(conn.exec_driver_sql("SELECT max(rowid) FROM carrier").scalar() or 0)
        seq = int(conn.exec_driver_sql("SELECT max(seq) FROM sync_outbox").scalar() or 0)
        add_created_operators(conn, rowid, rowid, "2026-01-01 00:00:00.000000", seq + 1)
        add_created_carriers(conn, carrier, carrier, "2026-01-01 00:00:00.000000", seq + 2)
    for entity in ("operator_proposal", "carrier"):
        reference = _payloads(db, entity, before, captured)
        built = _payloads(db, entity, captured, _last_seq(db))
        assert len(reference) == len(built) == 1
        assert built == reference


def test_ids_are_canonical_version_7_uuids_that_grow() -> None:
    run = IdRun.fresh()
    ids = [run.at(k) for k in range(1_000)]
    assert ids == sorted(ids)
    for text in (*ids[:3], new_uuid()):
        parsed = uuid.UUID(text)
        assert str(parsed) == text and parsed.version == 7 and parsed.variant == uuid.RFC_4122


def test_spans_of_a_run_expand_to_its_ids() -> None:
    run, other = IdRun.fresh(), new_uuid()
    text = "\n".join([run.span(0, 3), other, run.span(4095, 2), run.span(7, 0)])
    assert expand_ids(text) == [run.at(0), run.at(1), run.at(2), other, run.at(4095), run.at(4096)]
    assert expand_ids("") == [] and expand_ids(other) == [other]


def test_sql_rendering_of_a_run_gives_the_same_ids(db: Database) -> None:
    run = IdRun.fresh()
    with db.engine.connect() as conn:
        rendered = [conn.exec_driver_sql(f"SELECT {run.sql(str(k))}").scalar() for k in (0, 1, 4095, 10**9)]
        conn.rollback()
    assert rendered == [run.at(k) for k in (0, 1, 4095, 10**9)]
