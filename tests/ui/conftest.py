"""Fixtures for widget tests: a real encrypted station database with a station, officers and ~50 operators.

The database is built once per session and copied for each test (opening a copy takes milliseconds), so every
test starts from the same data and may write freely.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QtMsgType

from app.database_key import KeyChoice
from app.paths import DataDir
from app.records import Actor, OperatorDraft
from app.services.officers import OfficerService
from app.services.registry import RegistryService
from app.station_store import open_station_database
from localdb.database import Database
from sync.credentials import CredentialStore
from tests.sync.conftest import client, live, server_view  # noqa: F401  (a real server, for the sync column)

KEY_FILE = "k.key"
DEMO_OPERATORS = 45


@dataclass(frozen=True)
class Known:
    """Operators the tests refer to by name (created through the service, like a user would)."""

    valid_name: str = "昆明市翠湖测试科技有限公司"
    valid_uscc: str = "914403001922038216"
    flagged_name: str = "福建试点代码商贸有限公司"
    flagged_uscc: str = "91350100M0001TGQXM"
    flagged_reason: str = "营业执照原件即为此代码"
    serious_name: str = "春城失信测试商行"
    shop_owner_name: str = "无照网店店主甲"
    coop_name: str = "五华区测试种植专业合作社"


KNOWN = Known()


def _open(root: Path) -> Database:
    return open_station_database(DataDir(root), KeyChoice(key_file=root / KEY_FILE), CredentialStore())


def _fill(db: Database) -> None:
    try:
        from app.services.demo import create_demo_station
    except ImportError:  # the demo generator is optional for these tests
        OfficerService(db).create_station("测试所", "S001", "530102")
    else:
        create_demo_station(db, DEMO_OPERATORS)
    officer = OfficerService(db).add_officer("张伟", "53010001")
    actor = Actor(officer.id, officer.name)
    registry = RegistryService(db)
    registry.create(
        OperatorDraft(
            name=KNOWN.valid_name,
            subject_type="enterprise",
            identifier_type="uscc",
            identifier=KNOWN.valid_uscc,
            legal_representative="李明",
            phone="0871-65123456",
            business_address="昆明市五华区翠湖南路 1 号",
            credit_class="B",
            abnormal_listed=True,
            abnormal_reason="通过登记的住所无法联系",
            abnormal_date=date(2024, 3, 1),
        ),
        actor,
    )
    registry.create(
        OperatorDraft(
            name=KNOWN.flagged_name,
            subject_type="enterprise",
            identifier_type="uscc",
            identifier=KNOWN.flagged_uscc,
            phone="13800138000",
        ),
        actor,
        override_reason=KNOWN.flagged_reason,
    )
    registry.create(
        OperatorDraft(
            name=KNOWN.serious_name,
            subject_type="individual",
            identifier_type="reg_no",
            identifier="330203000030639",
            serious_violation=True,
            serious_violation_reason="提供虚假材料",
            credit_class="D",
        ),
        actor,
    )
    registry.create(
        OperatorDraft(name=KNOWN.shop_owner_name, subject_type="natural_person", identifier_type="none"), actor
    )
    registry.create(
        OperatorDraft(
            name=KNOWN.coop_name, subject_type="cooperative", identifier_type="reg_no", identifier="440301105984804"
        ),
        actor,
    )


@pytest.fixture(scope="session")
def template_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("template")
    db = _open(root)
    try:
        _fill(db)
    finally:
        db.close()
    return root


def _copy_station(source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for path in source.iterdir():
        if path.is_file():
            shutil.copy2(path, target / path.name)


@pytest.fixture
def db(template_dir: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the filled station database."""
    root = tmp_path / "station"
    _copy_station(template_dir, root)
    database = _open(root)
    yield database
    database.close()


@pytest.fixture
def empty_db(tmp_path: Path) -> Iterator[Database]:
    """A station with an officer and no operators at all."""
    root = tmp_path / "empty"
    database = _open(root)
    OfficerService(database).create_station("测试所", "S001", "530102")
    OfficerService(database).add_officer("张伟", "53010001")
    yield database
    database.close()


@pytest.fixture
def registry(db: Database) -> RegistryService:
    return RegistryService(db)


def _actor(database: Database) -> Actor:
    officer = next(o for o in OfficerService(database).active_officers() if o.name == "张伟")
    return Actor(officer.id, officer.name)


@pytest.fixture
def actor(db: Database) -> Actor:
    return _actor(db)


@pytest.fixture
def empty_actor(empty_db: Database) -> Actor:
    return _actor(empty_db)


IGNORED_QT_MESSAGES = ("This plugin does not support propagateSizeHints()",)
"""Noise of the offscreen platform plugin, not a problem of the code under test."""


@pytest.fixture(autouse=True)
def _fail_on_qt_warnings(qtlog: Any) -> Iterator[None]:
    """Qt warnings (including QAbstractItemModelTester's reports) fail the test."""
    yield
    bad = [
        record.message
        for record in qtlog.records
        if record.type in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
        and not record.message.startswith(IGNORED_QT_MESSAGES)
    ]
    assert not bad, f"Qt warnings: {bad}"
