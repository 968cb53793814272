"""The error report: a workbook of the ledger rows that were not imported as they are, to fix and import again.

It repeats the sheet's header and, for every rejected or conflicting row (and every row imported with a warning),
the original cells as they were read. The cells at fault are filled red (errors) or yellow (warnings) and carry
the reason as a comment; two extra columns give the original row number and every reason in words, so problems of
a whole row (a conflict between rows) are visible too. Text is guarded against formula injection like any export:
the report repeats cells from an unknown file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from app.i18n import QT_TRANSLATE_NOOP
from app.ledger.errors import Translate, untranslated
from app.ledger.headers import HeaderLayout
from app.ledger.parse import Issue
from app.ledger.preview import Preview, Status
from app.ledger.reader import SheetGrid
from app.ledger.xlsx import (
    ERROR_FILL,
    HEADER_ALIGNMENT,
    HEADER_BORDER,
    HEADER_FILL,
    HEADER_FONT,
    TITLE_FONT,
    WARNING_FILL,
    commented,
    safe_value,
    save_atomically,
    styled,
)
from app.validation import Severity

MAX_COMMENTS: Final = 20_000
"""Beyond this many commented cells the reasons are only in the reason column (comments cost memory)."""

T_TITLE = QT_TRANSLATE_NOOP("Ledger", "Problems in {file}, sheet {sheet}: {count} rows")
T_SHEET = QT_TRANSLATE_NOOP("Ledger", "Problems")
T_ROW = QT_TRANSLATE_NOOP("Ledger", "Row in the ledger")
T_REASONS = QT_TRANSLATE_NOOP("Ledger", "Problems")
T_STATUS = QT_TRANSLATE_NOOP("Ledger", "Result")
STATUS_TEXT: Final = {
    Status.REJECTED: QT_TRANSLATE_NOOP("Ledger", "not imported (error)"),
    Status.CONFLICT: QT_TRANSLATE_NOOP("Ledger", "not imported (conflict)"),
    Status.NEW: QT_TRANSLATE_NOOP("Ledger", "imported with a warning"),
    Status.CHANGED: QT_TRANSLATE_NOOP("Ledger", "imported with a warning"),
    Status.UNCHANGED: QT_TRANSLATE_NOOP("Ledger", "unchanged, with a warning"),
}


@dataclass(frozen=True)
class ReportRow:
    row: int
    status: Status
    issues: list[Issue]


def report_rows(preview: Preview) -> list[ReportRow]:
    """The rows the report lists, in sheet order, each with the issues that concern it."""
    rows: list[ReportRow] = []
    for item in preview.problem_items():
        for number in item.rows:
            issues = [i for i in item.issues if i.row == number or i.column is None]
            rows.append(ReportRow(number, item.status, issues))
    rows.sort(key=lambda r: r.row)
    return rows


def write_error_report(
    path: Path,
    grid: SheetGrid,
    layout: HeaderLayout,
    preview: Preview,
    translate: Translate = untranslated,
) -> int:
    """Write the report to ``path``; returns the number of rows listed (0: nothing to report, no file written)."""
    rows = report_rows(preview)
    if not rows:
        return 0
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(translate("Ledger", T_SHEET))
    width = max(len(layout.labels), grid.width)
    for index in range(1, width + 3):
        ws.column_dimensions[get_column_letter(index)].width = 16
    ws.column_dimensions[get_column_letter(width + 3)].width = 60
    ws.freeze_panes = "C3"
    title = translate("Ledger", T_TITLE).format(file=preview.file_name, sheet=preview.sheet, count=len(rows))
    ws.append([styled(ws, title, font=TITLE_FONT)])
    header_style = {"font": HEADER_FONT, "fill": HEADER_FILL, "border": HEADER_BORDER, "alignment": HEADER_ALIGNMENT}
    labels = [*layout.labels, *[""] * (width - len(layout.labels))]
    ws.append(
        [
            styled(ws, translate("Ledger", T_ROW), **header_style),
            styled(ws, translate("Ledger", T_STATUS), **header_style),
            *(styled(ws, label, **header_style) for label in labels),
            styled(ws, translate("Ledger", T_REASONS), **header_style),
        ]
    )
    comments = 0
    for entry in rows:
        original = grid.rows[entry.row - 1] if entry.row - 1 < len(grid.rows) else []
        by_column: dict[int, list[Issue]] = {}
        for issue in entry.issues:
            if issue.column is not None:
                by_column.setdefault(issue.column, []).append(issue)
        cells: list[Any] = [entry.row, translate("Ledger", STATUS_TEXT[entry.status])]
        for column in range(width):
            value = original[column] if column < len(original) else None
            value = None if value == "" else value
            problems = by_column.get(column)
            if problems and comments < MAX_COMMENTS:
                error = any(p.finding.severity is Severity.ERROR for p in problems)
                text = "\n".join(p.finding.render(translate) for p in problems)
                cells.append(commented(ws, value, text, ERROR_FILL if error else WARNING_FILL))
                comments += 1
            else:
                cells.append(safe_value(ws, value))
        reasons = "\n".join(f"{_column_name(layout, i.column)}{i.finding.render(translate)}" for i in entry.issues)
        cells.append(safe_value(ws, reasons))
        ws.append(cells)
    save_atomically(workbook, path)
    return len(rows)


def _column_name(layout: HeaderLayout, column: int | None) -> str:
    if column is None:
        return ""
    label = layout.labels[column] if column < len(layout.labels) else ""
    return f"[{get_column_letter(column + 1)} {label}] ".replace(" ]", "]")
