"""One sync: hello → blobs → push → pull → verify, with progress, cancel and a receipt.

The engine knows the protocol and nothing about the local database: it works through a :class:`LocalStore` the
app layer hands in (localdb/sync_store.py implements it). It follows the client algorithm of
docs/sync-protocol.md:

1. ``hello``; epoch changed → full resync; ``device.last_seq`` above the local counter → a copied data dir (409).
2. Evidence blobs referenced by unanswered entries: which ones the server lacks, asked with ``POST /blobs/missing``
   for up to ``MAX_BLOB_QUERY`` files at a time (a server older than that route: ``HEAD`` per file); ``PUT`` of
   those, streamed from the evidence store chunk by chunk (a file is never held in memory whole; progress counts
   bytes, and cancel stops mid-file). A file the server refuses (its bytes no longer match their hash: a damaged
   local copy; or too large) is reported as missing and does not stop the sync: its evidence entry is then refused
   (``blob_missing``), the rest goes on.
3. Push unanswered entries in seq order, in batches of ≤ ``max_batch``: each batch is marked *sent* (committed)
   and then read, so what goes out is what is stored as sent (autosaves fold only into *pending* entries), and a
   retry after a lost answer resends the same mutations, which the server answers ``already_applied``; results
   (applied or rejected: quarantined, never blocking) are stored in one transaction.
4. Pull from the stored cursor; each page and its cursor in one local transaction (a full run: a group of pages).
   The engine reads only a page's head (cursor, ``has_more``…); the store applies the response bodies as they came,
   inside SQLite (localdb/pull_apply.py). 410 → full resync.
5. ``verify`` when the pull reached the server's position: a mismatch → full resync (once).
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Final, Protocol

from sync.client import DeviceConflict, ResyncRequired, StreamedBody, SyncError, SyncHttp
from sync.page_feed import PageFeed
from sync.protocol import MAX_BLOB_QUERY, HelloResponse, PullHead, PushResponse, VerifyResponse, checksum

PULL_LIMIT: Final = 5000
FULL_RUN_GROUP: Final = 25_000
"""Changes a full pull applies per local transaction (five pages of the default size)."""
Pulled = tuple[PullHead, Any]
"""A page as fetched: its head, and what the store's ``prepare_page`` made of the body (opaque here)."""
REFUSED_FILE: Final = (413, 422)
"""Answers to a file upload that no retry changes: too large, or the bytes do not hash to their address."""


class LocalStore(Protocol):
    """What the engine needs from the station database (see localdb/sync_store.py)."""

    def state(self) -> dict[str, Any] | None: ...
    def save_state(self, **values: Any) -> None: ...
    def outbox_counter(self) -> int: ...
    def unanswered(self, limit: int, after: int = 0) -> list[dict[str, Any]]: ...
    def unanswered_count(self) -> int: ...
    def mark_sent(self, seqs: Sequence[int]) -> None: ...
    def record_results(self, results: Sequence[dict[str, Any]], offset: int) -> None: ...
    def renumber(self, device_id: str) -> int: ...
    def pending_blobs(self) -> list[tuple[str, int]]: ...
    def blob_chunks(self, sha256: str) -> tuple[int, Callable[[], Iterable[bytes]]] | None: ...
    def begin_full(self) -> None: ...
    def prepare_page(self, body: bytes) -> Any:
        """Runs on the fetch thread for each pulled page; the result goes back to :meth:`apply_page` unchanged."""

    def apply_page(self, pages: Sequence[Any], state: dict[str, Any]) -> tuple[int, int]: ...
    def finish_pull(self) -> int: ...
    def digest_pairs(self) -> dict[str, list[tuple[str, int]]]: ...


@dataclass
class Rejection:
    seq: int
    entity: str
    id: str
    code: str
    reason: str


@dataclass
class Receipt:
    """What one sync did; shown to the user, stored in the sync state, exportable as JSON."""

    server: str = ""
    station: str = ""
    pushed: int = 0
    applied: int = 0
    already_applied: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    blobs_uploaded: int = 0
    blobs_skipped: int = 0
    blob_bytes: int = 0
    pulled_changes: int = 0
    applied_changes: int = 0
    full_resync: bool = False
    removed: int = 0
    verified: bool | None = None
    bytes_sent: int = 0
    bytes_received: int = 0
    bytes_received_raw: int = 0
    requests: int = 0
    seconds: float = 0.0
    missing_blobs: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


class WrongStation(SyncError):
    """The credentials reach another station than the one this data dir belongs to."""

    kind = "wrong_station"


Step = Callable[[int, int], None]


def _bytes_step(step: Step, before: int, total: int, sent: int) -> None:
    """Progress within one file's upload: ``before`` bytes of earlier files plus ``sent`` of this one."""
    step(before + sent, total)


class SyncEngine:
    """Runs syncs of one local store against one server connection."""

    def __init__(self, http: SyncHttp, store: LocalStore, pull_limit: int = PULL_LIMIT) -> None:
        self.http = http
        self.store = store
        self.pull_limit = pull_limit

    def run(self, step: Step | None = None, expect_station: str | None = None) -> Receipt:
        """One complete sync. ``step(done, total)`` reports progress and raises to cancel (between transactions);
        ``expect_station``: the station id the data dir belongs to (another one raises :class:`WrongStation`)."""
        started = time.perf_counter()
        report: Step = step or (lambda _done, _total: None)
        receipt = Receipt(server=self.http.base_url)
        state = self.store.state() or {}
        hello = HelloResponse.model_validate(self.http.get_json("/hello"))
        receipt.station = hello.station.name
        if expect_station is not None and hello.station.id != expect_station:
            raise WrongStation(f"this data dir belongs to station {expect_station}, the login to {hello.station.id}")
        full = not state.get("cursor") or (bool(state.get("epoch")) and state.get("epoch") != hello.epoch)
        offset = int(state.get("seq_offset") or 0)
        if hello.device.last_seq > self.store.outbox_counter() - offset:
            raise DeviceConflict(
                f"the server has applied seq {hello.device.last_seq} from this device, more than it ever numbered",
                {"last_seq": hello.device.last_seq},
            )
        if full and state.get("cursor"):
            receipt.full_resync = True
        self._blobs(receipt, report)
        self._push(receipt, hello.limits.max_batch, offset, report)
        self._pull(receipt, hello, full, report)
        self._verify(receipt, hello, report)
        self._finish(receipt, started)
        return receipt

    def _finish(self, receipt: Receipt, started: float) -> None:
        traffic = self.http.traffic
        receipt.bytes_sent = traffic.sent
        receipt.bytes_received = traffic.received
        receipt.bytes_received_raw = traffic.received_raw
        receipt.requests = traffic.requests
        receipt.seconds = round(time.perf_counter() - started, 3)
        self.store.save_state(last_receipt=receipt.to_json())

    # -- blobs ---------------------------------------------------------------------------------------------------
    def _blobs(self, receipt: Receipt, step: Step) -> None:
        blobs = self.store.pending_blobs()
        total = sum(size for _, size in blobs)
        done = 0
        missing: set[str] | None = None  # what the server lacks of this group of files; None: an older server
        for index, (sha256, size) in enumerate(blobs):
            step(done, total)
            if index % MAX_BLOB_QUERY == 0 and (index == 0 or missing is not None):
                answer = self.http.missing_blobs([sha for sha, _ in blobs[index : index + MAX_BLOB_QUERY]])
                missing = None if answer is None else set(answer)
            lacks = sha256 in missing if missing is not None else not self.http.has_blob(sha256)
            if not lacks:
                receipt.blobs_skipped += 1
            else:
                source = self.store.blob_chunks(sha256)
                if source is None or source[0] != size:
                    receipt.missing_blobs.append(sha256)  # the evidence mutation will be rejected: blob_missing
                    continue
                body = StreamedBody(size, source[1], functools.partial(_bytes_step, step, done, total))
                put = self.http.call("PUT", f"/blobs/{sha256}", data=body, ok=(200, 201, *REFUSED_FILE))
                if put.status_code in REFUSED_FILE:
                    receipt.missing_blobs.append(sha256)
                    continue
                receipt.blobs_uploaded += 1
                receipt.blob_bytes += size
            done += size
        if blobs:
            step(total, total)

    # -- push ----------------------------------------------------------------------------------------------------
    def _push(self, receipt: Receipt, max_batch: int, offset: int, step: Step) -> None:
        state = self.store.state() or {}
        device_id = str(state.get("device_id") or self.http.device_id)
        total = self.store.unanswered_count()
        done = 0
        while True:
            batch = self.store.unanswered(max(1, max_batch))
            if not batch:
                return
            step(done, total)
            self.store.mark_sent([entry["seq"] for entry in batch])
            # Read again what was marked: an autosave may have folded into the last pending entry between the read
            # and the mark, and a *sent* entry is never folded into again, so this is exactly what the server gets.
            batch = self.store.unanswered(len(batch), after=batch[0]["seq"] - 1)
            counter = self.store.outbox_counter() - offset
            mutations = [
                {
                    "device_id": device_id,
                    "seq": entry["seq"] - offset,
                    "entity": entry["entity"],
                    "op": entry["op"],
                    "id": entry["id"],
                    "base_version": entry["base_version"],
                    "data": entry["data"],
                    "client_time": entry["client_time"],
                }
                for entry in batch
            ]
            body = {"device_id": device_id, "device_counter": counter, "mutations": mutations}
            answer = PushResponse.model_validate(self.http.parse_json(self.http.call("POST", "/push", json_body=body)))
            results = [r.model_dump() for r in answer.results]
            self.store.record_results(results, offset)
            for result in answer.results:
                receipt.pushed += 1
                if result.already_applied:
                    receipt.already_applied += 1
                if result.status == "applied":
                    receipt.applied += 1
                else:
                    receipt.rejected.append(
                        Rejection(result.seq + offset, result.entity, result.id, result.code or "", result.reason or "")
                    )
            done += len(batch)
            if len(answer.results) < len(batch):
                return  # the server stopped early; the rest goes next time

    # -- pull ----------------------------------------------------------------------------------------------------
    def _fetch(self, cursor: str | None, limit: int) -> tuple[Pulled, str | None]:
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        head, body = self.http.get_page("/pull", PullHead, params)
        return (head, self.store.prepare_page(body)), head.cursor if head.has_more else None

    def _pull(self, receipt: Receipt, hello: HelloResponse, full: bool, step: Step) -> None:
        """Pull pages from the stored cursor, fetched on a thread up to a group ahead (sync/page_feed.py).

        A full run applies its pages in groups of about :data:`FULL_RUN_GROUP` changes, one transaction each: with
        a transaction per page every commit rewrote most leaf pages of the primary-key indexes (the province's ids
        are random), which made the commits a third of an initial pull. A crash loses at most one group."""
        state = self.store.state() or {}
        cursor: str | None = None if full else state.get("cursor")
        if full:
            self.store.begin_full()
        total = max(1, sum(hello.counts.values())) if cursor is None else 0
        limit = min(self.pull_limit, hello.limits.max_page)
        fetch = functools.partial(self._fetch, limit=limit)
        group_pages = max(1, FULL_RUN_GROUP // limit)
        depth = group_pages + 1
        feed: PageFeed[Pulled] = PageFeed(fetch, cursor, depth)
        group: list[Any] = []
        try:
            while True:
                try:
                    page, body = feed.next()
                except ResyncRequired:
                    if cursor is None:
                        raise
                    receipt.full_resync = full = True
                    self.store.begin_full()
                    cursor, group = None, []
                    total = max(1, sum(hello.counts.values()))
                    feed.close()
                    feed = PageFeed(fetch, None, depth)
                    continue
                group.append(body)
                cursor = page.cursor
                if full and page.has_more and len(group) < group_pages and receipt.pulled_changes:
                    continue  # (the first page goes in alone: nothing to wait for while the next ones come)
                pulled, applied = self.store.apply_page(
                    group, {"cursor": page.cursor, "epoch": page.epoch, "position": page.position}
                )
                receipt.pulled_changes += pulled
                receipt.applied_changes += applied
                group = []
                step(receipt.pulled_changes, max(total, receipt.pulled_changes))
                if not page.has_more:
                    break
        finally:
            feed.close()
        receipt.removed += self.store.finish_pull()

    # -- verify --------------------------------------------------------------------------------------------------
    def _verify(self, receipt: Receipt, hello: HelloResponse, step: Step) -> None:
        for attempt in range(2):
            server = VerifyResponse.model_validate(self.http.get_json("/verify"))
            state = self.store.state() or {}
            if int(state.get("position") or 0) < server.position:
                receipt.verified = None  # something changed meanwhile: the next sync compares
                return
            wanted = {name: digest.checksum for name, digest in server.entities.items()}
            nothing_new = receipt.applied_changes == 0 and not receipt.full_resync
            if nothing_new and state.get("verified_digests") and json.loads(state["verified_digests"]) == wanted:
                receipt.verified = True
                return
            local = {name: checksum(pairs) for name, pairs in self.store.digest_pairs().items()}
            mismatched = sorted(name for name in wanted if local.get(name, checksum([])) != wanted[name])
            if not mismatched:
                self.store.save_state(verified_digests=json.dumps(wanted, sort_keys=True))
                receipt.verified = True
                return
            if attempt == 1:
                receipt.verified = False
                return
            receipt.full_resync = True
            self._pull(receipt, hello, True, step)
