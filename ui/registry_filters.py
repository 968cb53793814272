"""The registry's filter row (which operators the list shows) and the count of the list."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from app.records import OperatorFilter
from app.vocab import PLATFORMS, CarrierKind, CreditClass, SubjectType
from ui.ui_text import label


class RegistryFilterBar(QWidget):
    """The filter row of the register: subject type, carrier kind, platform, credit class, the list flags, and the
    count of the list on the right. ``changed`` is emitted when the user changes any filter."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.subject_filter = QComboBox(self)
        self.subject_filter.addItem(self.tr("All subject types"), "")
        for subject in SubjectType:
            self.subject_filter.addItem(label(subject), subject.value)
        self.carrier_filter = QComboBox(self)
        self.carrier_filter.addItem(self.tr("All carrier kinds"), "")
        for kind in CarrierKind:
            self.carrier_filter.addItem(label(kind), kind.value)
        self.platform_filter = QComboBox(self)
        self.platform_filter.addItem(self.tr("All platforms"), "")
        for platform in PLATFORMS:
            self.platform_filter.addItem(platform, platform)
        self.credit_filter = QComboBox(self)
        self.credit_filter.addItem(self.tr("All credit classes"), "")
        for credit in CreditClass:
            self.credit_filter.addItem(label(credit), credit.value)
        self.abnormal_filter = QCheckBox(self.tr("Abnormal operation only"), self)
        self.serious_filter = QCheckBox(self.tr("Serious violation only"), self)
        self.deleted_filter = QCheckBox(self.tr("Show deleted"), self)
        self.deleted_filter.setToolTip(self.tr("Also list deleted operators (greyed out), to look up their history."))
        self.unsynced_filter = QCheckBox(self.tr("Not synced only"), self)
        self.unsynced_filter.setToolTip(
            self.tr("Only operators the provincial platform does not have as shown: not synced, returned or in review.")
        )
        self.clear_filters_button = QPushButton(self.tr("Clear filters"), self)

        self.count_label = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.subject_filter,
            self.carrier_filter,
            self.platform_filter,
            self.credit_filter,
            self.abnormal_filter,
            self.serious_filter,
            self.deleted_filter,
            self.unsynced_filter,
            self.clear_filters_button,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.count_label)
        for combo in self._combos():
            combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        for box in self._boxes():
            box.toggled.connect(lambda _checked: self.changed.emit())

    def _combos(self) -> tuple[QComboBox, ...]:
        return (self.subject_filter, self.carrier_filter, self.platform_filter, self.credit_filter)

    def _boxes(self) -> tuple[QCheckBox, ...]:
        return (self.abnormal_filter, self.serious_filter, self.deleted_filter, self.unsynced_filter)

    def current_filter(self) -> OperatorFilter:
        return OperatorFilter(
            subject_type=str(self.subject_filter.currentData() or "") or None,
            carrier_kind=str(self.carrier_filter.currentData() or "") or None,
            platform=str(self.platform_filter.currentData() or "") or None,
            credit_class=str(self.credit_filter.currentData() or "") or None,
            abnormal_only=self.abnormal_filter.isChecked(),
            serious_violation_only=self.serious_filter.isChecked(),
            include_deleted=self.deleted_filter.isChecked(),
            unsynced_only=self.unsynced_filter.isChecked(),
        )

    def clear(self) -> None:
        """Every filter back to "any", without emitting ``changed`` (the caller reloads once)."""
        widgets: list[QWidget] = [*self._combos(), *self._boxes()]
        for widget in widgets:
            widget.blockSignals(True)
        try:
            for combo in self._combos():
                combo.setCurrentIndex(0)
            for box in self._boxes():
                box.setChecked(False)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
