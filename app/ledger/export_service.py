"""One entry point for every ledger export, shared by the export dialog and ``python -m app export``.

It checks what the caller chose before anything is written (a month that exists, a task that has a draw), runs
the ledger's writer (:mod:`app.ledger.export` for the register, :mod:`app.ledger.inspection_exports` for the
others) with the caller's progress/cancel token, and records in the audit log every export that carries personal
data in full. The writers leave no file behind when cancelled or failing (:func:`app.ledger.export.ledger_workbook`).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Final

from sqlalchemy import or_, select

from app.audit import audit
from app.i18n import QT_TRANSLATE_NOOP
from app.inspections.dashboard import next_month
from app.ledger import errors as err
from app.ledger import inspection_exports as ledgers
from app.ledger.errors import Translate, untranslated
from app.ledger.export import export_registry
from app.progress import Progress
from app.records import Actor
from localdb.database import Database
from localdb.inspection_models import InspectionTask, TaskDraw
from localdb.models import Station

EXPORT_KINDS: Final = ("registry", "inspections", "results", "rectifications", "draw", "monthly")
"""What ``python -m app export`` names and the export dialog offers, in this order."""
PERSONAL_KINDS: Final = frozenset({"registry", "inspections", "draw"})
"""Ledgers that hold personal data (resident ID numbers; phones too in the register), masked unless asked."""
MONTH_KINDS: Final = frozenset({"inspections", "results", "monthly"})
"""Ledgers that can be limited to one month (the monthly report always is)."""
MONTH: Final = re.compile(r"(\d{4})-(\d{2})")

AUDITED_NAMES: Final[dict[str, str]] = {"inspections": "检查记录台账", "draw": "双随机抽取记录"}
"""How the audit reason names the inspection ledgers (the register's export audits itself)."""
T_AUDIT = QT_TRANSLATE_NOOP("Ledger", "Exported {ledger} with personal data (ID numbers) to {file}")


class BadMonth(err.LedgerError):
    title = QT_TRANSLATE_NOOP("Ledger", "Not a month")
    body = QT_TRANSLATE_NOOP(
        "Ledger", "{month} is not a month: write it like 2024-05 (year, dash, month 01 to 12). Nothing was written."
    )


class NothingDrawn(err.LedgerError):
    title = QT_TRANSLATE_NOOP("Ledger", "No draw yet")
    body = QT_TRANSLATE_NOOP(
        "Ledger",
        "No inspection task has been drawn yet, so there is no draw record to export. Draw a random inspection task "
        "first (Inspections → Random inspection tasks). Nothing was written.",
    )


class UnknownTask(err.LedgerError):
    title = QT_TRANSLATE_NOOP("Ledger", "No such task")
    body = QT_TRANSLATE_NOOP(
        "Ledger", "There is no inspection task numbered {task}. Tasks with a draw: {tasks}. Nothing was written."
    )


class TaskNotDrawn(err.LedgerError):
    title = QT_TRANSLATE_NOOP("Ledger", "The task has not been drawn")
    body = QT_TRANSLATE_NOOP(
        "Ledger",
        "The inspection task {task} has not been drawn yet, so it has no draw record. Tasks with a draw: {tasks}. "
        "Nothing was written.",
    )


def check_month(text: str) -> str:
    """``text`` if it names a month as ``YYYY-MM`` (a year the calendar knows); else :class:`BadMonth`."""
    match = MONTH.fullmatch(text.strip())
    try:
        if match is None:
            raise ValueError(text)
        next_month(date(int(match.group(1)), int(match.group(2)), 1))
    except (ValueError, OverflowError):
        raise BadMonth(month=text) from None
    return text.strip()


def previous_month(today: date) -> str:
    """The month before ``today``'s, as ``YYYY-MM`` (what a monthly report is usually made for)."""
    last_day = today.replace(day=1).toordinal() - 1
    return date.fromordinal(last_day).strftime("%Y-%m")


@dataclass(frozen=True)
class DrawnTask:
    """A task whose draw can be exported."""

    id: str
    number: str
    name: str
    drawn_at: datetime


@dataclass(frozen=True)
class LedgerExportResult:
    kind: str
    path: Path
    rows: int
    masked: bool
    """Whether personal data was masked (always, for the ledgers that hold none)."""
    operators: int | None = None
    """How many operators the register's rows belong to (the register only)."""


class LedgerExports:
    """Every ledger export over an open station database."""

    def __init__(self, db: Database, translate: Translate = untranslated) -> None:
        self._db = db
        self._translate = translate

    def station_name(self) -> str:
        with self._db.reader() as session:
            return str(session.scalar(select(Station.name).limit(1)) or "")

    def drawn_tasks(self) -> list[DrawnTask]:
        """The tasks that have a draw, by number."""
        with self._db.reader() as session:
            rows = session.execute(
                select(InspectionTask.id, InspectionTask.number, InspectionTask.name, TaskDraw.drawn_at)
                .join(TaskDraw, TaskDraw.task_id == InspectionTask.id)
                .order_by(InspectionTask.number)
            ).all()
        return [DrawnTask(*row) for row in rows]

    def _drawn_task_id(self, ref: str | None) -> str | None:
        """The id of the task ``ref`` (number or id), ``None`` for every drawn task; refuses what has no draw."""
        drawn = self.drawn_tasks()
        if not drawn:
            raise NothingDrawn()
        if ref is None:
            return None
        ref = ref.strip()
        numbers = "、".join(t.number for t in drawn)
        for task in drawn:
            if ref in (task.number, task.id):
                return task.id
        with self._db.reader() as session:
            known = session.scalar(
                select(InspectionTask.number).where(or_(InspectionTask.number == ref, InspectionTask.id == ref))
            )
        if known is not None:
            raise TaskNotDrawn(task=known, tasks=numbers)
        raise UnknownTask(task=ref, tasks=numbers)

    def export(
        self,
        kind: str,
        path: Path,
        *,
        month: str | None = None,
        task: str | None = None,
        include_personal_data: bool = False,
        actor: Actor | None = None,
        progress: Progress | None = None,
    ) -> LedgerExportResult:
        """Write the ledger ``kind`` (one of :data:`EXPORT_KINDS`) to ``path``.

        ``month`` limits the inspection records and the results to one month and names the month of the monthly
        report (this month when ``None``); ``task`` narrows the draw record to one task. Personal data goes in full
        only for :data:`PERSONAL_KINDS`, and is then recorded in the audit log."""
        if kind not in EXPORT_KINDS:
            raise ValueError(kind)
        month = check_month(month) if month is not None else None
        personal = include_personal_data and kind in PERSONAL_KINDS
        progress = progress or Progress.none()
        if kind == "registry":
            done = export_registry(
                self._db,
                path,
                include_personal_data=personal,
                actor=actor,
                station_name=self.station_name(),
                translate=self._translate,
                progress=progress,
            )
            return LedgerExportResult(kind, done.path, done.rows, done.masked, done.operators)
        if kind == "inspections":
            rows = ledgers.export_inspections(
                self._db, path, month=month, include_personal_data=personal, progress=progress
            )
        elif kind == "results":
            rows = ledgers.export_results(self._db, path, month=month, progress=progress)
        elif kind == "rectifications":
            rows = ledgers.export_rectifications(self._db, path, progress=progress)
        elif kind == "draw":
            task_id = self._drawn_task_id(task)
            rows = ledgers.export_draw(self._db, path, task=task_id, include_personal_data=personal, progress=progress)
        else:
            rows = ledgers.export_monthly(
                self._db, path, month=month or date.today().strftime("%Y-%m"), progress=progress
            )
        if personal:
            self._audit(kind, path, actor)
        return LedgerExportResult(kind, path, rows, masked=not personal)

    def _audit(self, kind: str, path: Path, actor: Actor | None) -> None:
        reason = self._translate("Ledger", T_AUDIT).format(ledger=AUDITED_NAMES[kind], file=path.name)
        with self._db.transaction() as session:
            audit(session, actor, "export", str(uuid.uuid4()), "export", after=str(path), reason=reason)
