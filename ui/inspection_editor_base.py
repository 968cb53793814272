"""What every part of the inspection editor shares: the record and its services, the signals, the autosave and
its feedback, and the small helpers that lay out a field with its findings.

The editor is one widget made of parts, one module each — the officers panel (ui/inspection_officers.py), the
checklist form (ui/inspection_form.py), the evidence gallery with paste and drop (ui/inspection_evidence.py), the
record's state with finalize / amend / discard (ui/inspection_lifecycle.py) and the official documents
(ui/inspection_documents.py) — assembled in ui/inspection_editor.py. They all derive from
:class:`InspectionEditorBase`, which declares the widgets more than one part uses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.inspections.data import EvidenceRecord, InspectionDetail
from app.records import Actor, OfficerRecord
from app.validation import Finding
from ui.checklist_item_row import ItemRow
from ui.evidence_panel import EvidencePanel
from ui.inspection_autosave import Autosave, SaveFeedback
from ui.inspection_models import InspectionServices
from ui.operator_dialog import FindingLabel

RECORD_LEVEL: Final = ""
"""Combo data of "the record as a whole" where evidence may belong to an item."""


class InspectionEditorBase(QWidget):
    """The state of one open inspection record, shared by the parts of the editor."""

    back_requested = Signal()
    """The user wants the list again."""
    changed = Signal(str)
    """The record's list entry changed (saved, finalized, discarded)."""
    open_requested = Signal(str)
    """Another record should be opened instead (an amendment just started, or the one superseding this)."""

    # Built by the editor and its parts; declared here because more than one part uses them.
    save_state: QLabel
    general: FindingLabel
    item_rows: dict[str, ItemRow]
    evidence_panel: EvidencePanel
    notice_document_action: QAction
    _feedback: SaveFeedback
    _autosave: Autosave

    def __init__(
        self,
        services: InspectionServices,
        actor: Callable[[], Actor],
        inspection_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._svc = services
        self._actor = actor
        self.inspection_id = inspection_id
        self.detail: InspectionDetail = services.inspections.detail(inspection_id)
        self.read_only = self.detail.state != "draft"
        self.dialog: QWidget | None = None
        """The reason dialog, confirmation or document window while one is open (tests reach it here)."""
        self._checked_fields: set[str] = set()
        self._icons: dict[str, QIcon] = {}
        self._problems: dict[str, str] = {}
        self._evidence: list[EvidenceRecord] = list(self.detail.evidence)
        self._loading = False
        self._officers: list[OfficerRecord] = services.officers.active_officers()

    # -- public ------------------------------------------------------------------------------------------------------
    def flush(self) -> bool:
        """Save every pending edit now; ``False`` when one of them could not be saved."""
        return self._autosave.flush()

    def has_pending(self) -> bool:
        return self._autosave.has_pending()

    def finding_label(self, field: str) -> FindingLabel:
        return self._feedback.label(field)

    def findings(self, field: str) -> list[Finding]:
        return self._feedback.findings(field)

    # -- shared helpers ----------------------------------------------------------------------------------------------
    def _may_save(self) -> bool:
        """Edits are saved unless the record is being loaded into the form or is read-only."""
        return not (self._loading or self.read_only)

    @staticmethod
    def _form(box: QGroupBox) -> QFormLayout:
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        return form

    def _cell(self, field: str, *widgets: QWidget | QHBoxLayout) -> QWidget:
        """Editors with the finding label of ``field`` under them."""
        cell = QWidget(self)
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        for widget in widgets:
            if isinstance(widget, QHBoxLayout):
                column.addLayout(widget)
            else:
                column.addWidget(widget)
        label = FindingLabel(cell)
        column.addWidget(label)
        self._feedback.add_label(field, label)
        return cell

    @staticmethod
    def _select(combo: QComboBox, data: str) -> None:
        index = combo.findData(data)
        if index < 0 and data:
            combo.addItem(data, data)
            index = combo.count() - 1
        combo.blockSignals(True)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def _text(self, editor: QLineEdit | QPlainTextEdit, field: str) -> None:
        svc, rid = self._svc.inspections, self.inspection_id

        def read() -> str:
            return editor.text() if isinstance(editor, QLineEdit) else editor.toPlainText()

        def save() -> list[Finding]:
            return svc.set_text(rid, field, read(), self._actor())

        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(lambda _t: self._autosave.later(field, (field,), save))
            editor.editingFinished.connect(self.flush)
        else:
            editor.textChanged.connect(lambda: self._autosave.later(field, (field,), save))

    def _show_dialog(self, dialog: QWidget) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.destroyed.connect(lambda _obj=None: self._dialog_gone(dialog))
        if isinstance(dialog, QDialog):
            dialog.open()
        else:
            dialog.show()

    def _dialog_gone(self, dialog: QWidget) -> None:
        if self.dialog is dialog:
            self.dialog = None
