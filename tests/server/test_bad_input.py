"""Bad input gets a correct status and a clear JSON body, and changes nothing."""

from __future__ import annotations

import json

import requests

from sync.protocol import ErrorBody
from tests.server.harness import LiveServer, SyncClient, new_id


def _error(response: requests.Response, status: int, code: str) -> ErrorBody:
    assert response.status_code == status, response.text
    body = ErrorBody.model_validate(response.json())
    assert body.error == code
    assert body.message
    return body


def test_malformed_json_and_wrong_types(demo1: SyncClient) -> None:
    headers = {"Content-Type": "application/json"}
    broken = demo1.http.post(demo1.url("/push"), data=b'{"device_id": "x", "mutations": [', headers=headers)
    body = _error(broken, 422, "invalid_request")
    assert "JSON" in body.message
    wrong = demo1.push_raw([{**demo1.device.mutation("inspection", "upsert", new_id()), "seq": "seven"}])
    body = _error(wrong, 422, "invalid_request")
    assert any(item["loc"][-1] == "seq" for item in body.detail)
    unknown_field = demo1.push_raw([{**demo1.device.mutation("inspection", "upsert", new_id()), "colour": "red"}])
    _error(unknown_field, 422, "invalid_request")
    bad_entity = demo1.push_raw([demo1.device.mutation("spaceship", "upsert", new_id())])
    _error(bad_entity, 422, "invalid_request")
    not_uuid = demo1.push_raw([demo1.device.mutation("inspection", "upsert", "42")])
    _error(not_uuid, 422, "invalid_request")
    assert demo1.hello()["device"]["last_seq"] == 0


def test_login_errors_never_echo_the_password(live: LiveServer) -> None:
    client = SyncClient(live)
    response = client.http.post(
        client.url("/login"),
        json={"username": "demo1", "password": 31415926535, "device_id": new_id(), "client_version": "0.1.0"},
    )
    _error(response, 422, "invalid_request")
    assert "31415926535" not in response.text
    missing = client.http.post(client.url("/login"), json={"username": "demo1", "password": "p4ssw0rd-secret"})
    _error(missing, 422, "invalid_request")
    assert "p4ssw0rd-secret" not in missing.text


def test_oversized_batch_and_body(live: LiveServer, demo1: SyncClient) -> None:
    too_many = [demo1.device.mutation("inspection", "upsert", new_id(), {}) for _ in range(live.settings.max_batch + 1)]
    body = _error(demo1.push_raw(too_many), 413, "batch_too_large")
    assert body.detail == {"max_batch": live.settings.max_batch}
    huge = demo1.device.mutation(
        "inspection",
        "upsert",
        new_id(),
        {"status": "draft", "payload": {"text": "很长" * live.settings.max_body_bytes}},
    )
    _error(demo1.push_raw([huge]), 413, "payload_too_large")
    chunked = demo1.http.post(
        demo1.url("/push"),
        data=iter(
            [json.dumps({"device_id": demo1.device.device_id, "padding": "x" * live.settings.max_body_bytes}).encode()]
        ),
        headers={"Content-Type": "application/json"},
    )
    _error(chunked, 413, "payload_too_large")
    assert demo1.hello()["device"]["last_seq"] == 0


def test_unknown_protocol_and_old_clients_get_426(live: LiveServer, demo1: SyncClient) -> None:
    newer = demo1.get("/hello", headers={"StationDesk-Protocol": "2"})
    _error(newer, 426, "upgrade_required")
    assert newer.headers["Upgrade"].startswith("StationDesk-Sync/")
    garbage = demo1.get("/hello", headers={"StationDesk-Protocol": "one"})
    _error(garbage, 426, "upgrade_required")
    v2 = demo1.http.get(live.base + "/sync/v2/hello")
    assert _error(v2, 426, "upgrade_required").detail == {"supported_protocols": [1], "min_client_version": "0.1.0"}
    old = demo1.get("/hello", headers={"StationDesk-Client": "0.0.9"})
    _error(old, 426, "upgrade_required")
    old_login = SyncClient(live).login("demo1", client_version="0.0.1")
    _error(old_login, 426, "upgrade_required")


def test_unknown_routes_and_methods_keep_the_error_shape(live: LiveServer, demo1: SyncClient) -> None:
    _error(demo1.get("/nothing-here"), 404, "not_found")
    assert demo1.http.delete(demo1.url("/hello")).json()["error"] == "http_error"
    assert live.base and requests.get(live.base + "/openapi.json").json()["info"]["title"].startswith("StationDesk")
