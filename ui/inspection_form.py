"""The checklist form of the inspection editor: the operator inspected, the checklist items with their answers and
notes, the methods, results and follow-up, the party's opinion and notes — loading a record into it, and saving
each field as it changes (choices at once, typing through the autosave's short delay).

The officers panel (ui/inspection_officers.py) is part of the form; each item's evidence buttons and thumbnails
come from the evidence part (ui/inspection_evidence.py).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import NotFound
from app.inspections.vocabulary import (
    ALL_RESULTS,
    FOLLOW_UP_OTHER,
    FOLLOW_UP_RECTIFY,
    FOLLOW_UPS,
    METHODS,
    InspectionKind,
)
from app.validation import Finding
from ui.checklist_item_row import ItemRow
from ui.inspection_editor_base import RECORD_LEVEL
from ui.inspection_evidence import EvidenceEditing
from ui.inspection_models import inspection_label
from ui.inspection_officers import OfficersPanel
from ui.operator_dialog import OptionalDateEdit


class ChecklistForm(OfficersPanel, EvidenceEditing):
    """The record's fields (part of :class:`ui.inspection_editor.InspectionEditor`)."""

    def item_row(self, code: str) -> ItemRow:
        return self.item_rows[code]

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

    def _items_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Checklist items"), self)
        column = QVBoxLayout(box)
        column.setSpacing(6)
        self.item_rows: dict[str, ItemRow] = {}
        for item in self.detail.items:
            row = ItemRow(item, box)
            self.item_rows[item.code] = row
            self._feedback.add_label(f"answer:{item.code}", row.finding)
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

    def _draft_findings(self) -> list[Finding]:
        try:
            return self._svc.inspections.draft_findings(self.inspection_id)
        except NotFound:
            return []

    def _connect_form(self) -> None:
        """Save every field of the form as it changes."""
        svc, rid = self._svc.inspections, self.inspection_id
        self.carrier_combo.activated.connect(
            lambda _i: self._autosave.now(
                "carrier",
                ("carrier",),
                lambda: svc.set_carrier(rid, str(self.carrier_combo.currentData() or "") or None, self._actor()),
            )
        )
        self.kind_combo.activated.connect(
            lambda _i: self._autosave.now(
                "kind", ("kind",), lambda: svc.set_kind(rid, str(self.kind_combo.currentData()), self._actor())
            )
        )
        self._connect_people()
        self._text(self.follow_up_note_edit, "follow_up_note")
        self._text(self.opinion_edit, "party_opinion")
        self._text(self.notes_edit, "notes")
        for check in self.method_checks.values():
            check.toggled.connect(
                lambda _on: self._autosave.now(
                    "methods", ("methods",), lambda: svc.set_methods(rid, self.chosen_methods(), self._actor())
                )
            )
        for check in self.result_checks.values():
            check.toggled.connect(
                lambda _on: self._autosave.now(
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

    def _connect_item(self, code: str, row: ItemRow) -> None:
        svc, rid = self._svc.inspections, self.inspection_id
        field = f"answer:{code}"

        def save_answer() -> list[Finding]:
            found = svc.set_answer(rid, code, row.value(), self._actor())
            row.show_evidence([p for p in self._evidence if p.item_code == code], self._icon)  # "no evidence yet"
            return found

        if row.group is not None:
            row.group.buttonClicked.connect(lambda _b: self._autosave.now(f"answer:{code}", (field,), save_answer))
        if row.value_edit is not None:
            row.value_edit.textEdited.connect(lambda _t: self._autosave.later(f"answer:{code}", (field,), save_answer))
            row.value_edit.editingFinished.connect(self.flush)
        if row.date_edit is not None:
            row.date_edit.check.toggled.connect(
                lambda _on: self._autosave.later(f"answer:{code}", (field,), save_answer)
            )
            row.date_edit.edit.dateChanged.connect(
                lambda _d: self._autosave.later(f"answer:{code}", (field,), save_answer)
            )
        row.note_edit.textEdited.connect(
            lambda _t: self._autosave.later(
                f"note:{code}", (field,), lambda: svc.set_answer_note(rid, code, row.note_edit.text(), self._actor())
            )
        )
        row.note_edit.editingFinished.connect(self.flush)
        row.paste_button.clicked.connect(lambda: self.paste_evidence(code))
        row.file_button.clicked.connect(lambda: self.pick_files(code))

    def chosen_methods(self) -> list[str]:
        return [m for m, check in self.method_checks.items() if check.isChecked()]

    def chosen_results(self) -> list[str]:
        return [r for r, check in self.result_checks.items() if check.isChecked()]

    def _on_follow_up(self, _index: int) -> None:
        svc, rid = self._svc.inspections, self.inspection_id
        measure = str(self.follow_up_combo.currentData() or "")
        self._autosave.now("follow_up", ("follow_up",), lambda: svc.set_follow_up(rid, measure, self._actor()))
        self._update_follow_up_widgets()

    def _deadline_changed(self) -> None:
        svc, rid = self._svc.inspections, self.inspection_id
        self._autosave.later(
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
