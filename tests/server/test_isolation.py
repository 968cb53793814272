"""Station isolation on every endpoint: demo2 can neither read nor write demo1's data."""

from __future__ import annotations

import hashlib
from typing import Any

from tests.server.harness import LiveServer, SyncClient, new_id, replica


def _demo1_world(demo1: SyncClient) -> dict[str, Any]:
    """demo1's registry ids plus an inspection, a blob, evidence, a proposal and a carrier it created."""
    changes, _ = demo1.pull_all()
    operator = next(c for c in changes if c["entity"] == "operator" and c["op"] == "upsert")
    carrier = next(c for c in changes if c["entity"] == "carrier" and c["op"] == "upsert")
    content = f"demo1 的证据 {new_id()}".encode()
    sha = hashlib.sha256(content).hexdigest()
    assert demo1.put_blob(content).status_code == 201
    inspection, evidence, proposal, found = new_id(), new_id(), new_id(), new_id()
    device = demo1.device
    results = demo1.push(
        device.mutation("inspection", "upsert", inspection, {"status": "draft", "payload": {"secret": "demo1"}}),
        device.mutation(
            "evidence", "upsert", evidence, {"inspection_id": inspection, "sha256": sha, "size": len(content)}
        ),
        device.mutation(
            "operator_proposal",
            "propose",
            proposal,
            {"kind": "update", "operator_id": operator["id"], "fields": {"credit_class": "D"}},
        ),
        device.mutation("carrier", "upsert", found, {"operator_id": operator["id"], "kind": "website"}),
    )
    assert all(r["status"] == "applied" for r in results), results
    return {
        "operator": operator,
        "carrier": carrier,
        "inspection": inspection,
        "evidence": evidence,
        "proposal": proposal,
        "found": found,
        "sha": sha,
        "content": content,
    }


def test_demo2_cannot_read_demo1(live: LiveServer, demo1: SyncClient, demo2: SyncClient) -> None:
    world = _demo1_world(demo1)
    demo1_ids = {key[1] for key in replica(demo1.pull_all()[0])}
    changes, cursor = demo2.pull_all()
    demo2_ids = {c["id"] for c in changes}
    assert demo2_ids and not (demo1_ids & demo2_ids)
    assert "demo1" not in str(changes)
    # A cursor is not a key to another station's data: demo1's cursor still pulls only demo2's slice.
    _, demo1_cursor = demo1.pull_all()
    assert not ({c["id"] for c in demo2.pull_all(demo1_cursor)[0]} & demo1_ids)
    assert not ({c["id"] for c in demo2.pull_all(cursor)[0]} & demo1_ids)
    hello1, hello2 = demo1.hello(), demo2.hello()
    assert hello2["station"]["code"] == "530103-D2" != hello1["station"]["code"]
    verify2 = demo2.verify()["entities"]
    assert verify2["inspection"]["count"] == len([c for c in replica(changes) if c[0] == "inspection"])
    assert demo1.verify()["entities"]["evidence"]["count"] >= 1
    assert demo2.head_blob(world["sha"]).status_code == 404
    assert demo2.get(f"/blobs/{world['sha']}").status_code == 404


def test_demo2_cannot_write_demo1(live: LiveServer, demo1: SyncClient, demo2: SyncClient) -> None:
    world = _demo1_world(demo1)
    before = replica(demo1.pull_all()[0])
    device = demo2.device
    operator_id = world["operator"]["id"]
    results = demo2.push(
        device.mutation("operator", "upsert", operator_id, {"notes": "demo2 was here"}),
        device.mutation(
            "operator_proposal",
            "propose",
            new_id(),
            {"kind": "update", "operator_id": operator_id, "fields": {"name": "抢注"}},
        ),
        device.mutation("carrier", "upsert", new_id(), {"operator_id": operator_id, "kind": "shop"}),
        device.mutation("carrier", "upsert", world["carrier"]["id"], {"license_display": "missing"}),
        device.mutation("carrier", "delete", world["found"]),
        device.mutation("inspection", "upsert", world["inspection"], {"status": "final", "payload": {"x": 1}}),
        device.mutation("inspection", "delete", world["inspection"]),
        device.mutation("evidence", "delete", world["evidence"]),
        device.mutation(
            "evidence",
            "upsert",
            new_id(),
            {"inspection_id": world["inspection"], "sha256": world["sha"], "size": len(world["content"])},
        ),
        device.mutation(
            "inspection", "upsert", new_id(), {"status": "draft", "amends": world["inspection"], "payload": {}}
        ),
        device.mutation(
            "inspection", "upsert", new_id(), {"status": "draft", "operator_id": operator_id, "payload": {}}
        ),
        device.mutation(
            "operator_proposal",
            "propose",
            world["proposal"],
            {"kind": "update", "operator_id": operator_id, "fields": {"name": "x"}},
        ),
    )
    assert all(r["status"] == "rejected" for r in results), results
    assert {r["code"] for r in results} <= {"not_found", "id_conflict"}
    # demo2's own inspection, evidence needing demo1's blob: demo2 has to upload the bytes itself.
    own = new_id()
    [ok, missing] = demo2.push(
        device.mutation("inspection", "upsert", own, {"status": "draft", "payload": {}}),
        device.mutation(
            "evidence",
            "upsert",
            new_id(),
            {"inspection_id": own, "sha256": world["sha"], "size": len(world["content"])},
        ),
    )
    assert ok["status"] == "applied" and missing["code"] == "blob_missing"
    assert demo2.put_blob(world["content"]).json()["created"] is True  # its own upload; proves possession
    # Pushing as demo1's device with demo2's token is refused outright.
    foreign = demo2.http.post(
        demo2.url("/push"),
        json={"device_id": demo1.device.device_id, "device_counter": 99, "mutations": []},
    )
    assert foreign.status_code == 403
    after = replica(demo1.pull_all()[0])
    assert {key: c["version"] for key, c in after.items() if key in before} == {
        key: c["version"] for key, c in before.items()
    }
    # And demo2's refresh token never yields demo1's station.
    assert demo2.refresh().json()["station"]["code"] == "530103-D2"
