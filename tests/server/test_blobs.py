"""Evidence blobs: HEAD to skip, PUT to send, the server re-hashes, and nothing partial is ever stored."""

from __future__ import annotations

import hashlib
import os
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from tests.server.harness import LiveServer, LogCollector, SyncClient, data_dir_files


def test_head_put_get(live: LiveServer, demo1: SyncClient) -> None:
    content = os.urandom(40_000)
    sha = hashlib.sha256(content).hexdigest()
    assert demo1.head_blob(sha).status_code == 404
    stored = demo1.put_blob(content)
    assert stored.status_code == 201
    assert stored.json() == {"sha256": sha, "size": len(content), "created": True}
    head = demo1.head_blob(sha)
    assert head.status_code == 200 and head.headers["Content-Length"] == str(len(content))
    again = demo1.put_blob(content)
    assert again.status_code == 200 and again.json()["created"] is False
    got = demo1.get(f"/blobs/{sha}")
    assert got.status_code == 200 and got.content == content
    on_disk = live.settings.blob_dir / sha[:2] / sha[2:4] / sha
    assert on_disk.read_bytes() == content


def test_wrong_hash_is_rejected_and_leaves_nothing(live: LiveServer, demo1: SyncClient) -> None:
    content = b"the bytes of one file"
    claimed = hashlib.sha256(b"the bytes of another file").hexdigest()
    response = demo1.put_blob(content, sha256=claimed)
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "hash_mismatch"
    assert body["detail"] == {"expected": claimed, "actual": hashlib.sha256(content).hexdigest()}
    assert demo1.head_blob(claimed).status_code == 404
    assert not (live.settings.blob_dir / claimed[:2] / claimed[2:4] / claimed).exists()
    assert [p for p in data_dir_files(live.settings.blob_dir / "tmp")] == []


def test_bad_addresses_and_oversized_blobs(live: LiveServer, demo1: SyncClient) -> None:
    assert demo1.head_blob("ABC").status_code == 422
    upper = hashlib.sha256(b"x").hexdigest().upper()
    assert demo1.put_blob(b"x", sha256=upper).status_code == 422
    big = b"\0" * (live.settings.max_blob_bytes + 1)
    response = demo1.put_blob(big)
    assert response.status_code == 413
    assert response.json()["error"] == "payload_too_large"
    assert [p for p in data_dir_files(live.settings.blob_dir / "tmp")] == []

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit is enforced while streaming
        for _ in range(live.settings.max_blob_bytes // 65536 + 2):
            yield b"\1" * 65536

    streamed = demo1.http.put(demo1.url(f"/blobs/{'0' * 64}"), data=chunks())
    assert streamed.status_code == 413
    assert [p for p in data_dir_files(live.settings.blob_dir / "tmp")] == []


def tmp_files(live: LiveServer) -> list[Path]:
    return data_dir_files(live.settings.blob_dir / "tmp")


def wait_until(condition: Callable[[], bool], what: str) -> None:
    """Wait for the server thread to get somewhere (a condition, not a timing: the limit only stops a hang)."""
    deadline = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < deadline, f"the server never {what}"
        time.sleep(0.01)


def test_an_upload_streams_to_disk_and_a_cut_leaves_nothing(
    live: LiveServer, demo1: SyncClient, server_logs: LogCollector
) -> None:
    content = os.urandom(100_000)
    sha = hashlib.sha256(content).hexdigest()
    host, port = live.base.removeprefix("http://").split(":")
    head = (
        f"PUT /sync/v1/blobs/{sha} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {demo1.access_token}\r\n"
        f"Content-Type: application/octet-stream\r\nContent-Length: {len(content)}\r\n\r\n"
    ).encode()
    logged = len(server_logs.lines)
    with socket.create_connection((host, int(port))) as sock:
        sock.sendall(head + content[:30_000])
        # Bytes reach a temporary file while the body is still incomplete: streamed, not collected in memory.
        wait_until(lambda: any(path.stat().st_size > 0 for path in tmp_files(live)), "wrote the first bytes")
    wait_until(lambda: not tmp_files(live), "removed the partial file")
    assert demo1.head_blob(sha).status_code == 404
    wait_until(lambda: any("cut off" in line for line in server_logs.lines[logged:]), "logged the cut")
    assert not [line for line in server_logs.lines[logged:] if "Exception in ASGI application" in line]
    assert demo1.put_blob(content).status_code == 201  # the retry sends it whole
