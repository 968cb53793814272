"""``python -m app inspections list``, ``verify`` and ``verify-draw TASK`` as users and CI run them: real child
processes with ``--key-file``; exit 0 when all is well, 1 when something does not match, 2 for a known failure."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from app.inspections.data import SampleSpec, TaskDraft
from tests.inspections.conftest import LICENSE_DISPLAY, copy_station, open_desk
from tests.inspections.test_finalize import tamper
from tests.support.stations import REPO, child_env


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def app(*args: str | Path) -> Run:
    done = subprocess.run(
        [sys.executable, "-m", "app", *map(str, args)],
        cwd=REPO,
        env=child_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def test_inspection_commands(pristine: Path, tmp_path: Path) -> None:
    root, key = copy_station(pristine, tmp_path / "copy")
    desk = open_desk(root, key)
    try:
        finalized = [desk.complete_draft(0, failing=("LZ-01",)), desk.complete_draft(1)]
        for inspection_id in finalized:
            desk.finalizer.finalize(inspection_id, desk.actor)
        draft = desk.complete_draft(2)
        names = {i: desk.inspections.detail(i).subject_name for i in [*finalized, draft]}
        task = desk.tasks.create(
            TaskDraft("2026-SJ-001", "亮照抽查", desk.template_id(LICENSE_DISPLAY), SampleSpec(count=5)), desk.actor
        )
        desk.draws.draw(task, desk.actor, seed="cli")
    finally:
        desk.close()
    where = ("--data-dir", root, "--key-file", key)

    with ThreadPoolExecutor(max_workers=5) as pool:
        listing = pool.submit(app, "inspections", "list", *where)
        finalized_only = pool.submit(app, "inspections", "list", "--state", "finalized", *where)
        verified = pool.submit(app, "verify", *where)
        draw_ok = pool.submit(app, "verify-draw", "2026-SJ-001", *where)
        unknown = pool.submit(app, "verify-draw", "2099-XX-9", *where)
        nothing = pool.submit(app, "verify", "--data-dir", tmp_path / "empty", "--key-file", key)

    run = listing.result()
    assert run.code == 0, run.err
    lines = [line.split("\t") for line in run.out.splitlines()]
    assert {line[0] for line in lines} == set(names)
    assert all(line[3] == names[line[0]] for line in lines)
    assert any("未按规定公示应当公示的信息" in line[6] for line in lines)
    run = finalized_only.result()
    assert run.code == 0 and {line.split("\t")[0] for line in run.out.splitlines()} == set(finalized)

    run = verified.result()
    assert run.code == 0, run.out + run.err
    assert "2" in run.out and "1" in run.out
    run = draw_ok.result()
    assert run.code == 0, run.out + run.err
    assert "2026-SJ-001" in run.out
    run = unknown.result()
    assert run.code == 2 and "2099-XX-9" in run.err and "Traceback" not in run.err
    run = nothing.result()
    assert run.code == 2 and "Traceback" not in run.err

    desk = open_desk(root, key)
    try:
        tamper(desk, "UPDATE inspection SET party_opinion = '无异议（后改）' WHERE id = :id", id=finalized[1])
        tamper(desk, "UPDATE task_target SET officer_a_id = NULL WHERE position = 1")
    finally:
        desk.close()
    with ThreadPoolExecutor(max_workers=2) as pool:
        broken = pool.submit(app, "verify", *where)
        draw_broken = pool.submit(app, "verify-draw", "2026-SJ-001", *where)
    run = broken.result()
    assert run.code == 1, run.out + run.err
    assert finalized[1] in run.out and "Traceback" not in run.err
    run = draw_broken.result()
    assert run.code == 1, run.out + run.err
    assert "Traceback" not in run.err
