"""Every ledger export can be cancelled and can fail without leaving anything behind: no file (or the existing one
unchanged), no temporary file beside it or in the system's temporary folder, no audit entry; a full disk, a
refused folder and a file held open by Excel give messages that say what to do; a month or task that does not
exist is refused before anything is written."""

from __future__ import annotations

import errno
import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.worksheet import _writer as openpyxl_writer

from app.inspections.data import SampleSpec, TaskDraft
from app.ledger import export as ledger_export
from app.ledger.export_service import (
    EXPORT_KINDS,
    BadMonth,
    LedgerExports,
    NothingDrawn,
    TaskNotDrawn,
    UnknownTask,
    check_month,
    previous_month,
)
from app.progress import Cancelled, Progress
from localdb.database import Database
from tests.inspections.conftest import Desk
from tests.ledger.conftest import Translate, audit_count

OLD_BYTES = b"the officer's own file, not to be lost"


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def cancelled_at_first_report() -> Progress:
    """A token whose user presses Cancel as soon as the first progress arrives (rows may already be streaming)."""
    token = Progress(lambda _done, _total: token.cancel())
    return token


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def options(kind: str) -> dict[str, Any]:
    return {"month": "2026-11"} if kind in ("monthly", "results") else {}


@pytest.mark.parametrize("kind", EXPORT_KINDS)
def test_cancel_writes_nothing_and_keeps_an_existing_file(kind: str, desk: Desk, out: Path) -> None:
    exports = LedgerExports(desk.db)
    fresh = out / "fresh.xlsx"
    existing = out / "existing.xlsx"
    existing.write_bytes(OLD_BYTES)
    temp_files = list(openpyxl_writer.ALL_TEMP_FILES)
    audits = audit_count(desk.db)
    for target in (fresh, existing):
        with pytest.raises(Cancelled):
            exports.export(
                kind,
                target,
                include_personal_data=True,
                actor=desk.actor,
                progress=cancelled_at_first_report(),
                **options(kind),
            )
    assert leftovers(out) == ["existing.xlsx"], "no file, no temporary file beside it"
    assert existing.read_bytes() == OLD_BYTES
    assert temp_files == openpyxl_writer.ALL_TEMP_FILES, "openpyxl's streamed rows were removed"
    assert audit_count(desk.db) == audits, "an export that did not happen is not audited"


@pytest.mark.parametrize("kind", EXPORT_KINDS)
def test_progress_is_reported_and_the_file_replaces_an_existing_one(kind: str, desk: Desk, out: Path) -> None:
    target = out / "ledger.xlsx"
    target.write_bytes(OLD_BYTES)
    reports: list[tuple[int, int]] = []
    result = LedgerExports(desk.db).export(
        kind, target, actor=desk.actor, progress=Progress(lambda done, total: reports.append((done, total)))
    )
    assert reports and reports[-1] == (1, 1), "the last step, just before saving, is the last chance to cancel"
    assert all(0 <= done <= total for done, total in reports)
    assert target.read_bytes()[:2] == b"PK" and result.path == target
    assert leftovers(out) == ["ledger.xlsx"]


def raise_on_replace(exc: OSError) -> Any:
    def replace(_src: object, _dst: object) -> None:
        raise exc

    return replace


def test_a_file_open_in_excel_is_left_as_it_was(
    desk: Desk, out: Path, monkeypatch: pytest.MonkeyPatch, zh: Translate
) -> None:
    target = out / "检查记录.xlsx"
    target.write_bytes(OLD_BYTES)
    # Windows refuses to replace a file Excel holds open: "[WinError 5] Access is denied" (a PermissionError)
    held_open = PermissionError(errno.EACCES, "Access is denied", "x.part", None, str(target))
    monkeypatch.setattr(os, "replace", raise_on_replace(held_open))
    with pytest.raises(ledger_export.TargetInUse) as caught:
        LedgerExports(desk.db).export("inspections", target, include_personal_data=True, actor=desk.actor)
    monkeypatch.undo()
    assert target.read_bytes() == OLD_BYTES and leftovers(out) == ["检查记录.xlsx"]
    text = caught.value.render(zh)
    assert "检查记录.xlsx" in text and "Excel" in text and "原有文件未被改动" in text


def test_a_full_disk_says_so_and_leaves_nothing(
    desk: Desk, out: Path, monkeypatch: pytest.MonkeyPatch, zh: Translate
) -> None:
    target = out / "整改台账.xlsx"
    save = Workbook.save

    def save_half_then_fill_the_disk(workbook: Workbook, filename: str) -> None:
        save(workbook, filename)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Workbook, "save", save_half_then_fill_the_disk)
    with pytest.raises(ledger_export.DiskFull) as caught:
        LedgerExports(desk.db).export("rectifications", target)
    assert leftovers(out) == []
    assert "磁盘剩余空间不足" in caught.value.render(zh)


def test_a_refused_folder_says_so(desk: Desk, out: Path, monkeypatch: pytest.MonkeyPatch, zh: Translate) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(out / ".x.xlsx.part"))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(ledger_export.FolderNotWritable) as caught:
        LedgerExports(desk.db).export("monthly", out / "月报.xlsx", month="2026-11")
    monkeypatch.undo()
    assert leftovers(out) == []
    assert "没有写入文件夹" in caught.value.render(zh) and str(out) in caught.value.render(zh)


def test_targets_refused_before_any_work(desk: Desk, out: Path, zh: Translate) -> None:
    exports = LedgerExports(desk.db)
    with pytest.raises(ledger_export.FolderMissing) as missing:
        exports.export("results", out / "拔出的U盘" / "x.xlsx")
    assert "不存在" in missing.value.render(zh)
    (out / "a folder.xlsx").mkdir()
    with pytest.raises(ledger_export.TargetIsFolder):
        exports.export("results", out / "a folder.xlsx")
    assert leftovers(out) == ["a folder.xlsx"]


def test_draw_needs_a_drawn_task(desk: Desk, demo_db: Database, out: Path, zh: Translate) -> None:
    exports = LedgerExports(desk.db)
    assert [t.number for t in exports.drawn_tasks()] == ["2026-SJ-011"]
    with pytest.raises(UnknownTask) as unknown:
        exports.export("draw", out / "x.xlsx", task="2026-SJ-999")
    assert "2026-SJ-999" in unknown.value.render(zh) and "2026-SJ-011" in unknown.value.render(zh)
    desk.tasks.create(TaskDraft("2026-SJ-012", "未抽取的任务", desk.template_id(), SampleSpec(count=1)), desk.actor)
    with pytest.raises(TaskNotDrawn):
        exports.export("draw", out / "x.xlsx", task="2026-SJ-012")
    assert [t.number for t in exports.drawn_tasks()] == ["2026-SJ-011"], "only tasks with a draw are offered"
    assert exports.export("draw", out / "x.xlsx", task=" 2026-SJ-011 ").rows == 2
    with pytest.raises(NothingDrawn) as nothing:
        LedgerExports(demo_db).export("draw", out / "y.xlsx")
    assert "尚未对任何检查任务进行抽取" in nothing.value.render(zh)
    assert leftovers(out) == ["x.xlsx"]


@pytest.mark.parametrize("text", ["2026-11", "1999-01", "2026-12"])
def test_months_that_exist(text: str) -> None:
    assert check_month(text) == text


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "0000-01", "9999-12", "2026-5", "202611", "11/2026", ""])
def test_months_that_do_not_exist(text: str) -> None:
    with pytest.raises(BadMonth):
        check_month(text)


def test_previous_month() -> None:
    assert previous_month(date(2026, 12, 5)) == "2026-11"
    assert previous_month(date(2026, 1, 31)) == "2025-12"
    assert previous_month(date(2024, 3, 1)) == "2024-02"


def test_a_bad_month_writes_nothing(desk: Desk, out: Path) -> None:
    with pytest.raises(BadMonth):
        LedgerExports(desk.db).export("monthly", out / "m.xlsx", month="2026-13")
    assert leftovers(out) == []
