"""What the outbox and the pulled documents say about given records: the facts behind every list's sync column.

A record's changes travel as *streams* of outbox entries: the entries about one record (an operator's station
fields, one carrier, one inspection document, one evidence link) and the correction proposals of one operator. The
newest entry of a stream tells whether the last change was taken or refused; entries not answered yet still wait.
A proposal the server took is then decided by the province, which the pull brings as a document. A refusal the
officer has dealt with in the conflict view (app/sync_conflicts.py: an audit entry ``sync_conflict``/``discard``
keyed by the proposal id or ``seq:<outbox seq>``) is marked as such.
The app layer (app/sync_status.py) turns these facts into what an officer reads.

Everything is read set-wise for a page or list of records: one statement per page (the register; plus the
incremental read of :class:`ProposalIndex`), never one per row. The statements are compiled once (:class:`Prepared`)
with the ids as one JSON array read by ``json_each``. The newest entry of each stream comes from SQLite's ``max()``
with bare columns (they take the values of the row that holds the maximum).
"""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    CompoundSelect,
    Integer,
    Select,
    String,
    Subquery,
    and_,
    bindparam,
    case,
    cast,
    exists,
    func,
    literal,
    literal_column,
    null,
    or_,
    select,
    union,
    union_all,
)
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import ClauseElement

from localdb.inspection_models import Inspection, InspectionEvidence
from localdb.models import AuditLog, Carrier, Operator, Station
from localdb.sync_models import APPLIED, PENDING, REJECTED, SENT, OutboxEntry, SyncDocument

SYNCED: Final = "synced"
"""``change_state`` of a record that is as the server last confirmed it."""
WAITING: Final = (PENDING, SENT)
PROPOSAL: Final = "operator_proposal"
DECIDED: Final = ("accepted", "rejected")
"""The province's decisions on a proposal; anything else (``pending``, not pulled yet) is still under review."""
REJECTED_BY_PROVINCE: Final = "rejected"
DISCARD_ENTITY: Final = "sync_conflict"
DISCARD_ACTION: Final = "discard"
CHANGED: Final = "changed"
"""Entity of the marker rows saying a record travelling along (a carrier, an evidence link) has local changes."""
IDS: Final[BindParameter[Any]] = bindparam("ids", type_=String)
"""The records a :class:`Prepared` read is about, as one JSON array."""
PROPOSAL_SEQS: Final[BindParameter[Any]] = bindparam("proposal_seqs", type_=String)
"""The outbox seqs of the listed operators' proposals (:class:`ProposalIndex`), as one JSON array."""
CARRIER_IDS: Final[BindParameter[Any]] = bindparam("carrier_ids", type_=String)
"""The ids of the listed operators' carriers, as one JSON array."""
AFTER: Final[BindParameter[Any]] = bindparam("after", type_=Integer)

Column = ColumnElement[Any] | InstrumentedAttribute[Any]


@dataclass(frozen=True)
class StreamFacts:
    """The newest outbox entry of one stream and how many of the stream's entries still wait to be sent."""

    entity: str
    """The outbox entity of the stream (``operator``, ``operator_proposal``, ``carrier``, ``inspection``…)."""
    last_state: str
    """``pending``, ``sent``, ``applied`` or ``rejected``."""
    code: str | None
    reason: str | None
    waiting: int
    discarded: bool = False
    """The officer dealt with the refusal of the newest entry (or the province's rejection) in the conflict view."""
    decision: str | None = None
    """Proposals: the province's decision on the newest proposal as last pulled (``None`` before it is pulled)."""
    decision_reason: str | None = None


@dataclass(frozen=True)
class RecordFacts:
    """Everything the sync column of one record is decided from."""

    local_changes: bool
    """The record, or a record travelling with it (an operator's carriers, an inspection's evidence), has local
    changes the server has not confirmed (``change_state`` other than ``synced``)."""
    streams: tuple[StreamFacts, ...] = field(default_factory=tuple)


def listed(column: Column, values: BindParameter[Any] = IDS) -> ColumnElement[bool]:
    """``column`` is one of the values given to the statement as a JSON array (``values``, by default :data:`IDS`)."""
    return column.in_(select(literal_column("value")).select_from(func.json_each(values)))


class Prepared:
    """A read compiled to SQL once and then run through the driver: for these small reads SQLAlchemy's work per
    execution (building, cache key, parameters, result processing) costs as much as SQLite's, and they run for every
    page of the register. Its parameters are given by name; a list goes in as one JSON array (see :func:`listed`).
    The SQL uses no type conversion: its literals are text and numbers, and the caller converts what it reads."""

    def __init__(self, build: Callable[[], ClauseElement]) -> None:
        self._build = build
        self._sql = ""
        self._names: list[str] = []
        self._fixed: dict[str, Any] = {}

    def rows(self, session: Session, **values: Iterable[str | int] | int) -> list[tuple[Any, ...]]:
        """The result rows as plain tuples, in the order of the statement's columns."""
        connection = session.connection()
        if not self._sql:
            compiled = self._build().compile(dialect=connection.dialect)
            assert isinstance(compiled, SQLCompiler)  # SQLite's compiler: positional ("qmark") parameters
            self._names = list(compiled.positiontup or [])
            self._fixed = dict(compiled.construct_params({name: None for name in values}))
            self._sql = str(compiled)
        given = {name: value if isinstance(value, int) else json.dumps(list(value)) for name, value in values.items()}
        positional = tuple(given[name] if name in given else self._fixed[name] for name in self._names)
        cursor = connection.connection.cursor()  # the session's own connection, so its transaction
        try:
            cursor.execute(self._sql, positional)
            return list(cursor.fetchall())
        finally:
            cursor.close()


@dataclass
class _Proposals:
    station: str | None
    last: int = 0
    by_operator: dict[str, list[int]] = field(default_factory=dict)


class ProposalIndex:
    """Which outbox entries are correction proposals of which operator, kept in memory per database.

    The operator id is inside a proposal's JSON payload, which SQLite cannot index without a schema change; reading
    it from every proposal for every page would cost milliseconds once a station has made a few thousand proposals.
    Outbox entries never change what they are about and their seq only grows (AUTOINCREMENT never reuses one; the
    entries an import leaves to the outbox backlog are written at seqs above every written entry,
    localdb/outbox_backlog.py), so each read only looks at proposals above the highest seq seen; an entry removed
    meanwhile (an undone import) is simply not found later. A database replaced under the same path is noticed by
    its station id."""

    NEW: Final = Prepared(
        lambda: union_all(
            select(OutboxEntry.seq, func.json_extract(OutboxEntry.payload, "$.operator_id")).where(
                OutboxEntry.entity == PROPOSAL, OutboxEntry.seq > AFTER
            ),
            select(literal(None, Integer), Station.id),
        )
    )

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._known: dict[str, _Proposals] = {}

    def seqs(self, session: Session, operator_ids: Iterable[str]) -> list[int]:
        """The seqs of every proposal about these operators."""
        key = str(session.connection().engine.url.database)  # the database file
        with self._lock:
            known = self._known.get(key)
            rows = self.NEW.rows(session, after=known.last if known else 0)
            station = next((owner for seq, owner in rows if seq is None), None)
            if known is None or station != known.station:
                if known is not None and known.last:  # another database under this path: read all of it
                    rows = self.NEW.rows(session, after=0)
                known = _Proposals(station)
            for seq, owner in rows:
                if seq is not None:
                    known.by_operator.setdefault(str(owner), []).append(int(seq))
                    known.last = max(known.last, int(seq))
            self._known[key] = known
            return [seq for operator_id in operator_ids for seq in known.by_operator.get(operator_id, ())]


PROPOSALS: Final = ProposalIndex()


# -- stream summaries: one SELECT per kind of stream ------------------------------------------------------------------
def _streams(owner: Column, group: Column, *conditions: ColumnElement[bool], join: Any = None) -> Subquery:
    """Per stream (grouped by ``group``): its ``owner`` (the listed record), the newest entry's state, code, reason
    and record id, and how many entries still wait. ``join``: a table joined on the first condition."""
    stmt = select(
        owner.label("owner"),
        func.max(OutboxEntry.seq).label("last_seq"),
        OutboxEntry.state.label("state"),
        OutboxEntry.code.label("code"),
        OutboxEntry.reason.label("reason"),
        OutboxEntry.entity_id.label("record"),
        func.sum(case((or_(*(OutboxEntry.state == state for state in WAITING)), 1), else_=0)).label("waiting"),
    )
    if join is not None:
        stmt = stmt.join_from(join, OutboxEntry, conditions[0])
        conditions = conditions[1:]
    return stmt.where(*conditions).group_by(group).subquery()


def _summary(streams: Subquery, entity: str) -> Select[Any]:
    """A stream summary with whether its refusal was dealt with, and the province's decision for proposals."""
    proposal = entity == PROPOSAL
    key = streams.c.record if proposal else literal("seq:", String) + cast(streams.c.last_seq, String)
    discarded = exists().where(
        AuditLog.entity_type == DISCARD_ENTITY, AuditLog.entity_id == key, AuditLog.action == DISCARD_ACTION
    )
    columns = [
        streams.c.owner,
        literal(entity, String).label("entity"),
        streams.c.state,
        streams.c.code,
        streams.c.reason,
        streams.c.waiting,
        discarded.label("discarded"),
    ]
    if not proposal:
        return select(*columns, null().label("decision"), null().label("decision_reason"))
    document = and_(SyncDocument.entity == PROPOSAL, SyncDocument.id == streams.c.record)
    return select(
        *columns,
        func.json_extract(SyncDocument.data, "$.status").label("decision"),
        func.json_extract(SyncDocument.data, "$.decision_reason").label("decision_reason"),
    ).select_from(streams.outerjoin(SyncDocument, document))


def _own(entity: str) -> Select[Any]:
    """The streams of the listed records of ``entity`` themselves (one stream per record)."""
    record = OutboxEntry.entity_id
    return _summary(_streams(record, record, OutboxEntry.entity == entity, listed(record)), entity)


def _changed(owner: Column, *conditions: ColumnElement[bool]) -> Select[Any]:
    """Marker rows (entity :data:`CHANGED`) for owners with a record travelling along that has local changes."""
    columns: list[ColumnElement[Any]] = [owner.label("owner"), literal(CHANGED, String).label("entity")]
    empty = ("state", "code", "reason", "waiting", "discarded", "decision", "decision_reason")
    columns += [null().label(name) for name in empty]
    return select(*columns).where(*conditions).group_by(owner)


def _not_settled(summary: Select[Any]) -> Select[Any]:
    """Owners of the streams in ``summary`` that keep their record from 已同步 (app/sync_status.py, rules 1–3)."""
    c = summary.subquery().c
    undecided = func.coalesce(c.decision, "pending").not_in(DECIDED)
    declined = and_(c.decision == REJECTED_BY_PROVINCE, c.discarded.is_(False))
    return select(c.owner).where(
        or_(
            c.waiting > 0,
            and_(c.state == REJECTED, c.discarded.is_(False)),
            and_(c.entity == PROPOSAL, c.state == APPLIED, or_(undecided, declined)),
        )
    )


def _operator_streams(restricted: bool) -> list[Select[Any]]:
    """The streams of operators (the listed ones, or all): station fields, each carrier, correction proposals."""
    proposal_owner = func.json_extract(OutboxEntry.payload, "$.operator_id")
    own: list[ColumnElement[bool]] = [OutboxEntry.entity == "operator"]
    carriers: list[ColumnElement[bool]] = [and_(OutboxEntry.entity == "carrier", OutboxEntry.entity_id == Carrier.id)]
    proposals: list[ColumnElement[bool]] = [OutboxEntry.entity == PROPOSAL]
    if restricted:  # by the outbox's indexes: (entity, record id), and the seq for the proposals found beforehand
        own.append(listed(OutboxEntry.entity_id))
        carriers.append(listed(OutboxEntry.entity_id, CARRIER_IDS))
        proposals = [listed(OutboxEntry.seq, PROPOSAL_SEQS)]
    return [
        _summary(_streams(OutboxEntry.entity_id, OutboxEntry.entity_id, *own), "operator"),
        _summary(_streams(Carrier.operator_id, OutboxEntry.entity_id, *carriers, join=Carrier), "carrier"),
        _summary(_streams(proposal_owner, proposal_owner, *proposals), PROPOSAL),
    ]


OPERATORS: Final = Prepared(lambda: union_all(*_operator_streams(restricted=True)))
"""Everything :func:`operator_facts` reads about the listed operators."""


def _inspection_statement() -> CompoundSelect[Any]:
    """Everything :func:`inspection_facts` reads about the listed inspections: the document (with its
    rectification), each evidence link, and evidence with local changes."""
    evidence = _streams(
        InspectionEvidence.inspection_id,
        OutboxEntry.entity_id,
        and_(OutboxEntry.entity == "evidence", OutboxEntry.entity_id == InspectionEvidence.id),
        listed(InspectionEvidence.inspection_id),
        join=InspectionEvidence,
    )
    changed = _changed(
        InspectionEvidence.inspection_id,
        listed(InspectionEvidence.inspection_id),
        InspectionEvidence.change_state != SYNCED,
    )
    return union_all(_own("inspection"), _summary(evidence, "evidence"), changed)


INSPECTIONS: Final = Prepared(_inspection_statement)
EVIDENCE: Final = Prepared(lambda: _own("evidence"))
CHANGE_STATES: Final = {
    Inspection: Prepared(lambda: select(Inspection.id, Inspection.change_state).where(listed(Inspection.id))),
    InspectionEvidence: Prepared(
        lambda: select(InspectionEvidence.id, InspectionEvidence.change_state).where(listed(InspectionEvidence.id))
    ),
}
TASKS: Final = Prepared(
    lambda: select(Inspection.task_id, Inspection.id).where(listed(Inspection.task_id), Inspection.deleted_at.is_(None))
)


def _collect(
    rows: Iterable[tuple[Any, ...]], change_states: Mapping[str, str], changed: set[str]
) -> dict[str, RecordFacts]:
    """Facts per record from summary rows (the columns of :func:`_summary`, in order)."""
    streams: dict[str, list[StreamFacts]] = {}
    for owner, entity, state, code, reason, waiting, discarded, decision, decision_reason in rows:
        if entity == CHANGED:
            changed.add(owner)
            continue
        facts = StreamFacts(entity, state, code, reason, int(waiting or 0), bool(discarded), decision, decision_reason)
        streams.setdefault(owner, []).append(facts)
    return {
        owner: RecordFacts(local_changes=state != SYNCED or owner in changed, streams=tuple(streams.get(owner, ())))
        for owner, state in change_states.items()
    }


def _change_states(
    session: Session, model: type[Inspection] | type[InspectionEvidence], ids: list[str]
) -> dict[str, str]:
    rows = CHANGE_STATES[model].rows(session, ids=ids)
    return {str(record_id): str(state) for record_id, state in rows}


# -- reading -------------------------------------------------------------------------------------------------------
def operator_facts(
    session: Session,
    change_states: Mapping[str, str],
    carrier_ids: Collection[str] = (),
    carriers_changed: Collection[str] = (),
) -> dict[str, RecordFacts]:
    """Facts of the operators given as ``{id: change_state}``, with their carriers' ids and which of them have
    carriers with local changes (the caller has just read both: :func:`localdb.operator_queries.carriers_and_sync`):
    one statement, after the proposal index has read the proposals written since it last looked (usually none)."""
    if not change_states:
        return {}
    seqs = PROPOSALS.seqs(session, change_states)
    rows = OPERATORS.rows(session, ids=change_states, carrier_ids=carrier_ids, proposal_seqs=seqs)
    return _collect(rows, change_states, set(carriers_changed))


@functools.cache
def unsynced_operator_ids() -> CompoundSelect[Any]:
    """Ids of the operators whose sync column is not 已同步 (the "only not synced" filter of the register): the same
    facts as :func:`operator_facts`, decided in SQL over the whole register. tests/unit/test_sync_status.py checks
    that both agree."""
    return union(
        select(Operator.id).where(Operator.change_state != SYNCED),
        select(Carrier.operator_id).where(Carrier.change_state != SYNCED),
        *(_not_settled(summary) for summary in _operator_streams(restricted=False)),
    )


def inspection_facts(session: Session, ids: Iterable[str]) -> dict[str, RecordFacts]:
    """Facts of these inspection records (unknown ids are left out); a rectification travels in its record."""
    unique = sorted(set(ids))
    if not unique:
        return {}
    return _collect(INSPECTIONS.rows(session, ids=unique), _change_states(session, Inspection, unique), set())


def evidence_facts(session: Session, ids: Iterable[str]) -> dict[str, RecordFacts]:
    """Facts of these evidence links on their own (the gallery of the inspection editor)."""
    unique = sorted(set(ids))
    if not unique:
        return {}
    states = _change_states(session, InspectionEvidence, unique)
    return _collect(EVIDENCE.rows(session, ids=unique), states, set())


def task_inspections(session: Session, task_ids: Iterable[str]) -> dict[str, list[str]]:
    """The live inspection records of each task (a task's column sums up its records)."""
    found: dict[str, list[str]] = {}
    for task_id, inspection_id in TASKS.rows(session, ids=task_ids):
        found.setdefault(str(task_id), []).append(str(inspection_id))
    return found
