"""Reading an opened ledger file (:func:`app.ledger.sniff.open_ledger`): its sheets, and one sheet's cells.

Workbooks are read with python-calamine; CSV with the csv module after detecting the encoding (UTF-8 with or
without BOM, UTF-16 as Excel's "Unicode text", otherwise GB18030, the superset of GBK).

python-calamine builds each sheet as a *dense* grid in memory and aborts the whole process when that allocation
fails: a 20 KB workbook with one cell in A1 and one in ZZ400000 asks for 9 GB. So before calamine sees a sheet of
an .xlsx (whose archive :mod:`app.ledger.sniff` has already checked), the sheet's XML is decompressed as a stream
while its real extent (last row, last column) is measured. Only a sheet whose grid fits the limits is handed to
calamine. CSV is streamed and stops at the row limit.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path, PurePosixPath
from typing import Final
from xml.etree import ElementTree

import python_calamine

from app.ledger import errors as err
from app.progress import Progress

Cell = str | float | int | bool | date | datetime | time | timedelta
"""A cell value as read: text, a number, a flag, a date or time (empty cells are ``""``)."""

MAX_ROWS: Final = 300_000
"""Most rows one import reads (a station holds up to 100,000 operators and 150,000 carriers)."""
MAX_CELLS: Final = 9_000_000
"""Largest sheet grid (last row × last column) handed to calamine: about 300 MB inside calamine at most."""
CHUNK: Final = 1 << 20


@dataclass(frozen=True)
class SheetInfo:
    """One sheet of the file as the wizard lists it."""

    name: str
    visible: bool


@dataclass
class SheetGrid:
    """The cells of one sheet: ``rows[i][j]`` is Excel row ``i + 1``, column ``j + 1`` (``""`` when empty)."""

    file_name: str
    sheet: str
    rows: list[list[Cell]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    """Merged ranges as zero-based inclusive (first row, first column, last row, last column)."""

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def column_letter(index: int) -> str:
    """``0`` → ``A``, ``26`` → ``AA``: how Excel names column ``index + 1``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """``A`` → ``0``: the inverse of :func:`column_letter`."""
    value = 0
    for ch in letters:
        value = value * 26 + (ord(ch) - 64)
    return value - 1


class LedgerFile:
    """An opened, checked ledger file. Create it with :func:`app.ledger.sniff.open_ledger`."""

    def __init__(self, path: Path, kind: str, data: bytes | None = None) -> None:
        self.path = path
        self.kind = kind
        """``xlsx``, ``xls`` or ``csv``."""
        self._data = data
        self._sheets: list[SheetInfo] | None = None
        self._sheet_parts: dict[str, str] = {}

    @property
    def name(self) -> str:
        return self.path.name

    # -- sheets ----------------------------------------------------------------------------------------------
    def sheets(self) -> list[SheetInfo]:
        """Every sheet in workbook order, hidden ones marked (a CSV file has one sheet named after the file)."""
        if self._sheets is None:
            if self.kind == "csv":
                self._sheets = [SheetInfo(self.path.stem, True)]
            else:
                with self._workbook() as book:
                    self._sheets = [
                        SheetInfo(meta.name, meta.visible == python_calamine.SheetVisibleEnum.Visible)
                        for meta in book.sheets_metadata
                        if meta.typ == python_calamine.SheetTypeEnum.WorkSheet
                    ]
        return self._sheets

    def visible_sheets(self) -> list[str]:
        return [s.name for s in self.sheets() if s.visible]

    # -- reading ---------------------------------------------------------------------------------------------
    def read(self, sheet: str, progress: Progress | None = None) -> SheetGrid:
        """All cells of ``sheet`` (after the size checks); raises a :class:`app.ledger.errors.LedgerError`."""
        progress = progress or Progress.none()
        names = [s.name for s in self.sheets()]
        if sheet not in names:
            raise err.SheetNotFound(file=self.name, sheet=sheet, sheets="、".join(names))
        if self.kind == "csv":
            return self._read_csv(sheet, progress)
        if self.kind == "xlsx":
            self._check_xlsx_sheet(sheet, progress)
        progress.step(0, 1)
        with self._workbook() as book:
            try:
                data = book.get_sheet_by_name(sheet)
                rows: list[list[Cell]] = data.to_python(skip_empty_area=False)
                merged = [(a[0], a[1], b[0], b[1]) for a, b in (data.merged_cell_ranges or [])]
            except python_calamine.PasswordError as exc:
                raise err.PasswordProtected(file=self.name) from exc
            except python_calamine.CalamineError as exc:
                raise err.DamagedWorkbook(file=self.name, detail=short_detail(exc)) from exc
            except BaseException as exc:
                raise _panic(exc, self.name) from exc
        if len(rows) > MAX_ROWS:  # .xls: the grid is bounded by the format (65,536 × 256), the rows are not ours
            raise err.TooManyRows(
                file=self.name, sheet=sheet, rows=len(rows), column="-", limit=MAX_ROWS, cells=MAX_CELLS
            )
        progress.step(1, 1)
        return SheetGrid(self.name, sheet, rows, merged)

    def _workbook(self) -> python_calamine.CalamineWorkbook:
        try:
            handle = io.BytesIO(self._data) if self._data is not None else self.path.open("rb")
            with handle:
                return python_calamine.CalamineWorkbook.from_filelike(handle)
        except python_calamine.PasswordError as exc:
            raise err.PasswordProtected(file=self.name) from exc
        except python_calamine.CalamineError as exc:
            raise err.DamagedWorkbook(file=self.name, detail=short_detail(exc)) from exc
        except OSError as exc:
            raise err.FileNotReadable(file=self.name, detail=exc.strerror or str(exc)) from exc
        except BaseException as exc:
            raise _panic(exc, self.name) from exc

    # -- xlsx checks -----------------------------------------------------------------------------------------
    def _sheet_part(self, archive: zipfile.ZipFile, sheet: str) -> str:
        """The archive member holding ``sheet`` (from xl/workbook.xml and its relationships)."""
        if not self._sheet_parts:
            ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
            ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
            rels_ns = "{http://schemas.openxmlformats.org/package/2006/relationships}"
            try:
                book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
                rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
            except (KeyError, ElementTree.ParseError, zipfile.BadZipFile) as exc:
                raise err.DamagedWorkbook(file=self.name, detail=short_detail(exc)) from exc
            targets = {r.get("Id", ""): r.get("Target", "") for r in rels.iter(f"{rels_ns}Relationship")}
            for element in book.iter(f"{ns_main}sheet"):
                target = targets.get(element.get(f"{ns_rel}id", ""), "")
                part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
                self._sheet_parts[element.get("name", "")] = _normalise_part(part)
        found = self._sheet_parts.get(sheet)
        if found is None or found not in archive.NameToInfo:
            raise err.DamagedWorkbook(file=self.name, detail=sheet)
        return found

    def _check_xlsx_sheet(self, sheet: str, progress: Progress) -> None:
        """Stream the sheet's XML (verifying its real size and checksum) and measure its extent before calamine."""
        try:
            with zipfile.ZipFile(self.path) as archive:
                part = self._sheet_part(archive, sheet)
                info = archive.getinfo(part)
                extent = SheetExtent()
                total = max(info.file_size, 1) * 4  # measuring the XML is about a quarter of reading the sheet
                with archive.open(part) as stream:
                    done = 0
                    while chunk := stream.read(CHUNK):
                        extent.feed(chunk)
                        done += len(chunk)
                        progress.step(done, total)
                        self._check_extent(sheet, extent)
                extent.finish()
                self._check_extent(sheet, extent)
                if extent.needs_second_pass:
                    with archive.open(part) as stream:
                        while chunk := stream.read(CHUNK):
                            extent.recheck(chunk)
                            self._check_extent(sheet, extent)
        except zipfile.BadZipFile as exc:
            raise err.DamagedWorkbook(file=self.name, detail=short_detail(exc)) from exc
        except OSError as exc:
            raise err.FileNotReadable(file=self.name, detail=exc.strerror or str(exc)) from exc

    def _check_extent(self, sheet: str, extent: SheetExtent) -> None:
        if extent.too_large():
            raise err.TooManyRows(
                file=self.name,
                sheet=sheet,
                rows=f"{extent.max_row:,}",
                column=column_letter(extent.max_col),
                limit=f"{MAX_ROWS:,}",
                cells=f"{MAX_CELLS:,}",
            )

    # -- csv -------------------------------------------------------------------------------------------------
    def _read_csv(self, sheet: str, progress: Progress) -> SheetGrid:
        try:
            data = self._data if self._data is not None else self.path.read_bytes()
        except OSError as exc:
            raise err.FileNotReadable(file=self.name, detail=exc.strerror or str(exc)) from exc
        self._data = None  # the text replaces the bytes; a second read goes back to the file
        text = decode_text(data, self.name)
        del data
        sample = text[:65536]
        try:
            dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",\t;|")
        except csv.Error:
            dialect = csv.excel
        rows: list[list[Cell]] = []
        cells = 0
        lines = text.count("\n") + 1
        reader = csv.reader(io.StringIO(text, newline=""), dialect)
        try:
            for row in reader:
                rows.append(list(row))
                cells += len(row)
                if len(rows) > MAX_ROWS or cells > MAX_CELLS:
                    raise err.TooManyRows(
                        file=self.name,
                        sheet=sheet,
                        rows=f"{len(rows):,}+",
                        column=column_letter(max(len(row) - 1, 0)),
                        limit=f"{MAX_ROWS:,}",
                        cells=f"{MAX_CELLS:,}",
                    )
                if len(rows) % 20_000 == 0:
                    progress.step(len(rows), max(len(rows), lines))
        except csv.Error as exc:
            raise err.DamagedWorkbook(file=self.name, detail=f"{reader.line_num}: {exc}") from exc
        return SheetGrid(self.name, sheet, rows)


def _above(limit: int) -> re.Pattern[bytes]:
    """A pattern for a cell reference (``<c r="AB123"``) whose row number is greater than ``limit``."""
    digits = str(limit)
    options = [rb"[1-9]\d{%d,}" % len(digits)]
    for i, ch in enumerate(digits):
        if ch != "9":
            options.append(digits[:i].encode() + b"[%d-9]" % (int(ch) + 1) + rb"\d{%d}" % (len(digits) - i - 1))
    return re.compile(rb'<c r="([A-Z]{1,3})(' + b"|".join(options) + rb')"')


class SheetExtent:
    """Checks, from a sheet's XML fed in chunks, that calamine's dense grid (last row × last column) stays within
    :data:`MAX_ROWS` and :data:`MAX_CELLS`, without building anything.

    Fast path — what Excel, WPS and openpyxl write (unprefixed tags, ``r`` first on every row and cell): per chunk
    of ``<sheetData>``, three searches in C when every cell is in a single-letter column and a row with fewer digits
    than the allowed last row (most chunks of most sheets), else four counts and a handful of searches. Columns
    beyond Z are collected (few cells) to narrow the allowed last row; then one search finds any cell below it.
    Anything irregular (prefixed tags such as
    ``<x:c>``, rows or cells without a leading ``r``) switches to the exact path: split at ``</row>``, per row its
    number and the reference of its last cell, or the count of its cells. Self-closing rows hold no cells.
    """

    PREFIXED: Final = re.compile(rb":(?:row|c)[ >/]")
    ROW_WITHOUT_REF: Final = re.compile(rb'<row(?! r=")')
    COLUMNS: Final = {n: re.compile(rb'<c r="([A-Z]{%d})\d' % n) for n in (3, 2)}
    WIDE: Final = re.compile(rb'<c r="[A-Z]{2}')
    """A cell beyond column Z (two or three letters: a three-letter column need not come with a two-letter one)."""
    ROW_END: Final = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?row>")
    ROW_START: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\b([^>]*)>")
    ROW_NUMBER: Final = re.compile(rb'\br="(\d+)"')
    CELL: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\b")
    CELL_REF: Final = re.compile(rb'[^>]*?\br="([A-Z]{1,3})\d+"')
    LAST_CELL_MARKS: Final = (b"<c ", b"<c>", b"<c/", b":c ", b":c>", b":c/")

    def __init__(self) -> None:
        self.max_row = 0
        """Exact in the exact path; in the fast path set (to the offending row) only when a limit is broken."""
        self.max_col = 0
        self.needs_second_pass = False
        """The allowed last row shrank after earlier chunks were checked: feed the XML again to :meth:`recheck`."""
        self._row = 0
        self._tail = b""
        self._exact = False
        self._started = False
        self._ended = False
        self._checked_limit: int | None = None
        self._pattern_limit = -1
        self._pattern = _above(MAX_ROWS)
        self._plain_cells: dict[int, re.Pattern[bytes]] = {}

    def row_limit(self) -> int:
        """The last row allowed with the widest column seen so far."""
        return min(MAX_ROWS, MAX_CELLS // (self.max_col + 1))

    def too_large(self) -> bool:
        return self.max_row > MAX_ROWS or self.max_row * (self.max_col + 1) > MAX_CELLS

    def _sheet_data(self, data: bytes) -> bytes:
        """The part of ``data`` inside ``<sheetData>`` (columns, formats and the like around it are not cells)."""
        if self._ended:
            return b""
        if not self._started:
            at = data.find(b"sheetData")
            if at < 0:
                return b""
            self._started = True
            data = data[at:]
        end = data.find(b"/sheetData")
        if end < 0:
            end = data.find(b"sheetData/")  # a prefixed end tag is caught by the exact path's own split
        if end >= 0 and data.find(b"sheetData", 1) >= end - 1:
            self._ended = True
            data = data[:end]
        return data

    def feed(self, chunk: bytes) -> None:
        data = self._tail + chunk
        if self._exact:
            parts = self.ROW_END.split(data)
            self._tail = parts.pop()
            for part in parts:
                self._row_part(part)
            return
        cut = data.rfind(b">") + 1
        self._tail = data[cut:]
        body = self._sheet_data(data[:cut])
        if not body:
            return
        if self._plain(body):
            return
        irregular = (
            body.count(b"<c") != body.count(b'<c r="')
            or body.count(b"<row") != body.count(b'<row r="')
            or self.PREFIXED.search(body) is not None
        )
        if irregular:
            self._exact = True
            self._tail = b""
            self.feed(body + data[cut:])
            return
        if self.WIDE.search(body):
            for length in (3, 2):
                names = set(self.COLUMNS[length].findall(body))
                if names:
                    self.max_col = max(self.max_col, *(column_index(n.decode("ascii")) for n in names))
                    break
        elif b'<c r="' in body:
            self.max_col = max(self.max_col, 25)  # single letters only: at most column Z
        self._check_rows(body)

    def _plain(self, body: bytes) -> bool:
        """Settle the usual chunk with three searches: every row and cell has its reference first, every cell is in
        a single-letter column and in a row with fewer digits than the allowed last row has. What the checks below
        would conclude about such a chunk is then known without them."""
        max_col = max(self.max_col, 25) if b'<c r="' in body else self.max_col  # single letters: at most column Z
        limit = min(MAX_ROWS, MAX_CELLS // (max_col + 1))
        digits = len(str(limit)) - 1
        cells = self._plain_cells.get(digits)
        if cells is None:
            cells = self._plain_cells[digits] = re.compile(rb'<c(?! r="[A-Z]\d{1,%d}")' % digits if digits else b"<c")
        if cells.search(body) or self.ROW_WITHOUT_REF.search(body) or self.PREFIXED.search(body):
            return False
        self.max_col = max_col
        self._note_limit(limit)
        return True

    def _note_limit(self, limit: int) -> None:
        """Check the rows of this and later chunks against ``limit``; a lower one than earlier chunks were checked
        against means a second pass."""
        if limit != self._pattern_limit:
            self._pattern, self._pattern_limit = _above(limit), limit
        if self._checked_limit is not None and limit < self._checked_limit:
            self.needs_second_pass = True
        self._checked_limit = limit if self._checked_limit is None else max(self._checked_limit, limit)

    def _check_rows(self, body: bytes) -> None:
        self._note_limit(self.row_limit())
        found = self._pattern.search(body)
        if found is not None:
            self.max_row = int(found.group(2))
            self.max_col = max(self.max_col, column_index(found.group(1).decode("ascii")))

    def recheck(self, chunk: bytes) -> None:
        """Second pass, with the final allowed last row, over chunks checked before the sheet turned out wider."""
        data = self._tail + chunk
        cut = data.rfind(b">") + 1
        body, self._tail = data[:cut], data[cut:]
        found = self._pattern.search(body)
        if found is not None:
            self.max_row = int(found.group(2))

    def finish(self) -> None:
        """Account for a last row left unclosed (a truncated file still must not slip through)."""
        if self._exact and self.ROW_START.search(self._tail):
            self._row_part(self._tail)
        self._tail = b""

    def _row_part(self, part: bytes) -> None:
        owner_end = -1
        for match in self.ROW_START.finditer(part):
            number = self.ROW_NUMBER.search(match.group(1))
            self._row = int(number.group(1)) if number else self._row + 1
            owner_end = -1 if match.group(1).endswith(b"/") else match.end()
        if owner_end < 0:
            return
        last = max(part.rfind(mark, owner_end) for mark in self.LAST_CELL_MARKS)
        if last < 0:
            return
        self.max_row = max(self.max_row, self._row)
        ref = self.CELL_REF.match(part, last + 2)
        if ref is not None:
            column = column_index(ref.group(1).decode("ascii"))
        else:
            column = len(self.CELL.findall(part, owner_end)) - 1
        self.max_col = max(self.max_col, column)


def _normalise_part(part: str) -> str:
    """Resolve ``..`` in a relationship target (``xl/worksheets/../worksheets/sheet1.xml``)."""
    stack: list[str] = []
    for piece in part.split("/"):
        if piece == "..":
            if stack:
                stack.pop()
        elif piece and piece != ".":
            stack.append(piece)
    return "/".join(stack)


def _panic(exc: BaseException, file_name: str) -> BaseException:
    """calamine *panics* on some malformed files (pyo3 raises ``PanicException``, a BaseException): that is a
    damaged workbook too. Anything else (KeyboardInterrupt, SystemExit…) passes through unchanged."""
    if type(exc).__name__ == "PanicException":
        return err.DamagedWorkbook(file=file_name, detail=short_detail(exc))
    return exc


def short_detail(exc: BaseException) -> str:
    """The first line of an error, short enough for a message."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]


def decode_text(data: bytes, file_name: str) -> str:
    """Text of a CSV file: BOM first, then strict UTF-8, then GB18030 (which also reads GBK and GB2312)."""
    if data.startswith(codecs.BOM_UTF8):
        encodings = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8", "gb18030"]
    error: UnicodeDecodeError | None = None
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            error = exc
    assert error is not None
    raise err.UnknownEncoding(file=file_name, offset=error.start)
