"""``python -m app --self-test``: prove a build works end to end without touching the user's data.

Opens a fresh encrypted database in a temporary directory (key in a temporary key file), migrates it, fills a
small demo station, renders the main window offscreen and checks the picture is not empty. Used after the
PyInstaller build in CI.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

SELF_TEST_OPERATORS = 200


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
            registry = RegistryService(db)
            inspections = InspectionServices.wire(db, evidence_db, registry)
            window = MainWindow(
                registry, officers.station_name(), Actor(officer.id, officer.name), str(root), inspections=inspections
            )
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
        finally:
            evidence_db.close()
            db.close()
    print("self-test ok")
    return 0
