"""The registry screen (经营主体台账): search, filters (ui/registry_filters.py), the lazy operator table, a detail
panel (ui/operator_detail_panel.py), add/edit/delete, and the Excel ledger buttons (ui/registry_ledger.py).

Thin: every read and write is a :class:`RegistryService` call; the view only keeps the state of the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import NotFound, ValidationFailed
from app.records import Actor, OperatorFilter
from app.services.registry import SEARCH_LIMIT, RegistryService
from ui.delete_operator_dialog import DeleteOperatorDialog
from ui.ledger_services import LedgerServices
from ui.operator_detail_panel import OperatorDetailPanel
from ui.operator_dialog import OperatorDialog
from ui.operator_table_model import (
    ADDRESS,
    CARRIERS,
    CREDIT,
    FLAGS,
    ID_TYPE,
    IDENTIFIER,
    LEGAL_REP,
    NAME,
    PHONE,
    SUBJECT,
    SYNC,
    OperatorTableModel,
)
from ui.registry_filters import RegistryFilterBar
from ui.registry_ledger import RegistryLedgerActions
from ui.sync_column import WIDTH as SYNC_WIDTH
from ui.ui_text import known_failure_text, translate_finding

SEARCH_DEBOUNCE_MS: Final = 250
DETAIL_DELAY_MS: Final = 60
"""Holding an arrow key down moves through many rows; the detail panel reads only where the user stops."""

COLUMN_WIDTHS: Final = {
    NAME: 240,
    SUBJECT: 90,
    ID_TYPE: 135,
    IDENTIFIER: 170,
    LEGAL_REP: 125,
    PHONE: 120,
    ADDRESS: 240,
    CREDIT: 110,
    FLAGS: 110,
    CARRIERS: 60,
    SYNC: SYNC_WIDTH,
}


class RegistryView(RegistryLedgerActions):
    """The registry screen. ``actor`` names the officer doing a change (asked when the change is saved)."""

    operator_saved = Signal(str)
    operator_deleted = Signal(str)

    def __init__(
        self,
        registry: RegistryService,
        actor: Callable[[], Actor],
        parent: QWidget | None = None,
        *,
        ledger: LedgerServices | None = None,
    ) -> None:
        super().__init__(parent)
        self._registry = registry
        self._actor = actor
        self._ledger = ledger
        """Import and export of Excel ledgers; without it (tests, the self-test) their buttons are hidden."""
        self.model = OperatorTableModel(registry, self)
        self.dialog: QDialog | None = None
        """The add/edit or delete dialog while one is open (non-blocking, so the event loop keeps running)."""
        self._last_hit_limit = False
        self._build()
        self._build_actions()
        self._connect()
        self.reload()

    # -- building ------------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(
            self.tr("Name, licence number, phone, shop name, web address, pinyin initials…")
        )
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setToolTip(self.tr("Ctrl+F: search. Esc: clear the search. Enter or \u2193: go to the list."))
        self.search_edit.installEventFilter(self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)

        self.filters = RegistryFilterBar(self)

        self.new_button = QPushButton(self.tr("Add"), self)
        self.edit_button = QPushButton(self.tr("Edit"), self)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.new_button.setToolTip(self.tr("Add an operator (Ctrl+N)"))
        self.edit_button.setToolTip(self.tr("Edit the selected operator (Enter or double-click)"))
        self.delete_button.setToolTip(self.tr("Delete the selected operator; a reason is required"))

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setCornerButtonEnabled(False)
        vertical = self.table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setHighlightSections(False)
        for column, width in COLUMN_WIDTHS.items():
            self.table.setColumnWidth(column, width)
        header.moveSection(header.visualIndex(SYNC), NAME + 1)  # the model adds it last; officers look next to the name
        self._sync_sort_indicator()

        self.empty_label = QLabel(self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        font = self.empty_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.empty_label.setFont(font)
        self.empty_add_button = QPushButton(self.tr("Add"), self)
        self.empty_clear_button = QPushButton(self.tr("Clear search and filters"), self)
        empty_page = QWidget(self)
        empty_layout = QVBoxLayout(empty_page)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_label)
        empty_buttons = QHBoxLayout()
        empty_buttons.addStretch(1)
        empty_buttons.addWidget(self.empty_add_button)
        empty_buttons.addWidget(self.empty_clear_button)
        empty_buttons.addStretch(1)
        empty_layout.addLayout(empty_buttons)
        empty_layout.addStretch(2)
        self.list_stack = QStackedWidget(self)
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(empty_page)
        self._empty_page = empty_page

        self.detail_panel = OperatorDetailPanel(self)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Search:"), self))
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.edit_button)
        top.addWidget(self.delete_button)
        self._build_ledger_buttons(top)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.list_stack)
        splitter.addWidget(self.detail_panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(splitter, 1)

        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(DETAIL_DELAY_MS)

    def _build_actions(self) -> None:
        def action(text: str, keys: QKeySequence | QKeySequence.StandardKey, slot: Callable[[], None]) -> QAction:
            act = QAction(text, self)
            act.setShortcut(keys)
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.find_action = action(self.tr("Search"), QKeySequence.StandardKey.Find, self.focus_search)
        self.new_action = action(self.tr("Add operator"), QKeySequence.StandardKey.New, self.add_operator)
        self.edit_action = action(self.tr("Edit operator"), QKeySequence(), self.edit_current)
        self.delete_action = action(self.tr("Delete operator"), QKeySequence(), self.delete_current)
        self.clear_action = action(self.tr("Clear search"), QKeySequence(Qt.Key.Key_Escape), self.clear_search)
        # Delete in the table deletes (after the reason dialog); Enter opens the editor (QTableView.activated).
        self.table_delete_action = QAction(self)
        self.table_delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.table_delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table_delete_action.triggered.connect(self.delete_current)
        self.table.addAction(self.table_delete_action)

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_edit.returnPressed.connect(self._search_now_and_go_to_list)
        self._search_timer.timeout.connect(self.reload)
        self.filters.changed.connect(lambda: self.reload())
        self.filters.clear_filters_button.clicked.connect(self.clear_filters)
        self.new_button.clicked.connect(self.add_operator)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.empty_add_button.clicked.connect(self.add_operator)
        self.empty_clear_button.clicked.connect(self.clear_search_and_filters)
        self.table.activated.connect(lambda _index: self.edit_current())
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._on_sort_clicked)
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(lambda _current, _previous: self._on_current_changed())
        self._detail_timer.timeout.connect(self._load_detail)

    # -- public --------------------------------------------------------------------------------------------------
    def current_filter(self) -> OperatorFilter:
        return self.filters.current_filter()

    def current_operator_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.operator_id(index.row())

    def reload(self, select_id: str | None = None) -> None:
        """Re-run the search (or the full list) with the current filters; keeps or moves the selection."""
        self._search_timer.stop()
        keep = select_id or self.current_operator_id()
        flt = self.current_filter()
        query = self.search_edit.text().strip()
        if query:
            ids = self._registry.search_ids(query, flt, limit=SEARCH_LIMIT)
            self.model.set_ids(ids, flt)
            self._last_hit_limit = len(ids) >= SEARCH_LIMIT
        else:
            self.model.show_all(flt)
            self._last_hit_limit = False
        self._sync_sort_indicator()
        self._update_count_and_empty_state()
        self._select(keep)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def clear_search(self) -> None:
        if self.search_edit.text():
            self.search_edit.clear()
            self.reload()
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def clear_filters(self) -> None:
        self.filters.clear()
        self.reload()

    def clear_search_and_filters(self) -> None:
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self.clear_filters()

    def add_operator(self) -> None:
        if self.dialog is not None:
            self.dialog.raise_()
            return
        self._open_editor(None)

    def edit_current(self) -> None:
        operator_id = self.current_operator_id()
        if operator_id is None or self.dialog is not None:
            return
        row = self.model.record(self.table.currentIndex().row())
        if row is None or row.deleted:
            return
        self._open_editor(operator_id)

    def delete_current(self) -> None:
        operator_id = self.current_operator_id()
        if operator_id is None or self.dialog is not None:
            return
        row = self.model.record(self.table.currentIndex().row())
        if row is None or row.deleted:
            return
        dialog = DeleteOperatorDialog(row.name, self)
        dialog.accepted.connect(lambda: self._delete(operator_id, dialog.reason()))
        self._show_dialog(dialog)

    # -- events --------------------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and self.model.rowCount() > 0:
                self._search_now_and_go_to_list()
                return True
        return super().eventFilter(watched, event)

    # -- internals -----------------------------------------------------------------------------------------------
    def _search_now_and_go_to_list(self) -> None:
        if self._search_timer.isActive():
            self.reload()
        if self.model.rowCount() == 0:
            return
        if not self.table.currentIndex().isValid():
            self._select_row(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_editor(self, operator_id: str | None) -> None:
        try:
            dialog = OperatorDialog(self._registry, self._actor, operator_id, self)
        except NotFound:
            self._gone()
            return
        dialog.saved.connect(lambda saved_id: self._after_save(saved_id, created=operator_id is None))
        self._show_dialog(dialog)

    def _show_dialog(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self, _result: int) -> None:
        self.dialog = None
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _after_save(self, operator_id: str, *, created: bool) -> None:
        if created:
            self.reload(select_id=operator_id)
            if self.model.row_of(operator_id) < 0:  # hidden by the search or a filter: show it anyway
                self.clear_search_and_filters()
                self._select(operator_id)
        else:
            self.model.reload_row(operator_id)
            self._load_detail()
        self.operator_saved.emit(operator_id)

    def _delete(self, operator_id: str, reason: str) -> None:
        try:
            self._registry.delete(operator_id, self._actor(), reason)
        except ValidationFailed as exc:
            self._message(self.tr("Not deleted"), "\n".join(translate_finding(f) for f in exc.findings))
            return
        except NotFound:
            self._gone()
            return
        except Exception as exc:  # a storage failure: nothing was deleted
            text = known_failure_text(exc)
            if text is None:
                raise
            self._message(self.tr("Not deleted"), text)
            return
        row = self.model.row_of(operator_id)
        if self.filters.deleted_filter.isChecked():
            self.model.reload_row(operator_id)
            self._load_detail()
        else:
            self.model.remove_id(operator_id)
            self._update_count_and_empty_state()
            if self.model.rowCount():
                self._select_row(min(row, self.model.rowCount() - 1))
            else:
                self.detail_panel.show_operator(None)
        self.operator_deleted.emit(operator_id)

    def _gone(self) -> None:
        self._message(
            self.tr("Operator not found"),
            self.tr(
                "This operator no longer exists (it may have been deleted in another window). The list is reloaded."
            ),
        )
        self.reload()

    def _message(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _on_sort_clicked(self, column: int, order: Qt.SortOrder) -> None:
        if not self.model.is_sortable(column):
            self._sync_sort_indicator()  # put the indicator back where the list really is sorted
            return
        keep = self.current_operator_id()
        self.model.sort(column, order)
        self._select(keep)

    def _sync_sort_indicator(self) -> None:
        header = self.table.horizontalHeader()
        column, order = self.model.sort_state()
        header.blockSignals(True)
        header.setSortIndicator(-1 if column is None else column, order)
        header.blockSignals(False)

    def _update_count_and_empty_state(self) -> None:
        count = self.model.rowCount()
        searching = self.model.is_searching()
        if searching and self._last_hit_limit:
            text = self.tr("At least {count} found; only the first {count} are shown. Type more to narrow it down.")
        elif searching:
            text = self.tr("{count} found")
        else:
            text = self.tr("{count} operators")
        self.filters.count_label.setText(text.format(count=count))
        self.detail_panel.setVisible(count > 0)  # nothing to select: the empty-state message has the room
        if count:
            self.list_stack.setCurrentWidget(self.table)
            return
        if not searching and self.current_filter() == OperatorFilter() and self._registry.count() == 0:
            self.empty_label.setText(
                self.tr(
                    "The register has no operators yet. Click \u201cAdd\u201d to add one, or \u201cImport\u201d "
                    "to bring them in from an Excel ledger."
                )
            )
            self.empty_add_button.show()
            self.empty_clear_button.hide()
        else:
            self.empty_label.setText(self.tr("No operator matches. Check what you typed, or remove some filters."))
            self.empty_add_button.hide()
            self.empty_clear_button.show()
        self.list_stack.setCurrentWidget(self._empty_page)
        self.detail_panel.show_operator(None)

    def _select(self, operator_id: str | None) -> None:
        row = self.model.row_of(operator_id) if operator_id else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self._select_row(row)
        else:
            self._on_current_changed()

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)
        self._on_current_changed()

    def _on_current_changed(self) -> None:
        row = self.model.record(self.table.currentIndex().row()) if self.table.currentIndex().isValid() else None
        usable = row is not None and not row.deleted
        self.edit_button.setEnabled(usable)
        self.delete_button.setEnabled(usable)
        self.edit_action.setEnabled(usable)
        self.delete_action.setEnabled(usable)
        self.table_delete_action.setEnabled(usable)
        self._detail_timer.start()

    def _load_detail(self) -> None:
        self._detail_timer.stop()
        operator_id = self.current_operator_id()
        if operator_id is None:
            self.detail_panel.show_operator(None)
            return
        try:
            detail = self._registry.detail(operator_id)
        except NotFound:
            self.detail_panel.show_operator(None)
            return
        self.detail_panel.show_operator(detail)

    def current_index(self) -> QModelIndex:
        return self.table.currentIndex()
