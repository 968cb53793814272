"""The 冲突 tab of the 同步 page: what the province did not take, field by field, and what to do about it.

Thin over :class:`app.sync_conflicts.ConflictService`: a list (state, record, why, when), the selected item's
field-level difference (field, the station's value, the province's current value), and two actions — edit the
operator and propose again (the registry's own editor, filled with the station's values), or discard (with a
reason, in the change history).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from typing import Any, Final

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import NotFound
from app.i18n import QT_TRANSLATE_NOOP
from app.records import Actor
from app.services.sync import SyncService
from app.sync_conflicts import DECLINED, REFUSED, STALE, Conflict, FieldDiff
from app.sync_text import code_text, entity_text, translated
from ui.operator_dialog import OperatorDialog, OptionalDateEdit
from ui.reason_dialog import ReasonDialog
from ui.ui_text import field_label, format_time, known_failure_text, label

translate = QCoreApplication.translate

STATES: Final[dict[str, str]] = {
    REFUSED: QT_TRANSLATE_NOOP("SyncConflicts", "Refused by the server"),
    DECLINED: QT_TRANSLATE_NOOP("SyncConflicts", "Rejected by the province"),
    STALE: QT_TRANSLATE_NOOP("SyncConflicts", "Out of date"),
}
CARRIER_FIELDS: Final[dict[str, str]] = {
    "kind": QT_TRANSLATE_NOOP("SyncConflicts", "Carrier type"),
    "platform": QT_TRANSLATE_NOOP("SyncConflicts", "Platform"),
    "shop_name": QT_TRANSLATE_NOOP("SyncConflicts", "Shop name"),
    "shop_id": QT_TRANSLATE_NOOP("SyncConflicts", "Shop ID"),
    "url": QT_TRANSLATE_NOOP("SyncConflicts", "Web address"),
    "icp_filing": QT_TRANSLATE_NOOP("SyncConflicts", "ICP filing number"),
    "license_display": QT_TRANSLATE_NOOP("SyncConflicts", "Licence display"),
    "first_seen": QT_TRANSLATE_NOOP("SyncConflicts", "First seen"),
    "last_verified": QT_TRANSLATE_NOOP("SyncConflicts", "Last verified"),
    "status": QT_TRANSLATE_NOOP("SyncConflicts", "Status"),
}
CODE_FIELDS: Final = frozenset(
    {"subject_type", "identifier_type", "credit_class", "kind", "platform", "license_display", "status"}
)
CHANGED_BACKGROUND: Final = QColor("#fff4ce")


def field_name(entity: str, field: str) -> str:
    """The Chinese label of a field of an operator, a proposal or a carrier."""
    if entity == "carrier" and field in CARRIER_FIELDS:
        return translate("SyncConflicts", CARRIER_FIELDS[field])
    return field_label(field)


def show_value(field: str, value: Any) -> str:
    """A wire value for display: codes as labels, yes/no, dates; empty as "(empty)"."""
    if value is None or value == "":
        return translate("SyncConflicts", "(empty)")
    if isinstance(value, bool):
        return translate("SyncConflicts", "Yes") if value else translate("SyncConflicts", "No")
    if field in CODE_FIELDS:
        return label(str(value))
    return str(value)


def fill_operator_editor(dialog: OperatorDialog, values: dict[str, Any]) -> None:
    """Put the station's values (wire form) into the operator editor's fields."""
    for field, value in values.items():
        try:
            editor = dialog.editor(field)
        except KeyError:
            continue  # a field the editor does not show
        if isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText("" if value is None else str(value))
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QComboBox):
            index = editor.findData(value or "")
            if index >= 0:
                editor.setCurrentIndex(index)
        elif isinstance(editor, OptionalDateEdit):
            editor.set_value(date.fromisoformat(str(value)[:10]) if value else None)


class DiscardDialog(ReasonDialog):
    """Confirms discarding a conflict and asks why (the reason goes into the change history)."""

    def __init__(self, conflict: Conflict, parent: QWidget | None = None) -> None:
        if conflict.restorable:
            text = translate(
                "DiscardDialog",
                "Discard this proposal? It disappears from the list and the change history records who discarded "
                "it and why. The register on this computer keeps the province's values.",
            )
        elif conflict.state == STALE:
            text = translate(
                "DiscardDialog",
                "Hide this proposal? The province may still decide on it; the change history records who hid it "
                "and why.",
            )
        else:
            text = translate(
                "DiscardDialog",
                "Discard this refused change? It disappears from the list and the change history records who "
                "discarded it and why. Nothing is sent to the server.",
            )
        discard = translate("DiscardDialog", "Discard")
        super().__init__(
            discard,
            text,
            "",
            discard,
            parent,
            reason=translate("DiscardDialog", "Accepted the province's decision"),
            one_line=True,
            reason_label=translate("DiscardDialog", "Reason:"),
        )
        self.discard_button = self.ok_button


class ConflictsView(QWidget):
    """Lists conflicts; ``actor`` is the officer working (discarding and proposing again are audited under them)."""

    changed = Signal()
    """What the lists show changed (a conflict discarded — its record's sync column no longer says 被退回 — values
    restored, or an operator proposed again): lists should reload."""

    def __init__(self, service: SyncService, actor: Callable[[], Actor] | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._actor = actor
        self._conflicts: list[Conflict] = []
        self.dialog: QDialog | None = None

        self.intro = QLabel(
            self.tr(
                "Changes and registry correction proposals the province did not take. Select one to compare the "
                "station's values with the province's; edit and propose again, or discard it."
            ),
            self,
        )
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("State"), self.tr("Record"), self.tr("Why"), self.tr("When")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        fit, stretch = QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch
        for column, mode in enumerate((fit, stretch, stretch, fit)):  # state, record, why, when
            header.setSectionResizeMode(column, mode)
        self.table.itemSelectionChanged.connect(self._show_selected)

        self.detail_label = QLabel(self)
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.diff_table = QTableWidget(0, 3, self)
        self.diff_table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Station's value"), self.tr("Province's current value")]
        )
        self.diff_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.diff_table.verticalHeader().hide()
        self.diff_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.repropose_button = QPushButton(self.tr("Edit and propose again…"), self)
        self.repropose_button.clicked.connect(self.repropose_selected)
        self.discard_button = QPushButton(self.tr("Discard…"), self)
        self.discard_button.clicked.connect(self.discard_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.repropose_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)

        detail = QWidget(self)
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail_label)
        detail_layout.addWidget(self.diff_table, 1)
        detail_layout.addStretch(0)  # takes the room while there is no diff to show
        detail_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        self.empty_label = QLabel(self.tr("No conflicts: the province took everything this station sent."), self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.empty_label)
        layout.addWidget(splitter, 1)
        self.refresh()

    # -- list ----------------------------------------------------------------------------------------------------
    @property
    def conflicts(self) -> list[Conflict]:
        return list(self._conflicts)

    def refresh(self) -> None:
        selected = self.selected()
        self._conflicts = self._service.conflicts.conflicts()
        self.table.setRowCount(len(self._conflicts))
        for row, conflict in enumerate(self._conflicts):
            what = str(translated(entity_text(conflict.entity), translate))
            if conflict.title:
                what = self.tr("{what}: {title}").format(what=what, title=conflict.title)
            cells = [
                translate("SyncConflicts", STATES[conflict.state]),
                what,
                self.explanation(conflict),
                format_time(conflict.when) if conflict.when else "",
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.empty_label.setVisible(not self._conflicts)
        keys = [c.key for c in self._conflicts]
        if selected is not None and selected.key in keys:
            self.table.selectRow(keys.index(selected.key))
        elif self._conflicts:
            self.table.selectRow(0)
        self._show_selected()

    def selected(self) -> Conflict | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._conflicts):
            return None
        return self._conflicts[rows[0].row()]

    def explanation(self, conflict: Conflict) -> str:
        meaning = str(translated(code_text(conflict.code), translate))
        if conflict.reason:
            return self.tr("{meaning} ({reason})").format(meaning=meaning, reason=conflict.reason)
        return meaning

    def _show_selected(self) -> None:
        conflict = self.selected()
        self.diff_table.setRowCount(0)
        enabled = conflict is not None and self._actor is not None
        self.discard_button.setEnabled(enabled)
        self.repropose_button.setEnabled(enabled and conflict is not None and conflict.can_repropose)
        if conflict is None:
            self.detail_label.clear()
            return
        detail = self.explanation(conflict)
        if conflict.restorable:
            detail = self.tr(
                "{explanation}\nThe register on this computer shows the province's values again; the station's "
                "values are kept here to edit and propose again."
            ).format(explanation=detail)
        self.detail_label.setText(detail)
        self.diff_table.setRowCount(len(conflict.diffs))
        for row, diff in enumerate(conflict.diffs):
            self._diff_row(row, conflict.entity, diff)
        self.diff_table.setVisible(bool(conflict.diffs))
        if not conflict.diffs:
            self.detail_label.setText(
                self.tr("{explanation}\nThere are no fields to compare for this kind of record.").format(
                    explanation=self.explanation(conflict)
                )
            )

    def _diff_row(self, row: int, entity: str, diff: FieldDiff) -> None:
        current = show_value(diff.field, diff.current) if diff.known else "—"
        cells = [field_name(entity, diff.field), show_value(diff.field, diff.proposed), current]
        differs = not diff.known or diff.current != diff.proposed
        tips = [*cells[:2], cells[2] if diff.known else self.tr("Not in the province's register, or not known here.")]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(tips[column])
            if differs and column > 0:
                item.setBackground(QBrush(CHANGED_BACKGROUND))
            if differs and column == 0:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.diff_table.setItem(row, column, item)

    # -- actions -------------------------------------------------------------------------------------------------
    def discard_selected(self) -> None:
        conflict = self.selected()
        if conflict is None or self._actor is None or self.dialog is not None:
            return
        dialog = DiscardDialog(conflict, self)
        dialog.accepted.connect(lambda: self._discard(conflict.key, dialog.reason()))
        self._show_dialog(dialog)

    def _discard(self, key: str, reason: str) -> None:
        if self._actor is None:
            return
        try:
            self._service.conflicts.discard(key, self._actor(), reason)
        except NotFound:
            pass  # discarded meanwhile (another window): the list below no longer shows it
        except Exception as exc:
            text = known_failure_text(exc)
            if text is None:
                raise
            QMessageBox.warning(self, self.tr("Discard"), text)
            return
        self.refresh()
        self.changed.emit()

    def repropose_selected(self) -> None:
        conflict = self.selected()
        if conflict is None or self._actor is None or not conflict.can_repropose or self.dialog is not None:
            return
        create = conflict.proposal_kind == "create"
        try:
            if conflict.restorable:  # the sync has usually done it; a rejection an older version recorded is not
                restored = self._service.conflicts.restore(conflict.key, self._actor(), self.tr("Proposed again"))
                if restored:
                    self.changed.emit()
            dialog = OperatorDialog(self._service.registry, self._actor, None if create else conflict.operator_id, self)
        except NotFound:
            QMessageBox.information(
                self,
                self.tr("Edit and propose again"),
                self.tr("This operator is no longer in the register on this computer. Discard the item instead."),
            )
            return
        fill_operator_editor(dialog, conflict.proposed_values())
        dialog.saved.connect(lambda _operator_id: self._proposed_again(conflict.key))
        self._show_dialog(dialog)

    def _proposed_again(self, key: str) -> None:
        if self._actor is not None:
            with contextlib.suppress(NotFound):  # already gone from the list
                self._service.conflicts.discard(key, self._actor(), self.tr("Proposed again after editing"), False)
        self.refresh()
        self.changed.emit()

    def _show_dialog(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self, _result: int) -> None:
        self.dialog = None
