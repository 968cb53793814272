"""The inspection record editor: every field saves itself as it changes (autosave), draft findings appear next to
their fields, evidence is added by file picker, drag-and-drop or Ctrl+V of a screenshot, and 定稿 / 更正 / 文书
are one click away.

Autosave: choices (officers, answers, methods, results, follow-up) call their ``InspectionService.set_…`` method
at once; typed text (and dates being spun) is saved at most :data:`SAVE_WITHIN_MS` after the keystroke — the first
unsaved keystroke starts the clock, further typing does not postpone it — and at once when the field loses focus
or the window closes, so killing the program loses at most the keystroke in flight. Each save is one short
transaction (~10 ms), so the rate is bounded even for a fast typist. There is no Save button; the indicator at the top
says when the record was last saved, or — in red — that an entry could not be saved and why (the message is next
to the field; what was saved before stays saved).

Thin: every read and write is a service call; the editor only keeps the state of the screen.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Final

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QDate,
    QDateTime,
    QEvent,
    QIODevice,
    QMimeData,
    QObject,
    QPoint,
    QSize,
    QSysInfo,
    Qt,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import NotFound, ValidationFailed
from app.inspections import documents as official
from app.inspections.data import EvidenceAdded, EvidenceMeta, EvidenceRecord, InspectionDetail, TemplateItem
from app.inspections.errors import EvidenceUnavailable, RecordDiscarded, RecordFinalized
from app.inspections.vocabulary import (
    ALL_RESULTS,
    CONFORMITY_ANSWERS,
    EVIDENCE_METHODS,
    FOLLOW_UP_OTHER,
    FOLLOW_UP_RECTIFY,
    FOLLOW_UPS,
    METHODS,
    NONCONFORMS,
    AnswerType,
    InspectionKind,
)
from app.records import Actor, OfficerRecord
from app.sync_status import SyncState
from app.validation import Finding, Severity
from ui.documents import DocumentWindow
from ui.inspection_models import InspectionServices, format_minute, inspection_label, list_text
from ui.operator_dialog import ERROR_COLOR, NOTE_COLOR, WARNING_COLOR, FindingLabel, OptionalDateEdit
from ui.sync_column import sync_color, sync_text, sync_tooltip
from ui.ui_text import known_failure_text, translate_finding

SAVE_WITHIN_MS: Final = 150
"""Typed text is saved at most this long after a keystroke (about one keystroke of a fast typist)."""
THUMBNAIL: Final = QSize(112, 84)
ITEM_THUMBNAIL: Final = QSize(40, 30)
RECORD_LEVEL: Final = ""
"""Combo data of "the record as a whole" where evidence may belong to an item."""
IMAGE_TYPES: Final = frozenset({"image/png", "image/jpeg", "image/gif", "image/bmp", "image/webp", "image/tiff"})

SCREENSHOT: Final = EVIDENCE_METHODS[0]
"""截图: how a pasted screenshot was fixed (the official wording, from the vocabulary)."""
FILE_COPY: Final = EVIDENCE_METHODS[5]
"""文件复制: how a file added from disk was fixed."""


def to_datetime(value: QDateTime) -> datetime:
    day, time = value.date(), value.time()
    return datetime(day.year(), day.month(), day.day(), time.hour(), time.minute())


def to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))


def device_description() -> str:
    """The computer and system a screenshot was taken on (电子数据取证: the device or tool)."""
    return f"{QSysInfo.machineHostName()} / {QSysInfo.prettyProductName()}"


def png_bytes(image: QImage) -> bytes:
    """An image as PNG file bytes (lossless: the screenshot is kept as it was)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; PySide6 wants str
    buffer.close()
    return bytes(data.data())


def local_files(mime: QMimeData | None) -> list[Path]:
    """Local files dragged or copied (Explorer's copy puts their URLs on the clipboard)."""
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


# --- small widgets ------------------------------------------------------------------------------------------------
class OptionalDateTimeEdit(QWidget):
    """A date and time that may still be unknown: a tick box enables it; "Now" fills in the current minute."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(self)
        self.check.setToolTip(self.tr("Tick to enter the time."))
        self.edit = QDateTimeEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.edit.setDateTime(QDateTime.currentDateTime())
        self.now_button = QPushButton(self.tr("Now"), self)
        self.now_button.setToolTip(self.tr("Set to the current date and time."))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.now_button)
        self.edit.setEnabled(False)
        self.check.toggled.connect(self._on_toggled)
        self.edit.dateTimeChanged.connect(lambda _value: self.changed.emit())
        self.now_button.clicked.connect(self.set_now)

    def value(self) -> datetime | None:
        return to_datetime(self.edit.dateTime()) if self.check.isChecked() else None

    def set_value(self, value: datetime | None) -> None:
        """Show a stored value without emitting :attr:`changed`."""
        self.blockSignals(True)
        self.check.blockSignals(True)
        self.edit.blockSignals(True)
        try:
            self.check.setChecked(value is not None)
            self.edit.setEnabled(value is not None)
            if value is not None:
                self.edit.setDateTime(to_qdatetime(value))
        finally:
            self.edit.blockSignals(False)
            self.check.blockSignals(False)
            self.blockSignals(False)

    def set_now(self) -> None:
        now = datetime.now().replace(second=0, microsecond=0)
        self.edit.blockSignals(True)
        self.edit.setDateTime(to_qdatetime(now))
        self.edit.blockSignals(False)
        if self.check.isChecked():
            self.changed.emit()
        else:
            self.check.setChecked(True)

    def set_read_only(self, read_only: bool) -> None:
        self.check.setEnabled(not read_only)
        self.now_button.setVisible(not read_only)
        self.edit.setReadOnly(read_only)

    def _on_toggled(self, checked: bool) -> None:
        self.edit.setEnabled(checked)
        self.changed.emit()


class ReasonDialog(QDialog):
    """Asks for a required reason (amendment, discarding a draft, extending a deadline)."""

    def __init__(self, title: str, intro: str, placeholder: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        text = QLabel(intro, self)
        text.setWordWrap(True)
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setPlaceholderText(placeholder)
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setEnabled(False)
        self.reason_edit.textChanged.connect(lambda: self.ok_button.setEnabled(bool(self.reason().strip())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.extra = QVBoxLayout()
        self.findings = FindingLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(self.extra)
        layout.addWidget(QLabel(self.tr("Reason (required):"), self))
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.findings)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()


@dataclass
class _Pending:
    fields: tuple[str, ...]
    call: Callable[[], list[Finding]]


class ItemRow(QFrame):
    """One checklist item: its question and legal basis, the answer, a note, its evidence and its findings."""

    def __init__(self, item: TemplateItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setObjectName("itemRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("item_code", item.code)
        required = " *" if item.required else ""
        question = QLabel(f"<b>{item.code}</b>{required}&nbsp;&nbsp;{item.question}", self)
        question.setWordWrap(True)
        question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if item.guidance:
            question.setToolTip(item.guidance)
        basis = list_text([self.tr("{law} {article}").format(law=b.law, article=b.article) for b in item.legal_basis])
        hints = [basis] if basis else []
        if item.evidence_required:
            hints.append(self.tr("Evidence required when the answer is {value}.").format(value=NONCONFORMS))
        self.basis_label = QLabel("  ·  ".join(hints), self)
        self.basis_label.setWordWrap(True)
        self.basis_label.setStyleSheet(f"color: {NOTE_COLOR}; font-size: 9pt;")
        self.radios: dict[str, QRadioButton] = {}
        self.group: QButtonGroup | None = None
        self.value_edit: QLineEdit | None = None
        self.date_edit: OptionalDateEdit | None = None
        answer = QHBoxLayout()
        answer.setContentsMargins(0, 0, 0, 0)
        if item.answer_type == AnswerType.CONFORMITY:
            self.group = QButtonGroup(self)
            for value in CONFORMITY_ANSWERS:
                radio = QRadioButton(value, self)
                self.group.addButton(radio)
                self.radios[value] = radio
                answer.addWidget(radio)
        elif item.answer_type == AnswerType.DATE:
            self.date_edit = OptionalDateEdit(self)
            answer.addWidget(self.date_edit)
        else:
            self.value_edit = QLineEdit(self)
            self.value_edit.setPlaceholderText(
                self.tr("A number, for example 3") if item.answer_type == AnswerType.NUMBER else self.tr("Answer")
            )
            answer.addWidget(self.value_edit, 1)
        self.note_edit = QLineEdit(self)
        self.note_edit.setPlaceholderText(self.tr("Note: what was seen, where"))
        answer.addWidget(self.note_edit, 2)
        self.evidence_label = QLabel(self)
        self.evidence_label.setStyleSheet(f"color: {NOTE_COLOR};")
        self.thumbs = QHBoxLayout()
        self.thumbs.setContentsMargins(0, 0, 0, 0)
        self.thumbs.setSpacing(3)
        self.paste_button = QToolButton(self)
        self.paste_button.setText(self.tr("Paste screenshot"))
        self.paste_button.setToolTip(
            self.tr("Attach the picture on the clipboard to this item (or press Ctrl+V inside this item).")
        )
        self.file_button = QToolButton(self)
        self.file_button.setText(self.tr("Add file…"))
        self.file_button.setToolTip(self.tr("Attach screenshots, PDF files or recordings to this item."))
        evidence = QHBoxLayout()
        evidence.setContentsMargins(0, 0, 0, 0)
        evidence.addLayout(self.thumbs)
        evidence.addWidget(self.evidence_label, 1)
        evidence.addWidget(self.paste_button)
        evidence.addWidget(self.file_button)
        self.finding = FindingLabel(self)
        self.previous_label = QLabel(self)
        self.previous_label.setWordWrap(True)
        self.previous_label.setStyleSheet(f"color: {WARNING_COLOR}; font-weight: bold;")
        self.previous_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(question)
        layout.addWidget(self.previous_label)
        layout.addWidget(self.basis_label)
        layout.addLayout(answer)
        layout.addLayout(evidence)
        layout.addWidget(self.finding)

    def mark_failed(self, note: str) -> None:
        """This item was found 不符合 by the inspection this re-inspection checks again."""
        text = self.tr("Found {value} at the inspection being re-checked: check it again.").format(value=NONCONFORMS)
        if note:
            text += " " + self.tr("Then: {note}").format(note=note)
        self.previous_label.setText(text)
        self.previous_label.show()

    def value(self) -> str:
        if self.group is not None:
            checked = self.group.checkedButton()
            return checked.text() if checked is not None else ""
        if self.date_edit is not None:
            chosen = self.date_edit.value()
            return chosen.isoformat() if chosen else ""
        assert self.value_edit is not None
        return self.value_edit.text()

    def set_value(self, value: str) -> None:
        if self.group is not None:
            radio = self.radios.get(value)
            if radio is not None:
                radio.setChecked(True)
        elif self.date_edit is not None:
            try:
                self.date_edit.set_value(date.fromisoformat(value) if value else None)
            except ValueError:
                self.date_edit.set_value(None)
        elif self.value_edit is not None:
            self.value_edit.setText(value)

    def show_evidence(self, pieces: Sequence[EvidenceRecord], icons: Callable[[EvidenceRecord], QIcon]) -> None:
        while self.thumbs.count():
            taken = self.thumbs.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.hide()  # at once: deleteLater waits for the event loop
                widget.deleteLater()
        for piece in pieces[:6]:
            thumb = QLabel(self)
            thumb.setPixmap(icons(piece).pixmap(ITEM_THUMBNAIL))
            thumb.setToolTip(piece.file_name)
            self.thumbs.addWidget(thumb)
        if pieces:
            text = self.tr("{count} evidence file(s)").format(count=len(pieces))
        elif self.item.evidence_required and self.value() == NONCONFORMS:
            text = self.tr("No evidence yet")
        else:
            text = ""
        self.evidence_label.setText(text)

    def set_read_only(self, read_only: bool) -> None:
        for radio in self.radios.values():
            radio.setEnabled(not read_only)
        if self.value_edit is not None:
            self.value_edit.setReadOnly(read_only)
        if self.date_edit is not None:
            self.date_edit.setEnabled(not read_only)
        self.note_edit.setReadOnly(read_only)
        self.paste_button.setVisible(not read_only)
        self.file_button.setVisible(not read_only)


# --- the evidence panel -------------------------------------------------------------------------------------------
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


# --- the editor ---------------------------------------------------------------------------------------------------
class InspectionEditor(QWidget):
    """Edits one inspection record (a draft) or shows it read-only (finalized)."""

    back_requested = Signal()
    """The user wants the list again."""
    changed = Signal(str)
    """The record's list entry changed (saved, finalized, discarded)."""
    open_requested = Signal(str)
    """Another record should be opened instead (an amendment just started, or the one superseding this)."""

    def __init__(
        self,
        services: InspectionServices,
        actor: Callable[[], Actor],
        inspection_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._svc = services
        self._actor = actor
        self.inspection_id = inspection_id
        self.detail: InspectionDetail = services.inspections.detail(inspection_id)
        self.read_only = self.detail.state != "draft"
        self.dialog: QWidget | None = None
        """The reason dialog, confirmation or document window while one is open (tests reach it here)."""
        self._pending: dict[str, _Pending] = {}
        self._findings: dict[str, list[Finding]] = {}
        self._checked_fields: set[str] = set()
        self._labels: dict[str, FindingLabel] = {}
        self._icons: dict[str, QIcon] = {}
        self._problems: dict[str, str] = {}
        self._evidence: list[EvidenceRecord] = list(self.detail.evidence)
        self._loading = False
        self._officers: list[OfficerRecord] = services.officers.active_officers()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_WITHIN_MS)
        self._timer.timeout.connect(self.flush)
        self.setAcceptDrops(True)
        self._build()
        self._mark_failed_items()
        self._load()
        self._connect()
        self._apply_state()
        if not self.read_only:
            self._replace_findings(("officers", "started_at", "ended_at", "result_categories"), self._draft_findings())

    # -- public ------------------------------------------------------------------------------------------------------
    def flush(self) -> bool:
        """Save every pending edit now; ``False`` when one of them could not be saved."""
        self._timer.stop()
        ok = True
        while self._pending:
            key = next(iter(self._pending))
            pending = self._pending.pop(key)
            ok = self._run(pending) and ok
        return ok

    def has_pending(self) -> bool:
        return bool(self._pending)

    def item_row(self, code: str) -> ItemRow:
        return self.item_rows[code]

    def finding_label(self, field: str) -> FindingLabel:
        return self._labels[field]

    def findings(self, field: str) -> list[Finding]:
        return list(self._findings.get(field, []))

    def evidence(self) -> list[EvidenceRecord]:
        return list(self._evidence)

    # -- building ----------------------------------------------------------------------------------------------------
    def _build(self) -> None:
        d = self.detail
        self.back_button = QPushButton(self.tr("\u2190 Back to the list"), self)
        self.title_label = QLabel(d.subject_name, self)
        self.title_label.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_state = QLabel(self)
        self.save_state.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.info_label = QLabel(self)
        self.info_label.setWordWrap(True)
        self.info_label.setStyleSheet(f"color: {NOTE_COLOR};")
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #eef4ff; border: 1px solid #9db7e0; padding: 6px;")
        self.banner.hide()
        self.open_newer_button = QPushButton(self.tr("Open the amendment"), self)
        self.open_newer_button.hide()
        self.finalize_button = QPushButton(self.tr("Finalize…"), self)
        self.finalize_button.setToolTip(
            self.tr("Check the record and finalize it. A finalized record can no longer be changed.")
        )
        self.amend_button = QPushButton(self.tr("Amend…"), self)
        self.amend_button.setToolTip(
            self.tr("Correct a finalized record: a new version is made with your reason; the original is kept.")
        )
        self.discard_button = QPushButton(self.tr("Discard draft…"), self)
        self.documents_button = QToolButton(self)
        self.documents_button.setText(self.tr("Print / PDF"))
        self.documents_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.documents_button)
        self.record_document_action = menu.addAction(
            self.tr("Inspection record ({title})").format(title=official.record_title(d))
        )
        self.evidence_document_action = menu.addAction(
            self.tr("Electronic evidence record ({title})").format(title=official.EVIDENCE_TITLE)
        )
        self.notice_document_action = menu.addAction(
            self.tr("Order to correct ({title})").format(title=official.NOTICE_TITLE)
        )
        self.documents_button.setMenu(menu)
        self.blocking = FindingLabel(self)
        self.blocking.setStyleSheet(f"color: {ERROR_COLOR};")
        self.blocking_area = QScrollArea(self)
        self.blocking_area.setWidgetResizable(True)
        self.blocking_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.blocking_area.setWidget(self.blocking)
        self.blocking_area.setMaximumHeight(self.fontMetrics().lineSpacing() * 6 + 8)
        self.blocking_area.hide()

        header = QHBoxLayout()
        header.addWidget(self.back_button)
        header.addWidget(self.title_label, 1)
        header.addWidget(self.save_state)
        actions = QHBoxLayout()
        actions.addWidget(self.info_label, 1)
        actions.addWidget(self.documents_button)
        actions.addWidget(self.discard_button)
        actions.addWidget(self.amend_button)
        actions.addWidget(self.finalize_button)
        banner = QHBoxLayout()
        banner.addWidget(self.banner, 1)
        banner.addWidget(self.open_newer_button)

        form = QWidget(self)
        self.form = form
        column = QVBoxLayout(form)
        column.addWidget(self._subject_box())
        column.addWidget(self._people_box())
        column.addWidget(self._items_box())
        column.addWidget(self._results_box())
        column.addWidget(self._opinion_box())
        column.addStretch(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(form)
        self.evidence_panel = EvidencePanel(self)
        self._labels["evidence"] = self.evidence_panel.finding
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.scroll_area)
        splitter.addWidget(self.evidence_panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([680, 420])
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(actions)
        layout.addLayout(banner)
        layout.addWidget(self.blocking_area)
        layout.addWidget(splitter, 1)

        self.general = FindingLabel(self)
        layout.insertWidget(4, self.general)

        for widget in self.findChildren(QLineEdit) + self.findChildren(QPlainTextEdit):
            widget.setAcceptDrops(False)  # dropped files become evidence, not text
            widget.installEventFilter(self)
        self.paste_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Paste), self)
        self.paste_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    @staticmethod
    def _form(box: QGroupBox) -> QFormLayout:
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        return form

    def _cell(self, field: str, *widgets: QWidget | QHBoxLayout) -> QWidget:
        """Editors with the finding label of ``field`` under them."""
        cell = QWidget(self)
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        for widget in widgets:
            if isinstance(widget, QHBoxLayout):
                column.addLayout(widget)
            else:
                column.addWidget(widget)
        label = FindingLabel(cell)
        column.addWidget(label)
        self._labels[field] = label
        return cell

    def _subject_box(self) -> QGroupBox:
        d = self.detail
        box = QGroupBox(self.tr("Operator inspected"), self)
        form = self._form(box)

        def value(text: str) -> QLabel:
            shown = QLabel(text or "\u2014", box)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            return shown

        form.addRow(self.tr("Name:"), value(d.subject_name))
        form.addRow(self.tr("Identifier:"), value(d.subject_identifier))
        form.addRow(self.tr("Address:"), value(d.subject_address))
        form.addRow(
            self.tr("Legal representative, phone:"),
            value("  ".join(v for v in (d.subject_legal_representative, d.subject_phone) if v)),
        )
        self.carrier_combo = QComboBox(box)
        self.carrier_combo.addItem(self.tr("The operator as a whole"), RECORD_LEVEL)
        try:
            carriers = self._svc.registry.detail(d.operator_id).carriers
        except NotFound:
            carriers = []
        for carrier in carriers:
            text = " \u00b7 ".join(v for v in (carrier.platform, carrier.shop_name, carrier.url) if v)
            self.carrier_combo.addItem(text or carrier.id, carrier.id)
        if d.carrier_id and self.carrier_combo.findData(d.carrier_id) < 0:
            self.carrier_combo.addItem(d.carrier_summary, d.carrier_id)
        form.addRow(self.tr("Shop / website inspected:"), self._cell("carrier", self.carrier_combo))
        self.kind_combo = QComboBox(box)
        for kind in InspectionKind:
            self.kind_combo.addItem(inspection_label(kind), kind.value)
        form.addRow(self.tr("Kind of inspection:"), self.kind_combo)
        checklist = self.tr("{title} (version {version}, fingerprint {hash})").format(
            title=d.template.title, version=d.template.version, hash=d.template.content_hash[:12]
        )
        form.addRow(self.tr("Checklist:"), value(checklist))
        return box

    def _officer_combo(self, parent: QWidget, optional: bool) -> QComboBox:
        combo = QComboBox(parent)
        combo.addItem(self.tr("(optional)") if optional else self.tr("Choose…"), "")
        known = {o.id for o in self._officers}
        for officer in self._officers:
            combo.addItem(self._officer_text(officer.name, officer.cert_no), officer.id)
        for on_record in self.detail.officers:
            if on_record.officer_id not in known:
                combo.addItem(self._officer_text(on_record.name, on_record.cert_no), on_record.officer_id)
        return combo

    def _officer_text(self, name: str, cert_no: str) -> str:
        if cert_no.strip():
            return self.tr("{name} ({cert})").format(name=name, cert=cert_no)
        return self.tr("{name} (no certificate number)").format(name=name)

    def _people_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Officers, time and place"), self)
        form = self._form(box)
        self.officer_combos = [
            self._officer_combo(box, optional=False),
            self._officer_combo(box, optional=False),
            self._officer_combo(box, optional=True),
        ]
        officers = QHBoxLayout()
        officers.setContentsMargins(0, 0, 0, 0)
        for combo in self.officer_combos:
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
            officers.addWidget(combo, 1)
        form.addRow(self.tr("Officers (at least two):"), self._cell("officers", officers))
        self.recorder_combo = self._officer_combo(box, optional=True)
        form.addRow(self.tr("Recorder:"), self._cell("recorder", self.recorder_combo))
        self.start_edit = OptionalDateTimeEdit(box)
        self.end_edit = OptionalDateTimeEdit(box)
        form.addRow(self.tr("Started:"), self._cell("started_at", self.start_edit))
        form.addRow(self.tr("Ended:"), self._cell("ended_at", self.end_edit))
        self.place_edit = QLineEdit(box)
        self.place_edit.setPlaceholderText(self.tr("For online checks, where the check was done"))
        form.addRow(self.tr("Place:"), self._cell("place", self.place_edit))
        self.people_edit = QLineEdit(box)
        self.people_edit.setPlaceholderText(self.tr("Names and roles of the people present"))
        form.addRow(self.tr("People present:"), self._cell("people_present", self.people_edit))
        return box

    def _items_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Checklist items"), self)
        column = QVBoxLayout(box)
        column.setSpacing(6)
        self.item_rows: dict[str, ItemRow] = {}
        for item in self.detail.items:
            row = ItemRow(item, box)
            self.item_rows[item.code] = row
            self._labels[f"answer:{item.code}"] = row.finding
            column.addWidget(row)
        return box

    def _results_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Methods, results and follow-up"), self)
        form = self._form(box)
        self.method_checks: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        for n, method in enumerate(METHODS):
            check = QCheckBox(method, box)
            self.method_checks[method] = check
            grid.addWidget(check, n // 2, n % 2)
        methods = QWidget(box)
        methods.setLayout(grid)
        form.addRow(self.tr("Methods:"), self._cell("methods", methods))
        self.result_checks: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        for n, result in enumerate(ALL_RESULTS):
            check = QCheckBox(result, box)
            self.result_checks[result] = check
            grid.addWidget(check, n // 2, n % 2)
        results = QWidget(box)
        results.setLayout(grid)
        form.addRow(self.tr("Results:"), self._cell("result_categories", results))
        self.follow_up_combo = QComboBox(box)
        self.follow_up_combo.addItem(self.tr("Choose…"), "")
        for measure in FOLLOW_UPS:
            self.follow_up_combo.addItem(measure, measure)
        form.addRow(self.tr("Follow-up:"), self._cell("follow_up", self.follow_up_combo))
        self.follow_up_note_edit = QPlainTextEdit(box)
        self.follow_up_note_edit.setTabChangesFocus(True)
        self.follow_up_note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.follow_up_note_edit.setPlaceholderText(
            self.tr("What the operator must do (printed on the order to correct), or the other measure")
        )
        form.addRow(self.tr("Requirement / details:"), self._cell("follow_up_note", self.follow_up_note_edit))
        self.deadline_edit = OptionalDateEdit(box)
        form.addRow(self.tr("Rectify by:"), self._cell("rectification_deadline", self.deadline_edit))
        return box

    def _opinion_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("The party's opinion and notes"), self)
        form = self._form(box)
        self.opinion_edit = QPlainTextEdit(box)
        self.opinion_edit.setTabChangesFocus(True)
        self.opinion_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        form.addRow(self.tr("Party's opinion:"), self._cell("party_opinion", self.opinion_edit))
        self.notes_edit = QPlainTextEdit(box)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        form.addRow(self.tr("Notes:"), self._cell("notes", self.notes_edit))
        return box

    # -- loading -----------------------------------------------------------------------------------------------------
    def _mark_failed_items(self) -> None:
        """A re-inspection shows which items failed at the inspection that ordered the rectification."""
        if not self.detail.reinspection_of_id:
            return
        try:
            failed = self._svc.rectifications.failed_items(self.detail.reinspection_of_id)
        except NotFound:
            return
        for item in failed:
            row = self.item_rows.get(item.code)
            if row is not None:
                row.mark_failed(item.note)

    def _load(self) -> None:
        d = self.detail
        self._loading = True
        try:
            self._select(self.carrier_combo, d.carrier_id or RECORD_LEVEL)
            self._select(self.kind_combo, d.kind)
            ids = [o.officer_id for o in d.officers]
            for n, combo in enumerate(self.officer_combos):
                self._select(combo, ids[n] if n < len(ids) else "")
            self._select(self.recorder_combo, d.recorder_id or "")
            self.start_edit.set_value(d.started_at)
            self.end_edit.set_value(d.ended_at)
            self.place_edit.setText(d.place)
            self.people_edit.setText(d.people_present)
            for code, row in self.item_rows.items():
                answer = d.answers.get(code)
                if answer is not None:
                    row.set_value(answer.value)
                    row.note_edit.setText(answer.note)
            for method, check in self.method_checks.items():
                check.setChecked(method in d.methods)
            for result, check in self.result_checks.items():
                check.setChecked(result in d.result_categories)
            self._select(self.follow_up_combo, d.follow_up)
            self.follow_up_note_edit.setPlainText(d.follow_up_note)
            self.deadline_edit.set_value(d.rectification_deadline)
            self.opinion_edit.setPlainText(d.party_opinion)
            self.notes_edit.setPlainText(d.notes)
        finally:
            self._loading = False
        self._show_evidence()

    @staticmethod
    def _select(combo: QComboBox, data: str) -> None:
        index = combo.findData(data)
        if index < 0 and data:
            combo.addItem(data, data)
            index = combo.count() - 1
        combo.blockSignals(True)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def _draft_findings(self) -> list[Finding]:
        try:
            return self._svc.inspections.draft_findings(self.inspection_id)
        except NotFound:
            return []

    # -- wiring ------------------------------------------------------------------------------------------------------
    def _connect(self) -> None:
        svc, rid = self._svc.inspections, self.inspection_id
        self.back_button.clicked.connect(self._back)
        self.finalize_button.clicked.connect(self.finalize)
        self.amend_button.clicked.connect(self.amend)
        self.discard_button.clicked.connect(self.discard)
        self.open_newer_button.clicked.connect(self._open_newer)
        self.record_document_action.triggered.connect(lambda: self.open_document("record"))
        self.evidence_document_action.triggered.connect(lambda: self.open_document("evidence"))
        self.notice_document_action.triggered.connect(lambda: self.open_document("notice"))
        self.paste_shortcut.activated.connect(lambda: self.paste_evidence(self._target_of(self.focusWidget())))

        self.carrier_combo.activated.connect(
            lambda _i: self._now(
                "carrier",
                ("carrier",),
                lambda: svc.set_carrier(rid, str(self.carrier_combo.currentData() or "") or None, self._actor()),
            )
        )
        self.kind_combo.activated.connect(
            lambda _i: self._now(
                "kind", ("kind",), lambda: svc.set_kind(rid, str(self.kind_combo.currentData()), self._actor())
            )
        )
        for combo in self.officer_combos:
            combo.activated.connect(
                lambda _i: self._now(
                    "officers", ("officers",), lambda: svc.set_officers(rid, self.chosen_officers(), self._actor())
                )
            )
        self.recorder_combo.activated.connect(
            lambda _i: self._now(
                "recorder",
                ("recorder",),
                lambda: svc.set_recorder(rid, str(self.recorder_combo.currentData() or "") or None, self._actor()),
            )
        )
        for edit in (self.start_edit, self.end_edit):
            edit.changed.connect(
                lambda: self._later(
                    "times",
                    ("started_at", "ended_at"),
                    lambda: svc.set_times(rid, self.start_edit.value(), self.end_edit.value(), self._actor()),
                )
            )
        self._text(self.place_edit, "place")
        self._text(self.people_edit, "people_present")
        self._text(self.follow_up_note_edit, "follow_up_note")
        self._text(self.opinion_edit, "party_opinion")
        self._text(self.notes_edit, "notes")
        for check in self.method_checks.values():
            check.toggled.connect(
                lambda _on: self._now(
                    "methods", ("methods",), lambda: svc.set_methods(rid, self.chosen_methods(), self._actor())
                )
            )
        for check in self.result_checks.values():
            check.toggled.connect(
                lambda _on: self._now(
                    "result_categories",
                    ("result_categories",),
                    lambda: svc.set_result_categories(rid, self.chosen_results(), self._actor()),
                )
            )
        self.follow_up_combo.activated.connect(self._on_follow_up)
        self.deadline_edit.check.toggled.connect(lambda _on: self._deadline_changed())
        self.deadline_edit.edit.dateChanged.connect(lambda _d: self._deadline_changed())
        for code, row in self.item_rows.items():
            self._connect_item(code, row)
        panel = self.evidence_panel
        panel.paste_button.clicked.connect(lambda: self.paste_evidence(None))
        panel.add_button.clicked.connect(lambda: self.pick_files(None))
        panel.gallery.currentRowChanged.connect(self._on_evidence_selected)
        panel.remove_button.clicked.connect(self._remove_evidence)
        panel.export_button.clicked.connect(self._export_evidence)
        panel.item_combo.activated.connect(lambda _i: self._evidence_changed(now=True))
        panel.method_combo.activated.connect(lambda _i: self._evidence_changed(now=True))
        panel.captured_edit.changed.connect(lambda: self._evidence_changed(now=False))
        for line in (panel.url_edit, panel.device_edit, panel.description_edit):
            line.textEdited.connect(lambda _t: self._evidence_changed(now=False))
            line.editingFinished.connect(self.flush)
        method_edit = panel.method_combo.lineEdit()
        if method_edit is not None:
            method_edit.textEdited.connect(lambda _t: self._evidence_changed(now=False))

    def _text(self, editor: QLineEdit | QPlainTextEdit, field: str) -> None:
        svc, rid = self._svc.inspections, self.inspection_id

        def read() -> str:
            return editor.text() if isinstance(editor, QLineEdit) else editor.toPlainText()

        def save() -> list[Finding]:
            return svc.set_text(rid, field, read(), self._actor())

        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(lambda _t: self._later(field, (field,), save))
            editor.editingFinished.connect(self.flush)
        else:
            editor.textChanged.connect(lambda: self._later(field, (field,), save))

    def _connect_item(self, code: str, row: ItemRow) -> None:
        svc, rid = self._svc.inspections, self.inspection_id
        field = f"answer:{code}"

        def save_answer() -> list[Finding]:
            found = svc.set_answer(rid, code, row.value(), self._actor())
            row.show_evidence([p for p in self._evidence if p.item_code == code], self._icon)  # "no evidence yet"
            return found

        if row.group is not None:
            row.group.buttonClicked.connect(lambda _b: self._now(f"answer:{code}", (field,), save_answer))
        if row.value_edit is not None:
            row.value_edit.textEdited.connect(lambda _t: self._later(f"answer:{code}", (field,), save_answer))
            row.value_edit.editingFinished.connect(self.flush)
        if row.date_edit is not None:
            row.date_edit.check.toggled.connect(lambda _on: self._later(f"answer:{code}", (field,), save_answer))
            row.date_edit.edit.dateChanged.connect(lambda _d: self._later(f"answer:{code}", (field,), save_answer))
        row.note_edit.textEdited.connect(
            lambda _t: self._later(
                f"note:{code}", (field,), lambda: svc.set_answer_note(rid, code, row.note_edit.text(), self._actor())
            )
        )
        row.note_edit.editingFinished.connect(self.flush)
        row.paste_button.clicked.connect(lambda: self.paste_evidence(code))
        row.file_button.clicked.connect(lambda: self.pick_files(code))

    def chosen_officers(self) -> list[str]:
        return [str(c.currentData()) for c in self.officer_combos if c.currentData()]

    def chosen_methods(self) -> list[str]:
        return [m for m, check in self.method_checks.items() if check.isChecked()]

    def chosen_results(self) -> list[str]:
        return [r for r, check in self.result_checks.items() if check.isChecked()]

    def _on_follow_up(self, _index: int) -> None:
        svc, rid = self._svc.inspections, self.inspection_id
        measure = str(self.follow_up_combo.currentData() or "")
        self._now("follow_up", ("follow_up",), lambda: svc.set_follow_up(rid, measure, self._actor()))
        self._update_follow_up_widgets()

    def _deadline_changed(self) -> None:
        svc, rid = self._svc.inspections, self.inspection_id
        self._later(
            "deadline",
            ("rectification_deadline",),
            lambda: svc.set_rectification_deadline(rid, self.deadline_edit.value(), self._actor()),
        )

    def _update_follow_up_widgets(self) -> None:
        measure = str(self.follow_up_combo.currentData() or "")
        rectify = measure == FOLLOW_UP_RECTIFY
        self.deadline_edit.setEnabled(not self.read_only and (rectify or self.deadline_edit.value() is not None))
        self.notice_document_action.setEnabled(rectify)
        if measure == FOLLOW_UP_OTHER:
            self.follow_up_note_edit.setPlaceholderText(self.tr("Describe the other measure (required)"))

    # -- autosave ----------------------------------------------------------------------------------------------------
    def _now(self, key: str, fields: tuple[str, ...], call: Callable[[], list[Finding]]) -> None:
        if self._loading or self.read_only:
            return
        self._pending.pop(key, None)
        self.flush()  # keep the order of edits
        self._run(_Pending(fields, call))

    def _later(self, key: str, fields: tuple[str, ...], call: Callable[[], list[Finding]]) -> None:
        if self._loading or self.read_only:
            return
        self._pending[key] = _Pending(fields, call)
        self.save_state.setStyleSheet(f"color: {NOTE_COLOR};")
        self.save_state.setText(self.tr("Saving…"))
        if not self._timer.isActive():  # a throttle, not a debounce: continuous typing is saved as it goes
            self._timer.start()

    def _run(self, pending: _Pending) -> bool:
        try:
            found = pending.call()
        except (RecordFinalized, RecordDiscarded) as exc:
            self._replace_findings(("record",), exc.findings)
            self._stale()
            return False
        except ValidationFailed as exc:
            self._replace_findings(pending.fields, exc.findings)
            self._not_saved(self.tr("Not saved: correct the entry marked in red. What was saved before is kept."))
            return False
        except NotFound:
            self._not_saved(self.tr("This record no longer exists (it was removed in another window)."))
            return False
        except Exception as exc:  # a storage failure: nothing was written; say what to do
            text = known_failure_text(exc)
            if text is None:
                raise
            self._not_saved(text)
            return False
        self._replace_findings(pending.fields, found)
        self.save_state.setStyleSheet(f"color: {NOTE_COLOR};")
        self.save_state.setText(
            self.tr("\u2713 Saved automatically at {time}").format(time=datetime.now().strftime("%H:%M:%S"))
        )
        self.changed.emit(self.inspection_id)
        return True

    def _not_saved(self, text: str) -> None:
        self.save_state.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.save_state.setText(self.tr("Not saved"))
        self.save_state.setToolTip(text)
        self.general.show_findings([])
        self.general.setText(text)
        self.general.setStyleSheet(f"color: {ERROR_COLOR};")
        self.general.show()

    def _replace_findings(self, fields: Sequence[str], found: Sequence[Finding]) -> None:
        touched = set(fields)
        for field in fields:
            self._findings[field] = []
        for finding in found:
            self._findings.setdefault(finding.field, []).append(finding)
            touched.add(finding.field)
        if not any(f.severity == Severity.ERROR for f in found):
            self.general.show_findings([])
        self._refresh_labels(touched)

    def _refresh_labels(self, fields: set[str] | None = None) -> None:
        general: list[Finding] = []
        for field, found in self._findings.items():
            label = self._labels.get(field)
            if label is None:
                general.extend(found)
            elif fields is None or field in fields:
                label.show_findings(found)
        if general:
            self.general.show_findings(general)

    # -- state -------------------------------------------------------------------------------------------------------
    def _apply_state(self) -> None:
        d = self.detail
        self.read_only = d.state != "draft"
        parts = [inspection_label(d.state), inspection_label(d.kind)]
        if d.task_id:
            with contextlib.suppress(NotFound):
                parts.append(self.tr("task {number}").format(number=self._svc.tasks.detail(d.task_id).row.number))
        if d.started_at:
            parts.append(format_minute(d.started_at))
        self.info_label.setText("  \u00b7  ".join(parts))
        banner: list[str] = []
        if d.amends_id:
            banner.append(
                self.tr("This record amends an earlier finalized record. Reason: {reason}").format(
                    reason=d.amendment_reason
                )
            )
        if d.reinspection_of_id:
            banner.append(
                self.tr("Re-inspection of an order to rectify: check the items found {value} again.").format(
                    value=NONCONFORMS
                )
            )
        if d.state == "finalized":
            banner.append(
                self.tr(
                    "Finalized on {time} by {name}. The record can no longer be changed; use Amend to correct it."
                ).format(time=format_minute(d.finalized_at), name=d.finalized_by_name)
            )
        if d.superseded_by:
            banner.append(self.tr("An amendment replaces this record."))
        self.banner.setText("\n".join(banner))
        self.banner.setVisible(bool(banner))
        self.open_newer_button.setVisible(bool(d.superseded_by))
        self.finalize_button.setVisible(not self.read_only)
        self.discard_button.setVisible(not self.read_only)
        self.amend_button.setVisible(d.state == "finalized" and not d.superseded_by)
        for widget in self._inputs():
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.setReadOnly(self.read_only)
            elif isinstance(widget, OptionalDateTimeEdit):
                widget.set_read_only(self.read_only)
            else:
                widget.setEnabled(not self.read_only)
        for row in self.item_rows.values():
            row.set_read_only(self.read_only)
        panel = self.evidence_panel
        panel.paste_button.setVisible(not self.read_only)
        panel.add_button.setVisible(not self.read_only)
        panel.remove_button.setVisible(not self.read_only)
        panel.hint.setVisible(not self.read_only)
        for widget in panel.editors():
            if isinstance(widget, QLineEdit):
                widget.setReadOnly(self.read_only)
            else:
                widget.setEnabled(not self.read_only)
        panel.captured_edit.set_read_only(self.read_only)
        self.paste_shortcut.setEnabled(not self.read_only)
        self.setAcceptDrops(not self.read_only)
        self._update_follow_up_widgets()
        if self.read_only:
            self.save_state.setStyleSheet(f"color: {NOTE_COLOR};")
            self.save_state.setText(self.tr("Read-only"))
        else:
            self.save_state.setText(self.tr("Changes are saved automatically"))

    def _inputs(self) -> list[QWidget]:
        return [
            self.carrier_combo,
            self.kind_combo,
            *self.officer_combos,
            self.recorder_combo,
            self.start_edit,
            self.end_edit,
            self.place_edit,
            self.people_edit,
            *self.method_checks.values(),
            *self.result_checks.values(),
            self.follow_up_combo,
            self.follow_up_note_edit,
            self.deadline_edit,
            self.opinion_edit,
            self.notes_edit,
        ]

    def reload(self) -> None:
        """Re-read the record (after finalizing) and show it as it now stands."""
        self.detail = self._svc.inspections.detail(self.inspection_id)
        self._evidence = list(self.detail.evidence)
        self._load()
        self._apply_state()

    def _stale(self) -> None:
        """The record was finalized or discarded elsewhere: show it as it is now, read-only."""
        self._pending.clear()
        try:
            self.reload()
        except NotFound:
            self.back_requested.emit()

    def _back(self) -> None:
        self.flush()
        self.back_requested.emit()

    def _open_newer(self) -> None:
        if self.detail.superseded_by:
            self.open_requested.emit(self.detail.superseded_by)

    # -- finalize, amend, discard ------------------------------------------------------------------------------------
    def finalize(self) -> None:
        """Check the record; show what blocks finalizing next to its fields, or ask and finalize."""
        if not self.flush():
            self._set_blocking(self.tr("Correct the entries marked in red first: they could not be saved."))
            return
        found = self._svc.finalizer.check(self.inspection_id)
        if found:
            self._show_blocking(found)
            return
        self._set_blocking("")
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Finalize the record"),
            self.tr(
                "After finalizing, this record can no longer be changed; a correction then needs an amendment "
                "with a reason. Print the record for the signatures before or after finalizing. Finalize now?"
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        yes = box.addButton(self.tr("Finalize"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Not yet"), QMessageBox.ButtonRole.RejectRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self._do_finalize() if button is yes else None)
        self._show_dialog(box)

    def _set_blocking(self, text: str) -> None:
        """What stops finalizing, above the form (it scrolls when long); empty hides it."""
        self.blocking.setText(text)
        self.blocking.setVisible(bool(text))
        self.blocking_area.setVisible(bool(text))

    def _show_blocking(self, found: Sequence[Finding]) -> None:
        """The findings of :meth:`FinalizeService.check` next to their fields (replacing those of the last check;
        errors of entries that could not be saved stay where they are)."""
        fields = self._checked_fields | {x.field for x in found}
        self._checked_fields = {x.field for x in found}
        self._replace_findings(tuple(fields), found)
        self._refresh_labels()
        summary = self.tr("Not finalized yet. Complete these {count} points (also marked next to their fields):")
        lines = [summary.format(count=len(found))] + ["\u2022 " + translate_finding(f) for f in found]
        self._set_blocking("\n".join(lines))

    def _do_finalize(self) -> None:
        try:
            result = self._svc.finalizer.finalize(self.inspection_id, self._actor())
        except ValidationFailed as exc:
            self._show_blocking(exc.findings)
            return
        except Exception as exc:
            text = known_failure_text(exc)
            if text is None:
                raise
            self._not_saved(text)
            return
        self._set_blocking("")
        self.general.show_findings([])
        self._findings.clear()
        self._refresh_labels()
        self.reload()
        notes = [self.tr("Finalized: the record is now read-only and sealed in the hash chain.")]
        if result.rectification_id:
            notes.append(
                self.tr("An order to rectify is followed up on the Rectification page (deadline {date}).").format(
                    date=self.detail.rectification_deadline.isoformat() if self.detail.rectification_deadline else ""
                )
            )
        if result.closed_rectification_id:
            notes.append(self.tr("Every failed item now conforms: the rectification is closed."))
        if result.extended_rectification_id:
            notes.append(self.tr("The rectification deadline was extended by this re-inspection."))
        self.banner.setText(self.banner.text() + "\n" + " ".join(notes))
        self.changed.emit(self.inspection_id)

    def amend(self) -> None:
        dialog = ReasonDialog(
            self.tr("Amend the record"),
            self.tr(
                "A new version of this record is made for the correction; the finalized original stays unchanged "
                "and is marked as replaced once the amendment is finalized."
            ),
            self.tr("For example: wrong certificate number of an officer"),
            self.tr("Start the amendment"),
            self,
        )
        dialog.accepted.connect(lambda: self._do_amend(dialog.reason()))
        self._show_dialog(dialog)

    def _do_amend(self, reason: str) -> None:
        try:
            new_id = self._svc.finalizer.amend(self.inspection_id, reason, self._actor())
        except ValidationFailed as exc:
            self._show_blocking(exc.findings)
            return
        self.changed.emit(new_id)
        self.open_requested.emit(new_id)

    def discard(self) -> None:
        dialog = ReasonDialog(
            self.tr("Discard the draft"),
            self.tr("The draft is kept in the change history but no longer listed. Evidence only it used is removed."),
            self.tr("For example: started twice by mistake"),
            self.tr("Discard"),
            self,
        )
        dialog.accepted.connect(lambda: self._do_discard(dialog.reason()))
        self._show_dialog(dialog)

    def _do_discard(self, reason: str) -> None:
        self._pending.clear()
        try:
            self._svc.inspections.discard_draft(self.inspection_id, self._actor(), reason)
        except ValidationFailed as exc:
            self._show_blocking(exc.findings)
            return
        self._svc.evidence.prune_orphans()
        self.changed.emit(self.inspection_id)
        self.back_requested.emit()

    def _show_dialog(self, dialog: QWidget) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.destroyed.connect(lambda _obj=None: self._dialog_gone(dialog))
        if isinstance(dialog, QDialog):
            dialog.open()
        else:
            dialog.show()

    def _dialog_gone(self, dialog: QWidget) -> None:
        if self.dialog is dialog:
            self.dialog = None

    # -- documents ---------------------------------------------------------------------------------------------------
    def document(self, kind: str) -> official.OfficialDocument:
        """The official document ``record``, ``evidence`` or ``notice`` of the record as saved now."""
        self.flush()
        detail = self._svc.inspections.detail(self.inspection_id)
        authority = self._svc.officers.station_name()
        if kind == "evidence":
            return official.evidence_record(detail, authority=authority)
        if kind == "notice":
            return official.rectification_notice(detail, authority=authority)
        number = name = ""
        if detail.task_id:
            try:
                task = self._svc.tasks.detail(detail.task_id).row
                number, name = task.number, task.name
            except NotFound:
                pass
        recorder = ""
        if detail.recorder_id:
            names = {o.officer_id: o.name for o in detail.officers} | {o.id: o.name for o in self._officers}
            recorder = names.get(detail.recorder_id, "")
        return official.inspection_record(
            detail, authority=authority, task_number=number, task_name=name, recorder_name=recorder
        )

    def open_document(self, kind: str) -> None:
        self._show_dialog(DocumentWindow(self.document(kind), self))

    # -- evidence ----------------------------------------------------------------------------------------------------
    def _icon(self, piece: EvidenceRecord) -> QIcon:
        cached = self._icons.get(piece.sha256)
        if cached is not None:
            return cached
        style = self.style()
        icon = style.standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        if piece.media_type in IMAGE_TYPES:
            try:
                data = self._svc.evidence.read(piece.id)
            except EvidenceUnavailable as exc:
                self._problems[piece.sha256] = translate_finding(exc.finding)
                icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            else:
                image = QImage.fromData(data)
                if not image.isNull():
                    scaled = image.scaled(
                        THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                    )
                    icon = QIcon(QPixmap.fromImage(scaled))
        elif piece.media_type.startswith("video/"):
            icon = style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay)
        self._icons[piece.sha256] = icon
        return icon

    def _item_label(self, code: str | None) -> str:
        return code if code else self.tr("Whole record")

    def _show_evidence(self, select_id: str | None = None) -> None:
        panel = self.evidence_panel
        gallery = panel.gallery
        keep = select_id or self._selected_evidence_id()
        gallery.blockSignals(True)
        gallery.clear()
        problems: list[str] = []
        broken = self.tr("File missing or damaged")
        sync = self._svc.sync.evidence(piece.id for piece in self._evidence)
        for piece in self._evidence:
            icon = self._icon(piece)
            problem = self._problems.get(piece.sha256)
            name = piece.file_name or piece.sha256[:12]
            text = f"{name}\n{self._item_label(piece.item_code)}"
            if problem:
                text = name + "\n" + broken
                problems.append(problem)
            entry = QListWidgetItem(icon, text)
            entry.setData(Qt.ItemDataRole.UserRole, piece.id)
            status = sync.get(piece.id)
            about = f"{name}\n{format_minute(piece.captured_at)}\n{piece.source_url}"
            synced = self.tr("Sync: {state}. {explanation}").format(
                state=sync_text(status), explanation=sync_tooltip(status) or ""
            )
            entry.setToolTip(problem or f"{about}\n{synced}")
            if problem:
                entry.setForeground(Qt.GlobalColor.darkRed)
            elif status is not None and status.state == SyncState.REJECTED:
                entry.setForeground(sync_color(status) or Qt.GlobalColor.darkRed)
            gallery.addItem(entry)
        gallery.blockSignals(False)
        panel.empty_label.setVisible(not self._evidence)
        if problems:
            panel.problem_label.setText("\n".join(problems))
        by_item: dict[str, list[EvidenceRecord]] = {}
        for piece in self._evidence:
            by_item.setdefault(piece.item_code or "", []).append(piece)
        for code, row in self.item_rows.items():
            row.show_evidence(by_item.get(code, []), self._icon)
        row_index = next((n for n, p in enumerate(self._evidence) if p.id == keep), -1)
        gallery.blockSignals(True)
        gallery.setCurrentRow(row_index)
        gallery.blockSignals(False)
        self._fill_evidence_details()

    def _selected_evidence_id(self) -> str | None:
        entry = self.evidence_panel.gallery.currentItem()
        return str(entry.data(Qt.ItemDataRole.UserRole)) if entry is not None else None

    def _selected_evidence(self) -> EvidenceRecord | None:
        chosen = self._selected_evidence_id()
        return next((p for p in self._evidence if p.id == chosen), None)

    def _on_evidence_selected(self, _row: int) -> None:
        self.flush()  # the elements typed for the file selected before
        self._fill_evidence_details()

    def _fill_evidence_details(self) -> None:
        panel = self.evidence_panel
        piece = self._selected_evidence()
        panel.details_area.setVisible(piece is not None)
        if piece is None:
            return
        self._loading = True
        try:
            size = f"{piece.size / 1024:.1f} KB" if piece.size < 1024 * 1024 else f"{piece.size / 1048576:.1f} MB"
            panel.file_label.setText(f"{piece.file_name}  ({piece.media_type}, {size})")
            panel.sha256_edit.setText(piece.sha256)
            panel.sm3_edit.setText(piece.sm3)
            panel.sha256_edit.setCursorPosition(0)
            panel.sm3_edit.setCursorPosition(0)
            problem = self._problems.get(piece.sha256)
            panel.problem_label.setText(problem or "")
            panel.problem_label.setVisible(bool(problem))
            panel.item_combo.clear()
            panel.item_combo.addItem(self.tr("The whole record"), RECORD_LEVEL)
            for item in self.detail.items:
                panel.item_combo.addItem(f"{item.code}  {item.question[:24]}…", item.code)
            self._select(panel.item_combo, piece.item_code or RECORD_LEVEL)
            panel.captured_edit.set_value(piece.captured_at)
            panel.url_edit.setText(piece.source_url)
            panel.device_edit.setText(piece.device)
            panel.method_combo.setCurrentText(piece.method)
            panel.description_edit.setText(piece.description)
        finally:
            self._loading = False

    def _panel_meta(self, piece: EvidenceRecord) -> EvidenceMeta:
        panel = self.evidence_panel
        return EvidenceMeta(
            captured_at=panel.captured_edit.value(),
            source_url=panel.url_edit.text(),
            device=panel.device_edit.text(),
            method=panel.method_combo.currentText(),
            officer_id=piece.officer_id,
            description=panel.description_edit.text(),
            item_code=str(panel.item_combo.currentData() or "") or None,
            file_name=piece.file_name,
        )

    def _evidence_changed(self, *, now: bool) -> None:
        piece = self._selected_evidence()
        if piece is None:
            return
        evidence_id = piece.id

        def save() -> list[Finding]:
            current = next((p for p in self._evidence if p.id == evidence_id), None)
            if current is None:
                return []
            meta = self._panel_meta(current)
            self._svc.evidence.update(evidence_id, meta, self._actor())
            self._evidence = [
                replace(
                    p,
                    item_code=meta.item_code,
                    captured_at=meta.captured_at,
                    source_url=meta.source_url.strip(),
                    device=meta.device.strip(),
                    method=meta.method.strip(),
                    description=meta.description.strip(),
                )
                if p.id == evidence_id
                else p
                for p in self._evidence
            ]
            if meta.item_code != current.item_code:
                QTimer.singleShot(0, lambda: self._show_evidence(evidence_id))
            return []

        if now:
            self._now(f"evidence:{evidence_id}", ("evidence",), save)
        else:
            self._later(f"evidence:{evidence_id}", ("evidence",), save)

    def _refresh_evidence(self, select_id: str | None = None) -> None:
        self._evidence = self._svc.evidence.rows(self.inspection_id)
        self._show_evidence(select_id)

    def _add(self, add: Callable[[], object], name: str) -> str | None:
        """Run one add; returns the evidence id, or ``None`` with the reason shown under the gallery."""
        try:
            added = add()
        except (RecordFinalized, RecordDiscarded) as exc:
            self._replace_findings(("evidence",), exc.findings)
            return None
        except ValidationFailed as exc:
            self._replace_findings(("evidence",), exc.findings)
            self._not_saved(self.tr("{name} was not added: see the message under Evidence.").format(name=name))
            return None
        except Exception as exc:
            text = known_failure_text(exc)
            if text is None:
                raise
            self._not_saved(text)
            return None
        record = getattr(added, "record", None)
        return getattr(record, "id", None)

    def _meta(self, item_code: str | None, file_name: str, method: str) -> EvidenceMeta:
        return EvidenceMeta(
            captured_at=datetime.now().replace(microsecond=0),
            device=device_description(),
            method=method,
            officer_id=self._actor().officer_id,
            item_code=item_code,
            file_name=file_name,
        )

    def _add_file(self, path: Path, meta: EvidenceMeta) -> EvidenceAdded:
        return self._svc.evidence.add_file(self.inspection_id, path, meta, self._actor())

    def add_files(self, paths: Sequence[Path], item_code: str | None) -> int:
        """Attach files (file picker, drop, Explorer copy); returns how many were added."""
        if self.read_only or not paths:
            return 0
        self.flush()
        added: list[str] = []
        self._replace_findings(("evidence",), [])
        for path in paths:
            evidence_id = self._add(
                partial(self._add_file, path, self._meta(item_code, path.name, FILE_COPY)), path.name
            )
            if evidence_id is None:
                break
            added.append(evidence_id)
        if added:
            self._saved_evidence(added[-1])
        return len(added)

    def paste_evidence(self, item_code: str | None) -> bool:
        """Attach the picture on the clipboard (a screenshot) — or files copied in Explorer — as evidence."""
        if self.read_only:
            return False
        clipboard = QGuiApplication.clipboard()
        mime = clipboard.mimeData()
        files = local_files(mime)
        if files:
            return self.add_files(files, item_code) > 0
        image = clipboard.image() if mime is not None and mime.hasImage() else QImage()
        if image.isNull():
            self._not_saved(
                self.tr(
                    "The clipboard holds no picture. Take a screenshot first (for example Win+Shift+S, or the "
                    "Print Screen key), then press Ctrl+V here."
                )
            )
            return False
        self.flush()
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        name = self.tr("screenshot-{time}.png").format(time=stamp)
        data = png_bytes(image)
        meta = self._meta(item_code, name, SCREENSHOT)
        self._replace_findings(("evidence",), [])
        evidence_id = self._add(lambda: self._svc.evidence.add(self.inspection_id, data, meta, self._actor()), name)
        if evidence_id is None:
            return False
        self._saved_evidence(evidence_id)
        return True

    def _saved_evidence(self, evidence_id: str) -> None:
        self._refresh_evidence(evidence_id)
        if self._findings.get("evidence"):
            self._replace_findings(("evidence",), self._findings["evidence"])
        self.save_state.setStyleSheet(f"color: {NOTE_COLOR};")
        self.save_state.setText(
            self.tr("\u2713 Evidence saved at {time}").format(time=datetime.now().strftime("%H:%M:%S"))
        )
        self.changed.emit(self.inspection_id)

    def pick_files(self, item_code: str | None) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add evidence files"),
            "",
            self.tr(
                "Evidence (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.tif *.tiff *.pdf *.mp4 *.mov *.webm *.mkv);;"
                "All files (*)"
            ),
        )
        self.add_files([Path(p) for p in paths], item_code)

    def _remove_evidence(self) -> None:
        piece = self._selected_evidence()
        if piece is None or self.read_only:
            return
        try:
            self._svc.evidence.remove(piece.id, self._actor())
        except ValidationFailed as exc:
            self._replace_findings(("evidence",), exc.findings)
            return
        self._refresh_evidence()
        self.changed.emit(self.inspection_id)

    def _export_evidence(self) -> None:
        piece = self._selected_evidence()
        if piece is None:
            return
        try:
            data = self._svc.evidence.read(piece.id)
        except EvidenceUnavailable as exc:
            self._replace_findings(("evidence",), [exc.finding])
            return
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save a copy of the evidence"), piece.file_name)
        if not path:
            return
        try:
            Path(path).write_bytes(data)
        except OSError as exc:
            self._not_saved(
                self.tr("The copy could not be written ({detail}). Choose another folder.").format(
                    detail=exc.strerror or type(exc).__name__
                )
            )

    # -- events ------------------------------------------------------------------------------------------------------
    def _target_of(self, widget: QWidget | None) -> str | None:
        """The checklist item a widget belongs to (evidence pasted there is attached to it), else ``None``."""
        while widget is not None and widget is not self:
            if isinstance(widget, ItemRow):
                return widget.item.code
            widget = widget.parentWidget()
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QWidget) and not self.read_only:
            assert isinstance(event, QKeyEvent)
            if event.matches(QKeySequence.StandardKey.Paste):
                mime = QGuiApplication.clipboard().mimeData()
                if mime is not None and (mime.hasImage() or local_files(mime)) and not mime.hasText():
                    self.paste_evidence(self._target_of(watched))
                    return True
        if event.type() == QEvent.Type.FocusOut and self._pending:
            self.flush()
        return super().eventFilter(watched, event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        mime = event.mimeData()
        if not self.read_only and (local_files(mime) or mime.hasImage()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if not self.read_only and (local_files(event.mimeData()) or event.mimeData().hasImage()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        self.handle_drop(event.mimeData(), event.position().toPoint())
        event.acceptProposedAction()

    def handle_drop(self, mime: QMimeData, pos: QPoint) -> int:
        """Files (or a dragged picture) dropped at ``pos``: on a checklist item they prove that item."""
        target = self._target_of(self.childAt(pos))
        files = local_files(mime)
        if files:
            return self.add_files(files, target)
        if mime.hasImage():
            image = QImage(mime.imageData())
            if not image.isNull():
                name = self.tr("picture-{time}.png").format(time=datetime.now().strftime("%Y%m%d-%H%M%S"))
                meta = self._meta(target, name, SCREENSHOT)
                data = png_bytes(image)
                evidence_id = self._add(
                    lambda: self._svc.evidence.add(self.inspection_id, data, meta, self._actor()), name
                )
                if evidence_id is not None:
                    self._saved_evidence(evidence_id)
                    return 1
        return 0

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.flush()
        super().closeEvent(event)
