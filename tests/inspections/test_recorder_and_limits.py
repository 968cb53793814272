"""The recorder (记录人) is an active officer of the station, like the officers on the record; and a limit of 0
records gives no records (it once gave all of them), while the command line keeps ``--limit 0`` as "all"."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func

from app.cli import CliContext
from app.database_key import KeyChoice
from app.errors import ValidationFailed
from app.i18n import QT_TRANSLATE_NOOP
from app.inspections.commands import EXIT_USAGE, run_list
from app.paths import DataDir
from localdb.models import Officer
from tests.inspections.conftest import LICENSE_DISPLAY, Desk
from tests.support.stations import memory_store


def draft(desk: Desk, index: int = 0) -> str:
    operator_id, _carrier = desk.operator(index)
    return desk.inspections.create_draft(operator_id, desk.actor, template_code=LICENSE_DISPLAY)


def set_officer(desk: Desk, officer_id: str, *, active: bool = True, deleted: bool = False) -> None:
    """What the station's officer list would do: an officer leaves (inactive) or is removed."""
    with desk.db.transaction() as session:
        officer = session.get(Officer, officer_id)
        assert officer is not None
        officer.active = active
        if deleted:
            officer.deleted_at = func.now()


def test_an_inactive_officer_is_refused_as_recorder_and_nothing_changes(desk: Desk) -> None:
    inspection_id = draft(desk)
    keeper, leaver = desk.officers[1], desk.officers[3]
    assert desk.inspections.set_recorder(inspection_id, keeper.id, desk.actor) == []
    set_officer(desk, leaver.id, active=False)

    with pytest.raises(ValidationFailed) as refused:
        desk.inspections.set_recorder(inspection_id, leaver.id, desk.actor)

    (finding,) = refused.value.findings
    assert (finding.field, finding.code) == ("recorder", "officers.inactive")
    assert finding.render() == f"{leaver.name} is no longer an active officer. Choose another officer."
    assert desk.inspections.detail(inspection_id).recorder_id == keeper.id, "what was saved before is kept"


def test_a_deleted_or_unknown_officer_is_refused_as_recorder(desk: Desk) -> None:
    inspection_id = draft(desk)
    removed = desk.officers[4]
    set_officer(desk, removed.id, deleted=True)
    for officer_id in (removed.id, "no-such-officer"):
        with pytest.raises(ValidationFailed) as refused:
            desk.inspections.set_recorder(inspection_id, officer_id, desk.actor)
        assert [(f.field, f.code) for f in refused.value.findings] == [("recorder", "officers.unknown")]
    assert desk.inspections.detail(inspection_id).recorder_id is None


def test_an_active_recorder_is_saved_and_can_be_cleared(desk: Desk) -> None:
    inspection_id = draft(desk)
    assert desk.inspections.set_recorder(inspection_id, desk.officers[2].id, desk.actor) == []
    assert desk.inspections.detail(inspection_id).recorder_id == desk.officers[2].id
    assert desk.inspections.set_recorder(inspection_id, None, desk.actor) == []
    assert desk.inspections.detail(inspection_id).recorder_id is None


def test_a_limit_of_zero_gives_no_records(desk: Desk) -> None:
    made = [draft(desk, n) for n in range(3)]
    everything = desk.inspections.rows()
    assert {r.id for r in everything} == set(made)
    assert desk.inspections.rows(limit=0) == []
    assert [r.id for r in desk.inspections.rows(limit=2)] == [r.id for r in everything[:2]]
    assert len(desk.inspections.rows(limit=None)) == 3
    with pytest.raises(ValueError, match="at least 0"):
        desk.inspections.rows(limit=-1)  # SQLite would have read it as "no limit"


def _context(desk: Desk) -> tuple[CliContext, io.StringIO, io.StringIO]:
    out, err = io.StringIO(), io.StringIO()
    ctx = CliContext(
        DataDir(desk.root), KeyChoice(key_file=desk.key_file), memory_store(), lambda _c, text: text, out, err
    )
    return ctx, out, err


def test_the_command_line_keeps_limit_zero_as_all_and_refuses_a_negative_one(desk: Desk) -> None:
    made = [draft(desk, n) for n in range(3)]
    ctx, out, err = _context(desk)
    assert run_list(ctx, None, 0) == 0
    assert sorted(line.split("\t")[0] for line in out.getvalue().splitlines()) == sorted(made)

    ctx, out, err = _context(desk)
    assert run_list(ctx, None, 1) == 0
    assert len(out.getvalue().splitlines()) == 1

    ctx, out, err = _context(desk)
    assert run_list(ctx, None, -5) == EXIT_USAGE
    assert out.getvalue() == ""
    template = QT_TRANSLATE_NOOP("Cli", "--limit must be 0 (all records) or more, not {limit}.")
    assert err.getvalue().strip() == template.format(limit=-5)
