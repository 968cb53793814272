"""The officers panel of the inspection editor: the officers on the record (at least two, with their 执法证号),
the recorder, start and end, the place and the people present — and how each of them is saved.

The officers and the recorder are chosen among active officers only (the service refuses any other). An officer who
has left (or was deleted) since still shows on the records that name them, as officer or recorder, greyed out as
"(no longer active)" so that they cannot be chosen again.
"""

from __future__ import annotations

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLineEdit, QWidget

from ui.inspection_editor_base import InspectionEditorBase
from ui.optional_datetime_edit import OptionalDateTimeEdit


class OfficersPanel(InspectionEditorBase):
    """Officers, recorder, times and place (part of :class:`ui.inspection_editor.InspectionEditor`)."""

    def _officer_combo(self, parent: QWidget, optional: bool) -> QComboBox:
        combo = QComboBox(parent)
        combo.addItem(self.tr("(optional)") if optional else self.tr("Choose…"), "")
        for officer in self._officers:
            combo.addItem(self._officer_text(officer.name, officer.cert_no), officer.id)
        for on_record in self.detail.officers:
            if combo.findData(on_record.officer_id) < 0:
                self._add_no_longer_active(combo, on_record.name, on_record.officer_id)
        return combo

    def _recorder_combo(self, parent: QWidget) -> QComboBox:
        combo = QComboBox(parent)
        combo.addItem(self.tr("(optional)"), "")
        for officer in self._officers:
            combo.addItem(self._officer_text(officer.name, officer.cert_no), officer.id)
        recorder = self.detail.recorder_id
        if recorder and combo.findData(recorder) < 0:
            name = next((o.name for o in self.detail.officers if o.officer_id == recorder), "")
            self._add_no_longer_active(combo, name, recorder)
        return combo

    def _add_no_longer_active(self, combo: QComboBox, name: str, officer_id: str) -> None:
        """Show an officer on the record who is no longer active: greyed out, so they cannot be chosen again."""
        combo.addItem(self.tr("{name} (no longer active)").format(name=name or "?"), officer_id)
        model = combo.model()
        if isinstance(model, QStandardItemModel):
            model.item(combo.count() - 1).setEnabled(False)

    def _officer_text(self, name: str, cert_no: str) -> str:
        if cert_no.strip():
            return self.tr("{name} ({cert})").format(name=name, cert=cert_no)
        return self.tr("{name} (no certificate number)").format(name=name)

    def _people_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Officers, time and place"), self)
        form = self._form(box)
        self.officer_combos = [
            self._officer_combo(box, optional=False),
            self._officer_combo(box, optional=False),
            self._officer_combo(box, optional=True),
        ]
        officers = QHBoxLayout()
        officers.setContentsMargins(0, 0, 0, 0)
        for combo in self.officer_combos:
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
            officers.addWidget(combo, 1)
        form.addRow(self.tr("Officers (at least two):"), self._cell("officers", officers))
        self.recorder_combo = self._recorder_combo(box)
        form.addRow(self.tr("Recorder:"), self._cell("recorder", self.recorder_combo))
        self.start_edit = OptionalDateTimeEdit(box)
        self.end_edit = OptionalDateTimeEdit(box)
        form.addRow(self.tr("Started:"), self._cell("started_at", self.start_edit))
        form.addRow(self.tr("Ended:"), self._cell("ended_at", self.end_edit))
        self.place_edit = QLineEdit(box)
        self.place_edit.setPlaceholderText(self.tr("For online checks, where the check was done"))
        form.addRow(self.tr("Place:"), self._cell("place", self.place_edit))
        self.people_edit = QLineEdit(box)
        self.people_edit.setPlaceholderText(self.tr("Names and roles of the people present"))
        form.addRow(self.tr("People present:"), self._cell("people_present", self.people_edit))
        return box

    def chosen_officers(self) -> list[str]:
        return [str(c.currentData()) for c in self.officer_combos if c.currentData()]

    def _connect_people(self) -> None:
        """Save each choice at once, the times and texts as they are typed."""
        svc, rid = self._svc.inspections, self.inspection_id
        for combo in self.officer_combos:
            combo.activated.connect(
                lambda _i: self._autosave.now(
                    "officers", ("officers",), lambda: svc.set_officers(rid, self.chosen_officers(), self._actor())
                )
            )
        self.recorder_combo.activated.connect(
            lambda _i: self._autosave.now(
                "recorder",
                ("recorder",),
                lambda: svc.set_recorder(rid, str(self.recorder_combo.currentData() or "") or None, self._actor()),
            )
        )
        for edit in (self.start_edit, self.end_edit):
            edit.changed.connect(
                lambda: self._autosave.later(
                    "times",
                    ("started_at", "ended_at"),
                    lambda: svc.set_times(rid, self.start_edit.value(), self.end_edit.value(), self._actor()),
                )
            )
        self._text(self.place_edit, "place")
        self._text(self.people_edit, "people_present")
