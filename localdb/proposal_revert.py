"""The province's values back into the local register when a correction proposal is not taken.

A station edit of a province-owned operator field changes the local row at once and travels as an
``operator_proposal`` (localdb/sync_capture.py). When the server refuses the proposal at push, or the province
rejects it later, the operator's server version stays what it was, so no pull ever overwrites the rejected value and
verify (ids and versions) cannot see it. This module puts the province's values back, in the caller's transaction:
called when the refusal is recorded and when the rejection arrives by pull (localdb/sync_store.py), and by the
conflict view for a rejection a version without it recorded (app/sync_conflicts.py).

The province's value of a field is not stored as such; it follows from the proposals written since the operator's
version was pulled (those whose ``base_version`` is the row's ``server_version`` — older ones were overwritten by
that pull). Per field of a rejected proposal:

* left alone unless the row still shows the rejected value and the operator was not pulled anew since;
* left alone when a newer proposal of the field is still under way (unsent, sent, awaiting the province — or
  accepted, its new version not pulled yet): the row shows that one's value, as the station last typed it;
* else it takes the value of the newest older proposal of the field still under way, or — none left — the
  ``base_values`` of the first proposal of the field at this version (what the pull had put there).

The row is ``synced`` again when no proposal of this version is under way, every field they touched holds the
province's value and no station-field edit of the operator waits or was refused. Nothing here goes into the outbox
(plain Core writes); each changed field gets an audit entry saying why. Writes run with the search-index triggers as
the caller has them: the caller reindexes the returned rows when it suspended them (a pull).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Final

from sqlalchemy import Connection, Date, Table, func, insert, select, update

from localdb.models import AuditLog, Operator
from localdb.sync_capture import jsonable
from localdb.sync_models import PENDING, REJECTED, SENT, OutboxEntry, SyncDocument

PROPOSAL: Final = "operator_proposal"
CHUNK: Final = 500
OPERATOR: Final[Table] = Operator.__table__  # type: ignore[assignment]
PROVINCE: Final = "省级平台"
"""Who the audit entries of an automatic revert name: the change follows the province's decision."""
DECLINED_REASON: Final = "省级平台退回了本所的更正提议（{why}），本机台账恢复为省级平台的值"
REFUSED_REASON: Final = "省级平台拒收了本所的更正提议（{why}），本机台账恢复为省级平台的值"
"""Audit reasons (stored data in the station's language, like the reasons officers type)."""


@dataclass(frozen=True)
class Officer:
    """Whom the audit entries name: the province for an automatic revert, else the officer working."""

    name: str = PROVINCE
    officer_id: str | None = None


@dataclass
class _Proposal:
    seq: int
    id: str
    state: str
    base_version: int | None
    data: dict[str, Any]
    decision: str | None = None

    @property
    def fields(self) -> dict[str, Any]:
        return dict(self.data.get("fields") or {})

    @property
    def rejected(self) -> bool:
        return self.state == REJECTED or self.decision == "rejected"


@dataclass
class Reverted:
    """One operator whose fields took the province's values again."""

    operator_id: str
    search_rowid: int
    fields: list[str] = field(default_factory=list)


def revert_rejected(
    conn: Connection,
    reasons: Mapping[str, str],
    initials: Callable[[str], str],
    officer: Officer | None = None,
) -> list[Reverted]:
    """Undo, in the local register, the rejected proposals ``reasons`` names (proposal id → audit reason).

    The proposals' refusal or rejection must already be stored (outbox state, or pulled document). Proposals this
    computer did not write, and those of a new operator (``kind: create``: the province has no values of it), are
    ignored. Returns the operators changed."""
    wanted = sorted(reasons)
    outbox = OutboxEntry.__table__
    owners: set[str] = set()
    for part in _parts(wanted):
        owners.update(
            str(owner)
            for owner in conn.scalars(
                select(func.json_extract(outbox.c.payload, "$.operator_id")).where(
                    outbox.c.entity == PROPOSAL, outbox.c.entity_id.in_(part)
                )
            )
            if owner
        )
    changed: list[Reverted] = []
    for part in _parts(sorted(owners)):
        proposals = _proposals(conn, part)
        waiting = _station_edits_unsettled(conn, part)
        for row in conn.execute(select(OPERATOR).where(OPERATOR.c.id.in_(part))).mappings():
            operator_id = str(row["id"])
            mine = proposals.get(operator_id, [])
            result = _revert_operator(
                conn, dict(row), mine, reasons, initials, officer or Officer(), operator_id in waiting
            )
            if result is not None:
                changed.append(result)
    return changed


def _parts(items: Sequence[str]) -> Iterable[Sequence[str]]:
    """``items`` in slices for ``IN (…)`` lookups well under SQLite's variable limit."""
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _proposals(conn: Connection, operator_ids: Sequence[str]) -> dict[str, list[_Proposal]]:
    """Every update proposal of these operators in the outbox, oldest first, with the province's decision if
    pulled (the operator id is inside the payload: SQLite picks the rows, only those are parsed)."""
    outbox = OutboxEntry.__table__
    owner = func.json_extract(outbox.c.payload, "$.operator_id")
    found: dict[str, list[_Proposal]] = {}
    by_id: dict[str, _Proposal] = {}
    for row in conn.execute(
        select(outbox.c.seq, outbox.c.entity_id, outbox.c.state, outbox.c.base_version, outbox.c.payload)
        .where(outbox.c.entity == PROPOSAL, owner.in_(operator_ids))
        .order_by(outbox.c.seq)
    ):
        data = json.loads(row.payload)
        if data.get("kind") == "update":
            proposal = _Proposal(int(row.seq), str(row.entity_id), str(row.state), row.base_version, data)
            found.setdefault(str(data["operator_id"]), []).append(proposal)
            by_id[proposal.id] = proposal
    docs = SyncDocument.__table__
    for part in _parts(sorted(by_id)):
        for doc in conn.execute(select(docs.c.id, docs.c.data).where(docs.c.entity == PROPOSAL, docs.c.id.in_(part))):
            by_id[str(doc.id)].decision = json.loads(doc.data or "{}").get("status")
    return found


def _station_edits_unsettled(conn: Connection, operator_ids: Sequence[str]) -> set[str]:
    """Operators whose station-field edits still wait in the outbox, or whose newest one was refused."""
    outbox = OutboxEntry.__table__
    newest: dict[str, str] = {}
    unsettled: set[str] = set()
    for row in conn.execute(
        select(outbox.c.entity_id, outbox.c.state)
        .where(outbox.c.entity == "operator", outbox.c.entity_id.in_(operator_ids))
        .order_by(outbox.c.seq)
    ):
        newest[str(row.entity_id)] = str(row.state)
        if row.state in (PENDING, SENT):
            unsettled.add(str(row.entity_id))
    return unsettled | {owner for owner, state in newest.items() if state == REJECTED}


def _revert_operator(
    conn: Connection,
    row: dict[str, Any],
    proposals: list[_Proposal],
    reasons: Mapping[str, str],
    initials: Callable[[str], str],
    officer: Officer,
    station_edits_unsettled: bool,
) -> Reverted | None:
    version = row["server_version"]
    if row["deleted_at"] is not None or version is None:
        return None
    current = [p for p in proposals if p.base_version == version]  # older ones: the last pull overwrote them
    values: dict[str, Any] = {}
    audits: list[tuple[str, Any, Any, str]] = []
    for proposal in current:
        if proposal.id not in reasons or not proposal.rejected:
            continue
        for name, rejected_value in sorted(proposal.fields.items()):
            if name not in OPERATOR.c or jsonable(row[name]) != rejected_value:
                continue  # changed since (a newer edit, a pull): not the rejected value any more
            target = _province_side(current, proposal, name)
            if target is None:
                continue
            value = _column_value(name, target[0])
            audits.append((name, row[name], value, reasons[proposal.id]))
            row[name] = values[name] = value
    if values and "name" in values:
        values["name_initials"] = initials(str(values["name"] or ""))
    if _settled(row, current) and not station_edits_unsettled and row["change_state"] != "synced":
        values["change_state"] = "synced"
    if not values:
        return None
    conn.execute(update(OPERATOR).where(OPERATOR.c.id == row["id"]).values(values))
    if audits:
        conn.execute(
            insert(AuditLog),
            [
                {
                    "at": datetime.now(),
                    "officer_id": officer.officer_id,
                    "officer_name": officer.name,
                    "entity_type": "operator",
                    "entity_id": row["id"],
                    "action": "update",
                    "field": name,
                    "before": audit_text(before),
                    "after": audit_text(after),
                    "reason": reason,
                }
                for name, before, after, reason in audits
            ],
        )
    return Reverted(str(row["id"]), int(row["search_rowid"]), [name for name, *_ in audits])


def _province_side(proposals: list[_Proposal], rejected: _Proposal, name: str) -> tuple[Any] | None:
    """The value field ``name`` takes once ``rejected`` is undone (in a 1-tuple, as it may be ``None``); ``None``
    when a newer proposal of the field is under way or the province's value is not known here."""
    touching = [p for p in proposals if name in p.fields]
    if any(p.seq > rejected.seq and not p.rejected for p in touching):
        return None
    older = [p for p in touching if p.seq < rejected.seq and not p.rejected]
    if older:
        return (older[-1].fields[name],)
    return _province_value(touching, name)


def _province_value(touching: list[_Proposal], name: str) -> tuple[Any] | None:
    """The value the pull put there: what the first proposal of the field at this version saw before."""
    for proposal in touching:
        base = proposal.data.get("base_values") or {}
        if name in base:
            return (base[name],)
    return None


def _settled(row: dict[str, Any], proposals: list[_Proposal]) -> bool:
    """No proposal of this version under way and every field they touched back at the province's value."""
    if any(not p.rejected for p in proposals):
        return False
    names = {name for p in proposals for name in p.fields}
    for name in names:
        known = _province_value([p for p in proposals if name in p.fields], name)
        if name in OPERATOR.c and (known is None or jsonable(row[name]) != known[0]):
            return False
    return True


def _column_value(name: str, wire: Any) -> Any:
    """A wire value as the operator column stores it (dates parsed, no NULL in a non-null column)."""
    column = OPERATOR.c[name]
    if isinstance(column.type, Date) and isinstance(wire, str):
        return date.fromisoformat(wire[:10])
    if wire is None and not column.nullable:
        return ""
    return wire


def audit_text(value: Any) -> str | None:
    """A value as the register's audit entries show it (是/否 for flags, ISO dates: as app/services/registry.py)."""
    if isinstance(value, bool):
        return "是" if value else "否"
    shown = jsonable(value)
    return None if shown is None else str(shown)
