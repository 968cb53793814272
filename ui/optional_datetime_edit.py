"""A date and time that may still be unknown (start and end of an inspection, when evidence was captured)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import QCheckBox, QDateTimeEdit, QHBoxLayout, QPushButton, QWidget


def to_datetime(value: QDateTime) -> datetime:
    day, time = value.date(), value.time()
    return datetime(day.year(), day.month(), day.day(), time.hour(), time.minute())


def to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))


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
