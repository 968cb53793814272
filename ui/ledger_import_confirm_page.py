"""The import wizard's confirm page: says what will be written and commits it in one step when the user confirms
(the Next button reads 导入 here, and nowhere else).

A commit that fails writes nothing, and the page says so in place, with what to do, and offers only what can work:
after a storage failure (full disk, the database busy…) 导入 tries again; when the register changed after the
preview was made (:class:`app.ledger.errors.PreviewOutdated`) importing again cannot succeed, so 导入 is disabled and
the Back button — it reads 重新预览 then — makes the preview again and shows it. 取消 is always there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWizard, QWizardPage

from app.ledger.errors import LedgerError, PreviewOutdated
from ui.operator_dialog import ERROR_COLOR, NOTE_COLOR
from ui.progress import run_with_progress
from ui.ui_text import known_failure_text

if TYPE_CHECKING:
    from ui.ledger_import_wizard import LedgerImportWizard

translate = QCoreApplication.translate


class ConfirmPage(QWizardPage):
    def __init__(self, wizard: LedgerImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.outdated = False
        """The last commit found the register changed since the preview: only a new preview can be imported."""
        self._back_text = wizard.buttonText(QWizard.WizardButton.BackButton)
        self.setTitle(self.tr("Confirm the import"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Import"))
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.problem = QLabel(self)
        """Why the last commit did not happen and what to do now (hidden until one fails)."""
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.problem)
        layout.addStretch(1)

    def isComplete(self) -> bool:  # noqa: N802
        return not self.outdated and super().isComplete()

    def initializePage(self) -> None:  # noqa: N802
        self._reset()
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

    def cleanupPage(self) -> None:  # noqa: N802
        self._reset()

    def _reset(self) -> None:
        self.problem.hide()
        self._set_outdated(False)

    def _set_outdated(self, outdated: bool) -> None:
        self.outdated = outdated
        back = self.tr("< Make the preview again") if outdated else self._back_text
        self.setButtonText(QWizard.WizardButton.BackButton, back)
        self.completeChanged.emit()

    def _say(self, text: str, color: str) -> None:
        self.problem.setStyleSheet(f"color: {color};")
        self.problem.setText(text)
        self.problem.show()

    def validatePage(self) -> bool:  # noqa: N802
        wizard = self._wizard
        preview = wizard.preview
        assert preview is not None
        if not preview.writes:
            wizard.result_ = None
            return True
        self.problem.hide()
        try:
            result = run_with_progress(
                self, self.tr("Importing\u2026"), lambda p: wizard.importer.commit(preview, wizard.actor(), p)
            )
        except Exception as exc:
            self._failed(exc)
            return False
        if result is None:
            self._say(self.tr("The import was cancelled. Nothing was changed."), NOTE_COLOR)
            return False
        wizard.result_ = result
        return True

    def _failed(self, exc: Exception) -> None:
        """Say in place what went wrong and what the buttons do now; anything unknown goes to the crash path."""
        if isinstance(exc, LedgerError):
            what = "\n".join(exc.texts(translate))
        else:
            known = known_failure_text(exc)
            if known is None:
                raise exc
            what = known
        if isinstance(exc, PreviewOutdated):
            self._wizard.preview_outdated = True  # going back makes the preview again
            self._set_outdated(True)
            then = self.tr(
                "Press \u201c< Make the preview again\u201d to compare the ledger with the register as it is now, "
                "check the new preview and import it; or press Cancel."
            )
        else:
            then = self.tr("Press Import to try again, Back to return to the preview, or Cancel to import nothing.")
        self._say(what + "\n\n" + then, ERROR_COLOR)
