"""The registry screen with real widgets on a real encrypted database: search, filters, edit, delete, sort."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any, cast

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QIcon, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView, QWidget

from app.records import Actor, OperatorFilter, OperatorRow
from app.services.registry import RegistryService
from localdb.database import Database
from tests.ui.conftest import KNOWN
from ui.delete_operator_dialog import DeleteOperatorDialog
from ui.operator_dialog import OperatorDialog
from ui.operator_table_model import (
    DELETED_COLOR,
    FLAGS,
    IDENTIFIER,
    NAME,
    OPERATOR_ID_ROLE,
    PHONE,
    SUBJECT,
    OperatorTableModel,
)
from ui.registry_view import RegistryView


# -- helpers ------------------------------------------------------------------------------------------------------
@pytest.fixture
def view(qtbot: Any, registry: RegistryService, actor: Actor) -> RegistryView:
    widget = RegistryView(registry, lambda: actor)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def names(view: RegistryView) -> list[str]:
    model = view.model
    return [model.data(model.index(row, NAME)) for row in range(model.rowCount())]


def row_of_name(view: RegistryView, name: str) -> int:
    return names(view).index(name)


def select_name(view: RegistryView, name: str) -> str:
    row = row_of_name(view, name)
    view.table.setCurrentIndex(view.model.index(row, NAME))
    return view.model.operator_id(row)


def id_of(registry: RegistryService, name: str) -> str:
    hits = [r for r in registry.rows(registry.list_ids(OperatorFilter(include_deleted=True))) if r.name == name]
    assert len(hits) == 1, name
    return hits[0].id


def type_text(qtbot: Any, widget: QWidget, text: str) -> None:
    """Type like a user: Latin text key by key, Chinese text as an input-method commit (as a Chinese IME does).

    QTest only maps ASCII characters to keys (it asserts on anything else), and real Chinese input never arrives
    as key presses anyway.
    """
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_search(qtbot: Any, view: RegistryView, text: str, expected_rows: int | None = None) -> None:
    view.search_edit.clear()
    view.search_edit.setFocus()
    type_text(qtbot, view.search_edit, text)
    qtbot.waitUntil(lambda: not view._search_timer.isActive(), timeout=2000)
    if expected_rows is not None:
        qtbot.waitUntil(lambda: view.model.rowCount() == expected_rows, timeout=2000)


def open_editor(qtbot: Any, view: RegistryView, name: str) -> OperatorDialog:
    select_name(view, name)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(view.dialog, OperatorDialog), timeout=2000)
    return wait_active(qtbot, cast(OperatorDialog, view.dialog))


def wait_active(qtbot: Any, dialog: OperatorDialog) -> OperatorDialog:
    """Wait until the dialog is the active window, as it is on a desktop once it has appeared."""
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def set_text(qtbot: Any, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    type_text(qtbot, edit, text)


# -- the table model ----------------------------------------------------------------------------------------------
def test_table_model_passes_the_model_tester(qtmodeltester: Any, registry: RegistryService) -> None:
    model = OperatorTableModel(registry, page_size=7, max_cached_pages=3)
    model.show_all(OperatorFilter())
    qtmodeltester.check(model)
    model.sort(PHONE, Qt.SortOrder.DescendingOrder)
    model.set_ids(registry.list_ids(OperatorFilter(subject_type="enterprise")))
    model.sort(NAME, Qt.SortOrder.AscendingOrder)
    model.reload_row(model.operator_id(0))
    model.remove_id(model.operator_id(1))
    model.show_all(OperatorFilter(include_deleted=True))
    assert model.rowCount() > 40
    assert model.cached_pages() <= 3


def test_table_model_shows_flags_icons_and_ids(qtbot: Any, registry: RegistryService) -> None:
    model = OperatorTableModel(registry)
    model.show_all(OperatorFilter())
    flagged = model.row_of(id_of(registry, KNOWN.flagged_name))
    assert isinstance(model.data(model.index(flagged, IDENTIFIER), Qt.ItemDataRole.DecorationRole), QIcon)
    assert "reason" in model.data(model.index(flagged, IDENTIFIER), Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(flagged, NAME), OPERATOR_ID_ROLE) == id_of(registry, KNOWN.flagged_name)
    valid = model.row_of(id_of(registry, KNOWN.valid_name))
    assert model.data(model.index(valid, IDENTIFIER), Qt.ItemDataRole.DecorationRole) is None
    assert model.data(model.index(valid, FLAGS)) == "Abnormal"
    assert model.data(model.index(valid, SUBJECT)) == "Enterprise"  # no catalogue loaded: the English label
    assert not model.is_sortable(FLAGS)


class CountingRegistry(RegistryService):
    """A stand-in with 100,000 operators that only counts what the model asks for."""

    def __init__(self, n: int) -> None:
        self.all_ids = [f"op-{i:06d}" for i in range(n)]
        self.rows_calls = 0

    def list_ids(self, flt: OperatorFilter, sort: str = "name", descending: bool = False) -> list[str]:
        return list(reversed(self.all_ids)) if descending else list(self.all_ids)

    def rows(self, ids: Sequence[str]) -> list[OperatorRow]:
        self.rows_calls += 1
        return [
            OperatorRow(i, f"经营主体{i}", "none", "", "natural_person", "", "", "", "", False, False, 0, False, False)
            for i in ids
        ]


def test_model_stays_lazy_and_bounded_with_100k_rows(qtbot: Any) -> None:
    fake = CountingRegistry(100_000)
    model = OperatorTableModel(cast(RegistryService, fake))
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.resize(900, 500)
    started = time.perf_counter()
    model.show_all(OperatorFilter())
    table.show()
    qtbot.waitExposed(table)
    table.scrollToBottom()
    QApplication.processEvents()
    for row in range(0, 100_000, 5_000):  # jump around like a user dragging the scroll bar
        table.scrollTo(model.index(row, 0))
        QApplication.processEvents()
    elapsed = time.perf_counter() - started
    assert model.rowCount() == 100_000
    assert model.data(model.index(99_999, NAME)) == "经营主体op-099999"
    assert fake.rows_calls <= 60, "only the pages on screen are fetched"
    assert model.cached_pages() <= 40
    assert elapsed < 3.0
    model.sort(NAME, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, NAME)) == "经营主体op-099999"


# -- the screen ---------------------------------------------------------------------------------------------------
def test_registry_lists_everything_and_search_finds_the_match(
    qtbot: Any, view: RegistryView, registry: RegistryService
) -> None:
    total = registry.count()
    assert view.model.rowCount() == total >= 50
    assert view.filters.count_label.text() == f"{total} operators"
    type_search(qtbot, view, "翠湖测试", expected_rows=1)
    assert names(view) == [KNOWN.valid_name]
    assert view.filters.count_label.text() == "1 found"
    qtbot.waitUntil(
        lambda: view.detail_panel.detail is not None and view.detail_panel.detail.draft.name == KNOWN.valid_name
    )
    view.search_edit.setFocus()
    qtbot.keyClick(view.search_edit, Qt.Key.Key_Escape)
    assert view.search_edit.text() == ""
    assert view.model.rowCount() == total


def test_search_finds_an_identifier_typed_in_lower_case(qtbot: Any, view: RegistryView) -> None:
    type_search(qtbot, view, KNOWN.flagged_uscc.lower())
    qtbot.waitUntil(lambda: view.model.rowCount() >= 1)
    assert names(view)[0] == KNOWN.flagged_name


def test_filters_narrow_the_list(qtbot: Any, view: RegistryView, registry: RegistryService) -> None:
    total = view.model.rowCount()
    view.filters.subject_filter.setCurrentIndex(view.filters.subject_filter.findData("enterprise"))
    enterprises = view.model.rowCount()
    assert 0 < enterprises < total
    assert {r.subject_type for r in registry.rows(view.model.ids())} == {"enterprise"}
    view.filters.abnormal_filter.setChecked(True)
    assert names(view) == [KNOWN.valid_name]
    view.clear_filters()
    assert view.model.rowCount() == total
    view.filters.serious_filter.setChecked(True)
    assert names(view) == [KNOWN.serious_name]
    view.clear_filters()
    view.filters.platform_filter.setCurrentIndex(view.filters.platform_filter.findData("淘宝"))
    shown = view.model.ids()
    assert 0 < len(shown) < total
    for operator_id in shown:
        assert any(c.platform == "淘宝" for c in registry.detail(operator_id).carriers)
    view.filters.platform_filter.setCurrentIndex(0)
    view.filters.carrier_filter.setCurrentIndex(view.filters.carrier_filter.findData("shop"))
    assert 0 < view.model.rowCount() < total
    view.filters.credit_filter.setCurrentIndex(view.filters.credit_filter.findData("D"))
    assert {r.credit_class for r in registry.rows(view.model.ids())} <= {"D"}


def test_no_match_says_what_to_do(qtbot: Any, view: RegistryView) -> None:
    type_search(qtbot, view, "查无", expected_rows=0)
    assert view.list_stack.currentWidget() is not view.table
    assert "No operator matches" in view.empty_label.text()
    assert view.empty_clear_button.isVisible()
    view.empty_clear_button.click()
    assert view.model.rowCount() > 0
    assert view.list_stack.currentWidget() is view.table


def test_empty_register_says_how_to_start(qtbot: Any, empty_db: Database, empty_actor: Actor) -> None:
    widget = RegistryView(RegistryService(empty_db), lambda: empty_actor)
    qtbot.addWidget(widget)
    widget.show()
    assert "no operators yet" in widget.empty_label.text()
    assert widget.empty_add_button.isVisible()
    assert widget.filters.count_label.text() == "0 operators"
    assert not widget.edit_button.isEnabled()


def test_bad_identifier_is_shown_under_its_field_and_cancel_writes_nothing(
    qtbot: Any, view: RegistryView, registry: RegistryService
) -> None:
    operator_id = id_of(registry, KNOWN.valid_name)
    before = registry.detail(operator_id)
    dialog = open_editor(qtbot, view, KNOWN.valid_name)
    assert dialog.operator_id() == operator_id
    assert dialog.identifier_edit.text() == KNOWN.valid_uscc

    set_text(qtbot, dialog.identifier_edit, "12345")
    qtbot.keyClick(dialog.identifier_edit, Qt.Key.Key_Tab)  # editing finished: checked live
    message = dialog.finding_label("identifier")
    qtbot.waitUntil(message.isVisible)
    assert "18 characters" in message.text()
    assert "#c00000" in message.styleSheet()  # red: an error
    below = message.mapTo(dialog, QPoint(0, 0)).y() > dialog.identifier_edit.mapTo(dialog, QPoint(0, 0)).y()
    assert below and message.parentWidget() is dialog.identifier_edit.parentWidget()

    set_text(qtbot, dialog.name_edit, "")
    dialog.save_button.click()  # errors block saving
    assert dialog.isVisible()
    assert dialog.finding_label("name").isVisible()
    assert dialog.summary_label.isVisible()

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.dialog is None)
    assert registry.detail(operator_id) == before


def test_warning_identifier_is_saved_with_a_reason_and_shows_in_history(
    qtbot: Any, view: RegistryView, registry: RegistryService
) -> None:
    operator_id = id_of(registry, KNOWN.valid_name)
    dialog = open_editor(qtbot, view, KNOWN.valid_name)
    set_text(qtbot, dialog.identifier_edit, "91110000600037341N")
    dialog.save_button.click()
    warning = dialog.finding_label("identifier")
    assert warning.isVisible() and "#a85400" in warning.styleSheet()  # orange: only a warning
    assert "should be L" in warning.text()
    qtbot.waitUntil(lambda: dialog.reason_dialog is not None)
    reason_dialog = dialog.reason_dialog
    assert reason_dialog is not None
    assert not reason_dialog.ok_button.isEnabled()
    type_text(qtbot, reason_dialog.reason_edit, "执照原件如此")
    reason_dialog.ok_button.click()
    qtbot.waitUntil(lambda: view.dialog is None)

    detail = registry.detail(operator_id)
    assert detail.draft.identifier == "91110000600037341N"
    assert detail.identifier_override == "执照原件如此"
    qtbot.waitUntil(lambda: view.detail_panel.detail == detail)
    history = view.detail_panel.history
    rows = [[history.item(r, c).text() for c in range(history.columnCount())] for r in range(history.rowCount())]
    assert any(row[1] == "张伟" and row[5] == "执照原件如此" and "91110000600037341N" in row[4] for row in rows)
    assert any(row[3] == "Identifier" and f"{KNOWN.valid_uscc} \u2192 91110000600037341N" == row[4] for row in rows)
    model = view.model
    assert isinstance(
        model.data(model.index(model.row_of(operator_id), IDENTIFIER), Qt.ItemDataRole.DecorationRole), QIcon
    )


def test_add_with_keyboard_and_escape_closes_without_saving(
    qtbot: Any, view: RegistryView, registry: RegistryService
) -> None:
    total = registry.count()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(view.dialog, OperatorDialog))
    dialog = wait_active(qtbot, cast(OperatorDialog, view.dialog))
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.dialog is None)
    assert registry.count() == total

    view.add_operator()
    dialog = cast(OperatorDialog, view.dialog)
    type_text(qtbot, dialog.name_edit, "新开网店测试")
    dialog.save_button.click()
    assert dialog.finding_label("subject_type").isVisible()  # the subject type must be chosen
    dialog.subject_combo.setCurrentIndex(dialog.subject_combo.findData("natural_person"))
    dialog.subject_combo.activated.emit(dialog.subject_combo.currentIndex())
    assert dialog.identifier_type_combo.currentData() == "resident_id"  # follows the subject type
    dialog.identifier_type_combo.setCurrentIndex(dialog.identifier_type_combo.findData("none"))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: view.dialog is None)
    assert registry.count() == total + 1
    current = view.current_operator_id()
    assert current is not None and registry.detail(current).draft.name == "新开网店测试"


def test_keyboard_focuses_and_clears_the_search(qtbot: Any, view: RegistryView) -> None:
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search_edit.hasFocus()
    type_search(qtbot, view, "翠湖测试", expected_rows=1)
    qtbot.keyClick(view.search_edit, Qt.Key.Key_Return)  # Enter goes to the list
    assert view.table.hasFocus()
    assert view.current_operator_id() is not None
    qtbot.keyClick(view.table, Qt.Key.Key_Escape)
    assert view.search_edit.text() == ""
    assert view.model.rowCount() > 1


def test_soft_delete_asks_for_a_reason(qtbot: Any, view: RegistryView, registry: RegistryService) -> None:
    total = view.model.rowCount()
    operator_id = select_name(view, KNOWN.coop_name)
    view.delete_button.click()
    dialog = view.dialog
    assert isinstance(dialog, DeleteOperatorDialog)
    assert not dialog.delete_button.isEnabled()  # a reason is required
    type_text(qtbot, dialog.reason_edit, "重复录入")
    dialog.delete_button.click()
    qtbot.waitUntil(lambda: view.dialog is None)

    assert view.model.rowCount() == total - 1
    assert view.model.row_of(operator_id) == -1
    detail = registry.detail(operator_id)
    assert detail.deleted_reason == "重复录入"
    assert detail.history[0].action == "delete" and detail.history[0].officer_name == "张伟"

    view.filters.deleted_filter.setChecked(True)  # still there, greyed, for its history
    row = view.model.row_of(operator_id)
    assert row >= 0
    assert view.model.data(view.model.index(row, NAME), Qt.ItemDataRole.ForegroundRole) == DELETED_COLOR
    view.table.setCurrentIndex(view.model.index(row, NAME))
    assert not view.edit_button.isEnabled() and not view.delete_button.isEnabled()


def test_sorting_by_clicking_headers(qtbot: Any, view: RegistryView, registry: RegistryService) -> None:
    header = view.table.horizontalHeader()

    def click(column: int) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))

    assert view.model.ids() == registry.list_ids(OperatorFilter(), sort="name")
    click(PHONE)
    assert view.model.ids() == registry.list_ids(OperatorFilter(), sort="phone")
    assert header.sortIndicatorSection() == PHONE
    click(PHONE)
    assert view.model.ids() == registry.list_ids(OperatorFilter(), sort="phone", descending=True)
    before = view.model.ids()
    click(FLAGS)  # not sortable: nothing changes, the indicator stays
    assert view.model.ids() == before
    assert header.sortIndicatorSection() == PHONE
