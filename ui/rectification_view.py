"""The 整改 page: orders to rectify (open, due soon, overdue, closed), the items that failed, the re-inspection that
checks them again, and closing or extending an order with a reason.

Thin: every read and write is a :class:`RectificationService` call; the page only keeps the state of the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Final

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import NotFound, ValidationFailed
from app.inspections import documents as official
from app.inspections.data import InspectionFilter, RectificationRecord
from app.inspections.vocabulary import FOLLOW_UP_RECTIFY, NONCONFORMS, InspectionKind
from app.records import Actor
from ui.documents import DocumentWindow
from ui.inspection_common import MessageMixin, current_record, make_table, select_row
from ui.inspection_models import (
    InspectionServices,
    RectificationTableModel,
    format_day,
    format_minute,
    inspection_label,
)
from ui.ledger_export_dialog import LedgerExportDialog
from ui.operator_dialog import NOTE_COLOR
from ui.reason_dialog import ReasonDialog
from ui.sync_column import WIDTH as SYNC_WIDTH
from ui.ui_text import known_failure_text, translate_finding

STATUS_FILTERS: Final = ("open", "due_soon", "overdue", "closed", "")
"""The lists the page offers, in order; ``open`` means every order not closed yet."""


class RectificationView(MessageMixin, QWidget):
    """Follows orders to rectify until a re-inspection closes them."""

    open_inspection = Signal(str)
    """Show this record in the inspection editor (the original record, or a re-inspection just started)."""

    def __init__(
        self,
        services: InspectionServices,
        actor: Callable[[], Actor],
        parent: QWidget | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self._svc = services
        self._actor = actor
        self._today = today
        self.dialog: QWidget | None = None
        self.model = RectificationTableModel(self)
        self._build()
        self.reload()

    def _build(self) -> None:
        heading = QLabel(self.tr("Rectification"), self)
        heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.status_filter = QComboBox(self)
        captions = {
            "open": self.tr("All open orders"),
            "due_soon": self.tr("Due within a week"),
            "overdue": self.tr("Overdue"),
            "closed": self.tr("Closed"),
            "": self.tr("All orders"),
        }
        for status in STATUS_FILTERS:
            self.status_filter.addItem(captions[status], status)
        self.count_label = QLabel(self)
        self.table = make_table(self, self.model)
        for n, width in enumerate((90, 220, 220, 120, 100, 150, 70, SYNC_WIDTH)):
            self.table.setColumnWidth(n, width)
        self.empty_label = QLabel(self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet(f"color: {NOTE_COLOR}; font-size: 12pt;")
        self.reinspect_button = QPushButton(self.tr("Start re-inspection"), self)
        self.reinspect_button.setToolTip(
            self.tr(
                "Start a re-inspection record of the same operator with the same checklist; finalizing it "
                "closes the order when every failed item now conforms."
            )
        )
        self.extend_button = QPushButton(self.tr("Extend deadline…"), self)
        self.close_button = QPushButton(self.tr("Close…"), self)
        self.close_button.setToolTip(self.tr("Close the order with a finalized re-inspection record."))
        self.original_button = QPushButton(self.tr("Open the original record"), self)
        self.notice_button = QPushButton(self.tr("Order to correct (print / PDF)"), self)
        self.detail_label = QLabel(self)
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.reinspections = QListWidget(self)
        self.reinspections.setMaximumHeight(110)

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("Show:"), self))
        top.addWidget(self.status_filter)
        top.addWidget(self.count_label)
        self.export_button = QPushButton(self.tr("Export ledger\u2026"), self)
        self.export_button.setToolTip(self.tr("Export the rectification ledger to Excel"))
        self.export_button.clicked.connect(self.open_export_dialog)
        top.addWidget(self.export_button)
        buttons = QHBoxLayout()
        for button in (self.reinspect_button, self.extend_button, self.close_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.original_button)
        buttons.addWidget(self.notice_button)
        lower = QWidget(self)
        column = QVBoxLayout(lower)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(buttons)
        column.addWidget(self.detail_label, 1)
        column.addWidget(QLabel(self.tr("Re-inspections of this order (double-click to open):"), self))
        column.addWidget(self.reinspections)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        list_box = QWidget(self)
        list_column = QVBoxLayout(list_box)
        list_column.setContentsMargins(0, 0, 0, 0)
        list_column.addWidget(self.table, 1)
        list_column.addWidget(self.empty_label)
        splitter.addWidget(list_box)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self.status_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show_detail())
        self.table.activated.connect(lambda _i: self.open_original())
        self.reinspect_button.clicked.connect(self.start_reinspection)
        self.extend_button.clicked.connect(self.ask_extend)
        self.close_button.clicked.connect(self.ask_close)
        self.original_button.clicked.connect(self.open_original)
        self.notice_button.clicked.connect(self.show_notice)
        self.reinspections.itemActivated.connect(
            lambda entry: self.open_inspection.emit(str(entry.data(Qt.ItemDataRole.UserRole)))
        )

    def open_export_dialog(self) -> None:
        """导出台账, with the rectification ledger preselected."""
        self._show(LedgerExportDialog(self._svc.exports, self._actor, self, kind="rectifications"))

    # -- reading -----------------------------------------------------------------------------------------------------
    def current(self) -> RectificationRecord | None:
        record = current_record(self.table)
        return record if isinstance(record, RectificationRecord) else None

    def show_status(self, status: str) -> None:
        """Switch the list to ``open``, ``due_soon``, ``overdue``, ``closed`` or ``""`` (all)."""
        index = self.status_filter.findData(status)
        if index >= 0:
            self.status_filter.setCurrentIndex(index)
        self.reload()

    def reload(self, select_id: str | None = None) -> None:
        current = self.current()
        keep = select_id or (current.id if current else None)
        status = str(self.status_filter.currentData() or "") or None
        rows = self._svc.rectifications.rows(status, today=self._today())
        sync = self._svc.sync.inspections(r.inspection_id for r in rows)  # the order travels in its record
        self.model.set_rows(rows, {r.id: sync.get(r.inspection_id) for r in rows})
        self.count_label.setText(self.tr("{count} orders").format(count=len(rows)))
        if not rows:
            self.empty_label.setText(
                self.tr(
                    "No order to rectify in this list. An order is opened when an inspection record with the "
                    "follow-up \u201c{measure}\u201d is finalized."
                ).format(measure=FOLLOW_UP_RECTIFY)
            )
        self.empty_label.setVisible(not rows)
        self.table.setVisible(bool(rows))
        row = self.model.row_of(keep) if keep else -1
        select_row(self.table, row if row >= 0 else 0)
        self._show_detail()

    def _reinspections(self, rect: RectificationRecord) -> list[tuple[str, str, str]]:
        """(id, state, when) of the re-inspection records of ``rect``."""
        found = []
        for row in self._svc.inspections.rows(InspectionFilter(operator_id=rect.operator_id)):
            if row.kind != InspectionKind.REINSPECTION:
                continue
            try:
                detail = self._svc.inspections.detail(row.id)
            except NotFound:
                continue
            if detail.reinspection_of_id == rect.id:
                found.append((row.id, row.state, format_minute(row.started_at or row.ended_at)))
        return found

    def _show_detail(self) -> None:
        rect = self.current()
        usable = rect is not None and rect.status != "closed"
        self.reinspect_button.setEnabled(usable)
        self.extend_button.setEnabled(usable)
        self.close_button.setEnabled(usable)
        self.original_button.setEnabled(rect is not None)
        self.notice_button.setEnabled(rect is not None)
        self.reinspections.clear()
        if rect is None:
            self.detail_label.setText("")
            return
        lines = [
            self.tr("<b>{name}</b> {carrier}").format(name=rect.subject_name, carrier=rect.carrier_summary),
            self.tr("Rectify by {deadline} (first deadline {original}, extended {count} times).").format(
                deadline=format_day(rect.deadline), original=format_day(rect.original_deadline), count=rect.extensions
            ),
        ]
        if rect.requirement:
            lines.append(self.tr("Requirement: {text}").format(text=rect.requirement))
        if rect.closed_at:
            lines.append(self.tr("Closed on {time}.").format(time=format_minute(rect.closed_at)))
        items = self._svc.rectifications.failed_items(rect.id)
        if items:
            lines.append(self.tr("Items found {value}:").format(value=NONCONFORMS))
            for item in items:
                note = self.tr(" \u2014 {note}").format(note=item.note) if item.note else ""
                lines.append(f"&nbsp;&nbsp;\u2022 <b>{item.code}</b> {item.question}{note}")
        self.detail_label.setText("<br/>".join(lines))
        for inspection_id, state, when in self._reinspections(rect):
            entry = QListWidgetItem(
                self.tr("Re-inspection {when} \u2014 {state}").format(when=when or "-", state=inspection_label(state))
            )
            entry.setData(Qt.ItemDataRole.UserRole, inspection_id)
            self.reinspections.addItem(entry)

    # -- actions -----------------------------------------------------------------------------------------------------
    def start_reinspection(self) -> None:
        rect = self.current()
        if rect is None:
            return
        drafts = [i for i, state, _w in self._reinspections(rect) if state == "draft"]
        if drafts:  # one re-inspection at a time: continue the draft
            self.open_inspection.emit(drafts[0])
            return
        try:
            inspection_id = self._svc.rectifications.start_reinspection(rect.id, self._actor())
        except ValidationFailed as exc:
            self._message(self.tr("Not started"), "\n".join(translate_finding(x) for x in exc.findings))
            return
        self._show_detail()
        self.open_inspection.emit(inspection_id)

    def ask_extend(self) -> None:
        rect = self.current()
        if rect is None:
            return
        dialog = ReasonDialog(
            self.tr("Extend the deadline"),
            self.tr("The operator gets more time until the new deadline. The reason goes into the change history."),
            self.tr("For example: the platform needs ten days to change the shop page"),
            self.tr("Extend"),
            self,
        )
        self.new_deadline = QDateEdit(dialog)
        self.new_deadline.setCalendarPopup(True)
        self.new_deadline.setDisplayFormat("yyyy-MM-dd")
        proposed = max(rect.deadline, self._today()) + timedelta(days=15)
        self.new_deadline.setDate(QDate(proposed.year, proposed.month, proposed.day))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("New deadline:"), dialog))
        row.addWidget(self.new_deadline, 1)
        dialog.extra.addLayout(row)
        dialog.accepted.connect(lambda: self.extend(rect.id, self._chosen_deadline(), dialog.reason()))
        self._show(dialog)

    def _chosen_deadline(self) -> date:
        chosen = self.new_deadline.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def extend(self, rectification_id: str, new_deadline: date, reason: str) -> bool:
        try:
            self._svc.rectifications.extend(rectification_id, new_deadline, reason, self._actor())
        except ValidationFailed as exc:
            self._message(
                self.tr("Not extended"),
                "\n".join(translate_finding(x) for x in exc.findings),
                QMessageBox.Icon.Warning,
            )
            return False
        except Exception as exc:
            text = known_failure_text(exc)
            if text is None:
                raise
            self._message(self.tr("Not extended"), text, QMessageBox.Icon.Warning)
            return False
        self.reload(rectification_id)
        return True

    def ask_close(self) -> None:
        rect = self.current()
        if rect is None:
            return
        finalized = [(i, when) for i, state, when in self._reinspections(rect) if state == "finalized"]
        if not finalized:
            self._message(
                self.tr("Not closed yet"),
                self.tr(
                    "An order is closed with a finalized re-inspection record. Start the re-inspection, check the "
                    "failed items again and finalize it; when every failed item conforms, the order closes by itself."
                ),
            )
            return
        dialog = ReasonDialog(
            self.tr("Close the order"),
            self.tr("The order is closed with the re-inspection chosen below. Say why it is closed."),
            self.tr("For example: the licence is now shown on the shop's home page"),
            self.tr("Close the order"),
            self,
        )
        self.reinspection_combo = QComboBox(dialog)
        for inspection_id, when in finalized:
            self.reinspection_combo.addItem(self.tr("Re-inspection {when}").format(when=when or "-"), inspection_id)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Re-inspection:"), dialog))
        row.addWidget(self.reinspection_combo, 1)
        dialog.extra.addLayout(row)
        dialog.accepted.connect(
            lambda: self.close_with(rect.id, str(self.reinspection_combo.currentData()), dialog.reason())
        )
        self._show(dialog)

    def close_with(self, rectification_id: str, reinspection_id: str, note: str) -> bool:
        try:
            self._svc.rectifications.close(rectification_id, reinspection_id, self._actor(), note)
        except ValidationFailed as exc:
            self._message(
                self.tr("Not closed"), "\n".join(translate_finding(x) for x in exc.findings), QMessageBox.Icon.Warning
            )
            return False
        self.reload(rectification_id)
        return True

    def open_original(self) -> None:
        rect = self.current()
        if rect is not None:
            self.open_inspection.emit(rect.inspection_id)

    def show_notice(self) -> None:
        rect = self.current()
        if rect is None:
            return
        detail = self._svc.inspections.detail(rect.inspection_id)
        document = official.rectification_notice(detail, authority=self._svc.officers.station_name())
        self._show(DocumentWindow(document, self))
