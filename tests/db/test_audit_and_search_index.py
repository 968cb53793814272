"""The audit log refuses UPDATE and DELETE; the search indexes follow every write (triggers for row-by-row
writes, set-wise indexing for the demo loader)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from app.records import Actor, OperatorFilter
from app.services.demo import create_demo_station
from app.services.registry import RegistryService
from localdb.database import Database
from localdb.models import AuditLog, Carrier, Operator
from localdb.search_index import CJK_RUN
from tests.support.stations import add_station, draft, memory_store, open_with_keyring

ANY = OperatorFilter()


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[tuple[Database, Actor]]:
    db = open_with_keyring(tmp_path / "station", memory_store())
    try:
        yield db, add_station(db)
    finally:
        db.close()


# -- audit log ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_log SET reason = '篡改'",
        "UPDATE audit_log SET officer_name = '别人' WHERE action = 'create'",
        "DELETE FROM audit_log",
        "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)",
    ],
)
def test_audit_log_is_append_only(fresh: tuple[Database, Actor], statement: str) -> None:
    db, actor = fresh
    registry = RegistryService(db)
    op_id = registry.create(draft("审计测试商行"), actor)
    registry.update(op_id, draft("审计测试商行", phone="13800138000"), actor)
    with db.reader() as session:
        before = session.execute(select(AuditLog.id, AuditLog.action, AuditLog.reason, AuditLog.officer_name)).all()
    assert len(before) == 2

    with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
        conn.execute(text(statement))

    with db.reader() as session:
        after = session.execute(select(AuditLog.id, AuditLog.action, AuditLog.reason, AuditLog.officer_name)).all()
    assert after == before


def test_audit_log_refuses_changes_through_the_orm_too(fresh: tuple[Database, Actor]) -> None:
    db, actor = fresh
    RegistryService(db).create(draft("审计测试商行"), actor)
    with pytest.raises(DBAPIError, match="append-only"), db.transaction() as session:
        entry = session.scalars(select(AuditLog)).one()
        session.delete(entry)
    with db.reader() as session:
        assert session.scalar(select(func.count()).select_from(AuditLog)) == 1


# -- index triggers -----------------------------------------------------------------------------------------------
def _add_carrier(db: Database, operator_id: str, **fields: str) -> str:
    with db.transaction() as session:
        carrier = Carrier(operator_id=operator_id, **fields)
        session.add(carrier)
        session.flush()
        return carrier.id


def test_index_follows_create_update_and_delete_of_an_operator(fresh: tuple[Database, Actor]) -> None:
    db, actor = fresh
    registry = RegistryService(db)
    other = registry.create(draft("滇池旁的无关商行"), actor)

    op_id = registry.create(draft("金马碧鸡茶叶商行", phone="13811112222", legal_representative="欧阳修"), actor)
    for query in ("金马碧鸡茶叶商行", "碧鸡茶", "碧鸡", "茶", "13811112222", "1112222", "欧阳修", "欧阳"):
        assert op_id in registry.search_ids(query, ANY), query

    registry.update(op_id, draft("彩云之南花卉商行", phone="13933334444", legal_representative="司马光"), actor)
    for query in ("彩云之南花卉商行", "花卉商", "花卉", "卉", "13933334444", "司马光", "司马"):
        assert op_id in registry.search_ids(query, ANY), query
    for query in ("金马碧鸡", "碧鸡茶", "碧鸡", "茶叶", "13811112222", "欧阳修", "欧阳"):
        assert op_id not in registry.search_ids(query, ANY), f"{query} still finds the old values"

    registry.delete(op_id, actor, "已注销")
    for query in ("彩云之南花卉商行", "花卉", "13933334444"):
        assert registry.search_ids(query, ANY) == [], query
        assert op_id in registry.search_ids(query, OperatorFilter(include_deleted=True)), query
    assert registry.search_ids("滇池", ANY) == [other]


def test_index_follows_carriers(fresh: tuple[Database, Actor]) -> None:
    db, actor = fresh
    registry = RegistryService(db)
    op_id = registry.create(draft("翠湖山货商行"), actor)
    assert registry.search_ids("云岭山珍旗舰店", ANY) == []

    first = _add_carrier(
        db, op_id, kind="shop", platform="淘宝", shop_name="云岭山珍旗舰店", shop_id="88776655", url="https://a.cn"
    )
    second = _add_carrier(db, op_id, kind="live_stream", platform="抖音", shop_name="翠湖直播间", shop_id="99001122")
    for query in ("云岭山珍旗舰店", "山珍旗舰", "山珍", "88776655", "776655", "翠湖直播间", "直播", "99001122"):
        assert registry.search_ids(query, ANY) == [op_id], query

    with db.transaction() as session:  # soft delete of a carrier (what the sync pull and the UI do)
        carrier = session.get(Carrier, first)
        assert carrier is not None
        carrier.deleted_at = datetime.now()
        carrier.deleted_reason = "店铺已关闭"
    for query in ("云岭山珍旗舰店", "山珍", "88776655"):
        assert registry.search_ids(query, ANY) == [], f"{query}: the deleted carrier is still indexed"
    assert registry.search_ids("翠湖直播间", ANY) == [op_id]

    with db.transaction() as session:  # renaming the remaining carrier
        carrier = session.get(Carrier, second)
        assert carrier is not None
        carrier.shop_name = "春城鲜花小店"
    assert registry.search_ids("春城鲜花小店", ANY) == [op_id]
    assert registry.search_ids("翠湖直播间", ANY) == []

    with db.transaction() as session:  # a hard delete (e.g. a province-side purge)
        carrier = session.get(Carrier, second)
        session.delete(carrier)
    assert registry.search_ids("春城鲜花小店", ANY) == []
    assert registry.search_ids("99001122", ANY) == []
    assert registry.search_ids("翠湖山货商行", ANY) == [op_id], "the operator itself stays findable"


def test_moving_a_carrier_to_another_operator_reindexes_both(fresh: tuple[Database, Actor]) -> None:
    db, actor = fresh
    registry = RegistryService(db)
    seller = registry.create(draft("原主商行"), actor)
    buyer = registry.create(draft("新主商行"), actor)
    carrier_id = _add_carrier(db, seller, kind="shop", platform="京东", shop_name="转让专营店", shop_id="5550001")
    assert registry.search_ids("转让专营店", ANY) == [seller]
    with db.transaction() as session:
        carrier = session.get(Carrier, carrier_id)
        assert carrier is not None
        carrier.operator_id = buyer
    assert registry.search_ids("转让专营店", ANY) == [buyer]
    assert registry.search_ids("5550001", ANY) == [buyer]


# -- bulk-loaded demo rows ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = open_with_keyring(tmp_path_factory.mktemp("demo") / "station", memory_store())
    try:
        create_demo_station(db, 300)
        yield db
    finally:
        db.close()


def _sample(db: Database, count: int) -> list[tuple[str, str, str, str]]:
    with db.reader() as session:
        rows = session.execute(
            select(Operator.id, Operator.name, Operator.identifier, Operator.phone).order_by(Operator.search_rowid)
        ).all()
    rng = random.Random(7)
    return [tuple(r) for r in rng.sample(rows, count)]  # type: ignore[misc]


def test_demo_rows_are_all_indexed(demo: Database) -> None:
    with demo.engine.connect() as conn:
        operators = conn.scalar(text("SELECT count(*) FROM operator"))
        assert operators == 300
        for index in ("operator_fts", "name_fts", "operator_grams"):
            assert conn.scalar(text(f"SELECT count(*) FROM {index}")) == operators, index
        assert conn.scalar(text("SELECT triggers_enabled FROM search_control")) == 1


def test_demo_rows_found_by_name_fragment_identifier_and_phone(demo: Database) -> None:
    registry = RegistryService(demo)
    for op_id, name, identifier, phone in _sample(demo, 25):
        cjk = "".join(CJK_RUN.findall(name))
        middle = len(cjk) // 2
        queries = [name, name[1:5], cjk[middle - 1 : middle + 1], cjk[middle], phone, phone[-7:]]
        if identifier:
            queries.append(identifier)
            assert registry.search_ids(identifier, ANY)[0] == op_id, f"{identifier} is not ranked first"
        for query in queries:
            assert op_id in registry.search_ids(query, ANY), f"{query!r} does not find {name}"


def test_demo_rows_found_by_shop_id_and_shop_name(demo: Database) -> None:
    registry = RegistryService(demo)
    with demo.reader() as session:
        carriers = session.execute(
            select(Carrier.operator_id, Carrier.shop_id, Carrier.shop_name).order_by(Carrier.id).limit(30)
        ).all()
    assert carriers
    for operator_id, shop_id, shop_name in carriers:
        assert operator_id in registry.search_ids(shop_id, ANY), shop_id
        assert operator_id in registry.search_ids(shop_name, ANY), shop_name
