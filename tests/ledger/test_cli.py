"""``python -m app import`` and ``export`` as scripts and CI run them: real child processes (``--key-file``), plus
the same commands in-process with the Chinese catalogue to check what the user reads."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from app import cli
from app.ledger import commands
from app.paths import DataDir
from localdb.database import Database
from tests.inspections.conftest import copy_station
from tests.ledger.conftest import KEY, Translate, state
from tests.ledger.files import rows_basic, write_docx, write_xlsx
from tests.ledger.inspection_station import Known
from tests.support.stations import REPO, child_env, memory_store, open_with_key_file


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def app(*args: object) -> Run:
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


def opts(root: Path) -> list[object]:
    return ["--data-dir", root / "data", "--key-file", root / KEY]


def db_state(root: Path) -> dict[str, list[tuple[object, ...]]]:
    db = open_with_key_file(root / "data", root / KEY)
    try:
        return state(db)
    finally:
        db.close()


def test_import_dry_run_then_commit_then_nothing_left(demo_root: Path, tmp_path: Path) -> None:
    ledger = write_xlsx(tmp_path / "五月台账.xlsx", rows_basic())
    before = db_state(demo_root)
    dry = app("import", ledger, "--dry-run", "--json", *opts(demo_root))
    assert dry.code == 0, dry.err
    assert json.loads(dry.out.strip().splitlines()[-1]) == {
        "new": 3, "changed": 0, "unchanged": 0, "conflicts": 0, "rejected": 0, "warnings": 1,
    }  # fmt: skip
    assert db_state(demo_root) == before, "a dry run writes nothing"

    real = app("import", ledger, "--json", *opts(demo_root))
    assert real.code == 0, real.err
    assert json.loads(real.out.strip().splitlines()[-1])["new"] == 3
    again = app("import", ledger, "--json", *opts(demo_root))
    counts = json.loads(again.out.strip().splitlines()[-1])
    assert counts["new"] == 0 and counts["unchanged"] == 3
    assert all(isinstance(v, int) for v in counts.values()) and set(counts) == {
        "new", "changed", "unchanged", "conflicts", "rejected", "warnings",
    }  # fmt: skip


def test_files_that_cannot_be_imported_exit_2_and_change_nothing(demo_root: Path, tmp_path: Path) -> None:
    docx = write_docx(tmp_path / "台账.xlsx")
    missing = tmp_path / "没有这个文件.xlsx"
    before = db_state(demo_root)
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(lambda f: app("import", f, "--json", *opts(demo_root)), [docx, missing]))
    for run, path in zip(runs, [docx, missing], strict=True):
        assert run.code == 2, run.err
        assert "Traceback" not in run.err
        assert path.name in run.err
        assert "{" not in run.out, "no counts for a file that was not read"
    assert db_state(demo_root) == before


def test_export_registry_and_the_inspection_kinds(demo_root: Path, tmp_path: Path) -> None:
    target = tmp_path / "register.xlsx"
    with ThreadPoolExecutor(max_workers=4) as pool:
        done = pool.submit(app, "export", "registry", target, *opts(demo_root))
        draw = pool.submit(app, "export", "draw", tmp_path / "draw.xlsx", *opts(demo_root))
        monthly = pool.submit(app, "export", "monthly", tmp_path / "m.xlsx", "--month", "2026-11", *opts(demo_root))
        months = [
            pool.submit(app, "export", "monthly", tmp_path / "bad.xlsx", "--month", bad, *opts(demo_root))
            for bad in ("2024-13", "0000-01")
        ]
    assert done.result().code == 0, done.result().err
    assert target.stat().st_size > 0
    assert monthly.result().code == 0, monthly.result().err
    assert (tmp_path / "m.xlsx").stat().st_size > 0
    for run in (draw.result(), *(m.result() for m in months)):
        assert run.code == 2 and "Traceback" not in run.err and run.err.strip(), run.err
    assert not (tmp_path / "draw.xlsx").exists(), "the demo station has no draw: nothing to write"
    assert not (tmp_path / "bad.xlsx").exists()


# -- in process, with the Chinese catalogue ----------------------------------------------------------------------
def run_in_process(root: Path, zh: Translate, *argv: object) -> tuple[int, str, str]:
    args = cli.build_parser().parse_args([str(a) for a in argv] + [str(a) for a in opts(root)])
    out, err = io.StringIO(), io.StringIO()
    ctx = cli.CliContext(DataDir(root / "data"), cli.context_from_args(args, zh, memory_store()).key_choice,
                         memory_store(), zh, out, err)  # fmt: skip
    code = commands.run(ctx, args)
    return code, out.getvalue(), err.getvalue()


def test_messages_are_chinese_and_name_row_and_column(demo_root: Path, tmp_path: Path, zh: Translate) -> None:
    rows = [*rows_basic(), [4, "坏代码公司", "9111000060003IOZSV", "", "12345", None, "", "", ""]]
    ledger = write_xlsx(tmp_path / "台账.xlsx", rows)
    code, out, _err = run_in_process(
        demo_root, zh, "import", ledger, "--dry-run", "--error-report", tmp_path / "r.xlsx"
    )
    assert code == 0
    assert "台账.xlsx，工作表 台账：新增 3 户" in out
    assert "第 6 行 E 列 联系电话（已拒绝）" in out, out
    assert "仅预览：未作任何更改。" in out
    assert (tmp_path / "r.xlsx").exists()

    code, _out, err = run_in_process(demo_root, zh, "import", write_docx(tmp_path / "x.xlsx"))
    assert code == 2 and "不是表格文件" in err and "x.xlsx" in err and "Word" in err

    code, out, _err = run_in_process(demo_root, zh, "export", "rectifications", tmp_path / "r2.xlsx")
    assert code == 0 and "已导出 0 行" in out and (tmp_path / "r2.xlsx").exists()


def test_import_records_the_named_officer(demo_root: Path, tmp_path: Path, zh: Translate) -> None:
    ledger = write_xlsx(tmp_path / "a.xlsx", rows_basic())
    code, _out, err = run_in_process(demo_root, zh, "import", ledger, "--officer", "没有这个人")
    assert code == 2 and "没有名为 没有这个人 的在岗执法人员" in err
    code, out, _err = run_in_process(demo_root, zh, "import", ledger, "--officer", "张伟")
    assert code == 0 and "已导入" in out
    db: Database = open_with_key_file(demo_root / "data", demo_root / KEY)
    try:
        with db.engine.connect() as conn:
            names = {r[0] for r in conn.exec_driver_sql("SELECT officer_name FROM import_batch")}
            conn.rollback()
    finally:
        db.close()
    assert names == {"张伟"}


@pytest.mark.parametrize("kind", ["inspections", "results", "rectifications", "monthly"])
def test_every_inspection_kind_is_written(kind: str, demo_root: Path, tmp_path: Path, zh: Translate) -> None:
    code, out, err = run_in_process(demo_root, zh, "export", kind, tmp_path / "x.xlsx", "--month", "2026-11")
    assert code == 0, err
    assert "已导出" in out and (tmp_path / "x.xlsx").stat().st_size > 0
    if kind == "inspections":
        assert "身份证号码已脱敏" in out


def test_month_and_task_that_do_not_exist(demo_root: Path, tmp_path: Path, zh: Translate) -> None:
    target = tmp_path / "x.xlsx"
    for month in ("2026-13", "0000-01", "2026-5", "九月"):
        code, _out, err = run_in_process(demo_root, zh, "export", "monthly", target, "--month", month)
        assert code == 2 and f"--month 应写成 2024-05 这样的格式，而不是 {month}" in err, err
    code, _out, err = run_in_process(demo_root, zh, "export", "draw", target, "--task", "2026-SJ-999")
    assert code == 2 and "尚未对任何检查任务进行抽取" in err, err
    assert not target.exists()


def test_draw_of_an_unknown_task_exits_2(known_station: tuple[Path, Known], tmp_path: Path) -> None:
    """On a station with a drawn task: the drawn task is written, an unknown number is refused (a real process)."""
    data, key = copy_station(known_station[0], tmp_path / "copy")
    station = ["--data-dir", data, "--key-file", key]
    unknown = app("export", "draw", tmp_path / "none.xlsx", "--task", "2026-SJ-999", *station)
    assert unknown.code == 2 and "Traceback" not in unknown.err
    assert "2026-SJ-999" in unknown.err and "2026-SJ-011" in unknown.err, "names the task asked and the drawn ones"
    assert not (tmp_path / "none.xlsx").exists()
    known = app("export", "draw", tmp_path / "draw.xlsx", "--task", "2026-SJ-011", *station)
    assert known.code == 0, known.err
    assert (tmp_path / "draw.xlsx").stat().st_size > 0
