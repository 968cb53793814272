"""The dialog that creates (or edits, before the draw) a 双随机 inspection task."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationFailed
from app.inspections.data import SampleSpec, TargetFilter, TaskDraft
from app.records import Actor
from app.validation import Finding, Severity
from app.vocab import PLATFORMS, CarrierKind, CreditClass, SubjectType
from ui.inspection_models import InspectionServices
from ui.operator_dialog import FindingLabel, OptionalDateEdit
from ui.ui_text import label

STRATA: Final = ("D", "C", "B", "A", "")
"""Credit classes of a stratified draw, riskiest first; ``""`` is "not classified"."""
DEFAULT_CLASS_PERCENT: Final = {"D": 30.0, "C": 10.0, "B": 2.0, "A": 1.0, "": 0.0}
"""The ratios seen in the field by risk class (domain.md); the user changes them per task."""


class TaskDialog(QDialog):
    """Create (or edit, before the draw) an inspection task: what, whom, how many, by when."""

    saved = Signal(str)

    def __init__(
        self,
        services: InspectionServices,
        actor: Callable[[], Actor],
        task_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._svc = services
        self._actor = actor
        self._task_id = task_id
        self.setWindowTitle(self.tr("New inspection task") if task_id is None else self.tr("Edit inspection task"))
        self._labels: dict[str, FindingLabel] = {}
        self._build()
        if task_id is not None:
            self._load(services.tasks.detail(task_id).draft)
        self._mode_changed()

    def _build(self) -> None:
        self.number_edit = QLineEdit(self)
        self.number_edit.setPlaceholderText(self.tr("For example 2026-SJ-001"))
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(self.tr("For example: licence display of online shops, first half-year"))
        self.template_combo = QComboBox(self)
        for template in self._svc.templates.current():
            self.template_combo.addItem(
                self.tr("{title} (version {version})").format(title=template.title, version=template.version),
                template.id,
            )
        self.due_edit = OptionalDateEdit(self)
        self.count_choice = QRadioButton(self.tr("A number of operators"), self)
        self.percent_choice = QRadioButton(self.tr("A percentage of the matching operators"), self)
        self.class_choice = QRadioButton(self.tr("A percentage per credit class (stratified)"), self)
        self.count_choice.setChecked(True)
        group = QButtonGroup(self)
        for button in (self.count_choice, self.percent_choice, self.class_choice):
            group.addButton(button)
        self.count_spin = QSpinBox(self)
        self.count_spin.setRange(1, 100_000)
        self.count_spin.setValue(10)
        self.percent_spin = self._percent(5.0)
        self.class_spins: dict[str, QDoubleSpinBox] = {}
        classes = QGridLayout()
        classes.setContentsMargins(0, 0, 0, 0)
        for n, key in enumerate(STRATA):
            spin = self._percent(DEFAULT_CLASS_PERCENT[key], minimum=0.0)
            spin.setSpecialValueText(self.tr("none"))
            self.class_spins[key] = spin
            caption = label(key) if key else self.tr("Not classified")
            classes.addWidget(QLabel(caption, self), n // 3, (n % 3) * 2)
            classes.addWidget(spin, n // 3, (n % 3) * 2 + 1)
        self.classes_box = QWidget(self)
        self.classes_box.setLayout(classes)
        sample = QGridLayout()
        sample.setContentsMargins(0, 0, 0, 0)
        sample.addWidget(self.count_choice, 0, 0)
        sample.addWidget(self.count_spin, 0, 1)
        sample.addWidget(self.percent_choice, 1, 0)
        sample.addWidget(self.percent_spin, 1, 1)
        sample.addWidget(self.class_choice, 2, 0, 1, 2)
        sample.addWidget(self.classes_box, 3, 0, 1, 2)
        sample.setColumnStretch(2, 1)
        sample_box = QWidget(self)
        sample_box.setLayout(sample)

        self.subject_combo = QComboBox(self)
        self.subject_combo.addItem(self.tr("All subject types"), "")
        for subject in SubjectType:
            self.subject_combo.addItem(label(subject), subject.value)
        self.carrier_combo = QComboBox(self)
        self.carrier_combo.addItem(self.tr("All carrier kinds"), "")
        for kind in CarrierKind:
            self.carrier_combo.addItem(label(kind), kind.value)
        self.platform_combo = QComboBox(self)
        self.platform_combo.addItem(self.tr("All platforms"), "")
        for platform in PLATFORMS:
            self.platform_combo.addItem(platform, platform)
        self.credit_combo = QComboBox(self)
        self.credit_combo.addItem(self.tr("All credit classes"), "")
        for credit in CreditClass:
            self.credit_combo.addItem(label(credit), credit.value)
        target = QGridLayout()
        target.setContentsMargins(0, 0, 0, 0)
        target.addWidget(self.subject_combo, 0, 0)
        target.addWidget(self.carrier_combo, 0, 1)
        target.addWidget(self.platform_combo, 1, 0)
        target.addWidget(self.credit_combo, 1, 1)
        target_box = QWidget(self)
        target_box.setLayout(target)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.notes_edit.setTabChangesFocus(True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.addRow(self.tr("Task number *"), self._cell("number", self.number_edit))
        form.addRow(self.tr("Task name *"), self._cell("name", self.name_edit))
        form.addRow(self.tr("Checklist *"), self._cell("template", self.template_combo))
        form.addRow(self.tr("Due date"), self._cell("due_date", self.due_edit))
        form.addRow(self.tr("How many to draw *"), self._cell("sample", sample_box))
        form.addRow(self.tr("Which operators"), self._cell("target", target_box))
        form.addRow(self.tr("Notes"), self.notes_edit)
        self.general = FindingLabel(self)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        for button in (self.count_choice, self.percent_choice, self.class_choice):
            button.toggled.connect(lambda _on: self._mode_changed())
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self.resize(720, self.sizeHint().height())

    def _percent(self, value: float, minimum: float = 0.1) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setRange(minimum, 100.0)
        spin.setDecimals(1)
        spin.setSingleStep(0.5)
        spin.setSuffix(" %")
        spin.setValue(value)
        return spin

    def _cell(self, field: str, editor: QWidget) -> QWidget:
        cell = QWidget(self)
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(editor)
        finding = FindingLabel(cell)
        column.addWidget(finding)
        self._labels[field] = finding
        return cell

    def _mode_changed(self) -> None:
        self.count_spin.setEnabled(self.count_choice.isChecked())
        self.percent_spin.setEnabled(self.percent_choice.isChecked())
        self.classes_box.setEnabled(self.class_choice.isChecked())

    def _load(self, draft: TaskDraft) -> None:
        self.number_edit.setText(draft.number)
        self.name_edit.setText(draft.name)
        index = self.template_combo.findData(draft.template_id)
        if index >= 0:
            self.template_combo.setCurrentIndex(index)
        self.due_edit.set_value(draft.due_date)
        sample = draft.sample
        if sample.count is not None:
            self.count_choice.setChecked(True)
            self.count_spin.setValue(sample.count)
        elif sample.stratified:
            self.class_choice.setChecked(True)
            for key, spin in self.class_spins.items():
                spin.setValue(float(sample.percent_by_class.get(key, 0)))
        elif sample.percent is not None:
            self.percent_choice.setChecked(True)
            self.percent_spin.setValue(float(sample.percent))
        for combo, value in (
            (self.subject_combo, draft.target.subject_type),
            (self.carrier_combo, draft.target.carrier_kind),
            (self.platform_combo, draft.target.platform),
            (self.credit_combo, draft.target.credit_class),
        ):
            index = combo.findData(value or "")
            combo.setCurrentIndex(max(index, 0))
        self.notes_edit.setPlainText(draft.notes)

    @staticmethod
    def _decimal(spin: QDoubleSpinBox) -> Decimal:
        return Decimal(f"{spin.value():.1f}").normalize()

    def draft(self) -> TaskDraft:
        if self.count_choice.isChecked():
            sample = SampleSpec(count=self.count_spin.value())
        elif self.percent_choice.isChecked():
            sample = SampleSpec(percent=self._decimal(self.percent_spin))
        else:
            sample = SampleSpec(
                percent_by_class={k: self._decimal(s) for k, s in self.class_spins.items() if s.value() > 0}
            )

        def data(combo: QComboBox) -> str | None:
            return str(combo.currentData() or "") or None

        return TaskDraft(
            number=self.number_edit.text(),
            name=self.name_edit.text(),
            template_id=str(self.template_combo.currentData() or ""),
            sample=sample,
            target=TargetFilter(
                subject_type=data(self.subject_combo),
                carrier_kind=data(self.carrier_combo),
                platform=data(self.platform_combo),
                credit_class=data(self.credit_combo),
            ),
            due_date=self.due_edit.value(),
            notes=self.notes_edit.toPlainText(),
        )

    def _show(self, found: Sequence[Finding]) -> None:
        by_field: dict[str, list[Finding]] = {}
        general: list[Finding] = []
        for finding in found:
            if finding.field in self._labels:
                by_field.setdefault(finding.field, []).append(finding)
            else:
                general.append(finding)
        for field, finding_label in self._labels.items():
            finding_label.show_findings(by_field.get(field, []))
        self.general.show_findings(general)

    def _save(self) -> None:
        draft = self.draft()
        found = self._svc.tasks.check(draft, self._task_id)
        if any(x.severity == Severity.ERROR for x in found):
            self._show(found)
            return
        try:
            if self._task_id is None:
                self._task_id = self._svc.tasks.create(draft, self._actor())
            else:
                self._svc.tasks.update(self._task_id, draft, self._actor())
        except ValidationFailed as exc:
            self._show(exc.findings)
            return
        self.saved.emit(self._task_id)
        self.accept()
