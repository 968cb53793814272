"""Fault injection against a real server on loopback: lost answers, cut connections, server errors after commit,
an access token that expires mid-sync, and two devices proposing edits to one operator.

Every fault is followed by a plain re-run, which must converge: nothing lost, nothing stored twice (the server's
counts grow by exactly what the station did), the outbox answered, and the verify digests equal.
"""

from __future__ import annotations

import hashlib
import itertools
import random
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from app.inspections.data import EvidenceMeta
from app.progress import Progress
from localdb.inspection_models import EvidenceChunk
from localdb.sync_models import APPLIED, PENDING, SENT
from localdb.sync_store import LocalSyncStore
from server import province
from server.models import AuthToken, Device, utcnow
from sync.client import SyncError
from tests.inspections.conftest import LICENSE_DISPLAY
from tests.server.harness import LiveServer, SyncClient
from tests.sync.conftest import ACTOR, CUT_REQUEST, LOSE_ANSWER, Client, FaultProxy, open_client
from tests.sync.test_sync import first_operator, outbox

COUNTED = ("inspection", "evidence", "operator_proposal")


def counts(view: SyncClient) -> dict[str, int]:
    hello = view.hello()["counts"]
    return {name: int(hello[name]) for name in COUNTED}


def grown(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {name: after[name] - before[name] for name in COUNTED}


ONE_EACH = {"inspection": 1, "evidence": 1, "operator_proposal": 1}
"""What :func:`offline_work` adds on the server, once."""


def fails(client: Client, kind: str) -> SyncError:
    with pytest.raises(SyncError) as caught:
        client.run(user=None)
    assert caught.value.kind == kind, caught.value
    return caught.value


def converged(client: Client, user: str | None = None) -> Any:
    """A clean re-run: no rejection, every entry answered, client and server digests equal."""
    receipt = client.run(user=user)
    assert receipt.rejected == [] and receipt.missing_blobs == []
    assert receipt.verified is True
    assert {e.state for e in outbox(client)} <= {APPLIED}
    return receipt


SEEDS = itertools.count(1000)
"""Each test's evidence file is new to the (module-wide) server, so its upload really happens."""


def big_png(seed: int, size: int = 200_000) -> bytes:
    """An evidence file large enough to be cut part-way (a PNG signature, then incompressible bytes)."""
    return b"\x89PNG\r\n\x1a\n" + random.Random(seed).randbytes(size)


def add_evidence(client: Client, seed: int) -> str:
    """A new inspection with one evidence file; returns the inspection's id."""
    op = first_operator(client)
    client.load_templates()
    inspection_id = client.inspections.create_draft(op.id, ACTOR, template_code=LICENSE_DISPLAY)
    client.inspections.set_place(inspection_id, "网络监测室", ACTOR)
    meta = EvidenceMeta(captured_at=datetime(2026, 3, 2, 9, 15), method="截图", file_name="big.png")
    client.evidence.add(inspection_id, big_png(seed), meta, ACTOR)
    return inspection_id


def offline_work(client: Client) -> int:
    """A station-field edit, a province-field edit (a proposal) and a new inspection with a new evidence file;
    returns the file's seed."""
    op = first_operator(client)
    draft = replace(client.registry.detail(op.id).draft, phone="0871-65123456", name=op.name + "（新）")
    client.registry.update(op.id, draft, ACTOR, override_reason="测试" if op.identifier_override else "")
    seed = next(SEEDS)
    add_evidence(client, seed)
    return seed


# --- lost answers -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("method", "path"), [("PUT", "/blobs/"), ("POST", "/push"), ("GET", "/pull")])
def test_a_lost_answer_is_retried_without_duplicates(
    proxied: Client, proxy: FaultProxy, server_view: SyncClient, method: str, path: str
) -> None:
    proxied.run()
    offline_work(proxied)
    before = counts(server_view)
    proxy.arm(LOSE_ANSWER, method, path)
    fails(proxied, "unreachable")
    assert not proxy.armed
    if path == "/push":
        assert {e.state for e in outbox(proxied)} == {SENT}  # sent, answer unknown: resent next time
        assert grown(before, counts(server_view)) == ONE_EACH  # the server did apply them
    receipt = converged(proxied)
    assert grown(before, counts(server_view)) == ONE_EACH
    if path == "/blobs/":
        assert (receipt.blobs_skipped, receipt.blobs_uploaded) == (1, 0)  # the server has it: not sent twice
    if path == "/push":
        assert receipt.already_applied == receipt.pushed > 0


# --- a connection cut part-way through an evidence file -----------------------------------------------------------
def test_a_connection_cut_mid_blob_stores_nothing_and_the_rerun_sends_it(
    proxied: Client, proxy: FaultProxy, server_view: SyncClient, live: LiveServer
) -> None:
    proxied.run()
    seed = next(SEEDS)
    add_evidence(proxied, seed)
    content = big_png(seed)
    sha256 = hashlib.sha256(content).hexdigest()
    before = counts(server_view)
    proxy.arm(CUT_REQUEST, "PUT", "/blobs/", after_bytes=64 * 1024)
    fails(proxied, "unreachable")
    assert [s.outcome for s in proxy.seen if s.method == "PUT"] == [CUT_REQUEST]
    assert server_view.head_blob(sha256).status_code == 404  # nothing registered from half a file
    assert {e.state for e in outbox(proxied)} == {PENDING}  # the push never started
    receipt = converged(proxied)
    assert receipt.blobs_uploaded == 1 and receipt.blob_bytes == len(content)
    assert grown(before, counts(server_view)) == {"inspection": 1, "evidence": 1, "operator_proposal": 0}
    stored = server_view.get(f"/blobs/{sha256}")
    assert stored.status_code == 200 and stored.content == content
    assert list((live.settings.blob_dir / "tmp").iterdir()) == []  # no partial upload left behind


# --- the server fails after it committed --------------------------------------------------------------------------
@pytest.mark.parametrize("where", ["push", "register_blob"])
def test_a_server_error_after_commit_is_retried_without_duplicates(
    client: Client, server_view: SyncClient, live: LiveServer, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    client.run()
    offline_work(client)
    before = counts(server_view)
    server = live.app.state.server
    original: Callable[..., Any] = getattr(server, where)

    def commit_then_fail(*args: Any) -> Any:
        original(*args)
        raise RuntimeError(f"injected: {where} failed after its commit")

    monkeypatch.setattr(server, where, commit_then_fail)
    fails(client, "server_error")
    monkeypatch.undo()
    assert [e.state for e in outbox(client)] != [] and APPLIED not in {e.state for e in outbox(client)}
    receipt = converged(client)
    assert grown(before, counts(server_view)) == ONE_EACH
    if where == "push":
        assert receipt.already_applied > 0
    else:
        assert (receipt.blobs_skipped, receipt.blobs_uploaded) == (1, 0)


# --- the access token expires in the middle of a sync -------------------------------------------------------------
def expire_access_tokens(live: LiveServer, client: Client) -> None:
    """What 15 minutes of a slow sync do: this device's access tokens are past their expiry."""
    state = client.sync.state()
    assert state is not None
    with live.db.write() as conn:
        device_pk = conn.scalar(select(Device.id).where(Device.device_id == state["device_id"]))
        conn.execute(
            update(AuthToken)
            .where(AuthToken.kind == "access", AuthToken.device_pk == device_pk)
            .values(expires_at=utcnow() - timedelta(minutes=1))
        )


@pytest.mark.parametrize("where", ["blob_chunks", "mark_sent", "apply_page"])
def test_token_expiry_mid_sync_refreshes_once_and_replays(
    proxied: Client,
    proxy: FaultProxy,
    server_view: SyncClient,
    live: LiveServer,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    """Expired between asking which files are missing and sending one, before a push, or between two pull pages
    (the fetch-ahead thread)."""
    proxied.run()
    offline_work(proxied)
    before = counts(server_view)
    original = getattr(LocalSyncStore, where)
    calls: list[int] = []

    def expire_then(self: LocalSyncStore, *args: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            expire_access_tokens(live, proxied)
        return original(self, *args)

    monkeypatch.setattr(LocalSyncStore, where, expire_then)
    account = f"sync-refresh:{proxied.base}:{proxied.sync.state()['device_id']}"  # type: ignore[index]
    stored_before = proxied.store.get(account)
    proxy.seen.clear()
    converged(proxied)
    outcomes = [(s.method, s.path, s.outcome) for s in proxy.seen]
    refreshes = [i for i, (_, path, _) in enumerate(outcomes) if path == "/refresh"]
    denied = [i for i, (_, _, outcome) in enumerate(outcomes) if outcome == 401]
    assert len(denied) == 1, outcomes  # one request met the expired token …
    assert len(refreshes) == 2 and refreshes[1] > denied[0], outcomes  # … one refresh (after the run's first) …
    method, path, _ = outcomes[denied[0]]
    replayed = [o for o in outcomes[refreshes[1] :] if o[:2] == (method, path)]
    assert replayed and replayed[0][2] in (200, 201), outcomes  # … and the same request again, answered
    assert grown(before, counts(server_view)) == ONE_EACH
    stored_after = proxied.store.get(account)
    assert stored_after is not None and stored_after != stored_before  # the rotated refresh token was kept
    assert converged(proxied).pushed == 0  # … and works for the next run


# --- two devices of one station propose edits to the same operator ------------------------------------------------
def proposals(client: Client) -> list[str]:
    return [entry["id"] for entry in client.sync.store.outbox_entries("operator_proposal")]


def pulled_proposal(client: Client, proposal_id: str) -> dict[str, Any]:
    """The proposal as the station pulled it back: with the province's decision."""
    (found,) = [doc["data"] for doc in client.sync.store.documents("operator_proposal") if doc["id"] == proposal_id]
    return dict(found)


def test_two_devices_proposing_edits_to_one_operator(
    client: Client, live: LiveServer, server_view: SyncClient, tmp_path: Path
) -> None:
    second = open_client(tmp_path / "second", live)
    try:
        client.run()
        second.run()
        op = first_operator(client)
        for device, name in ((client, "甲电脑改的名称"), (second, "乙电脑改的名称")):
            draft = replace(device.registry.detail(op.id).draft, name=name)
            device.registry.update(op.id, draft, ACTOR, override_reason="测试" if op.identifier_override else "")
        for device in (client, second):
            receipt = converged(device, user=None)
            assert receipt.applied == 1  # a proposal is accepted for review, never refused for a rival one
        (first_id,), (second_id,) = proposals(client), proposals(second)
        pending = {view.id: view for view in province.list_proposals(live.db)}
        assert not pending[first_id].stale and not pending[second_id].stale

        province.accept_proposal(live.db, first_id, by="省局审核员")
        stale = {view.id: view for view in province.list_proposals(live.db)}[second_id]
        assert stale.stale and stale.current_values == {"name": "甲电脑改的名称"}
        with pytest.raises(province.AdminError):
            province.accept_proposal(live.db, second_id, by="省局审核员")  # stale: only with --force
        province.reject_proposal(live.db, second_id, reason="已按另一台电脑的申请更正", by="省局审核员")

        for device in (client, second):
            receipt = converged(device, user=None)
            assert receipt.pushed == 0
            assert device.registry.detail(op.id).draft.name == "甲电脑改的名称"  # the province's register wins
        accepted = pulled_proposal(second, first_id)
        refused = pulled_proposal(second, second_id)
        assert accepted["status"] == "accepted"
        assert (refused["status"], refused["decision_reason"]) == ("rejected", "已按另一台电脑的申请更正")
        assert refused["fields"] == {"name": "乙电脑改的名称"} and refused["base_values"]["name"] == op.name
        changes, _ = server_view.pull_all()
        versions = [c["version"] for c in changes if c["entity"] == "operator" and c["id"] == op.id]
        assert refused["base_version"] < versions[-1]  # visible to the station as stale: the operator moved on
    finally:
        second.close()


# --- the user keeps typing while the sync runs ----------------------------------------------------------------------
def test_an_autosave_while_a_batch_is_being_sent_is_not_lost(
    client: Client, server_view: SyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The GUI syncs on a worker thread while the inspection editor autosaves: an autosave that folds into the last
    pending entry just as the engine picks its batch must reach the server (now or in the next sync)."""
    client.run()
    inspection_id = add_evidence(client, next(SEEDS))
    client.inspections.set_place(inspection_id, "第一次填的地点", ACTOR)  # the newest entry: autosaves fold into it
    original = LocalSyncStore.mark_sent
    typed: list[str] = []

    def user_types_then_mark(self: LocalSyncStore, seqs: Any) -> None:
        if not typed:
            client.inspections.set_place(inspection_id, "后来改的地点", ACTOR)
            typed.append("后来改的地点")
        original(self, seqs)

    monkeypatch.setattr(LocalSyncStore, "mark_sent", user_types_then_mark)
    converged(client, user=None)
    monkeypatch.undo()
    converged(client, user=None)
    changes, _ = server_view.pull_all()
    latest = [c for c in changes if c["entity"] == "inspection" and c["id"] == inspection_id][-1]
    assert latest["data"]["payload"]["record"]["place"] == "后来改的地点"


# --- a large file goes up in pieces -------------------------------------------------------------------------------
def test_a_large_file_is_streamed_never_held_whole(client: Client, server_view: SyncClient) -> None:
    """The upload reads the file from evidence.db chunk by chunk: progress moves within the file, and the sync never
    allocates as much as one copy of it (measured with tracemalloc, which also sees the in-process server)."""
    client.run()
    seed = next(SEEDS)
    content = big_png(seed, size=12 * 1024 * 1024)
    op = first_operator(client)
    client.load_templates()
    inspection_id = client.inspections.create_draft(op.id, ACTOR, template_code=LICENSE_DISPLAY)
    meta = EvidenceMeta(captured_at=datetime(2026, 3, 2, 9, 15), method="截图", file_name="录屏截图.png")
    client.evidence.add(inspection_id, content, meta, ACTOR)
    steps: list[tuple[int, int]] = []
    tracemalloc.start()
    try:
        receipt = client.sync.run(client.base, progress=Progress(lambda done, total: steps.append((done, total))))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert receipt.blob_bytes == len(content) and receipt.verified is True
    within = sorted({done for done, total in steps if total == len(content) and 0 < done < len(content)})
    assert len(within) >= 10  # one step per chunk of the file (1 MiB each)
    assert peak < len(content)
    stored = server_view.get(f"/blobs/{hashlib.sha256(content).hexdigest()}")
    assert stored.content == content


# --- a damaged local copy of a file -------------------------------------------------------------------------------
def test_a_damaged_local_file_is_refused_and_does_not_block_the_rest(client: Client, server_view: SyncClient) -> None:
    """Its bytes no longer hash to their address: the server refuses the upload (422), the sync reports the file,
    its evidence entry is quarantined (blob_missing) and everything else arrives."""
    client.run()
    before = counts(server_view)
    seed = next(SEEDS)
    add_evidence(client, seed)
    sha256 = hashlib.sha256(big_png(seed)).hexdigest()
    with client.evidence_db.bulk_transaction() as conn:  # one flipped byte, same length: a damaged page
        data = conn.execute(select(EvidenceChunk.data).where(EvidenceChunk.sha256 == sha256)).scalar_one()
        damaged = data[:-1] + bytes([data[-1] ^ 0xFF])
        conn.execute(update(EvidenceChunk).where(EvidenceChunk.sha256 == sha256).values(data=damaged))
    receipt = client.run(user=None)
    assert receipt.missing_blobs == [sha256] and receipt.blobs_uploaded == 0
    assert [(r.entity, r.code) for r in receipt.rejected] == [("evidence", "blob_missing")]
    assert receipt.verified is True
    assert server_view.head_blob(sha256).status_code == 404
    assert grown(before, counts(server_view)) == {"inspection": 1, "evidence": 0, "operator_proposal": 0}
    assert client.run(user=None).pushed == 0  # quarantined, not retried for ever
