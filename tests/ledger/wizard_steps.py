"""Driving the import wizard in tests, shared by the ledger tests (tests/ledger/test_wizard.py) and the widget tests
of its failures (tests/ui/test_ledger_import_failures.py), which open it on different stations.

Each step checks that the wizard went where it should, so a test that drives through a step also tests it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.ledger.service import LedgerImportService
from app.records import Actor
from localdb.database import Database
from ui.ledger_import_wizard import LedgerImportWizard


def open_wizard(qtbot: Any, db: Database, actor: Actor) -> LedgerImportWizard:
    """The import wizard on ``db`` for ``actor``, shown and exposed; pytest-qt closes it after the test."""
    widget = LedgerImportWizard(LedgerImportService(db), lambda: actor)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def choose_file(wizard: LedgerImportWizard, path: Path) -> None:
    """Type ``path`` on the file page and press 下一步 (where the wizard goes depends on the file)."""
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()


def to_confirm(wizard: LedgerImportWizard, path: Path) -> None:
    """From the file page to the confirm page for a one-sheet ``path`` whose columns are all recognised."""
    choose_file(wizard, path)
    assert wizard.currentId() == wizard.MAPPING
    wizard.next()
    assert wizard.currentId() == wizard.PREVIEW
    wizard.next()
    assert wizard.currentId() == wizard.CONFIRM
