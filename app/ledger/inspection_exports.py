"""The inspection ledgers: inspection records, 抽查结果 for publication, the rectification ledger, the draw record
and the monthly statistics report.

Each is written like the registry export (:mod:`app.ledger.export`): openpyxl write-only, a merged title row, a
bold filled header row frozen below it with a filter, column widths, and every text that a spreadsheet could run
as a formula written as text (:mod:`app.ledger.xlsx`). Each file goes through
:func:`app.ledger.export.ledger_workbook` (target checked first, a temporary file renamed at the end, clear
messages) and reports progress, so it can be cancelled without leaving anything behind. Sheet names, titles,
column headers and the official wording (result categories, follow-up measures, methods) are ledger data in
Chinese, written verbatim.

Personal data: resident ID numbers are masked in the inspection records and the draw record unless
``include_personal_data`` is passed (:mod:`app.ledger.export_service` then records the export in the audit log);
the 抽查结果 for publication carries no personal data at all (a natural person's ID number is left out whatever the
caller asks).

Counting (the monthly report and the month filter): finalized records whose inspection *ended* in the month; a
record replaced by a finalized amendment counts once (as its amendment), as on the dashboard.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.inspections.dashboard import next_month
from app.inspections.rectification import DUE_SOON_DAYS, status_of
from app.inspections.vocabulary import NONCONFORMS, PROBLEM_RESULTS
from app.ledger.export import ledger_workbook
from app.ledger.fields import CARRIER_KIND_WORDS
from app.ledger.xlsx import (
    HEADER_ALIGNMENT,
    HEADER_BORDER,
    HEADER_FILL,
    HEADER_FONT,
    TITLE_ALIGNMENT,
    TITLE_FONT,
    mask_resident_id,
    safe_value,
    styled,
)
from app.progress import Progress
from localdb.database import Database
from localdb.inspection_models import (
    FINALIZED,
    ChecklistItem,
    Inspection,
    InspectionAnswer,
    InspectionOfficer,
    InspectionTask,
    Rectification,
    TaskDraw,
    TaskTarget,
)
from localdb.models import Carrier, Officer, Operator, Station

PROGRESS_EVERY: Final = 200
"""Rows between two progress steps (each is a chance to cancel)."""

TRANSFERRED: Final = "发现案件线索，固定证据后移送办案机构"
"""The follow-up measure that transfers a case (移送) to the case-handling body."""
NO_CARRIER: Final = "未关联载体"
SEPARATOR: Final = "；"

KIND_WORDS: Final[dict[str, str]] = {
    "random": "双随机抽查",
    "targeted": "定向检查",
    "complaint": "投诉举报核查",
    "campaign": "专项检查",
    "reinspection": "复查",
}
STATE_WORDS: Final[dict[str, str]] = {"draft": "草稿", "finalized": "已定稿"}
SUPERSEDED_WORD: Final = "已被更正记录替代"
RECTIFICATION_WORDS: Final[dict[str, str]] = {
    "open": "整改中",
    "due_soon": "即将到期",
    "overdue": "已逾期",
    "closed": "已整改",
}


@dataclass(frozen=True)
class Column:
    header: str
    width: float


# -- the shared layout ------------------------------------------------------------------------------------------
def _sheet(workbook: Workbook, name: str, title: str, columns: Sequence[Column]) -> Any:
    """A write-only sheet with widths, frozen header, the merged title row and the header row."""
    ws = workbook.create_sheet(name)
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = "A3"
    ws.merged_cells.add(f"A1:{get_column_letter(len(columns))}1")
    ws.row_dimensions[1].height = 30
    ws.row_dimensions[2].height = 30
    ws.append([styled(ws, title, font=TITLE_FONT, alignment=TITLE_ALIGNMENT)])
    ws.append(
        [
            styled(ws, c.header, font=HEADER_FONT, fill=HEADER_FILL, border=HEADER_BORDER, alignment=HEADER_ALIGNMENT)
            for c in columns
        ]
    )
    return ws


def _write_rows(
    ws: Any, columns: Sequence[Column], rows: Iterable[Sequence[Any]], progress: Progress, total: int
) -> int:
    """Append ``rows`` (formula-like text as text cells), reporting progress out of ``total``, and set the filter;
    returns how many were written."""
    count = 0
    progress.step(0, max(total, 1))
    for row in rows:
        ws.append([safe_value(ws, value) for value in row])
        count += 1
        if count % PROGRESS_EVERY == 0:
            progress.step(count, max(total, 1))
    ws.auto_filter.ref = f"A2:{get_column_letter(len(columns))}{count + 2}"
    return count


def _period(month: str | None) -> tuple[datetime, datetime] | None:
    if month is None:
        return None
    first = date.fromisoformat(f"{month}-01")
    return datetime.combine(first, time()), datetime.combine(next_month(first), time())


def _month_words(month: str | None) -> str:
    if month is None:
        return ""
    year, number = month.split("-")
    return f"（{year}年{int(number)}月）"


def _station(session: Session) -> str:
    return str(session.scalar(select(Station.name).limit(1)) or "")


def _joined(raw: str) -> str:
    return SEPARATOR.join(json.loads(raw or "[]"))


def _superseded(session: Session) -> set[str]:
    return set(
        session.scalars(
            select(Inspection.amends_id).where(
                Inspection.state == FINALIZED, Inspection.amends_id.is_not(None), Inspection.deleted_at.is_(None)
            )
        )
    )


def _identifier(identifier_type: str, identifier: str, include_personal_data: bool) -> str:
    if identifier_type == "resident_id" and identifier and not include_personal_data:
        return mask_resident_id(identifier)
    return identifier


def _counted(session: Session, month: str | None) -> list[Inspection]:
    """Finalized, live, not superseded records ended in ``month`` (every month when ``None``), oldest first."""
    stmt = select(Inspection).where(Inspection.state == FINALIZED, Inspection.deleted_at.is_(None))
    period = _period(month)
    if period is not None:
        stmt = stmt.where(Inspection.ended_at >= period[0], Inspection.ended_at < period[1])
    superseded = _superseded(session)
    records = session.scalars(stmt.order_by(Inspection.ended_at, Inspection.id)).all()
    return [r for r in records if r.id not in superseded and r.ended_at is not None]


# -- inspection records -----------------------------------------------------------------------------------------
INSPECTION_COLUMNS: Final = (
    Column("序号", 6),
    Column("任务编号", 14),
    Column("检查类型", 12),
    Column("检查对象", 28),
    Column("统一社会信用代码/证件号码", 22),
    Column("检查载体", 30),
    Column("检查人员", 16),
    Column("执法证号", 22),
    Column("检查开始时间", 18),
    Column("检查结束时间", 18),
    Column("检查地点", 22),
    Column("核查方式", 18),
    Column("检查结果", 30),
    Column("后续处置措施", 24),
    Column("处置说明", 28),
    Column("整改期限", 12),
    Column("记录状态", 12),
)


def _officers(session: Session, ids: list[str]) -> dict[str, list[tuple[str, str]]]:
    """Per record, its officers in order with name and 执法证号 (live for drafts, the snapshot when finalized)."""
    found: dict[str, list[tuple[str, str]]] = {}
    rows = session.execute(
        select(InspectionOfficer, Inspection.state, Officer.name, Officer.cert_no)
        .join(Inspection, Inspection.id == InspectionOfficer.inspection_id)
        .outerjoin(Officer, Officer.id == InspectionOfficer.officer_id)
        .where(InspectionOfficer.inspection_id.in_(ids))
        .order_by(InspectionOfficer.inspection_id, InspectionOfficer.position)
    )
    for link, state, live_name, live_cert in rows:
        draft = state != FINALIZED and live_name is not None
        name = live_name if draft else link.name
        cert = live_cert if draft else link.cert_no
        found.setdefault(link.inspection_id, []).append((name or "", cert or ""))
    return found


def export_inspections(
    db: Database,
    path: Path,
    *,
    month: str | None = None,
    include_personal_data: bool = False,
    progress: Progress | None = None,
) -> int:
    progress = progress or Progress.none()
    with ledger_workbook(path, progress) as workbook, db.reader() as session:
        stmt = select(Inspection).where(Inspection.deleted_at.is_(None))
        period = _period(month)
        if period is not None:
            stmt = stmt.where(Inspection.ended_at >= period[0], Inspection.ended_at < period[1])
        records = session.scalars(
            stmt.order_by(Inspection.ended_at.is_(None), Inspection.ended_at, Inspection.started_at, Inspection.id)
        ).all()
        officers = _officers(session, [r.id for r in records])
        numbers = dict(session.execute(select(InspectionTask.id, InspectionTask.number)).all())
        superseded = _superseded(session)
        title = f"{_station(session)}检查记录台账{_month_words(month)}"

        def rows() -> Iterable[list[Any]]:
            for n, r in enumerate(records, start=1):
                people = officers.get(r.id, [])
                state = SUPERSEDED_WORD if r.id in superseded else STATE_WORDS.get(r.state, r.state)
                yield [
                    n,
                    numbers.get(r.task_id or "", ""),
                    KIND_WORDS.get(r.kind, r.kind),
                    r.subject_name,
                    _identifier(r.subject_identifier_type, r.subject_identifier, include_personal_data),
                    r.carrier_summary,
                    "、".join(p[0] for p in people),
                    "、".join(p[1] for p in people),
                    r.started_at,
                    r.ended_at,
                    r.place,
                    _joined(r.methods),
                    _joined(r.result_categories),
                    r.follow_up,
                    r.follow_up_note,
                    r.rectification_deadline,
                    state,
                ]

        ws = _sheet(workbook, "检查记录", title, INSPECTION_COLUMNS)
        return _write_rows(ws, INSPECTION_COLUMNS, rows(), progress, len(records))


# -- 抽查结果 for publication --------------------------------------------------------------------------------------
RESULT_COLUMNS: Final = (
    Column("序号", 6),
    Column("抽查任务编号", 16),
    Column("抽查任务名称", 28),
    Column("检查对象名称", 30),
    Column("统一社会信用代码/注册号", 24),
    Column("检查结果", 36),
    Column("检查完成日期", 14),
)


def export_results(db: Database, path: Path, *, month: str | None = None, progress: Progress | None = None) -> int:
    """The results of 双随机 task inspections, as published: no personal data (a resident ID is left out)."""
    progress = progress or Progress.none()
    with ledger_workbook(path, progress) as workbook, db.reader() as session:
        tasks = {t.id: t for t in session.scalars(select(InspectionTask))}
        records = [r for r in _counted(session, month) if r.task_id in tasks]
        records.sort(key=lambda r: (tasks[r.task_id or ""].number, r.ended_at or datetime.min, r.id))
        title = f"{_station(session)}双随机抽查结果{_month_words(month)}"

        def rows() -> Iterable[list[Any]]:
            for n, r in enumerate(records, start=1):
                task = tasks[r.task_id or ""]
                public = "" if r.subject_identifier_type == "resident_id" else r.subject_identifier
                yield [
                    n,
                    task.number,
                    task.name,
                    r.subject_name,
                    public,
                    _joined(r.result_categories),
                    r.ended_at.date() if r.ended_at else None,
                ]

        ws = _sheet(workbook, "抽查结果", title, RESULT_COLUMNS)
        return _write_rows(ws, RESULT_COLUMNS, rows(), progress, len(records))


# -- the rectification ledger -----------------------------------------------------------------------------------
RECTIFICATION_COLUMNS: Final = (
    Column("序号", 6),
    Column("检查对象", 28),
    Column("检查载体", 30),
    Column("不符合项目", 40),
    Column("整改要求", 30),
    Column("原定整改期限", 14),
    Column("整改期限", 12),
    Column("延期次数", 10),
    Column("整改状态", 12),
    Column("完结时间", 18),
    Column("完结说明", 24),
)


def export_rectifications(
    db: Database, path: Path, *, today: date | None = None, progress: Progress | None = None
) -> int:
    today = today or date.today()
    progress = progress or Progress.none()
    with ledger_workbook(path, progress) as workbook, db.reader() as session:
        rects = session.scalars(
            select(Rectification)
            .where(Rectification.deleted_at.is_(None))
            .order_by(Rectification.deadline, Rectification.id)
        ).all()
        origins = {
            r.id: r
            for r in session.scalars(select(Inspection).where(Inspection.id.in_([x.inspection_id for x in rects])))
        }
        questions: dict[tuple[str, str], str] = {}
        for template_id, code, question in session.execute(
            select(ChecklistItem.template_id, ChecklistItem.code, ChecklistItem.question)
        ):
            questions[(template_id, code)] = question
        title = f"{_station(session)}责令整改台账"

        def rows() -> Iterable[list[Any]]:
            for n, rect in enumerate(rects, start=1):
                origin = origins[rect.inspection_id]
                items = [
                    f"{code} {questions.get((origin.template_id, code), '')}".strip()
                    for code in json.loads(rect.item_codes or "[]")
                ]
                status = status_of(rect, today, DUE_SOON_DAYS)
                yield [
                    n,
                    origin.subject_name,
                    origin.carrier_summary,
                    SEPARATOR.join(items),
                    rect.requirement,
                    rect.original_deadline,
                    rect.deadline,
                    rect.extensions,
                    RECTIFICATION_WORDS.get(status, status),
                    rect.closed_at,
                    rect.close_note,
                ]

        ws = _sheet(workbook, "整改台账", title, RECTIFICATION_COLUMNS)
        return _write_rows(ws, RECTIFICATION_COLUMNS, rows(), progress, len(rects))


# -- the draw record --------------------------------------------------------------------------------------------
DRAW_FACT_COLUMNS: Final = (
    Column("任务编号", 16),
    Column("任务名称", 28),
    Column("抽取算法", 16),
    Column("随机种子", 36),
    Column("抽取时间", 18),
    Column("抽取人", 10),
    Column("检查对象库数量", 12),
    Column("检查对象库哈希(SHA-256)", 66),
    Column("执法人员库哈希(SHA-256)", 66),
    Column("回避关系哈希(SHA-256)", 66),
    Column("抽取结果哈希(SHA-256)", 66),
)
DRAW_OBJECT_COLUMNS: Final = (
    Column("任务编号", 16),
    Column("序号", 6),
    Column("检查对象", 28),
    Column("统一社会信用代码/证件号码", 22),
    Column("信用分类", 10),
    Column("检查人员一", 10),
    Column("执法证号", 16),
    Column("检查人员二", 10),
    Column("执法证号 ", 16),
)


def export_draw(
    db: Database,
    path: Path,
    *,
    task: str | None = None,
    include_personal_data: bool = False,
    progress: Progress | None = None,
) -> int:
    """The draw of ``task`` (number or id), or of every drawn task: its facts and its drawn objects with their
    officers; returns how many objects were written."""
    progress = progress or Progress.none()
    with ledger_workbook(path, progress) as workbook, db.reader() as session:
        stmt = select(TaskDraw, InspectionTask).join(InspectionTask, InspectionTask.id == TaskDraw.task_id)
        if task is not None:
            stmt = stmt.where((InspectionTask.number == task) | (InspectionTask.id == task))
        draws = session.execute(stmt.order_by(InspectionTask.number)).all()
        officers = {o.id: o for o in session.scalars(select(Officer))}
        station = _station(session)
        facts = _sheet(workbook, "抽取记录", f"{station}双随机抽取记录", DRAW_FACT_COLUMNS)
        _write_rows(
            facts,
            DRAW_FACT_COLUMNS,
            (
                [
                    t.number,
                    t.name,
                    d.algorithm,
                    d.seed,
                    d.drawn_at,
                    d.drawn_by_name,
                    d.pool_size,
                    d.pool_hash,
                    d.officers_hash,
                    d.conflicts_hash,
                    d.result_hash,
                ]
                for d, t in draws
            ),
            Progress.none(),
            len(draws),
        )
        drawn = session.scalar(
            select(func.count()).select_from(TaskTarget).where(TaskTarget.task_id.in_([t.id for _, t in draws]))
        )

        def objects() -> Iterable[list[Any]]:
            for _, t in draws:
                for target, operator in session.execute(
                    select(TaskTarget, Operator)
                    .join(Operator, Operator.id == TaskTarget.operator_id)
                    .where(TaskTarget.task_id == t.id)
                    .order_by(TaskTarget.position)
                ):
                    pair: list[Any] = []
                    for officer_id in (target.officer_a_id, target.officer_b_id):
                        officer = officers.get(officer_id or "")
                        pair.extend([officer.name, officer.cert_no] if officer else ["", ""])
                    yield [
                        t.number,
                        target.position,
                        operator.name,
                        _identifier(operator.identifier_type, operator.identifier or "", include_personal_data),
                        target.stratum,
                        *pair,
                    ]

        ws = _sheet(workbook, "抽取结果", f"{station}双随机抽取结果", DRAW_OBJECT_COLUMNS)
        return _write_rows(ws, DRAW_OBJECT_COLUMNS, objects(), progress, drawn or 0)


# -- the monthly statistics report ------------------------------------------------------------------------------
MONTHLY_COLUMNS: Final = (Column("统计项目", 36), Column("数量", 12), Column("单位", 8))


@dataclass(frozen=True)
class MonthlyFigures:
    month: str
    inspections: int
    by_carrier_kind: dict[str, int]
    """Inspections per carrier kind (Chinese word; :data:`NO_CARRIER` for records without a carrier)."""
    officers: int
    operators: int
    problems: int
    transferred: int
    rectifications_opened: int
    rectifications_closed: int


def monthly_figures(db: Database, month: str) -> MonthlyFigures:
    """The counts of the monthly statistics report (see the module documentation for what is counted)."""
    first, after = _period(month) or (datetime.min, datetime.max)
    with db.reader() as session:
        records = _counted(session, month)
        ids = [r.id for r in records]
        kinds = dict(
            session.execute(
                select(Carrier.id, Carrier.kind).where(Carrier.id.in_({r.carrier_id for r in records if r.carrier_id}))
            ).all()
        )
        failed = set(
            session.scalars(
                select(InspectionAnswer.inspection_id).where(
                    InspectionAnswer.inspection_id.in_(ids), InspectionAnswer.value == NONCONFORMS
                )
            )
        )
        officers = set(
            session.scalars(select(InspectionOfficer.officer_id).where(InspectionOfficer.inspection_id.in_(ids)))
        )
        live = Rectification.deleted_at.is_(None)
        opened = session.scalars(select(Rectification.id).where(live, Rectification.inspection_id.in_(ids))).all()
        closed = session.scalars(
            select(Rectification.id).where(
                live, Rectification.state == "closed", Rectification.closed_at >= first, Rectification.closed_at < after
            )
        ).all()
        by_kind: dict[str, int] = {word: 0 for word in CARRIER_KIND_WORDS.values()}
        problems = transferred = 0
        for r in records:
            kind = kinds.get(r.carrier_id or "")
            word = CARRIER_KIND_WORDS.get(kind, kind) if kind else NO_CARRIER
            by_kind[word] = by_kind.get(word, 0) + 1
            problems += r.id in failed or bool(PROBLEM_RESULTS & set(json.loads(r.result_categories or "[]")))
            transferred += r.follow_up == TRANSFERRED
        operators = len({r.operator_id for r in records})
    return MonthlyFigures(
        month=month,
        inspections=len(records),
        by_carrier_kind=by_kind,
        officers=len(officers),
        operators=operators,
        problems=problems,
        transferred=transferred,
        rectifications_opened=len(opened),
        rectifications_closed=len(closed),
    )


def export_monthly(db: Database, path: Path, *, month: str, progress: Progress | None = None) -> int:
    """The monthly statistics report of ``month`` (YYYY-MM); returns how many figures were written."""
    progress = progress or Progress.none()
    with ledger_workbook(path, progress) as workbook:
        progress.step(0, 1)
        figures = monthly_figures(db, month)
        with db.reader() as session:
            station = _station(session)
        rows: list[list[Any]] = [
            ["检查户次", figures.inspections, "户次"],
            *[[f"其中：{word}", count, "户次"] for word, count in figures.by_carrier_kind.items()],
            ["检查经营主体数", figures.operators, "户"],
            ["出动执法人员数", figures.officers, "人"],
            ["发现问题户次", figures.problems, "户次"],
            ["移送案件线索数", figures.transferred, "件"],
            ["责令限期整改数", figures.rectifications_opened, "件"],
            ["整改完结数", figures.rectifications_closed, "件"],
        ]
        ws = _sheet(workbook, "月度统计", f"{station}网络市场监管月度统计报表{_month_words(month)}", MONTHLY_COLUMNS)
        return _write_rows(ws, MONTHLY_COLUMNS, rows, progress, len(rows))
