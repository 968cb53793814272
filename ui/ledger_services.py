"""The ledger services the window hands to the registry view and the export dialogs, built once in the composition
root from the open database (with the installed catalogue translating their audit texts)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from app.ledger.export_service import LedgerExports
from app.ledger.service import LedgerExportService, LedgerImportService
from localdb.database import Database

translate = QCoreApplication.translate


@dataclass
class LedgerServices:
    """What the registry view needs for ledgers; built in the composition root from the open database."""

    importer: LedgerImportService
    exporter: LedgerExportService
    exports: LedgerExports

    @classmethod
    def for_database(cls, db: Database) -> LedgerServices:
        """Services whose audit texts are translated with the installed catalogue."""
        return cls(
            LedgerImportService(db, QCoreApplication.translate),
            LedgerExportService(db, translate),
            LedgerExports(db, translate),
        )
