"""The sync column's state (app/sync_status.py): the rules on hand-made facts, the words of its tooltip, and — on a
real encrypted database with real outbox entries — that the register's "only not synced" filter (SQL) selects
exactly the operators whose column is not 已同步 (Python), through a random walk of edits, answers and decisions."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app import sync_conflicts
from app.audit import audit
from app.records import Actor, OperatorFilter
from app.services.registry import RegistryService
from app.sync_status import (
    DECLINED,
    SyncState,
    SyncStatus,
    explain,
    label,
    status_of,
    summary_of,
)
from localdb import sync_facts
from localdb.database import Database
from localdb.models import Carrier, Operator
from localdb.sync_facts import RecordFacts, StreamFacts
from localdb.sync_models import APPLIED, PENDING, REJECTED, SENT, OutboxEntry, SyncDocument
from tests.support.stations import add_station, draft, memory_store, open_with_keyring


def identity(_context: str, source: str) -> str:
    return source


def stream(entity: str = "operator", state: str = APPLIED, **more: object) -> StreamFacts:
    values: dict[str, object] = {"code": None, "reason": None, "waiting": 0}
    values.update(more)
    return StreamFacts(entity=entity, last_state=state, **values)  # type: ignore[arg-type]


# -- the rules ----------------------------------------------------------------------------------------------------
def test_a_record_without_changes_or_entries_is_synced() -> None:
    assert status_of(RecordFacts(local_changes=False)).state == SyncState.SYNCED
    assert status_of(RecordFacts(False, (stream(), stream("carrier")))).state == SyncState.SYNCED


def test_waiting_entries_make_it_not_synced_whatever_else_is_known() -> None:
    facts = RecordFacts(
        False,
        (
            stream(state=PENDING, waiting=2),
            stream("carrier", REJECTED, code="validation"),
            stream("operator_proposal", APPLIED, decision="pending"),
        ),
    )
    status = status_of(facts)
    assert status.state == SyncState.UNSYNCED and status.waiting == 2
    assert stream(state=SENT, waiting=1) and status_of(RecordFacts(False, (stream(state=SENT, waiting=1),))).waiting


def test_a_refusal_is_returned_with_its_code_and_reason_until_dealt_with() -> None:
    refused = stream("carrier", REJECTED, code="version_conflict", reason="someone else wrote version 3")
    status = status_of(RecordFacts(True, (refused, stream("operator_proposal", decision="pending"))))
    assert status.state == SyncState.REJECTED
    assert [(r.entity, r.code, r.reason) for r in status.refusals] == [
        ("carrier", "version_conflict", "someone else wrote version 3")
    ]
    assert status.in_review == 1  # still counted, shown in the tooltip
    dealt_with = replace(refused, discarded=True)
    assert status_of(RecordFacts(False, (dealt_with,))).state == SyncState.SYNCED


def test_a_proposal_the_province_rejected_is_returned_with_the_decision_reason() -> None:
    declined = stream("operator_proposal", decision="rejected", decision_reason="营业执照名称未变更")
    status = status_of(RecordFacts(True, (declined,)))
    assert status.state == SyncState.REJECTED
    assert status.refusals[0].code == DECLINED and status.refusals[0].reason == "营业执照名称未变更"
    assert status_of(RecordFacts(True, (replace(declined, discarded=True),))).state == SyncState.UNSYNCED


def test_a_proposal_taken_but_not_decided_awaits_review() -> None:
    for decision in (None, "pending"):
        status = status_of(RecordFacts(False, (stream("operator_proposal", decision=decision),)))
        assert status.state == SyncState.IN_REVIEW and status.in_review == 1
    accepted = stream("operator_proposal", decision="accepted")
    assert status_of(RecordFacts(False, (accepted,))).state == SyncState.SYNCED


def test_local_changes_nobody_sent_are_not_synced() -> None:
    status = status_of(RecordFacts(local_changes=True))
    assert status.state == SyncState.UNSYNCED and status.waiting == 0


def test_a_summary_shows_the_worst_state_and_adds_up() -> None:
    assert summary_of([]) is None
    synced = SyncStatus(SyncState.SYNCED)
    waiting = SyncStatus(SyncState.UNSYNCED, waiting=3)
    review = SyncStatus(SyncState.IN_REVIEW, in_review=1)
    total = summary_of([synced, waiting, review])
    assert total is not None
    assert (total.state, total.waiting, total.in_review, total.records) == (SyncState.UNSYNCED, 3, 1, 3)
    refused = status_of(RecordFacts(True, (stream(state=REJECTED, code="finalized"),)))
    worst = summary_of([waiting, refused])
    assert worst is not None and worst.state == SyncState.REJECTED and len(worst.refusals) == 1


def test_the_tooltip_says_what_happened_and_by_whom() -> None:
    assert label(SyncState.IN_REVIEW, identity) == "Awaiting provincial review"
    waiting = explain(SyncStatus(SyncState.UNSYNCED, waiting=2), identity)
    assert "2 change(s)" in waiting and "outbox" in waiting
    refused = status_of(
        RecordFacts(True, (stream("operator", REJECTED, code="validation", reason="phone: not a number"),))
    )
    text = explain(refused, identity)
    assert "operator: a value fails a rule (code, phone or ICP number) (phone: not a number)" in text
    assert "Sync page" in text
    declined = status_of(RecordFacts(True, (stream("operator_proposal", decision="rejected", decision_reason=""),)))
    assert "registry correction proposal: the province rejected the proposal" in explain(declined, identity)
    assert "as shown here" in explain(SyncStatus(SyncState.SYNCED), identity)
    several = explain(SyncStatus(SyncState.SYNCED, records=4), identity)
    assert several.startswith("Sums up 4 inspection record(s).")


def test_dealt_with_means_what_the_conflict_view_writes() -> None:
    assert (sync_facts.DISCARD_ENTITY, sync_facts.DISCARD_ACTION) == (
        sync_conflicts.AUDIT_ENTITY,
        sync_conflicts.DISCARD,
    )


# -- on a real database -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Entry:
    seq: int
    entity: str
    entity_id: str
    state: str


@dataclass
class Desk:
    db: Database
    registry: RegistryService
    actor: Actor

    def status(self, operator_id: str) -> SyncStatus:
        return self.registry.rows([operator_id])[0].sync

    def not_synced(self) -> set[str]:
        every = self.registry.list_ids(OperatorFilter(include_deleted=True))
        return {row.id for row in self.registry.rows(every) if row.sync.state != SyncState.SYNCED}

    def filtered(self) -> set[str]:
        return set(self.registry.list_ids(OperatorFilter(include_deleted=True, unsynced_only=True)))

    def entries(self) -> list[Entry]:
        columns = (OutboxEntry.seq, OutboxEntry.entity, OutboxEntry.entity_id, OutboxEntry.state)
        with self.db.reader() as session:
            return [Entry(*row) for row in session.execute(select(*columns).order_by(OutboxEntry.seq))]

    def answer(self, seqs: list[int], state: str, code: str | None = None, reason: str | None = None) -> None:
        with self.db.transaction() as session:
            session.execute(
                update(OutboxEntry).where(OutboxEntry.seq.in_(seqs)).values(state=state, code=code, reason=reason)
            )

    def decide(self, proposal_id: str, status: str, reason: str = "") -> None:
        data = f'{{"status": "{status}", "decision_reason": "{reason}"}}'
        with self.db.transaction() as session:
            document = session.get(SyncDocument, ("operator_proposal", proposal_id))
            if document is None:
                session.add(SyncDocument(entity="operator_proposal", id=proposal_id, version=1, data=data))
            else:
                document.version += 1
                document.data = data

    def pulled(self, operator_id: str) -> None:
        """What a pull does to an operator the server changed: the row (and its carriers) as the server has it."""
        with self.db.transaction() as session:
            session.execute(update(Operator).where(Operator.id == operator_id).values(change_state="synced"))
            session.execute(update(Carrier).where(Carrier.operator_id == operator_id).values(change_state="synced"))

    def discard(self, key: str) -> None:
        with self.db.transaction() as session:
            audit(session, self.actor, sync_facts.DISCARD_ENTITY, key, sync_facts.DISCARD_ACTION)


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    db = open_with_keyring(tmp_path / "station", memory_store())
    try:
        yield Desk(db, RegistryService(db), add_station(db))
    finally:
        db.close()


def test_an_operator_goes_from_not_synced_to_review_to_synced(desk: Desk) -> None:
    operator_id = desk.registry.create(draft("五华区示例商行"), desk.actor)
    assert desk.status(operator_id).state == SyncState.UNSYNCED and desk.status(operator_id).waiting == 1
    (proposal,) = desk.entries()
    desk.answer([proposal.seq], SENT)
    assert desk.status(operator_id).state == SyncState.UNSYNCED
    desk.answer([proposal.seq], APPLIED)
    desk.pulled(operator_id)
    assert desk.status(operator_id).state == SyncState.IN_REVIEW
    desk.decide(proposal.entity_id, "pending")
    assert desk.status(operator_id).state == SyncState.IN_REVIEW
    desk.decide(proposal.entity_id, "accepted")
    assert desk.status(operator_id) == SyncStatus(SyncState.SYNCED)
    assert desk.filtered() == set()


def test_a_refused_edit_is_returned_until_a_newer_edit_or_the_conflict_view(desk: Desk) -> None:
    operator_id = desk.registry.create(draft("翠湖示例商行"), desk.actor)
    desk.answer([e.seq for e in desk.entries()], APPLIED)
    desk.decide(desk.entries()[0].entity_id, "accepted")
    desk.pulled(operator_id)
    detail = desk.registry.detail(operator_id)
    desk.registry.update(operator_id, replace(detail.draft, phone="13800138000"), desk.actor)
    edit = desk.entries()[-1]
    assert edit.entity == "operator"
    desk.answer([edit.seq], REJECTED, "version_conflict", "version 2 was written by another device")
    status = desk.status(operator_id)
    assert status.state == SyncState.REJECTED
    assert status.refusals[0].reason == "version 2 was written by another device"
    assert desk.filtered() == {operator_id}
    desk.discard(f"seq:{edit.seq}")
    assert desk.status(operator_id).state == SyncState.UNSYNCED  # the local phone is still not the province's
    desk.registry.update(operator_id, replace(detail.draft, phone="13800138001"), desk.actor)
    assert desk.status(operator_id).waiting == 1


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_filter_selects_exactly_the_operators_not_synced(desk: Desk, seed: int) -> None:
    rng = random.Random(seed)
    operators: list[str] = []

    def create() -> None:
        operators.append(desk.registry.create(draft(f"随机商行{len(operators)}号"), desk.actor))

    def edit_station_field() -> None:
        operator_id = rng.choice(operators)
        detail = desk.registry.detail(operator_id)
        desk.registry.update(operator_id, replace(detail.draft, phone=f"1380013{rng.randrange(10000):04d}"), desk.actor)

    def edit_province_field() -> None:
        operator_id = rng.choice(operators)
        detail = desk.registry.detail(operator_id)
        desk.registry.update(operator_id, replace(detail.draft, name=f"改名商行{rng.randrange(10000)}"), desk.actor)

    def add_carrier() -> None:
        with desk.db.transaction() as session:
            session.add(Carrier(operator_id=rng.choice(operators), kind="shop", platform="淘宝", shop_name="示例店"))

    def answer() -> None:
        waiting = [e.seq for e in desk.entries() if e.state in (PENDING, SENT)]
        if waiting:
            chosen = rng.sample(waiting, k=rng.randint(1, len(waiting)))
            state = rng.choice([SENT, APPLIED, APPLIED, REJECTED])
            desk.answer(chosen, state, "validation" if state == REJECTED else None, "refused" if state else None)

    def decide() -> None:
        taken = [e.entity_id for e in desk.entries() if e.entity == "operator_proposal" and e.state == APPLIED]
        if taken:
            desk.decide(rng.choice(taken), rng.choice(["pending", "accepted", "rejected"]), "理由")

    def pull() -> None:
        desk.pulled(rng.choice(operators))

    def discard() -> None:
        keys = [f"seq:{e.seq}" for e in desk.entries() if e.state == REJECTED and e.entity != "operator_proposal"]
        keys += [e.entity_id for e in desk.entries() if e.entity == "operator_proposal"]
        if keys:
            desk.discard(rng.choice(keys))

    def settle() -> None:
        """A sync where the server takes everything and the province accepts every proposal."""
        entries = desk.entries()
        desk.answer([e.seq for e in entries if e.state in (PENDING, SENT)], APPLIED)
        for entry in entries:
            if entry.entity == "operator_proposal" and entry.state != REJECTED:
                desk.decide(entry.entity_id, "accepted")
        for operator_id in operators:
            desk.pulled(operator_id)

    steps = [edit_station_field, edit_province_field, add_carrier, answer, answer, decide, pull, discard, settle]
    create()
    seen: set[SyncState] = set()
    for _ in range(60):
        rng.choice([create, *steps])()
        assert desk.filtered() == desk.not_synced()
        seen |= {row.sync.state for row in desk.registry.rows(operators)}
    assert seen == set(SyncState), "the walk should pass through every state"
