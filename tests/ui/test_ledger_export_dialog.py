"""The export dialog with real widgets on a real encrypted station whose inspection work is known: each ledger is
written and read back with openpyxl, the month picker, the task chooser (and a station without any draw), the
personal-data tick box and its audit, replacing a file only when confirmed, cancel and a failing write leaving
everything as it was, and the dialog reached from the register, the 检查 page and the 整改 page."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox

import ui.ledger_export_dialog as dialog_module
from app.ledger.export_service import EXPORT_KINDS, LedgerExports
from app.progress import Progress
from app.records import Actor
from app.services.registry import RegistryService
from localdb.database import Database
from tests.inspections.conftest import Desk
from tests.ledger.conftest import audit_count, close_message_boxes
from tests.ledger.inspection_station import Known, build_station, open_copy
from ui.inspection_models import InspectionServices
from ui.inspections_view import InspectionsView
from ui.ledger_export_dialog import LedgerExportDialog
from ui.ledger_export_texts import default_file_name
from ui.ledger_services import LedgerServices
from ui.progress import run_with_progress
from ui.rectification_view import RectificationView
from ui.registry_view import RegistryView

DECEMBER = date(2026, 12, 5)
""""Today" in these tests: the previous month, November 2026, is the month the known station worked in."""
OLD_BYTES = b"the officer's own file"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Known]:
    base = tmp_path_factory.mktemp("export-dialog")
    return base, build_station(base)


@pytest.fixture
def station(built: tuple[Path, Known], tmp_path: Path) -> Iterator[Desk]:
    opened = open_copy(built[0], tmp_path / "copy")
    yield opened
    opened.close()


@pytest.fixture
def known(built: tuple[Path, Known]) -> Known:
    return built[1]


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def open_dialog(
    qtbot: Any, exports: LedgerExports, actor: Actor, kind: str, today: date = DECEMBER
) -> LedgerExportDialog:
    dialog = LedgerExportDialog(exports, lambda: actor, kind=kind, today=lambda: today)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def cells(path: Path, sheet: int = 0) -> list[list[Any]]:
    return [list(row) for row in load_workbook(path).worksheets[sheet].iter_rows(values_only=True)]


def records(path: Path, sheet: int = 0) -> list[dict[str, Any]]:
    rows = cells(path, sheet)
    return [dict(zip(rows[1], row, strict=True)) for row in rows[2:]]


# -- every ledger ---------------------------------------------------------------------------------------------------
def test_each_ledger_is_written_from_the_dialog(qtbot: Any, station: Desk, known: Known, out: Path) -> None:
    written: dict[str, Path] = {}
    for kind in EXPORT_KINDS:
        dialog = open_dialog(qtbot, LedgerExports(station.db), station.actor, kind)
        assert dialog.chosen_kind() == kind
        if kind in ("inspections", "results"):
            dialog.month_only.setChecked(True)
        if kind == "draw":
            dialog.task.setCurrentIndex(dialog.task.findData(dialog.tasks[0].id))
        proposed = Path(dialog.path_edit.text())
        dialog.path_edit.setText(str(out / proposed.name))
        dialog.export_button.click()
        assert dialog.result_ is not None and dialog.result() == LedgerExportDialog.DialogCode.Accepted
        written[kind] = dialog.result_.path
        texts = close_message_boxes()
        assert any(str(dialog.result_.rows) in text for text in texts), texts
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in written.values())

    registry = cells(written["registry"])
    assert registry[1][:2] == ["主体名称", "主体类型"] and len(registry) > 40

    inspections = records(written["inspections"])
    assert "2026年11月" in str(cells(written["inspections"])[0][0])
    assert len(inspections) == 6, "November only: five finalized records and a draft (October's is left out)"
    assert all(r["检查结束时间"].month == 11 for r in inspections)
    assert known.person_id not in {r["统一社会信用代码/证件号码"] for r in inspections}, "masked"

    (result,) = records(written["results"])
    assert result["抽查任务编号"] == "2026-SJ-011" and result["检查结果"] == "未发现问题"

    (order,) = records(written["rectifications"])
    assert order["整改状态"] == "已整改"

    (facts,) = records(written["draw"], 0)
    assert facts["任务编号"] == "2026-SJ-011" and facts["随机种子"] == "5eed"
    assert len(records(written["draw"], 1)) == 2, "the two drawn operators"
    assert "2026-SJ-011" in written["draw"].name

    monthly = {r["统计项目"]: r["数量"] for r in records(written["monthly"])}
    assert monthly["检查户次"] == 5 and monthly["移送案件线索数"] == 1
    assert "2026年11月" in str(cells(written["monthly"])[0][0]) and "2026-11" in written["monthly"].name


# -- the fields of each ledger --------------------------------------------------------------------------------------
def test_month_picker(qtbot: Any, station: Desk) -> None:
    january = open_dialog(qtbot, LedgerExports(station.db), station.actor, "monthly", today=date(2027, 1, 20))
    assert january.month.date() == QDate(2026, 12, 1), "the previous month, across the new year"
    assert january.chosen_month() == "2026-12" and january.path_edit.text().endswith("2026-12.xlsx")
    january.month.setDate(QDate(2027, 3, 1))
    assert january.chosen_month() == "2027-01", "no month after the current one"

    dialog = open_dialog(qtbot, LedgerExports(station.db), station.actor, "monthly")
    assert dialog.month.isVisible() and dialog.month.isEnabled() and not dialog.month_only.isVisible()
    dialog.month.setDate(QDate(2026, 10, 1))
    assert dialog.chosen_month() == "2026-10" and dialog.path_edit.text().endswith("2026-10.xlsx")

    dialog.kind.setCurrentIndex(dialog.kind.findData("inspections"))
    assert dialog.month_only.isVisible() and not dialog.month_only.isChecked() and not dialog.month.isEnabled()
    assert dialog.chosen_month() is None, "every month unless asked"
    dialog.month_only.setChecked(True)
    assert dialog.month.isEnabled() and dialog.chosen_month() == "2026-10"

    dialog.kind.setCurrentIndex(dialog.kind.findData("registry"))
    assert not dialog.month_row.isVisible() and dialog.chosen_month() is None


def test_task_chooser_offers_only_drawn_tasks(qtbot: Any, station: Desk) -> None:
    dialog = open_dialog(qtbot, LedgerExports(station.db), station.actor, "draw")
    assert dialog.task.isVisible() and not dialog.task_note.isVisible()
    assert [dialog.task.itemData(i) for i in range(dialog.task.count())] == [None, dialog.tasks[0].id]
    assert dialog.chosen_task() is None and dialog.export_button.isEnabled()
    dialog.task.setCurrentIndex(1)
    assert dialog.chosen_task() == dialog.tasks[0].id and "2026-SJ-011" in dialog.path_edit.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData("results"))
    assert not dialog.task.isVisible() and dialog.chosen_task() is None


def test_a_station_without_any_draw_says_so(qtbot: Any, db: Database, actor: Actor) -> None:
    dialog = open_dialog(qtbot, LedgerExports(db), actor, "draw")
    assert dialog.task_note.isVisible() and not dialog.task.isEnabled()
    assert not dialog.export_button.isEnabled(), "nothing to export: the button says so by being off"
    dialog.kind.setCurrentIndex(dialog.kind.findData("registry"))
    assert not dialog.task_note.isVisible() and dialog.export_button.isEnabled()


def test_file_names(qtbot: Any, station: Desk, out: Path) -> None:
    assert default_file_name("draw", DECEMBER, task_number='2026/SJ:01*"?') == "random draw record 2026_SJ_01_.xlsx"
    assert default_file_name("registry", DECEMBER) == "register of operators 2026-12-05.xlsx"
    dialog = open_dialog(qtbot, LedgerExports(station.db), station.actor, "registry")
    dialog.path_edit.setText(str(out / "rectification ledger 2026-12-05.xlsx"))
    dialog.kind.setCurrentIndex(dialog.kind.findData("inspections"))
    assert dialog.path_edit.text() == str(out / "rectification ledger 2026-12-05.xlsx"), "a name the user chose is kept"
    dialog.path_edit.setText(str(out / "我的台账"))
    assert dialog.target() == out / "我的台账.xlsx"
    dialog.path_edit.setText(str(out))
    assert dialog.target() == out / "inspection records 2026-12-05.xlsx", "a folder gets the proposed name"


# -- personal data --------------------------------------------------------------------------------------------------
def test_personal_data_where_it_exists_and_audited(qtbot: Any, station: Desk, known: Known, out: Path) -> None:
    dialog = open_dialog(qtbot, LedgerExports(station.db), station.actor, "results")
    assert not dialog.personal.isEnabled()
    dialog.kind.setCurrentIndex(dialog.kind.findData("inspections"))
    assert dialog.personal.isEnabled() and not dialog.personal.isChecked()
    dialog.personal.setChecked(True)
    dialog.path_edit.setText(str(out / "full.xlsx"))
    audits = audit_count(station.db)
    dialog.export_button.click()
    assert dialog.result_ is not None and not dialog.result_.masked
    assert audit_count(station.db) == audits + 1
    assert known.person_id in {r["统一社会信用代码/证件号码"] for r in records(out / "full.xlsx")}
    assert any("audit" in text for text in close_message_boxes())


# -- replacing, cancelling, failing ----------------------------------------------------------------------------------
def test_an_existing_file_is_replaced_only_when_confirmed(qtbot: Any, station: Desk, out: Path) -> None:
    target = out / "整改台账.xlsx"
    target.write_bytes(OLD_BYTES)
    dialog = open_dialog(qtbot, LedgerExports(station.db), station.actor, "rectifications")
    dialog.path_edit.setText(str(target))
    dialog.export_button.click()
    box = dialog.confirm_box
    assert box is not None and target.name in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    assert target.read_bytes() == OLD_BYTES and dialog.isVisible() and dialog.result_ is None
    dialog.export_button.click()
    box = dialog.confirm_box
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    assert dialog.result_ is not None and records(target)[0]["整改状态"] == "已整改"
    close_message_boxes()


def cancel_when_the_bar_first_moves(monkeypatch: pytest.MonkeyPatch) -> None:
    """The user presses Cancel on the progress dialog as soon as the export reports progress (rows may already be
    streaming): the dialog's own token is cancelled, as QProgressDialog.canceled does."""

    def run(parent: Any, label: str, work: Callable[[Progress], Any]) -> Any:
        def cancelled_by_user(progress: Progress) -> Any:
            step = progress.step

            def step_then_cancel(done: int, total: int) -> None:
                step(done, total)
                progress.cancel()

            progress.step = step_then_cancel  # type: ignore[method-assign]
            return work(progress)

        return run_with_progress(parent, label, cancelled_by_user)

    monkeypatch.setattr(dialog_module, "run_with_progress", run)


@pytest.mark.parametrize("kind", EXPORT_KINDS)
def test_cancel_writes_nothing_and_keeps_the_existing_file(
    kind: str, qtbot: Any, station: Desk, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cancel_when_the_bar_first_moves(monkeypatch)
    dialog = open_dialog(qtbot, LedgerExports(station.db), station.actor, kind)
    dialog.path_edit.setText(str(out / "new.xlsx"))
    dialog.export_button.click()
    assert dialog.result_ is None and dialog.isVisible() and "cancelled" in dialog.status.text()
    assert list(out.iterdir()) == []

    existing = out / "existing.xlsx"
    existing.write_bytes(OLD_BYTES)
    dialog.path_edit.setText(str(existing))
    dialog.export_button.click()
    assert dialog.confirm_box is not None
    dialog.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    assert dialog.result_ is None and dialog.isVisible()
    assert existing.read_bytes() == OLD_BYTES and [p.name for p in out.iterdir()] == ["existing.xlsx"]
    assert dialog.export_button.isEnabled(), "the officer can try again"


def test_a_file_open_in_excel_keeps_the_dialog_and_the_file(
    qtbot: Any, station: Desk, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = out / "检查记录.xlsx"
    target.write_bytes(OLD_BYTES)

    def held_by_excel(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Access is denied", str(src), None, str(dst))

    dialog = open_dialog(qtbot, LedgerExports(station.db), station.actor, "inspections")
    dialog.path_edit.setText(str(target))
    dialog.export_button.click()
    assert dialog.confirm_box is not None
    monkeypatch.setattr(os, "replace", held_by_excel)
    dialog.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    monkeypatch.undo()
    assert dialog.isVisible() and dialog.result_ is None
    assert target.read_bytes() == OLD_BYTES and [p.name for p in out.iterdir()] == ["检查记录.xlsx"]
    (message,) = close_message_boxes()
    assert "检查记录.xlsx" in message and "Excel" in message


# -- reachable from the pages ----------------------------------------------------------------------------------------
def test_reached_from_the_register_the_inspections_and_the_rectification_pages(qtbot: Any, station: Desk) -> None:
    registry = RegistryView(
        RegistryService(station.db), lambda: station.actor, ledger=LedgerServices.for_database(station.db)
    )
    qtbot.addWidget(registry)
    registry.export_button.click()
    assert isinstance(registry.dialog, LedgerExportDialog) and registry.dialog.chosen_kind() == "registry"
    registry.dialog.reject()

    services = InspectionServices.wire(station.db, station.evidence_db)
    inspections = InspectionsView(services, lambda: station.actor)
    qtbot.addWidget(inspections)
    inspections.show()
    assert inspections.export_button.isVisible()
    inspections.export_button.click()
    assert isinstance(inspections.dialog, LedgerExportDialog) and inspections.dialog.chosen_kind() == "inspections"
    inspections.dialog.reject()
    assert inspections.dialog is None
    inspections.tabs.setCurrentWidget(inspections.tasks)
    inspections.export_button.click()
    assert isinstance(inspections.dialog, LedgerExportDialog) and inspections.dialog.chosen_kind() == "draw"
    inspections.dialog.reject()

    rectification = RectificationView(services, lambda: station.actor, today=lambda: DECEMBER)
    qtbot.addWidget(rectification)
    rectification.show()
    rectification.export_button.click()
    assert isinstance(rectification.dialog, LedgerExportDialog)
    assert rectification.dialog.chosen_kind() == "rectifications"
    rectification.dialog.reject()
