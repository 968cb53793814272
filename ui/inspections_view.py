"""The 检查 page: the list of inspection records with filters and 新建检查 (ui/new_inspection_dialog.py), the
双随机 tasks with their draw (ui/tasks_page.py), and the record editor (ui/inspection_editor.py) opened in place.
The inspection figures of the 工作台 are in ui/inspection_dashboard.py.

Thin: every read and write is a service call (app/inspections); the widgets only keep the state of the screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import NotFound
from app.inspections.data import InspectionFilter, InspectionRow
from app.records import Actor
from app.sync_status import SyncStatus
from ui.conflicts_view import ConflictsPage
from ui.inspection_common import current_record, make_table, select_row
from ui.inspection_editor import InspectionEditor
from ui.inspection_models import InspectionServices, InspectionTableModel
from ui.ledger_export_dialog import LedgerExportDialog
from ui.new_inspection_dialog import NewInspectionDialog
from ui.operator_dialog import NOTE_COLOR
from ui.sync_column import WIDTH as SYNC_WIDTH
from ui.tasks_page import TasksPage


# --- the records list ---------------------------------------------------------------------------------------------
class RecordsPage(QWidget):
    """The list of inspection records: drafts first in mind, filters, new and open."""

    open_requested = Signal(str)
    new_requested = Signal()

    def __init__(self, services: InspectionServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._svc = services
        self.model = InspectionTableModel(self)
        self._all: list[InspectionRow] = []
        self._sync: dict[str, SyncStatus | None] = {}
        """The sync column of every record of ``_all`` (read with the list, kept while the text filter narrows it)."""
        self._build()
        self.reload()

    def _build(self) -> None:
        self.new_button = QPushButton(self.tr("New inspection…"), self)
        self.new_button.setToolTip(self.tr("Start an inspection record (Ctrl+N)"))
        self.open_button = QPushButton(self.tr("Open"), self)
        self.state_filter = QComboBox(self)
        self.state_filter.addItem(self.tr("All records"), "")
        self.state_filter.addItem(self.tr("Drafts"), "draft")
        self.state_filter.addItem(self.tr("Finalized"), "finalized")
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Filter by operator, identifier, officer or task"))
        self.filter_edit.setClearButtonEnabled(True)
        self.discarded_filter = QCheckBox(self.tr("Show discarded drafts"), self)
        self.count_label = QLabel(self)
        self.table = make_table(self, self.model)
        for column, width in enumerate((150, SYNC_WIDTH, 230, 160, 200, 110, 110, 130, 150, 220)):
            self.table.setColumnWidth(column, width)
        self.empty_label = QLabel(
            self.tr("No inspection records yet. Click \u201cNew inspection\u201d to start one."), self
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet(f"color: {NOTE_COLOR}; font-size: 12pt;")
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addWidget(self.open_button)
        top.addSpacing(16)
        top.addWidget(self.state_filter)
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.discarded_filter)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)  # takes the space of the hidden table, so the toolbar stays on top
        self.new_button.clicked.connect(self.new_requested.emit)
        self.open_button.clicked.connect(self._open_current)
        self.table.activated.connect(lambda _i: self._open_current())
        self.state_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.discarded_filter.toggled.connect(lambda _on: self.reload())
        self.filter_edit.textChanged.connect(lambda _t: self._apply_text_filter())

    def reload(self, select_id: str | None = None) -> None:
        record = current_record(self.table)
        keep = select_id or (record.id if isinstance(record, InspectionRow) else None)
        state = str(self.state_filter.currentData() or "") or None
        self._all = self._svc.inspections.rows(
            InspectionFilter(state=state, include_discarded=self.discarded_filter.isChecked())
        )
        self._sync = dict(self._svc.sync.inspections(r.id for r in self._all))
        self._apply_text_filter(keep)

    def _apply_text_filter(self, keep: str | None = None) -> None:
        words = self.filter_edit.text().split()

        def matches(row: InspectionRow) -> bool:
            text = " ".join(
                [row.subject_name, row.subject_identifier, row.carrier_summary, row.task_number, *row.officer_names]
            ).lower()
            return all(word.lower() in text for word in words)

        rows = [r for r in self._all if matches(r)]
        self.model.set_rows(rows, self._sync)
        self.count_label.setText(self.tr("{count} records").format(count=len(rows)))
        self.empty_label.setVisible(not self._all)
        self.table.setVisible(bool(self._all))
        row = self.model.row_of(keep) if keep else -1
        select_row(self.table, row if row >= 0 else 0)
        self.open_button.setEnabled(bool(rows))

    def _open_current(self) -> None:
        record = current_record(self.table)
        if isinstance(record, InspectionRow):
            self.open_requested.emit(record.id)


# --- the page -----------------------------------------------------------------------------------------------------
class InspectionsView(QWidget):
    """The 检查 page: records and tasks in tabs; a record opens in the editor in place of the list."""

    records_changed = Signal()

    def __init__(self, services: InspectionServices, actor: Callable[[], Actor], parent: QWidget | None = None):
        super().__init__(parent)
        self._svc = services
        self._actor = actor
        self.dialog: QDialog | None = None
        self.editor: InspectionEditor | None = None
        self._stale = False
        self.records = RecordsPage(services, self)
        self.tasks = TasksPage(services, actor, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.records, self.tr("Inspection records"))
        self.tabs.addTab(self.tasks, self.tr("Random inspection tasks"))
        self.conflicts = ConflictsPage(services, actor, self)
        self.tabs.addTab(self.conflicts, self.tr("Conflicts of interest"))
        self.export_button = QPushButton(self.tr("Export ledger\u2026"), self.tabs)
        self.export_button.setToolTip(
            self.tr("Export inspection records, published results, the draw record or the monthly report to Excel")
        )
        self.export_button.clicked.connect(self.open_export_dialog)
        self.tabs.setCornerWidget(self.export_button)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.tabs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.records.open_requested.connect(self.open_record)
        self.records.new_requested.connect(self.new_inspection)
        self.tasks.open_inspection.connect(self.open_record)
        self.tasks.start_inspection.connect(lambda task_id, target_id: self.new_inspection((task_id, target_id)))
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.New), self.tabs)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.new_inspection)

    def new_inspection(self, task_target: tuple[str, str] | None = None) -> None:
        if self.dialog is not None:
            self.dialog.raise_()
            return
        dialog = NewInspectionDialog(self._svc, self._actor, self, task_target=task_target)
        dialog.created.connect(self._created)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()

    def open_export_dialog(self) -> None:
        """导出台账, with the inspection records preselected (the draw record from the tasks tab)."""
        if self.dialog is not None:
            self.dialog.raise_()
            return
        kind = "draw" if self.tabs.currentWidget() is self.tasks else "inspections"
        dialog = LedgerExportDialog(self._svc.exports, self._actor, self, kind=kind)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _created(self, inspection_id: str) -> None:
        self.records.reload(inspection_id)
        self.tasks.reload()
        self.records_changed.emit()
        self.open_record(inspection_id)

    def open_record(self, inspection_id: str) -> None:
        """Show the record in the editor (replacing any record open before; its pending edits are saved)."""
        if self.editor is not None:
            self.editor.flush()
        try:
            editor = InspectionEditor(self._svc, self._actor, inspection_id, self)
        except NotFound:
            self.records.reload()
            return
        editor.back_requested.connect(self.show_list)
        editor.changed.connect(lambda _id: self._mark_stale())
        editor.open_requested.connect(self.open_record)
        old = self.editor
        self.editor = editor
        self.stack.addWidget(editor)
        self.stack.setCurrentWidget(editor)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()

    def _mark_stale(self) -> None:
        self._stale = True
        self.records_changed.emit()

    def show_list(self) -> None:
        if self.editor is not None:
            self.editor.flush()
            self.stack.removeWidget(self.editor)
            keep = self.editor.inspection_id
            self.editor.deleteLater()
            self.editor = None
            self.records.reload(keep)
            self.tasks.reload()
        self.stack.setCurrentWidget(self.tabs)

    def flush(self) -> None:
        """Save the pending edits of the open record now (the window is closing)."""
        if self.editor is not None:
            self.editor.flush()

    def refresh(self) -> None:
        """Called when the page is shown: re-read the lists (records may have changed on other pages)."""
        if self.editor is None:
            self.records.reload()
            self.tasks.reload()
