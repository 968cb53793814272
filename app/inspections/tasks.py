"""Inspection tasks and their 双随机 draw: create a task, preview its pool, draw once, verify and export the draw.

A task is drawn at most once: the draw stores its seed, the desk's time, the candidate pool, the officer pool and
the conflicts (each as canonical JSON with its SHA-256), and the result; ``verify`` recomputes the draw from what
was stored (see app/inspections/draw.py for the algorithm) and compares.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.audit import audit
from app.errors import NotFound, ValidationFailed
from app.i18n import QT_TRANSLATE_NOOP
from app.inspections import draw as algo
from app.inspections import findings as f
from app.inspections.canonical import canonical_json, sha256_hex
from app.inspections.common import get
from app.inspections.data import (
    DrawSummary,
    DrawVerification,
    PoolPreview,
    SampleSpec,
    TargetFilter,
    TaskDetail,
    TaskDraft,
    TaskRow,
    TaskTargetRecord,
)
from app.records import Actor
from app.validation import Finding
from app.vocab import CreditClass
from localdb.database import Database
from localdb.inspection_models import (
    FINALIZED,
    ChecklistTemplate,
    Inspection,
    InspectionTask,
    OfficerConflict,
    TaskDraw,
    TaskTarget,
)
from localdb.models import Officer, Operator
from localdb.operator_queries import OperatorFilter, filter_conditions

CREDIT_CLASSES = frozenset({"", *(c.value for c in CreditClass)})

# Problems verify-draw reports (context "Inspections"; the CLI translates them).
P_POOL_HASH = QT_TRANSLATE_NOOP("Inspections", "The stored candidate pool does not match its SHA-256.")
P_OFFICERS_HASH = QT_TRANSLATE_NOOP("Inspections", "The stored officer pool does not match its SHA-256.")
P_CONFLICTS_HASH = QT_TRANSLATE_NOOP("Inspections", "The stored conflicts of interest do not match their SHA-256.")
P_RESULT_HASH = QT_TRANSLATE_NOOP("Inspections", "The stored result does not match its SHA-256.")
P_RESULT_DIFFERS = QT_TRANSLATE_NOOP(
    "Inspections", "Recomputing the draw from its seed and pools gives a different result than the one stored."
)
P_TARGETS_DIFFER = QT_TRANSLATE_NOOP(
    "Inspections", "The task's list of drawn operators and officers differs from the stored result."
)
P_ALGORITHM = QT_TRANSLATE_NOOP("Inspections", "The draw was made with an algorithm this version does not know.")
P_NOT_DRAWN = QT_TRANSLATE_NOOP("Inspections", "The task has not been drawn yet.")


def check_sample(sample: SampleSpec) -> list[Finding]:
    """Findings about how many objects a task draws (field ``sample``)."""
    found: list[Finding] = []
    has_percent = sample.percent is not None or sample.stratified
    if sample.count is None and not has_percent:
        return [f.error("sample", "sample.none", f.T_SAMPLE_NONE)]
    if sample.count is not None and has_percent:
        return [f.error("sample", "sample.both", f.T_SAMPLE_BOTH)]
    if sample.count is not None and sample.count < 1:
        found.append(f.error("sample", "sample.count", f.T_SAMPLE_COUNT))
    percents = [sample.percent] if sample.percent is not None else []
    percents += list(sample.percent_by_class.values())
    for value in percents:
        if not (Decimal(0) < value <= Decimal(100)):
            found.append(f.error("sample", "sample.percent", f.T_SAMPLE_PERCENT, value=algo.decimal_text(value)))
    for key in sample.percent_by_class:
        if key not in CREDIT_CLASSES:
            found.append(f.error("sample", "sample.class", f.T_SAMPLE_CLASS, value=key))
    return found


def candidate_pool(session: Session, target: TargetFilter) -> list[tuple[str, str]]:
    """``(operator_id, credit_class)`` of every live operator matching ``target``, ordered by id."""
    flt = OperatorFilter(
        subject_type=target.subject_type,
        carrier_kind=target.carrier_kind,
        platform=target.platform,
        credit_class=target.credit_class,
    )
    stmt = select(Operator.id, Operator.credit_class).where(*filter_conditions(flt)).order_by(Operator.id)
    return [(row[0], row[1] or "") for row in session.execute(stmt)]


def officer_pool(session: Session) -> list[str]:
    """Ids of the officers a draw may pick: active, not deleted, with a 执法证号; ordered."""
    stmt = (
        select(Officer.id)
        .where(Officer.active.is_(True), Officer.deleted_at.is_(None), func.trim(Officer.cert_no) != "")
        .order_by(Officer.id)
    )
    return list(session.scalars(stmt))


def conflict_pairs(session: Session, officers: Sequence[str], pool_ids: set[str]) -> list[tuple[str, str]]:
    """Live ``(officer_id, operator_id)`` conflicts among these officers and operators, ordered."""
    if not officers:
        return []
    stmt = select(OfficerConflict.officer_id, OfficerConflict.operator_id).where(
        OfficerConflict.deleted_at.is_(None), OfficerConflict.officer_id.in_(list(officers))
    )
    return sorted({(o, op) for o, op in session.execute(stmt) if op in pool_ids})


def _task_draft(task: InspectionTask) -> TaskDraft:
    return TaskDraft(
        number=task.number,
        name=task.name,
        template_id=task.template_id,
        sample=algo.parse_sample(json.loads(task.sample_spec)),
        target=algo.parse_target(json.loads(task.target_filter)),
        due_date=task.due_date,
        notes=task.notes,
    )


def _summary(draw: TaskDraw) -> DrawSummary:
    result = json.loads(draw.result)
    return DrawSummary(
        id=draw.id,
        algorithm=draw.algorithm,
        seed=draw.seed,
        drawn_at=draw.drawn_at,
        drawn_by_name=draw.drawn_by_name,
        pool_size=draw.pool_size,
        pool_hash=draw.pool_hash,
        officers_hash=draw.officers_hash,
        conflicts_hash=draw.conflicts_hash,
        result_hash=draw.result_hash,
        picked=len(result),
        unassigned=sum(1 for entry in result if len(entry["officers"]) < 2),
    )


def find_task(session: Session, ref: str) -> InspectionTask:
    """A task by id or by number, or :class:`NotFound`."""
    task = (
        session.get(InspectionTask, ref)
        or session.scalars(select(InspectionTask).where(InspectionTask.number == ref.strip())).first()
    )
    if task is None:
        raise NotFound(ref)
    return task


class TaskService:
    """Creates, edits, lists and closes inspection tasks."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def check(self, draft: TaskDraft, task_id: str | None = None) -> list[Finding]:
        """Validate a task without saving (the dialog shows each finding next to its field)."""
        with self._db.reader() as session:
            return self._check(session, draft, task_id)

    @staticmethod
    def _check(session: Session, draft: TaskDraft, task_id: str | None) -> list[Finding]:
        found: list[Finding] = []
        number = draft.number.strip()
        if not number:
            found.append(f.error("number", "task.number", f.T_TASK_NUMBER))
        else:
            other = session.scalar(
                select(InspectionTask.id).where(InspectionTask.number == number, InspectionTask.id != (task_id or ""))
            )
            if other is not None:
                found.append(f.error("number", "task.number_taken", f.T_TASK_NUMBER_TAKEN, number=number))
        if not draft.name.strip():
            found.append(f.error("name", "task.name", f.T_TASK_NAME))
        if not draft.template_id or session.get(ChecklistTemplate, draft.template_id) is None:
            found.append(f.error("template", "task.template", f.T_TASK_TEMPLATE))
        found.extend(check_sample(draft.sample))
        if draft.target.credit_class and draft.target.credit_class not in CREDIT_CLASSES:
            found.append(f.error("target", "sample.class", f.T_SAMPLE_CLASS, value=draft.target.credit_class))
        return found

    @staticmethod
    def _apply(task: InspectionTask, draft: TaskDraft) -> None:
        task.number = draft.number.strip()
        task.name = draft.name.strip()
        task.template_id = draft.template_id
        task.due_date = draft.due_date
        task.sample_spec = canonical_json(algo.sample_document(draft.sample))
        task.target_filter = canonical_json(algo.target_document(draft.target))
        task.notes = draft.notes.strip()

    def create(self, draft: TaskDraft, actor: Actor) -> str:
        """Add a task; returns its id. Raises :class:`ValidationFailed`; nothing is saved then."""
        with self._db.transaction() as session:
            if errors := self._check(session, draft, None):
                raise ValidationFailed(errors)
            task = InspectionTask(created_by_id=actor.officer_id, created_by_name=actor.name)
            self._apply(task, draft)
            session.add(task)
            session.flush()
            audit(session, actor, "inspection_task", task.id, "create", None, None, task.number)
            return task.id

    def update(self, task_id: str, draft: TaskDraft, actor: Actor) -> None:
        """Edit a task that has not been drawn yet."""
        with self._db.transaction() as session:
            task = get(session, InspectionTask, task_id)
            self._refuse_if_drawn(session, task)
            if errors := self._check(session, draft, task_id):
                raise ValidationFailed(errors)
            before = _task_draft(task)
            self._apply(task, draft)
            if before != draft:
                audit(session, actor, "inspection_task", task.id, "update", None, before.name, task.name)
                if task.change_state == "synced":
                    task.change_state = "modified"

    def close(self, task_id: str, actor: Actor) -> None:
        """Mark the task done (it leaves the "tasks due" count)."""
        with self._db.transaction() as session:
            task = get(session, InspectionTask, task_id)
            if task.state != "closed":
                audit(session, actor, "inspection_task", task.id, "update", "state", task.state, "closed")
                task.state = "closed"
                if task.change_state == "synced":
                    task.change_state = "modified"

    @staticmethod
    def _refuse_if_drawn(session: Session, task: InspectionTask) -> None:
        if task.state == "closed":
            raise ValidationFailed([f.error("record", "task.closed", f.T_TASK_CLOSED)])
        drawn = session.scalars(select(TaskDraw).where(TaskDraw.task_id == task.id)).first()
        if drawn is not None:
            raise ValidationFailed(
                [f.error("record", "task.drawn", f.T_TASK_DRAWN, date=drawn.drawn_at.strftime("%Y-%m-%d %H:%M"))]
            )

    def find(self, ref: str) -> str:
        """The id of the task with this id or number."""
        with self._db.reader() as session:
            return find_task(session, ref).id

    def rows(self, include_closed: bool = False) -> list[TaskRow]:
        """Tasks, due first."""
        with self._db.reader() as session:
            stmt = select(InspectionTask).where(InspectionTask.deleted_at.is_(None))
            if not include_closed:
                stmt = stmt.where(InspectionTask.state != "closed")
            tasks = session.scalars(
                stmt.order_by(InspectionTask.due_date.is_(None), InspectionTask.due_date, InspectionTask.number)
            ).all()
            return [self._row(session, task) for task in tasks]

    @staticmethod
    def _row(session: Session, task: InspectionTask) -> TaskRow:
        template = get(session, ChecklistTemplate, task.template_id)
        targets = session.scalar(select(func.count()).select_from(TaskTarget).where(TaskTarget.task_id == task.id))
        finalized = session.scalar(
            select(func.count(func.distinct(Inspection.task_target_id))).where(
                Inspection.task_id == task.id, Inspection.state == FINALIZED, Inspection.task_target_id.is_not(None)
            )
        )
        return TaskRow(
            id=task.id,
            number=task.number,
            name=task.name,
            template_title=template.title,
            template_version=template.version,
            due_date=task.due_date,
            state=task.state,
            targets=targets or 0,
            finalized=finalized or 0,
        )

    def detail(self, task_id: str) -> TaskDetail:
        """The task, its draw and its drawn objects with their officers and inspection state."""
        with self._db.reader() as session:
            task = get(session, InspectionTask, task_id)
            draw = session.scalars(select(TaskDraw).where(TaskDraw.task_id == task.id)).first()
            officers = dict(session.execute(select(Officer.id, Officer.name)).all())
            inspections: dict[str, tuple[str, str]] = {}
            for target_id, inspection_id, state in session.execute(
                select(Inspection.task_target_id, Inspection.id, Inspection.state)
                .where(Inspection.task_id == task.id, Inspection.deleted_at.is_(None))
                .order_by(Inspection.created_at)
            ):
                if target_id and (target_id not in inspections or state == FINALIZED):
                    inspections[target_id] = (inspection_id, state)
            targets = []
            rows = session.execute(
                select(TaskTarget, Operator.name, Operator.identifier)
                .join(Operator, Operator.id == TaskTarget.operator_id)
                .where(TaskTarget.task_id == task.id)
                .order_by(TaskTarget.position)
            )
            for target, name, identifier in rows:
                ids = tuple(i for i in (target.officer_a_id, target.officer_b_id) if i)
                found = inspections.get(target.id)
                targets.append(
                    TaskTargetRecord(
                        id=target.id,
                        position=target.position,
                        operator_id=target.operator_id,
                        operator_name=name,
                        identifier=identifier,
                        stratum=target.stratum,
                        officer_ids=ids,
                        officer_names=tuple(officers.get(i, "") for i in ids),
                        inspection_id=found[0] if found else None,
                        inspection_state=found[1] if found else None,
                    )
                )
            return TaskDetail(
                self._row(session, task), _task_draft(task), _summary(draw) if draw else None, tuple(targets)
            )


class DrawService:
    """The random draw of a task: preview, draw (once), verify, export."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def preview(self, task_id: str) -> PoolPreview:
        """The candidates the draw would use now and how many per stratum it would pick."""
        with self._db.reader() as session:
            draft = _task_draft(get(session, InspectionTask, task_id))
            pool = candidate_pool(session, draft.target)
            by_class: dict[str, int] = {}
            for _, credit_class in pool:
                by_class[credit_class] = by_class.get(credit_class, 0) + 1
            return PoolPreview(len(pool), by_class, algo.planned(pool, draft.sample), len(officer_pool(session)))

    def draw(self, task_id: str, actor: Actor, seed: str | None = None, now: datetime | None = None) -> DrawSummary:
        """Draw the task's objects and officers (one transaction); a task is drawn only once.

        ``seed`` defaults to 128 random bits from the OS; tests and a public drawing ceremony may pass one.
        Raises :class:`ValidationFailed` (nothing saved) when the task was drawn already, the pool is empty or
        fewer than two officers can be drawn. ``DrawSummary.unassigned`` counts objects that need officers
        assigned by hand because of conflicts (:data:`findings.T_DRAW_UNASSIGNED`).
        """
        seed = seed or secrets.token_hex(16)
        with self._db.transaction() as session:
            task = get(session, InspectionTask, task_id)
            TaskService._refuse_if_drawn(session, task)
            draft = _task_draft(task)
            if errors := check_sample(draft.sample):
                raise ValidationFailed(errors)
            pool = candidate_pool(session, draft.target)
            if not pool:
                raise ValidationFailed([f.error("target", "draw.pool_empty", f.T_POOL_EMPTY)])
            officers = officer_pool(session)
            if len(officers) < 2:
                raise ValidationFailed([f.error("officers", "draw.officers", f.T_DRAW_OFFICERS, count=len(officers))])
            conflicts = conflict_pairs(session, officers, {op for op, _ in pool})
            objects = algo.run(algo.DrawInput(seed, tuple(pool), tuple(officers), frozenset(conflicts), draft.sample))
            pool_text = canonical_json([list(p) for p in pool])
            officers_text = canonical_json(officers)
            conflicts_text = canonical_json([list(c) for c in conflicts])
            result_text = canonical_json(algo.result_document(objects))
            spec = {"sample": algo.sample_document(draft.sample), "target": algo.target_document(draft.target)}
            record = TaskDraw(
                task_id=task.id,
                algorithm=algo.ALGORITHM,
                seed=seed,
                drawn_at=now or datetime.now(),
                drawn_by_id=actor.officer_id,
                drawn_by_name=actor.name,
                spec=canonical_json(spec),
                pool=pool_text,
                pool_size=len(pool),
                pool_hash=sha256_hex(pool_text),
                officers=officers_text,
                officers_hash=sha256_hex(officers_text),
                conflicts=conflicts_text,
                conflicts_hash=sha256_hex(conflicts_text),
                result=result_text,
                result_hash=sha256_hex(result_text),
            )
            session.add(record)
            session.flush()
            for position, drawn in enumerate(objects, start=1):
                officer_ids = [*drawn.officers, None, None]
                session.add(
                    TaskTarget(
                        task_id=task.id,
                        draw_id=record.id,
                        position=position,
                        operator_id=drawn.operator_id,
                        stratum=drawn.stratum,
                        officer_a_id=officer_ids[0],
                        officer_b_id=officer_ids[1],
                    )
                )
            task.state = "drawn"
            audit(session, actor, "inspection_task", task.id, "draw", "result_hash", None, record.result_hash, seed)
            session.flush()
            return _summary(record)

    def export(self, task_ref: str) -> str:
        """The whole draw as canonical JSON (seed, time, pools, conflicts, hashes, result) for publication/audit."""
        with self._db.reader() as session:
            task = find_task(session, task_ref)
            draw = session.scalars(select(TaskDraw).where(TaskDraw.task_id == task.id)).first()
            if draw is None:
                raise NotFound(task_ref)
            doc: dict[str, Any] = {
                "task": {"id": task.id, "number": task.number, "name": task.name},
                "algorithm": draw.algorithm,
                "seed": draw.seed,
                "drawn_at": draw.drawn_at,
                "drawn_by": draw.drawn_by_name,
                "spec": json.loads(draw.spec),
                "pool": json.loads(draw.pool),
                "pool_hash": draw.pool_hash,
                "officers": json.loads(draw.officers),
                "officers_hash": draw.officers_hash,
                "conflicts": json.loads(draw.conflicts),
                "conflicts_hash": draw.conflicts_hash,
                "result": json.loads(draw.result),
                "result_hash": draw.result_hash,
            }
            return canonical_json(doc)

    def verify(self, task_ref: str) -> DrawVerification:
        """Recompute the draw of a task (by id or number) from what was stored and compare.

        Raises :class:`NotFound` for an unknown task; a task not drawn yet does not match.
        """
        with self._db.reader() as session:
            task = find_task(session, task_ref)
            draw = session.scalars(select(TaskDraw).where(TaskDraw.task_id == task.id)).first()
            if draw is None:
                return DrawVerification(task.id, task.number, False, (P_NOT_DRAWN,), True)
            problems: list[str] = []
            if draw.algorithm != algo.ALGORITHM:
                problems.append(P_ALGORITHM)
            for text, digest, problem in (
                (draw.pool, draw.pool_hash, P_POOL_HASH),
                (draw.officers, draw.officers_hash, P_OFFICERS_HASH),
                (draw.conflicts, draw.conflicts_hash, P_CONFLICTS_HASH),
                (draw.result, draw.result_hash, P_RESULT_HASH),
            ):
                if sha256_hex(text) != digest:
                    problems.append(problem)
            pool = [(str(p[0]), str(p[1])) for p in json.loads(draw.pool)]
            officers = [str(o) for o in json.loads(draw.officers)]
            conflicts = frozenset((str(c[0]), str(c[1])) for c in json.loads(draw.conflicts))
            spec = json.loads(draw.spec)
            sample = algo.parse_sample(spec["sample"])
            objects = algo.run(algo.DrawInput(draw.seed, tuple(pool), tuple(officers), conflicts, sample))
            recomputed = algo.result_document(objects)
            if canonical_json(recomputed) != draw.result:
                problems.append(P_RESULT_DIFFERS)
            stored_targets = [
                {
                    "operator_id": t.operator_id,
                    "stratum": t.stratum,
                    "officers": [i for i in (t.officer_a_id, t.officer_b_id) if i],
                }
                for t in session.scalars(
                    select(TaskTarget).where(TaskTarget.task_id == task.id).order_by(TaskTarget.position)
                )
            ]
            if stored_targets != json.loads(draw.result):
                problems.append(P_TARGETS_DIFFER)
            current = set(candidate_pool(session, algo.parse_target(spec["target"])))
            stored = set(pool)
            return DrawVerification(
                task_id=task.id,
                task_number=task.number,
                matches=not problems,
                problems=tuple(problems),
                registry_unchanged=current == stored,
                pool_added=len(current - stored),
                pool_removed=len(stored - current),
            )
