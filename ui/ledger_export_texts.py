"""What the export dialog says about each ledger: its name, what it holds, how personal data is treated, the
default file name, and the summary shown when the file is written."""

from __future__ import annotations

import re
from datetime import date
from typing import Final

from PySide6.QtCore import QCoreApplication

from app.i18n import QT_TRANSLATE_NOOP
from app.ledger.export_service import PERSONAL_KINDS, LedgerExportResult

translate = QCoreApplication.translate
CONTEXT: Final = "LedgerExport"

KIND_LABELS: Final = {
    "registry": QT_TRANSLATE_NOOP("LedgerExport", "Register of operators with carriers"),
    "inspections": QT_TRANSLATE_NOOP("LedgerExport", "Inspection records"),
    "results": QT_TRANSLATE_NOOP("LedgerExport", "Inspection results for publication"),
    "rectifications": QT_TRANSLATE_NOOP("LedgerExport", "Rectification ledger"),
    "draw": QT_TRANSLATE_NOOP("LedgerExport", "Random draw record"),
    "monthly": QT_TRANSLATE_NOOP("LedgerExport", "Monthly statistics report"),
}
"""The ledgers in the order the dialog lists them."""

DESCRIPTIONS: Final = {
    "registry": QT_TRANSLATE_NOOP(
        "LedgerExport", "Every operator with its online carriers, one row per carrier; the file can be imported again."
    ),
    "inspections": QT_TRANSLATE_NOOP(
        "LedgerExport", "Every inspection record with its officers, their enforcement certificate numbers and results."
    ),
    "results": QT_TRANSLATE_NOOP(
        "LedgerExport", "The results of random inspection tasks, ready for publication (finalized records only)."
    ),
    "rectifications": QT_TRANSLATE_NOOP(
        "LedgerExport", "Every order to rectify with its failed items, deadline, extensions and state."
    ),
    "draw": QT_TRANSLATE_NOOP(
        "LedgerExport",
        "The random draw: seed, time, the pools and their hashes, the drawn operators and their two officers.",
    ),
    "monthly": QT_TRANSLATE_NOOP(
        "LedgerExport",
        "Inspections by carrier kind, operators inspected, officers deployed, problems found, cases transferred and "
        "rectifications of one month.",
    ),
}

FILE_STEMS: Final = {
    "registry": QT_TRANSLATE_NOOP("LedgerExport", "register of operators"),
    "inspections": QT_TRANSLATE_NOOP("LedgerExport", "inspection records"),
    "results": QT_TRANSLATE_NOOP("LedgerExport", "inspection results"),
    "rectifications": QT_TRANSLATE_NOOP("LedgerExport", "rectification ledger"),
    "draw": QT_TRANSLATE_NOOP("LedgerExport", "random draw record"),
    "monthly": QT_TRANSLATE_NOOP("LedgerExport", "monthly statistics report"),
}

ID_NUMBERS_NOTE: Final = QT_TRANSLATE_NOOP(
    "LedgerExport",
    "Without this, resident ID numbers are masked (110105********002X). With it, the export is recorded in the "
    "audit log under your name; keep the file safe.",
)
PERSONAL_NOTES: Final = {
    "registry": QT_TRANSLATE_NOOP(
        "LedgerExport",
        "Without this, ID numbers and phone numbers are masked (110105********002X, 138****8000). With it, "
        "the export is recorded in the audit log under your name; keep the file safe.",
    ),
    "inspections": ID_NUMBERS_NOTE,
    "draw": ID_NUMBERS_NOTE,
}
NO_PERSONAL_DATA: Final = QT_TRANSLATE_NOOP("LedgerExport", "This ledger holds no personal data.")

UNSAFE_IN_NAMES: Final = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
"""Characters Windows refuses in file names (task numbers are free text)."""


def kind_label(kind: str) -> str:
    return translate(CONTEXT, KIND_LABELS[kind])


def personal_note(kind: str) -> str:
    return translate(CONTEXT, PERSONAL_NOTES.get(kind, NO_PERSONAL_DATA))


def default_file_name(kind: str, today: date, *, month: str | None = None, task_number: str | None = None) -> str:
    """``<ledger> <month, task or date>.xlsx``: what the file holds, so a folder of exports sorts itself."""
    suffix = month or task_number or today.isoformat()
    return UNSAFE_IN_NAMES.sub("_", f"{translate(CONTEXT, FILE_STEMS[kind])} {suffix}") + ".xlsx"


def export_summary(result: LedgerExportResult) -> str:
    """What was written where, and how personal data was treated."""
    if result.operators is not None:
        text = translate(CONTEXT, "{rows} rows ({operators} operators) were written to {path}.").format(
            rows=result.rows, operators=result.operators, path=result.path
        )
    else:
        text = translate(CONTEXT, "{rows} rows were written to {path}.").format(rows=result.rows, path=result.path)
    if result.kind not in PERSONAL_KINDS:
        return text
    if not result.masked:
        return text + "\n" + translate(CONTEXT, "Personal data is included; the export was recorded in the audit log.")
    if result.kind == "registry":
        return text + "\n" + translate(CONTEXT, "ID numbers and phone numbers are masked.")
    return text + "\n" + translate(CONTEXT, "Resident ID numbers are masked.")
