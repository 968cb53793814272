"""The one dialog that asks for the reason of a decision kept in the change history: amending a finalized record,
discarding a draft, extending or closing a rectification, saving a code whose check character fails
(:class:`ui.operator_dialog.OverrideReasonDialog`) and discarding a sync conflict
(:class:`ui.sync_conflicts_view.DiscardDialog`).

Each caller brings its own wording — title, question, placeholder, button texts, the findings that prompted the
question — and may add its own fields (a new deadline, the re-inspection) to :attr:`ReasonDialog.extra`. The rule
they share lives here: a reason is required. The confirm button stays disabled while the reason is empty, and an
empty reason is refused with a message saying so (when the user empties the field, or the dialog is accepted some
other way), so no empty reason ever reaches a service.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from app.validation import Finding
from ui.finding_label import ERROR_COLOR, FindingLabel


class ReasonDialog(QDialog):
    """Asks for a required reason. ``one_line`` for a short reason (a line edit, Enter confirms), else a few lines;
    ``reason`` pre-fills it; ``notes`` are the findings that led to the question, shown above it."""

    def __init__(
        self,
        title: str,
        intro: str,
        placeholder: str,
        ok_text: str,
        parent: QWidget | None = None,
        *,
        notes: Iterable[Finding] = (),
        reason: str = "",
        one_line: bool = False,
        reason_label: str = "",
        cancel_text: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        text = QLabel(intro, self)
        text.setWordWrap(True)
        self.notes = FindingLabel(self)
        self.notes.show_findings(notes)
        self.reason_edit: QLineEdit | QPlainTextEdit
        if one_line:
            self.reason_edit = QLineEdit(reason, self)
        else:
            self.reason_edit = QPlainTextEdit(reason, self)
            self.reason_edit.setTabChangesFocus(True)
            self.reason_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.reason_edit.setPlaceholderText(placeholder)
        self.refusal = QLabel(self.tr("Enter a reason: it is kept in the change history."), self)
        """Says why the dialog cannot be confirmed yet (shown while the reason is empty after an edit)."""
        self.refusal.setStyleSheet(f"color: {ERROR_COLOR};")
        self.refusal.setWordWrap(True)
        self.refusal.hide()
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(cancel_text or self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setEnabled(bool(self.reason()))
        self.reason_edit.textChanged.connect(self._reason_changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.extra = QVBoxLayout()
        """Room for the caller's own fields, between the question and the reason."""
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.notes)
        layout.addLayout(self.extra)
        layout.addWidget(QLabel(reason_label or self.tr("Reason (required):"), self))
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.refusal)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    def reason(self) -> str:
        edit = self.reason_edit
        return (edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()).strip()

    def _reason_changed(self) -> None:
        given = bool(self.reason())
        self.ok_button.setEnabled(given)
        self.refusal.setVisible(not given)

    def accept(self) -> None:
        """Close with the reason; an empty one is refused and the dialog stays open."""
        if not self.reason():
            self.refusal.show()
            self.reason_edit.setFocus()
            return
        super().accept()
