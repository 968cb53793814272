"""The import wizard: file → sheet → column mapping → preview → confirm → result.

Every slow step (checking and reading the file, the dry run, the commit, undo) runs off the GUI thread through
:func:`ui.progress.run_with_progress`; cancelling a step changes nothing and leaves the wizard where it was. Nothing
is written before the user confirms on the confirm page; the result page offers to undo the import at once and to
save the error report. Thin: every decision is a :class:`app.ledger.service.LedgerImportService` call.

This module is the wizard's shell: the pages (one module each, ui/ledger_import_*_page.py) and what they share —
the file, the sheet read, the mapping, the preview and the commit's result — plus the steps more than one page
uses (reading a sheet, making the preview, the error report, undo).

When a commit finds that the register changed after the preview was made, going back from the confirm page makes
the preview again before it is shown, so the preview page never shows what the register no longer is; if that
fails too, the wizard goes back to the column mapping, whose 下一步 makes the preview.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget, QWizard

from app.ledger.commit import CommitResult
from app.ledger.headers import check_mapping
from app.ledger.preview import Preview
from app.ledger.reader import LedgerFile
from app.ledger.service import LedgerImportService, LoadedSheet, SheetCandidate
from app.progress import Progress
from app.records import Actor
from ui.ledger_import_confirm_page import ConfirmPage
from ui.ledger_import_file_page import FilePage
from ui.ledger_import_mapping_page import MappingPage
from ui.ledger_import_preview_page import PreviewPage
from ui.ledger_import_result_page import ResultPage
from ui.ledger_import_sheet_page import SheetPage
from ui.ledger_messages import explain_failure, message_box
from ui.progress import run_with_progress

T = TypeVar("T")


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
        self.preview_outdated = False
        """The last commit found the register changed since :attr:`preview` was made (set by the confirm page)."""
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
        self.currentIdChanged.connect(self._page_shown)
        self.resize(980, 640)

    def nextId(self) -> int:  # noqa: N802
        current = self.currentId()
        if current == self.FILE:
            visible = [c for c in self.candidates if c.visible]
            if len(visible) == 1 and len(self.candidates) == 1:
                return self.MAPPING if self.loaded is not None else self.SHEET
            return self.SHEET
        return super().nextId()

    def attempt(self, page: QWidget, label: str, work: Callable[[Progress], T]) -> T | None:
        """Run a slow step off the GUI thread; ``None`` when it failed (having said why) or the user cancelled."""
        try:
            return run_with_progress(page, label, work)
        except Exception as exc:
            explain_failure(page, exc)
            return None

    def load_sheet(self, page: QWidget, sheet: str) -> bool:
        assert self.ledger is not None
        ledger = self.ledger
        loaded = self.attempt(
            page,
            self.tr("Reading sheet {sheet}\u2026").format(sheet=sheet),
            lambda p: self.importer.load(ledger, sheet, p),
        )
        if loaded is None:
            return False
        self.loaded = loaded
        return True

    def make_preview(self, page: QWidget, mapping: dict[int, str]) -> bool:
        """Compare the sheet read with the register under ``mapping``; ``False`` (having said why) if it failed or
        the user cancelled."""
        loaded = self.loaded
        assert loaded is not None

        def work(progress: Progress) -> Preview:
            check_mapping(loaded.grid, mapping)
            return self.importer.preview(loaded, mapping, progress)

        preview = self.attempt(page, self.tr("Comparing the ledger with the register\u2026"), work)
        if preview is None:
            return False
        self.mapping = mapping
        self.preview = preview
        self.preview_outdated = False
        return True

    def _page_shown(self, page_id: int) -> None:
        """Back on the preview after the register changed: show a new preview, or go on back to the mapping."""
        if page_id != self.PREVIEW or not self.preview_outdated:
            return
        if self.make_preview(self.preview_page, self.mapping):
            self.preview_page.initializePage()
        else:
            self.back()

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
        result = self.attempt(
            self, self.tr("Undoing the import\u2026"), lambda p: self.importer.undo_last(self.actor(), p)
        )
        if result is None:
            return
        self.result_page.undo_button.setEnabled(False)
        self.result_page.text.setText(
            self.tr("The import of {file} was undone: the register is as it was before.").format(file=result.file_name)
        )

    def done(self, result: int) -> None:
        self.changed_register = self.result_ is not None
        super().done(result)
