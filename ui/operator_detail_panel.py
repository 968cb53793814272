"""The registry's detail panel: basic information, carriers, licences and the change history of one operator."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QWidget,
)

from app.records import OperatorDetail
from ui.ui_text import action_label, field_label, field_value, format_date, format_time, label


class OperatorDetailPanel(QStackedWidget):
    """Everything about the current operator: basic information, carriers, licences and the change history."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = QLabel(self.tr("Select an operator in the list to see its details."), self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.basic = QWidget()
        basic_columns = QHBoxLayout(self.basic)
        self.basic_forms = (QFormLayout(), QFormLayout())
        for form in self.basic_forms:
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            basic_columns.addLayout(form, 1)
        basic_scroll = QScrollArea(self)
        basic_scroll.setWidgetResizable(True)
        basic_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        basic_scroll.setWidget(self.basic)
        self.carriers = self._table(
            [
                self.tr("Kind"),
                self.tr("Platform"),
                self.tr("Shop name"),
                self.tr("Shop ID"),
                self.tr("Web address"),
                self.tr("ICP filing"),
                self.tr("Licence display"),
                self.tr("First seen"),
                self.tr("Last verified"),
                self.tr("Status"),
            ]
        )
        self.licenses = self._table(
            [self.tr("Kind"), self.tr("Number"), self.tr("Issued by"), self.tr("Valid from"), self.tr("Valid until")]
        )
        self.history = self._table(
            [
                self.tr("Time"),
                self.tr("Officer"),
                self.tr("Action"),
                self.tr("Field"),
                self.tr("Before \u2192 after"),
                self.tr("Reason"),
            ]
        )
        self.tabs.addTab(basic_scroll, self.tr("Basic information"))
        self.tabs.addTab(self.carriers, self.tr("Carriers"))
        self.tabs.addTab(self.licenses, self.tr("Licences"))
        self.tabs.addTab(self.history, self.tr("Change history"))
        self.addWidget(self.placeholder)
        self.addWidget(self.tabs)
        self.detail: OperatorDetail | None = None

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        return table

    def show_operator(self, detail: OperatorDetail | None) -> None:
        self.detail = detail
        if detail is None:
            self.setCurrentWidget(self.placeholder)
            return
        self._fill_basic(detail)
        self._fill(
            self.carriers,
            [
                [
                    label(c.kind),
                    c.platform,
                    c.shop_name,
                    c.shop_id,
                    c.url,
                    c.icp_filing,
                    label(c.license_display),
                    format_date(c.first_seen),
                    format_date(c.last_verified),
                    c.status,
                ]
                for c in detail.carriers
            ],
        )
        self._fill(
            self.licenses,
            [
                [lic.kind, lic.number, lic.issuer, format_date(lic.valid_from), format_date(lic.valid_until)]
                for lic in detail.licenses
            ],
        )
        self._fill(
            self.history,
            [
                [
                    format_time(entry.at),
                    entry.officer_name,
                    action_label(entry.action),
                    field_label(entry.field) if entry.field else "",
                    self._change_text(entry.field, entry.before, entry.after),
                    entry.reason or "",
                ]
                for entry in detail.history
            ],
        )
        self.tabs.setTabText(1, self.tr("Carriers ({count})").format(count=len(detail.carriers)))
        self.tabs.setTabText(2, self.tr("Licences ({count})").format(count=len(detail.licenses)))
        self.tabs.setTabText(3, self.tr("Change history ({count})").format(count=len(detail.history)))
        self.setCurrentWidget(self.tabs)

    def _change_text(self, field: str | None, before: str | None, after: str | None) -> str:
        name = field or ""
        old, new = field_value(name, before), field_value(name, after)
        if before is None:
            return new
        if after is None:
            return old
        return self.tr("{before} \u2192 {after}").format(
            before=old or self.tr("(empty)"), after=new or self.tr("(empty)")
        )

    def _fill_basic(self, detail: OperatorDetail) -> None:
        """Two columns: who the operator is on the left; where, its listings and notes on the right."""
        for form in self.basic_forms:
            while form.rowCount():
                form.removeRow(0)
        d = detail.draft
        yes, no = self.tr("Yes"), self.tr("No")
        left: list[tuple[str, str]] = [
            ("name", d.name),
            ("subject_type", label(d.subject_type)),
            ("identifier_type", label(d.identifier_type)),
            ("identifier", d.identifier),
            ("legal_representative", d.legal_representative),
            ("phone", d.phone),
            ("registration_status", d.registration_status),
            ("registering_authority", d.registering_authority),
            ("founded_on", format_date(d.founded_on)),
            ("credit_class", label(d.credit_class) if d.credit_class else self.tr("Not classified")),
        ]
        right: list[tuple[str, str]] = [
            ("registered_address", d.registered_address),
            ("business_address", d.business_address),
            ("abnormal_listed", yes if d.abnormal_listed else no),
        ]
        if d.abnormal_listed:
            right += [("abnormal_reason", d.abnormal_reason), ("abnormal_date", format_date(d.abnormal_date))]
        right.append(("serious_violation", yes if d.serious_violation else no))
        if d.serious_violation:
            right += [
                ("serious_violation_reason", d.serious_violation_reason),
                ("serious_violation_date", format_date(d.serious_violation_date)),
            ]
        right += [("business_scope", d.business_scope), ("notes", d.notes)]
        for form, rows in zip(self.basic_forms, (left, right), strict=True):
            for field, value in rows:
                self._basic_row(form, field_label(field), value)
        if detail.identifier_override:
            self._basic_row(
                self.basic_forms[0], self.tr("Code saved despite warning"), detail.identifier_override, warn=True
            )
        if detail.deleted_reason:
            self._basic_row(self.basic_forms[0], field_label("deleted_reason"), detail.deleted_reason, warn=True)

    def _basic_row(self, form: QFormLayout, caption: str, value: str, *, warn: bool = False) -> None:
        text = QLabel(value, self.basic)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if warn:
            text.setStyleSheet("color: #a85400;")
        form.addRow(QLabel(caption, self.basic), text)

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
