"""The export dialog (导出) and the import template download (下载导入模板).

Only the register can be exported in this version; the other ledgers the county asks for (inspection records,
抽查结果, rectifications, the draw record, the monthly report) are listed, disabled, until inspections exist.
Personal data (ID and phone numbers) is masked unless the officer ticks the box, which is recorded in the audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Final

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import QT_TRANSLATE_NOOP
from app.ledger.export import ExportResult
from app.ledger.service import LedgerExportService
from app.records import Actor
from ui.ledger_import_wizard import explain_failure, message_box
from ui.progress import run_with_progress

translate = QCoreApplication.translate

DIALOG_EXPORTS: Final = frozenset({"registry"})
"""What this dialog can write: the inspection ledgers (app/ledger/inspection_exports.py, on the command line)
still need a month field and their exporter here."""

KIND_LABELS: Final = {
    "registry": QT_TRANSLATE_NOOP("LedgerExport", "Register of operators with carriers"),
    "inspections": QT_TRANSLATE_NOOP("LedgerExport", "Inspection records (not available yet)"),
    "results": QT_TRANSLATE_NOOP("LedgerExport", "Inspection results for publication (not available yet)"),
    "rectifications": QT_TRANSLATE_NOOP("LedgerExport", "Rectification ledger (not available yet)"),
    "draw": QT_TRANSLATE_NOOP("LedgerExport", "Random draw record (not available yet)"),
    "monthly": QT_TRANSLATE_NOOP("LedgerExport", "Monthly statistics (not available yet)"),
}


def export_summary(result: ExportResult) -> str:
    text = translate("LedgerExport", "{rows} rows ({operators} operators) were written to {path}.").format(
        rows=result.rows, operators=result.operators, path=result.path
    )
    if result.masked:
        text += "\n" + translate("LedgerExport", "ID numbers and phone numbers are masked.")
    else:
        text += "\n" + translate("LedgerExport", "Personal data is included; the export was recorded in the audit log.")
    return text


class LedgerExportDialog(QDialog):
    """Choose what to export, where, and whether personal data goes with it."""

    def __init__(
        self, exporter: LedgerExportService, actor: Callable[[], Actor], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._exporter = exporter
        self._actor = actor
        self.result_: ExportResult | None = None
        self.setWindowTitle(self.tr("Export a ledger"))
        self.kind = QComboBox(self)
        model = QStandardItemModel(self.kind)
        self.kind.setModel(model)
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(translate("LedgerExport", label), kind)
            if kind not in DIALOG_EXPORTS:
                item = model.item(self.kind.count() - 1)
                item.setEnabled(False)
        self.path_edit = QLineEdit(self)
        default_name = self.tr("register of operators") + f" {date.today().isoformat()}.xlsx"
        self.path_edit.setText(str(Path.home() / default_name))
        browse = QPushButton(self.tr("Browse\u2026"), self)
        browse.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.personal = QCheckBox(self.tr("Include personal data (full ID numbers and phone numbers)"), self)
        self.personal_note = QLabel(
            self.tr(
                "Without this, ID numbers and phone numbers are masked (110105********002X, 138****8000). With it, "
                "the export is recorded in the audit log under your name; keep the file safe."
            ),
            self,
        )
        self.personal_note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Ledger:"), self.kind)
        form.addRow(self.tr("Save as:"), path_row)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        self.path_edit.textChanged.connect(lambda text: self.export_button.setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.personal)
        layout.addWidget(self.personal_note)
        layout.addWidget(self.buttons)
        self.resize(620, self.sizeHint().height())

    def browse(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export a ledger"), self.path_edit.text(), self.tr("Excel workbook (*.xlsx)")
        )
        if path:
            self.path_edit.setText(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def export(self) -> None:
        path = Path(self.path_edit.text().strip())
        personal = self.personal.isChecked()
        try:
            result = run_with_progress(
                self,
                self.tr("Exporting\u2026"),
                lambda p: self._exporter.export_registry(
                    path, include_personal_data=personal, actor=self._actor(), progress=p
                ),
            )
        except Exception as exc:
            explain_failure(self, exc)
            return
        if result is None:
            return
        self.result_ = result
        box = message_box(
            self.parentWidget(), self.tr("Export finished"), export_summary(result), QMessageBox.Icon.Information
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.accept()


def save_template(exporter: LedgerExportService, parent: QWidget | None) -> Path | None:
    """Ask where to save the blank import template and write it."""
    default = str(Path.home() / (translate("LedgerExport", "import template") + ".xlsx"))
    path, _filter = QFileDialog.getSaveFileName(
        parent, translate("LedgerExport", "Save the import template"), default,
        translate("LedgerExport", "Excel workbook (*.xlsx)"),
    )  # fmt: skip
    if not path:
        return None
    return write_template_to(exporter, parent, Path(path if path.lower().endswith(".xlsx") else path + ".xlsx"))


def write_template_to(exporter: LedgerExportService, parent: QWidget | None, path: Path) -> Path | None:
    try:
        exporter.write_template(path)
    except Exception as exc:
        explain_failure(parent, exc)
        return None
    message_box(
        parent,
        translate("LedgerExport", "Template saved"),
        translate(
            "LedgerExport",
            "The import template was saved to {path}. Fill in one row per carrier, then import it with "
            "\u201cImport\u201d.",
        ).format(path=path),
        QMessageBox.Icon.Information,
    )
    return path
