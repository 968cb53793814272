"""回避: record which officer must not inspect which operator; the 双随机 draw never pairs them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationFailed
from app.records import Actor, OperatorFilter
from ui.inspection_models import InspectionServices
from ui.ui_text import known_failure_text, translate_finding

OPERATOR_CHOICES = 20
"""How many search hits the operator chooser offers."""
SEARCH_DELAY_MS = 250


class ConflictsPage(QWidget):
    """The list of conflicts of interest, with a form to add one and a button to lift the selected one."""

    def __init__(self, services: InspectionServices, actor: Callable[[], Actor], parent: QWidget | None = None):
        super().__init__(parent)
        self._svc = services
        self._actor = actor
        intro = QLabel(
            self.tr(
                "An officer linked to an operator (a relative, a former employer…) must not inspect it. The random "
                "draw never pairs them, and a new inspection refuses them."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Officer"), self.tr("Operator"), self.tr("Reason")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.officer_combo = QComboBox(self)
        self.operator_search = QLineEdit(self)
        self.operator_search.setPlaceholderText(self.tr("Type a name, code or phone to find the operator"))
        self.operator_combo = QComboBox(self)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText(self.tr("Why (required; kept in the audit log)"))
        self.add_button = QPushButton(self.tr("Add"), self)
        self.remove_button = QPushButton(self.tr("Lift the selected one"), self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c00000;")
        form = QFormLayout()
        form.addRow(self.tr("Officer:"), self.officer_combo)
        form.addRow(self.tr("Operator:"), self.operator_search)
        form.addRow("", self.operator_combo)
        form.addRow(self.tr("Reason:"), self.reason_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._find_operators)
        self.operator_search.textChanged.connect(lambda _text: self._search_timer.start())
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.reload()

    def reload(self) -> None:
        """Refill the officers and the list of conflicts."""
        self.officer_combo.clear()
        for officer in self._svc.officers.active_officers():
            self.officer_combo.addItem(officer.name, officer.id)
        rows = self._svc.conflicts.rows()
        self.table.setRowCount(len(rows))
        for n, row in enumerate(rows):
            for column, text in enumerate((row.officer_name, row.operator_name, row.reason)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                self.table.setItem(n, column, item)
        self.remove_button.setEnabled(bool(rows))

    def _find_operators(self) -> None:
        registry = self._svc.registry
        hits = registry.rows(registry.search_ids(self.operator_search.text(), OperatorFilter(), OPERATOR_CHOICES))
        self.operator_combo.clear()
        for row in hits:
            self.operator_combo.addItem(f"{row.name}  {row.identifier}".strip(), row.id)

    def _add(self) -> None:
        officer_id = self.officer_combo.currentData()
        operator_id = self.operator_combo.currentData()
        if not officer_id or not operator_id:
            self.message.setText(self.tr("Choose the officer and find the operator first."))
            return
        if self._write(
            lambda: self._svc.conflicts.add(officer_id, operator_id, self.reason_edit.text(), self._actor())
        ):
            self.reason_edit.clear()

    def _remove(self) -> None:
        item = self.table.item(self.table.currentRow(), 0)
        if item is None:
            self.message.setText(self.tr("Select the conflict to lift in the list."))
            return
        conflict_id = str(item.data(Qt.ItemDataRole.UserRole))
        reason = self.reason_edit.text()
        if self._write(lambda: self._svc.conflicts.remove(conflict_id, self._actor(), reason)):
            self.reason_edit.clear()

    def _write(self, action: Callable[[], object]) -> bool:
        """Run one write; show what went wrong next to the form instead of losing the input."""
        try:
            action()
        except ValidationFailed as exc:
            self.message.setText("\n".join(translate_finding(f) for f in exc.findings))
            return False
        except Exception as exc:
            text = known_failure_text(exc)
            if text is None:
                raise
            self.message.setText(text)
            return False
        self.message.clear()
        self.reload()
        return True
