"""The inspection record editor: every field saves itself as it changes (autosave), draft findings appear next to
their fields, evidence is added by file picker, drag-and-drop or Ctrl+V of a screenshot, and 定稿 / 更正 / 文书
are one click away.

Autosave: choices (officers, answers, methods, results, follow-up) call their ``InspectionService.set_…`` method
at once; typed text is saved within a keystroke's time and at once when the field loses focus or the window closes
(ui/inspection_autosave.py says exactly when). There is no Save button; the indicator at the top says when the
record was last saved, or — in red — that an entry could not be saved and why (the message is next to the field;
what was saved before stays saved).

This module assembles the editor from its parts, one module each: the officers panel (ui/inspection_officers.py),
the checklist form (ui/inspection_form.py), the evidence gallery with paste and drop (ui/inspection_evidence.py),
the record's state with finalize / amend / discard (ui/inspection_lifecycle.py) and the official documents
(ui/inspection_documents.py), over what they share (ui/inspection_editor_base.py). It builds the window's frame
(header, actions, the form beside the evidence) and handles keys, focus and closing.

Thin: every read and write is a service call; the editor only keeps the state of the screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.inspections import documents as official
from app.records import Actor
from ui.evidence_capture import local_files
from ui.evidence_panel import EvidencePanel
from ui.inspection_autosave import Autosave, SaveFeedback
from ui.inspection_documents import DocumentActions
from ui.inspection_lifecycle import RecordLifecycle
from ui.inspection_models import InspectionServices
from ui.operator_dialog import ERROR_COLOR, NOTE_COLOR, FindingLabel


class InspectionEditor(RecordLifecycle, DocumentActions):
    """Edits one inspection record (a draft) or shows it read-only (finalized)."""

    def __init__(
        self,
        services: InspectionServices,
        actor: Callable[[], Actor],
        inspection_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, actor, inspection_id, parent)
        self.setAcceptDrops(True)
        self._build()
        self._mark_failed_items()
        self._load()
        self._connect()
        self._apply_state()
        if not self.read_only:
            self._feedback.replace(("officers", "started_at", "ended_at", "result_categories"), self._draft_findings())

    def _build(self) -> None:
        d = self.detail
        self.back_button = QPushButton(self.tr("\u2190 Back to the list"), self)
        self.title_label = QLabel(d.subject_name, self)
        self.title_label.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_state = QLabel(self)
        self.save_state.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.general = FindingLabel(self)
        self._feedback = SaveFeedback(self.save_state, self.general, self)
        self._autosave = Autosave(
            self._feedback,
            may_save=self._may_save,
            saved=lambda: self.changed.emit(self.inspection_id),
            stale=self._stale,
            parent=self,
        )
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
        self._feedback.add_label("evidence", self.evidence_panel.finding)
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

        layout.insertWidget(4, self.general)

        for widget in self.findChildren(QLineEdit) + self.findChildren(QPlainTextEdit):
            widget.setAcceptDrops(False)  # dropped files become evidence, not text
            widget.installEventFilter(self)
        self.paste_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Paste), self)
        self.paste_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _connect(self) -> None:
        self.back_button.clicked.connect(self._back)
        self.finalize_button.clicked.connect(self.finalize)
        self.amend_button.clicked.connect(self.amend)
        self.discard_button.clicked.connect(self.discard)
        self.open_newer_button.clicked.connect(self._open_newer)
        self.record_document_action.triggered.connect(lambda: self.open_document("record"))
        self.evidence_document_action.triggered.connect(lambda: self.open_document("evidence"))
        self.notice_document_action.triggered.connect(lambda: self.open_document("notice"))
        self.paste_shortcut.activated.connect(lambda: self.paste_evidence(self._target_of(self.focusWidget())))
        self._connect_form()
        self._connect_evidence()

    def _back(self) -> None:
        self.flush()
        self.back_requested.emit()

    def _open_newer(self) -> None:
        if self.detail.superseded_by:
            self.open_requested.emit(self.detail.superseded_by)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QWidget) and not self.read_only:
            assert isinstance(event, QKeyEvent)
            if event.matches(QKeySequence.StandardKey.Paste):
                mime = QGuiApplication.clipboard().mimeData()
                if mime is not None and (mime.hasImage() or local_files(mime)) and not mime.hasText():
                    self.paste_evidence(self._target_of(watched))
                    return True
        if event.type() == QEvent.Type.FocusOut and self.has_pending():
            self.flush()
        return super().eventFilter(watched, event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.flush()
        super().closeEvent(event)
