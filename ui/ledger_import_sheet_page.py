"""The import wizard's sheet page (shown only for a workbook with several sheets): choose the sheet that holds the
register; hidden sheets are listed but cannot be chosen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWizardPage

if TYPE_CHECKING:
    from ui.ledger_import_wizard import LedgerImportWizard


class SheetPage(QWizardPage):
    def __init__(self, wizard: LedgerImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Choose the sheet"))
        self.setSubTitle(self.tr("The file has several sheets. Choose the one that holds the register."))
        self.sheets = QListWidget(self)
        self.sheets.currentRowChanged.connect(lambda _row: self.completeChanged.emit())
        layout = QVBoxLayout(self)
        layout.addWidget(self.sheets)

    def initializePage(self) -> None:  # noqa: N802
        self.sheets.clear()
        chosen = -1
        for candidate in self._wizard.candidates:
            text = candidate.name
            if not candidate.visible:
                text += self.tr(" (hidden: not imported)")
            elif not candidate.looks_like_ledger:
                text += self.tr(" (no header row recognised)")
            entry = QListWidgetItem(text, self.sheets)
            entry.setData(Qt.ItemDataRole.UserRole, candidate.name)
            if not candidate.visible:
                entry.setFlags(Qt.ItemFlag.NoItemFlags)
            elif chosen < 0 and candidate.looks_like_ledger:
                chosen = self.sheets.count() - 1
        if chosen >= 0:
            self.sheets.setCurrentRow(chosen)

    def isComplete(self) -> bool:  # noqa: N802
        entry = self.sheets.currentItem()
        return entry is not None and bool(entry.flags() & Qt.ItemFlag.ItemIsEnabled)

    def selected(self) -> str | None:
        entry = self.sheets.currentItem()
        return None if entry is None else str(entry.data(Qt.ItemDataRole.UserRole))

    def validatePage(self) -> bool:  # noqa: N802
        sheet = self.selected()
        return sheet is not None and self._wizard.load_sheet(self, sheet)
