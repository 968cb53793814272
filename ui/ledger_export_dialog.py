"""The export dialog (导出台账) and the import template download (下载导入模板).

The dialog offers every ledger the county asks for (the register, inspection records, 抽查结果 for publication,
the rectification ledger, the draw record, the monthly report) with the fields each one needs: a month (the
monthly report's, or an optional filter of the records and results; the previous month by default), the drawn
task (only tasks that have a draw), personal data in full (audited), and where to save. The export runs off the GUI
thread with progress and cancel; cancelling or a failure writes nothing and leaves an existing file of that name
as it was (app/ledger/export.py). Opened from the register (导出), the 检查 page and the 整改 page, each with its
own ledger preselected. Thin: the work is :class:`app.ledger.export_service.LedgerExports`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Final

from PySide6.QtCore import QCoreApplication, QDate, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
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

from app.ledger.export_service import (
    EXPORT_KINDS,
    MONTH_KINDS,
    PERSONAL_KINDS,
    LedgerExportResult,
    LedgerExports,
    previous_month,
)
from app.ledger.service import LedgerExportService
from app.records import Actor
from ui.ledger_export_texts import DESCRIPTIONS, default_file_name, export_summary, kind_label, personal_note
from ui.ledger_messages import explain_failure, message_box
from ui.operator_dialog import ERROR_COLOR, NOTE_COLOR
from ui.progress import run_with_progress

translate = QCoreApplication.translate

MONTH_FORMAT: Final = "yyyy-MM"
"""How the month picker shows a month: the same form as ``--month`` on the command line."""
FIRST_MONTH: Final = QDate(2000, 1, 1)


def default_folder() -> Path:
    """The user's Documents folder where it exists (where officers look for files), else the home folder."""
    documents = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    return documents if documents.is_dir() else Path.home()


class LedgerExportDialog(QDialog):
    """Choose the ledger, its month or task, whether personal data goes with it, and where to save it."""

    def __init__(
        self,
        exports: LedgerExports,
        actor: Callable[[], Actor],
        parent: QWidget | None = None,
        *,
        kind: str = "registry",
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self._exports = exports
        self._actor = actor
        self._today = today()
        self._proposed_name = ""
        """The file name the dialog proposed last; a name the user typed instead is kept when the choice changes."""
        self._running = False
        self.result_: LedgerExportResult | None = None
        self.confirm_box: QMessageBox | None = None
        """The "replace the existing file?" question while it is open."""
        self.summary_box: QMessageBox | None = None
        """What was written where (kept here too: without a parent window nothing else holds it)."""
        self.tasks = exports.drawn_tasks()
        self.setWindowTitle(self.tr("Export a ledger"))
        self._build()
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        self._kind_changed()
        self.resize(680, self.sizeHint().height())

    # -- building ------------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.kind = QComboBox(self)
        for kind in EXPORT_KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.description.setStyleSheet(f"color: {NOTE_COLOR};")

        self.month_only = QCheckBox(self.tr("Only the month"), self)
        self.month = QDateEdit(self)
        self.month.setDisplayFormat(MONTH_FORMAT)
        self.month.setMinimumDate(FIRST_MONTH)
        self.month.setMaximumDate(QDate(self._today.year, self._today.month, 1))
        self.month.setDate(QDate.fromString(previous_month(self._today), MONTH_FORMAT))
        self.month.setCurrentSection(QDateEdit.Section.MonthSection)
        self.month_row = QWidget(self)
        month_layout = QHBoxLayout(self.month_row)
        month_layout.setContentsMargins(0, 0, 0, 0)
        month_layout.addWidget(self.month_only)
        month_layout.addWidget(self.month)
        month_layout.addStretch(1)

        self.task = QComboBox(self)
        self.task.addItem(self.tr("All drawn tasks"), None)
        for task in self.tasks:
            self.task.addItem(f"{task.number}  {task.name}", task.id)
        self.task_note = QLabel(
            self.tr(
                "No inspection task has been drawn yet, so there is no draw record to export. Draw a random "
                "inspection task first (Inspections \u2192 Random inspection tasks)."
            ),
            self,
        )
        self.task_note.setWordWrap(True)
        self.task_note.setStyleSheet(f"color: {ERROR_COLOR};")

        self.path_edit = QLineEdit(self)
        browse = QPushButton(self.tr("Browse\u2026"), self)
        browse.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        self.personal = QCheckBox(self.tr("Include personal data in full (not masked)"), self)
        self.personal_note = QLabel(self)
        self.personal_note.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)

        self.form = QFormLayout()
        self.form.addRow(self.tr("Ledger:"), self.kind)
        self.form.addRow("", self.description)
        self.form.addRow(self.tr("Month:"), self.month_row)
        self.form.addRow(self.tr("Task:"), self.task)
        self.form.addRow("", self.task_note)
        self.form.addRow(self.tr("Save as:"), path_row)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.personal)
        layout.addWidget(self.personal_note)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.month_only.toggled.connect(lambda _on: self._choice_changed())
        self.month.dateChanged.connect(lambda _d: self._choice_changed())
        self.task.currentIndexChanged.connect(lambda _i: self._choice_changed())
        self.path_edit.textChanged.connect(lambda _t: self._update_button())

    # -- the current choice --------------------------------------------------------------------------------------
    def chosen_kind(self) -> str:
        return str(self.kind.currentData())

    def chosen_month(self) -> str | None:
        """The month the export is for or limited to, or ``None`` (every month)."""
        kind = self.chosen_kind()
        if kind == "monthly" or (kind in MONTH_KINDS and self.month_only.isChecked()):
            return self.month.date().toString(MONTH_FORMAT)
        return None

    def chosen_task(self) -> str | None:
        """The id of the drawn task to export, or ``None`` (every drawn task)."""
        data = self.task.currentData()
        return str(data) if self.chosen_kind() == "draw" and data else None

    def _kind_changed(self) -> None:
        kind = self.chosen_kind()
        self.description.setText(translate("LedgerExport", DESCRIPTIONS[kind]))
        self.form.setRowVisible(self.month_row, kind in MONTH_KINDS)
        self.month_only.setVisible(kind != "monthly")
        self.form.setRowVisible(self.task, kind == "draw")
        self.form.setRowVisible(self.task_note, kind == "draw" and not self.tasks)
        self.task.setEnabled(bool(self.tasks))
        personal = kind in PERSONAL_KINDS
        self.personal.setEnabled(personal)
        if not personal:
            self.personal.setChecked(False)
        self.personal_note.setText(personal_note(kind))
        self._choice_changed()

    def _choice_changed(self) -> None:
        self.month.setEnabled(self.chosen_kind() == "monthly" or self.month_only.isChecked())
        self.status.clear()
        self._propose_file_name()
        self._update_button()

    def _propose_file_name(self) -> None:
        """Name the file after the choice, unless the user typed a name of their own (the folder is kept)."""
        task_id = self.chosen_task()
        number = next((t.number for t in self.tasks if t.id == task_id), None)
        name = default_file_name(self.chosen_kind(), self._today, month=self.chosen_month(), task_number=number)
        text = self.path_edit.text().strip()
        current = Path(text) if text else None
        if current is None or current.name == self._proposed_name:
            folder = current.parent if current is not None else default_folder()
            self.path_edit.setText(str(folder / name))
        self._proposed_name = name

    def _update_button(self) -> None:
        ready = bool(self.path_edit.text().strip()) and not (self.chosen_kind() == "draw" and not self.tasks)
        self.export_button.setEnabled(ready and not self._running)

    def target(self) -> Path | None:
        """The file to write: a name without folder goes to the Documents folder, a folder gets the proposed name,
        ``.xlsx`` is added if missing."""
        text = self.path_edit.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = default_folder() / path
        if path.is_dir():
            path = path / self._proposed_name
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        return path

    # -- actions -------------------------------------------------------------------------------------------------
    def browse(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export a ledger"), self.path_edit.text(), self.tr("Excel workbook (*.xlsx)")
        )
        if path:
            self.path_edit.setText(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def export(self) -> None:
        """Export to the chosen file; an existing file is replaced only after the user says so."""
        path = self.target()
        if path is None or self._running or not self.export_button.isEnabled():
            return
        self.path_edit.setText(str(path))
        if not path.exists():
            self.run_export(path)
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Replace the file?"),
            self.tr(
                "{file} already exists in {folder}. Replace it? If the export is cancelled or fails, the existing "
                "file stays as it is."
            ).format(file=path.name, folder=path.parent),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda answer: self._replace_answered(box, path, answer))
        self.confirm_box = box
        box.open()

    def _replace_answered(self, box: QMessageBox, path: Path, answer: int) -> None:
        self.confirm_box = None
        if answer == QMessageBox.StandardButton.Yes:
            self.run_export(path)
        box.deleteLater()  # only now: the export's event loop runs inside this signal of the box

    def run_export(self, path: Path) -> None:
        """Write the ledger with progress and cancel; say what happened."""
        kind, month, task = self.chosen_kind(), self.chosen_month(), self.chosen_task()
        personal = self.personal.isEnabled() and self.personal.isChecked()
        actor = self._actor()  # asked here, on the GUI thread
        self._running = True
        self._update_button()
        self.status.clear()
        try:
            result = run_with_progress(
                self,
                self.tr("Exporting {ledger}\u2026").format(ledger=kind_label(kind)),
                lambda progress: self._exports.export(
                    kind, path, month=month, task=task, include_personal_data=personal, actor=actor, progress=progress
                ),
            )
        except Exception as exc:
            explain_failure(self, exc)
            return
        finally:
            self._running = False
            self._update_button()
        if result is None:
            self.status.setText(
                self.tr(
                    "The export was cancelled. No file was written, and an existing file of that name was not changed."
                )
            )
            return
        self.result_ = result
        self.summary_box = message_box(
            self.parentWidget(), self.tr("Export finished"), export_summary(result), QMessageBox.Icon.Information
        )
        self.summary_box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
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
