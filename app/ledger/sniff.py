"""Opening a ledger file: deciding from its content what it is, and refusing what cannot be read safely.

The file's *content* decides how it is read, never its name: a renamed .docx, a picture, an HTML page saved as
.xls, an encrypted workbook (an OLE2 file with an ``EncryptedPackage`` stream) are each refused with their own
message, before any parser sees them. An .xlsx is a zip archive: a zip bomb is refused from its directory alone
(too many parts, too large, compressed too well), then every workbook-level part calamine will read is
decompressed as a stream, which also verifies the sizes the directory claims. What passes is a
:class:`app.ledger.reader.LedgerFile`, which reads the sheets.
"""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path
from typing import Final

from app.ledger import errors as err
from app.ledger.reader import CHUNK, LedgerFile, short_detail

MAX_FILE_MB: Final = 150
"""Largest file accepted (a 300,000-row ledger saved by Excel is about 40 MB)."""
MAX_MEMBER_MB: Final = 1024
"""Largest single part of an .xlsx once unpacked (300,000 rows × 30 columns of inline text is about 700 MB)."""
MAX_TOTAL_MB: Final = 1536
MAX_RATIO: Final = 250
"""Highest compression ratio accepted for a part above :data:`RATIO_FLOOR_MB` (real sheets stay below ~50)."""
RATIO_FLOOR_MB: Final = 8
MAX_MEMBERS: Final = 10_000

MB: Final = 1 << 20

OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
IMAGE_MAGIC: Final = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*")
ARCHIVE_MAGIC: Final = (b"Rar!", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b")


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _sniff_text(head: bytes) -> bool:
    """Whether the first bytes look like text (no NUL bytes unless it is UTF-16 with its BOM)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    return b"\x00" not in head


def _zip_kind(archive: zipfile.ZipFile, file_name: str) -> str:
    names = set(archive.NameToInfo)
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "word/document.xml" in names:
        raise err.NotASpreadsheet(file=file_name, kind=err.KIND_WORD)
    if "ppt/presentation.xml" in names:
        raise err.NotASpreadsheet(file=file_name, kind=err.KIND_POWERPOINT)
    if "content.xml" in names and b"spreadsheet" in archive.read("mimetype")[:200] if "mimetype" in names else False:
        raise err.NotASpreadsheet(file=file_name, kind=err.KIND_ODS)
    raise err.NotASpreadsheet(file=file_name, kind=err.KIND_ARCHIVE)


def check_archive(archive: zipfile.ZipFile, file_name: str) -> None:
    """Refuse a zip bomb from the archive's directory: too many parts, too large, or compressed too well."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise err.SuspiciousArchive(file=file_name, size="?", part=f"{len(infos):,} parts")
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        too_big = info.file_size > MAX_MEMBER_MB * MB
        too_dense = info.file_size > RATIO_FLOOR_MB * MB and ratio > MAX_RATIO
        if too_big or too_dense:
            raise err.SuspiciousArchive(file=file_name, size=f"{info.file_size / MB:,.0f}", part=info.filename)
    if total > MAX_TOTAL_MB * MB:
        raise err.SuspiciousArchive(file=file_name, size=f"{total / MB:,.0f}", part="*")


def verify_members(archive: zipfile.ZipFile, file_name: str) -> None:
    """Decompress every workbook-level part calamine reads (not the sheets, checked when chosen), as a stream.

    zipfile stops at the size the directory declares and then checks the CRC, so a part that claims to be small
    but unpacks to gigabytes fails here, with bounded memory, before calamine reads it.
    """
    for info in archive.infolist():
        name = info.filename
        if name.startswith(("xl/worksheets/", "xl/media/", "xl/drawings/", "xl/charts/", "xl/embeddings/")):
            continue
        if name.endswith("/"):
            continue
        with archive.open(info) as stream:
            while stream.read(CHUNK):
                pass


def open_ledger(path: Path) -> LedgerFile:
    """Open ``path`` as a ledger, or raise the :class:`app.ledger.errors.LedgerError` saying why it cannot be."""
    file_name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8192)
    except OSError as exc:
        raise err.FileNotReadable(file=file_name, detail=exc.strerror or str(exc)) from exc
    if size == 0:
        raise err.EmptyFile(file=file_name)
    if size > MAX_FILE_MB * MB:
        raise err.FileTooLarge(file=file_name, size=f"{size / MB:,.0f}", limit=MAX_FILE_MB)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        try:
            with zipfile.ZipFile(path) as archive:
                check_archive(archive, file_name)
                kind = _zip_kind(archive, file_name)
                verify_members(archive, file_name)
        except zipfile.BadZipFile as exc:
            raise err.DamagedWorkbook(file=file_name, detail=short_detail(exc)) from exc
        return LedgerFile(path, kind)
    if head.startswith(OLE_MAGIC):
        data = path.read_bytes()
        if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data:
            raise err.PasswordProtected(file=file_name)
        if _utf16("WordDocument") in data:
            raise err.NotASpreadsheet(file=file_name, kind=err.KIND_WORD)
        if _utf16("PowerPoint Document") in data:
            raise err.NotASpreadsheet(file=file_name, kind=err.KIND_POWERPOINT)
        return LedgerFile(path, "xls", data)
    if head.startswith(b"%PDF"):
        raise err.NotASpreadsheet(file=file_name, kind=err.KIND_PDF)
    if head.startswith(IMAGE_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        raise err.NotASpreadsheet(file=file_name, kind=err.KIND_IMAGE)
    if head.startswith(ARCHIVE_MAGIC):
        raise err.NotASpreadsheet(file=file_name, kind=err.KIND_ARCHIVE)
    if not _sniff_text(head):
        raise err.NotASpreadsheet(file=file_name, kind=err.KIND_UNKNOWN)
    lowered = head.lstrip(codecs.BOM_UTF8).lstrip().lower()
    if lowered.startswith(b"<"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in lowered:
            raise err.NotASpreadsheet(file=file_name, kind=err.KIND_XML_2003)
        if b"<html" in lowered or b"<table" in lowered or b"<!doctype" in lowered:
            raise err.NotASpreadsheet(file=file_name, kind=err.KIND_HTML)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise err.FileNotReadable(file=file_name, detail=exc.strerror or str(exc)) from exc
    return LedgerFile(path, "csv", data)
