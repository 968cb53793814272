"""The Excel ledger buttons of the register (导入, 撤销上次导入, 导出, 下载导入模板) and what they open."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QHBoxLayout, QMenu, QMessageBox, QPushButton, QToolButton, QWidget

from app.records import Actor
from ui.ledger_export_dialog import LedgerExportDialog, save_template
from ui.ledger_import_wizard import LedgerImportWizard
from ui.ledger_messages import explain_failure
from ui.ledger_services import LedgerServices
from ui.progress import run_with_progress


class RegistryLedgerActions(QWidget):
    """The base of :class:`ui.registry_view.RegistryView` that holds 导入 (with 撤销上次导入 in its menu), 导出 and
    下载导入模板, and the wizard, dialog and questions they open; it uses the view's dialog slot, reload, messages."""

    _ledger: LedgerServices | None
    """Import and export of Excel ledgers; without it (tests, the self-test) their buttons are hidden."""
    _actor: Callable[[], Actor]
    dialog: QDialog | None
    reload: Callable[[], None]
    _show_dialog: Callable[[QDialog], None]
    _message: Callable[[str, str], None]

    def _build_ledger_buttons(self, row: QHBoxLayout) -> None:
        """导入 (with 撤销上次导入 in its menu), 导出 and 下载导入模板."""
        self.import_button = QToolButton(self)
        self.import_button.setText(self.tr("Import\u2026"))
        self.import_button.setToolTip(self.tr("Import operators and carriers from an Excel or CSV ledger"))
        self.import_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.import_menu = QMenu(self.import_button)
        self.undo_import_action = self.import_menu.addAction(self.tr("Undo last import\u2026"))
        self.import_button.setMenu(self.import_menu)
        self.export_button = QPushButton(self.tr("Export\u2026"), self)
        self.export_button.setToolTip(self.tr("Export the register as an Excel ledger"))
        self.template_button = QPushButton(self.tr("Download import template\u2026"), self)
        for button in (self.import_button, self.export_button, self.template_button):
            row.addWidget(button)
            button.setVisible(self._ledger is not None)
        self.import_button.clicked.connect(self.open_import_wizard)
        self.undo_import_action.triggered.connect(self.undo_last_import)
        self.export_button.clicked.connect(self.open_export_dialog)
        self.template_button.clicked.connect(self.download_template)

    def open_import_wizard(self) -> None:
        if self._ledger is None or self.dialog is not None:
            return
        wizard = LedgerImportWizard(self._ledger.importer, self._actor, self)
        wizard.finished.connect(lambda _result: self._after_import(wizard))
        self._show_dialog(wizard)

    def _after_import(self, wizard: LedgerImportWizard) -> None:
        if wizard.changed_register:
            self.reload()

    def open_export_dialog(self) -> None:
        if self._ledger is None or self.dialog is not None:
            return
        self._show_dialog(LedgerExportDialog(self._ledger.exports, self._actor, self, kind="registry"))

    def download_template(self) -> None:
        if self._ledger is not None:
            save_template(self._ledger.exporter, self)

    def undo_last_import(self) -> None:
        """Ask, then revert the newest import not yet undone."""
        if self._ledger is None or self.dialog is not None:
            return
        last = self._ledger.importer.last_import()
        if last is None:
            self._message(self.tr("Nothing to undo"), self.tr("There is no import that can still be undone."))
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Undo last import"),
            self.tr(
                "Undo the import of {file} (sheet {sheet}) made on {time} by {officer}? Its {new} new operators are "
                "removed and its changes to {changed} operators are reverted."
            ).format(
                file=last.file_name,
                sheet=last.sheet,
                time=last.committed_at,
                officer=last.officer_name,
                new=last.new,
                changed=last.changed,
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.buttonClicked.connect(
            lambda button: self._undo_import() if box.standardButton(button) == QMessageBox.StandardButton.Yes else None
        )
        self._show_dialog(box)

    def _undo_import(self) -> None:
        assert self._ledger is not None
        importer = self._ledger.importer
        try:
            result = run_with_progress(
                self, self.tr("Undoing the import\u2026"), lambda p: importer.undo_last(self._actor(), p)
            )
        except Exception as exc:
            explain_failure(self, exc)
            return
        if result is not None:
            self.reload()
            self._message(
                self.tr("Import undone"),
                self.tr("The import of {file} was undone: the register is as it was before.").format(
                    file=result.file_name
                ),
            )
