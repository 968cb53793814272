"""Pull: paging, commit order, tombstones, cursor resumption, full resync (410), verify."""

from __future__ import annotations

import gzip
import re
from collections import Counter
from typing import Any

import requests

from server import province
from server.pull import Cursor
from sync.protocol import PULL_ENTITIES, PullResponse, VerifyResponse, checksum
from tests.server.harness import LiveServer, SyncClient, new_id, replica


def _inspection(**payload: Any) -> dict[str, Any]:
    return {"status": "draft", "payload": payload}


def test_initial_pull_pages_each_record_once_parents_first(demo2: SyncClient) -> None:
    seen: list[tuple[str, str]] = []
    pages = list(demo2.pull_pages(limit=17))
    assert len(pages) > 5
    for page in pages[:-1]:
        PullResponse.model_validate(page)
        assert page["has_more"] and len(page["changes"]) <= 17
    delivered: set[str] = set()
    for change in (c for page in pages for c in page["changes"]):
        seen.append((change["entity"], change["id"]))
        if change["op"] == "upsert":
            parent = change["data"].get("operator_id")
            if change["entity"] in ("carrier", "license"):
                assert parent in delivered, "a carrier arrived before its operator"
            delivered.add(change["id"])
    duplicates = [key for key, count in Counter(seen).items() if count > 1]
    assert duplicates == [], "an initial pull sends each record once"
    verify = demo2.verify()
    counts = Counter(entity for entity, _ in seen)
    assert counts["operator"] == verify["entities"]["operator"]["count"]
    assert counts["carrier"] == verify["entities"]["carrier"]["count"]


def test_page_size_is_bounded_and_gzip_is_used(live: LiveServer, demo1: SyncClient) -> None:
    response = demo1.pull_page(limit=10_000)
    assert response.status_code == 200
    assert len(response.json()["changes"]) <= live.settings.max_page
    raw = requests.get(
        demo1.url("/pull"),
        params={"limit": 100},
        headers={**demo1.http.headers, "Accept-Encoding": "gzip"},
        stream=True,
    )
    assert raw.headers["Content-Encoding"] == "gzip"
    wire = raw.raw.read()
    body = gzip.decompress(wire)
    assert len(wire) < 0.35 * len(body)
    plain = requests.get(
        demo1.url("/pull"), params={"limit": 100}, headers={**demo1.http.headers, "Accept-Encoding": "identity"}
    )
    assert "Content-Encoding" not in plain.headers
    assert plain.content == body
    assert demo1.get("/pull", params={"limit": 0}).status_code == 422


def test_cursor_resumes_and_sees_changes_and_tombstones(demo1: SyncClient) -> None:
    _, resting = demo1.pull_all()
    device = demo1.device
    kept, deleted = new_id(), new_id()
    demo1.push(
        device.mutation("inspection", "upsert", kept, _inspection(n=1)),
        device.mutation("inspection", "upsert", deleted, _inspection(n=2)),
    )
    changes, resting2 = demo1.pull_all(resting)
    assert {c["id"] for c in changes} >= {kept, deleted}
    demo1.push(
        device.mutation("inspection", "delete", deleted, {"reason": "误建"}),
        device.mutation("inspection", "upsert", kept, _inspection(n=3)),
    )
    first = demo1.pull_page(resting2, limit=1).json()
    assert first["has_more"]
    rest, _ = demo1.pull_all(first["cursor"], limit=1)  # resume from the mid-run cursor (e.g. after a crash)
    after = first["changes"] + rest
    assert [c for c in after if c["id"] == deleted] == [
        {"entity": "inspection", "id": deleted, "op": "delete", "version": 2, "data": None}
    ]
    [edited] = [c for c in after if c["id"] == kept]
    assert edited["version"] == 2 and edited["data"]["payload"] == {"n": 3}
    # Replaying the same cursor gives the same answer (the client may crash before storing the page).
    assert demo1.pull_page(first["cursor"], limit=1).json()["changes"] == rest[:1]
    # Nothing new: an empty page, and the cursor stays usable.
    _, resting3 = demo1.pull_all(resting2)
    empty = demo1.pull_page(resting3).json()
    assert empty["changes"] == [] and not empty["has_more"]


def test_changes_during_a_run_are_not_lost(live: LiveServer, demo1: SyncClient) -> None:
    pages = demo1.pull_pages(limit=5)
    first = next(pages)
    operator = next(c for c in first["changes"] if c["entity"] == "operator")
    [result] = demo1.push(demo1.device.mutation("operator", "upsert", operator["id"], {"notes": f"run {new_id()}"}))
    later = [c for page in pages for c in page["changes"]]
    again = [c for c in later if c["id"] == operator["id"]]
    assert again and again[-1]["version"] == result["version"]


def test_verify_matches_what_was_pulled(demo1: SyncClient) -> None:
    demo1.push(demo1.device.mutation("inspection", "upsert", new_id(), _inspection(v=1)))
    changes, cursor = demo1.pull_all()
    verify = VerifyResponse.model_validate(demo1.verify())
    assert verify.position <= Cursor.decode(cursor).pos
    state = replica(changes)
    for entity in PULL_ENTITIES:
        records = [(key[1], change["version"]) for key, change in state.items() if key[0] == entity.value]
        assert verify.entities[entity.value].count == len(records), entity
        assert verify.entities[entity.value].checksum == checksum(records), entity
    assert demo1.hello()["counts"] == {name: digest.count for name, digest in verify.entities.items()}


def test_epoch_change_and_bad_cursors(live: LiveServer, demo1: SyncClient) -> None:
    _, cursor = demo1.pull_all()
    decoded = Cursor.decode(cursor)
    ahead = Cursor(decoded.epoch, decoded.pos + 1_000_000).encode()  # the server was restored from an older backup
    response = demo1.pull_page(ahead)
    assert response.status_code == 410 and response.json()["error"] == "resync_required"
    assert demo1.pull_page("not-a-cursor").status_code == 422
    province.rotate_epoch(live.db)
    gone = demo1.pull_page(cursor)
    assert gone.status_code == 410
    assert gone.json()["error"] == "resync_required"
    assert "empty cursor" in gone.json()["message"]
    fresh = demo1.pull_page()
    assert fresh.status_code == 200
    assert fresh.json()["epoch"] == demo1.hello()["epoch"] != decoded.epoch


def test_cursor_older_than_retention_gets_410(live: LiveServer, demo2: SyncClient) -> None:
    doomed = new_id()
    demo2.push(demo2.device.mutation("inspection", "upsert", doomed, _inspection()))
    _, before_delete = demo2.pull_all()
    demo2.push(demo2.device.mutation("inspection", "delete", doomed))
    assert province.prune_tombstones(live.db, older_than_days=-1) >= 1  # everything counts as old
    assert demo2.pull_page(before_delete).status_code == 410
    changes, _ = demo2.pull_all()
    assert doomed not in {c["id"] for c in changes}


def test_pulled_values_have_the_same_json_types_on_every_database(demo1: SyncClient) -> None:
    record = new_id()
    demo1.push(demo1.device.mutation("inspection", "upsert", record, _inspection(nested={"a": [1, 2.5, None, True]})))
    state = replica(demo1.pull_all()[0])
    operator = next(c["data"] for key, c in state.items() if key[0] == "operator" and c["data"]["founded_on"])
    assert isinstance(operator["abnormal_listed"], bool) and isinstance(operator["serious_violation"], bool)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", operator["founded_on"])
    assert operator["identifier_override"] is None
    carrier = next(c["data"] for key, c in state.items() if key[0] == "carrier")
    assert set(carrier) >= {"operator_id", "kind", "license_display", "first_seen", "status"}
    inspection = state[("inspection", record)]["data"]
    assert inspection["payload"] == {"nested": {"a": [1, 2.5, None, True]}}
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", inspection["created_at"])
    assert inspection["finalized_at"] is None and inspection["amends"] is None


def test_a_carrier_moved_to_a_newer_operator_still_arrives_after_it(live: LiveServer, demo2: SyncClient) -> None:
    changes, _ = demo2.pull_all()
    old_operator = next(c["id"] for c in changes if c["entity"] == "operator" and c["op"] == "upsert")
    carrier, new_operator = new_id(), new_id()
    device = demo2.device
    fields = {"subject_type": "natural_person", "identifier_type": "none", "name": "新主体"}
    results = demo2.push(
        device.mutation("carrier", "upsert", carrier, {"operator_id": old_operator, "kind": "app"}),
        device.mutation(
            "operator_proposal", "propose", new_id(), {"kind": "create", "operator_id": new_operator, "fields": fields}
        ),
        device.mutation("carrier", "upsert", carrier, {"operator_id": new_operator}),
    )
    assert [r["status"] for r in results] == ["applied"] * 3
    fresh = SyncClient(live)
    fresh.login("demo2")
    order = [c["id"] for c in fresh.pull_all(limit=9)[0]]
    assert order.index(new_operator) < order.index(carrier)
    assert province.check_digests(live.db) == []
