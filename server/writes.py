"""The write path's shared parts: who is writing, how a mutation is refused, and the writes every handler makes.

A handler (server/registry_mutations.py, server/document_mutations.py) runs inside the savepoint of its mutation's
transaction (server/mutations.py); it refuses with :func:`reject`, which raises :class:`Rejected` and so rolls the
savepoint back. Every write goes through :class:`Writer`, which bumps the record's ``version``, remembers which
device wrote it (for the version rule, :func:`check_version`) and logs the change for pull and verify.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, NoReturn

from pydantic import BaseModel, ValidationError
from sqlalchemy import Connection, Insert, Select, Update, bindparam, insert, select, update

from server.changes import Changes
from server.models import Base, Operator, utcnow
from server.records import parse_date
from sync.protocol import Entity, RejectCode

DATE_FIELDS = frozenset(
    {
        "founded_on",
        "abnormal_date",
        "serious_violation_date",
        "first_seen",
        "last_verified",
        "valid_from",
        "valid_until",
    }
)


@dataclass(frozen=True)
class Principal:
    """Who is calling: resolved from the access token on every request."""

    user_id: int
    username: str
    station_id: str
    device_pk: int
    device_id: str


class Rejected(Exception):
    """The mutation can never apply as sent: recorded as rejected, and the batch goes on."""

    def __init__(self, code: RejectCode, reason: str, current_version: int | None = None) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.current_version = current_version


def reject(code: RejectCode, reason: str, current_version: int | None = None) -> NoReturn:
    """Refuse the mutation being applied: the savepoint rolls back, the rejection is recorded, the batch goes on."""
    raise Rejected(code, reason, current_version)


def parse(model: type[BaseModel], data: dict[str, Any]) -> Any:
    """``data`` as ``model``, or a rejection (``invalid_data``) naming every problem, so the client can fix it."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in error['loc']) or 'data'}: {error['msg']}" for error in exc.errors()
        )
        reject(RejectCode.INVALID_DATA, f"invalid data: {problems}")


def check_version(version: int, writer: int | None, base_version: int | None, principal: Principal) -> None:
    """Station-owned records: stale if someone else (another device, or the province) wrote a newer version.

    A device's own unacknowledged changes do not count as conflicts: its outbox holds edits based on versions it
    wrote itself and has not heard back about yet.
    """
    if version > (base_version or 0) and writer != principal.device_pk:
        reject(
            RejectCode.VERSION_CONFLICT,
            f"changed by someone else since version {base_version or 0} (now version {version}); pull and redo",
            current_version=version,
        )


def to_column(name: str, value: Any) -> Any:
    """A wire value as the column stores it (dates are text on the wire)."""
    return parse_date(value) if name in DATE_FIELDS and value is not None else value


def _from_column(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def differs(row: Any, name: str, value: Any) -> bool:
    """Whether the wire ``value`` is not what the row holds (unchanged fields may travel along)."""
    return bool(_from_column(getattr(row, name)) != value)


# Statements of the write path are built once per table: a push applies thousands of mutations, and constructing
# SQLAlchemy statements anew for each costs more than executing them.
@functools.cache
def _select_locked_by_name(name: str) -> Select[Any]:
    table = Base.metadata.tables[name]
    return select(table).where(table.c.id == bindparam("k_id")).with_for_update()


@functools.cache
def _insert_by_name(name: str) -> Insert:
    return insert(Base.metadata.tables[name])


@functools.cache
def _update_by_name(name: str) -> Update:
    table = Base.metadata.tables[name]
    return update(table).where(table.c.id == bindparam("k_id"))


def insert_row(model: type[Any]) -> Insert:
    return _insert_by_name(model.__tablename__)


def update_row(model: type[Any]) -> Update:
    return _update_by_name(model.__tablename__)


def locked(conn: Connection, model: type[Any], key: str) -> Any:
    return conn.execute(_select_locked_by_name(model.__tablename__), {"k_id": key}).one_or_none()


class Writer:
    """One principal's writes inside the caller's transaction: the helpers every mutation handler uses."""

    def __init__(self, conn: Connection, principal: Principal, changes: Changes) -> None:
        self.conn = conn
        self.principal = principal
        self.changes = changes
        self.station_id = principal.station_id

    def _own(self, model: type[Any], record_id: str, *, live: bool = True) -> Any:
        """The station's record, locked; rejects one of another station without saying it exists."""
        row = locked(self.conn, model, record_id)
        if row is None:
            return None
        if row.station_id != self.station_id:
            reject(RejectCode.ID_CONFLICT, "this id belongs to another record; generate a new id")
        if live and row.deleted_at is not None:
            reject(RejectCode.NOT_FOUND, f"{model.__tablename__} {record_id} was deleted")
        return row

    def _live_operator(self, operator_id: str) -> Any:
        row = self.conn.execute(
            select(Operator).where(
                Operator.id == operator_id, Operator.station_id == self.station_id, Operator.deleted_at.is_(None)
            )
        ).one_or_none()
        if row is None:
            reject(RejectCode.NOT_FOUND, f"operator {operator_id} is not in this station's register")
        return row

    def _update(
        self, model: type[Any], row: Any, values: dict[str, Any], entity: Entity, *, refirst: bool = False
    ) -> int:
        values = {
            **values,
            "version": row.version + 1,
            "updated_at": utcnow(),
            "writer_device_pk": self.principal.device_pk,
        }
        self.conn.execute(update_row(model), {**values, "k_id": row.id})
        self.changes.updated(self.station_id, entity, row.id, row.version, row.version + 1, refirst=refirst)
        return int(row.version) + 1

    def _soft_delete(self, model: type[Any], row: Any, entity: Entity, reason: str | None) -> int:
        now = utcnow()
        self.conn.execute(
            update_row(model),
            {
                "k_id": row.id,
                "version": row.version + 1,
                "deleted_at": now,
                "deleted_reason": reason,
                "updated_at": now,
                "writer_device_pk": self.principal.device_pk,
            },
        )
        self.changes.deleted(self.station_id, entity, row.id, row.version, row.version + 1)
        return int(row.version) + 1

    def _insert(self, model: type[Any], entity: Entity, values: dict[str, Any]) -> int:
        now = utcnow()
        self.conn.execute(
            insert_row(model),
            {
                **values,
                "station_id": self.station_id,
                "version": 1,
                "created_at": now,
                "updated_at": now,
                "writer_device_pk": self.principal.device_pk,
            },
        )
        self.changes.created(self.station_id, entity, values["id"], 1, fresh=True)
        return 1


def reason_of(data: dict[str, Any]) -> str | None:
    """The optional ``reason`` of a deletion, kept with the tombstone (bounded: it is free text)."""
    reason = data.get("reason")
    return reason[:2000] if isinstance(reason, str) else None
