"""One-click sync against a real server on loopback: initial pull, offline work pushed exactly once, faults."""

from __future__ import annotations

import http.server
import io
import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from pathlib import Path

import pytest
from sqlalchemy import select

from app import cli, sync_commands
from app.inspections.data import EvidenceMeta
from app.records import OperatorFilter
from app.services import sync as sync_service
from app.services.demo import create_demo_station
from app.services.sync import SyncRefused, failure_message
from localdb.database import Database
from localdb.models import Operator
from localdb.sync_models import APPLIED, PENDING, REJECTED, OutboxEntry
from localdb.sync_store import LocalSyncStore
from server import province
from sync import engine
from sync.client import SyncError
from tests.db.test_bulk_indexes import index_sql
from tests.inspections.conftest import LICENSE_DISPLAY, png_bytes
from tests.server.harness import LiveServer, SyncClient, free_port
from tests.support.stations import REPO, memory_store, open_with_keyring
from tests.sync.conftest import ACTOR, Client, damage_pulled_page, open_client


@dataclass(frozen=True)
class Entry:
    seq: int
    entity: str
    op: str
    state: str


def outbox(client: Client) -> list[Entry]:
    with client.db.reader() as session:
        return [
            Entry(e.seq, e.entity, e.op, e.state)
            for e in session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq))
        ]


@dataclass(frozen=True)
class Op:
    id: str
    name: str
    name_initials: str
    identifier_override: str | None


def first_operator(client: Client) -> Op:
    with client.db.reader() as session:
        op = session.scalars(select(Operator).where(Operator.deleted_at.is_(None)).order_by(Operator.name)).first()
        assert op is not None
        return Op(op.id, op.name, op.name_initials, op.identifier_override)


def offline_work(client: Client) -> tuple[str, str]:
    """A station-field edit, a province-field edit (a proposal) and a new inspection with evidence."""
    op = first_operator(client)
    detail = client.registry.detail(op.id)
    draft = replace(detail.draft, phone="0871-65123456", name=detail.draft.name + "（新）")
    client.registry.update(op.id, draft, ACTOR, override_reason="测试" if op.identifier_override else "")
    client.load_templates()
    inspection_id = client.inspections.create_draft(op.id, ACTOR, template_code=LICENSE_DISPLAY)
    client.inspections.set_place(inspection_id, "网络监测室", ACTOR)
    client.evidence.add(
        inspection_id,
        png_bytes(seed=7),
        EvidenceMeta(captured_at=datetime(2026, 3, 2, 9, 15), method="截图", file_name="a.png"),
        ACTOR,
    )
    return op.id, inspection_id


@pytest.fixture
def fresh_station(tmp_path: Path) -> Iterator[Database]:
    db = open_with_keyring(tmp_path / "fresh", memory_store())
    yield db
    db.close()


def test_initial_pull_then_search_finds_pulled_operators(
    client: Client, server_view: SyncClient, fresh_station: Database
) -> None:
    receipt = client.run()
    counts = server_view.hello()["counts"]
    assert receipt.pulled_changes >= counts["operator"] + counts["carrier"]
    assert receipt.verified is True
    assert client.registry.count() == counts["operator"]
    op = first_operator(client)
    assert op.name_initials  # derived on apply
    assert op.id in client.registry.search_ids(op.name, OperatorFilter())
    assert outbox(client) == []  # nothing a pull writes goes into the outbox
    assert index_sql(client.db) == index_sql(fresh_station), "the indexes the initial pull dropped are back"
    again = client.run(user=None)  # the stored refresh token
    assert (again.pulled_changes, again.pushed, again.verified) == (0, 0, True)


def test_offline_edits_are_pushed_exactly_once(client: Client, server_view: SyncClient) -> None:
    client.run()
    before = server_view.hello()["counts"]
    op_id, inspection_id = offline_work(client)
    entries = outbox(client)
    kinds = [(e.entity, e.op) for e in entries]
    assert ("operator", "upsert") in kinds and ("operator_proposal", "propose") in kinds
    assert ("inspection", "upsert") in kinds and ("evidence", "upsert") in kinds
    assert kinds.count(("inspection", "upsert")) == 1  # autosaves folded into one unsent entry
    summary = client.sync.preflight()
    assert (summary.inspections, summary.proposals, summary.files) == (1, 1, 1)

    receipt = client.run(user=None)
    assert receipt.rejected == [], receipt.rejected
    assert receipt.applied == len(entries) and receipt.blobs_uploaded == 1
    assert receipt.verified is True
    after = server_view.hello()["counts"]
    assert after["inspection"] == before["inspection"] + 1
    assert after["evidence"] == before["evidence"] + 1
    assert after["operator_proposal"] == before["operator_proposal"] + 1
    assert {e.state for e in outbox(client)} == {APPLIED}

    again = client.run(user=None)
    assert (again.pushed, again.blobs_uploaded) == (0, 0)
    assert server_view.hello()["counts"] == after
    changes, _ = server_view.pull_all()
    pulled = {(c["entity"], c["id"]): c for c in changes}
    assert pulled[("operator", op_id)]["data"]["phone"] == "0871-65123456"
    assert pulled[("inspection", inspection_id)]["data"]["payload"]["record"]["place"] == "网络监测室"


def test_retry_after_a_lost_answer_does_not_duplicate(
    client: Client, server_view: SyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.run()
    offline_work(client)
    before = server_view.hello()["counts"]

    def lose(*_args: object) -> None:
        raise ConnectionResetError("the answer was lost")

    monkeypatch.setattr(LocalSyncStore, "record_results", lose)
    with pytest.raises(ConnectionResetError):
        client.run(user=None)
    monkeypatch.undo()
    receipt = client.run(user=None)
    assert receipt.already_applied >= 1 and receipt.rejected == []
    after = server_view.hello()["counts"]
    assert after["inspection"] == before["inspection"] + 1
    assert after["operator_proposal"] == before["operator_proposal"] + 1
    assert receipt.verified is True


def test_a_rejected_mutation_does_not_block(client: Client, server_view: SyncClient) -> None:
    client.run()
    op = first_operator(client)
    with client.db.transaction() as session:  # an entry the server can never apply
        session.add(OutboxEntry(entity="operator", entity_id=op.id, op="delete", payload="{}", state=PENDING))
    client.registry.update(op.id, replace(client.registry.detail(op.id).draft, notes="后来的修改"), ACTOR)
    receipt = client.run(user=None)
    assert [r.code for r in receipt.rejected] == ["unsupported"]
    assert receipt.applied == 1
    states = [e.state for e in outbox(client)]
    assert states == [REJECTED, APPLIED]
    assert [b.code for b in client.sync.preflight().blocked] == ["unsupported"]
    assert client.run(user=None).pushed == 0


def test_kill_during_sync_then_rerun_converges(client: Client, server_view: SyncClient, tmp_path: Path) -> None:
    client.run()
    offline_work(client)
    before = server_view.hello()["counts"]
    client.close()
    script = f"""
import os, signal
from pathlib import Path
from app.database_key import KeyChoice
from app.paths import DataDir
from app.services.sync import SyncService
from app.station_store import open_station_databases
from localdb.sync_store import LocalSyncStore
from tests.support.stations import memory_store

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)  # after the server applied the batch, before the answer is stored

LocalSyncStore.record_results = die
store = memory_store()
db, ev = open_station_databases(DataDir(Path(r"{client.root}")), KeyChoice(key_file=Path(r"{client.key_file}")), store)
SyncService(db, ev, store).run("{client.server.base}", "demo1", "demo-password")
"""
    child = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, timeout=60)
    assert child.returncode == -9, child.stderr.decode()
    client.reopen()
    assert {e.state for e in outbox(client)} >= {"sent"}
    receipt = client.run()  # new process: the refresh token died with the child, so log in again
    assert receipt.rejected == [] and receipt.verified is True
    after = server_view.hello()["counts"]
    assert after["inspection"] == before["inspection"] + 1
    assert after["evidence"] == before["evidence"] + 1
    assert {e.state for e in outbox(client)} == {APPLIED}


def test_epoch_change_means_full_resync(client: Client, live: LiveServer) -> None:
    client.run()
    with client.db.bulk_transaction() as conn:  # a stale local row the resync must correct
        conn.execute(
            Operator.__table__.update().values(server_version=99).where(Operator.id == first_operator(client).id)
        )
    province.rotate_epoch(live.db)
    receipt = client.run(user=None)
    assert receipt.full_resync is True
    assert receipt.verified is True


def test_server_down_is_a_clear_error_and_keeps_the_outbox(client: Client, tmp_path: Path) -> None:
    client.run()
    offline_work(client)
    before = [(e.seq, e.state) for e in outbox(client)]
    dead = f"http://127.0.0.1:{free_port()}"
    client.sync.store.save_state(server_url=dead)  # the server moved away / is down
    with pytest.raises(SyncError) as caught:
        client.sync.run(dead, "demo1", "demo-password")
    assert caught.value.kind == "unreachable"
    assert failure_message(caught.value) is not None
    assert [(e.seq, e.state) for e in outbox(client)] == before


class _Portal(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = "<html><body>请先登录 Wi-Fi</body></html>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        self.do_GET()

    def log_message(self, *_args: object) -> None:
        return


@pytest.fixture
def portal() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Portal)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_captive_portal_is_not_the_server(client: Client, portal: str) -> None:
    with pytest.raises(SyncError) as caught:
        client.sync.run(portal, "demo1", "demo-password")
    assert caught.value.kind == "not_server"
    assert client.sync.state() is None  # nothing was adopted from a login page


def test_a_page_with_malformed_changes_is_refused_and_nothing_is_stored(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server's real second page arrives with one change's version as text (a broken server or proxy): the
    sync stops with a clear message, the first page stays applied with its cursor, the bad one left no trace."""
    damage_pulled_page(monkeypatch, 2)
    monkeypatch.setattr(sync_service, "SyncEngine", partial(engine.SyncEngine, pull_limit=25))
    monkeypatch.setattr(engine, "FULL_RUN_GROUP", 25)  # a transaction per page
    with pytest.raises(SyncRefused) as caught:
        client.run()
    assert caught.value.kind == "malformed"
    assert failure_message(caught.value) == (sync_service.MESSAGES["malformed"], {"detail": caught.value.detail,
        "server": ""})  # fmt: skip
    assert caught.value.detail == "change 24 of page 1 is malformed"  # the page of that transaction
    assert (client.sync.state() or {}).get("position") == 25  # the first page and its cursor, nothing of the second
    assert 0 < client.registry.count() <= 25


def test_demo_data_dir_refuses(tmp_path: Path, live: LiveServer) -> None:
    demo_client = open_client(tmp_path / "demo", live)
    try:
        create_demo_station(demo_client.db, 20)
        with pytest.raises(SyncRefused) as caught:
            demo_client.run()
        assert caught.value.kind == "demo"
        assert demo_client.sync.preflight().refusal is not None
    finally:
        demo_client.close()


def test_cli_sync_prints_the_receipt(tmp_path: Path, live: LiveServer) -> None:
    root, key = tmp_path / "cli", tmp_path / "cli.key"
    parser = cli.build_parser()

    def run(*argv: str) -> tuple[int, str, str]:
        args = parser.parse_args(["sync", "--data-dir", str(root), "--key-file", str(key), *argv])
        out, err = io.StringIO(), io.StringIO()
        ctx = cli.context_from_args(args, lambda _context, text: text, memory_store())
        ctx.out, ctx.err = out, err
        return sync_commands.run(ctx, args), out.getvalue(), err.getvalue()

    code, out, _ = run("--server", live.base, "--user", "demo1", "--password", "demo-password", "--json")
    assert code == 0
    receipt = json.loads(out.strip().splitlines()[-1])
    assert receipt["verified"] is True and receipt["pulled_changes"] > 0
    code, _, err = run("--server", f"http://127.0.0.1:{free_port()}")
    assert code == 2 and err.strip()  # another server than the data dir's: refused with a message


def test_a_copied_data_dir_registers_as_a_new_device(
    client: Client, live: LiveServer, server_view: SyncClient, tmp_path: Path
) -> None:
    client.run()
    op = first_operator(client)
    client.close()
    shutil.copytree(client.root, tmp_path / "copy")
    shutil.copy(client.key_file, tmp_path / "copy.key")
    client.reopen()
    copy = open_client(tmp_path / "copy", live)
    try:
        client.registry.update(op.id, replace(client.registry.detail(op.id).draft, notes="原电脑"), ACTOR)
        assert client.run().applied == 1
        copy.registry.update(op.id, replace(copy.registry.detail(op.id).draft, notes="复制的电脑"), ACTOR)
        with pytest.raises(SyncError) as caught:  # same device id, same seq, different content
            copy.run()
        assert caught.value.kind == "device_conflict"
        state = copy.sync.state()
        assert state is not None and state["device_id"] != client.sync.state()["device_id"]  # type: ignore[index]
        receipt = copy.run()  # signs in again as the new device; the unsent entry goes out renumbered
        assert receipt.applied == 1 and receipt.rejected == []
        changes, _ = server_view.pull_all()
        latest = [c for c in changes if c["entity"] == "operator" and c["id"] == op.id][-1]
        assert latest["data"]["notes"] == "复制的电脑"
    finally:
        copy.close()
