"""The import wizard: file → sheet → column mapping → preview → confirm → result.

Every slow step (checking and reading the file, the dry run, the commit, undo) runs off the GUI thread through
:func:`ui.progress.run_with_progress`; cancelling a step changes nothing and leaves the wizard where it was. Nothing
is written before the user confirms on the confirm page; the result page offers to undo the import at once and to
save the error report. Thin: every decision is a :class:`app.ledger.service.LedgerImportService` call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.errors import user_message
from app.i18n import QT_TRANSLATE_NOOP
from app.ledger.commit import CommitResult
from app.ledger.errors import LedgerError
from app.ledger.export_service import LedgerExports
from app.ledger.fields import FIELD_LABELS, FIELDS, IGNORE
from app.ledger.headers import check_mapping
from app.ledger.preview import FieldChange, Preview, PreviewItem, Status
from app.ledger.reader import LedgerFile, column_letter
from app.ledger.service import LedgerExportService, LedgerImportService, LoadedSheet, SheetCandidate
from app.records import Actor
from localdb.database import Database
from ui.progress import run_with_progress

translate = QCoreApplication.translate
CONTEXT: Final = "LedgerImport"
SAMPLE_ROWS: Final = 3

STATUS_LABELS: Final = {
    Status.NEW: QT_TRANSLATE_NOOP("LedgerImport", "New"),
    Status.CHANGED: QT_TRANSLATE_NOOP("LedgerImport", "Changed"),
    Status.UNCHANGED: QT_TRANSLATE_NOOP("LedgerImport", "Unchanged"),
    Status.CONFLICT: QT_TRANSLATE_NOOP("LedgerImport", "Conflict"),
    Status.REJECTED: QT_TRANSLATE_NOOP("LedgerImport", "Rejected"),
}
STATUS_COLORS: Final = {
    Status.NEW: QColor("#1b7f3b"),
    Status.CHANGED: QColor("#1f5fa8"),
    Status.CONFLICT: QColor("#a85400"),
    Status.REJECTED: QColor("#b00020"),
}


@dataclass
class LedgerServices:
    """What the registry view needs for ledgers; built in the composition root from the open database."""

    importer: LedgerImportService
    exporter: LedgerExportService
    exports: LedgerExports

    @classmethod
    def for_database(cls, db: Database) -> LedgerServices:
        """Services whose audit texts are translated with the installed catalogue."""
        return cls(
            LedgerImportService(db, QCoreApplication.translate),
            LedgerExportService(db, translate),
            LedgerExports(db, translate),
        )


def status_label(status: Status) -> str:
    return translate(CONTEXT, STATUS_LABELS[status])


def field_label(key: str) -> str:
    return translate("LedgerField", FIELD_LABELS.get(key, key))


def message_box(parent: QWidget | None, title: str, text: str, icon: QMessageBox.Icon) -> QMessageBox:
    """A non-blocking message box that deletes itself when closed."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def explain_failure(parent: QWidget | None, exc: BaseException) -> None:
    """Show a known failure in Chinese; re-raise anything else (it goes to the crash path)."""
    if isinstance(exc, LedgerError):
        title, body = exc.texts(translate)
        message_box(parent, title, body, QMessageBox.Icon.Warning)
        return
    known = user_message(exc)
    if known is None:
        raise exc
    body = translate("Errors", known.body).format(**dict(known.params))
    message_box(parent, translate("Errors", known.title), body, QMessageBox.Icon.Critical)


def change_text(changes: list[FieldChange]) -> str:
    parts = []
    for change in changes:
        before = "" if change.before is None else str(change.before)
        after = "" if change.after is None else str(change.after)
        parts.append(
            translate("LedgerImport", "{field}: {before} \u2192 {after}").format(
                field=field_label(change.field if change.field in FIELD_LABELS else f"carrier.{change.field}"),
                before=before or translate("LedgerImport", "(empty)"),
                after=after or translate("LedgerImport", "(empty)"),
            )
        )
    return "; ".join(parts)


def item_details(item: PreviewItem) -> str:
    """What the preview says about one item: its changes, new carriers, problems."""
    parts: list[str] = []
    if item.changes:
        parts.append(change_text(item.changes))
    added = [p.label for p in item.carriers if p.carrier_id is None]
    changed = [p for p in item.carriers if p.carrier_id is not None]
    if added and item.status is Status.CHANGED:
        parts.append(
            translate("LedgerImport", "new carriers: {names}").format(names="、".join(a or "?" for a in added))
        )
    for plan in changed:
        parts.append(plan.label + " " + change_text(plan.changes))
    for issue in item.issues:
        column = "" if issue.column is None else f"[{column_letter(issue.column)}] "
        parts.append(column + issue.finding.render(translate))
    return "; ".join(p for p in parts if p)


class PreviewModel(QAbstractTableModel):
    """The preview's items as a table (rows, result, name, identifier, details); plain records, lazily rendered."""

    COLUMNS: Final = (
        QT_TRANSLATE_NOOP("LedgerImport", "Rows"),
        QT_TRANSLATE_NOOP("LedgerImport", "Result"),
        QT_TRANSLATE_NOOP("LedgerImport", "Name"),
        QT_TRANSLATE_NOOP("LedgerImport", "Identifier"),
        QT_TRANSLATE_NOOP("LedgerImport", "Details"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all: list[PreviewItem] = []
        self._items: list[PreviewItem] = []

    def set_items(self, items: list[PreviewItem], status: Status | str | None = None) -> None:
        self.beginResetModel()
        self._all = items
        self._items = self._filtered(status)
        self.endResetModel()

    def set_filter(self, status: Status | str | None) -> None:
        self.beginResetModel()
        self._items = self._filtered(status)
        self.endResetModel()

    def _filtered(self, status: Status | str | None) -> list[PreviewItem]:
        if status is None or status == "":
            return self._all
        if status == "warnings":
            return [i for i in self._all if i.has_warnings]
        return [i for i in self._all if i.status == status]

    def item(self, row: int) -> PreviewItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
        if horizontal and 0 <= section < len(self.COLUMNS):
            return translate(CONTEXT, self.COLUMNS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.item(index.row())
        if item is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return "、".join(str(r) for r in item.rows)
            if column == 1:
                text = status_label(item.status)
                return text + (translate("LedgerImport", " (warning)") if item.has_warnings else "")
            if column == 2:
                return item.name
            if column == 3:
                return item.identifier
            if column == 4:
                return item_details(item)
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return STATUS_COLORS.get(item.status)
        return None


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
        try:
            ledger = run_with_progress(self, self.tr("Checking the file\u2026"), lambda _p: wizard.importer.open(path))
            if ledger is None:
                return False
            candidates = run_with_progress(
                self, self.tr("Looking at the sheets\u2026"), lambda p: wizard.importer.candidates(ledger, p)
            )
        except Exception as exc:
            explain_failure(self, exc)
            return False
        if candidates is None:
            return False
        wizard.ledger = ledger
        wizard.candidates = candidates
        return True


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
        wizard = self._wizard
        loaded = wizard.loaded
        assert loaded is not None
        mapping = self.mapping()
        try:
            check_mapping(loaded.grid, mapping)
            preview = run_with_progress(
                self, self.tr("Comparing the ledger with the register\u2026"),
                lambda p: wizard.importer.preview(loaded, mapping, p),
            )  # fmt: skip
        except Exception as exc:
            explain_failure(self, exc)
            return False
        if preview is None:
            return False
        wizard.mapping = mapping
        wizard.preview = preview
        return True


class PreviewPage(QWizardPage):
    FILTERS: Final = (
        ("", QT_TRANSLATE_NOOP("LedgerImport", "All")),
        (Status.NEW, QT_TRANSLATE_NOOP("LedgerImport", "New")),
        (Status.CHANGED, QT_TRANSLATE_NOOP("LedgerImport", "Changed")),
        (Status.UNCHANGED, QT_TRANSLATE_NOOP("LedgerImport", "Unchanged")),
        (Status.CONFLICT, QT_TRANSLATE_NOOP("LedgerImport", "Conflicts")),
        (Status.REJECTED, QT_TRANSLATE_NOOP("LedgerImport", "Rejected")),
        ("warnings", QT_TRANSLATE_NOOP("LedgerImport", "With warnings")),
    )

    def __init__(self, wizard: LedgerImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Preview: what the import would do"))
        self.setSubTitle(self.tr("Nothing has been changed yet."))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.filter = QComboBox(self)
        for status, text in self.FILTERS:
            self.filter.addItem(translate(CONTEXT, text), status)
        self.model = PreviewModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.report_button = QPushButton(self.tr("Save error report\u2026"), self)
        self.report_button.clicked.connect(self._wizard.save_error_report)
        self.filter.currentIndexChanged.connect(lambda _i: self.model.set_filter(self.filter.currentData()))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Show:"), self))
        top.addWidget(self.filter)
        top.addStretch(1)
        top.addWidget(self.report_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

    def initializePage(self) -> None:  # noqa: N802
        preview = self._wizard.preview
        assert preview is not None
        counts = preview.counts()
        self.summary.setText(
            self.tr(
                "{new} new, {changed} changed, {unchanged} unchanged, {conflicts} conflicting and {rejected} "
                "rejected operators; {warnings} with warnings. Conflicting and rejected rows are not imported."
            ).format(**counts.as_dict())
        )
        self.report_button.setEnabled(bool(preview.problem_items()))
        self.filter.setCurrentIndex(0)
        self.model.set_items(preview.items)
        self.view.setColumnWidth(0, 70)
        self.view.setColumnWidth(1, 110)
        self.view.setColumnWidth(2, 240)
        self.view.setColumnWidth(3, 170)


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


class LedgerImportWizard(QWizard):
    """The import wizard; ``actor`` names the officer (asked when the import is committed)."""

    FILE, SHEET, MAPPING, PREVIEW, CONFIRM, RESULT = range(6)

    def __init__(
        self, importer: LedgerImportService, actor: Callable[[], Actor], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.importer = importer
        self.actor = actor
        self.ledger: LedgerFile | None = None
        self.candidates: list[SheetCandidate] = []
        self.loaded: LoadedSheet | None = None
        self.mapping: dict[int, str] = {}
        self.preview: Preview | None = None
        self.result_: CommitResult | None = None
        self.changed_register = False
        self.setWindowTitle(self.tr("Import a ledger"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.file_page = FilePage(self)
        self.sheet_page = SheetPage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.confirm_page = ConfirmPage(self)
        self.result_page = ResultPage(self)
        for page_id, page in enumerate(
            (self.file_page, self.sheet_page, self.mapping_page, self.preview_page, self.confirm_page, self.result_page)
        ):
            self.setPage(page_id, page)
        self.next_text = self.buttonText(QWizard.WizardButton.NextButton)
        self.resize(980, 640)

    def nextId(self) -> int:  # noqa: N802
        current = self.currentId()
        if current == self.FILE:
            visible = [c for c in self.candidates if c.visible]
            if len(visible) == 1 and len(self.candidates) == 1:
                return self.MAPPING if self.loaded is not None else self.SHEET
            return self.SHEET
        return super().nextId()

    def load_sheet(self, page: QWidget, sheet: str) -> bool:
        assert self.ledger is not None
        ledger = self.ledger
        try:
            loaded = run_with_progress(
                page,
                self.tr("Reading sheet {sheet}\u2026").format(sheet=sheet),
                lambda p: self.importer.load(ledger, sheet, p),
            )
        except Exception as exc:
            explain_failure(page, exc)
            return False
        if loaded is None:
            return False
        self.loaded = loaded
        return True

    def validateCurrentPage(self) -> bool:  # noqa: N802
        if self.currentId() == self.FILE:
            if not super().validateCurrentPage():
                return False
            visible = [c for c in self.candidates if c.visible]
            self.loaded = None
            if len(self.candidates) == 1 and len(visible) == 1:
                return self.load_sheet(self.file_page, visible[0].name)
            return True
        return super().validateCurrentPage()

    def save_error_report(self) -> None:
        if self.preview is None or self.loaded is None:
            return
        default = str(self.loaded.ledger.path.with_name(self.loaded.ledger.path.stem + self.tr("-problems") + ".xlsx"))
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save error report"), default, self.tr("Excel workbook (*.xlsx)")
        )
        if not path:
            return
        self.write_error_report(Path(path))

    def write_error_report(self, path: Path) -> int:
        assert self.preview is not None and self.loaded is not None
        try:
            count = self.importer.error_report(path, self.loaded, self.preview)
        except Exception as exc:
            explain_failure(self, exc)
            return 0
        message_box(
            self, self.tr("Error report saved"),
            self.tr("{count} rows with problems were written to {path}.").format(count=count, path=path),
            QMessageBox.Icon.Information,
        )  # fmt: skip
        return count

    def undo(self) -> None:
        try:
            result = run_with_progress(
                self, self.tr("Undoing the import\u2026"), lambda p: self.importer.undo_last(self.actor(), p)
            )
        except Exception as exc:
            explain_failure(self, exc)
            return
        if result is None:
            return
        self.result_page.undo_button.setEnabled(False)
        self.result_page.text.setText(
            self.tr("The import of {file} was undone: the register is as it was before.").format(file=result.file_name)
        )

    def done(self, result: int) -> None:
        self.changed_register = self.result_ is not None
        super().done(result)
