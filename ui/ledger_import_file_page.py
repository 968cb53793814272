"""The import wizard's first page: choose the ledger file; leaving it checks the file and lists its sheets."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWizardPage

if TYPE_CHECKING:
    from ui.ledger_import_wizard import LedgerImportWizard


class FilePage(QWizardPage):
    def __init__(self, wizard: LedgerImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Choose the ledger file"))
        self.setSubTitle(
            self.tr(
                "Excel workbooks (.xlsx, .xls) and CSV files saved by Excel or WPS can be imported. Nothing is "
                "changed until you confirm the preview."
            )
        )
        self.path_edit = QLineEdit(self)
        self.path_edit.setPlaceholderText(self.tr("Path of the ledger file"))
        self.browse_button = QPushButton(self.tr("Browse\u2026"), self)
        self.browse_button.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addStretch(1)
        self.path_edit.textChanged.connect(lambda _text: self.completeChanged.emit())

    def browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the ledger file"),
            "",
            self.tr("Ledgers (*.xlsx *.xlsm *.xls *.csv *.txt);;All files (*)"),
        )
        if path:
            self.path_edit.setText(path)

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:  # noqa: N802
        path = Path(self.path_edit.text().strip())
        wizard = self._wizard
        ledger = wizard.attempt(self, self.tr("Checking the file\u2026"), lambda _p: wizard.importer.open(path))
        if ledger is None:
            return False
        candidates = wizard.attempt(
            self, self.tr("Looking at the sheets\u2026"), lambda p: wizard.importer.candidates(ledger, p)
        )
        if candidates is None:
            return False
        wizard.ledger = ledger
        wizard.candidates = candidates
        return True
