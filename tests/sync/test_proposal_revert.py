"""After a sync the station's register matches the province's, also when a correction proposal is not taken.

A station edit of a province field shows the proposed value at once (an optimistic proposal). When the province
rejects the proposal, or the server refuses it at push, the operator's server version does not change, so no pull
would ever overwrite the value and verify (ids and versions) would not notice: the client puts the province's values
back itself, without an outbox entry, with an audit entry saying why — and leaves a field alone while a newer edit of
it is still under way. The same goes for inspection records: a pull does not call a refused edit synced.
Real server on loopback, real encrypted client data dirs.
"""

from __future__ import annotations

import json
from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from app.pinyin import name_initials
from app.records import OperatorFilter
from app.sync_conflicts import DECLINED, REFUSED
from app.sync_status import SyncState, SyncStatusService
from localdb.inspection_models import Inspection
from localdb.models import AuditLog, Operator
from localdb.sync_capture import OPERATOR_PROVINCE, jsonable
from localdb.sync_models import APPLIED, PENDING, REJECTED, OutboxEntry
from server import province
from tests.inspections.conftest import LICENSE_DISPLAY
from tests.server.harness import Device, SyncClient
from tests.sync.conftest import ACTOR, Client
from tests.sync.test_sync_conflicts import about, conflict_tab, operator_at, outbox_size, propose

REASON = "与营业执照不符"
REVIEWER = "省局审核员"


def province_values(server_view: SyncClient, operator_id: str) -> dict[str, Any]:
    """The province's current values of the operator's province-owned fields, as the station pulls them."""
    changes, _ = server_view.pull_all()
    (latest,) = [c for c in changes if c["entity"] == "operator" and c["id"] == operator_id][-1:]
    return {name: latest["data"].get(name) for name in sorted(OPERATOR_PROVINCE)}


def local_row(client: Client, operator_id: str) -> Operator:
    with client.db.reader() as session:
        op = session.get(Operator, operator_id)
        assert op is not None
        session.expunge(op)
        return op


def local_values(client: Client, operator_id: str) -> dict[str, Any]:
    op = local_row(client, operator_id)
    return {name: jsonable(getattr(op, name)) for name in sorted(OPERATOR_PROVINCE)}


def operator_audits(client: Client, operator_id: str) -> list[AuditLog]:
    with client.db.reader() as session:
        rows = session.scalars(
            select(AuditLog)
            .where(AuditLog.entity_type == "operator", AuditLog.entity_id == operator_id)
            .order_by(AuditLog.id)
        ).all()
        for row in rows:
            session.expunge(row)
        return list(rows)


def sync_state(client: Client, operator_id: str) -> SyncState:
    (row,) = client.registry.rows([operator_id])
    return row.sync.state


def unsynced(client: Client, operator_id: str) -> bool:
    return operator_id in client.registry.list_ids(OperatorFilter(unsynced_only=True))


def test_a_proposal_the_province_rejects_is_undone_by_the_pull(client: Client, server_view: SyncClient) -> None:
    client.run()
    op = operator_at(client, 10)
    before = local_values(client, op.id)
    proposed = {"name": op.name + "（更名）", "legal_representative": "欧阳建国"}
    proposal_id = propose(client, op.id, **proposed)
    assert local_row(client, op.id).name == proposed["name"]  # the proposal shows at once
    assert client.run(user=None).rejected == []
    assert sync_state(client, op.id) == SyncState.IN_REVIEW
    province.reject_proposal(client.server.db, proposal_id, REASON, by=REVIEWER)
    entries = outbox_size(client)
    audits = len(operator_audits(client, op.id))

    receipt = client.run(user=None)
    assert (receipt.pushed, receipt.verified) == (0, True)
    assert local_values(client, op.id) == province_values(server_view, op.id) == before
    row = local_row(client, op.id)
    assert (row.name_initials, row.change_state) == (name_initials(op.name), "synced")
    assert op.id in client.registry.search_ids(op.name, OperatorFilter())
    assert op.id not in client.registry.search_ids("欧阳建国", OperatorFilter())
    assert outbox_size(client) == entries  # putting the province's values back sends nothing
    reverted = operator_audits(client, op.id)[audits:]
    assert [(a.action, a.field, a.before, a.after) for a in reverted] == [
        ("update", "legal_representative", "欧阳建国", before["legal_representative"]),
        ("update", "name", proposed["name"], op.name),
    ]
    assert all(REASON in (a.reason or "") and a.officer_name for a in reverted)

    # The conflict view still has the station's values, to edit and propose again; the sync column says 被退回.
    (conflict,) = about(client.sync.conflicts.conflicts(), op.id)
    assert (conflict.key, conflict.state) == (proposal_id, DECLINED)
    assert {d.field: (d.proposed, d.current, d.known) for d in conflict.diffs} == {
        "legal_representative": ("欧阳建国", before["legal_representative"], True),
        "name": (proposed["name"], op.name, True),
    }
    assert sync_state(client, op.id) == SyncState.REJECTED and unsynced(client, op.id)

    # Discarding hides it and reverts nothing a second time: only its own audit entry is written.
    assert client.sync.conflicts.discard(proposal_id, ACTOR, "接受省局决定") == []
    assert len(operator_audits(client, op.id)) == audits + 2
    assert sync_state(client, op.id) == SyncState.SYNCED and not unsynced(client, op.id)
    assert local_values(client, op.id) == before
    again = client.run(user=None)
    assert (again.pushed, again.applied_changes, again.verified) == (0, 0, True)


def refuse_at_push(client: Client, proposal_id: str) -> None:
    """Make the server refuse the waiting proposal (an unknown field in its data: ``invalid_data``)."""
    with client.db.transaction() as session:
        entry = session.scalars(select(OutboxEntry).where(OutboxEntry.entity_id == proposal_id)).one()
        payload = json.loads(entry.payload)
        payload["fields"]["not_a_field"] = "x"
        entry.payload = json.dumps(payload, ensure_ascii=False)


def test_a_proposal_the_server_refuses_is_undone_when_the_answer_is_stored(
    client: Client, server_view: SyncClient
) -> None:
    client.run()
    op = operator_at(client, 11)
    before = local_values(client, op.id)
    proposal_id = propose(client, op.id, name=op.name + "（拒收）")
    refuse_at_push(client, proposal_id)
    receipt = client.run(user=None)
    assert [(r.id, r.code) for r in receipt.rejected] == [(proposal_id, "invalid_data")]
    assert receipt.verified is True
    assert local_values(client, op.id) == province_values(server_view, op.id) == before
    row = local_row(client, op.id)
    assert (row.name_initials, row.change_state) == (name_initials(op.name), "synced")
    assert op.id not in client.registry.search_ids("拒收", OperatorFilter())  # reindexed by the triggers
    (audit,) = [a for a in operator_audits(client, op.id) if a.after == op.name]
    assert audit.before == op.name + "（拒收）" and "invalid_data" in (audit.reason or "")
    (conflict,) = about(client.sync.conflicts.conflicts(), op.id)
    assert (conflict.state, conflict.diffs[0].proposed) == (REFUSED, op.name + "（拒收）")
    assert sync_state(client, op.id) == SyncState.REJECTED


def test_stacked_proposals_of_one_field_fall_back_one_by_one(client: Client) -> None:
    client.run()
    op = operator_at(client, 12)
    first = propose(client, op.id, name=op.name + "（一）")
    second = propose(client, op.id, name=op.name + "（二）")
    assert client.run(user=None).rejected == []

    province.reject_proposal(client.server.db, second, REASON, by=REVIEWER)
    client.run(user=None)
    row = local_row(client, op.id)  # the first proposal is still under review: it shows
    assert (row.name, row.change_state) == (op.name + "（一）", "modified")
    assert sync_state(client, op.id) == SyncState.REJECTED

    province.reject_proposal(client.server.db, first, REASON, by=REVIEWER)
    client.run(user=None)
    row = local_row(client, op.id)
    assert (row.name, row.name_initials, row.change_state) == (op.name, name_initials(op.name), "synced")


def test_a_newer_edit_of_the_field_is_left_alone(client: Client) -> None:
    client.run()
    op = operator_at(client, 13)
    before = local_values(client, op.id)
    rejected = propose(client, op.id, name=op.name + "（甲）", legal_representative="司马光")
    assert client.run(user=None).rejected == []
    province.reject_proposal(client.server.db, rejected, REASON, by=REVIEWER)
    propose(client, op.id, name=op.name + "（乙）")  # typed again before the decision arrived
    propose(client, op.id, name=op.name + "（甲）")  # …and back: the rejected value, but a new proposal
    client.run(user=None)
    row = local_row(client, op.id)
    # the name's newer proposal is under review and shows; the other field of the rejected one goes back
    assert (row.name, row.legal_representative) == (op.name + "（甲）", before["legal_representative"])
    assert row.change_state == "modified"


def test_discarding_a_rejection_an_older_version_recorded_still_restores(client: Client) -> None:
    """A data dir synced by a version without the automatic revert: the rejected value is still in the register
    until the officer discards the item."""
    client.run()
    op = operator_at(client, 15)
    proposal_id = propose(client, op.id, name=op.name + "（旧版）")
    with client.db.transaction() as session:  # the answer as an older version stored it: state only
        session.execute(update(OutboxEntry).where(OutboxEntry.entity_id == proposal_id).values(state=REJECTED))
    assert local_row(client, op.id).name == op.name + "（旧版）"
    assert client.sync.conflicts.discard(proposal_id, ACTOR, "接受省局决定") == ["name"]
    row = local_row(client, op.id)
    assert (row.name, row.change_state) == (op.name, "synced")
    audits = [(a.entity_type, a.action, a.reason) for a in operator_audits(client, op.id)]
    assert audits[-1] == ("operator", "update", "接受省局决定")


# --- inspection records: a pull does not call a refused edit synced -------------------------------------------------
def test_a_refused_inspection_edit_stays_modified_after_the_pull(client: Client, server_view: SyncClient) -> None:
    client.run()
    op = operator_at(client, 16)
    client.load_templates()
    inspection_id = client.inspections.create_draft(op.id, ACTOR, template_code=LICENSE_DISPLAY)
    client.inspections.set_place(inspection_id, "网络监测室", ACTOR)
    assert client.run(user=None).rejected == []
    (sent,) = [e for e in client.sync.store.outbox_entries("inspection") if e["id"] == inspection_id]
    other = SyncClient(client.server, Device())  # another computer of the station writes version 2
    assert other.login("demo1").status_code == 200
    data = dict(sent["data"])
    data["payload"] = {**data["payload"], "record": {**data["payload"]["record"], "place": "另一台电脑写的地点"}}
    (result,) = other.push(other.device.mutation("inspection", "upsert", inspection_id, data, base_version=1))
    assert (result["status"], result["version"]) == ("applied", 2)

    client.inspections.set_place(inspection_id, "本机后来改的地点", ACTOR)
    receipt = client.run(user=None)
    assert [(r.id, r.code) for r in receipt.rejected] == [(inspection_id, "version_conflict")]
    statuses = SyncStatusService(client.db)
    with client.db.reader() as session:
        record = session.get(Inspection, inspection_id)
        assert record is not None
        assert (record.server_version, record.change_state) == (2, "modified")  # the server's copy is not ours
    assert statuses.inspections([inspection_id])[inspection_id].state == SyncState.REJECTED
    (conflict,) = [c for c in client.sync.conflicts.conflicts() if c.record_id == inspection_id]
    client.sync.conflicts.discard(conflict.key, ACTOR, "另一台电脑的记录为准")
    assert statuses.inspections([inspection_id])[inspection_id].state == SyncState.UNSYNCED
    states = [e["state"] for e in client.sync.store.outbox_entries("inspection") if e["id"] == inspection_id]
    assert states == [APPLIED, REJECTED] and PENDING not in states


def test_the_conflict_tab_says_the_register_shows_the_province_values(qtbot: QtBot, client: Client) -> None:
    client.run()
    op = operator_at(client, 17)
    proposal_id = propose(client, op.id, name=op.name + "（更名）")
    client.run(user=None)
    province.reject_proposal(client.server.db, proposal_id, REASON, by=REVIEWER)
    client.run(user=None)
    view, tab, _listed = conflict_tab(qtbot, client, proposal_id)
    assert "shows the province's values again" in tab.detail_label.text()
    cells = [tab.diff_table.item(0, column).text() for column in range(3)]  # type: ignore[union-attr]
    assert cells == ["Name", op.name + "（更名）", op.name]
    tab.discard_selected()
    assert tab.dialog is not None
    with qtbot.waitSignal(view.synced):  # the register's sync column changes: lists reload
        tab.dialog.accept()
    assert proposal_id not in [c.key for c in tab.conflicts]
