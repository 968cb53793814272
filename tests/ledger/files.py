"""Golden ledger files made by the tests themselves (never downloaded): every odd shape the importer must read,
and every bad file it must refuse.

.xlsx files are written with openpyxl (normal mode, so merged cells and hidden sheets are real); .xls files with a
small BIFF8 writer inside a minimal OLE2 compound file (the container Excel 97–2003 and encrypted Office files use);
files that must be huge are generated as streams, never held in memory.
"""

from __future__ import annotations

import codecs
import csv
import io
import struct
import zipfile
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook

TITLE = "五华区市场监管所网络经营主体台账"
HEADER = ["序号", "主体名称", "统一社会信用代码", "法定代表人", "联系电话", "成立日期", "平台", "店铺名称", "店铺ID"]
VALID_USCC = "914403001922038216"
OTHER_USCC = "91330100799655058B"
THIRD_USCC = "91110108551385082Q"
FLAGGED_USCC = "91350100M0001TGQXM"  # a real Fujian pilot code: its check character fails
RESIDENT_ID = "11010519491231002X"


def rows_basic() -> list[list[Any]]:
    """Three good operators (one with a failing check character) under :data:`HEADER`."""
    return [
        [
            1,
            "昆明市翠湖电子商务有限公司",
            VALID_USCC,
            "李明",
            "13800138000",
            date(2020, 5, 1),
            "淘宝",
            "翠湖旗舰店",
            "10001",
        ],
        [
            2,
            "杭州某某网络科技有限公司",
            OTHER_USCC,
            "王芳",
            "0571-87654321",
            date(2018, 3, 2),
            "京东",
            "某某自营店",
            "20002",
        ],
        [3, "福建试点代码商贸有限公司", FLAGGED_USCC, "陈强", "13900139000", None, "", "", ""],
    ]


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[Any]],
    *,
    title_rows: Sequence[str] = (TITLE,),
    header: Sequence[str] = HEADER,
    footer: Sequence[str] = (),
    sheet: str = "台账",
) -> Path:
    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet
    for title in title_rows:
        ws.append([title])
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    for note in footer:
        ws.append([note])
    workbook.save(path)
    return path


def write_csv(path: Path, rows: Sequence[Sequence[Any]], encoding: str, *, header: Sequence[str] = HEADER) -> Path:
    """A CSV file as Excel or WPS saves it: ``utf-8-sig`` (CSV UTF-8), ``gbk`` / ``gb18030`` (plain CSV on Chinese
    Windows), ``utf-8`` without BOM, or ``utf-16`` with tabs (Unicode text)."""
    buffer = io.StringIO()
    delimiter = "\t" if encoding == "utf-16" else ","
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else (v.isoformat() if isinstance(v, date) else v) for v in row])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


# -- OLE2 compound files (.xls and encrypted Office files) -------------------------------------------------------
SECTOR = 512
FREE, END, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _cfb_name_key(name: str) -> tuple[int, str]:
    return (len(name), name.upper())


def compound_file(streams: dict[str, bytes]) -> bytes:
    """A minimal valid OLE2 compound file (version 3) holding ``streams`` (each padded to 4 KiB so none lives in
    the mini stream)."""
    names = sorted(streams, key=_cfb_name_key)
    data = {n: streams[n] + b"\x00" * max(0, 4096 - len(streams[n])) for n in names}
    data_sectors = {n: (len(d) + SECTOR - 1) // SECTOR for n, d in data.items()}
    dir_entries = 1 + len(names)
    dir_sectors = (dir_entries + 3) // 4
    total_data = sum(data_sectors.values())
    fat_sectors = 1
    while fat_sectors * 128 < fat_sectors + dir_sectors + total_data:
        fat_sectors += 1
    fat = [FREE] * (fat_sectors * 128)
    for i in range(fat_sectors):
        fat[i] = FAT_SECTOR
    first_dir = fat_sectors
    for i in range(dir_sectors):
        fat[first_dir + i] = first_dir + i + 1 if i + 1 < dir_sectors else END
    starts: dict[str, int] = {}
    sector = first_dir + dir_sectors
    for n in names:
        starts[n] = sector
        for i in range(data_sectors[n]):
            fat[sector + i] = sector + i + 1 if i + 1 < data_sectors[n] else END
        sector += data_sectors[n]
    header = bytearray(SECTOR)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x003E, 0x0003, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 44, fat_sectors)
    struct.pack_into("<I", header, 48, first_dir)
    struct.pack_into("<I", header, 56, 4096)
    struct.pack_into("<IIII", header, 60, END, 0, END, 0)
    difat = [FREE] * 109
    for i in range(fat_sectors):
        difat[i] = i
    struct.pack_into("<109I", header, 76, *difat)

    def entry(name: str, kind: int, right: int, child: int, start: int, size: int) -> bytes:
        raw = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        raw[0 : len(encoded)] = encoded
        struct.pack_into("<HBB", raw, 64, len(encoded), kind, 1)
        struct.pack_into("<III", raw, 68, NO_STREAM, right, child)
        struct.pack_into("<IQ", raw, 116, start, size)
        return bytes(raw)

    directory = bytearray(entry("Root Entry", 5, NO_STREAM, 1 if names else NO_STREAM, END, 0))
    for index, name in enumerate(names, start=1):
        right = index + 1 if index < len(names) else NO_STREAM
        directory += entry(name, 2, right, NO_STREAM, starts[name], len(data[name]))
    for _unused in range(dir_sectors * 4 - dir_entries):
        directory += entry("", 0, NO_STREAM, NO_STREAM, 0, 0)
    out = bytearray(header)
    out += struct.pack(f"<{len(fat)}I", *fat)
    out += bytes(directory)
    for n in names:
        out += data[n] + b"\x00" * (data_sectors[n] * SECTOR - len(data[n]))
    return bytes(out)


def _record(kind: int, body: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def _bof(dt: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, dt, 0x0DBB, 0x07CC, 0, 6))


def _cell_records(rows: Sequence[Sequence[Any]]) -> bytes:
    out = bytearray()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, int | float) and not isinstance(value, bool):
                out += _record(0x0203, struct.pack("<HHHd", r, c, 15, float(value)))
            else:
                text = str(value)
                out += _record(0x0204, struct.pack("<HHHHB", r, c, 15, len(text), 1) + text.encode("utf-16-le"))
    return bytes(out)


def xls_bytes(sheets: Sequence[tuple[str, Sequence[Sequence[Any]], bool]]) -> bytes:
    """A BIFF8 workbook: ``sheets`` are (name, rows, hidden). Strings as LABEL records, numbers as NUMBER."""
    sheet_streams = [_bof(0x0010) + _cell_records(rows) + _record(0x000A) for _name, rows, _hidden in sheets]

    def globals_part(offsets: list[int]) -> bytes:
        part = bytearray(_bof(0x0005) + _record(0x0042, struct.pack("<H", 1200)))
        for (name, _rows, hidden), offset in zip(sheets, offsets, strict=True):
            encoded = name.encode("utf-16-le")
            part += _record(0x0085, struct.pack("<IBBBB", offset, 1 if hidden else 0, 0, len(name), 1) + encoded)
        return bytes(part + _record(0x000A))

    size = len(globals_part([0] * len(sheets)))
    offsets = []
    for stream in sheet_streams:
        offsets.append(size)
        size += len(stream)
    workbook = globals_part(offsets) + b"".join(sheet_streams)
    return compound_file({"Workbook": workbook})


def write_xls(path: Path, sheets: Sequence[tuple[str, Sequence[Sequence[Any]], bool]]) -> Path:
    path.write_bytes(xls_bytes(sheets))
    return path


def write_encrypted(path: Path) -> Path:
    """What Excel writes for a workbook with an opening password: an OLE2 file with the encrypted package."""
    info = struct.pack("<HHI", 4, 4, 0x40) + b"<encryption/>" * 10
    path.write_bytes(compound_file({"EncryptionInfo": info, "EncryptedPackage": b"\x5a" * 5000}))
    return path


# -- other bad files ---------------------------------------------------------------------------------------------
def write_docx(path: Path) -> Path:
    """A (tiny but well-formed) Word document, renamed to .xlsx by the caller."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", "<w:document>台账</w:document>")
    return path


PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)


def write_png(path: Path) -> Path:
    path.write_bytes(PNG_BYTES)
    return path


def _with_sheet_xml(source: Path, target: Path, sheet_xml: Iterator[bytes] | bytes) -> Path:
    """Copy the .xlsx ``source`` to ``target`` with its first sheet's XML replaced (streamed when an iterator)."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in original.infolist():
            if item.filename == "xl/worksheets/sheet1.xml":
                with out.open(item.filename, "w", force_zip64=True) as handle:
                    if isinstance(sheet_xml, bytes):
                        handle.write(sheet_xml)
                    else:
                        for chunk in sheet_xml:
                            handle.write(chunk)
            else:
                out.writestr(item, original.read(item.filename))
    return target


SHEET_HEAD = (
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    b' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
)


def million_row_sheet(rows: int = 1_000_000, dimension: str | None = None) -> Iterator[bytes]:
    """The XML of a sheet with a header and ``rows`` small data rows, generated piece by piece."""
    yield SHEET_HEAD
    if dimension:
        yield f'<dimension ref="{dimension}"/>'.encode()
    yield b"<sheetData>"
    yield (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>主体名称</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>统一社会信用代码</t></is></c></row>'
    ).encode()
    chunk: list[bytes] = []
    for n in range(2, rows + 2):
        chunk.append(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (n, n, n))
        if len(chunk) == 10_000:
            yield b"".join(chunk)
            chunk = []
    yield b"".join(chunk)
    yield b"</sheetData></worksheet>"


def write_million_rows(base: Path, target: Path, rows: int = 1_000_000) -> Path:
    """A real .xlsx with ``rows`` data rows (about 45 MB of XML, compressed to a few MB), written as a stream."""
    return _with_sheet_xml(base, target, million_row_sheet(rows))


def write_far_cell(base: Path, target: Path) -> Path:
    """A tiny .xlsx with a header in row 1 and one cell at ZZ400000: calamine would allocate a 9 GB grid."""
    xml = (
        SHEET_HEAD
        + (
            '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>主体名称</t></is></c>'
            '<c r="B1" t="inlineStr"><is><t>统一社会信用代码</t></is></c></row>'
            '<row r="400000"><c r="ZZ400000"><v>1</v></c></row></sheetData></worksheet>'
        ).encode()
    )
    return _with_sheet_xml(base, target, xml)


def write_zip_bomb(base: Path, target: Path, size_mib: int = 1200) -> Path:
    """An .xlsx whose sheet XML unpacks to ``size_mib`` MiB of blanks (a few MB compressed)."""

    def blanks() -> Iterator[bytes]:
        yield SHEET_HEAD + b"<sheetData>"
        block = b" " * (1 << 20)
        for _ in range(size_mib):
            yield block
        yield b"</sheetData></worksheet>"

    return _with_sheet_xml(base, target, blanks())


def write_lying_zip(target: Path) -> Path:
    """An .xlsx whose directory claims the shared-strings part is 1,000 bytes while it unpacks to 64 MiB."""
    plain = target.with_suffix(".plain.xlsx")
    write_xlsx(plain, rows_basic())
    buffer = io.BytesIO()
    with zipfile.ZipFile(plain) as original, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name in original.namelist():
            if name != "xl/sharedStrings.xml":
                out.writestr(name, original.read(name))
        out.writestr("xl/sharedStrings.xml", b"<sst>" + b" " * (64 << 20) + b"</sst>")
    plain.unlink()
    patched = bytearray(buffer.getvalue())
    name = b"xl/sharedStrings.xml"
    at = patched.find(name)
    while at >= 0:
        if patched[at - 30 : at - 26] == b"PK\x03\x04":
            struct.pack_into("<I", patched, at - 30 + 22, 1000)
        elif patched[at - 46 : at - 42] == b"PK\x01\x02":
            struct.pack_into("<I", patched, at - 46 + 24, 1000)
        at = patched.find(name, at + 1)
    target.write_bytes(bytes(patched))
    return target


BOM = codecs.BOM_UTF8
