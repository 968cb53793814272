"""Pieces shared by the inspection screens (records, tasks, rectification): table set-up, selection helpers,
the officer check made before anything is written, and non-blocking message boxes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QHeaderView, QMessageBox, QTableView, QWidget

from app.inspections import findings as f
from app.records import OfficerRecord
from app.validation import Finding
from ui.inspection_models import RECORD_ROLE, RecordTableModel


def make_table(parent: QWidget, model: RecordTableModel) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    return table


def select_row(table: QTableView, row: int) -> None:
    model = table.model()
    if model is None or not 0 <= row < model.rowCount():
        return
    table.selectionModel().setCurrentIndex(
        model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )


def current_record(table: QTableView) -> Any:
    index = table.currentIndex()
    return index.data(RECORD_ROLE) if index.isValid() else None


def tr_validation(template: str, **params: object) -> str:
    """A core template of context ``Validation`` (app/inspections/findings.py), translated and filled in."""
    return QCoreApplication.translate("Validation", template).format(**params)


def tr_inspections(template: str) -> str:
    """A core template of context ``Inspections`` (app/inspections/tasks.py), translated."""
    return QCoreApplication.translate("Inspections", template)


def officer_text(officer: OfficerRecord) -> str:
    if officer.cert_no.strip():
        return QCoreApplication.translate("InspectionsView", "{name} ({cert})").format(
            name=officer.name, cert=officer.cert_no
        )
    return QCoreApplication.translate("InspectionsView", "{name} (no certificate number)").format(name=officer.name)


def check_officers(
    officer_ids: Sequence[str], officers: Sequence[OfficerRecord], conflicts: dict[str, str]
) -> list[Finding]:
    """Two distinct officers, none of them excluded from this operator (回避; ``conflicts`` maps an officer to the
    reason) — checked before anything is written."""
    names = {o.id: o.name for o in officers}
    found: list[Finding] = []
    seen: set[str] = set()
    for officer_id in officer_ids:
        if officer_id in seen:
            found.append(f.error("officers", "officers.twice", f.T_OFFICER_TWICE, name=names.get(officer_id, "")))
        seen.add(officer_id)
        if officer_id in conflicts:
            found.append(
                f.error(
                    "officers",
                    "officers.conflict",
                    f.T_OFFICER_CONFLICT,
                    name=names.get(officer_id, ""),
                    reason=conflicts[officer_id],
                )
            )
    if len(seen) < 2:
        found.append(f.error("officers", "officers.too_few", f.T_OFFICERS_TOO_FEW, count=len(seen)))
    return found


class MessageMixin:
    """Non-blocking message boxes (the event loop keeps running; tests find the box in ``dialog``)."""

    dialog: QWidget | None

    def _message(self, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Information) -> QMessageBox:
        assert isinstance(self, QWidget)
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._show(box)
        return box

    def _show(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self._forget(dialog))
        dialog.open()

    def _forget(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
