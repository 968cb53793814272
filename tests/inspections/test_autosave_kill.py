"""Draft autosave survives ``kill -9``: a child process edits a record as fast as it can and is killed mid-edit;
every edit it reported as saved is there, at most the one in flight is lost, and the database is intact."""

from __future__ import annotations

import signal
from pathlib import Path

from sqlalchemy import text

from tests.inspections.conftest import LICENSE_DISPLAY, copy_station, open_desk
from tests.support.stations import kill_hard, start_python, wait_for_line

EDIT_FOREVER = """
import sys
from pathlib import Path
from app.database_key import KeyChoice
from app.inspections.records import InspectionService
from app.paths import DataDir
from app.records import Actor
from app.services.officers import OfficerService
from app.station_store import open_station_databases
from keyring.backends import fail
from sync.credentials import CredentialStore

root, key_file, inspection_id = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
db, evidence_db = open_station_databases(DataDir(root), KeyChoice(key_file=key_file), CredentialStore(fail.Keyring()))
officer = OfficerService(db).active_officers()[0]
actor = Actor(officer.id, officer.name)
service = InspectionService(db)
i = 0
while True:
    i += 1
    service.set_place(inspection_id, f"第{i}次编辑的地点", actor)
    service.set_answer_note(inspection_id, "LZ-01", f"备注{i}", actor)
    service.set_answer(inspection_id, "LZ-01", ("符合", "不符合", "不适用")[i % 3], actor)
    print("saved", i, flush=True)
"""


def test_autosave_survives_kill_9_mid_edit(pristine: Path, tmp_path: Path) -> None:
    root, key_file = copy_station(pristine, tmp_path / "copy")
    desk = open_desk(root, key_file)
    try:
        operator_id, _ = desk.operator(0)
        inspection_id = desk.inspections.create_draft(operator_id, desk.actor, template_code=LICENSE_DISPLAY)
        desk.inspections.set_people_present(inspection_id, "店主", desk.actor)
    finally:
        desk.close()

    for round_, stop_after in enumerate((40, 7, 23)):
        child = start_python(EDIT_FOREVER, str(root), str(key_file), inspection_id)
        try:
            wait_for_line(child, f"saved {stop_after}", timeout=120)
        finally:
            child.send_signal(signal.SIGKILL)  # at once: the child is somewhere inside its next edits
            child.wait(timeout=10)
            assert child.stdout is not None
            rest = child.stdout.read()
            kill_hard(child)
        assert child.returncode == -signal.SIGKILL
        printed = [int(line.split()[1]) for line in rest.splitlines() if line.startswith("saved ")]
        last = max([stop_after, *printed])

        desk = open_desk(root, key_file)
        try:
            got = desk.inspections.detail(inspection_id)
            place = int(got.place.removeprefix("第").removesuffix("次编辑的地点"))
            assert place in (last, last + 1), (round_, place, last)
            note = int(got.answers["LZ-01"].note.removeprefix("备注"))
            assert note in (place, place - 1), "edits commit in order"
            cycle = ("符合", "不符合", "不适用")
            assert got.answers["LZ-01"].value in (cycle[note % 3], cycle[(note - 1) % 3])
            assert got.people_present == "店主"
            with desk.db.engine.connect() as conn:
                assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        finally:
            desk.close()
