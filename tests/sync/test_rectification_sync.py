"""Rectification work on a finalized inspection reaches the province: the order is opened with the finalized
record, then extended and closed by the station, and every step is pushed (``inspection``/``rectify``) and held by
the server — nothing refused as ``finalized``, the finalized document itself untouched."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from app.records import Actor
from app.services.officers import OfficerService
from localdb.sync_models import APPLIED, OutboxEntry
from server import province
from tests.inspections.conftest import Desk
from tests.inspections.test_rectification_and_dashboard import reinspect
from tests.server.harness import LiveServer, SyncClient
from tests.sync.conftest import Client

FAILING = ("LZ-01", "LZ-04")


def station_desk(client: Client) -> Desk:
    """The synced client's databases with two officers (执法证号 needed to finalize) and the shipped checklists."""
    officers = OfficerService(client.db)
    first = officers.add_officer("李明", "53010020231")
    second = officers.add_officer("王芳", "53010020232")
    client.load_templates()
    return Desk(
        client.root, client.key_file, client.db, client.evidence_db, Actor(first.id, first.name), [first, second]
    )


def server_inspection(view: SyncClient, inspection_id: str) -> dict[str, Any]:
    changes, _ = view.pull_all()
    found = [c for c in changes if c["entity"] == "inspection" and c["id"] == inspection_id]
    assert found, f"the server has no inspection {inspection_id}"
    return found[-1]


def synced(client: Client) -> None:
    """One sync that must leave nothing refused and verify."""
    receipt = client.run(user=None)
    assert receipt.rejected == [], receipt.rejected
    assert receipt.verified is True
    with client.db.reader() as session:
        states = set(session.scalars(select(OutboxEntry.state)))
    assert states <= {APPLIED}, states


def test_extending_and_closing_a_rectification_reaches_the_server(
    client: Client, server_view: SyncClient, live: LiveServer
) -> None:
    client.run()
    desk = station_desk(client)
    inspection_id = desk.complete_draft(0, failing=FAILING, deadline=date(2026, 3, 17))
    rect_id = desk.finalizer.finalize(inspection_id, desk.actor).rectification_id
    assert rect_id is not None
    synced(client)
    finalized = server_inspection(server_view, inspection_id)
    assert finalized["data"]["status"] == "final"
    assert finalized["data"]["rectification"]["id"] == rect_id
    assert finalized["data"]["rectification"]["state"] == "open"
    assert finalized["data"]["rectification"]["deadline"] == "2026-03-17"
    assert finalized["data"]["rectification"]["item_codes"] == list(FAILING)

    desk.rectifications.extend(rect_id, date(2026, 4, 1), "当事人申请延期，理由正当", desk.actor)
    synced(client)
    extended = server_inspection(server_view, inspection_id)
    assert extended["data"]["payload"] == finalized["data"]["payload"], "the finalized document never changes"
    assert extended["version"] > finalized["version"]
    assert extended["data"]["rectification"]["deadline"] == "2026-04-01"
    assert extended["data"]["rectification"]["original_deadline"] == "2026-03-17"
    assert (extended["data"]["rectification"]["extensions"], extended["data"]["rectification"]["state"]) == (1, "open")

    reinspection_id = reinspect(desk, rect_id)
    result = desk.finalizer.finalize(reinspection_id, desk.actor)
    assert result.closed_rectification_id == rect_id
    synced(client)
    closed = server_inspection(server_view, inspection_id)["data"]["rectification"]
    assert closed["state"] == "closed" and closed["closed_by_inspection_id"] == reinspection_id
    assert closed["closed_at"] and closed["deadline"] == "2026-04-01"

    # The province's ledger (admin list-rectifications) sees the same.
    [row] = [r for r in province.list_rectifications(live.db, "530102-D1", state="all") if r.id == rect_id]
    assert (row.inspection_id, row.state, row.deadline, row.extensions) == (inspection_id, "closed", "2026-04-01", 1)
    assert row.closed_by_inspection_id == reinspection_id


def test_offline_changes_of_one_order_travel_as_its_newest_state(client: Client, server_view: SyncClient) -> None:
    client.run()
    desk = station_desk(client)
    inspection_id = desk.complete_draft(1, failing=FAILING[:1], deadline=date(2026, 3, 17))
    rect_id = desk.finalizer.finalize(inspection_id, desk.actor).rectification_id
    assert rect_id is not None
    desk.rectifications.extend(rect_id, date(2026, 4, 1), "当事人申请延期", desk.actor)
    desk.rectifications.extend(rect_id, date(2026, 4, 15), "再次申请延期", desk.actor)
    with client.db.reader() as session:
        waiting = [(e.entity, e.op) for e in session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq))]
    assert waiting.count(("inspection", "rectify")) == 1, waiting  # each carries the whole state: folded
    synced(client)
    order = server_inspection(server_view, inspection_id)["data"]["rectification"]
    assert (order["deadline"], order["extensions"], order["state"]) == ("2026-04-15", 2, "open")
