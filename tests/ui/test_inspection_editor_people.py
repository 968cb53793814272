"""The inspection editor with real widgets: the save indicator forgets an old failure once a later save succeeded,
and the recorder (记录人) is chosen among active officers only."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from app.inspections.draft_rules import TEXT_LIMITS
from app.records import OperatorFilter
from localdb.models import Officer
from tests.ui.conftest import KNOWN
from tests.ui.test_inspections_ui import LICENSE_DISPLAY, Desk, desk  # noqa: F401  (the fixture)
from ui.inspection_editor import InspectionEditor


def new_record(desk: Desk, recorder: str) -> str:  # noqa: F811
    """A draft by the current officer and the colleague, with ``recorder`` as 记录人."""
    operator_id = desk.services.registry.search_ids(KNOWN.valid_name, OperatorFilter())[0]
    svc, actor = desk.services.inspections, desk.actor
    record_id = svc.create_draft(operator_id, actor, template_code=LICENSE_DISPLAY)
    svc.set_officers(record_id, [actor.officer_id, desk.colleague.id], actor)
    svc.set_recorder(record_id, recorder, actor)
    return record_id


def leaves(desk: Desk, officer_id: str) -> None:  # noqa: F811
    """The officer leaves the station (no longer active), as the officer list would record it."""
    with desk.db.transaction() as session:
        officer = session.get(Officer, officer_id)
        assert officer is not None
        officer.active = False


def open_editor(qtbot: Any, desk: Desk, record_id: str) -> InspectionEditor:  # noqa: F811
    editor = InspectionEditor(desk.services, lambda: desk.actor, record_id)
    qtbot.addWidget(editor)
    editor.resize(1400, 900)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def offered(combo: QComboBox) -> list[str]:
    """The officers a user can pick in ``combo`` (enabled entries with an officer)."""
    model = combo.model()
    return [
        str(combo.itemData(i))
        for i in range(combo.count())
        if combo.itemData(i) and model.flags(model.index(i, 0)) & Qt.ItemFlag.ItemIsEnabled
    ]


def test_the_save_indicator_forgets_an_old_failure_after_a_good_save(qtbot: Any, desk: Desk) -> None:  # noqa: F811
    editor = open_editor(qtbot, desk, new_record(desk, desk.actor.officer_id))
    editor.notes_edit.setPlainText("长" * (TEXT_LIMITS["notes"] + 1))
    assert not editor.flush()
    assert "Not saved" in editor.save_state.text()
    assert "correct the entry" in editor.save_state.toolTip()

    editor.notes_edit.setPlainText("当事人无异议")
    assert editor.flush()
    assert "Saved automatically" in editor.save_state.text()
    assert editor.save_state.toolTip() == "", "the reason of the old failure no longer applies"
    assert not editor.general.isVisible()
    assert desk.services.inspections.detail(editor.inspection_id).notes == "当事人无异议"


def test_an_officer_who_left_is_not_offered_as_recorder(qtbot: Any, desk: Desk) -> None:  # noqa: F811
    record_id = new_record(desk, desk.actor.officer_id)
    leaves(desk, desk.colleague.id)
    editor = open_editor(qtbot, desk, record_id)

    assert editor.officer_combos[1].currentData() == desk.colleague.id, "the record still shows who was there"
    active = {o.id for o in desk.services.officers.active_officers()}
    assert set(offered(editor.recorder_combo)) == active and desk.colleague.id not in active
    assert editor.recorder_combo.findData(desk.colleague.id) < 0
    assert editor.recorder_combo.currentData() == desk.actor.officer_id


def test_a_recorder_who_left_is_shown_but_cannot_be_chosen_again(qtbot: Any, desk: Desk) -> None:  # noqa: F811
    record_id = new_record(desk, desk.colleague.id)
    leaves(desk, desk.colleague.id)
    editor = open_editor(qtbot, desk, record_id)

    combo = editor.recorder_combo
    assert combo.currentData() == desk.colleague.id
    assert combo.currentText() == f"{desk.colleague.name} (no longer active)"
    assert desk.colleague.id not in offered(combo)

    other = next(o for o in desk.services.officers.active_officers() if o.id != desk.actor.officer_id)
    index = combo.findData(other.id)
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    assert "Saved automatically" in editor.save_state.text()
    assert desk.services.inspections.detail(record_id).recorder_id == other.id
