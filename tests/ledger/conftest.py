"""Fixtures of the ledger tests: real encrypted station databases (a demo station built once and copied per test,
an empty one, and a station whose inspection work is known), the officer doing the import, a Chinese translator, a
way to compare database states, and closing the message boxes a dialog left open."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import csv
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.records import Actor
from app.services.demo import create_demo_station
from app.services.officers import OfficerService
from localdb.database import Database
from tests.inspections.conftest import Desk
from tests.ledger.inspection_station import Known, build_station, open_copy
from tests.support.stations import add_station, open_with_key_file, write_random_key_file

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
DEMO_OPERATORS = 80
KEY = "station.key"

Translate = Callable[[str, str], str]


def _open(root: Path) -> Database:
    return open_with_key_file(root / "data", root / KEY)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ledger-demo")
    write_random_key_file(root / KEY)
    db = _open(root)
    try:
        create_demo_station(db, DEMO_OPERATORS)
        OfficerService(db).add_officer("张伟", "53010001")
    finally:
        db.close()
    return root


@pytest.fixture
def demo_root(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo station's data directory (with its key file)."""
    root = tmp_path / "demo"
    shutil.copytree(demo_template, root)
    return root


@pytest.fixture
def demo_db(demo_root: Path) -> Iterator[Database]:
    db = _open(demo_root)
    yield db
    db.close()


@pytest.fixture
def empty_db(tmp_path: Path) -> Iterator[Database]:
    """A station with one officer and no operators."""
    root = tmp_path / "empty"
    root.mkdir()
    write_random_key_file(root / KEY)
    db = _open(root)
    add_station(db)
    yield db
    db.close()


@pytest.fixture(scope="session")
def known_station(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Known]:
    """The station of :mod:`tests.ledger.inspection_station`, built once: its folder and what it holds."""
    base = tmp_path_factory.mktemp("known-station")
    return base, build_station(base)


@pytest.fixture
def known(known_station: tuple[Path, Known]) -> Known:
    return known_station[1]


@pytest.fixture
def desk(known_station: tuple[Path, Known], tmp_path: Path) -> Iterator[Desk]:
    """A private copy of the known station, opened with every inspection service."""
    opened = open_copy(known_station[0], tmp_path / "copy")
    yield opened
    opened.close()


def officer(db: Database) -> Actor:
    record = next(o for o in OfficerService(db).active_officers() if o.name == "张伟")
    return Actor(record.id, record.name)


def zh_translator() -> Translate:
    """Chinese from the catalogue, plus this feature's pending lines until they are merged into it."""
    table: dict[tuple[str, str], str] = {}
    for context in ET.parse(TRANSLATIONS / "stationdesk_zh_CN.ts").getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.text and translation.get("type") != "unfinished":
                table[(name, message.findtext("source", ""))] = translation.text
    for tsv in sorted(TRANSLATIONS.glob("pending_*.tsv")):
        with tsv.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) == 3:
                    table[(row[0], row[1].replace("\\n", "\n"))] = row[2].replace("\\n", "\n")

    def translate(context: str, text: str) -> str:
        return table.get((context, text), text)

    return translate


@pytest.fixture(scope="session")
def zh() -> Translate:
    return zh_translator()


def table_rows(db: Database, table: str) -> list[tuple[Any, ...]]:
    """Every row of ``table`` exactly as stored (raw SQL values), in a stable order."""
    with db.engine.connect() as conn:
        rows = [tuple(r) for r in conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY 1")]
        conn.rollback()
    return rows


def state(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """The register's rows, its search indexes and backlog, and the sync outbox as the sync reads it (the entries an
    import left to the outbox backlog written first), to compare before and after."""
    db.settle_outbox()
    tables = ("operator", "carrier", "license", "station", "officer", "search_backlog", "sync_outbox", "outbox_backlog")
    result = {table: table_rows(db, table) for table in tables}
    with db.engine.connect() as conn:
        for index in ("operator_fts", "name_fts", "operator_grams"):
            result[index] = [tuple(r) for r in conn.exec_driver_sql(f"SELECT rowid, * FROM {index} ORDER BY rowid")]
        conn.rollback()
    return result


def audit_count(db: Database) -> int:
    with db.engine.connect() as conn:
        count = int(conn.exec_driver_sql("SELECT count(*) FROM audit_log").scalar() or 0)
        conn.rollback()
    return count


def close_message_boxes() -> list[str]:
    """Close the message boxes left open (they are non-blocking) and return their texts."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    texts = []
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            texts.append(widget.text())
            widget.close()
    return texts
