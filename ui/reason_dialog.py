"""The dialog that asks for a required reason before a decision that is kept in the history: amending a finalized
record, discarding a draft, extending or closing a rectification."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ui.operator_dialog import FindingLabel


class ReasonDialog(QDialog):
    """Asks for a required reason (amendment, discarding a draft, extending a deadline)."""

    def __init__(self, title: str, intro: str, placeholder: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        text = QLabel(intro, self)
        text.setWordWrap(True)
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setPlaceholderText(placeholder)
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setEnabled(False)
        self.reason_edit.textChanged.connect(lambda: self.ok_button.setEnabled(bool(self.reason().strip())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.extra = QVBoxLayout()
        self.findings = FindingLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(self.extra)
        layout.addWidget(QLabel(self.tr("Reason (required):"), self))
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.findings)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()
