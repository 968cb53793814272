"""``POST /blobs/missing``: one request answers, for many files, what a ``HEAD`` per file would — per station."""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any

import pytest
import requests

from server.blob_routes import QUERY_BODY_BYTES
from sync.protocol import MAX_BLOB_QUERY
from tests.server.harness import LiveServer, SyncClient


def ask(client: SyncClient, body: Any) -> requests.Response:
    return client.http.post(client.url("/blobs/missing"), json=body)


def missing(client: SyncClient, hashes: list[str]) -> list[str]:
    response = ask(client, {"sha256": hashes})
    assert response.status_code == 200, response.text
    found: list[str] = response.json()["missing"]
    return found


def new_file() -> tuple[bytes, str]:
    """Bytes no test has uploaded yet (the server lives for the whole session), and their address."""
    content = os.urandom(2_000)
    return content, hashlib.sha256(content).hexdigest()


def random_hashes(count: int) -> list[str]:
    return [os.urandom(32).hex() for _ in range(count)]


def test_each_station_is_told_what_it_has_not_uploaded(demo1: SyncClient, demo2: SyncClient) -> None:
    ones, one = new_file()
    twos, two = new_file()
    _, nobodys = new_file()
    assert demo1.put_blob(ones).status_code == 201
    assert demo2.put_blob(twos).status_code == 201
    asked = [one, two, nobodys]
    # A file another station stored counts as missing: its bytes are sent once more, which proves the station has
    # them, and the answer cannot be used to probe another station's files.
    assert missing(demo1, asked) == [two, nobodys]
    assert missing(demo2, asked) == [one, nobodys]
    for client in (demo1, demo2):  # exactly what HEAD says, file by file
        lacking = set(missing(client, asked))
        assert {sha for sha in asked if client.head_blob(sha).status_code == 404} == lacking
    assert demo1.put_blob(twos).status_code == 201  # new to demo1, though the bytes were on disk already
    assert missing(demo1, asked) == [nobodys]
    assert missing(demo2, asked) == [one, nobodys]


def test_each_hash_is_answered_once_in_the_order_asked(demo1: SyncClient) -> None:
    content, stored = new_file()
    assert demo1.put_blob(content).status_code == 201
    first, second = random_hashes(2)
    assert missing(demo1, [second, stored, first, second, stored, first]) == [second, first]


def test_an_empty_list_is_an_empty_answer(demo1: SyncClient) -> None:
    assert missing(demo1, []) == []


def test_at_most_the_protocols_limit_of_hashes_per_request(live: LiveServer, demo1: SyncClient) -> None:
    full = random_hashes(MAX_BLOB_QUERY)
    # A full query fits its own body limit even where max_body_bytes is smaller (64 KiB in these tests).
    assert len(json.dumps({"sha256": full})) > live.settings.max_body_bytes
    assert missing(demo1, full) == full
    response = ask(demo1, {"sha256": [*full, random_hashes(1)[0]]})
    assert response.status_code == 413
    assert response.json() == {
        "error": "batch_too_large",
        "message": f"{MAX_BLOB_QUERY + 1} hashes in one query; ask about at most {MAX_BLOB_QUERY}",
        "detail": {"max_hashes": MAX_BLOB_QUERY},
    }
    oversized = ask(demo1, {"sha256": random_hashes(QUERY_BODY_BYTES // 64)})
    assert oversized.status_code == 413 and oversized.json()["error"] == "payload_too_large"


@pytest.mark.parametrize(
    "body",
    [
        {"sha256": [hashlib.sha256(b"x").hexdigest().upper()]},
        {"sha256": ["0" * 63]},
        {"sha256": ["0" * 65]},
        {"sha256": ["g" * 64]},
        {"sha256": [12345]},
        {"sha256": [None]},
        {"sha256": "0" * 64},
        {"sha256": [["0" * 64]]},
        {},
        {"sha256": [], "size": 1},
        [],
    ],
    ids=["upper", "short", "long", "not-hex", "number", "null", "not-a-list", "nested", "empty", "extra", "array"],
)
def test_malformed_queries_are_refused(demo1: SyncClient, body: Any) -> None:
    response = ask(demo1, body)
    assert response.status_code == 422
    answer = response.json()
    assert set(answer) == {"error", "message", "detail"} and answer["error"] == "invalid_request"


def test_a_body_that_is_not_json_is_refused(demo1: SyncClient) -> None:
    response = demo1.http.post(
        demo1.url("/blobs/missing"), data=b"sha256=abc", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422 and response.json()["error"] == "invalid_request"


def test_the_query_needs_a_login(live: LiveServer) -> None:
    response = requests.post(live.url + "/blobs/missing", json={"sha256": random_hashes(1)}, timeout=10)
    assert response.status_code == 401 and response.json()["error"] == "unauthorized"


def test_the_route_is_in_the_openapi_description(live: LiveServer) -> None:
    schema = requests.get(live.base + "/openapi.json", timeout=10).json()
    route = schema["paths"]["/sync/v1/blobs/missing"]["post"]
    assert route["tags"] == ["blobs"]
    assert route["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/MissingBlobsRequest")
    answer = route["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert answer.endswith("/MissingBlobsResponse")
    assert schema["components"]["schemas"]["MissingBlobsRequest"]["required"] == ["sha256"]
    assert set(schema["paths"]["/sync/v1/blobs/{sha256}"]) == {"head", "get", "put"}  # the other routes stay
