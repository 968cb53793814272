"""The first minutes and the frame around the register: key storage choice, first run, officer picker, the main
window's navigation, long work with a progress dialog, and the crash report shown at the next start."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from app import crash
from app.database_key import KeyChoice, obtain_key
from app.inspections.evidence import EVIDENCE_FILE, open_evidence_database
from app.inspections.templates import TemplateService
from app.paths import DataDir
from app.records import Actor, OperatorFilter
from app.services.demo import create_demo_station
from app.services.officers import OfficerService
from app.services.registry import RegistryService
from localdb.database import Database
from sync.credentials import CredentialStore
from tests.ui.conftest import KEY_FILE
from ui.inspection_models import InspectionServices
from ui.inspections_view import InspectionsView
from ui.main_window import MainWindow
from ui.progress import run_with_progress
from ui.rectification_view import RectificationView
from ui.startup_dialogs import FirstRunDialog, KeyStorageDialog, OfficerPickerDialog


@pytest.fixture
def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Modal message boxes would block the test: record what they would have said instead."""
    shown: list[str] = []

    def record(_parent: Any, _title: str, text: str, *args: Any, **kwargs: Any) -> QMessageBox.StandardButton:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", record)
    return shown


def test_first_run_refuses_an_incomplete_own_station(qtbot: Any, warnings_shown: list[str]) -> None:
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.empty_choice.setChecked(True)
    dialog.station_name.setText("护国所")
    dialog.officer_name.setText("张伟")
    dialog.region_code.setText("5301")
    dialog._accept()
    assert warnings_shown and "6" in warnings_shown[-1]
    assert dialog.result() == 0
    dialog.region_code.setText("530102")
    dialog._accept()
    assert dialog.result() == 1


def test_first_run_offers_the_demo_by_default(qtbot: Any) -> None:
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    assert dialog.demo_choice.isChecked()
    assert dialog.demo_size.value() == 20_000


def test_key_storage_dialog_checks_the_passphrase(qtbot: Any, tmp_path: Path, warnings_shown: list[str]) -> None:
    dialog = KeyStorageDialog(tmp_path / "station.key", creating=True)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("short")
    dialog._accept()
    assert dialog.result() == 0 and warnings_shown
    dialog.passphrase.setText("a long passphrase")
    dialog.repeat.setText("a different one")
    dialog._accept()
    assert dialog.result() == 0 and len(warnings_shown) == 2
    dialog.repeat.setText("a long passphrase")
    dialog._accept()
    assert dialog.result() == 1


def test_officer_picker_lists_officers_and_adds_a_new_one(qtbot: Any, db: Database) -> None:
    officers = OfficerService(db)
    before = officers.active_officers()
    dialog = OfficerPickerDialog(officers, preselect=before[-1].id)
    qtbot.addWidget(dialog)
    assert dialog.combo.count() == len(before)
    assert dialog.combo.currentData().id == before[-1].id
    dialog.new_name.setText("新来的")
    dialog.new_cert.setText("53019999")
    dialog._accept()
    assert dialog.chosen is not None and dialog.chosen.name == "新来的"
    assert "新来的" in {o.name for o in officers.active_officers()}


def test_main_window_navigates_and_labels_unbuilt_sections_honestly(qtbot: Any, db: Database) -> None:
    officers = OfficerService(db)
    officer = officers.active_officers()[0]
    window = MainWindow(RegistryService(db), officers.station_name(), Actor(officer.id, officer.name), "/data")
    qtbot.addWidget(window)
    window.show()
    assert window.navigation.count() == 6
    assert window.pages.currentWidget() is window.registry_view
    window.navigation.setCurrentRow(0)
    assert window.pages.currentWidget() is window.dashboard
    assert window.dashboard.operators_label.text() == str(RegistryService(db).count())
    for row in (2, 3, 4):
        window.navigation.setCurrentRow(row)
        assert window.pages.currentWidget().findChildren(type(window.dashboard.officer_label))


def test_main_window_shows_the_inspection_pages_and_dashboard(qtbot: Any, db: Database) -> None:
    root = db.path.parent
    key = obtain_key(DataDir(root), KeyChoice(key_file=root / KEY_FILE), CredentialStore())
    evidence_db = open_evidence_database(root / EVIDENCE_FILE, key)
    try:
        TemplateService(db).load_shipped()
        officers = OfficerService(db)
        officer = officers.active_officers()[0]
        inspections = InspectionServices.wire(db, evidence_db)
        window = MainWindow(
            inspections.registry,
            officers.station_name(),
            Actor(officer.id, officer.name),
            "/data",
            inspections=inspections,
        )
        qtbot.addWidget(window)
        window.show()
        window.navigation.setCurrentRow(0)
        assert window.dashboard.inspections is not None
        assert window.dashboard.inspections.values["drafts"].text() == "0"
        window.navigation.setCurrentRow(2)
        assert isinstance(window.pages.currentWidget(), InspectionsView)
        window.navigation.setCurrentRow(3)
        assert isinstance(window.pages.currentWidget(), RectificationView)
        window.close()
    finally:
        evidence_db.close()


def test_cancelled_long_work_changes_nothing(qtbot: Any, db: Database) -> None:
    registry = RegistryService(db)
    before = registry.count()

    def work(progress: Any) -> str:
        progress.cancel()  # the user pressed cancel before the first batch was written
        return create_demo_station(db, 5000, progress=progress)

    assert run_with_progress(None, "…", work) is None
    assert registry.count() == before


def test_long_work_returns_its_result(qtbot: Any, db: Database) -> None:
    station_id = run_with_progress(None, "…", lambda progress: create_demo_station(db, 300, progress=progress))
    assert station_id
    assert RegistryService(db).count(OperatorFilter()) == 300


def test_a_crash_report_is_shown_once(tmp_path: Path) -> None:
    log = tmp_path / "logs" / "crash.log"
    log.parent.mkdir()
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        kind, value, tb = sys.exc_info()
        assert kind is not None and value is not None
        crash.record_exception(log, kind, value, tb)
    report = crash.take_previous_report(log)
    assert report is not None and "RuntimeError: boom" in report
    assert crash.take_previous_report(log) is None
