"""The sync column of every list — the register, the inspection records, the tasks and their drawn objects, the
rectification orders and the evidence gallery — with real widgets, against a real server on loopback: 未同步 after
a local edit, 已同步 after a sync, 待省级审核 for a proposal, and 被退回 with the server's or the province's reason.

The server and the client data dirs are those of tests/sync (SQLite; PostgreSQL too when ``TEST_DATABASE_URL`` is
set; tests/ui/conftest.py makes its fixtures available here). Texts are the English sources (no translator is
installed in the tests)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from sqlalchemy import select

from app.inspections.data import SampleSpec, TaskDraft
from app.records import Actor, OperatorFilter
from app.services.officers import OfficerService
from app.services.registry import RegistryService
from localdb.inspection_models import Inspection
from localdb.sync_models import OutboxEntry
from server import province
from tests.server.harness import LiveServer, SyncClient
from tests.sync.conftest import Client
from tests.ui.conftest import KNOWN
from tests.ui.test_inspections_ui import LICENSE_DISPLAY, finalize_with_order
from ui.inspection_editor import InspectionEditor
from ui.inspection_models import SYNC_COLUMN, InspectionServices, RecordTableModel
from ui.inspections_view import InspectionsView
from ui.operator_table_model import SYNC
from ui.rectification_view import RectificationView
from ui.registry_view import RegistryView

SYNCED, NOT_SYNCED, RETURNED, IN_REVIEW = "Synced", "Not synced", "Returned", "Awaiting provincial review"


def cell(model: QAbstractItemModel, row: int, column: int) -> tuple[str, str]:
    """The sync column of one row: its text and its tooltip."""
    index = model.index(row, column)
    return str(model.data(index)), str(model.data(index, Qt.ItemDataRole.ToolTipRole) or "")


def record_cell(model: RecordTableModel, record_id: str) -> tuple[str, str]:
    row = model.row_of(record_id)
    assert row >= 0, record_id
    return cell(model, row, list(model.COLUMNS).index(SYNC_COLUMN))


def operator_cell(view: RegistryView, operator_id: str) -> tuple[str, str]:
    view.reload(select_id=operator_id)
    return cell(view.model, view.model.row_of(operator_id), SYNC)


# -- without a server ------------------------------------------------------------------------------------------------
def test_the_register_shows_what_was_never_sent_and_filters_it(
    qtbot: Any, registry: RegistryService, actor: Actor
) -> None:
    """The UI test station: demo operators as the province has them, the five created here not sent yet."""
    view = RegistryView(registry, lambda: actor)
    qtbot.addWidget(view)
    texts = {view.model.record(r).name: cell(view.model, r, SYNC) for r in range(view.model.rowCount())}
    created = {KNOWN.valid_name, KNOWN.flagged_name, KNOWN.serious_name, KNOWN.shop_owner_name, KNOWN.coop_name}
    assert {name for name, (text, _tip) in texts.items() if text == NOT_SYNCED} == created
    assert {text for name, (text, _tip) in texts.items() if name not in created} == {SYNCED}
    assert "outbox" in texts[KNOWN.valid_name][1]
    view.filters.unsynced_filter.setChecked(True)
    assert {row.name for row in registry.rows(view.model.ids())} == created
    assert view.filters.count_label.text() == "5 operators"
    view.clear_filters()
    assert not view.filters.unsynced_filter.isChecked() and view.model.rowCount() == len(texts)


# -- against a real server -------------------------------------------------------------------------------------------
def first_operator_id(client: Client) -> str:
    return client.registry.list_ids(OperatorFilter())[0]


def newest_entry(client: Client, entity: str) -> str:
    with client.db.reader() as session:
        found = session.scalar(
            select(OutboxEntry.entity_id).where(OutboxEntry.entity == entity).order_by(OutboxEntry.seq.desc())
        )
    assert found is not None
    return found


def save_edit(client: Client, operator_id: str, **fields: object) -> None:
    detail = client.registry.detail(operator_id)
    reason = "测试" if detail.identifier_override else ""
    client.registry.update(operator_id, replace(detail.draft, **fields), ACTOR, override_reason=reason)  # type: ignore[arg-type]


ACTOR = Actor("", "测试员")


def test_the_register_row_goes_through_every_state(qtbot: Any, client: Client, live: LiveServer) -> None:
    client.run()  # the initial pull: the register as the province has it
    view = RegistryView(client.registry, lambda: ACTOR)
    qtbot.addWidget(view)
    assert view.model.rowCount() > 0
    assert {cell(view.model, r, SYNC)[0] for r in range(min(20, view.model.rowCount()))} == {SYNCED}
    view.filters.unsynced_filter.setChecked(True)
    assert view.model.rowCount() == 0
    view.filters.unsynced_filter.setChecked(False)

    operator_id = first_operator_id(client)
    save_edit(client, operator_id, phone="0871-65000001")  # a station field: an operator upsert
    text, tooltip = operator_cell(view, operator_id)
    assert text == NOT_SYNCED and "1 change(s)" in tooltip and "outbox" in tooltip
    view.filters.unsynced_filter.setChecked(True)
    assert view.model.ids() == [operator_id]
    view.filters.unsynced_filter.setChecked(False)

    client.run(user=None)
    assert operator_cell(view, operator_id)[0] == SYNCED

    name = client.registry.detail(operator_id).draft.name
    save_edit(client, operator_id, name=name + "（新）")  # a province field: a correction proposal
    client.run(user=None)
    text, tooltip = operator_cell(view, operator_id)
    assert text == IN_REVIEW and "proposal" in tooltip

    proposal_id = newest_entry(client, "operator_proposal")
    province.reject_proposal(live.db, proposal_id, "名称与营业执照不符", "省局审核员")
    client.run(user=None)
    text, tooltip = operator_cell(view, operator_id)
    assert text == RETURNED
    assert "the province rejected the proposal" in tooltip and "名称与营业执照不符" in tooltip
    view.filters.unsynced_filter.setChecked(True)
    assert view.model.ids() == [operator_id]


@dataclass
class Lists:
    """The inspection screens over one client data dir."""

    services: InspectionServices
    actor: Actor
    inspections: InspectionsView
    rectifications: RectificationView

    def reload(self, task_id: str) -> None:
        self.inspections.records.reload()
        self.inspections.tasks.reload(task_id)
        self.rectifications.reload()

    def states(self, task_id: str, finalized: str, draft: str) -> dict[str, str]:
        """The sync column of each list for the task, its two records and the order of the finalized one."""
        tasks = self.inspections.tasks
        targets = {t.inspection_id: t.id for t in tasks.target_model.records()}
        (order,) = self.rectifications.model.records()
        return {
            "task": record_cell(tasks.model, task_id)[0],
            "finalized": record_cell(self.inspections.records.model, finalized)[0],
            "draft": record_cell(self.inspections.records.model, draft)[0],
            "finalized target": record_cell(tasks.target_model, targets[finalized])[0],
            "draft target": record_cell(tasks.target_model, targets[draft])[0],
            "order": record_cell(self.rectifications.model, order.id)[0],
        }


@pytest.fixture
def lists(qtbot: Any, client: Client) -> Iterator[Lists]:
    client.run()
    client.load_templates()
    officers = OfficerService(client.db)
    me = officers.add_officer("李明", "53010011")
    officers.add_officer("王芳", "53010012")
    services = InspectionServices.wire(client.db, client.evidence_db)
    actor = Actor(me.id, me.name)
    inspections = InspectionsView(services, lambda: actor)
    rectifications = RectificationView(services, lambda: actor)
    for widget in (inspections, rectifications):
        qtbot.addWidget(widget)
    yield Lists(services, actor, inspections, rectifications)


def drawn_task(lists: Lists) -> tuple[str, str, str]:
    """A task drawn here with two objects: one record finalized with an order to rectify, one still a draft."""
    svc, actor = lists.services, lists.actor
    template = next(t.id for t in svc.templates.current() if t.code == LICENSE_DISPLAY)
    task_id = svc.tasks.create(
        TaskDraft(number="2026-SJ-901", name="网店亮照抽查", template_id=template, sample=SampleSpec(count=2)), actor
    )
    svc.draws.draw(task_id, actor)
    first, second = svc.tasks.detail(task_id).targets
    finalized = svc.inspections.create_from_task(first.id, actor)
    finalize_with_order(svc, actor, finalized, date.today() + timedelta(days=10))
    draft = svc.inspections.create_from_task(second.id, actor)
    svc.inspections.set_place(draft, "网络监测室", actor)
    return task_id, finalized, draft


def test_the_inspection_lists_go_through_every_state(
    qtbot: Any, qtmodeltester: Any, client: Client, lists: Lists, server_view: SyncClient
) -> None:
    task_id, finalized, draft = drawn_task(lists)
    lists.reload(task_id)
    assert set(lists.states(task_id, finalized, draft).values()) == {NOT_SYNCED}
    for model in (lists.inspections.records.model, lists.inspections.tasks.model, lists.rectifications.model):
        qtmodeltester.check(model)

    client.run(user=None)
    lists.reload(task_id)
    assert set(lists.states(task_id, finalized, draft).values()) == {SYNCED}
    editor = InspectionEditor(lists.services, lambda: lists.actor, finalized)
    qtbot.addWidget(editor)
    gallery = editor.evidence_panel.gallery
    assert gallery.count() == 1 and f"Sync: {SYNCED}." in gallery.item(0).toolTip()

    # Another computer of the station saves the draft meanwhile; then this one edits it too.
    with client.db.reader() as session:
        record = session.get(Inspection, draft)
        assert record is not None
        version, operator_id = record.server_version, record.operator_id
    other = server_view.device.mutation(
        "inspection",
        "upsert",
        draft,
        {"status": "draft", "operator_id": operator_id, "payload": {"place": "另一台电脑"}},
        base_version=version,
    )
    assert server_view.push(other)[0]["status"] == "applied"
    lists.services.inspections.set_place(draft, "所内复核", lists.actor)
    lists.reload(task_id)
    states = lists.states(task_id, finalized, draft)
    assert (states["draft"], states["draft target"], states["task"]) == (NOT_SYNCED, NOT_SYNCED, NOT_SYNCED)
    assert states["finalized"] == states["order"] == SYNCED

    client.run(user=None)  # the server refuses the edit: someone else wrote a newer version
    lists.reload(task_id)
    states = lists.states(task_id, finalized, draft)
    assert (states["draft"], states["draft target"], states["task"]) == (RETURNED, RETURNED, RETURNED)
    assert states["finalized"] == states["finalized target"] == states["order"] == SYNCED
    tooltip = record_cell(lists.inspections.records.model, draft)[1]
    assert "inspection record: someone else changed the record in the meantime" in tooltip
    assert "Sums up 2 inspection record(s)." in record_cell(lists.inspections.tasks.model, task_id)[1]
