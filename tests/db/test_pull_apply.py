"""Pulled pages applied inside SQLite (localdb/pull_apply.py): the rows read back through the ORM hold exactly the
wire values, the protocol's version rules hold, and a malformed page changes nothing."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.ledger.classify import OPERATOR_DEFAULTS
from app.pinyin import name_initials
from localdb.database import Database
from localdb.models import Carrier, Operator
from localdb.pull_apply import MalformedPull
from localdb.search_index import backlog
from localdb.sync_store import LocalSyncStore
from tests.db.test_bulk_outbox import DATES, TEXT
from tests.support.stations import memory_store, open_with_keyring


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalSyncStore]:
    database = open_with_keyring(tmp_path / "station", memory_store())
    local = LocalSyncStore(database, None, name_initials)
    local.ensure_station("s1", "S1", "测试所", "530102")
    local.save_state(server_url="https://province.example", station_id="s1", device_id="d1")
    yield local
    database.close()


def _db(store: LocalSyncStore) -> Database:
    return store._db


def operator_data(record_id: str, **values: Any) -> dict[str, Any]:
    """An operator as the server sends it: every wire field, a province record with a company's code."""
    data: dict[str, Any] = {
        **OPERATOR_DEFAULTS,
        "id": record_id,
        "origin": "province",
        "subject_type": "company",
        "identifier_type": "uscc",
        "identifier": "91530102MA6K0000X1",
        "identifier_override": None,
        "name": "昆明长城电子商务有限公司",
        "business_address": "五华区人民中路1号",
        "founded_on": "2019-05-01",
    }
    return {**data, **values}


def change(entity: str, record_id: str, version: int, data: dict[str, Any] | None, op: str = "upsert") -> Any:
    return {"entity": entity, "id": record_id, "op": op, "version": version, "data": data}


def page(*changes: dict[str, Any]) -> bytes:
    body = {"epoch": "e", "cursor": "c", "has_more": False, "position": 1, "changes": list(changes)}
    return json.dumps(body, ensure_ascii=False).encode()


def apply(store: LocalSyncStore, *changes: dict[str, Any]) -> tuple[int, int]:
    return store.apply_page([store.prepare_page(page(*changes))], {"cursor": "c1"})


def stored(store: LocalSyncStore, model: type[Any], record_id: str) -> Any:
    """The row as the ORM reads it (its attributes copied before the read-only session ends)."""
    with _db(store).reader() as session:
        row = session.scalars(select(model).where(model.id == record_id)).one()
        return SimpleNamespace(**{c.key: getattr(row, c.key) for c in model.__table__.columns})


def operator_count(store: LocalSyncStore) -> int:
    with _db(store).reader() as session:
        return len(session.scalars(select(Operator.id)).all())


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=TEXT, address=TEXT, override=st.none() | TEXT, listed=st.booleans(), founded=DATES, abnormal=DATES,
    shop=TEXT, first_seen=DATES,
)  # fmt: skip
def test_rows_read_back_hold_the_wire_values(
    store: LocalSyncStore,
    name: str,
    address: str,
    override: str | None,
    listed: bool,
    founded: date | None,
    abnormal: date | None,
    shop: str,
    first_seen: date | None,
) -> None:
    operator_id, carrier_id = str(uuid.uuid4()), str(uuid.uuid4())
    data = operator_data(
        operator_id,
        name=name,
        business_address=address,
        identifier_override=override,
        abnormal_listed=listed,
        founded_on=founded and founded.isoformat(),
        abnormal_date=abnormal and abnormal.isoformat(),
    )
    carrier = {
        "id": carrier_id, "operator_id": operator_id, "origin": "province", "kind": "shop", "platform": "淘宝",
        "shop_name": shop, "shop_id": "1", "url": "", "icp_filing": "", "license_display": "shown",
        "first_seen": first_seen and first_seen.isoformat(), "last_verified": None, "status": "active",
    }  # fmt: skip
    for version in (1, 2):  # inserted, then updated with the same values (the initials derived by prepare_page)
        apply(store, change("operator", operator_id, version, data), change("carrier", carrier_id, version, carrier))
        row = stored(store, Operator, operator_id)
        assert (row.name, row.business_address, row.identifier_override) == (name, address, override)
        assert (row.abnormal_listed, row.founded_on, row.abnormal_date) == (listed, founded, abnormal)
        assert (row.name_initials, row.server_version, row.change_state) == (name_initials(name), version, "synced")
        assert (row.origin, row.station_id, row.deleted_at) == ("province", "s1", None)
        shop_row = stored(store, Carrier, carrier_id)
        assert (shop_row.shop_name, shop_row.first_seen, shop_row.last_verified) == (shop, first_seen, None)
        assert (shop_row.operator_id, shop_row.server_version) == (operator_id, version)


def test_versions_decide_and_the_later_change_in_a_call_wins(store: LocalSyncStore) -> None:
    op = str(uuid.uuid4())
    assert apply(store, change("operator", op, 1, operator_data(op, name="甲")), change("operator", op, 2,
        operator_data(op, name="乙"))) == (2, 1)  # fmt: skip
    assert stored(store, Operator, op).name == "乙"
    assert apply(store, change("operator", op, 2, operator_data(op, name="丙")))[1] == 0  # same version: skipped
    assert apply(store, change("operator", op, 1, operator_data(op, name="丁")))[1] == 0  # older: skipped
    assert stored(store, Operator, op).name == "乙"
    store.begin_full()  # a full run (a resync after the server was restored) takes an older version
    assert apply(store, change("operator", op, 1, operator_data(op, name="丁")))[1] == 1
    store.finish_pull()
    assert (stored(store, Operator, op).name, stored(store, Operator, op).server_version) == ("丁", 1)


def test_a_missing_field_keeps_the_stored_value_or_takes_the_default(store: LocalSyncStore) -> None:
    op = str(uuid.uuid4())
    data = operator_data(op, notes="备注")
    del data["registration_status"]
    apply(store, change("operator", op, 1, data))
    assert stored(store, Operator, op).registration_status == "存续"  # the column default
    apply(store, change("operator", op, 2, operator_data(op, registration_status="注销", notes="新备注")))
    lacking = operator_data(op, name="新名")
    del lacking["notes"], lacking["registration_status"]
    apply(store, change("operator", op, 3, lacking | {"unknown_field": 1}))
    row = stored(store, Operator, op)
    assert (row.name, row.notes, row.registration_status) == ("新名", "新备注", "注销")


def test_a_null_in_a_column_without_nulls_is_stored_empty(store: LocalSyncStore) -> None:
    op = str(uuid.uuid4())
    apply(store, change("operator", op, 1, operator_data(op, phone=None, abnormal_listed=None)))
    row = stored(store, Operator, op)
    assert (row.phone, row.abnormal_listed) == ("", False)


def test_a_tombstone_marks_the_row_deleted_and_unknown_entities_are_ignored(store: LocalSyncStore) -> None:
    op = str(uuid.uuid4())
    apply(store, change("operator", op, 1, operator_data(op)))
    assert apply(store, change("operator", op, 2, None, op="delete"), change("future_thing", "x", 1, {}))[1] == 1
    row = stored(store, Operator, op)
    assert (row.deleted_at is not None, row.server_version, row.change_state) == (True, 2, "synced")


def test_a_full_run_defers_its_rows_once(store: LocalSyncStore) -> None:
    """Carriers name operators the run already deferred: the backlog holds each rowid once, in one range."""
    ops = [str(uuid.uuid4()) for _ in range(3)]
    store.begin_full()
    changes = [change("operator", op, 1, operator_data(op, name=f"店{n}")) for n, op in enumerate(ops)]
    carriers = [
        change("carrier", str(uuid.uuid4()), 1, {"id": "", "operator_id": op, "kind": "shop", "shop_name": "旗舰店"})
        for op in ops
    ]
    store.apply_page([store.prepare_page(page(*changes)), store.prepare_page(page(*carriers))], {"cursor": "c1"})
    with _db(store).engine.connect() as conn:
        assert backlog(conn) == [(1, 3)]
        conn.rollback()
    store.finish_pull()
    with _db(store).engine.connect() as conn:
        assert backlog(conn) == []
        conn.rollback()


@pytest.mark.parametrize(
    "bad",
    [
        {"version": "2"},
        {"op": "merge"},
        {"data": None},
        {"id": 7},
        {"data": operator_data("x", founded_on="2024-02-30")},
        {"data": operator_data("x", abnormal_date="昨天")},
    ],
    ids=["version-text", "unknown-op", "upsert-without-data", "id-number", "impossible-date", "not-a-date"],
)
def test_a_malformed_change_changes_nothing(store: LocalSyncStore, bad: dict[str, Any]) -> None:
    good = str(uuid.uuid4())
    broken = change("operator", str(uuid.uuid4()), 1, operator_data("x")) | bad
    with pytest.raises(MalformedPull):
        apply(store, change("operator", good, 1, operator_data(good)), broken)
    assert operator_count(store) == 0
    assert (store.state() or {}).get("cursor") is None


@pytest.mark.parametrize(
    "body", [b'{"epoch": "e", "cursor": "c", "has_more": false}', b'{"changes": {"a": 1}}', b"<html>"]
)
def test_a_body_that_is_no_page_is_refused_before_the_transaction(store: LocalSyncStore, body: bytes) -> None:
    with pytest.raises(MalformedPull):
        store.prepare_page(body)


def test_a_carrier_of_an_unknown_operator_is_refused(store: LocalSyncStore) -> None:
    op = str(uuid.uuid4())
    orphan = {"id": "", "operator_id": str(uuid.uuid4()), "kind": "shop"}
    with pytest.raises(MalformedPull, match="carrier"):
        apply(store, change("operator", op, 1, operator_data(op)), change("carrier", str(uuid.uuid4()), 1, orphan))
    assert operator_count(store) == 0
