"""回避 from the GUI: record a conflict of interest, see it refused twice and without a reason, lift it."""

from __future__ import annotations

from typing import Any

from tests.ui.conftest import KNOWN
from tests.ui.test_inspections_ui import Desk, desk, type_text  # noqa: F401 - the fixture is used by name
from ui.inspections_view import InspectionsView


def test_conflicts_are_recorded_refused_without_reason_and_lifted(qtbot: Any, desk: Desk) -> None:  # noqa: F811
    view = InspectionsView(desk.services, lambda: desk.actor)
    qtbot.addWidget(view)
    view.show()
    page = view.conflicts
    view.tabs.setCurrentWidget(page)
    assert page.table.rowCount() == 0

    page.officer_combo.setCurrentIndex(page.officer_combo.findData(desk.colleague.id))
    type_text(qtbot, page.operator_search, KNOWN.valid_uscc)
    qtbot.waitUntil(lambda: page.operator_combo.count() > 0, timeout=3000)
    page.add_button.click()  # no reason yet
    assert page.message.text() and page.table.rowCount() == 0

    type_text(qtbot, page.reason_edit, "亲属关系")
    page.add_button.click()
    assert page.table.rowCount() == 1
    assert page.table.item(0, 1).text() == KNOWN.valid_name
    assert desk.services.conflicts.conflicted_officers(str(page.operator_combo.currentData())) == {desk.colleague.id}

    type_text(qtbot, page.reason_edit, "重复")
    page.add_button.click()  # the same link twice is refused
    assert page.message.text() and page.table.rowCount() == 1

    page.table.selectRow(0)
    page.reason_edit.clear()
    type_text(qtbot, page.reason_edit, "已调离")
    page.remove_button.click()
    assert page.table.rowCount() == 0
