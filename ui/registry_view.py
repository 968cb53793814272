"""The registry screen (经营主体台账): search, filters, the lazy operator table, a detail panel, add/edit/delete.

Thin: every read and write is a :class:`RegistryService` call; the view only keeps the state of the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import NotFound, ValidationFailed
from app.records import Actor, OperatorDetail, OperatorFilter
from app.services.registry import SEARCH_LIMIT, RegistryService
from app.vocab import PLATFORMS, CarrierKind, CreditClass, SubjectType
from ui.ledger_export_dialog import LedgerExportDialog, save_template
from ui.ledger_import_wizard import LedgerImportWizard, LedgerServices, explain_failure
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
    OperatorTableModel,
)
from ui.progress import run_with_progress
from ui.ui_text import (
    action_label,
    field_label,
    field_value,
    format_date,
    format_time,
    known_failure_text,
    label,
    translate_finding,
)

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
}


class DeleteOperatorDialog(QDialog):
    """Confirms a soft delete and asks for its reason (required; it goes into the change history)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Delete operator"))
        question = QLabel(
            self.tr(
                "Delete \u201c{name}\u201d from the register? The record is kept in the change history and can "
                "still be shown with \u201cShow deleted\u201d."
            ).format(name=name),
            self,
        )
        question.setWordWrap(True)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText(self.tr("For example: business closed, entered twice"))
        self.buttons = QDialogButtonBox(self)
        self.delete_button = self.buttons.addButton(self.tr("Delete"), QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setDefault(True)
        self.delete_button.setEnabled(False)
        self.reason_edit.textChanged.connect(lambda text: self.delete_button.setEnabled(bool(text.strip())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(QLabel(self.tr("Reason for deletion (required):"), self))
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())

    def reason(self) -> str:
        return self.reason_edit.text().strip()


class OperatorDetailPanel(QStackedWidget):
    """Everything about the current operator: basic information, carriers, licences and the change history."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = QLabel(self.tr("Select an operator in the list to see its details."), self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.basic = QWidget()
        basic_columns = QHBoxLayout(self.basic)
        self.basic_forms = (QFormLayout(), QFormLayout())
        for form in self.basic_forms:
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            basic_columns.addLayout(form, 1)
        basic_scroll = QScrollArea(self)
        basic_scroll.setWidgetResizable(True)
        basic_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        basic_scroll.setWidget(self.basic)
        self.carriers = self._table(
            [
                self.tr("Kind"),
                self.tr("Platform"),
                self.tr("Shop name"),
                self.tr("Shop ID"),
                self.tr("Web address"),
                self.tr("ICP filing"),
                self.tr("Licence display"),
                self.tr("First seen"),
                self.tr("Last verified"),
                self.tr("Status"),
            ]
        )
        self.licenses = self._table(
            [self.tr("Kind"), self.tr("Number"), self.tr("Issued by"), self.tr("Valid from"), self.tr("Valid until")]
        )
        self.history = self._table(
            [
                self.tr("Time"),
                self.tr("Officer"),
                self.tr("Action"),
                self.tr("Field"),
                self.tr("Before \u2192 after"),
                self.tr("Reason"),
            ]
        )
        self.tabs.addTab(basic_scroll, self.tr("Basic information"))
        self.tabs.addTab(self.carriers, self.tr("Carriers"))
        self.tabs.addTab(self.licenses, self.tr("Licences"))
        self.tabs.addTab(self.history, self.tr("Change history"))
        self.addWidget(self.placeholder)
        self.addWidget(self.tabs)
        self.detail: OperatorDetail | None = None

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        return table

    def show_operator(self, detail: OperatorDetail | None) -> None:
        self.detail = detail
        if detail is None:
            self.setCurrentWidget(self.placeholder)
            return
        self._fill_basic(detail)
        self._fill(
            self.carriers,
            [
                [
                    label(c.kind),
                    c.platform,
                    c.shop_name,
                    c.shop_id,
                    c.url,
                    c.icp_filing,
                    label(c.license_display),
                    format_date(c.first_seen),
                    format_date(c.last_verified),
                    c.status,
                ]
                for c in detail.carriers
            ],
        )
        self._fill(
            self.licenses,
            [
                [lic.kind, lic.number, lic.issuer, format_date(lic.valid_from), format_date(lic.valid_until)]
                for lic in detail.licenses
            ],
        )
        self._fill(
            self.history,
            [
                [
                    format_time(entry.at),
                    entry.officer_name,
                    action_label(entry.action),
                    field_label(entry.field) if entry.field else "",
                    self._change_text(entry.field, entry.before, entry.after),
                    entry.reason or "",
                ]
                for entry in detail.history
            ],
        )
        self.tabs.setTabText(1, self.tr("Carriers ({count})").format(count=len(detail.carriers)))
        self.tabs.setTabText(2, self.tr("Licences ({count})").format(count=len(detail.licenses)))
        self.tabs.setTabText(3, self.tr("Change history ({count})").format(count=len(detail.history)))
        self.setCurrentWidget(self.tabs)

    def _change_text(self, field: str | None, before: str | None, after: str | None) -> str:
        name = field or ""
        old, new = field_value(name, before), field_value(name, after)
        if before is None:
            return new
        if after is None:
            return old
        return self.tr("{before} \u2192 {after}").format(
            before=old or self.tr("(empty)"), after=new or self.tr("(empty)")
        )

    def _fill_basic(self, detail: OperatorDetail) -> None:
        """Two columns: who the operator is on the left; where, its listings and notes on the right."""
        for form in self.basic_forms:
            while form.rowCount():
                form.removeRow(0)
        d = detail.draft
        yes, no = self.tr("Yes"), self.tr("No")
        left: list[tuple[str, str]] = [
            ("name", d.name),
            ("subject_type", label(d.subject_type)),
            ("identifier_type", label(d.identifier_type)),
            ("identifier", d.identifier),
            ("legal_representative", d.legal_representative),
            ("phone", d.phone),
            ("registration_status", d.registration_status),
            ("registering_authority", d.registering_authority),
            ("founded_on", format_date(d.founded_on)),
            ("credit_class", label(d.credit_class) if d.credit_class else self.tr("Not classified")),
        ]
        right: list[tuple[str, str]] = [
            ("registered_address", d.registered_address),
            ("business_address", d.business_address),
            ("abnormal_listed", yes if d.abnormal_listed else no),
        ]
        if d.abnormal_listed:
            right += [("abnormal_reason", d.abnormal_reason), ("abnormal_date", format_date(d.abnormal_date))]
        right.append(("serious_violation", yes if d.serious_violation else no))
        if d.serious_violation:
            right += [
                ("serious_violation_reason", d.serious_violation_reason),
                ("serious_violation_date", format_date(d.serious_violation_date)),
            ]
        right += [("business_scope", d.business_scope), ("notes", d.notes)]
        for form, rows in zip(self.basic_forms, (left, right), strict=True):
            for field, value in rows:
                self._basic_row(form, field_label(field), value)
        if detail.identifier_override:
            self._basic_row(
                self.basic_forms[0], self.tr("Code saved despite warning"), detail.identifier_override, warn=True
            )
        if detail.deleted_reason:
            self._basic_row(self.basic_forms[0], field_label("deleted_reason"), detail.deleted_reason, warn=True)

    def _basic_row(self, form: QFormLayout, caption: str, value: str, *, warn: bool = False) -> None:
        text = QLabel(value, self.basic)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if warn:
            text.setStyleSheet("color: #a85400;")
        form.addRow(QLabel(caption, self.basic), text)

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                table.setItem(r, c, item)
        table.resizeColumnsToContents()


class RegistryView(QWidget):
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

        self.subject_filter = QComboBox(self)
        self.subject_filter.addItem(self.tr("All subject types"), "")
        for subject in SubjectType:
            self.subject_filter.addItem(label(subject), subject.value)
        self.carrier_filter = QComboBox(self)
        self.carrier_filter.addItem(self.tr("All carrier kinds"), "")
        for kind in CarrierKind:
            self.carrier_filter.addItem(label(kind), kind.value)
        self.platform_filter = QComboBox(self)
        self.platform_filter.addItem(self.tr("All platforms"), "")
        for platform in PLATFORMS:
            self.platform_filter.addItem(platform, platform)
        self.credit_filter = QComboBox(self)
        self.credit_filter.addItem(self.tr("All credit classes"), "")
        for credit in CreditClass:
            self.credit_filter.addItem(label(credit), credit.value)
        self.abnormal_filter = QCheckBox(self.tr("Abnormal operation only"), self)
        self.serious_filter = QCheckBox(self.tr("Serious violation only"), self)
        self.deleted_filter = QCheckBox(self.tr("Show deleted"), self)
        self.deleted_filter.setToolTip(self.tr("Also list deleted operators (greyed out), to look up their history."))
        self.clear_filters_button = QPushButton(self.tr("Clear filters"), self)

        self.count_label = QLabel(self)
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
        filters = QHBoxLayout()
        for widget in (
            self.subject_filter,
            self.carrier_filter,
            self.platform_filter,
            self.credit_filter,
            self.abnormal_filter,
            self.serious_filter,
            self.deleted_filter,
            self.clear_filters_button,
        ):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.list_stack)
        splitter.addWidget(self.detail_panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(DETAIL_DELAY_MS)

    def _build_ledger_buttons(self, row: QHBoxLayout) -> None:
        """导入 (with 撤销上次导入 in its menu), 导出 and 下载导入模板."""
        self.import_button = QToolButton(self)
        self.import_button.setText(self.tr("Import\u2026"))
        self.import_button.setToolTip(self.tr("Import operators and carriers from an Excel or CSV ledger"))
        self.import_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.import_menu = QMenu(self.import_button)
        self.undo_import_action = self.import_menu.addAction(self.tr("Undo last import\u2026"))
        self.import_button.setMenu(self.import_menu)
        self.export_button = QPushButton(self.tr("Export\u2026"), self)
        self.export_button.setToolTip(self.tr("Export the register as an Excel ledger"))
        self.template_button = QPushButton(self.tr("Download import template\u2026"), self)
        for button in (self.import_button, self.export_button, self.template_button):
            row.addWidget(button)
            button.setVisible(self._ledger is not None)
        self.import_button.clicked.connect(self.open_import_wizard)
        self.undo_import_action.triggered.connect(self.undo_last_import)
        self.export_button.clicked.connect(self.open_export_dialog)
        self.template_button.clicked.connect(self.download_template)

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
        for combo in (self.subject_filter, self.carrier_filter, self.platform_filter, self.credit_filter):
            combo.currentIndexChanged.connect(lambda _index: self.reload())
        for box in (self.abnormal_filter, self.serious_filter, self.deleted_filter):
            box.toggled.connect(lambda _checked: self.reload())
        self.clear_filters_button.clicked.connect(self.clear_filters)
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
        return OperatorFilter(
            subject_type=str(self.subject_filter.currentData() or "") or None,
            carrier_kind=str(self.carrier_filter.currentData() or "") or None,
            platform=str(self.platform_filter.currentData() or "") or None,
            credit_class=str(self.credit_filter.currentData() or "") or None,
            abnormal_only=self.abnormal_filter.isChecked(),
            serious_violation_only=self.serious_filter.isChecked(),
            include_deleted=self.deleted_filter.isChecked(),
        )

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
        widgets: list[QWidget] = [
            self.subject_filter,
            self.carrier_filter,
            self.platform_filter,
            self.credit_filter,
            self.abnormal_filter,
            self.serious_filter,
            self.deleted_filter,
        ]
        for widget in widgets:
            widget.blockSignals(True)
        try:
            for combo in (self.subject_filter, self.carrier_filter, self.platform_filter, self.credit_filter):
                combo.setCurrentIndex(0)
            for box in (self.abnormal_filter, self.serious_filter, self.deleted_filter):
                box.setChecked(False)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
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

    # -- ledgers -------------------------------------------------------------------------------------------------
    def open_import_wizard(self) -> None:
        if self._ledger is None or self.dialog is not None:
            return
        wizard = LedgerImportWizard(self._ledger.importer, self._actor, self)
        wizard.finished.connect(lambda _result: self._after_import(wizard))
        self._show_dialog(wizard)

    def _after_import(self, wizard: LedgerImportWizard) -> None:
        if wizard.changed_register:
            self.reload()

    def open_export_dialog(self) -> None:
        if self._ledger is None or self.dialog is not None:
            return
        self._show_dialog(LedgerExportDialog(self._ledger.exporter, self._actor, self))

    def download_template(self) -> None:
        if self._ledger is not None:
            save_template(self._ledger.exporter, self)

    def undo_last_import(self) -> None:
        """Ask, then revert the newest import not yet undone."""
        if self._ledger is None or self.dialog is not None:
            return
        last = self._ledger.importer.last_import()
        if last is None:
            self._message(self.tr("Nothing to undo"), self.tr("There is no import that can still be undone."))
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Undo last import"),
            self.tr(
                "Undo the import of {file} (sheet {sheet}) made on {time} by {officer}? Its {new} new operators are "
                "removed and its changes to {changed} operators are reverted."
            ).format(
                file=last.file_name,
                sheet=last.sheet,
                time=last.committed_at,
                officer=last.officer_name,
                new=last.new,
                changed=last.changed,
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.buttonClicked.connect(
            lambda button: self._undo_import() if box.standardButton(button) == QMessageBox.StandardButton.Yes else None
        )
        self._show_dialog(box)

    def _undo_import(self) -> None:
        assert self._ledger is not None
        importer = self._ledger.importer
        try:
            result = run_with_progress(
                self, self.tr("Undoing the import\u2026"), lambda p: importer.undo_last(self._actor(), p)
            )
        except Exception as exc:
            explain_failure(self, exc)
            return
        if result is not None:
            self.reload()
            self._message(
                self.tr("Import undone"),
                self.tr("The import of {file} was undone: the register is as it was before.").format(
                    file=result.file_name
                ),
            )

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
        if self.deleted_filter.isChecked():
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
        self.count_label.setText(text.format(count=count))
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
