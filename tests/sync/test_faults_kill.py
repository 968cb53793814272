"""The client process killed (SIGKILL, a real child process) at each point where a sync commits or sends.

Points: inside the local transaction that marks a push batch *sent* (before its commit) and right after it; after
the push went out and the server committed it, before any answer came back (the server kills the child); inside
the transaction applying a pulled page and right after it. Whatever the point, reopening the data dir and syncing
again converges: nothing lost, nothing stored twice, the digests equal.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

import pytest

from app.records import OperatorFilter
from localdb.sync_models import APPLIED, PENDING, SENT
from tests.server.harness import LiveServer, SyncClient
from tests.support.stations import REPO, child_env
from tests.sync.conftest import Client
from tests.sync.test_faults import ONE_EACH, counts, grown, offline_work
from tests.sync.test_sync import first_operator, outbox

pytestmark = pytest.mark.slow  # a child process per test (imports, key, sync): several seconds each

CHILD = """
import os, signal, sys
from pathlib import Path
from sqlalchemy import event
from app.database_key import KeyChoice
from app.paths import DataDir
from app.services.sync import SyncService
from app.station_store import open_station_databases
from localdb.sync_store import LocalSyncStore
from tests.support.stations import memory_store

point, root, key_file, base = sys.argv[1:5]
method, _, when = point.partition(":")


def die(*_args):
    os.kill(os.getpid(), signal.SIGKILL)


store = memory_store()
db, evidence_db = open_station_databases(DataDir(Path(root)), KeyChoice(key_file=Path(key_file)), store)
if method:
    original = getattr(LocalSyncStore, method)

    def wrapped(self, *args, **kwargs):
        if when == "before_commit":  # the method's own transaction: killed after its writes, before COMMIT
            event.listen(db.engine, "commit", die)
        result = original(self, *args, **kwargs)
        die()  # "after_commit"

    setattr(LocalSyncStore, method, wrapped)
SyncService(db, evidence_db, store).run(base, "demo1", "demo-password")
"""


def sync_in_child(client: Client, point: str) -> subprocess.Popen[bytes]:
    """Start a child process that syncs ``client``'s data dir and dies at ``point`` (``method:when``)."""
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, point, str(client.root), str(client.key_file), client.base],
        cwd=REPO,
        env=child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def killed(child: subprocess.Popen[bytes]) -> None:
    _, stderr = child.communicate(timeout=120)
    assert child.returncode == -signal.SIGKILL, stderr.decode()


@pytest.mark.parametrize(
    ("point", "left"),
    [("mark_sent:before_commit", {PENDING}), ("mark_sent:after_commit", {SENT})],
)
def test_killed_around_marking_a_batch_sent(
    client: Client, server_view: SyncClient, point: str, left: set[str]
) -> None:
    """Nothing reached the server yet: a re-run sends everything once (applied, not "already applied")."""
    client.run()
    offline_work(client)
    before = counts(server_view)
    client.close()
    killed(sync_in_child(client, point))
    client.reopen()
    assert {e.state for e in outbox(client)} == left
    assert grown(before, counts(server_view)) == dict.fromkeys(ONE_EACH, 0)
    receipt = client.run()  # a new process: the refresh token died with the child, so log in again
    assert receipt.rejected == [] and receipt.already_applied == 0 and receipt.applied == receipt.pushed > 0
    assert receipt.verified is True
    assert grown(before, counts(server_view)) == ONE_EACH
    assert {e.state for e in outbox(client)} == {APPLIED}


def test_killed_after_sending_before_the_answer(
    client: Client, server_view: SyncClient, live: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server commits the push and then the client dies, before one byte of the answer reaches it."""
    client.run()
    offline_work(client)
    before = counts(server_view)
    client.close()
    server = live.app.state.server
    original = server.push
    children: list[subprocess.Popen[bytes]] = []

    def commit_then_kill_the_client(*args: Any) -> Any:
        answer = original(*args)
        os.kill(children[0].pid, signal.SIGKILL)
        return answer

    monkeypatch.setattr(server, "push", commit_then_kill_the_client)
    children.append(sync_in_child(client, ""))
    killed(children[0])
    monkeypatch.undo()
    client.reopen()
    assert {e.state for e in outbox(client)} == {SENT}
    assert grown(before, counts(server_view)) == ONE_EACH
    receipt = client.run()
    assert receipt.rejected == [] and receipt.already_applied == receipt.pushed > 0
    assert receipt.verified is True
    assert grown(before, counts(server_view)) == ONE_EACH  # the resent batch was not stored twice
    assert {e.state for e in outbox(client)} == {APPLIED}


@pytest.mark.parametrize("point", ["apply_page:before_commit", "apply_page:after_commit"])
def test_killed_during_the_initial_pull(client: Client, server_view: SyncClient, point: str) -> None:
    """Killed inside the first page's transaction, or right after it committed with its cursor."""
    client.close()
    killed(sync_in_child(client, point))
    client.reopen()
    state = client.sync.state()
    assert state is not None
    assert bool(state["cursor"]) is point.endswith("after_commit")  # the page and its cursor, or neither
    receipt = client.run()
    assert receipt.verified is True and receipt.rejected == []
    assert client.registry.count() == server_view.hello()["counts"]["operator"]
    op = first_operator(client)
    assert op.id in client.registry.search_ids(op.name, OperatorFilter())  # indexed for search
