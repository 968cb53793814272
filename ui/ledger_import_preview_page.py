"""The import wizard's preview page: what the import would do, counted and row by row, filterable by result, with
the error report one click away. Nothing has been written yet."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from app.i18n import QT_TRANSLATE_NOOP
from app.ledger.preview import Status
from ui.ledger_import_texts import CONTEXT, translate
from ui.ledger_preview_model import PreviewModel

if TYPE_CHECKING:
    from ui.ledger_import_wizard import LedgerImportWizard


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
