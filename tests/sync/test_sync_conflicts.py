"""The conflict view against the real loopback server: proposals the province rejected, proposals gone stale, changes
the server refused — listed with a field-level diff (the station's values stay here after the register took the
province's back), discarded (audited) or edited and proposed again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.pinyin import name_initials
from app.progress import Progress
from app.sync_conflicts import DECLINED, REFUSED, STALE, Conflict
from localdb.models import AuditLog, Operator
from localdb.sync_models import PENDING, OutboxEntry
from server import province
from sync.engine import Receipt
from tests.sync.conftest import ACTOR, Client
from tests.sync.test_sync import Op
from ui.operator_dialog import OperatorDialog
from ui.sync_conflicts_view import ConflictsView
from ui.sync_view import SyncView

REASON = "名称与营业执照不符"
# The loopback server lives for the whole module and each test's client is a new data dir of the same station, so
# every test works on its own operator and looks only at the conflicts about it.


def inline(_parent: object, _label: str, work: Callable[[Progress], Receipt]) -> Receipt | None:
    return work(Progress.none())


def propose(client: Client, operator_id: str, **fields: object) -> str:
    """Edit province fields of an operator (which sends a correction proposal); returns the proposal's id."""
    detail = client.registry.detail(operator_id)
    client.registry.update(operator_id, replace(detail.draft, **fields), ACTOR)  # type: ignore[arg-type]
    return str(client.sync.store.outbox_entries("operator_proposal")[-1]["id"])


def operator_at(client: Client, index: int) -> Op:
    """The ``index``-th live operator by name (each test takes its own)."""
    with client.db.reader() as session:
        ops = session.scalars(select(Operator).where(Operator.deleted_at.is_(None)).order_by(Operator.name)).all()
        op = ops[index]
        return Op(op.id, op.name, op.name_initials, op.identifier_override)


def about(conflicts: list[Conflict], operator_id: str) -> list[Conflict]:
    return [c for c in conflicts if c.operator_id == operator_id]


def local_operator(client: Client, operator_id: str) -> tuple[str, str, str]:
    with client.db.reader() as session:
        op = session.get(Operator, operator_id)
        assert op is not None
        return op.name, op.name_initials, op.change_state


def outbox_size(client: Client) -> int:
    with client.db.reader() as session:
        return len(session.scalars(select(OutboxEntry)).all())


def declined_proposal(client: Client, index: int) -> tuple[str, str, str, str]:
    """A name correction the province rejects: (operator id, old name, proposed name, proposal id)."""
    client.run()
    op = operator_at(client, index)
    proposed = op.name + "（更名）"
    proposal_id = propose(client, op.id, name=proposed)
    assert client.run(user=None).rejected == []
    province.reject_proposal(client.server.db, proposal_id, REASON, by="省局审核员")
    client.run(user=None)  # pulls the decision
    return op.id, op.name, proposed, proposal_id


def test_a_rejected_proposal_shows_its_diff_and_discarding_hides_it(client: Client) -> None:
    operator_id, old_name, proposed, proposal_id = declined_proposal(client, 1)
    conflicts = about(client.sync.conflicts.conflicts(), operator_id)
    assert [(c.key, c.state, c.reason) for c in conflicts] == [(proposal_id, DECLINED, REASON)]
    (diff,) = conflicts[0].diffs
    assert (diff.field, diff.proposed, diff.current, diff.known) == ("name", proposed, old_name, True)
    assert conflicts[0].title == proposed and conflicts[0].can_repropose
    # the pull that brought the rejection put the province's value back (tests/sync/test_proposal_revert.py)
    assert local_operator(client, operator_id) == (old_name, name_initials(old_name), "synced")

    entries = outbox_size(client)
    assert client.sync.conflicts.discard(proposal_id, ACTOR, "接受省局决定") == []  # nothing left to restore
    assert about(client.sync.conflicts.conflicts(), operator_id) == []
    assert local_operator(client, operator_id) == (old_name, name_initials(old_name), "synced")
    assert outbox_size(client) == entries  # discarding sends nothing
    with client.db.reader() as session:
        audits = session.scalars(select(AuditLog).where(AuditLog.reason == "接受省局决定")).all()
        assert {(a.entity_type, a.action) for a in audits} == {("sync_conflict", "discard")}
        reverted = session.scalars(
            select(AuditLog).where(AuditLog.entity_type == "operator", AuditLog.entity_id == operator_id)
        ).all()
        assert [(a.action, a.field, a.before, a.after) for a in reverted][-1] == ("update", "name", proposed, old_name)
        assert REASON in (reverted[-1].reason or "")
    receipt = client.run(user=None)
    assert (receipt.pushed, receipt.verified) == (0, True)


def test_a_proposal_the_province_overtook_is_stale(client: Client) -> None:
    client.run()
    op = operator_at(client, 2)
    stale_id = propose(client, op.id, name=op.name + "（甲）")
    other_id = propose(client, op.id, legal_representative="王五")
    client.run(user=None)
    province.accept_proposal(client.server.db, other_id, by="省局审核员")
    client.run(user=None)  # pulls the operator's new version: the name proposal's base is now old
    (conflict,) = about(client.sync.conflicts.conflicts(), op.id)
    assert (conflict.key, conflict.state) == (stale_id, STALE)
    (diff,) = conflict.diffs
    assert (diff.proposed, diff.current, diff.known) == (op.name + "（甲）", op.name, True)
    assert client.sync.conflicts.discard(stale_id, ACTOR, "另行处理") == []  # still pending at the province
    assert about(client.sync.conflicts.conflicts(), op.id) == []


def test_a_refused_change_is_listed_and_blocks_nothing_until_discarded(client: Client) -> None:
    client.run()
    op = operator_at(client, 3)
    with client.db.transaction() as session:  # an entry the server can never apply
        session.add(OutboxEntry(entity="operator", entity_id=op.id, op="delete", payload="{}", state=PENDING))
    client.run(user=None)
    (conflict,) = about(client.sync.conflicts.conflicts(), op.id)
    assert (conflict.state, conflict.entity, conflict.code) == (REFUSED, "operator", "unsupported")
    assert conflict.key.startswith("seq:") and conflict.title == op.name
    assert [b.code for b in client.sync.preflight().blocked] == ["unsupported"]
    client.sync.conflicts.discard(conflict.key, ACTOR, "误操作")
    assert about(client.sync.conflicts.conflicts(), op.id) == [] and client.sync.preflight().blocked == []


def conflict_tab(qtbot: QtBot, client: Client, key: str) -> tuple[SyncView, ConflictsView, int]:
    """The 同步 page with the conflict ``key`` selected on its conflict tab, and how many conflicts it lists."""
    view = SyncView(client.sync, runner=inline, actor=lambda: ACTOR)
    qtbot.addWidget(view)
    tab = view.conflicts_view
    tab.table.selectRow([c.key for c in tab.conflicts].index(key))
    return view, tab, len(tab.conflicts)


def test_the_conflict_tab_discards_and_proposes_again(qtbot: QtBot, client: Client) -> None:
    operator_id, old_name, proposed, proposal_id = declined_proposal(client, 4)
    view, tab, listed = conflict_tab(qtbot, client, proposal_id)
    assert view.tabs.tabText(1) == f"Conflicts ({listed})"
    assert [tab.diff_table.item(0, c).text() for c in range(3)] == ["Name", proposed, old_name]  # type: ignore[union-attr]
    assert REASON in tab.table.item(tab.table.currentRow(), 2).text()  # type: ignore[union-attr]

    tab.repropose_selected()  # the province's values come back first, then the editor shows the station's
    dialog = tab.dialog
    assert isinstance(dialog, OperatorDialog)
    assert local_operator(client, operator_id)[0] == old_name
    assert dialog.name_edit.text() == proposed
    corrected = old_name + "（依执照更正）"
    dialog.name_edit.setText(corrected)
    with qtbot.waitSignal(view.synced):
        dialog.save_button.click()
    assert tab.table.rowCount() == listed - 1 and proposal_id not in [c.key for c in tab.conflicts]
    newest = client.sync.store.outbox_entries("operator_proposal")[-1]
    assert newest["state"] == PENDING and newest["id"] != proposal_id
    assert newest["data"]["fields"] == {"name": corrected}
    assert newest["data"]["base_values"] == {"name": old_name}  # the province's value, not the refused one
    assert "1 registry correction proposals" in view.summary_label.text()
    assert about(client.sync.conflicts.conflicts(), operator_id) == []


def test_discarding_from_the_tab_asks_for_a_reason(qtbot: QtBot, client: Client) -> None:
    operator_id, old_name, _proposed, proposal_id = declined_proposal(client, 5)
    view, tab, listed = conflict_tab(qtbot, client, proposal_id)
    tab.discard_selected()
    dialog = tab.dialog
    assert dialog is not None
    dialog.reason_edit.clear()  # type: ignore[attr-defined]
    assert not dialog.discard_button.isEnabled()  # type: ignore[attr-defined]
    dialog.reason_edit.setText("已核实，以省局为准")  # type: ignore[attr-defined]
    with qtbot.waitSignal(view.synced):
        dialog.accept()
    assert tab.table.rowCount() == listed - 1 and proposal_id not in [c.key for c in tab.conflicts]
    assert local_operator(client, operator_id)[0] == old_name
