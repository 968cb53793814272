"""Push: idempotency per (device, seq), quarantine of rejected mutations, copied databases, ownership rules."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from sqlalchemy import func, select

from server import province
from server.models import AppliedMutation, Inspection
from server.models import Device as DeviceRow
from tests.server.harness import Device, LiveServer, SyncClient, new_id, replica


def _inspection(status: str = "draft", payload: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    default = {"task": "双随机抽查", "items": [{"no": 1, "checked": True}]}
    return {"status": status, "payload": payload or default, **extra}


def _some_operator(client: SyncClient) -> dict[str, Any]:
    changes, _ = client.pull_all()
    return next(c for c in changes if c["entity"] == "operator" and c["op"] == "upsert")


def test_same_seq_twice_is_stored_once(live: LiveServer, demo1: SyncClient) -> None:
    inspection_id = new_id()
    mutation = demo1.device.mutation("inspection", "upsert", inspection_id, _inspection())
    first = demo1.push(mutation)
    assert first[0] == {
        "seq": 1,
        "entity": "inspection",
        "id": inspection_id,
        "status": "applied",
        "already_applied": False,
        "version": 1,
        "code": None,
        "reason": None,
        "current_version": None,
    }
    again = demo1.push(mutation)  # the response was lost; the client sends the same outbox entry again
    assert again[0]["already_applied"] is True
    assert again[0]["status"] == "applied" and again[0]["version"] == 1
    with live.db.read() as conn:
        assert conn.scalar(select(func.count()).select_from(Inspection).where(Inspection.id == inspection_id)) == 1
    # A retried batch that also carries new entries: the old ones are answered, the new one applied.
    second = demo1.device.mutation("inspection", "upsert", inspection_id, _inspection(payload={"note": "edited"}))
    results = demo1.push(mutation, second)
    assert [r["already_applied"] for r in results] == [True, False]
    assert results[1]["version"] == 2
    assert demo1.hello()["device"]["last_seq"] == 2


def test_a_rejected_mutation_is_recorded_and_does_not_block(live: LiveServer, demo1: SyncClient) -> None:
    operator = _some_operator(demo1)
    bad = demo1.device.mutation("operator", "upsert", operator["id"], {"name": "改个名字有限公司"})
    good = demo1.device.mutation("inspection", "upsert", new_id(), _inspection())
    results = demo1.push(bad, good)
    assert results[0]["status"] == "rejected" and results[0]["code"] == "province_owned"
    assert "operator_proposal" in results[0]["reason"]
    assert results[1]["status"] == "applied"
    retried = demo1.push(bad, good)
    assert [(r["status"], r["already_applied"]) for r in retried] == [("rejected", True), ("applied", True)]
    assert retried[0]["code"] == "province_owned"
    with live.db.read() as conn:
        rows = conn.execute(
            select(AppliedMutation.seq, AppliedMutation.status)
            .join(DeviceRow, DeviceRow.id == AppliedMutation.device_pk)
            .where(AppliedMutation.entity_id == operator["id"], DeviceRow.device_id == demo1.device.device_id)
        ).all()
    assert [(row.seq, row.status) for row in rows] == [(bad["seq"], "rejected")]


def test_station_fields_of_an_operator_are_written_directly(demo1: SyncClient) -> None:
    operator = _some_operator(demo1)
    same_name = {"name": operator["data"]["name"], "phone": "０８７１－６５１２３４５６", "notes": "门店已搬迁"}
    [result] = demo1.push(demo1.device.mutation("operator", "upsert", operator["id"], same_name))
    assert result["status"] == "applied"  # an unchanged province field may travel along
    assert result["version"] == operator["version"] + 1
    pulled = replica(demo1.pull_all()[0])[("operator", operator["id"])]
    assert pulled["data"]["phone"] == "0871-65123456"  # normalised by the shared validation
    assert pulled["data"]["notes"] == "门店已搬迁"
    [bad_phone] = demo1.push(demo1.device.mutation("operator", "upsert", operator["id"], {"phone": "12345"}))
    assert bad_phone["code"] == "validation"


def test_copied_database_gets_409(live: LiveServer) -> None:
    original = SyncClient(live)
    original.login("demo1")
    for _ in range(3):
        original.push(original.device.mutation("inspection", "upsert", new_id(), _inspection()))
    # The data dir was copied to a second PC when the counter was 1: same device id, older counter.
    copy = SyncClient(live, Device(original.device.device_id, counter=1))
    copy.login("demo1")
    behind = copy.push_raw([copy.device.mutation("inspection", "upsert", new_id(), _inspection())])
    assert behind.status_code == 409
    assert behind.json()["error"] == "device_conflict"
    assert behind.json()["detail"]["last_seq"] == 3
    # The copy went on working and got ahead of the original: a reused seq with other content is caught too.
    copy.device.counter = 3
    reused = copy.push_raw([copy.device.mutation("inspection", "upsert", new_id(), _inspection())], counter=4)
    assert reused.status_code == 200  # seq 4 is new to the server
    original.device.counter = 3
    clash = original.push_raw([original.device.mutation("inspection", "upsert", new_id(), _inspection())], counter=4)
    assert clash.status_code == 409
    assert "copied" in clash.json()["message"]
    assert original.push_raw([], counter=2).status_code == 409  # even an empty push says so


def test_batch_consistency_is_checked_before_anything_applies(live: LiveServer, demo1: SyncClient) -> None:
    first = demo1.device.mutation("inspection", "upsert", new_id(), _inspection())
    second = demo1.device.mutation("inspection", "upsert", new_id(), _inspection())
    out_of_order = demo1.push_raw([second, first])
    assert out_of_order.status_code == 422 and "ascending" in out_of_order.json()["message"]
    above_counter = demo1.push_raw([first, second], counter=1)
    assert above_counter.status_code == 422
    other_device = {**first, "device_id": new_id()}
    assert demo1.push_raw([other_device]).status_code == 422
    foreign = demo1.http.post(demo1.url("/push"), json={"device_id": new_id(), "device_counter": 0, "mutations": []})
    assert foreign.status_code == 403
    assert demo1.hello()["device"]["last_seq"] == 0


def test_finalized_inspections_are_immutable_and_amended(demo1: SyncClient) -> None:
    device = demo1.device
    original = new_id()
    draft, final = _inspection(), _inspection("final")
    results = demo1.push(
        device.mutation("inspection", "upsert", original, draft),
        device.mutation("inspection", "upsert", original, final),
        device.mutation("inspection", "upsert", original, {**final, "payload": {"changed": True}}),
        device.mutation("inspection", "delete", original),
        device.mutation("inspection", "upsert", original, final),  # the same final content again: harmless
    )
    assert [r["status"] for r in results] == ["applied", "applied", "rejected", "rejected", "applied"]
    assert results[2]["code"] == results[3]["code"] == "finalized"
    assert results[4]["version"] == 2
    amendment, bad_amendment, draft_id = new_id(), new_id(), new_id()
    results = demo1.push(
        device.mutation("inspection", "upsert", amendment, _inspection(amends=original)),
        device.mutation("inspection", "upsert", draft_id, _inspection()),
        device.mutation("inspection", "upsert", bad_amendment, _inspection(amends=draft_id)),
        device.mutation("inspection", "upsert", amendment, _inspection(amends=None)),
    )
    assert [r["status"] for r in results] == ["applied", "applied", "rejected", "rejected"]
    pulled = replica(demo1.pull_all()[0])
    assert pulled[("inspection", amendment)]["data"]["amends"] == original
    assert pulled[("inspection", original)]["data"]["status"] == "final"


def test_evidence_needs_its_blob_and_a_draft(demo1: SyncClient) -> None:
    device = demo1.device
    content = "截图 2026-05-01 淘宝店铺首页".encode() * 50
    sha = hashlib.sha256(content).hexdigest()
    inspection, evidence = new_id(), new_id()
    meta = {"inspection_id": inspection, "sha256": sha, "size": len(content), "media_type": "image/png"}
    results = demo1.push(
        device.mutation("inspection", "upsert", inspection, _inspection()),
        device.mutation("evidence", "upsert", evidence, meta),
    )
    assert results[1]["code"] == "blob_missing"
    assert demo1.put_blob(content).status_code == 201
    retry = device.mutation("evidence", "upsert", evidence, meta)  # a new outbox entry after the upload
    wrong_size = device.mutation("evidence", "upsert", new_id(), {**meta, "size": 1})
    changed = device.mutation("evidence", "upsert", evidence, {**meta, "filename": "renamed.png"})
    finalize = device.mutation("inspection", "upsert", inspection, _inspection("final"))
    late = device.mutation("evidence", "upsert", new_id(), meta)
    results = demo1.push(retry, wrong_size, changed, finalize, late)
    assert [r["status"] for r in results] == ["applied", "rejected", "rejected", "applied", "rejected"]
    assert [r["code"] for r in results] == [None, "invalid_data", "immutable", None, "finalized"]
    pulled = replica(demo1.pull_all()[0])
    assert pulled[("evidence", evidence)]["data"]["sha256"] == sha
    assert pulled[("evidence", evidence)]["data"]["metadata"] == {}


def test_two_devices_editing_one_draft_conflict(live: LiveServer, demo1: SyncClient) -> None:
    other = SyncClient(live)
    other.login("demo1")
    record = new_id()
    [created] = demo1.push(demo1.device.mutation("inspection", "upsert", record, _inspection()))
    # demo1 edits again before hearing back (base_version unknown): its own version is no conflict.
    [own] = demo1.push(
        demo1.device.mutation("inspection", "upsert", record, _inspection(payload={"note": "a"}), base_version=0)
    )
    assert own["status"] == "applied" and own["version"] == 2
    # The other device edits based on version 1, which it pulled before demo1's second edit.
    [stale] = other.push(
        other.device.mutation("inspection", "upsert", record, _inspection(payload={"note": "b"}), base_version=1)
    )
    assert stale["status"] == "rejected" and stale["code"] == "version_conflict"
    assert stale["current_version"] == 2
    [fresh] = other.push(
        other.device.mutation("inspection", "upsert", record, _inspection(payload={"note": "b"}), base_version=2)
    )
    assert fresh["status"] == "applied" and fresh["version"] == 3
    assert created["version"] == 1


def test_station_found_carriers_and_province_carriers(demo1: SyncClient) -> None:
    changes, _ = demo1.pull_all()
    operator = next(c for c in changes if c["entity"] == "operator" and c["op"] == "upsert")
    province_carrier = next(c for c in changes if c["entity"] == "carrier" and c["op"] == "upsert")
    device = demo1.device
    found = new_id()
    results = demo1.push(
        device.mutation(
            "carrier",
            "upsert",
            found,
            {"operator_id": operator["id"], "kind": "shop", "platform": "拼多多", "shop_name": "新发现的店"},
        ),
        device.mutation("carrier", "upsert", found, {"license_display": "missing", "last_verified": "2026-05-02"}),
        device.mutation("carrier", "upsert", province_carrier["id"], {"license_display": "incomplete"}),
        device.mutation("carrier", "upsert", province_carrier["id"], {"shop_name": "改名"}),
        device.mutation("carrier", "delete", province_carrier["id"]),
        device.mutation("carrier", "upsert", new_id(), {"kind": "shop"}),
        device.mutation("carrier", "upsert", new_id(), {"operator_id": operator["id"], "kind": "rocket"}),
        device.mutation("carrier", "delete", found, {"reason": "重复录入"}),
    )
    assert [r["status"] for r in results] == [
        "applied",
        "applied",
        "applied",
        "rejected",
        "rejected",
        "rejected",
        "rejected",
        "applied",
    ]
    assert [r["code"] for r in results[3:7]] == ["province_owned", "province_owned", "invalid_data", "invalid_data"]
    state = replica(demo1.pull_all()[0])
    assert ("carrier", found) not in state
    assert state[("carrier", province_carrier["id"])]["data"]["license_display"] == "incomplete"


def test_proposals_accepted_rejected_and_stale(live: LiveServer, demo1: SyncClient) -> None:
    other = SyncClient(live)
    other.login("demo1")
    operator = _some_operator(demo1)
    update_a, update_b = new_id(), new_id()
    propose = {"kind": "update", "operator_id": operator["id"], "reason": "营业执照已变更"}
    [a] = demo1.push(
        demo1.device.mutation(
            "operator_proposal",
            "propose",
            update_a,
            {
                **propose,
                "fields": {"name": "昆明市新名字商贸有限公司"},
                "base_values": {"name": operator["data"]["name"]},
            },
            base_version=operator["version"],
        )
    )
    [b] = other.push(
        other.device.mutation(
            "operator_proposal",
            "propose",
            update_b,
            {**propose, "fields": {"legal_representative": "李四"}},
            base_version=operator["version"],
        )
    )
    assert a["status"] == b["status"] == "applied"
    province.accept_proposal(live.db, update_a, by="省局审核员")
    with pytest.raises(province.AdminError, match="changed since"):
        province.accept_proposal(live.db, update_b, by="省局审核员")
    stale = [view for view in province.list_proposals(live.db, "530102-D1") if view.id == update_b]
    assert stale[0].stale
    province.accept_proposal(live.db, update_b, by="省局审核员", force=True)
    state = replica(demo1.pull_all()[0])
    assert state[("operator", operator["id"])]["data"]["name"] == "昆明市新名字商贸有限公司"
    assert state[("operator", operator["id"])]["data"]["legal_representative"] == "李四"
    assert state[("operator_proposal", update_a)]["data"]["status"] == "accepted"

    # A new operator the station found: usable at once (carriers may reference it), pending until decided.
    new_operator, carrier, create = new_id(), new_id(), new_id()
    fields = {"subject_type": "natural_person", "identifier_type": "none", "name": "张三", "phone": "13912345678"}
    results = demo1.push(
        demo1.device.mutation(
            "operator_proposal", "propose", create, {"kind": "create", "operator_id": new_operator, "fields": fields}
        ),
        demo1.device.mutation("carrier", "upsert", carrier, {"operator_id": new_operator, "kind": "live_stream"}),
        demo1.device.mutation(
            "operator_proposal",
            "propose",
            new_id(),
            {"kind": "create", "operator_id": new_id(), "fields": {**fields, "identifier_type": "uscc"}},
        ),
        demo1.device.mutation(
            "operator_proposal",
            "propose",
            new_id(),
            {
                "kind": "create",
                "operator_id": new_id(),
                "fields": {**fields, "identifier_type": "uscc", "identifier": "91110000600037341N"},
            },
        ),
        demo1.device.mutation(
            "operator_proposal",
            "propose",
            new_id(),
            {
                "kind": "create",
                "operator_id": new_id(),
                "fields": {**fields, "identifier_type": "uscc", "identifier": "91110000600037341N"},
                "identifier_override": "营业执照原件即如此",
            },
        ),
    )
    assert [r["status"] for r in results] == ["applied", "applied", "rejected", "rejected", "applied"]
    assert results[2]["code"] == results[3]["code"] == "validation"
    state = replica(demo1.pull_all()[0])
    assert state[("operator", new_operator)]["data"]["origin"] == "station"
    province.reject_proposal(live.db, create, reason="与已登记主体重复", by="省局审核员")
    state = replica(demo1.pull_all()[0])
    assert ("operator", new_operator) not in state and ("carrier", carrier) not in state
    assert state[("operator_proposal", create)]["data"]["status"] == "rejected"
    assert state[("operator_proposal", create)]["data"]["decision_reason"] == "与已登记主体重复"
