"""The import wizard's column mapping page: each column of the sheet with its header and first values, and the
register field it is imported as (found from the headers, or as confirmed for the same header layout before)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from app.ledger.fields import FIELDS, IGNORE
from app.ledger.reader import column_letter
from ui.ledger_import_texts import field_label

if TYPE_CHECKING:
    from ui.ledger_import_wizard import LedgerImportWizard

SAMPLE_ROWS: Final = 3


class MappingPage(QWizardPage):
    def __init__(self, wizard: LedgerImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Check the columns"))
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("Header in the ledger"), self.tr("First values"), self.tr("Import as")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.combos: list[QComboBox] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)

    def initializePage(self) -> None:  # noqa: N802
        loaded = self._wizard.loaded
        assert loaded is not None
        layout = loaded.layout
        self.setSubTitle(
            self.tr("Sheet {sheet}: the header is row {row}; data starts in row {start}.").format(
                sheet=loaded.sheet, row=layout.row + 1, start=layout.data_start + 1
            )
        )
        if loaded.remembered:
            self.note.setText(
                self.tr("This layout was imported before; the columns are assigned as you confirmed then.")
            )
        else:
            self.note.setText(
                self.tr(
                    "The columns were assigned from their headers. Check each one and change it where needed; the "
                    "assignment is remembered for ledgers with the same header."
                )
            )
        width = max(len(layout.labels), max((len(r) for r in loaded.grid.rows[: layout.data_start + 5]), default=0))
        self.table.setRowCount(width)
        self.combos = []
        samples = loaded.grid.rows[layout.data_start : layout.data_start + SAMPLE_ROWS]
        for column in range(width):
            label = layout.labels[column] if column < len(layout.labels) else ""
            values = [str(r[column]) for r in samples if column < len(r) and r[column] != ""]
            self.table.setItem(column, 0, QTableWidgetItem(column_letter(column)))
            self.table.setItem(column, 1, QTableWidgetItem(label))
            self.table.setItem(column, 2, QTableWidgetItem(" | ".join(values)))
            combo = QComboBox(self.table)
            combo.addItem(field_label(IGNORE), IGNORE)
            for f in FIELDS:
                combo.addItem(field_label(f.key), f.key)
            key = loaded.mapping.get(column, IGNORE)
            combo.setCurrentIndex(max(0, combo.findData(key)))
            self.table.setCellWidget(column, 3, combo)
            self.combos.append(combo)
        self.table.resizeColumnsToContents()

    def mapping(self) -> dict[int, str]:
        return {c: str(combo.currentData()) for c, combo in enumerate(self.combos) if combo.currentData() != IGNORE}

    def validatePage(self) -> bool:  # noqa: N802
        return self._wizard.make_preview(self, self.mapping())
