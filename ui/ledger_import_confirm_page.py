"""The import wizard's confirm page: says what will be written and commits it in one step when the user confirms
(the Next button reads 导入 here)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QMessageBox, QVBoxLayout, QWizard, QWizardPage

from ui.ledger_messages import explain_failure, message_box
from ui.progress import run_with_progress

if TYPE_CHECKING:
    from ui.ledger_import_wizard import LedgerImportWizard


class ConfirmPage(QWizardPage):
    def __init__(self, wizard: LedgerImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Confirm the import"))
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        preview = self._wizard.preview
        assert preview is not None
        counts = preview.counts()
        if preview.writes:
            self.text.setText(
                self.tr(
                    "Import {new} new operators and the changes to {changed} operators from {file}? Everything is "
                    "saved in one step, recorded in the change history with the file's name, and the import can be "
                    "undone afterwards."
                ).format(new=counts.new, changed=counts.changed, file=preview.file_name)
            )
        else:
            self.text.setText(self.tr("There is nothing to import: the register already holds everything that can be."))
        self._wizard.setButtonText(QWizard.WizardButton.NextButton, self.tr("Import"))

    def cleanupPage(self) -> None:  # noqa: N802
        self._wizard.setButtonText(QWizard.WizardButton.NextButton, self._wizard.next_text)

    def validatePage(self) -> bool:  # noqa: N802
        wizard = self._wizard
        preview = wizard.preview
        assert preview is not None
        wizard.setButtonText(QWizard.WizardButton.NextButton, wizard.next_text)
        if not preview.writes:
            wizard.result_ = None
            return True
        try:
            result = run_with_progress(
                self, self.tr("Importing\u2026"), lambda p: wizard.importer.commit(preview, wizard.actor(), p)
            )
        except Exception as exc:
            explain_failure(self, exc)
            return False
        if result is None:
            message_box(
                self, self.tr("Import cancelled"), self.tr("The import was cancelled. Nothing was changed."),
                QMessageBox.Icon.Information,
            )  # fmt: skip
            return False
        wizard.result_ = result
        return True
