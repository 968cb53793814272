"""``inspection``/``rectify``: the rectification order of a finalized inspection changes beside its immutable payload.

Checked on the wire (real server, both backends): what is accepted (open, extend, close; the same state again),
what is refused and why (unknown or draft inspection, another station's, a closed order, a changed id or original
deadline, a closing re-inspection the server does not have), the version rule between two devices, and that a
client which knows nothing of ``rectify`` still pulls and verifies as before.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from server import admin, province
from sync.protocol import checksum
from tests.server.harness import LiveServer, SyncClient, new_id, replica


def _final(payload: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"status": "final", "payload": payload or {"record": {"place": "网络监测室"}}}


def _order(order_id: str, **changes: Any) -> dict[str, Any]:
    order: dict[str, Any] = {
        "id": order_id,
        "item_codes": ["LZ-01"],
        "requirement": "十五日内在首页显著位置公示营业执照信息",
        "deadline": "2026-03-17",
        "original_deadline": "2026-03-17",
        "extensions": 0,
        "state": "open",
        "closed_at": None,
        "closed_by_inspection_id": None,
        "close_note": "",
    }
    return {**order, **changes}


def _finalized(client: SyncClient) -> str:
    inspection = new_id()
    [result] = client.push(client.device.mutation("inspection", "upsert", inspection, _final()))
    assert result["status"] == "applied"
    return inspection


def test_an_order_is_opened_extended_and_closed_beside_the_untouched_document(
    live: LiveServer, demo1: SyncClient, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    device = demo1.device
    inspection, order_id, reinspection = _finalized(demo1), new_id(), new_id()
    extended = _order(order_id, deadline="2026-04-01", extensions=1)
    closed = {
        **extended,
        "state": "closed",
        "closed_at": "2026-04-02T09:30:00",
        "closed_by_inspection_id": reinspection,
    }
    results = demo1.push(
        device.mutation("inspection", "rectify", inspection, _order(order_id), base_version=1),
        device.mutation("inspection", "rectify", inspection, extended, base_version=1),
        device.mutation("inspection", "rectify", inspection, extended, base_version=1),  # the same state again
        device.mutation("inspection", "upsert", reinspection, _final({"record": {"kind": "复查"}})),
        device.mutation("inspection", "rectify", inspection, closed, base_version=1),
    )
    assert [(r["status"], r["version"]) for r in results] == [
        ("applied", 2),
        ("applied", 3),
        ("applied", 3),
        ("applied", 1),
        ("applied", 4),
    ]
    pulled = replica(demo1.pull_all()[0])[("inspection", inspection)]
    assert pulled["version"] == 4
    assert pulled["data"]["payload"] == _final()["payload"], "the finalized document never changes"
    assert pulled["data"]["status"] == "final"
    assert pulled["data"]["rectification"] == closed

    [row] = [r for r in province.list_rectifications(live.db, "530102-D1", state="all") if r.id == order_id]
    assert (row.inspection_id, row.state, row.deadline, row.original_deadline) == (
        inspection,
        "closed",
        "2026-04-01",
        "2026-03-17",
    )
    assert (row.extensions, row.closed_by_inspection_id, row.overdue) == (1, reinspection, False)
    assert order_id not in {r.id for r in province.list_rectifications(live.db, "530102-D1")}, "open ones only"
    monkeypatch.delenv("DATABASE_URL", raising=False)
    where = ["--data-dir", str(live.settings.data_dir)]
    if live.settings.database_url:
        where += ["--database-url", live.settings.database_url]
    assert admin.main([*where, "list-rectifications", "--station", "530102-D1", "--state", "closed"]) == 0
    text = capsys.readouterr().out
    assert f"{order_id}  530102-D1  closed  deadline 2026-04-01 (extended 1×)" in text
    assert f"closed 2026-04-02T09:30:00 by inspection {reinspection}" in text
    assert admin.main([*where, "list-rectifications", "--state", "all", "--json"]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {"id": order_id, "state": "closed", "item_codes": ["LZ-01"]}.items() <= next(
        row for row in listed if row["id"] == order_id
    ).items()

    later = device.mutation("inspection", "rectify", inspection, {**closed, "close_note": "改个说明"}, base_version=4)
    [refused] = demo1.push(later)
    assert (refused["status"], refused["code"]) == ("rejected", "invalid_data")
    assert "closed" in refused["reason"]


def test_what_a_rectify_is_refused_for(demo1: SyncClient, demo2: SyncClient) -> None:
    device = demo1.device
    inspection, order_id, draft = _finalized(demo1), new_id(), new_id()
    unknown_closer = _order(order_id, state="closed", closed_at="2026-03-20T10:00:00", closed_by_inspection_id=new_id())
    results = demo1.push(
        device.mutation("inspection", "rectify", new_id(), _order(order_id)),
        device.mutation("inspection", "upsert", draft, {"status": "draft", "payload": {}}),
        device.mutation("inspection", "rectify", draft, _order(order_id)),
        device.mutation("inspection", "rectify", inspection, _order(order_id, deadline="2026-03-01")),
        device.mutation("inspection", "rectify", inspection, _order(order_id, state="closed")),
        device.mutation("inspection", "rectify", inspection, _order(order_id, deadline="2026-02-30")),
        device.mutation("inspection", "rectify", inspection, {**_order(order_id), "unknown": 1}),
        device.mutation("inspection", "rectify", inspection, unknown_closer),
        device.mutation(
            "inspection",
            "rectify",
            inspection,
            _order(order_id, state="closed", closed_at="2026-03-20T10:00:00", closed_by_inspection_id=draft),
        ),
        device.mutation("inspection", "rectify", inspection, _order(order_id)),
        device.mutation("inspection", "rectify", inspection, _order(new_id())),
        device.mutation("inspection", "rectify", inspection, _order(order_id, original_deadline="2026-03-10")),
    )
    assert [(r["status"], r["code"]) for r in results] == [
        ("rejected", "not_found"),  # an inspection the server does not know
        ("applied", None),
        ("rejected", "invalid_data"),  # a draft has no order yet
        ("rejected", "invalid_data"),  # deadline before the original one
        ("rejected", "invalid_data"),  # closed without closed_at
        ("rejected", "invalid_data"),  # not a calendar date
        ("rejected", "invalid_data"),  # unknown field
        ("rejected", "not_found"),  # closed by a re-inspection the server does not have
        ("rejected", "invalid_data"),  # closed by a draft
        ("applied", None),
        ("rejected", "invalid_data"),  # one order per inspection: its id stays
        ("rejected", "invalid_data"),  # the original deadline stays
    ]
    [foreign] = demo2.push(demo2.device.mutation("inspection", "rectify", inspection, _order(order_id)))
    assert (foreign["status"], foreign["code"]) == ("rejected", "id_conflict")
    [wrong_op] = demo1.push(device.mutation("evidence", "rectify", new_id(), _order(order_id)))
    assert (wrong_op["status"], wrong_op["code"]) == ("rejected", "unsupported")


def test_two_devices_extending_one_order_conflict(live: LiveServer, demo1: SyncClient) -> None:
    other = SyncClient(live)
    assert other.login("demo1").status_code == 200
    inspection, order_id = _finalized(demo1), new_id()
    [opened] = demo1.push(demo1.device.mutation("inspection", "rectify", inspection, _order(order_id), base_version=1))
    assert opened["version"] == 2
    stale_order = _order(order_id, deadline="2026-05-01", extensions=1)
    [stale] = other.push(other.device.mutation("inspection", "rectify", inspection, stale_order, base_version=1))
    assert (stale["status"], stale["code"], stale["current_version"]) == ("rejected", "version_conflict", 2)
    [fresh] = other.push(other.device.mutation("inspection", "rectify", inspection, stale_order, base_version=2))
    assert (fresh["status"], fresh["version"]) == ("applied", 3)


def test_a_client_that_knows_nothing_of_rectify_still_pulls_and_verifies(demo1: SyncClient) -> None:
    """The order travels as a new field of the inspection and a new version of it: no new entity, so an older
    client's verify (over the entities the server lists) still matches what it pulled, and hello's counts are the
    same entities as before."""
    _, resting = demo1.pull_all()
    before = demo1.verify()
    inspection = _finalized(demo1)
    demo1.push(demo1.device.mutation("inspection", "rectify", inspection, _order(new_id()), base_version=1))
    after = demo1.verify()
    assert set(after["entities"]) == set(before["entities"]) == set(demo1.hello()["counts"])
    changes, _ = demo1.pull_all(resting)
    [change] = [c for c in changes if c["entity"] == "inspection" and c["id"] == inspection]
    assert change["version"] == 2
    everything = replica(demo1.pull_all()[0])
    pairs = [(record_id, c["version"]) for (entity, record_id), c in everything.items() if entity == "inspection"]
    assert checksum(pairs) == after["entities"]["inspection"]["checksum"]
