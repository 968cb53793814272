"""Refresh the zh_CN catalogue: extract every marked string with lupdate, fill in translations from TSV files.

Run after adding or changing UI text::

    python resources/translations/update_catalogue.py

``pyside6-lupdate`` adds new source strings (as unfinished) and drops ones no longer in the code; then every
``pending_*.tsv`` beside this script (``context<TAB>English source<TAB>中文译文`` per line) is merged in and deleted.
Untranslated strings are listed at the end — tests/unit/test_translations.py fails while any remain.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TS_FILE = HERE / "stationdesk_zh_CN.ts"
SOURCES = ("app", "localdb", "sync", "ui")


def lupdate_binary() -> Path:
    import PySide6

    folder = Path(PySide6.__file__).parent
    return folder / ("lupdate.exe" if sys.platform == "win32" else "lupdate")


def source_files() -> list[str]:
    """Every Python file whose strings belong in the catalogue (migrations never hold UI text)."""
    files = []
    for package in SOURCES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                files.append(str(path.relative_to(ROOT)))
    return files


def extract(ts_file: Path) -> None:
    """Run lupdate over the sources into ``ts_file`` (keeping translations of strings still present)."""
    subprocess.run(
        [str(lupdate_binary()), "-silent", "-locations", "none", "-no-obsolete", "-source-language", "en",
         "-target-language", "zh_CN", *source_files(), "-ts", str(ts_file)],
        cwd=ROOT,
        check=True,
    )


def read_pending() -> dict[tuple[str, str], str]:
    pending: dict[tuple[str, str], str] = {}
    for tsv in sorted(HERE.glob("pending_*.tsv")):
        with tsv.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) == 3 and row[2].strip():
                    pending[(row[0], row[1].replace("\\n", "\n"))] = row[2].replace("\\n", "\n")
    return pending


def unfinished(ts_file: Path) -> list[tuple[str, str]]:
    """(context, source) of every message without a finished translation."""
    missing = []
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in {"unfinished", "vanished", "obsolete"} or not (
                translation.text or ""
            ).strip():
                missing.append((name, message.findtext("source", "")))
    return missing


def merge(ts_file: Path, pending: dict[tuple[str, str], str]) -> int:
    tree = ET.parse(ts_file)
    merged = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            key = (name, message.findtext("source", ""))
            translation = message.find("translation")
            if key in pending and translation is not None:
                translation.text = pending[key]
                translation.attrib.pop("type", None)
                merged += 1
    ET.indent(tree)
    with ts_file.open("wb") as handle:
        handle.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(handle, encoding="utf-8", xml_declaration=False)
    return merged


def main() -> int:
    extract(TS_FILE)
    pending = read_pending()
    merged = merge(TS_FILE, pending)
    missing = unfinished(TS_FILE)
    print(f"merged {merged} translations; {len(missing)} untranslated")
    for context, source in missing:
        print(f"{context}\t{source}")
    if not missing:
        for tsv in HERE.glob("pending_*.tsv"):
            tsv.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
