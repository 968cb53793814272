"""The import wizard's last page: what was imported, with buttons to undo the import at once and to save the error
report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWizardPage

if TYPE_CHECKING:
    from ui.ledger_import_wizard import LedgerImportWizard


class ResultPage(QWizardPage):
    def __init__(self, wizard: LedgerImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Result"))
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.undo_button = QPushButton(self.tr("Undo this import"), self)
        self.undo_button.clicked.connect(self._wizard.undo)
        self.report_button = QPushButton(self.tr("Save error report\u2026"), self)
        self.report_button.clicked.connect(self._wizard.save_error_report)
        buttons = QHBoxLayout()
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.report_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        result = self._wizard.result_
        preview = self._wizard.preview
        assert preview is not None
        if result is None:
            self.text.setText(self.tr("Nothing was imported."))
            self.undo_button.hide()
        else:
            self.text.setText(
                self.tr(
                    "Imported {new} new operators and changed {changed}; {carriers} carriers were added. The change "
                    "history names {file} as the source."
                ).format(new=result.new, changed=result.changed, carriers=result.carriers_added, file=preview.file_name)
            )
            self.undo_button.show()
            self.undo_button.setEnabled(True)
        self.report_button.setVisible(bool(preview.problem_items()))
