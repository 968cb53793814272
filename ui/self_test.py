"""``python -m app --self-test``: prove a build works end to end without touching the user's data.

Opens a fresh encrypted database in a temporary directory (key in a temporary key file), migrates it, fills a
small demo station, renders the main window offscreen and checks the picture is not empty, then exports the register
and reads it back and imports a small ledger (the native parts a frozen build can lose: openpyxl with lxml,
calamine, orjson). Used after the PyInstaller build in CI.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.records import Actor
    from localdb.database import Database

SELF_TEST_OPERATORS = 200
NEW_LEDGER = "ENTNAME,UNISCID,TEL\r\nSelf-test Trading Co.,914403001922038216,13800138000\r\n"
"""A one-row ledger under the provincial field names (the UI's Chinese lives in the translation catalogue)."""


def run_self_test() -> int:
    """Exit code 0 when everything worked; prints what failed otherwise."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.database_key import KeyChoice
    from app.inspections.templates import TemplateService
    from app.paths import DataDir
    from app.records import Actor, OperatorFilter
    from app.services.demo import create_demo_station
    from app.services.officers import OfficerService
    from app.services.registry import RegistryService
    from app.station_store import open_station_databases
    from localdb.migrate import current_revisions, head_revisions
    from sync.credentials import CredentialStore
    from ui.i18n import install_translators
    from ui.inspection_models import InspectionServices
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    translators = install_translators(app)  # noqa: F841 - kept alive while the window renders
    with tempfile.TemporaryDirectory(prefix="stationdesk-selftest-") as temp:
        root = Path(temp)
        db, evidence_db = open_station_databases(
            DataDir(root / "data"), KeyChoice(key_file=root / "test.key"), CredentialStore()
        )
        try:
            if current_revisions(db.engine) != head_revisions():
                print("self-test: migration did not reach head", file=sys.stderr)
                return 1
            create_demo_station(db, SELF_TEST_OPERATORS)
            if not TemplateService(db).load_shipped().added:
                print("self-test: the shipped checklists did not load", file=sys.stderr)
                return 1
            officers = OfficerService(db)
            officer = officers.active_officers()[0]
            actor = Actor(officer.id, officer.name)
            registry = RegistryService(db)
            inspections = InspectionServices.wire(db, evidence_db, registry)
            window = MainWindow(registry, officers.station_name(), actor, str(root), inspections=inspections)
            window.show()
            window.navigation.setCurrentRow(0)  # the dashboard with the inspection figures and chart
            app.processEvents()
            image = window.grab().toImage()
            window.close()
            if image.isNull() or image.width() < 100:
                print("self-test: the main window did not render", file=sys.stderr)
                return 1
            first = registry.rows(registry.list_ids(OperatorFilter())[:1])[0]
            if first.id not in registry.search_ids(first.name, OperatorFilter()):
                print("self-test: search found nothing in the demo station", file=sys.stderr)
                return 1
            problem = _ledger_round_trip(db, root, actor)
            if problem:
                print(f"self-test: {problem}", file=sys.stderr)
                return 1
        finally:
            evidence_db.close()
            db.close()
    print("self-test ok")
    return 0


def _ledger_round_trip(db: Database, root: Path, actor: Actor) -> str | None:
    """Export the register and dry-run it back (nothing may change), then import a one-row ledger; what went wrong,
    or ``None``."""
    from app.ledger.service import LedgerExportService, LedgerImportService

    exported = root / "registry.xlsx"
    LedgerExportService(db).export_registry(exported, include_personal_data=True, actor=actor)
    importer = LedgerImportService(db)
    counts = importer.dry_run(exported).counts()
    if counts.new or counts.changed or counts.unchanged < SELF_TEST_OPERATORS // 2:
        return f"the exported register did not read back unchanged: {counts.as_dict()}"
    ledger = root / "new.csv"
    ledger.write_text(NEW_LEDGER, encoding="utf-8-sig")
    result = importer.commit(importer.dry_run(ledger), actor)
    if result.new != 1:
        return f"a one-row ledger imported {result.new} operators"
    return None
