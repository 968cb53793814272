"""Two devices of one station work offline at random, sync, and meet faults; after every sync that completes, the
invariants of the issue hold:

* nothing lost — every record this device created is on the server, and so is everything the other device had
  answered; the device's outbox is fully answered and nothing was ever refused;
* nothing stored twice — no record appears on the server that neither device created, and no record's server
  version grew by more than the number of mutations the devices sent for it (a replay applied twice would);
* client and server converge — the verify digests computed here from the local database equal the server's, and
  the station-owned fields of every operator equal the server's.

Faults: an answer lost after the server did the work (push, pull page, file upload), a connection cut part-way
through a push or a file, and the process "killed" inside a local transaction before its commit (marking a batch
sent, storing the answers, applying a pulled page) — the exception is raised from SQLAlchemy's ``commit`` event,
so the transaction is rolled back exactly as a dead process's would be.

Hypothesis runs derandomized (the same examples every run) with a bounded number of examples and steps.
"""

from __future__ import annotations

import contextlib
import itertools
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Final

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule, run_state_machine_as_test
from sqlalchemy import event, select

from app.inspections.data import EvidenceMeta
from localdb.models import Operator
from localdb.sync_models import APPLIED, REJECTED, SENT
from localdb.sync_store import LocalSyncStore
from sync.client import SyncError
from sync.protocol import checksum
from tests.inspections.conftest import LICENSE_DISPLAY
from tests.server.harness import LiveServer, SyncClient, replica
from tests.support.stations import draft
from tests.sync.conftest import ACTOR, CUT_REQUEST, LOSE_ANSWER, Client, FaultProxy, open_client
from tests.sync.test_faults import big_png

pytestmark = pytest.mark.slow

SETTINGS: Final = settings(
    max_examples=5,
    stateful_step_count=25,
    deadline=None,
    derandomize=True,
    database=None,
    phases=(Phase.explicit, Phase.generate),  # no shrinking: the failing run's steps are printed as they are
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TRACKED: Final = ("operator", "operator_proposal", "inspection", "evidence")
STATION_FIELDS: Final = ("phone", "notes", "business_address")
WIRE_FAULTS: Final = {
    "lose push answer": (LOSE_ANSWER, "POST", "/push"),
    "lose pull answer": (LOSE_ANSWER, "GET", "/pull"),
    "lose upload answer": (LOSE_ANSWER, "PUT", "/blobs/"),
    "cut push": (CUT_REQUEST, "POST", "/push"),
    "cut upload": (CUT_REQUEST, "PUT", "/blobs/"),
}
KILLS: Final = {
    "kill marking sent": "mark_sent",
    "kill storing answers": "record_results",
    "kill applying a page": "apply_page",
}
ON_PULL: Final = frozenset({"lose pull answer", "kill applying a page"})
ON_UPLOAD: Final = frozenset({"lose upload answer", "cut upload"})
FAULTS: Final = [*WIRE_FAULTS, *KILLS]
SEEDS = itertools.count(50_000)
FILE_BYTES: Final = 6_000


class Killed(BaseException):
    """The process died here (a BaseException: nothing on the way may catch it, as nothing survives SIGKILL)."""


@contextlib.contextmanager
def killed_before_commit(client: Client, method: str) -> Iterator[list[str]]:
    """The first call of ``LocalSyncStore.<method>`` dies inside its transaction, before COMMIT."""
    original = getattr(LocalSyncStore, method)
    fired: list[str] = []

    def die(*_args: Any) -> None:
        fired.append(method)
        raise Killed(method)

    def wrapped(self: LocalSyncStore, *args: Any, **kwargs: Any) -> Any:
        if fired:
            return original(self, *args, **kwargs)
        event.listen(client.db.engine, "commit", die)
        try:
            return original(self, *args, **kwargs)
        finally:
            event.remove(client.db.engine, "commit", die)

    setattr(LocalSyncStore, method, wrapped)
    try:
        yield fired
    finally:
        setattr(LocalSyncStore, method, original)


@dataclass
class World:
    """What outlives one example: the server, the proxy in front of it, a view on the server, a fresh data dir."""

    live: LiveServer
    proxy: FaultProxy
    view: SyncClient
    template: Path
    scratch: Path
    names: Iterator[int] = field(default_factory=itertools.count)

    def new_client(self) -> Client:
        root = self.scratch / f"device-{next(self.names)}"
        shutil.copytree(self.template, root)
        shutil.copy(self.template.parent / f"{self.template.name}.key", root.parent / f"{root.name}.key")
        return open_client(root, self.live, self.proxy.base)


def server_records(view: SyncClient) -> dict[tuple[str, str], dict[str, Any]]:
    changes, _ = view.pull_all()
    return replica(changes)


def entries(client: Client) -> list[dict[str, Any]]:
    """The device's outbox, in seq order (entity, id, op, state…)."""
    return client.sync.store.outbox_entries()


class TwoDevices(RuleBasedStateMachine):
    """Two data dirs of station demo1 (two devices) against one server, through the fault proxy."""

    world: World

    def __init__(self) -> None:
        super().__init__()
        self.devices: list[Client] = []
        self.created: dict[str, set[str]] = {name: set() for name in TRACKED}
        self.at_start: dict[tuple[str, str], int] = {}

    @initialize()
    def open_two_devices(self) -> None:
        for _ in range(2):
            device = self.world.new_client()
            self.devices.append(device)
            device.run()  # log in and pull the station
            device.load_templates()
        self.at_start = {key: int(change["version"]) for key, change in server_records(self.world.view).items()}

    def teardown(self) -> None:
        self.world.proxy.disarm()
        for device in self.devices:
            device.close()

    # --- offline work ---------------------------------------------------------------------------------------------
    def _operators(self, device: Client) -> list[str]:
        with device.db.reader() as session:
            return list(session.scalars(select(Operator.id).where(Operator.deleted_at.is_(None)).order_by(Operator.id)))

    def _pick(self, device: Client, pick: int) -> str:
        ids = self._operators(device)
        return ids[pick % len(ids)]

    @rule(who=st.integers(0, 1), pick=st.integers(0, 10_000), field=st.sampled_from(STATION_FIELDS))
    def edit_station_field(self, who: int, pick: int, field: str) -> None:
        device = self.devices[who]
        op_id = self._pick(device, pick)
        detail = device.registry.detail(op_id)
        value = {"phone": f"0871-6{next(SEEDS) % 10_000_000:07d}"}.get(field, f"第{next(SEEDS)}次修改")
        device.registry.update(op_id, replace(detail.draft, **{field: value}), ACTOR, override_reason=self._why(detail))
        self.created["operator"].add(op_id)

    @rule(who=st.integers(0, 1), pick=st.integers(0, 10_000))
    def propose_a_new_name(self, who: int, pick: int) -> None:
        device = self.devices[who]
        op_id = self._pick(device, pick)
        detail = device.registry.detail(op_id)
        name = f"{detail.draft.name.split('·')[0]}·{next(SEEDS)}"
        device.registry.update(op_id, replace(detail.draft, name=name), ACTOR, override_reason=self._why(detail))

    @staticmethod
    def _why(detail: Any) -> str:
        """The reason a kept identifier override needs again when the record is saved."""
        return "核对过" if detail.identifier_override else ""

    @rule(who=st.integers(0, 1))
    def create_an_operator(self, who: int) -> None:
        op_id = self.devices[who].registry.create(draft(f"随机新主体{next(SEEDS)}"), ACTOR)
        self.created["operator"].add(op_id)

    @rule(who=st.integers(0, 1), pick=st.integers(0, 10_000), files=st.integers(0, 2))
    def add_an_inspection(self, who: int, pick: int, files: int) -> None:
        device = self.devices[who]
        inspection_id = device.inspections.create_draft(self._pick(device, pick), ACTOR, template_code=LICENSE_DISPLAY)
        device.inspections.set_place(inspection_id, f"现场{next(SEEDS)}", ACTOR)
        self.created["inspection"].add(inspection_id)
        for _ in range(files):
            meta = EvidenceMeta(captured_at=datetime(2026, 3, 2, 9, 15), method="截图", file_name="证据.png")
            added = device.evidence.add(inspection_id, big_png(next(SEEDS), FILE_BYTES), meta, ACTOR)
            self.created["evidence"].add(added.record.id)

    @precondition(lambda self: bool(self.created["inspection"]))
    @rule(who=st.integers(0, 1), pick=st.integers(0, 10_000))
    def edit_an_inspection(self, who: int, pick: int) -> None:
        device = self.devices[who]
        own = sorted(self._own_inspections(device))
        if own:
            device.inspections.set_place(own[pick % len(own)], f"改到{next(SEEDS)}", ACTOR)

    def _own_inspections(self, device: Client) -> set[str]:
        return {e["id"] for e in entries(device) if e["entity"] == "inspection"}

    # --- sync, with or without a fault ----------------------------------------------------------------------------
    @rule(who=st.integers(0, 1))
    def sync(self, who: int) -> None:
        self.sync_with_a_fault(who, "")

    @rule(who=st.integers(0, 1), fault=st.sampled_from(FAULTS), pick=st.integers(0, 10_000))
    def sync_with_a_fault(self, who: int, fault: str, pick: int = 0) -> None:
        """Sync ``who``; ``fault`` hits it (a push or upload fault gets something to hit first)."""
        device = self.devices[who]
        store = device.sync.store
        if (
            fault
            and fault not in ON_PULL
            and not (store.pending_blobs() if fault in ON_UPLOAD else store.unanswered_count())
        ):
            self.add_an_inspection(who, pick, files=1)
        proxy = self.world.proxy
        seen = len(proxy.seen)
        with self._fault(device, fault) as killed:
            try:
                receipt = device.run(user=None)
            except SyncError as exc:
                assert fault in WIRE_FAULTS and exc.kind == "unreachable", (fault, exc)
                assert any(s.outcome in (LOSE_ANSWER, CUT_REQUEST) for s in proxy.seen[seen:]), fault
                self._check_nothing_lost_or_doubled()
                return
            except Killed:
                assert killed, fault
                self._check_nothing_lost_or_doubled()
                return
            finally:
                proxy.disarm()
        # The sync completed: the fault had nothing to hit (e.g. no file to upload) and never fired.
        assert not killed and all(s.outcome not in (LOSE_ANSWER, CUT_REQUEST) for s in proxy.seen[seen:]), fault
        assert receipt.verified is True and receipt.rejected == [] and receipt.missing_blobs == []
        self._check_after_a_clean_sync(device)

    @contextlib.contextmanager
    def _fault(self, device: Client, fault: str) -> Iterator[list[str]]:
        if fault in KILLS:
            with killed_before_commit(device, KILLS[fault]) as fired:
                yield fired
            return
        if fault in WIRE_FAULTS:
            kind, method, path = WIRE_FAULTS[fault]
            self.world.proxy.arm(kind, method, path, after_bytes=1024)
        yield []

    # --- invariants -----------------------------------------------------------------------------------------------
    def _check_nothing_lost_or_doubled(self) -> dict[tuple[str, str], dict[str, Any]]:
        """Holds after every sync, also one a fault broke off."""
        server = server_records(self.world.view)
        outboxes = [entry for device in self.devices for entry in entries(device)]
        assert REJECTED not in {e["state"] for e in outboxes}  # nothing refused, ever
        known = {
            **self.created,
            "operator_proposal": {e["id"] for e in outboxes if e["entity"] == "operator_proposal"},
        }
        for entity in TRACKED:
            new = {record_id for (kind, record_id) in server if kind == entity} - {
                record_id for (kind, record_id) in self.at_start if kind == entity
            }
            assert new <= known[entity], f"stored but never created here: {entity} {new - known[entity]}"
        sent: dict[tuple[str, str], int] = {}
        for entry in outboxes:
            key = (entry["entity"], entry["id"])
            if entry["state"] in (APPLIED, SENT):
                sent[key] = sent.get(key, 0) + 1
            if entry["state"] == APPLIED:
                assert key in server, f"lost: {key} was answered 'applied' but is not on the server"
        for key, change in server.items():
            if key[0] in ("operator", "inspection", "evidence") and key[1] in self.created[key[0]]:
                created_here = 1 if key[0] == "operator" and key not in self.at_start else 0  # by its proposal
                grown = int(change["version"]) - self.at_start.get(key, 0)
                assert grown <= sent.get(key, 0) + created_here, f"applied twice: {key}"
        return server

    def _check_after_a_clean_sync(self, device: Client) -> None:
        server = self._check_nothing_lost_or_doubled()
        mine = entries(device)
        assert {e["state"] for e in mine} <= {APPLIED}, "the outbox is answered after a clean sync"
        store = LocalSyncStore(device.db, device.evidence_db, lambda name: name)
        local = {name: checksum(pairs) for name, pairs in store.digest_pairs().items()}
        verify = self.world.view.verify()["entities"]
        assert {name: local.get(name, checksum([])) for name in verify} == {
            name: digest["checksum"] for name, digest in verify.items()
        }
        for op_id in sorted(self.created["operator"]):
            if ("operator", op_id) not in server:
                continue  # created on the other device, not sent yet
            with device.db.reader() as session:
                row = session.get(Operator, op_id)
                assert row is not None, f"not pulled: operator {op_id}"
                values = {name: getattr(row, name) or "" for name in STATION_FIELDS}
            data = server[("operator", op_id)]["data"]
            assert values == {name: data[name] or "" for name in STATION_FIELDS}, op_id
        for entry in mine:
            if entry["entity"] == "evidence" and entry["op"] == "upsert":
                assert self.world.view.head_blob(server[("evidence", entry["id"])]["data"]["sha256"]).ok


def machine_for(world: World) -> Callable[[], TwoDevices]:
    def build() -> TwoDevices:
        machine = TwoDevices()
        machine.world = world
        return machine

    return build


def test_random_offline_work_syncs_and_faults_converge(
    live: LiveServer, proxy: FaultProxy, server_view: SyncClient, tmp_path: Path
) -> None:
    template = tmp_path / "template"
    open_client(template, live).close()  # an empty, migrated, encrypted data dir, copied for every device
    world = World(live, proxy, server_view, template, tmp_path)
    run_state_machine_as_test(machine_for(world), settings=SETTINGS)
