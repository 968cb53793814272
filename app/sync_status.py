"""A record's sync state as an officer reads it in every list: 已同步, 未同步, 被退回 (with the reason), 待省级审核.

The one place that decides it, from the facts localdb/sync_facts.py reads set-wise (the record's ``change_state``
and that of the records travelling with it, its outbox streams, the province's decision on its newest proposal):

1. **未同步** — an entry about it still waits in the outbox (pending, or sent without an answer yet);
2. **被退回** — the newest entry of one of its streams was refused by the server, or its newest proposal was
   rejected by the province, and the officer has not dealt with it in the conflict view yet;
3. **待省级审核** — its newest correction proposal was taken by the server and the province has not decided yet;
4. **未同步** — it has local changes the server has not confirmed (an import, a push whose pull is still to come);
5. **已同步** — otherwise.

A newer change of the same record supersedes a refusal (the record then shows what happened to the newer change).
The register's "only not synced" filter (:func:`localdb.sync_facts.unsynced_operator_ids`) selects exactly the
records for which this gives anything but 已同步; tests/unit/test_sync_status.py checks both agree.
Qt-free: labels and explanations are English templates (context ``SyncStatus``) translated by the caller.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from app.i18n import QT_TRANSLATE_NOOP
from app.sync_text import Translate, code_text, entity_text
from localdb import sync_facts
from localdb.database import Database
from localdb.sync_facts import DECIDED, PROPOSAL, REJECTED_BY_PROVINCE, RecordFacts
from localdb.sync_models import APPLIED, REJECTED

CONTEXT: Final = "SyncStatus"
DECLINED: Final = "declined"
"""The refusal code of a proposal the province rejected (app/sync_text.py explains it)."""


class SyncState(StrEnum):
    """The four words of the sync column (:data:`LABELS`)."""

    SYNCED = "synced"
    UNSYNCED = "unsynced"
    REJECTED = "rejected"
    IN_REVIEW = "in_review"


SEVERITY: Final = (SyncState.REJECTED, SyncState.UNSYNCED, SyncState.IN_REVIEW, SyncState.SYNCED)
"""Most to least in need of attention (a task's column shows the worst of its records)."""

LABELS: Final[dict[SyncState, str]] = {
    SyncState.SYNCED: QT_TRANSLATE_NOOP("SyncStatus", "Synced"),
    SyncState.UNSYNCED: QT_TRANSLATE_NOOP("SyncStatus", "Not synced"),
    SyncState.REJECTED: QT_TRANSLATE_NOOP("SyncStatus", "Returned"),
    SyncState.IN_REVIEW: QT_TRANSLATE_NOOP("SyncStatus", "Awaiting provincial review"),
}


@dataclass(frozen=True)
class Refusal:
    """Why the server (or the province) did not take a change: the outbox entity, a protocol code, its words."""

    entity: str
    code: str
    reason: str


@dataclass(frozen=True)
class SyncStatus:
    """What the sync column shows for one record."""

    state: SyncState
    waiting: int = 0
    """Outbox entries still to be sent."""
    refusals: tuple[Refusal, ...] = ()
    in_review: int = 0
    """Proposals the province has not decided yet."""
    records: int = 1
    """How many records this sums up (a task's inspection records); 1 for a single record."""


SYNCED_STATUS: Final = SyncStatus(SyncState.SYNCED)


def status_of(facts: RecordFacts) -> SyncStatus:
    """Decide the state of one record from its facts (the rules in the module docstring)."""
    waiting = sum(stream.waiting for stream in facts.streams)
    refusals: list[Refusal] = []
    in_review = 0
    for stream in facts.streams:
        if stream.last_state == REJECTED and not stream.discarded:
            refusals.append(Refusal(stream.entity, stream.code or "", stream.reason or ""))
        elif stream.entity == PROPOSAL and stream.last_state == APPLIED:
            if stream.decision not in DECIDED:
                in_review += 1
            elif stream.decision == REJECTED_BY_PROVINCE and not stream.discarded:
                refusals.append(Refusal(PROPOSAL, DECLINED, stream.decision_reason or ""))
    if waiting:
        state = SyncState.UNSYNCED
    elif refusals:
        state = SyncState.REJECTED
    elif in_review:
        state = SyncState.IN_REVIEW
    elif facts.local_changes:
        state = SyncState.UNSYNCED
    else:
        state = SyncState.SYNCED
    return SyncStatus(state, waiting, tuple(refusals), in_review)


def summary_of(statuses: Sequence[SyncStatus]) -> SyncStatus | None:
    """One status for several records (a task's records): the worst state, with everything added up;
    ``None`` for no records."""
    if not statuses:
        return None
    worst = min((s.state for s in statuses), key=SEVERITY.index)
    return SyncStatus(
        worst,
        waiting=sum(s.waiting for s in statuses),
        refusals=tuple(r for s in statuses for r in s.refusals),
        in_review=sum(s.in_review for s in statuses),
        records=len(statuses),
    )


# -- words ---------------------------------------------------------------------------------------------------------
T_SYNCED = QT_TRANSLATE_NOOP("SyncStatus", "The provincial platform has this record as shown here.")
T_WAITING = QT_TRANSLATE_NOOP(
    "SyncStatus", "{count} change(s) are saved on this computer and wait in the outbox; the next sync sends them."
)
T_LOCAL = QT_TRANSLATE_NOOP("SyncStatus", "Changed on this computer; the provincial platform has not confirmed it yet.")
T_REFUSED = QT_TRANSLATE_NOOP("SyncStatus", "The provincial platform did not take the last change:")
T_REFUSAL = QT_TRANSLATE_NOOP("SyncStatus", "{what}: {meaning}")
T_REFUSAL_REASON = QT_TRANSLATE_NOOP("SyncStatus", "{what}: {meaning} ({reason})")
T_REFUSED_TODO = QT_TRANSLATE_NOOP("SyncStatus", "The Sync page shows the details and what to do.")
T_IN_REVIEW = QT_TRANSLATE_NOOP(
    "SyncStatus",
    "The correction of province-owned fields was sent as a proposal ({count}); the province has not decided yet.",
)
T_RECORDS = QT_TRANSLATE_NOOP("SyncStatus", "Sums up {count} inspection record(s).")


def label(state: SyncState, translate: Translate) -> str:
    return translate(CONTEXT, LABELS[state])


def explain(status: SyncStatus, translate: Translate) -> str:
    """The tooltip of the sync column: what the state means and, for a refusal, what was said and by whom."""

    def tr(template: str) -> str:
        return translate(CONTEXT, template)

    lines: list[str] = []
    if status.records > 1:
        lines.append(tr(T_RECORDS).format(count=status.records))
    if status.waiting:
        lines.append(tr(T_WAITING).format(count=status.waiting))
    if status.refusals:
        lines.append(tr(T_REFUSED))
        lines += [_refusal_line(refusal, translate) for refusal in status.refusals]
    if status.in_review:
        lines.append(tr(T_IN_REVIEW).format(count=status.in_review))
    if status.state == SyncState.UNSYNCED and not status.waiting:
        lines.append(tr(T_LOCAL))
    if status.refusals:
        lines.append(tr(T_REFUSED_TODO))
    if status.state == SyncState.SYNCED:
        lines.append(tr(T_SYNCED))
    return "\n".join(lines)


def _refusal_line(refusal: Refusal, translate: Translate) -> str:
    what = entity_text(refusal.entity)
    meaning = code_text(refusal.code)
    values = {
        "what": what if isinstance(what, str) else translate(what.context, what.source),
        "meaning": translate(meaning.context, meaning.source),
        "reason": refusal.reason,
    }
    template = T_REFUSAL_REASON if refusal.reason else T_REFUSAL
    return translate(CONTEXT, template).format(**values)


# -- reading -------------------------------------------------------------------------------------------------------
def _statuses(facts: dict[str, RecordFacts]) -> dict[str, SyncStatus]:
    return {record_id: status_of(record) for record_id, record in facts.items()}


class SyncStatusService:
    """The sync column of the inspection screens: one read per list, whatever its length."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def inspections(self, ids: Iterable[str]) -> dict[str, SyncStatus]:
        """Each inspection record's state (its document, its evidence and its rectification travel together)."""
        with self._db.reader() as session:
            return _statuses(sync_facts.inspection_facts(session, list(ids)))

    def evidence(self, ids: Iterable[str]) -> dict[str, SyncStatus]:
        """Each evidence link's own state (the gallery of the editor)."""
        with self._db.reader() as session:
            return _statuses(sync_facts.evidence_facts(session, list(ids)))

    def tasks(self, task_ids: Iterable[str]) -> dict[str, SyncStatus | None]:
        """Each task's records summed up (``None``: no record yet); tasks themselves are not synced."""
        tasks = list(task_ids)
        with self._db.reader() as session:
            records = sync_facts.task_inspections(session, tasks)
            each = _statuses(sync_facts.inspection_facts(session, [i for ids in records.values() for i in ids]))
        return {task_id: summary_of([each[i] for i in records.get(task_id, []) if i in each]) for task_id in tasks}
