"""What the province does (through the admin CLI): stations, users, decisions on proposals, epoch and retention.

Every write here is one transaction and goes through :class:`server.changes.Changes`, so stations see the effect in
their next pull (an accepted proposal changes the operator; the proposal itself shows its decision).
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, select, update

from server import security
from server.changes import Changes, create_digests
from server.db import Database
from server.models import (
    AppUser,
    Carrier,
    ChangeLog,
    Inspection,
    Operator,
    Proposal,
    ServerState,
    Station,
    StationDigest,
    utcnow,
)
from server.records import MODELS, parse_date
from sync.protocol import Entity, checksum

DATE_FIELDS = frozenset({"founded_on", "abnormal_date", "serious_violation_date"})


class AdminError(Exception):
    """A province action that cannot be done as asked; the message says why and what to do."""


@dataclass(frozen=True)
class ProposalView:
    id: str
    station_code: str
    kind: str
    operator_id: str
    operator_name: str
    status: str
    stale: bool
    fields: dict[str, Any]
    base_values: dict[str, Any]
    current_values: dict[str, Any]
    reason: str
    decision_reason: str
    created_at: str


def create_station(db: Database, code: str, name: str, region_code: str = "", station_id: str | None = None) -> str:
    station_id = station_id or str(uuid.uuid4())
    with db.write() as conn:
        if conn.scalar(select(Station.id).where(Station.code == code)) is not None:
            raise AdminError(f"a station with code {code!r} exists already")
        conn.execute(
            insert(Station).values(id=station_id, code=code, name=name, region_code=region_code, pruned_through=0)
        )
        create_digests(conn, station_id)
    return station_id


def station_id_for(conn: Connection, code: str) -> str:
    found = conn.scalar(select(Station.id).where(Station.code == code))
    if found is None:
        raise AdminError(f"no station with code {code!r} (see: admin list-stations)")
    return str(found)


def create_user(db: Database, username: str, station_code: str, password: str) -> None:
    _check_password(password)
    password_hash = security.hash_password(password)
    with db.write() as conn:
        station_id = station_id_for(conn, station_code)
        if conn.scalar(select(AppUser.id).where(AppUser.username == username)) is not None:
            raise AdminError(f"user {username!r} exists already; use reset-password to change the password")
        conn.execute(
            insert(AppUser).values(username=username, password_hash=password_hash, station_id=station_id, active=True)
        )


def reset_password(db: Database, username: str, password: str) -> None:
    """Set a new password and end every session of the user (all tokens revoked)."""
    _check_password(password)
    password_hash = security.hash_password(password)
    with db.write() as conn:
        user_id = conn.scalar(select(AppUser.id).where(AppUser.username == username))
        if user_id is None:
            raise AdminError(f"no user {username!r}")
        conn.execute(
            update(AppUser)
            .where(AppUser.id == user_id)
            .values(password_hash=password_hash, password_changed_at=utcnow())
        )
        security.revoke_user(conn, user_id)


def _check_password(password: str) -> None:
    if len(password) < 8:
        raise AdminError("a password needs at least 8 characters")


def list_stations(db: Database) -> list[tuple[str, str, str, int, int]]:
    """``(code, name, id, users, operators)`` per station."""
    with db.read() as conn:
        users = {
            row[0]: row[1]
            for row in conn.execute(select(AppUser.station_id, func.count()).group_by(AppUser.station_id))
        }
        operators = {
            row[0]: row[1]
            for row in conn.execute(
                select(Operator.station_id, func.count())
                .where(Operator.deleted_at.is_(None))
                .group_by(Operator.station_id)
            )
        }
        return [
            (row.code, row.name, row.id, int(users.get(row.id, 0)), int(operators.get(row.id, 0)))
            for row in conn.execute(select(Station.code, Station.name, Station.id).order_by(Station.code))
        ]


def list_proposals(db: Database, station_code: str | None = None, status: str | None = "pending") -> list[ProposalView]:
    with db.read() as conn:
        query = (
            select(Proposal, Station.code.label("station_code"))
            .join(Station, Station.id == Proposal.station_id)
            .order_by(Proposal.created_at, Proposal.id)
        )
        if station_code:
            query = query.where(Station.code == station_code)
        if status:
            query = query.where(Proposal.status == status)
        views = []
        for row in conn.execute(query):
            operator = conn.execute(select(Operator).where(Operator.id == row.operator_id)).one_or_none()
            current = {name: _wire(getattr(operator, name)) for name in row.fields} if operator is not None else {}
            stale = (
                row.kind == "update"
                and operator is not None
                and row.base_version is not None
                and operator.version != row.base_version
            )
            views.append(
                ProposalView(
                    id=row.id,
                    station_code=row.station_code,
                    kind=row.kind,
                    operator_id=row.operator_id,
                    operator_name=operator.name if operator is not None else "",
                    status=row.status,
                    stale=bool(stale),
                    fields=dict(row.fields),
                    base_values=dict(row.base_values or {}),
                    current_values=current,
                    reason=row.reason,
                    decision_reason=row.decision_reason,
                    created_at=row.created_at.isoformat(timespec="seconds"),
                )
            )
        return views


@dataclass(frozen=True)
class RectificationView:
    """One order to rectify (责令限期整改) as the station last reported it (``inspection``/``rectify``)."""

    id: str
    station_code: str
    inspection_id: str
    operator_id: str
    operator_name: str
    state: str
    overdue: bool
    """Still open after its deadline (by the server's date)."""
    deadline: str
    original_deadline: str
    extensions: int
    requirement: str
    item_codes: list[str]
    closed_at: str | None
    closed_by_inspection_id: str | None
    close_note: str
    reported_at: str
    """When the server last received a change of the order (or of its inspection)."""


def list_rectifications(
    db: Database, station_code: str | None = None, state: str | None = "open"
) -> list[RectificationView]:
    """The provincial rectification ledger: orders of finalized inspections, ``state`` ``open``/``closed`` (or
    ``None``/``all``: every one), earliest deadline first."""
    today = utcnow().date().isoformat()
    with db.read() as conn:
        query = (
            select(Inspection, Station.code.label("station_code"), Operator.name.label("operator_name"))
            .join(Station, Station.id == Inspection.station_id)
            .outerjoin(Operator, Operator.id == Inspection.operator_id)
            .where(Inspection.rectification.is_not(None), Inspection.deleted_at.is_(None))
        )
        if station_code:
            query = query.where(Station.code == station_code)
        views = []
        for row in conn.execute(query):
            order = dict(row.rectification)
            if state not in (None, "all") and order["state"] != state:
                continue
            views.append(
                RectificationView(
                    id=order["id"],
                    station_code=row.station_code,
                    inspection_id=row.id,
                    operator_id=row.operator_id or "",
                    operator_name=row.operator_name or "",
                    state=order["state"],
                    overdue=order["state"] == "open" and order["deadline"] < today,
                    deadline=order["deadline"],
                    original_deadline=order["original_deadline"],
                    extensions=int(order["extensions"]),
                    requirement=order["requirement"],
                    item_codes=list(order["item_codes"]),
                    closed_at=order["closed_at"],
                    closed_by_inspection_id=order["closed_by_inspection_id"],
                    close_note=order["close_note"],
                    reported_at=row.updated_at.isoformat(timespec="seconds"),
                )
            )
        return sorted(views, key=lambda view: (view.deadline, view.id))


def _wire(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _pending(conn: Connection, proposal_id: str) -> Any:
    row = conn.execute(select(Proposal).where(Proposal.id == proposal_id).with_for_update()).one_or_none()
    if row is None:
        raise AdminError(f"no proposal {proposal_id}")
    if row.status != "pending":
        raise AdminError(f"proposal {proposal_id} was already {row.status}")
    return row


def _decide(conn: Connection, changes: Changes, proposal: Any, status: str, reason: str, by: str) -> None:
    now = utcnow()
    conn.execute(
        update(Proposal)
        .where(Proposal.id == proposal.id)
        .values(
            status=status,
            decision_reason=reason,
            decided_by=by,
            decided_at=now,
            version=proposal.version + 1,
            updated_at=now,
            writer_device_pk=None,
        )
    )
    changes.updated(proposal.station_id, Entity.OPERATOR_PROPOSAL, proposal.id, proposal.version, proposal.version + 1)


def accept_proposal(db: Database, proposal_id: str, by: str, reason: str = "", force: bool = False) -> None:
    """Apply the proposed fields to the provincial register (or adopt the station's new operator)."""
    changes = Changes()
    with db.write() as conn:
        proposal = _pending(conn, proposal_id)
        operator = conn.execute(
            select(Operator).where(Operator.id == proposal.operator_id).with_for_update()
        ).one_or_none()
        if operator is None or operator.deleted_at is not None:
            raise AdminError(f"the operator {proposal.operator_id} of this proposal no longer exists; reject it")
        values: dict[str, Any] = {}
        if proposal.kind == "update":
            if proposal.base_version is not None and operator.version != proposal.base_version and not force:
                raise AdminError(
                    f"the operator changed since the station proposed this (version {proposal.base_version} → "
                    f"{operator.version}); compare with list-proposals and accept with --force, or reject"
                )
            values = {name: _column(name, value) for name, value in proposal.fields.items()}
            if "identifier" in proposal.fields:
                values["identifier_override"] = proposal.identifier_override
        else:
            values = {"origin": "province"}
        now = utcnow()
        conn.execute(
            update(Operator)
            .where(Operator.id == operator.id)
            .values(**values, version=operator.version + 1, updated_at=now, writer_device_pk=None)
        )
        changes.updated(operator.station_id, Entity.OPERATOR, operator.id, operator.version, operator.version + 1)
        _decide(conn, changes, proposal, "accepted", reason, by)
        changes.flush(conn)


def reject_proposal(db: Database, proposal_id: str, reason: str, by: str) -> None:
    """Refuse a proposal with a reason the station will see; a refused new operator is removed with its carriers."""
    if not reason.strip():
        raise AdminError("say why the proposal is rejected (--reason): the station sees it")
    changes = Changes()
    with db.write() as conn:
        proposal = _pending(conn, proposal_id)
        if proposal.kind == "create":
            operator = conn.execute(
                select(Operator)
                .where(Operator.id == proposal.operator_id, Operator.origin == "station")
                .with_for_update()
            ).one_or_none()
            if operator is not None and operator.deleted_at is None:
                now = utcnow()
                for carrier in conn.execute(
                    select(Carrier)
                    .where(Carrier.operator_id == operator.id, Carrier.deleted_at.is_(None))
                    .with_for_update()
                ).all():
                    conn.execute(
                        update(Carrier)
                        .where(Carrier.id == carrier.id)
                        .values(
                            version=carrier.version + 1, deleted_at=now, deleted_reason=reason, writer_device_pk=None
                        )
                    )
                    changes.deleted(
                        carrier.station_id, Entity.CARRIER, carrier.id, carrier.version, carrier.version + 1
                    )
                conn.execute(
                    update(Operator)
                    .where(Operator.id == operator.id)
                    .values(version=operator.version + 1, deleted_at=now, deleted_reason=reason, writer_device_pk=None)
                )
                changes.deleted(
                    operator.station_id, Entity.OPERATOR, operator.id, operator.version, operator.version + 1
                )
        _decide(conn, changes, proposal, "rejected", reason, by)
        changes.flush(conn)


def _column(name: str, value: Any) -> Any:
    return parse_date(value) if name in DATE_FIELDS and isinstance(value, str) else value


def rotate_epoch(db: Database) -> str:
    """Give the database a new epoch: every client's cursor becomes invalid and it resyncs in full (410).

    Run this after restoring the database from a backup: clients may hold cursors and acknowledgements the restored
    database never saw.
    """
    epoch = secrets.token_hex(16)
    with db.write() as conn:
        conn.execute(update(ServerState).where(ServerState.id == 1).values(epoch=epoch))
    return epoch


def prune_tombstones(db: Database, older_than_days: int) -> int:
    """Drop change-log rows of records deleted more than ``older_than_days`` ago; returns how many rows went.

    A station whose tombstones were pruned gets ``pruned_through`` raised: a client with an older cursor has not
    seen those deletions and must resync in full (410).
    """
    cutoff = utcnow() - timedelta(days=older_than_days)
    removed = 0
    with db.write() as conn:
        tombstones = conn.execute(
            select(ChangeLog.station_id, ChangeLog.entity, ChangeLog.entity_id, ChangeLog.seq).where(
                ChangeLog.op == "delete", ChangeLog.committed_at < cutoff
            )
        ).all()
        through: dict[str, int] = {}
        for row in tombstones:
            result = conn.execute(
                delete(ChangeLog).where(
                    and_(
                        ChangeLog.station_id == row.station_id,
                        ChangeLog.entity == row.entity,
                        ChangeLog.entity_id == row.entity_id,
                    )
                )
            )
            removed += result.rowcount
            through[row.station_id] = max(through.get(row.station_id, 0), int(row.seq))
        for station_id, seq in through.items():
            conn.execute(
                update(Station).where(Station.id == station_id, Station.pruned_through < seq).values(pruned_through=seq)
            )
    return removed


def check_digests(db: Database) -> list[str]:
    """Recompute every station's counts and checksums from the records; returns the mismatches (none expected).

    The digests are maintained incrementally with every change; this is the independent check (after a manual
    repair of the database, say). Stations see the stored digests through verify.
    """
    problems: list[str] = []
    with db.read() as conn:
        stored = {
            (row.station_id, row.entity): (int(row.live), row.checksum)
            for row in conn.execute(
                select(
                    StationDigest.station_id,
                    StationDigest.entity,
                    StationDigest.count.label("live"),
                    StationDigest.checksum,
                )
            )
        }
        for entity, model in MODELS.items():
            found: dict[str, list[tuple[str, int]]] = {}
            for row in conn.execute(
                select(model.station_id, model.id, model.version).where(model.deleted_at.is_(None))
            ):
                found.setdefault(row[0], []).append((row[1], row[2]))
            stations = {station for station, name in stored if name == entity} | set(found)
            for station in sorted(stations):
                records = found.get(station, [])
                actual = (len(records), checksum(records))
                expected = stored.get((station, entity), (0, checksum([])))
                if actual != expected:
                    problems.append(f"station {station} {entity}: stored {expected}, recomputed {actual}")
    return problems
