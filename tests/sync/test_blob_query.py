"""Which evidence files to upload is asked in one ``POST /blobs/missing`` per group of files, not a ``HEAD`` each.

The fault proxy records every request between the client and the real server, so each test states exactly which
requests the blob step made. A server older than the route (404/405) is asked file by file, as before.
"""

from __future__ import annotations

import hashlib
import os
from datetime import datetime

import pytest
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from app.inspections.data import EvidenceMeta
from app.progress import Cancelled, Progress
from sync.engine import Receipt
from sync.protocol import API_PREFIX
from tests.inspections.conftest import LICENSE_DISPLAY
from tests.server.harness import LiveServer, SyncClient
from tests.sync.conftest import ACTOR, Client, FaultProxy
from tests.sync.test_faults import converged
from tests.sync.test_sync import first_operator

MISSING = "/blobs/missing"
FILE_BYTES = 5_000


def add_files(client: Client, count: int) -> list[bytes]:
    """A new inspection with ``count`` evidence files no test has sent before; returns their bytes."""
    client.load_templates()
    inspection_id = client.inspections.create_draft(first_operator(client).id, ACTOR, template_code=LICENSE_DISPLAY)
    contents = [b"\x89PNG\r\n\x1a\n" + os.urandom(FILE_BYTES - 8) for _ in range(count)]
    for number, content in enumerate(contents):
        meta = EvidenceMeta(captured_at=datetime(2026, 3, 2, 9, 15), method="截图", file_name=f"{number}.png")
        client.evidence.add(inspection_id, content, meta, ACTOR)
    return contents


def address(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def blob_requests(proxy: FaultProxy) -> list[tuple[str, str, int | str]]:
    """(method, path, status) of every blob request that went through the proxy, in order."""
    return [(seen.method, seen.path, seen.outcome) for seen in proxy.seen if seen.path.startswith("/blobs/")]


def puts(*contents: bytes) -> list[tuple[str, str, int | str]]:
    return sorted(("PUT", f"/blobs/{address(content)}", 201) for content in contents)


def sync_new_files(
    proxied: Client, proxy: FaultProxy, server_view: SyncClient, count: int, sent_before: int
) -> tuple[list[bytes], Receipt]:
    """``count`` new files, of which another computer of the station already sent the one at ``sent_before``, and
    one sync of them (the proxy records only that sync's requests): the files and the receipt."""
    proxied.run()
    contents = add_files(proxied, count)
    assert server_view.put_blob(contents[sent_before]).status_code == 201
    proxy.seen.clear()
    receipt: Receipt = converged(proxied)
    return contents, receipt


def test_one_request_asks_which_files_the_server_lacks(
    proxied: Client, proxy: FaultProxy, server_view: SyncClient
) -> None:
    contents, receipt = sync_new_files(proxied, proxy, server_view, 3, sent_before=1)
    assert (receipt.blobs_uploaded, receipt.blobs_skipped, receipt.blob_bytes) == (2, 1, 2 * FILE_BYTES)
    asked, *sent = blob_requests(proxy)
    assert asked == ("POST", MISSING, 200)
    assert sorted(sent) == puts(contents[0], contents[2])  # no HEAD at all, and only the missing files


def test_many_files_are_asked_about_in_groups(
    proxied: Client, proxy: FaultProxy, server_view: SyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sync.engine.MAX_BLOB_QUERY", 2)  # as 1,000 is to a station with 2,000 photos
    contents, receipt = sync_new_files(proxied, proxy, server_view, 5, sent_before=3)
    assert (receipt.blobs_uploaded, receipt.blobs_skipped) == (4, 1)
    requests = blob_requests(proxy)
    assert [r for r in requests if r[0] != "PUT"] == [("POST", MISSING, 200)] * 3
    assert sorted(r for r in requests if r[0] == "PUT") == puts(*contents[:3], contents[4])


def test_a_rerun_after_a_cancel_sends_only_what_is_missing(
    proxied: Client, proxy: FaultProxy, server_view: SyncClient
) -> None:
    proxied.run()
    contents = add_files(proxied, 3)
    total = len(contents) * FILE_BYTES

    def cancel_after_the_first_file(done: int, of: int) -> None:
        if of == total and done >= FILE_BYTES:
            progress.cancel()

    progress = Progress(cancel_after_the_first_file)
    with pytest.raises(Cancelled):
        proxied.run(user=None, progress=progress)
    (first,) = [content for content in contents if server_view.head_blob(address(content)).status_code == 200]
    proxy.seen.clear()
    receipt = converged(proxied)
    assert (receipt.blobs_uploaded, receipt.blobs_skipped, receipt.blob_bytes) == (2, 1, 2 * FILE_BYTES)
    asked, *sent = blob_requests(proxy)
    assert asked == ("POST", MISSING, 200)
    assert sorted(sent) == puts(*[content for content in contents if content != first])


OLDER_SERVER = {
    405: {"error": "http_error", "message": "Method Not Allowed", "detail": None},
    404: {"error": "not_found", "message": "Not Found", "detail": None},
}
"""What a server from before ``POST /blobs/missing`` answers it: the reference server says 405 (the path matches
its ``/blobs/{sha256}`` routes, which take no POST); one whose router does not match the path at all says 404."""


@pytest.mark.parametrize("status", [405, 404])
def test_an_older_server_is_asked_file_by_file(
    proxied: Client,
    proxy: FaultProxy,
    server_view: SyncClient,
    live: LiveServer,
    monkeypatch: pytest.MonkeyPatch,
    status: int,
) -> None:
    def older_server(_request: Request) -> JSONResponse:
        return JSONResponse(OLDER_SERVER[status], status_code=status)

    routes = [Route(API_PREFIX + MISSING, older_server, methods=["POST"]), *live.app.router.routes]
    monkeypatch.setattr(live.app.router, "routes", routes)
    monkeypatch.setattr("sync.engine.MAX_BLOB_QUERY", 2)  # the route is not asked for again in the next group
    contents, receipt = sync_new_files(proxied, proxy, server_view, 3, sent_before=0)
    assert (receipt.blobs_uploaded, receipt.blobs_skipped) == (2, 1)
    requests = blob_requests(proxy)
    assert requests[0] == ("POST", MISSING, status)
    heads = {path.removeprefix("/blobs/"): outcome for method, path, outcome in requests if method == "HEAD"}
    assert heads == {address(contents[0]): 200, address(contents[1]): 404, address(contents[2]): 404}
    assert sorted(r for r in requests if r[0] == "PUT") == puts(*contents[1:])
    assert len(requests) == 1 + 3 + 2
