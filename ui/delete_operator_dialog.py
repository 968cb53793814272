"""The confirmation of a soft delete of an operator, with its required reason."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget


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
