"""Known failures of ledger import and export, each with a message that says what happened and what to do.

Messages are English templates in the ``Ledger`` context (Chinese in the zh_CN catalogue); their parameters name the
file, and where it applies the sheet, row and column. Every failure here is raised before anything is written, or
rolls its transaction back, so each message can truthfully end with "nothing was changed".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from app.errors import AppError, UserMessage
from app.i18n import QT_TRANSLATE_NOOP

CONTEXT = "Ledger"

Translate = Callable[[str, str], str]
"""``translate(context, english) -> text in the user's language`` (Qt's, handed in by the UI or the CLI)."""


def untranslated(context: str, text: str) -> str:
    """The English template itself (tests, logs, callers without a catalogue)."""
    del context
    return text


class LedgerError(AppError):
    """Base of the ledger's known failures; ``params`` fill the message template."""

    title: ClassVar[str] = QT_TRANSLATE_NOOP("Ledger", "The ledger cannot be imported")
    body: ClassVar[str] = "{detail}"

    def __init__(self, **params: object) -> None:
        self.params = {key: str(value) for key, value in params.items()}
        super().__init__(self.body.format_map(_Lenient(self.params)))

    def message(self) -> UserMessage:
        """The title and body templates with their parameters, for the UI and the CLI to translate."""
        return UserMessage(self.title, self.body, tuple(self.params.items()))

    translated_params: ClassVar[tuple[str, ...]] = ()
    """Parameters that are themselves English templates of this context (translated before formatting)."""

    def texts(self, translate: Translate | None = None) -> tuple[str, str]:
        """(title, body) in the user's language (``translate(context, text)``), or English without one."""
        tr = translate or untranslated
        params = dict(self.params)
        for name in self.translated_params:
            if name in params:
                params[name] = tr(CONTEXT, params[name])
        return tr(CONTEXT, self.title), tr(CONTEXT, self.body).format_map(_Lenient(params))

    def render(self, translate: Translate | None = None) -> str:
        """Title and body on two lines, in the user's language."""
        return "\n".join(self.texts(translate))


class _Lenient(dict[str, str]):
    """Leaves an unknown placeholder visible instead of failing (a translation may name one the code lacks)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class FileNotReadable(LedgerError):
    title = QT_TRANSLATE_NOOP("Ledger", "Cannot open the file")
    body = QT_TRANSLATE_NOOP(
        "Ledger",
        "The file {file} cannot be opened ({detail}). Check that it exists and is not open in another program, then "
        "try again. Nothing was changed.",
    )


class EmptyFile(LedgerError):
    title = QT_TRANSLATE_NOOP("Ledger", "The file is empty")
    body = QT_TRANSLATE_NOOP(
        "Ledger", "The file {file} is empty (0 bytes). Choose the ledger file itself. Nothing was changed."
    )


class NotASpreadsheet(LedgerError):
    """``kind`` is one of the KIND_* texts below (translated separately)."""

    translated_params = ("kind",)
    title = QT_TRANSLATE_NOOP("Ledger", "Not a spreadsheet")
    body = QT_TRANSLATE_NOOP(
        "Ledger",
        "The file {file} is not an Excel or CSV ledger: {kind}. Open it in the program it belongs to; if it holds a "
        "table, copy the table into Excel or WPS, save it as .xlsx and import that file. Nothing was changed.",
    )


KIND_WORD = QT_TRANSLATE_NOOP("Ledger", "it is a Word document")
KIND_POWERPOINT = QT_TRANSLATE_NOOP("Ledger", "it is a PowerPoint presentation")
KIND_PDF = QT_TRANSLATE_NOOP("Ledger", "it is a PDF document")
KIND_IMAGE = QT_TRANSLATE_NOOP("Ledger", "it is a picture")
KIND_ARCHIVE = QT_TRANSLATE_NOOP("Ledger", "it is a compressed archive (zip, rar, 7z) — unpack it first")
KIND_HTML = QT_TRANSLATE_NOOP("Ledger", "it is a web page saved with a spreadsheet name")
KIND_ODS = QT_TRANSLATE_NOOP("Ledger", "it is an OpenDocument spreadsheet (.ods) — save it as .xlsx in WPS or Excel")
KIND_XML_2003 = QT_TRANSLATE_NOOP("Ledger", "it is an Excel 2003 XML spreadsheet — save it as .xlsx in Excel")
KIND_UNKNOWN = QT_TRANSLATE_NOOP("Ledger", "its content is not a table StationDesk can read")


class PasswordProtected(LedgerError):
    title = QT_TRANSLATE_NOOP("Ledger", "The workbook is password-protected")
    body = QT_TRANSLATE_NOOP(
        "Ledger",
        "The file {file} is protected with a password, so its contents cannot be read. Open it in Excel or WPS, "
        "remove the password (File → Info → Protect Workbook → Encrypt with Password, clear it), save it and import "
        "it again. Nothing was changed.",
    )


class DamagedWorkbook(LedgerError):
    title = QT_TRANSLATE_NOOP("Ledger", "The workbook is damaged")
    body = QT_TRANSLATE_NOOP(
        "Ledger",
        "The file {file} looks like a spreadsheet but cannot be read ({detail}). Open it in Excel or WPS, save it "
        "again as .xlsx, and import the saved copy. Nothing was changed.",
    )


class SuspiciousArchive(LedgerError):
    title = QT_TRANSLATE_NOOP("Ledger", "The workbook is suspiciously large")
    body = QT_TRANSLATE_NOOP(
        "Ledger",
        "The file {file} unpacks to {size} MB ({part}), far more than any ledger needs, so it was not read: it may be "
        "damaged or built to exhaust the computer's memory. Nothing was changed. If the ledger is genuine, split it "
        "into several smaller files.",
    )


class FileTooLarge(LedgerError):
    title = QT_TRANSLATE_NOOP("Ledger", "The file is too large")
    body = QT_TRANSLATE_NOOP(
        "Ledger",
        "The file {file} is {size} MB; at most {limit} MB can be imported at once. Split the ledger into several "
        "files. Nothing was changed.",
    )


class TooManyRows(LedgerError):
    title = QT_TRANSLATE_NOOP("Ledger", "The sheet is too large")
    body = QT_TRANSLATE_NOOP(
        "Ledger",
        "Sheet {sheet} of {file} reaches row {rows} and column {column}; at most {limit} rows and {cells} cells can "
        "be imported at once. Delete empty rows and columns below and to the right of the table, or split the "
        "ledger into several files (for example by township). Nothing was changed.",
    )


class NoSheets(LedgerError):
    title = QT_TRANSLATE_NOOP("Ledger", "No sheet to import")
    body = QT_TRANSLATE_NOOP(
        "Ledger",
        "The file {file} has no visible sheet with data (hidden sheets are not imported). Nothing was changed.",
    )


class SheetNotFound(LedgerError):
    title = QT_TRANSLATE_NOOP("Ledger", "Sheet not found")
    body = QT_TRANSLATE_NOOP(
        "Ledger", "The file {file} has no sheet named {sheet}. Its sheets are: {sheets}. Nothing was changed."
    )


class SeveralSheets(LedgerError):
    title = QT_TRANSLATE_NOOP("Ledger", "Choose a sheet")
    body = QT_TRANSLATE_NOOP(
        "Ledger",
        "The file {file} has several sheets that look like ledgers: {sheets}. Say which one to import (on the "
        "command line with --sheet NAME). Nothing was changed.",
    )


class NoHeader(LedgerError):
    title = QT_TRANSLATE_NOOP("Ledger", "No header row found")
    body = QT_TRANSLATE_NOOP(
        "Ledger",
        "No header row was recognised in sheet {sheet} of {file}: none of its first {rows} rows names at least two "
        "known columns such as 主体名称 and 统一社会信用代码. The first row with text (row {row}) reads: {sample}. "
        "Add a header row with the column names, or assign the columns by hand in the import wizard. Nothing was "
        "changed.",
    )


class EmptySheet(LedgerError):
    title = QT_TRANSLATE_NOOP("Ledger", "The sheet is empty")
    body = QT_TRANSLATE_NOOP("Ledger", "Sheet {sheet} of {file} holds no data. Nothing was changed.")


class NoNameColumn(LedgerError):
    title = QT_TRANSLATE_NOOP("Ledger", "The name column is missing")
    body = QT_TRANSLATE_NOOP(
        "Ledger",
        "In sheet {sheet} of {file}, no column is assigned to the operator's name (主体名称). Assign one in the "
        "import wizard, or rename the column header. Nothing was changed.",
    )


class DuplicateMapping(LedgerError):
    title = QT_TRANSLATE_NOOP("Ledger", "A field is assigned twice")
    body = QT_TRANSLATE_NOOP(
        "Ledger",
        "Columns {columns} of sheet {sheet} are all assigned to the same field ({field}). Assign each field to one "
        "column only. Nothing was changed.",
    )


class UnknownEncoding(LedgerError):
    title = QT_TRANSLATE_NOOP("Ledger", "Unknown text encoding")
    body = QT_TRANSLATE_NOOP(
        "Ledger",
        "The file {file} is neither UTF-8 nor GBK/GB18030 text (the problem is near byte {offset}). Open it in "
        "Excel or WPS and save it as .xlsx or as \u201cCSV UTF-8\u201d. Nothing was changed.",
    )


class NoStation(LedgerError):
    title = QT_TRANSLATE_NOOP("Ledger", "No station yet")
    body = QT_TRANSLATE_NOOP(
        "Ledger",
        "The database holds no station yet. Start StationDesk once and create the station (or the demo station) "
        "before importing. Nothing was changed.",
    )


class PreviewOutdated(LedgerError):
    title = QT_TRANSLATE_NOOP("Ledger", "The register changed")
    body = QT_TRANSLATE_NOOP(
        "Ledger",
        "The register was changed after the preview of {file} was made (perhaps in another window). Nothing was "
        "imported. Make the preview again and confirm it.",
    )


class NothingToUndo(LedgerError):
    title = QT_TRANSLATE_NOOP("Ledger", "Nothing to undo")
    body = QT_TRANSLATE_NOOP("Ledger", "There is no import that can still be undone. Nothing was changed.")


class UndoBlocked(LedgerError):
    title = QT_TRANSLATE_NOOP("Ledger", "The import cannot be undone")
    body = QT_TRANSLATE_NOOP(
        "Ledger",
        "{count} records imported from {file} were changed after the import (edited, deleted or synchronised). "
        "Undoing it would overwrite those changes, so nothing was changed.",
    )


class ExportFailed(LedgerError):
    title = QT_TRANSLATE_NOOP("Ledger", "Cannot write the file")
    body = QT_TRANSLATE_NOOP(
        "Ledger",
        "The file {file} cannot be written ({detail}). If it is open in Excel or WPS, close it, or choose another "
        "folder. Nothing was changed.",
    )
