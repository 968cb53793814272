"""The figures of the 工作台 (dashboard): today's work at a glance and this month's counts, with per-day counts.

"This month" counts finalized records by the day the inspection ended; a record replaced by a finalized
amendment is counted once (as its amendment). A problem is found when a result category says so or an item was
answered 不符合.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from app.inspections.data import DashboardFigures, DayCount
from app.inspections.rectification import DUE_SOON_DAYS, OVERDUE, status_of
from app.inspections.vocabulary import NONCONFORMS, PROBLEM_RESULTS
from localdb.database import Database
from localdb.inspection_models import (
    DRAFT,
    FINALIZED,
    Inspection,
    InspectionAnswer,
    InspectionTask,
    Rectification,
    TaskTarget,
)


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


class DashboardService:
    """Counts for the dashboard; read-only."""

    def __init__(self, db: Database, due_soon_days: int = DUE_SOON_DAYS) -> None:
        self._db = db
        self.due_soon_days = due_soon_days

    def figures(self, today: date | None = None) -> DashboardFigures:
        today = today or date.today()
        soon = today + timedelta(days=self.due_soon_days)
        with self._db.reader() as session:
            drafts = (
                session.scalar(
                    select(func.count())
                    .select_from(Inspection)
                    .where(Inspection.state == DRAFT, Inspection.deleted_at.is_(None))
                )
                or 0
            )
            not_uploaded = (
                session.scalar(
                    select(func.count())
                    .select_from(Inspection)
                    .where(
                        Inspection.state == FINALIZED,
                        Inspection.deleted_at.is_(None),
                        Inspection.change_state != "synced",
                    )
                )
                or 0
            )
            tasks_due = tasks_overdue = 0
            for task in session.scalars(
                select(InspectionTask).where(
                    InspectionTask.state != "closed",
                    InspectionTask.deleted_at.is_(None),
                    InspectionTask.due_date.is_not(None),
                    InspectionTask.due_date <= soon,
                )
            ):
                targets = (
                    session.scalar(select(func.count()).select_from(TaskTarget).where(TaskTarget.task_id == task.id))
                    or 0
                )
                done = (
                    session.scalar(
                        select(func.count(func.distinct(Inspection.task_target_id))).where(
                            Inspection.task_id == task.id, Inspection.state == FINALIZED
                        )
                    )
                    or 0
                )
                if targets and done >= targets:
                    continue
                tasks_due += 1
                if task.due_date is not None and task.due_date < today:
                    tasks_overdue += 1
            rect_open = rect_soon = rect_overdue = 0
            for rect in session.scalars(
                select(Rectification).where(Rectification.state == "open", Rectification.deleted_at.is_(None))
            ):
                rect_open += 1
                status = status_of(rect, today, self.due_soon_days)
                rect_overdue += status == OVERDUE
                rect_soon += status == "due_soon"
            first, after = month_start(today), next_month(today)
            rows = session.execute(
                select(Inspection.id, Inspection.operator_id, Inspection.ended_at, Inspection.result_categories).where(
                    Inspection.state == FINALIZED,
                    Inspection.deleted_at.is_(None),
                    Inspection.ended_at >= datetime.combine(first, time()),
                    Inspection.ended_at < datetime.combine(after, time()),
                )
            ).all()
            superseded = set(
                session.scalars(
                    select(Inspection.amends_id).where(Inspection.state == FINALIZED, Inspection.amends_id.is_not(None))
                )
            )
            failed = set(
                session.scalars(
                    select(InspectionAnswer.inspection_id).where(
                        InspectionAnswer.inspection_id.in_([r[0] for r in rows]), InspectionAnswer.value == NONCONFORMS
                    )
                )
            )
        per_day: dict[date, list[int]] = {}
        operators: set[str] = set()
        problems = inspections = 0
        for inspection_id, operator_id, ended_at, results in rows:
            if inspection_id in superseded or ended_at is None:
                continue
            problem = inspection_id in failed or bool(PROBLEM_RESULTS & set(json.loads(results)))
            inspections += 1
            problems += problem
            operators.add(operator_id)
            counts = per_day.setdefault(ended_at.date(), [0, 0])
            counts[0] += 1
            counts[1] += problem
        last = max(today, first)
        daily = []
        day = first
        while day <= last and day < after:
            counts = per_day.get(day, [0, 0])
            daily.append(DayCount(day, counts[0], counts[1]))
            day += timedelta(days=1)
        return DashboardFigures(
            today=today,
            drafts=drafts,
            tasks_due=tasks_due,
            tasks_overdue=tasks_overdue,
            rectifications_open=rect_open,
            rectifications_due_soon=rect_soon,
            rectifications_overdue=rect_overdue,
            not_uploaded=not_uploaded,
            month_inspections=inspections,
            month_problems=problems,
            month_operators=len(operators),
            daily=tuple(daily),
        )
