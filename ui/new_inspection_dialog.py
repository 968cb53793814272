"""新建检查: the dialog that starts an inspection record for an operator of the register or a drawn object."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import NotFound, ValidationFailed
from app.inspections import findings as f
from app.inspections.data import TaskTargetRecord, TemplateInfo
from app.inspections.vocabulary import InspectionKind
from app.records import Actor, OperatorFilter
from ui.inspection_common import check_officers, officer_text
from ui.inspection_models import InspectionServices, inspection_label, list_text
from ui.operator_dialog import ERROR_COLOR, NOTE_COLOR, FindingLabel
from ui.ui_text import known_failure_text, label

SEARCH_DEBOUNCE_MS: Final = 250
SEARCH_LIMIT: Final = 50
"""Operators listed while picking the object of a new inspection (type more to narrow down)."""


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
