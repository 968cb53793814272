"""What every workbook StationDesk writes shares: safe text cells, masking of personal data, the ledger's styles.

**Formula injection.** A cell whose text begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return,
which some spreadsheet programs strip before looking) would be run as a formula if a user re-entered it, and some
programs evaluate it on opening a CSV. openpyxl would even *store* such text as a formula. Every such text is
written as an explicit string cell with Excel's "quote prefix" set — the workbook form of a leading apostrophe —
so it shows and stays as the text it is.

**Masking** (domain.md: exports masked unless the user has the right and asks): resident ID numbers keep the
region (6) and the last 4 characters (``110105********002X``); mobile numbers keep 3 + 4 digits
(``138****8000``); landlines keep the area code and the first and last 2 digits of the number.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from app.ledger import errors as err

FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")

TITLE_FONT: Final = Font(name="宋体", size=16, bold=True)
HEADER_FONT: Final = Font(name="宋体", size=11, bold=True)
HEADER_FILL: Final = PatternFill("solid", fgColor="DDEBF7")
THIN: Final = Side(style="thin", color="808080")
HEADER_BORDER: Final = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_ALIGNMENT: Final = Alignment(horizontal="center", vertical="center", wrap_text=True)
TITLE_ALIGNMENT: Final = Alignment(horizontal="center", vertical="center")
ERROR_FILL: Final = PatternFill("solid", fgColor="FFC7CE")
WARNING_FILL: Final = PatternFill("solid", fgColor="FFEB9C")
COMMENT_AUTHOR: Final = "StationDesk"

MOBILE: Final = re.compile(r"1\d{10}")
LANDLINE: Final = re.compile(r"(0\d{2,3}-)(\d{7,8})(.*)")


def needs_text_guard(value: str) -> bool:
    """Whether a spreadsheet could take ``value`` for a formula."""
    return value.startswith(FORMULA_STARTS)


def text_cell(ws: WriteOnlyWorksheet, value: str) -> WriteOnlyCell:
    """A cell that is always the string ``value``, never a formula."""
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def safe_value(ws: WriteOnlyWorksheet, value: Any) -> Any:
    """``value`` itself, or a guarded text cell when it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return text_cell(ws, value)
    return value


def styled(ws: WriteOnlyWorksheet, value: Any, **style: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and needs_text_guard(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def commented(ws: WriteOnlyWorksheet, value: Any, text: str, fill: PatternFill) -> WriteOnlyCell:
    """A highlighted cell with ``text`` as its comment (the error report's bad cells)."""
    cell = styled(ws, value, fill=fill)
    comment = Comment(text, COMMENT_AUTHOR)
    comment.width = 320
    comment.height = 120
    cell.comment = comment
    return cell


def mask_resident_id(code: str) -> str:
    """``11010519491231002X`` → ``110105********002X`` (15-digit numbers: ``110105*****0021``)."""
    if len(code) <= 10:
        return "*" * len(code)
    return code[:6] + "*" * (len(code) - 10) + code[-4:]


def _mask_one_phone(number: str) -> str:
    if MOBILE.fullmatch(number):
        return number[:3] + "****" + number[-4:]
    match = LANDLINE.fullmatch(number)
    if match:
        local = match.group(2)
        return match.group(1) + local[:2] + "*" * (len(local) - 4) + local[-2:] + match.group(3)
    digits = [i for i, ch in enumerate(number) if ch.isdigit()]
    if len(digits) <= 4:
        return number
    hidden = set(digits[len(digits) // 4 : len(digits) - 4])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(number))


def mask_phone(phone: str) -> str:
    """Each number of a phone list masked: ``13800138000; 0871-65123456`` → ``138****8000; 0871-65****56``."""
    return "; ".join(_mask_one_phone(p.strip()) for p in phone.split(";") if p.strip())


def save_atomically(workbook: Workbook, path: Path) -> None:
    """Save to a temporary file beside ``path`` and rename it into place: a failure leaves no half-written file
    (and an existing file untouched)."""
    handle, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".xlsx.part", dir=path.parent)
    os.close(handle)
    temp = Path(name)
    try:
        workbook.save(temp)
        os.replace(temp, path)
    except OSError as exc:
        raise err.ExportFailed(file=path.name, detail=exc.strerror or str(exc)) from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
