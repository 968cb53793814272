"""The 双随机 tasks tab: the task list, the draw with its seed and hashes, export and verification of the draw,
and the drawn objects from which records are started.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import NotFound, ValidationFailed
from app.inspections import findings as f
from app.inspections.data import SampleSpec, TaskDetail, TaskRow, TaskTargetRecord
from app.records import Actor
from ui.inspection_common import MessageMixin, current_record, make_table, select_row, tr_inspections, tr_validation
from ui.inspection_models import (
    InspectionServices,
    TargetTableModel,
    TaskTableModel,
    format_day,
    format_minute,
    list_text,
)
from ui.operator_dialog import ERROR_COLOR
from ui.progress import run_with_progress
from ui.task_dialog import TaskDialog
from ui.ui_text import label, translate_finding


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
        for column, width in enumerate((120, 260, 260, 100, 90, 80)):
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
        for column, width in enumerate((50, 240, 170, 90, 200, 110)):
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
        tasks = self._svc.tasks.rows(include_closed=self.show_closed.isChecked())
        self.model.set_rows(tasks, self._svc.sync.tasks(t.id for t in tasks))
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
        targets = detail.targets if detail else ()
        sync = self._svc.sync.inspections(t.inspection_id for t in targets if t.inspection_id)
        self.target_model.set_rows(targets, {t.id: sync.get(t.inspection_id or "") for t in targets})
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
