"""The inspection editor's officer lists: an officer on the record who has left (no longer active) or was deleted
since still shows where the record names them, greyed out as "(no longer active)" like the recorder, and cannot be
picked again in any of the lists (the save would refuse them); replacing them with an active officer saves."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func

from localdb.models import Officer
from tests.ui.test_inspection_editor_people import leaves, new_record, offered, open_editor
from tests.ui.test_inspections_ui import Desk, choose, desk  # noqa: F401  (the fixture)


def deleted(desk: Desk, officer_id: str) -> None:  # noqa: F811
    """The officer is removed from the station (soft delete; the row keeps its active flag)."""
    with desk.db.transaction() as session:
        officer = session.get(Officer, officer_id)
        assert officer is not None
        officer.deleted_at = func.now()


def test_an_officer_who_left_shows_greyed_and_cannot_be_picked_again(qtbot: Any, desk: Desk) -> None:  # noqa: F811
    record_id = new_record(desk, desk.actor.officer_id)
    leaves(desk, desk.colleague.id)
    editor = open_editor(qtbot, desk, record_id)

    first, second, third = editor.officer_combos
    assert second.currentData() == desk.colleague.id, "the record still shows who was there"
    assert second.currentText() == f"{desk.colleague.name} (no longer active)"
    active = {o.id for o in desk.services.officers.active_officers()}
    for combo in editor.officer_combos:
        assert set(offered(combo)) == active and desk.colleague.id not in active
        assert combo.findData(desk.colleague.id) >= 0, "shown in every list, greyed out"

    replacement = next(o for o in desk.services.officers.active_officers() if o.id != desk.actor.officer_id)
    choose(second, replacement.id)
    assert "Saved automatically" in editor.save_state.text()
    saved = desk.services.inspections.detail(record_id).officers
    assert [o.officer_id for o in saved] == [desk.actor.officer_id, replacement.id]
    assert first.currentData() == desk.actor.officer_id and not third.currentData()


def test_a_deleted_officer_on_the_record_is_greyed_too(qtbot: Any, desk: Desk) -> None:  # noqa: F811
    record_id = new_record(desk, desk.colleague.id)
    deleted(desk, desk.colleague.id)
    editor = open_editor(qtbot, desk, record_id)

    for combo in (*editor.officer_combos, editor.recorder_combo):
        assert desk.colleague.id not in offered(combo)
    assert editor.officer_combos[1].currentText() == f"{desk.colleague.name} (no longer active)"
    assert editor.recorder_combo.currentText() == f"{desk.colleague.name} (no longer active)"
