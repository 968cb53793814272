"""Starting the GUI: translators, Qt messages to logging, the previous crash report, unlocking, first run,
choosing the officer, then the main window."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from app.database_key import KeyChoice
from app.errors import user_message
from app.inspections.templates import TemplateService
from app.paths import DataDir
from app.records import Actor
from app.services.demo import create_demo_station
from app.services.officers import OfficerService
from app.services.registry import RegistryService
from app.services.sync import SyncService
from app.settings import Settings
from app.station_store import open_station_databases
from localdb.database import Database
from sync.credentials import CredentialStore
from ui.backlog_worker import BacklogWorker
from ui.i18n import install_translators
from ui.inspection_models import InspectionServices
from ui.ledger_services import LedgerServices
from ui.main_window import MainWindow
from ui.progress import run_with_progress
from ui.startup_dialogs import FirstRunDialog, KeyStorageDialog, OfficerPickerDialog

log = logging.getLogger("qt")
EXIT_CANCELLED = 1
EXIT_FAILED = 2


translate = QCoreApplication.translate


def route_qt_messages() -> None:
    """Send Qt's own warnings to Python logging (tests turn them into failures)."""
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        log.log(levels.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)


def show_error(parent: QWidget | None, exc: BaseException) -> bool:
    """Show a known failure's Chinese message; ``False`` when the failure is unknown (the caller re-raises)."""
    message = user_message(exc)
    if message is None:
        return False
    body = QCoreApplication.translate("Errors", message.body).format(**dict(message.params))
    QMessageBox.critical(parent, QCoreApplication.translate("Errors", message.title), body)
    return True


def _choose_key(data_dir: DataDir, key_choice: KeyChoice, store: CredentialStore) -> KeyChoice | None:
    """The key choice to use; asks the user only when the OS has no credential store and none was made."""
    if key_choice.key_file or key_choice.passphrase is not None or store.available():
        return key_choice
    settings = Settings.load(data_dir.settings)
    dialog = KeyStorageDialog(data_dir.root / "station.key", creating=not data_dir.has_database())
    if settings.key_file:
        return KeyChoice(key_file=Path(settings.key_file))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    if dialog.passphrase_choice.isChecked():
        settings.use_passphrase = True
        settings.save(data_dir.settings)
        return KeyChoice(passphrase=dialog.passphrase.text())
    settings.key_file = dialog.key_file.text().strip()
    settings.save(data_dir.settings)
    return KeyChoice(key_file=Path(settings.key_file))


def _first_run(db: Database) -> bool:
    """Offer the demo station or an empty one of the user's own; ``False`` if the user backed out."""
    dialog = FirstRunDialog()
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    officers = OfficerService(db)
    if dialog.demo_choice.isChecked():
        size = dialog.demo_size.value()
        label = translate("Startup", "Creating the demo station with {count} operators…").format(count=size)
        done = run_with_progress(None, label, lambda progress: create_demo_station(db, size, progress=progress))
        return done is not None
    officers.create_station(
        dialog.station_name.text().strip(), dialog.region_code.text().strip(), dialog.region_code.text().strip()
    )
    officers.add_officer(dialog.officer_name.text(), dialog.officer_cert.text(), role="head")
    return True


def run_gui(data_dir: DataDir, key_choice: KeyChoice, store: CredentialStore, previous_crash: str | None = None) -> int:
    """Run the desktop application until its window closes; returns the exit code."""
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    route_qt_messages()
    translators = install_translators(app)
    app.setApplicationName("StationDesk")
    if previous_crash:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            translate("Startup", "StationDesk closed unexpectedly last time"),
            translate(
                "Startup",
                "The report below was saved in {path}. Please send it to support. Your saved data is not affected.",
            ).format(path=data_dir.logs),
        )
        box.setDetailedText(previous_crash)
        box.exec()
    chosen = _choose_key(data_dir, key_choice, store)
    if chosen is None:
        return EXIT_CANCELLED
    try:
        db, evidence_db = open_station_databases(data_dir, chosen, store)
    except Exception as exc:
        if show_error(None, exc):
            return EXIT_FAILED
        raise
    try:
        return _run_station(app, data_dir, db, evidence_db, store)
    finally:
        evidence_db.close()
        db.close()
        del translators


def _run_station(
    app: QApplication, data_dir: DataDir, db: Database, evidence_db: Database, store: CredentialStore
) -> int:
    """First run if needed, the officer, then the main window until it closes (the caller closes the databases)."""
    officers = OfficerService(db)
    if not officers.has_station() and not _first_run(db):
        return EXIT_CANCELLED
    settings = Settings.load(data_dir.settings)
    picker = OfficerPickerDialog(officers, preselect=settings.last_officer_id)
    if picker.exec() != QDialog.DialogCode.Accepted or picker.chosen is None:
        return EXIT_CANCELLED
    settings.last_officer_id = picker.chosen.id
    settings.save(data_dir.settings)
    actor = Actor(picker.chosen.id, picker.chosen.name)
    TemplateService(db).load_shipped()  # the shipped checklists, versioned; a no-op when already loaded
    registry = RegistryService(db)
    inspections = InspectionServices.wire(db, evidence_db, registry)
    sync = SyncService(db, evidence_db, store)
    window = MainWindow(
        registry,
        officers.station_name(),
        actor,
        str(data_dir.root),
        ledger=LedgerServices.for_database(db),
        inspections=inspections,
        sync=sync,
    )
    backlogs = BacklogWorker(db, window)
    backlogs.progress.connect(lambda left: _show_indexing(window, left))
    app.aboutToQuit.connect(backlogs.stop)
    backlogs.start()
    window.show()
    return app.exec()


def _show_indexing(window: MainWindow, left: int) -> None:
    if left:
        text = translate("MainWindow", "Building the search index: {count} records left (they are found meanwhile)")
        window.statusBar().showMessage(text.format(count=left))
    else:
        window.statusBar().showMessage(translate("MainWindow", "Search index up to date"), 5_000)
