"""A real encrypted station for inspection tests: the demo county (operators, carriers, six officers with 执法证号),
the shipped checklists, and the evidence store, all opened with a key file like the CLI does."""

from __future__ import annotations

import shutil
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app.database_key import KeyChoice
from app.inspections.chain import ChainVerifier
from app.inspections.conflicts import ConflictService
from app.inspections.dashboard import DashboardService
from app.inspections.data import EvidenceMeta
from app.inspections.evidence import EvidenceService, EvidenceStore
from app.inspections.finalize import FinalizeService
from app.inspections.records import InspectionService
from app.inspections.rectification import RectificationService
from app.inspections.tasks import DrawService, TaskService
from app.inspections.templates import TemplateService
from app.paths import DataDir
from app.records import Actor, OfficerRecord
from app.services.demo import create_demo_station
from app.services.officers import OfficerService
from app.station_store import open_station_databases
from localdb.database import Database
from localdb.models import Carrier, Operator
from tests.support.stations import memory_store

DEMO_OPERATORS = 400
LICENSE_DISPLAY = "ecommerce-license-display"


def png_bytes(width: int = 2, height: int = 1, seed: int = 0) -> bytes:
    """A real, tiny PNG image (different ``seed`` → different bytes)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + bytes((seed + x) % 256 for x in range(width * 3)) for _ in range(height))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


@dataclass
class Desk:
    """An open station with every inspection service wired as the composition root would."""

    root: Path
    key_file: Path
    db: Database
    evidence_db: Database
    actor: Actor
    officers: list[OfficerRecord]

    def __post_init__(self) -> None:
        self.store = EvidenceStore(self.evidence_db)
        self.templates = TemplateService(self.db)
        self.inspections = InspectionService(self.db)
        self.evidence = EvidenceService(self.db, self.store)
        self.finalizer = FinalizeService(self.db, self.store)
        self.verifier = ChainVerifier(self.db, self.store)
        self.tasks = TaskService(self.db)
        self.draws = DrawService(self.db)
        self.conflicts = ConflictService(self.db)
        self.rectifications = RectificationService(self.db)
        self.dashboard = DashboardService(self.db)

    def close(self) -> None:
        self.evidence_db.close()
        self.db.close()

    def operator(self, index: int = 0, with_shop: bool = False) -> tuple[str, str | None]:
        """An operator id (and one of its carriers when asked), deterministic per index."""
        with self.db.reader() as session:
            if with_shop:
                rows = session.execute(
                    select(Operator.id, Carrier.id)
                    .join(Carrier, Carrier.operator_id == Operator.id)
                    .where(Operator.deleted_at.is_(None))
                    .order_by(Operator.id, Carrier.id)
                ).all()
                return rows[index][0], rows[index][1]
            ids = list(session.scalars(select(Operator.id).order_by(Operator.id)))
            return ids[index], None

    def template_id(self, code: str = LICENSE_DISPLAY) -> str:
        return next(t.id for t in self.templates.current() if t.code == code)

    def complete_draft(self, operator_index: int = 0, failing: tuple[str, ...] = (), **options: object) -> str:
        """A draft that passes every finalize rule: two officers, times, place, methods, all required items
        answered (``failing`` ones 不符合 with evidence), a result and a follow-up."""
        operator_id, carrier_id = self.operator(operator_index, with_shop=True)
        inspection_id = self.inspections.create_draft(
            operator_id, self.actor, template_code=str(options.get("template", LICENSE_DISPLAY)), carrier_id=carrier_id
        )
        self.inspections.set_officers(inspection_id, [self.officers[0].id, self.officers[1].id], self.actor)
        self.inspections.set_times(inspection_id, datetime(2026, 3, 2, 9, 0), datetime(2026, 3, 2, 10, 30), self.actor)
        self.inspections.set_place(inspection_id, "护国市场监管所网络监测室", self.actor)
        self.inspections.set_methods(inspection_id, ["网络监测"], self.actor)
        detail = self.inspections.detail(inspection_id)
        for item in detail.items:
            if item.required:
                value = "不符合" if item.code in failing else "符合"
                self.inspections.set_answer(inspection_id, item.code, value, self.actor)
        for n, code in enumerate(failing):
            self.evidence.add(
                inspection_id,
                png_bytes(seed=zlib.crc32(f"{inspection_id}{code}".encode()) % 250 + n),
                EvidenceMeta(
                    captured_at=datetime(2026, 3, 2, 9, 15),
                    source_url="https://shop.example.com/1234",
                    device="所内电脑 / 浏览器截图",
                    method="截图",
                    officer_id=self.officers[0].id,
                    description=f"{code} 首页截图",
                    item_code=code,
                    file_name=f"{code}.png",
                ),
                self.actor,
            )
        if failing:
            self.inspections.set_result_categories(inspection_id, ["未按规定公示应当公示的信息"], self.actor)
            self.inspections.set_follow_up(inspection_id, "责令限期整改", self.actor)
            self.inspections.set_text(
                inspection_id, "follow_up_note", "十五日内在首页显著位置公示营业执照信息", self.actor
            )
            deadline = options.get("deadline", date(2026, 3, 17))
            assert isinstance(deadline, date)
            self.inspections.set_rectification_deadline(inspection_id, deadline, self.actor)
        else:
            self.inspections.set_result_categories(inspection_id, ["未发现问题"], self.actor)
            self.inspections.set_follow_up(inspection_id, "无须后续处置", self.actor)
        return inspection_id


def open_desk(root: Path, key_file: Path) -> Desk:
    db, evidence_db = open_station_databases(DataDir(root), KeyChoice(key_file=key_file), memory_store())
    officers = OfficerService(db).active_officers()
    return Desk(root, key_file, db, evidence_db, Actor(officers[0].id, officers[0].name), officers)


def build_desk(root: Path, key_file: Path, operators: int = DEMO_OPERATORS) -> Desk:
    db, evidence_db = open_station_databases(DataDir(root), KeyChoice(key_file=key_file), memory_store())
    try:
        create_demo_station(db, operators, seed=7)
        TemplateService(db).load_shipped()
    finally:
        evidence_db.close()
        db.close()
    return open_desk(root, key_file)


@pytest.fixture(scope="session")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo station with the shipped checklists, built once; tests work on copies."""
    base = tmp_path_factory.mktemp("pristine")
    build_desk(base / "station", base / "station.key").close()
    return base


def copy_station(pristine: Path, target: Path) -> tuple[Path, Path]:
    """A private copy of the pristine station (closed databases: the WAL was checkpointed)."""
    shutil.copytree(pristine, target)
    return target / "station", target / "station.key"


@pytest.fixture
def desk(pristine: Path, tmp_path: Path) -> Iterator[Desk]:
    opened = open_desk(*copy_station(pristine, tmp_path / "copy"))
    try:
        yield opened
    finally:
        opened.close()
