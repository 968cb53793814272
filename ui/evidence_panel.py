"""The evidence side of the inspection editor as widgets only: the gallery of thumbnails and the recorded elements
of the selected file (what it proves, when and where it was captured, how, its SHA-256 and SM3). The editor fills
it and saves what is typed (ui/inspection_evidence.py)."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.inspections.vocabulary import EVIDENCE_METHODS
from ui.operator_dialog import ERROR_COLOR, NOTE_COLOR, FindingLabel
from ui.optional_datetime_edit import OptionalDateTimeEdit

THUMBNAIL: Final = QSize(112, 84)


class EvidencePanel(QWidget):
    """The gallery of a record's evidence with thumbnails, and the recorded elements of the selected file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(self.tr("Evidence"), self)
        heading.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.hint = QLabel(
            self.tr(
                "Ctrl+V pastes a screenshot: inside a checklist item it is attached to that item, elsewhere to the "
                "record. Files can also be dragged here."
            ),
            self,
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {NOTE_COLOR};")
        self.paste_button = QPushButton(self.tr("Paste screenshot"), self)
        self.add_button = QPushButton(self.tr("Add files…"), self)
        self.gallery = QListWidget(self)
        self.gallery.setViewMode(QListWidget.ViewMode.IconMode)
        self.gallery.setIconSize(THUMBNAIL)
        self.gallery.setGridSize(QSize(THUMBNAIL.width() + 24, THUMBNAIL.height() + 48))
        self.gallery.setMovement(QListWidget.Movement.Static)
        self.gallery.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.gallery.setWordWrap(True)
        self.gallery.setUniformItemSizes(True)
        self.gallery.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.gallery.setDragEnabled(False)
        self.gallery.setAcceptDrops(False)
        self.empty_label = QLabel(self.tr("No evidence yet."), self)
        self.empty_label.setStyleSheet(f"color: {NOTE_COLOR};")
        self.finding = FindingLabel(self)

        self.details = QGroupBox(self.tr("Selected file"), self)
        form = QFormLayout(self.details)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.file_label = QLabel(self.details)
        self.file_label.setWordWrap(True)
        self.sha256_edit = QLineEdit(self.details)
        self.sm3_edit = QLineEdit(self.details)
        for edit in (self.sha256_edit, self.sm3_edit):
            edit.setReadOnly(True)  # shown whole and copyable; the file's fingerprint never changes
            edit.setStyleSheet("font-family: monospace;")
        self.problem_label = QLabel(self.details)
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(f"color: {ERROR_COLOR};")
        self.problem_label.hide()
        self.item_combo = QComboBox(self.details)
        self.captured_edit = OptionalDateTimeEdit(self.details)
        self.url_edit = QLineEdit(self.details)
        self.url_edit.setPlaceholderText(self.tr("Web address the evidence was taken from"))
        self.device_edit = QLineEdit(self.details)
        self.method_combo = QComboBox(self.details)
        self.method_combo.setEditable(True)
        self.method_combo.addItems(list(EVIDENCE_METHODS))
        self.description_edit = QLineEdit(self.details)
        self.description_edit.setPlaceholderText(self.tr("What it shows"))
        self.export_button = QPushButton(self.tr("Save a copy…"), self.details)
        self.export_button.setToolTip(self.tr("Save the original file (unchanged) to a folder."))
        self.remove_button = QPushButton(self.tr("Remove from record"), self.details)
        form.addRow(self.tr("File:"), self.file_label)
        form.addRow(self.problem_label)
        form.addRow(self.tr("Proves:"), self.item_combo)
        form.addRow(self.tr("Captured:"), self.captured_edit)
        form.addRow(self.tr("Source:"), self.url_edit)
        form.addRow(self.tr("Device / tool:"), self.device_edit)
        form.addRow(self.tr("Method:"), self.method_combo)
        form.addRow(self.tr("Description:"), self.description_edit)
        form.addRow(self.tr("SHA-256:"), self.sha256_edit)
        form.addRow(self.tr("SM3:"), self.sm3_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        form.addRow(buttons)

        self.gallery.setMinimumHeight(THUMBNAIL.height() + 64)
        self.details_area = QScrollArea(self)
        self.details_area.setWidgetResizable(True)
        self.details_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.details_area.setWidget(self.details)
        self.details_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.details_area.hide()
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.gallery)
        splitter.addWidget(self.details_area)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.paste_button)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.finding)
        layout.addWidget(self.empty_label)
        layout.addWidget(splitter, 1)

    def editors(self) -> list[QWidget]:
        return [self.item_combo, self.url_edit, self.device_edit, self.method_combo, self.description_edit]
