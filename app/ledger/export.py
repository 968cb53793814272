"""Export of the register as a county-style ledger, and the blank import template.

The registry export streams (openpyxl write-only: rows go to disk as they are made, memory stays flat at any
size): a merged title row, the header row (bold, filled, bordered, frozen below it, with a filter), column widths,
one row per carrier with the operator's columns repeated (the flat shape ledgers use and the importer reads back
unchanged), dates as real date cells, vocabularies in their Chinese words. Text that a spreadsheet would run as a
formula is written as text (:mod:`app.ledger.xlsx`). Resident ID numbers and phone numbers are masked unless the
caller passes ``include_personal_data``; such an export is recorded in the audit log.

Every ledger file (these and :mod:`app.ledger.inspection_exports`) is written through :func:`ledger_workbook`: the
target is checked before any work, the workbook is saved to a temporary name beside the target and renamed at the
end, so a cancelled or failed export leaves nothing behind and an existing file of that name untouched; a full
disk, a folder the user may not write to, or a file open in Excel becomes a message that says what to do.

The template (small, written in normal mode) has the same header with dropdown lists on every column that takes
a fixed vocabulary, and a second sheet explaining how to fill it in.
"""

from __future__ import annotations

import contextlib
import errno
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from app.i18n import QT_TRANSLATE_NOOP
from app.ledger import errors as err
from app.ledger.errors import Translate, untranslated
from app.ledger.fields import (
    CARRIER_KIND_WORDS,
    DISPLAY_WORDS,
    EXPORT_COLUMNS,
    FIELD_BY_KEY,
    ID_TYPE_WORDS,
    NO,
    STATUS_WORDS,
    SUBJECT_WORDS,
    YES,
)
from app.ledger.xlsx import (
    HEADER_ALIGNMENT,
    HEADER_BORDER,
    HEADER_FILL,
    HEADER_FONT,
    TITLE_ALIGNMENT,
    TITLE_FONT,
    mask_phone,
    mask_resident_id,
    save_atomically,
    styled,
    text_cell,
)
from app.progress import Progress
from app.records import Actor
from app.vocab import PLATFORMS, CreditClass
from localdb.database import Database

PROGRESS_EVERY: Final = 2_000

T_TITLE = QT_TRANSLATE_NOOP("Ledger", "{station} register of operators (exported {date})")
T_TITLE_MASKED = QT_TRANSLATE_NOOP(
    "Ledger", "{station} register of operators (exported {date}; ID and phone numbers masked)"
)
T_SHEET = QT_TRANSLATE_NOOP("Ledger", "Register")
T_TEMPLATE_TITLE = QT_TRANSLATE_NOOP("Ledger", "Import template of the register of operators")
T_TEMPLATE_HELP_SHEET = QT_TRANSLATE_NOOP("Ledger", "How to fill in")
T_TEMPLATE_HELP = (
    QT_TRANSLATE_NOOP("Ledger", "One row per online carrier (shop, website, account); repeat the operator's columns."),
    QT_TRANSLATE_NOOP("Ledger", "An operator without carriers takes one row with the carrier columns left empty."),
    QT_TRANSLATE_NOOP(
        "Ledger",
        "Enterprises, individual businesses and cooperatives need their unified social credit code (or "
        "registration number); natural persons their ID number or at least a phone number.",
    ),
    QT_TRANSLATE_NOOP("Ledger", "Format code and phone columns as text, or Excel may damage long numbers."),
    QT_TRANSLATE_NOOP("Ledger", "Write dates like 2024-05-01; choose the other values from the dropdown lists."),
    QT_TRANSLATE_NOOP("Ledger", "Empty cells never erase what the register already holds."),
)
T_EXPORT_AUDIT = QT_TRANSLATE_NOOP(
    "Ledger", "Exported the register with personal data (ID and phone numbers) to {file}"
)

TEMPLATE_ROWS: Final = 2_000
"""Rows of the template that carry the dropdown lists."""

_OPERATOR_SQL: Final = (
    "o.id, o.name, o.subject_type, o.identifier_type, o.identifier, o.legal_representative, o.phone,"
    " o.registered_address, o.business_address, o.business_scope, o.founded_on, o.registration_status,"
    " o.registering_authority, o.credit_class, o.abnormal_listed, o.abnormal_reason, o.abnormal_date,"
    " o.serious_violation, o.serious_violation_reason, o.serious_violation_date, o.notes"
)
_CARRIER_SQL: Final = (
    "c.kind, c.platform, c.shop_name, c.shop_id, c.url, c.icp_filing, c.license_display, c.first_seen,"
    " c.last_verified, c.status"
)
EXPORT_SQL: Final = (
    f"SELECT {_OPERATOR_SQL}, {_CARRIER_SQL} FROM operator AS o"
    " LEFT JOIN carrier AS c ON c.operator_id = o.id AND c.deleted_at IS NULL"
    " WHERE o.deleted_at IS NULL ORDER BY o.name_initials, o.name, o.id, c.kind, c.platform, c.shop_name, c.id"
)
"""Every live operator with its live carriers, in the register's order (pinyin initials, then name)."""
COUNT_SQL: Final = (
    "SELECT (SELECT count(*) FROM operator AS o LEFT JOIN carrier AS c ON c.operator_id = o.id"
    " AND c.deleted_at IS NULL WHERE o.deleted_at IS NULL)"
)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    operators: int
    masked: bool


# -- writing a ledger file ----------------------------------------------------------------------------------
class FolderMissing(err.ExportFailed):
    body = QT_TRANSLATE_NOOP(
        "Ledger",
        "The folder {folder} does not exist (it may be on a USB drive or network share that is not connected). "
        "Choose another folder. Nothing was written.",
    )


class FolderNotWritable(err.ExportFailed):
    body = QT_TRANSLATE_NOOP(
        "Ledger",
        "You may not write to the folder {folder}. Choose another folder, for example Documents or the Desktop. "
        "Nothing was written.",
    )


class TargetInUse(err.ExportFailed):
    body = QT_TRANSLATE_NOOP(
        "Ledger",
        "The file {file} cannot be replaced: it is open in another program (Excel or WPS) or it is read-only. Close "
        "it there and export again, or choose another file name. The existing file was not changed.",
    )


class TargetIsFolder(err.ExportFailed):
    body = QT_TRANSLATE_NOOP(
        "Ledger", "{file} is a folder, not a file. Choose a file name ending in .xlsx. Nothing was written."
    )


class DiskFull(err.ExportFailed):
    body = QT_TRANSLATE_NOOP(
        "Ledger",
        "There is not enough free space on the disk to write {file}. Free some space, or choose another drive (for "
        "example a USB drive), and export again. Nothing was written.",
    )


DISK_FULL: Final = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})
"""What a full disk (or an exhausted quota) reports; Windows' ERROR_DISK_FULL arrives as ``ENOSPC``."""
REFUSED: Final = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})


def check_ledger_target(path: Path) -> None:
    """Refuse before any work when ``path`` clearly cannot be written."""
    params = {"file": path.name, "folder": path.parent}
    if not path.parent.is_dir():
        raise FolderMissing(**params)
    if path.is_dir():
        raise TargetIsFolder(**params)
    if path.exists() and not os.access(path, os.W_OK):
        raise TargetInUse(**params)
    if not os.access(path.parent, os.W_OK):
        raise FolderNotWritable(**params)


def write_failure(path: Path, exc: OSError) -> err.ExportFailed:
    """The message for ``exc``, met while writing ``path``: a full disk, a refused folder, a file held open by
    Excel (on Windows replacing it is refused), or else the system's own words."""
    params = {"file": path.name, "folder": path.parent}
    if exc.errno in DISK_FULL:
        return DiskFull(**params)
    if isinstance(exc, IsADirectoryError):
        return TargetIsFolder(**params)
    if isinstance(exc, PermissionError) or exc.errno in REFUSED:
        if path.exists() and (exc.filename2 is not None or not os.access(path, os.W_OK)):
            return TargetInUse(**params)
        return FolderNotWritable(**params)
    return err.ExportFailed(file=path.name, detail=exc.strerror or str(exc))


def save_ledger(workbook: Workbook, path: Path) -> None:
    """Save through a temporary file beside ``path`` (:func:`app.ledger.xlsx.save_atomically`); a failure
    becomes the message of :func:`write_failure`."""
    try:
        save_atomically(workbook, path)
    except err.ExportFailed as exc:
        if isinstance(exc.__cause__, OSError):
            raise write_failure(path, exc.__cause__) from exc
        raise
    except OSError as exc:  # the temporary file could not even be created
        raise write_failure(path, exc) from exc


def _discard(workbook: Workbook) -> None:
    """Remove the temporary files openpyxl streamed the rows of an unsaved write-only workbook to (they would
    otherwise stay in the system's temporary folder until StationDesk exits)."""
    for ws in workbook.worksheets:
        with contextlib.suppress(Exception):
            ws.close()  # ends the row stream, which closes its file
        writer = getattr(ws, "_writer", None)
        if writer is not None:
            with contextlib.suppress(OSError, ValueError):
                writer.cleanup()


@contextlib.contextmanager
def ledger_workbook(path: Path, progress: Progress) -> Iterator[Workbook]:
    """A streaming (write-only) workbook that becomes ``path`` when the block ends.

    The target is checked first; the last progress step, just before saving, is the last chance to cancel. On
    cancel or failure nothing is written, an existing file of that name is untouched, and openpyxl's temporary
    files are removed."""
    check_ledger_target(path)
    workbook = Workbook(write_only=True)
    try:
        yield workbook
        progress.step(1, 1)
        save_ledger(workbook, path)
    except BaseException as exc:
        _discard(workbook)
        if isinstance(exc, OSError):  # the rows are streamed to the system's temporary folder: it may be full
            raise write_failure(path, exc) from exc
        raise


def _date(raw: Any) -> date | None:
    if raw is None or raw == "":
        return None
    return date.fromisoformat(str(raw)[:10])


def export_row(raw: tuple[Any, ...], include_personal_data: bool) -> list[Any]:
    """The cell values of one export row from one row of :data:`EXPORT_SQL` (the id dropped), masked unless asked."""
    identifier_type = raw[3]
    identifier = raw[4]
    phone = raw[6]
    if not include_personal_data:
        if identifier_type == "resident_id" and identifier:
            identifier = mask_resident_id(identifier)
        if phone:
            phone = mask_phone(phone)
    row: list[Any] = [
        raw[1],
        SUBJECT_WORDS.get(raw[2], raw[2]),
        ID_TYPE_WORDS.get(identifier_type, identifier_type),
        identifier,
        raw[5],
        phone,
        raw[7],
        raw[8],
        raw[9],
        _date(raw[10]),
        raw[11],
        raw[12],
        raw[13],
        YES if raw[14] else NO,
        raw[15],
        _date(raw[16]),
        YES if raw[17] else NO,
        raw[18],
        _date(raw[19]),
        raw[20],
    ]
    if raw[21] is None:
        row.extend([None] * 10)
        return row
    row.extend(
        [
            CARRIER_KIND_WORDS.get(raw[21], raw[21]),
            raw[22],
            raw[23],
            raw[24],
            raw[25],
            raw[26],
            DISPLAY_WORDS.get(raw[27], raw[27]),
            _date(raw[28]),
            _date(raw[29]),
            STATUS_WORDS.get(raw[30], raw[30]),
        ]
    )
    return row


def _header_cells(ws: Any) -> list[Any]:
    return [
        styled(
            ws,
            FIELD_BY_KEY[key].header,
            font=HEADER_FONT,
            fill=HEADER_FILL,
            border=HEADER_BORDER,
            alignment=HEADER_ALIGNMENT,
        )
        for key in EXPORT_COLUMNS
    ]


def _layout(ws: Any, title: str) -> None:
    """Widths, frozen header, merged title: set before the first row (write-only sheets need them first)."""
    for index, key in enumerate(EXPORT_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = FIELD_BY_KEY[key].width
    ws.freeze_panes = "A3"
    ws.merged_cells.add(f"A1:{get_column_letter(len(EXPORT_COLUMNS))}1")
    ws.row_dimensions[1].height = 30
    ws.row_dimensions[2].height = 30
    ws.append([styled(ws, title, font=TITLE_FONT, alignment=TITLE_ALIGNMENT)])


def export_registry(
    db: Database,
    path: Path,
    *,
    include_personal_data: bool = False,
    actor: Actor | None = None,
    station_name: str = "",
    translate: Translate = untranslated,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the register to ``path`` (see the module documentation); returns what was written."""
    progress = progress or Progress.none()
    rows = 0
    operators = 0
    with ledger_workbook(path, progress) as workbook:
        ws = workbook.create_sheet(translate("Ledger", T_SHEET))
        template = T_TITLE if include_personal_data else T_TITLE_MASKED
        _layout(ws, translate("Ledger", template).format(station=station_name, date=date.today().isoformat()))
        ws.append(_header_cells(ws))
        with db.engine.connect() as conn:
            total = int(conn.exec_driver_sql(COUNT_SQL).scalar() or 0)
            progress.step(0, max(total, 1))
            last_id = None
            append = ws.append
            for raw in conn.exec_driver_sql(EXPORT_SQL):
                values = export_row(raw, include_personal_data)
                if raw[0] != last_id:
                    operators += 1
                    last_id = raw[0]
                for i, value in enumerate(values):
                    if value.__class__ is str and value and value[0] in "=+-@\t\r":
                        values[i] = text_cell(ws, value)
                append(values)
                rows += 1
                if rows % PROGRESS_EVERY == 0:
                    progress.step(rows, total)
            conn.rollback()
        ws.auto_filter.ref = f"A2:{get_column_letter(len(EXPORT_COLUMNS))}{rows + 2}"
    if include_personal_data:
        _audit_personal_export(db, path, actor, translate)
    return ExportResult(path, rows, operators, not include_personal_data)


def _audit_personal_export(db: Database, path: Path, actor: Actor | None, translate: Translate) -> None:
    with db.bulk_transaction() as conn:
        conn.exec_driver_sql(
            "INSERT INTO audit_log (at, officer_id, officer_name, entity_type, entity_id, action, field, before,"
            " after, reason) VALUES (?, ?, ?, 'export', ?, 'export', NULL, NULL, ?, ?)",
            (
                datetime.now().strftime("%Y-%m-%d %H:%M:%S.%f"),
                actor.officer_id if actor and actor.officer_id else None,
                actor.name if actor else "",
                str(uuid.uuid4()),
                str(path),
                translate("Ledger", T_EXPORT_AUDIT).format(file=path.name),
            ),
        )


# -- the blank import template -----------------------------------------------------------------------------
def _choices(words: dict[str, str]) -> list[str]:
    return list(words.values())


DROPDOWNS: Final[dict[str, list[str]]] = {
    "subject_type": _choices(SUBJECT_WORDS),
    "identifier_type": _choices(ID_TYPE_WORDS),
    "credit_class": [c.value for c in CreditClass],
    "abnormal_listed": [YES, NO],
    "serious_violation": [YES, NO],
    "carrier.kind": _choices(CARRIER_KIND_WORDS),
    "carrier.platform": list(PLATFORMS),
    "carrier.license_display": _choices(DISPLAY_WORDS),
    "carrier.status": _choices(STATUS_WORDS),
}
"""Columns of the template that take a fixed vocabulary, with their choices (the platform list allows others)."""

TEXT_COLUMNS: Final = frozenset({"identifier", "phone", "carrier.shop_id"})
"""Template columns formatted as text, so Excel keeps long numbers whole."""


def write_template(path: Path, translate: Translate = untranslated) -> Path:
    """Write the blank import template to ``path``."""
    check_ledger_target(path)
    workbook = Workbook()
    ws = workbook.active
    ws.title = translate("Ledger", T_SHEET)
    last = get_column_letter(len(EXPORT_COLUMNS))
    ws.merge_cells(f"A1:{last}1")
    title = ws.cell(row=1, column=1, value=translate("Ledger", T_TEMPLATE_TITLE))
    title.font = TITLE_FONT
    title.alignment = TITLE_ALIGNMENT
    ws.row_dimensions[1].height = 30
    ws.row_dimensions[2].height = 30
    for index, key in enumerate(EXPORT_COLUMNS, start=1):
        cell = ws.cell(row=2, column=index, value=FIELD_BY_KEY[key].header)
        cell.font, cell.fill, cell.border, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_BORDER, HEADER_ALIGNMENT
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = FIELD_BY_KEY[key].width
        cells = f"{letter}3:{letter}{TEMPLATE_ROWS + 2}"
        if key in DROPDOWNS:
            strict = key != "carrier.platform"
            validation = DataValidation(
                type="list",
                formula1='"' + ",".join(DROPDOWNS[key]) + '"',
                allow_blank=True,
                showErrorMessage=strict,
            )
            validation.add(cells)
            ws.add_data_validation(validation)
        if key in TEXT_COLUMNS:
            for row in range(3, TEMPLATE_ROWS + 3):
                ws.cell(row=row, column=index).number_format = "@"
    ws.freeze_panes = "A3"
    help_sheet = workbook.create_sheet(translate("Ledger", T_TEMPLATE_HELP_SHEET))
    help_sheet.column_dimensions["A"].width = 110
    for line, text in enumerate(T_TEMPLATE_HELP, start=1):
        help_sheet.cell(row=line, column=1, value=f"{line}. {translate('Ledger', text)}")
    save_ledger(workbook, path)
    return path
