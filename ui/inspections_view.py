"""The 检查 page: the list of inspection records with filters and 新建检查, the 双随机 tasks with their draw, and the
record editor (ui/inspection_editor.py) opened in place; plus the inspection figures of the 工作台.

Thin: every read and write is a service call (app/inspections); the widgets only keep the state of the screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import NotFound, ValidationFailed
from app.inspections import findings as f
from app.inspections.data import (
    DashboardFigures,
    InspectionFilter,
    InspectionRow,
    SampleSpec,
    TargetFilter,
    TaskDetail,
    TaskDraft,
    TaskRow,
    TaskTargetRecord,
    TemplateInfo,
)
from app.inspections.vocabulary import InspectionKind
from app.records import Actor, OfficerRecord, OperatorFilter
from app.validation import Finding, Severity
from app.vocab import PLATFORMS, CarrierKind, CreditClass, SubjectType
from ui.conflicts_view import ConflictsPage
from ui.inspection_editor import InspectionEditor
from ui.inspection_models import (
    RECORD_ROLE,
    InspectionServices,
    InspectionTableModel,
    RecordTableModel,
    TargetTableModel,
    TaskTableModel,
    format_day,
    format_minute,
    inspection_label,
    list_text,
)
from ui.operator_dialog import ERROR_COLOR, NOTE_COLOR, FindingLabel, OptionalDateEdit
from ui.progress import run_with_progress
from ui.ui_text import known_failure_text, label, translate_finding

SEARCH_DEBOUNCE_MS: Final = 250
SEARCH_LIMIT: Final = 50
"""Operators listed while picking the object of a new inspection (type more to narrow down)."""
STRATA: Final = ("D", "C", "B", "A", "")
"""Credit classes of a stratified draw, riskiest first; ``""`` is "not classified"."""
DEFAULT_CLASS_PERCENT: Final = {"D": 30.0, "C": 10.0, "B": 2.0, "A": 1.0, "": 0.0}
"""The ratios seen in the field by risk class (domain.md); the user changes them per task."""


def make_table(parent: QWidget, model: RecordTableModel) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    return table


def select_row(table: QTableView, row: int) -> None:
    model = table.model()
    if model is None or not 0 <= row < model.rowCount():
        return
    table.selectionModel().setCurrentIndex(
        model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )


def current_record(table: QTableView) -> Any:
    index = table.currentIndex()
    return index.data(RECORD_ROLE) if index.isValid() else None


def tr_validation(template: str, **params: object) -> str:
    """A core template of context ``Validation`` (app/inspections/findings.py), translated and filled in."""
    return QCoreApplication.translate("Validation", template).format(**params)


def tr_inspections(template: str) -> str:
    """A core template of context ``Inspections`` (app/inspections/tasks.py), translated."""
    return QCoreApplication.translate("Inspections", template)


def officer_text(officer: OfficerRecord) -> str:
    if officer.cert_no.strip():
        return QCoreApplication.translate("InspectionsView", "{name} ({cert})").format(
            name=officer.name, cert=officer.cert_no
        )
    return QCoreApplication.translate("InspectionsView", "{name} (no certificate number)").format(name=officer.name)


def check_officers(
    officer_ids: Sequence[str], officers: Sequence[OfficerRecord], conflicts: dict[str, str]
) -> list[Finding]:
    """Two distinct officers, none of them excluded from this operator (回避; ``conflicts`` maps an officer to the
    reason) — checked before anything is written."""
    names = {o.id: o.name for o in officers}
    found: list[Finding] = []
    seen: set[str] = set()
    for officer_id in officer_ids:
        if officer_id in seen:
            found.append(f.error("officers", "officers.twice", f.T_OFFICER_TWICE, name=names.get(officer_id, "")))
        seen.add(officer_id)
        if officer_id in conflicts:
            found.append(
                f.error(
                    "officers",
                    "officers.conflict",
                    f.T_OFFICER_CONFLICT,
                    name=names.get(officer_id, ""),
                    reason=conflicts[officer_id],
                )
            )
    if len(seen) < 2:
        found.append(f.error("officers", "officers.too_few", f.T_OFFICERS_TOO_FEW, count=len(seen)))
    return found


class MessageMixin:
    """Non-blocking message boxes (the event loop keeps running; tests find the box in ``dialog``)."""

    dialog: QWidget | None

    def _message(self, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Information) -> QMessageBox:
        assert isinstance(self, QWidget)
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._show(box)
        return box

    def _show(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self._forget(dialog))
        dialog.open()

    def _forget(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None


# --- new inspection -----------------------------------------------------------------------------------------------
class NewInspectionDialog(QDialog):
    """Start an inspection: the operator (searched in the register) or a drawn object of a task, the checklist
    and at least two officers. Nothing is written until every choice is valid."""

    created = Signal(str)

    def __init__(
        self,
        services: InspectionServices,
        actor: Callable[[], Actor],
        parent: QWidget | None = None,
        *,
        task_target: tuple[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self._svc = services
        self._actor = actor
        self.created_id: str | None = None
        self.setWindowTitle(self.tr("New inspection"))
        self._officers = services.officers.active_officers()
        self._templates: list[TemplateInfo] = services.templates.current()
        self._tasks = [t for t in services.tasks.rows() if t.targets]
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._build()
        self._connect()
        self.search()
        self._mode_changed()
        if task_target is not None:
            self.task_choice.setChecked(True)
            self._select_combo(self.task_combo, task_target[0])
            for row in range(self.target_list.count()):
                entry = self.target_list.item(row)
                if entry is not None and entry.data(Qt.ItemDataRole.UserRole).id == task_target[1]:
                    self.target_list.setCurrentRow(row)

    # -- building ----------------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.operator_choice = QRadioButton(self.tr("An operator from the register"), self)
        self.task_choice = QRadioButton(self.tr("An operator drawn for a random inspection task"), self)
        self.task_choice.setEnabled(bool(self._tasks))
        if not self._tasks:
            self.task_choice.setToolTip(self.tr("No task has been drawn yet (Tasks tab)."))
        self.operator_choice.setChecked(True)
        modes = QButtonGroup(self)
        modes.addButton(self.operator_choice)
        modes.addButton(self.task_choice)

        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(self.tr("Name, licence number, shop name, pinyin initials…"))
        self.search_edit.setClearButtonEnabled(True)
        self.operator_list = QListWidget(self)
        self.operator_list.setMinimumHeight(180)
        self.task_combo = QComboBox(self)
        for task in self._tasks:
            self.task_combo.addItem(self.tr("{number} {name}").format(number=task.number, name=task.name), task.id)
        self.target_list = QListWidget(self)
        self.target_list.setMinimumHeight(180)

        self.operator_page = QWidget(self)
        page = QVBoxLayout(self.operator_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(self.search_edit)
        page.addWidget(self.operator_list, 1)
        self.task_page = QWidget(self)
        page = QVBoxLayout(self.task_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(self.task_combo)
        page.addWidget(self.target_list, 1)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.operator_page)
        self.pages.addWidget(self.task_page)

        self.carrier_combo = QComboBox(self)
        self.template_combo = QComboBox(self)
        for template in self._templates:
            self.template_combo.addItem(
                self.tr("{title} (version {version})").format(title=template.title, version=template.version),
                template.id,
            )
        self.kind_combo = QComboBox(self)
        for kind in (InspectionKind.TARGETED, InspectionKind.COMPLAINT, InspectionKind.CAMPAIGN):
            self.kind_combo.addItem(inspection_label(kind), kind.value)
        self.officer_combos = [QComboBox(self), QComboBox(self), QComboBox(self)]
        for n, combo in enumerate(self.officer_combos):
            combo.addItem(self.tr("(optional)") if n == 2 else self.tr("Choose…"), "")
            for officer in self._officers:
                combo.addItem(officer_text(officer), officer.id)
        me = self.officer_combos[0].findData(self._actor().officer_id)
        self.officer_combos[0].setCurrentIndex(max(me, 0))
        self.object_finding = FindingLabel(self)
        self.template_finding = FindingLabel(self)
        self.officer_finding = FindingLabel(self)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.addRow(self.tr("Shop / website:"), self.carrier_combo)
        form.addRow(self.tr("Checklist:"), self._with(self.template_combo, self.template_finding))
        form.addRow(self.tr("Kind:"), self.kind_combo)
        officers = QHBoxLayout()
        for combo in self.officer_combos:
            officers.addWidget(combo, 1)
        cell = QWidget(self)
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(officers)
        column.addWidget(self.officer_finding)
        form.addRow(self.tr("Officers (at least two):"), cell)

        self.buttons = QDialogButtonBox(self)
        self.start_button = self.buttons.addButton(
            self.tr("Start the inspection"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        choice = QHBoxLayout()
        choice.addWidget(self.operator_choice)
        choice.addWidget(self.task_choice)
        choice.addStretch(1)
        layout.addLayout(choice)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.object_finding)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(760, 640)

    def _with(self, widget: QWidget, finding: FindingLabel) -> QWidget:
        cell = QWidget(self)
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(widget)
        column.addWidget(finding)
        return cell

    def _connect(self) -> None:
        self.operator_choice.toggled.connect(lambda _on: self._mode_changed())
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self._search_timer.timeout.connect(self.search)
        self.operator_list.currentRowChanged.connect(lambda _r: self._operator_changed())
        self.task_combo.currentIndexChanged.connect(lambda _i: self._load_targets())
        self.target_list.currentRowChanged.connect(lambda _r: self._target_changed())

    @staticmethod
    def _select_combo(combo: QComboBox, data: str) -> None:
        index = combo.findData(data)
        if index >= 0:
            combo.setCurrentIndex(index)

    # -- behaviour ---------------------------------------------------------------------------------------------------
    def _mode_changed(self) -> None:
        by_task = self.task_choice.isChecked()
        self.pages.setCurrentWidget(self.task_page if by_task else self.operator_page)
        self.template_combo.setEnabled(not by_task)
        self.kind_combo.setEnabled(not by_task)
        if by_task:
            self._load_targets()
        else:
            self._operator_changed()

    def search(self) -> None:
        """List the operators matching the search text (or the first ones of the register)."""
        self._search_timer.stop()
        registry = self._svc.registry
        query = self.search_edit.text().strip()
        if query:
            ids = registry.search_ids(query, OperatorFilter(), limit=SEARCH_LIMIT)
        else:
            ids = registry.list_ids(OperatorFilter())[:SEARCH_LIMIT]
        self.operator_list.clear()
        for row in registry.rows(ids):
            parts = [row.name, row.identifier, row.business_address]
            entry = QListWidgetItem("    ".join(p for p in parts if p))
            entry.setData(Qt.ItemDataRole.UserRole, row.id)
            self.operator_list.addItem(entry)
        if self.operator_list.count() == 1:
            self.operator_list.setCurrentRow(0)

    def operator_id(self) -> str | None:
        if self.task_choice.isChecked():
            target = self._target()
            return target.operator_id if target else None
        entry = self.operator_list.currentItem()
        return str(entry.data(Qt.ItemDataRole.UserRole)) if entry is not None else None

    def _target(self) -> TaskTargetRecord | None:
        entry = self.target_list.currentItem()
        record = entry.data(Qt.ItemDataRole.UserRole) if entry is not None else None
        return record if isinstance(record, TaskTargetRecord) else None

    def _operator_changed(self) -> None:
        self.carrier_combo.clear()
        self.carrier_combo.addItem(self.tr("The operator as a whole"), "")
        operator_id = self.operator_id()
        if operator_id is None:
            return
        try:
            carriers = self._svc.registry.detail(operator_id).carriers
        except NotFound:
            return
        for carrier in carriers:
            text = " \u00b7 ".join(v for v in (label(carrier.kind), carrier.platform, carrier.shop_name) if v)
            self.carrier_combo.addItem(text, carrier.id)
        if carriers:
            self.carrier_combo.setCurrentIndex(1)

    def _load_targets(self) -> None:
        self.target_list.clear()
        task_id = self.task_combo.currentData()
        if not task_id:
            return
        detail = self._svc.tasks.detail(str(task_id))
        self._select_combo(self.template_combo, detail.draft.template_id)
        for target in detail.targets:
            state = (
                self.tr("not started") if target.inspection_state is None else inspection_label(target.inspection_state)
            )
            text = self.tr("{position}. {name} — officers: {officers} — {state}").format(
                position=target.position,
                name=target.operator_name,
                officers=list_text(target.officer_names) or "-",
                state=state,
            )
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.UserRole, target)
            if target.inspection_id is not None:
                entry.setForeground(QColor(NOTE_COLOR))
            self.target_list.addItem(entry)

    def _target_changed(self) -> None:
        target = self._target()
        self._operator_changed()
        if target is None:
            return
        for n, combo in enumerate(self.officer_combos):
            wanted = target.officer_ids[n] if n < len(target.officer_ids) else ""
            self._select_combo(combo, wanted)

    def chosen_officers(self) -> list[str]:
        return [str(c.currentData()) for c in self.officer_combos if c.currentData()]

    def _start(self) -> None:
        operator_id = self.operator_id()
        target = self._target() if self.task_choice.isChecked() else None
        self.object_finding.show_findings([])
        self.template_finding.show_findings([])
        self.officer_finding.show_findings([])
        ok = True
        if operator_id is None:
            self.object_finding.setText(self.tr("Choose the operator to inspect in the list above."))
            self.object_finding.setStyleSheet(f"color: {ERROR_COLOR};")
            self.object_finding.show()
            ok = False
        elif target is not None and target.inspection_id is not None:
            self.object_finding.setText(
                self.tr("This object already has an inspection record; open it from the list of records.")
            )
            self.object_finding.setStyleSheet(f"color: {ERROR_COLOR};")
            self.object_finding.show()
            ok = False
        template_id = str(self.template_combo.currentData() or "")
        if not template_id:
            self.template_finding.show_findings([f.error("template", "task.template", f.T_TASK_TEMPLATE)])
            ok = False
        officers = self.chosen_officers()
        conflicts = (
            {c.officer_id: c.reason for c in self._svc.conflicts.rows(operator_id=operator_id)} if operator_id else {}
        )
        problems = check_officers(officers, self._officers, conflicts)
        if problems:
            self.officer_finding.show_findings(problems)
            ok = False
        if not ok or operator_id is None:
            return
        carrier_id = str(self.carrier_combo.currentData() or "") or None
        actor = self._actor()
        try:
            if target is not None:
                inspection_id = self._svc.inspections.create_from_task(target.id, actor, carrier_id)
                if list(target.officer_ids) != officers:
                    self._svc.inspections.set_officers(inspection_id, officers, actor)
            else:
                inspection_id = self._svc.inspections.create_draft(
                    operator_id,
                    actor,
                    template_id=template_id,
                    carrier_id=carrier_id,
                    kind=str(self.kind_combo.currentData()),
                    officer_ids=officers,
                )
        except ValidationFailed as exc:
            self.object_finding.show_findings(exc.findings)
            return
        except Exception as exc:
            text = known_failure_text(exc)
            if text is None:
                raise
            self.object_finding.setText(text)
            self.object_finding.setStyleSheet(f"color: {ERROR_COLOR};")
            self.object_finding.show()
            return
        self.created_id = inspection_id
        self.created.emit(inspection_id)
        self.accept()


# --- tasks ------------------------------------------------------------------------------------------------------
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


class TasksPage(MessageMixin, QWidget):
    """The 双随机 tasks: list, create, draw (once), show the draw with its seed and hashes, export, verify."""

    start_inspection = Signal(str, str)
    """(task id, task target id): start a record for a drawn object."""
    open_inspection = Signal(str)

    def __init__(self, services: InspectionServices, actor: Callable[[], Actor], parent: QWidget | None = None):
        super().__init__(parent)
        self._svc = services
        self._actor = actor
        self.dialog: QWidget | None = None
        self.detail: TaskDetail | None = None
        self.model = TaskTableModel(self)
        self.target_model = TargetTableModel(self)
        self._build()
        self.reload()

    def _build(self) -> None:
        self.table = make_table(self, self.model)
        for column, width in enumerate((120, 260, 260, 100, 90)):
            self.table.setColumnWidth(column, width)
        self.new_button = QPushButton(self.tr("New task…"), self)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.draw_button = QPushButton(self.tr("Draw…"), self)
        self.draw_button.setToolTip(
            self.tr("Draw the operators and the pairs of officers at random. A task is drawn only once.")
        )
        self.export_button = QPushButton(self.tr("Export draw record…"), self)
        self.verify_button = QPushButton(self.tr("Verify draw"), self)
        self.verify_button.setToolTip(
            self.tr("Recompute the draw from its stored seed and pools and compare it with the stored result.")
        )
        self.close_button = QPushButton(self.tr("Close task"), self)
        self.show_closed = QCheckBox(self.tr("Show closed tasks"), self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.targets = make_table(self, self.target_model)
        for column, width in enumerate((50, 240, 170, 90, 200)):
            self.targets.setColumnWidth(column, width)
        self.start_button = QPushButton(self.tr("Start inspection of the selected object"), self)
        self.open_button = QPushButton(self.tr("Open its record"), self)

        top = QHBoxLayout()
        for button in (
            self.new_button,
            self.edit_button,
            self.draw_button,
            self.export_button,
            self.verify_button,
            self.close_button,
        ):
            top.addWidget(button)
        top.addStretch(1)
        top.addWidget(self.show_closed)
        lower = QWidget(self)
        details = QVBoxLayout(lower)
        details.setContentsMargins(0, 0, 0, 0)
        details.addWidget(self.summary)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("Drawn objects and officers:"), self), 1)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.open_button)
        details.addLayout(buttons)
        details.addWidget(self.targets, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self.new_button.clicked.connect(self.new_task)
        self.edit_button.clicked.connect(self.edit_task)
        self.draw_button.clicked.connect(self.ask_draw)
        self.export_button.clicked.connect(self.ask_export)
        self.verify_button.clicked.connect(self.verify)
        self.close_button.clicked.connect(self.close_task)
        self.show_closed.toggled.connect(lambda _on: self.reload())
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show_detail())
        self.targets.selectionModel().currentRowChanged.connect(lambda _c, _p: self._update_target_buttons())
        self.targets.activated.connect(lambda _i: self._start_or_open())
        self.start_button.clicked.connect(self._start_or_open)
        self.open_button.clicked.connect(self._start_or_open)

    # -- reading -----------------------------------------------------------------------------------------------------
    def current_task(self) -> TaskRow | None:
        record = current_record(self.table)
        return record if isinstance(record, TaskRow) else None

    def reload(self, select_id: str | None = None) -> None:
        current = self.current_task()
        keep = select_id or (current.id if current else None)
        self.model.set_rows(self._svc.tasks.rows(include_closed=self.show_closed.isChecked()))
        row = self.model.row_of(keep) if keep else -1
        select_row(self.table, row if row >= 0 else 0)
        self._show_detail()

    def _show_detail(self) -> None:
        task = self.current_task()
        self.detail = self._svc.tasks.detail(task.id) if task else None
        detail = self.detail
        drawn = detail is not None and detail.draw is not None
        self.edit_button.setEnabled(detail is not None and not drawn and detail.row.state != "closed")
        self.draw_button.setEnabled(detail is not None and not drawn and detail.row.state != "closed")
        self.export_button.setEnabled(drawn)
        self.verify_button.setEnabled(drawn)
        self.close_button.setEnabled(detail is not None and detail.row.state != "closed")
        self.target_model.set_rows(detail.targets if detail else [])
        self.summary.setText(self._summary_text(detail))
        self._update_target_buttons()

    def _sample_text(self, sample: SampleSpec) -> str:
        if sample.count is not None:
            return self.tr("{count} operators").format(count=sample.count)
        if sample.stratified:
            parts = [
                self.tr("{cls} {percent}%").format(cls=key or self.tr("not classified"), percent=value)
                for key, value in sample.percent_by_class.items()
            ]
            return self.tr("by credit class: {parts}").format(parts=list_text(parts))
        return self.tr("{percent}% of the matching operators").format(percent=sample.percent)

    def _summary_text(self, detail: TaskDetail | None) -> str:
        if detail is None:
            return self.tr("No task yet. Create one with \u201cNew task\u201d, then draw it.")
        d = detail.draft
        target = [label(v) for v in (d.target.subject_type, d.target.carrier_kind, d.target.credit_class) if v]
        if d.target.platform:
            target.append(d.target.platform)
        lines = [
            self.tr("<b>{number} {name}</b> \u2014 due {due}").format(
                number=d.number, name=d.name, due=format_day(d.due_date) or "-"
            ),
            self.tr("Draws {sample} from {target}.").format(
                sample=self._sample_text(d.sample), target=list_text(target) or self.tr("all operators")
            ),
        ]
        draw = detail.draw
        if draw is None:
            try:
                preview = self._svc.draws.preview(detail.row.id)
            except NotFound:
                preview = None
            if preview is not None and detail.row.state != "closed":
                lines.append(
                    self.tr(
                        "Not drawn yet. Now {size} operators match; the draw would pick {planned}; {officers} officers "
                        "with a certificate number can be drawn."
                    ).format(size=preview.size, planned=sum(preview.planned.values()), officers=preview.officers)
                )
        else:
            lines.append(
                self.tr("Drawn on {time} by {name}: {picked} of {pool} candidates, algorithm {algorithm}.").format(
                    time=format_minute(draw.drawn_at),
                    name=draw.drawn_by_name,
                    picked=draw.picked,
                    pool=draw.pool_size,
                    algorithm=draw.algorithm,
                )
            )
            lines.append(self.tr("Seed: <tt>{seed}</tt>").format(seed=draw.seed))
            lines.append(self.tr("Candidate pool SHA-256: <tt>{hash}</tt>").format(hash=draw.pool_hash))
            lines.append(self.tr("Result SHA-256: <tt>{hash}</tt>").format(hash=draw.result_hash))
            if draw.unassigned:
                warning = tr_validation(f.T_DRAW_UNASSIGNED, count=draw.unassigned)
                lines.append(f"<span style='color:{ERROR_COLOR}'>{warning}</span>")
        return "<br/>".join(lines)

    def _update_target_buttons(self) -> None:
        record = current_record(self.targets)
        target = record if isinstance(record, TaskTargetRecord) else None
        self.start_button.setEnabled(target is not None and target.inspection_id is None)
        self.open_button.setEnabled(target is not None and target.inspection_id is not None)

    def _start_or_open(self) -> None:
        record = current_record(self.targets)
        if not isinstance(record, TaskTargetRecord):
            return
        if record.inspection_id is not None:
            self.open_inspection.emit(record.inspection_id)
        elif self.detail is not None:
            self.start_inspection.emit(self.detail.row.id, record.id)

    # -- actions -----------------------------------------------------------------------------------------------------
    def new_task(self) -> None:
        dialog = TaskDialog(self._svc, self._actor, None, self)
        dialog.saved.connect(lambda task_id: self.reload(task_id))
        self._show(dialog)

    def edit_task(self) -> None:
        task = self.current_task()
        if task is None:
            return
        dialog = TaskDialog(self._svc, self._actor, task.id, self)
        dialog.saved.connect(lambda task_id: self.reload(task_id))
        self._show(dialog)

    def ask_draw(self) -> None:
        task = self.current_task()
        if task is None:
            return
        preview = self._svc.draws.preview(task.id)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Draw task {number}").format(number=task.number),
            self.tr(
                "{size} operators match the task; {planned} will be drawn at random, each with two officers drawn "
                "from the {officers} officers who have a certificate number, avoiding conflicts of interest. The "
                "draw is recorded with its seed and can be verified later, but it cannot be repeated. Draw now?"
            ).format(size=preview.size, planned=sum(preview.planned.values()), officers=preview.officers),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        yes = box.addButton(self.tr("Draw"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.buttonClicked.connect(lambda button: self.draw(task.id) if button is yes else None)
        self._show(box)

    def draw(self, task_id: str) -> None:
        actor = self._actor()
        try:
            summary = run_with_progress(
                self, self.tr("Drawing…"), lambda _progress: self._svc.draws.draw(task_id, actor)
            )
        except ValidationFailed as exc:
            self._message(
                self.tr("Not drawn"),
                "\n".join(translate_finding(x) for x in exc.findings),
                QMessageBox.Icon.Warning,
            )
            return
        self.reload(task_id)
        if summary is not None and summary.unassigned:
            self._message(
                self.tr("Assign officers by hand"),
                tr_validation(f.T_DRAW_UNASSIGNED, count=summary.unassigned),
                QMessageBox.Icon.Warning,
            )

    def ask_export(self) -> None:
        task = self.current_task()
        if task is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the draw record"),
            self.tr("draw-{number}.json").format(number=task.number),
            self.tr("Draw records (*.json)"),
        )
        if path:
            self.export(task.id, Path(path))

    def export(self, task_id: str, path: Path) -> bool:
        """Write the draw record (seed, time, pools, conflicts, hashes, result) as JSON for publication or audit."""
        try:
            path.write_text(self._svc.draws.export(task_id), encoding="utf-8")
        except NotFound:
            self._message(self.tr("Not exported"), self.tr("This task has not been drawn yet."))
            return False
        except OSError as exc:
            self._message(
                self.tr("Not exported"),
                self.tr("The file could not be written ({detail}). Choose another folder.").format(
                    detail=exc.strerror or type(exc).__name__
                ),
                QMessageBox.Icon.Warning,
            )
            return False
        self._message(self.tr("Exported"), self.tr("The draw record was saved to {path}.").format(path=str(path)))
        return True

    def verify(self) -> None:
        task = self.current_task()
        if task is None:
            return
        result = self._svc.draws.verify(task.id)
        if result.matches:
            text = self.tr(
                "The draw of task {number} matches: recomputed from its stored seed and pools, it gives the same "
                "result."
            ).format(number=result.task_number)
            icon = QMessageBox.Icon.Information
        else:
            problems = [tr_inspections(p) for p in result.problems]
            text = "\n".join(
                [self.tr("The draw of task {number} does NOT match:").format(number=result.task_number), *problems]
            )
            icon = QMessageBox.Icon.Critical
        if not result.registry_unchanged:
            text += "\n\n" + self.tr(
                "Note: the register has changed since the draw ({added} candidates added, {removed} removed); the "
                "draw is checked against the pool stored with it."
            ).format(added=result.pool_added, removed=result.pool_removed)
        self._message(self.tr("Verify draw"), text, icon)

    def close_task(self) -> None:
        task = self.current_task()
        if task is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Close task {number}").format(number=task.number),
            self.tr(
                "A closed task leaves the list of tasks due and cannot be drawn or edited any more; its records stay. "
                "Close it now?"
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        yes = box.addButton(self.tr("Close task"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.buttonClicked.connect(lambda button: self._close(task.id) if button is yes else None)
        self._show(box)

    def _close(self, task_id: str) -> None:
        self._svc.tasks.close(task_id, self._actor())
        self.reload()


# --- the records list ---------------------------------------------------------------------------------------------
class RecordsPage(QWidget):
    """The list of inspection records: drafts first in mind, filters, new and open."""

    open_requested = Signal(str)
    new_requested = Signal()

    def __init__(self, services: InspectionServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._svc = services
        self.model = InspectionTableModel(self)
        self._all: list[InspectionRow] = []
        self._build()
        self.reload()

    def _build(self) -> None:
        self.new_button = QPushButton(self.tr("New inspection…"), self)
        self.new_button.setToolTip(self.tr("Start an inspection record (Ctrl+N)"))
        self.open_button = QPushButton(self.tr("Open"), self)
        self.state_filter = QComboBox(self)
        self.state_filter.addItem(self.tr("All records"), "")
        self.state_filter.addItem(self.tr("Drafts"), "draft")
        self.state_filter.addItem(self.tr("Finalized"), "finalized")
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Filter by operator, identifier, officer or task"))
        self.filter_edit.setClearButtonEnabled(True)
        self.discarded_filter = QCheckBox(self.tr("Show discarded drafts"), self)
        self.count_label = QLabel(self)
        self.table = make_table(self, self.model)
        for column, width in enumerate((150, 230, 160, 200, 110, 110, 130, 150, 220)):
            self.table.setColumnWidth(column, width)
        self.empty_label = QLabel(
            self.tr("No inspection records yet. Click \u201cNew inspection\u201d to start one."), self
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet(f"color: {NOTE_COLOR}; font-size: 12pt;")
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addWidget(self.open_button)
        top.addSpacing(16)
        top.addWidget(self.state_filter)
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.discarded_filter)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)  # takes the space of the hidden table, so the toolbar stays on top
        self.new_button.clicked.connect(self.new_requested.emit)
        self.open_button.clicked.connect(self._open_current)
        self.table.activated.connect(lambda _i: self._open_current())
        self.state_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.discarded_filter.toggled.connect(lambda _on: self.reload())
        self.filter_edit.textChanged.connect(lambda _t: self._apply_text_filter())

    def reload(self, select_id: str | None = None) -> None:
        record = current_record(self.table)
        keep = select_id or (record.id if isinstance(record, InspectionRow) else None)
        state = str(self.state_filter.currentData() or "") or None
        self._all = self._svc.inspections.rows(
            InspectionFilter(state=state, include_discarded=self.discarded_filter.isChecked())
        )
        self._apply_text_filter(keep)

    def _apply_text_filter(self, keep: str | None = None) -> None:
        words = self.filter_edit.text().split()

        def matches(row: InspectionRow) -> bool:
            text = " ".join(
                [row.subject_name, row.subject_identifier, row.carrier_summary, row.task_number, *row.officer_names]
            ).lower()
            return all(word.lower() in text for word in words)

        rows = [r for r in self._all if matches(r)]
        self.model.set_rows(rows)
        self.count_label.setText(self.tr("{count} records").format(count=len(rows)))
        self.empty_label.setVisible(not self._all)
        self.table.setVisible(bool(self._all))
        row = self.model.row_of(keep) if keep else -1
        select_row(self.table, row if row >= 0 else 0)
        self.open_button.setEnabled(bool(rows))

    def _open_current(self) -> None:
        record = current_record(self.table)
        if isinstance(record, InspectionRow):
            self.open_requested.emit(record.id)


# --- the page -----------------------------------------------------------------------------------------------------
class InspectionsView(QWidget):
    """The 检查 page: records and tasks in tabs; a record opens in the editor in place of the list."""

    records_changed = Signal()

    def __init__(self, services: InspectionServices, actor: Callable[[], Actor], parent: QWidget | None = None):
        super().__init__(parent)
        self._svc = services
        self._actor = actor
        self.dialog: QDialog | None = None
        self.editor: InspectionEditor | None = None
        self._stale = False
        self.records = RecordsPage(services, self)
        self.tasks = TasksPage(services, actor, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.records, self.tr("Inspection records"))
        self.tabs.addTab(self.tasks, self.tr("Random inspection tasks"))
        self.conflicts = ConflictsPage(services, actor, self)
        self.tabs.addTab(self.conflicts, self.tr("Conflicts of interest"))
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.tabs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.records.open_requested.connect(self.open_record)
        self.records.new_requested.connect(self.new_inspection)
        self.tasks.open_inspection.connect(self.open_record)
        self.tasks.start_inspection.connect(lambda task_id, target_id: self.new_inspection((task_id, target_id)))
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.New), self.tabs)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.new_inspection)

    def new_inspection(self, task_target: tuple[str, str] | None = None) -> None:
        if self.dialog is not None:
            self.dialog.raise_()
            return
        dialog = NewInspectionDialog(self._svc, self._actor, self, task_target=task_target)
        dialog.created.connect(self._created)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _created(self, inspection_id: str) -> None:
        self.records.reload(inspection_id)
        self.tasks.reload()
        self.records_changed.emit()
        self.open_record(inspection_id)

    def open_record(self, inspection_id: str) -> None:
        """Show the record in the editor (replacing any record open before; its pending edits are saved)."""
        if self.editor is not None:
            self.editor.flush()
        try:
            editor = InspectionEditor(self._svc, self._actor, inspection_id, self)
        except NotFound:
            self.records.reload()
            return
        editor.back_requested.connect(self.show_list)
        editor.changed.connect(lambda _id: self._mark_stale())
        editor.open_requested.connect(self.open_record)
        old = self.editor
        self.editor = editor
        self.stack.addWidget(editor)
        self.stack.setCurrentWidget(editor)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()

    def _mark_stale(self) -> None:
        self._stale = True
        self.records_changed.emit()

    def show_list(self) -> None:
        if self.editor is not None:
            self.editor.flush()
            self.stack.removeWidget(self.editor)
            keep = self.editor.inspection_id
            self.editor.deleteLater()
            self.editor = None
            self.records.reload(keep)
            self.tasks.reload()
        self.stack.setCurrentWidget(self.tabs)

    def flush(self) -> None:
        """Save the pending edits of the open record now (the window is closing)."""
        if self.editor is not None:
            self.editor.flush()

    def refresh(self) -> None:
        """Called when the page is shown: re-read the lists (records may have changed on other pages)."""
        if self.editor is None:
            self.records.reload()
            self.tasks.reload()


# --- the dashboard panel ----------------------------------------------------------------------------------------------
class DailyChart(QFrame):
    """Inspections and problems found per day of the month, as bars (painted: no chart library needed)."""

    INSPECTIONS: Final = QColor(52, 112, 186)
    PROBLEMS: Final = QColor(200, 80, 40)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(180)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.days: list[tuple[date, int, int]] = []

    def set_days(self, days: Sequence[tuple[date, int, int]]) -> None:
        self.days = list(days)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        left, right, top = 34.0, 10.0, 24.0
        bottom = metrics.height() + 8.0
        width = self.width() - left - right
        height = self.height() - top - bottom
        painter.setPen(QColor(NOTE_COLOR))
        legend_x = left
        for color, text in (
            (self.INSPECTIONS, self.tr("Inspections finalized")),
            (self.PROBLEMS, self.tr("Problems found")),
        ):
            painter.fillRect(QRectF(legend_x, 6, 10, 10), color)
            painter.drawText(QPointF(legend_x + 14, 6 + metrics.ascent() - 2), text)
            legend_x += 24 + metrics.horizontalAdvance(text)
        if not self.days or width <= 0 or height <= 0:
            painter.end()
            return
        peak = max(1, *(d[1] for d in self.days))
        painter.drawLine(QPointF(left, top + height), QPointF(left + width, top + height))
        painter.drawText(QRectF(0, top - 6, left - 6, 12), int(Qt.AlignmentFlag.AlignRight), str(peak))
        slot = width / len(self.days)
        bar = max(2.0, slot * 0.36)
        for n, (day, inspections, problems) in enumerate(self.days):
            x = left + n * slot + (slot - 2 * bar) / 2
            for m, (value, color) in enumerate(((inspections, self.INSPECTIONS), (problems, self.PROBLEMS))):
                h = height * value / peak
                painter.fillRect(QRectF(x + m * bar, top + height - h, bar, h), color)
            if day.day == 1 or day.day % 5 == 0:
                painter.drawText(
                    QRectF(left + n * slot - 10, top + height + 2, slot + 20, bottom),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                    str(day.day),
                )
        painter.end()


class ChartsDailyChart(QWidget):
    """The same chart drawn by QtCharts (PySide6.QtCharts), used when that module is installed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QChart, QChartView, QValueAxis

        self.days: list[tuple[date, int, int]] = []
        self.chart = QChart()
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        self.chart.setMargins(self.chart.margins() * 0)
        self.chart.setBackgroundRoundness(0)
        self.series = QBarSeries()
        self.chart.addSeries(self.series)
        self.x_axis = QBarCategoryAxis()
        self.y_axis = QValueAxis()
        self.y_axis.setLabelFormat("%d")
        self.chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(self.x_axis)
        self.series.attachAxis(self.y_axis)
        self.view = QChartView(self.chart, self)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(200)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def set_days(self, days: Sequence[tuple[date, int, int]]) -> None:
        from PySide6.QtCharts import QBarSet

        self.days = list(days)
        self.series.clear()
        for caption, color, values in (
            (self.tr("Inspections finalized"), DailyChart.INSPECTIONS, [d[1] for d in self.days]),
            (self.tr("Problems found"), DailyChart.PROBLEMS, [d[2] for d in self.days]),
        ):
            bars = QBarSet(caption)
            bars.setColor(color)
            bars.append([float(v) for v in values])
            self.series.append(bars)
        self.x_axis.clear()
        self.x_axis.append([str(d[0].day) for d in self.days])
        peak = max([1, *(d[1] for d in self.days)])
        self.y_axis.setRange(0, peak)
        self.y_axis.setTickCount(min(peak, 5) + 1)


def charts_available() -> bool:
    try:
        from PySide6 import QtCharts  # noqa: F401
    except ImportError:
        return False
    return True


class InspectionDashboard(QWidget):
    """The inspection figures of the 工作台: today's work and this month's counts, with a daily chart."""

    go_to = Signal(str)
    """``inspections``, ``drafts`` or ``rectifications``: the user clicked a figure to see the list behind it."""

    def __init__(self, services: InspectionServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._svc = services
        self.figures: DashboardFigures | None = None
        self.values: dict[str, QLabel] = {}
        today = QGroupBox(self.tr("Today's work"), self)
        grid = QGridLayout(today)
        tiles = [
            ("drafts", self.tr("Drafts to finish"), "drafts"),
            ("tasks_due", self.tr("Tasks due within a week"), "inspections"),
            ("rectifications_overdue", self.tr("Overdue rectifications"), "rectifications"),
            ("rectifications_due_soon", self.tr("Rectifications due soon"), "rectifications"),
            ("not_uploaded", self.tr("Finalized, not yet uploaded"), "inspections"),
        ]
        for n, (key, caption, target) in enumerate(tiles):
            grid.addWidget(self._tile(key, caption, target), 0, n)
        month = QGroupBox(self.tr("This month"), self)
        row = QGridLayout(month)
        for n, (key, caption) in enumerate(
            [
                ("month_inspections", self.tr("Inspections finalized")),
                ("month_problems", self.tr("Problems found")),
                ("month_operators", self.tr("Operators checked")),
            ]
        ):
            row.addWidget(self._tile(key, caption, "inspections"), 0, n)
        self.chart: DailyChart | ChartsDailyChart = ChartsDailyChart(month) if charts_available() else DailyChart(month)
        row.addWidget(self.chart, 1, 0, 1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(today)
        layout.addWidget(month)

    def _tile(self, key: str, caption: str, target: str) -> QWidget:
        tile = QPushButton(self)
        tile.setFlat(True)
        tile.setCursor(Qt.CursorShape.PointingHandCursor)
        tile.setMinimumHeight(74)
        value = QLabel("0", tile)
        value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        value.setStyleSheet("font-size: 20pt; font-weight: bold;")
        text = QLabel(caption, tile)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        column = QVBoxLayout(tile)
        column.setContentsMargins(4, 4, 4, 4)
        column.setSpacing(0)
        column.addWidget(value)
        column.addWidget(text)
        tile.clicked.connect(lambda: self.go_to.emit(target))
        self.values[key] = value
        return tile

    def refresh(self, today: date | None = None) -> DashboardFigures:
        figures = self._svc.dashboard.figures(today)
        self.figures = figures
        for key, value in self.values.items():
            number = int(getattr(figures, key))
            value.setText(str(number))
            alert = key in ("rectifications_overdue",) and number > 0
            value.setStyleSheet("font-size: 20pt; font-weight: bold;" + (f" color: {ERROR_COLOR};" if alert else ""))
        self.chart.set_days([(d.day, d.inspections, d.problems) for d in figures.daily])
        return figures
