"""Outbox capture: every user action writes its data *and* its outbox entries in one local transaction.

Implemented once, as session events on the sessions :class:`localdb.database.Database` hands out
(:func:`install_capture`): ``before_flush`` notes which syncable records changed and how (attribute history is
still there), ``before_commit`` flushes, builds the mutations from the records' final state and adds the
:class:`~localdb.sync_models.OutboxEntry` rows, so they commit (or roll back) with the change itself.

What is captured, following docs/sync-protocol.md:

* operator created here → ``operator_proposal``/``propose`` (``kind: create``) with every field;
* operator changed → its station fields as ``operator``/``upsert``, its province fields (``info={"owner":
  PROVINCE}``) as ``operator_proposal``/``propose`` (``kind: update``, with the values seen before);
* carrier created, changed, soft-deleted → ``carrier`` upsert/delete (only the station fields of a register carrier);
* an inspection or any of its officers or answers changed → the whole ``inspection`` document;
* the rectification order a finalized inspection opened, opened / extended / closed → ``inspection``/``rectify`` with
  the order's whole current state (the finalized document itself never changes: the server refuses it);
* evidence link added or soft-deleted → ``evidence`` upsert/delete (metadata; the bytes go as a blob).

Bulk Core writers that create station data (the ledger import) build the same mutations with
:func:`operator_mutations` / :func:`carrier_mutations` and append them with :func:`write_outbox` in their own
transaction. Not captured: rows written by a sync pull (``session.info[APPLYING]``; the engine applies with Core
anyway), the demo station's load (it never syncs), and a station's deletion of an operator (deregistration
is the province's business; protocol v1 has no such mutation).

This layer may not import ``sync`` (independent layers), so the ownership comes from the column ``info``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Final

from sqlalchemy import Connection, event, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from localdb.ids import new_uuid
from localdb.inspection_models import (
    FINALIZED,
    Inspection,
    InspectionAnswer,
    InspectionEvidence,
    InspectionOfficer,
    Rectification,
)
from localdb.models import PROVINCE, Carrier, Operator, SyncColumns
from localdb.sync_models import PENDING, OutboxEntry

APPLYING: Final = "sync_applying"
"""``session.info`` flag: this session applies pulled data; nothing it writes goes into the outbox."""
_CHANGES: Final = "sync_changes"
_INSTALLED: Final = "_sync_capture_installed"

SYNC_COLUMNS: Final = frozenset(
    {"origin", "server_version", "change_state", "created_at", "updated_at", "deleted_at", "deleted_reason"}
)
OPERATOR_PROVINCE: Final = frozenset(c.key for c in Operator.__table__.columns if c.info.get("owner") == PROVINCE)
OPERATOR_STATION: Final = frozenset({"business_address", "phone", "notes"})
CARRIER_FIELDS: Final = (
    "operator_id",
    "kind",
    "platform",
    "shop_name",
    "shop_id",
    "url",
    "icp_filing",
    "license_display",
    "first_seen",
    "last_verified",
    "status",
)
CARRIER_STATION: Final = frozenset({"license_display", "last_verified", "status"})
INSPECTION_CHILDREN: Final = (InspectionOfficer, InspectionAnswer)


def jsonable(value: Any) -> Any:
    """A column value as JSON data (dates ISO, decimals as text)."""
    if value is None or type(value) is str:  # most values: one cheap test (bulk writers call this per field)
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def install_capture(factory: sessionmaker[Session]) -> None:
    """Capture outbox entries in every session ``factory`` makes (idempotent); ``Database`` installs it on its
    write sessions, so every service's transaction carries its outbox entries."""
    if getattr(factory, _INSTALLED, False):
        return
    event.listen(factory, "before_flush", _before_flush)
    event.listen(factory, "before_commit", _before_commit)
    event.listen(factory, "after_rollback", _forget)
    setattr(factory, _INSTALLED, True)


def _forget(session: Session) -> None:
    session.info.pop(_CHANGES, None)


def _changed(obj: object) -> dict[str, Any]:
    """Changed column attributes of ``obj`` with their values before the change."""
    state = inspect(obj)
    found: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if history.has_changes():
            found[attr.key] = history.deleted[0] if history.deleted else None
    return found


def _before_flush(session: Session, _context: object, _instances: object) -> None:
    if session.info.get(APPLYING):
        return
    changes: dict[tuple[str, str], dict[str, Any]] = session.info.setdefault(_CHANGES, {})
    for obj in session.new:
        _note(changes, obj, new=True)
    for obj in session.dirty:
        if session.is_modified(obj, include_collections=False):
            _note(changes, obj, new=False)


def _note(changes: dict[tuple[str, str], dict[str, Any]], obj: object, new: bool) -> None:
    if new and isinstance(obj, Operator | Carrier | Inspection | InspectionEvidence) and not getattr(obj, "id", None):
        obj.id = new_uuid()  # the column default, taken now: the outbox entry needs the id before the insert
    if isinstance(obj, Operator):
        entry = changes.setdefault(("operator", obj.id), {"new": new, "before": {}, "obj": obj})
        if not entry["new"]:
            for name, before in _changed(obj).items():
                entry["before"].setdefault(name, before)
    elif isinstance(obj, Carrier):
        entry = changes.setdefault(("carrier", obj.id), {"new": new, "before": {}, "obj": obj})
        if not entry["new"]:
            for name, before in _changed(obj).items():
                entry["before"].setdefault(name, before)
    elif isinstance(obj, Inspection):
        changes.setdefault(("inspection", obj.id), {"obj": obj})
    elif isinstance(obj, INSPECTION_CHILDREN):
        inspection_id = obj.inspection_id
        if inspection_id:
            changes.setdefault(("inspection", inspection_id), {"obj": None})
    elif isinstance(obj, Rectification):  # keyed by its inspection: one order per inspection, id set at insert
        changes.setdefault(("rectification", obj.inspection_id), {"obj": None})
    elif isinstance(obj, InspectionEvidence):
        entry = changes.setdefault(("evidence", obj.id), {"new": new, "before": {}, "obj": obj})
        if not entry["new"]:
            for name, before in _changed(obj).items():
                entry["before"].setdefault(name, before)


ORDER: Final = {"operator": 0, "carrier": 1, "inspection": 2, "evidence": 3, "rectification": 4}
"""Entries of one transaction in this order: a rectification after the inspections (the re-inspection that closes
an order is finalized in the same transaction, and the server wants it first)."""


def _before_commit(session: Session) -> None:
    if session.info.get(APPLYING):
        return
    session.flush()  # commit flushes only after this event: flush now so before_flush sees the last changes
    if not session.info.get(_CHANGES):
        return
    changes: dict[tuple[str, str], dict[str, Any]] = session.info.pop(_CHANGES, {})
    entries: list[OutboxEntry] = []
    with session.no_autoflush:
        for (kind, record_id), info in sorted(changes.items(), key=lambda item: ORDER[item[0][0]]):
            if kind == "operator":
                entries += _operator_entries(info["obj"], info["new"], info["before"])
            elif kind == "carrier":
                entries += _carrier_entries(info["obj"], info["new"], info["before"])
            elif kind == "inspection":
                entry = _inspection_entry(session, record_id)
                if entry is not None and not _merged(session, entry):
                    entries.append(entry)
            elif kind == "evidence":
                entries += _evidence_entries(info["obj"], info["new"], info["before"])
            elif kind == "rectification":
                entry = _rectification_entry(session, record_id)
                if entry is not None and not _merged(session, entry):
                    entries.append(entry)
    for entry in entries:
        session.add(entry)
    if entries:
        session.flush()
    session.info.pop(_CHANGES, None)


def _entry(entity: str, record_id: str, op: str, data: dict[str, Any], base_version: int | None) -> OutboxEntry:
    return OutboxEntry(
        entity=entity,
        entity_id=record_id,
        op=op,
        base_version=base_version,
        payload=dumps(data),
        created_at=datetime.now(),
        state=PENDING,
    )


def _newly_deleted(before: dict[str, Any], obj: SyncColumns) -> bool:
    return "deleted_at" in before and before["deleted_at"] is None and obj.deleted_at is not None


Mutation = tuple[str, str, str, dict[str, Any], int | None]
"""(entity, entity_id, op, data, base_version): one outbox entry before it becomes a row."""


def operator_mutations(record: Mapping[str, Any], new: bool, before: Mapping[str, Any]) -> list[Mutation]:
    """The mutations for an operator created (``new``) or changed (``before``: old values of changed columns);
    ``record`` holds its current column values. Shared by the ORM capture and the bulk writers (ledger import)."""
    if new:
        if record["origin"] != "station" or record["server_version"] is not None:
            return []
        fields = {
            name: jsonable(record[name])
            for name in sorted(OPERATOR_PROVINCE | OPERATOR_STATION)
            if record.get(name) is not None
        }
        data = {
            "kind": "create",
            "operator_id": record["id"],
            "fields": fields,
            "base_values": {},
            "reason": "",
            "identifier_override": record.get("identifier_override"),
        }
        return [("operator_proposal", new_uuid(), "propose", data, None)]
    if record.get("deleted_at") is not None:
        return []
    out: list[Mutation] = []
    version = record["server_version"]
    province = sorted(name for name in before if name in OPERATOR_PROVINCE and before[name] != record[name])
    station = sorted(name for name in before if name in OPERATOR_STATION and before[name] != record[name])
    if province:
        data = {
            "kind": "update",
            "operator_id": record["id"],
            "fields": {name: jsonable(record[name]) for name in province},
            "base_values": {name: jsonable(before[name]) for name in province},
            "reason": "",
            "identifier_override": record.get("identifier_override") if "identifier" in province else None,
        }
        out.append(("operator_proposal", new_uuid(), "propose", data, version))
    if station:
        out.append(("operator", record["id"], "upsert", {name: jsonable(record[name]) for name in station}, version))
    return out


def carrier_mutations(record: Mapping[str, Any], new: bool, before: Mapping[str, Any]) -> list[Mutation]:
    """The mutations for a carrier created, changed or soft-deleted (as :func:`operator_mutations`)."""
    version = record["server_version"]
    if new:
        if version is not None:
            return []
        data = {name: jsonable(record[name]) for name in CARRIER_FIELDS if record.get(name) is not None}
        return [("carrier", record["id"], "upsert", data, None)]
    if "deleted_at" in before and before["deleted_at"] is None and record.get("deleted_at") is not None:
        return [("carrier", record["id"], "delete", {"reason": record.get("deleted_reason") or ""}, version)]
    allowed = CARRIER_STATION if record["origin"] == PROVINCE else frozenset(CARRIER_FIELDS)
    names = sorted(name for name in before if name in allowed and before[name] != record[name])
    if not names:
        return []
    return [("carrier", record["id"], "upsert", {name: jsonable(record[name]) for name in names}, version)]


def _values(obj: object) -> dict[str, Any]:
    return {attr.key: getattr(obj, attr.key) for attr in inspect(obj).mapper.column_attrs}


def _operator_entries(op: Operator, new: bool, before: dict[str, Any]) -> list[OutboxEntry]:
    return [_entry(*mutation) for mutation in operator_mutations(_values(op), new, before)]


def _carrier_entries(carrier: Carrier, new: bool, before: dict[str, Any]) -> list[OutboxEntry]:
    return [_entry(*mutation) for mutation in carrier_mutations(_values(carrier), new, before)]


OUTBOX_INSERT: Final = (
    "INSERT INTO sync_outbox (entity, entity_id, op, base_version, payload, created_at, state)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def write_outbox(conn: Connection, mutations: Sequence[Mutation], created_at: str) -> None:
    """Append ``mutations`` to the outbox with Core, in the caller's transaction (bulk writers: ledger import);
    ``created_at`` in the form SQLAlchemy stores a DateTime."""
    rows = [(e, i, o, base, dumps(data), created_at, PENDING) for e, i, o, data, base in mutations]
    if rows:
        conn.exec_driver_sql(OUTBOX_INSERT, rows)


def _evidence_entries(row: InspectionEvidence, new: bool, before: dict[str, Any]) -> list[OutboxEntry]:
    if new:
        if row.server_version is not None or row.deleted_at is not None:
            return []
        return [_entry("evidence", row.id, "upsert", evidence_data(row), None)]
    if _newly_deleted(before, row):
        return [_entry("evidence", row.id, "delete", {"reason": row.deleted_reason or ""}, row.server_version)]
    return []  # evidence metadata is immutable on the server once stored


def evidence_data(row: InspectionEvidence) -> dict[str, Any]:
    """The ``evidence`` mutation's data for a local evidence link."""
    return {
        "inspection_id": row.inspection_id,
        "sha256": row.sha256,
        "size": row.size,
        "media_type": row.media_type,
        "filename": row.file_name,
        "captured_at": jsonable(row.captured_at),
        "source_url": row.source_url,
        "sm3": row.sm3 or None,
        "metadata": {
            "item_code": row.item_code,
            "device": row.device,
            "method": row.method,
            "officer_id": row.officer_id,
            "description": row.description,
            "added_at": jsonable(row.added_at),
        },
    }


def _columns(obj: object, skip: frozenset[str] = SYNC_COLUMNS) -> dict[str, Any]:
    return {
        attr.key: jsonable(getattr(obj, attr.key)) for attr in inspect(obj).mapper.column_attrs if attr.key not in skip
    }


def inspection_document(session: Session, record: Inspection) -> dict[str, Any]:
    """The ``inspection`` mutation's data: the whole record with its officers and answers (a rectification order
    travels on its own, :func:`rectification_data`: it changes after the record is final)."""
    officers = session.scalars(
        select(InspectionOfficer)
        .where(InspectionOfficer.inspection_id == record.id, InspectionOfficer.deleted_at.is_(None))
        .order_by(InspectionOfficer.position)
    ).all()
    answers = session.scalars(
        select(InspectionAnswer)
        .where(InspectionAnswer.inspection_id == record.id, InspectionAnswer.deleted_at.is_(None))
        .order_by(InspectionAnswer.item_code)
    ).all()
    payload = {
        "record": _columns(record),
        "officers": [_columns(o) for o in officers],
        "answers": [_columns(a) for a in answers],
    }
    return {
        "status": "final" if record.state == FINALIZED else "draft",
        "amends": record.amends_id,
        "operator_id": record.operator_id,
        "payload": payload,
    }


def _inspection_entry(session: Session, inspection_id: str) -> OutboxEntry | None:
    record = session.get(Inspection, inspection_id)
    if record is None:
        return None
    if record.deleted_at is not None:
        if record.state == FINALIZED:
            return None
        return _entry("inspection", record.id, "delete", {"reason": record.deleted_reason or ""}, record.server_version)
    return _entry("inspection", record.id, "upsert", inspection_document(session, record), record.server_version)


def rectification_data(rect: Rectification) -> dict[str, Any]:
    """The ``inspection``/``rectify`` mutation's data: the order's whole current state (``RectificationData``)."""
    return {
        "id": rect.id,
        "item_codes": json.loads(rect.item_codes),
        "requirement": rect.requirement,
        "deadline": jsonable(rect.deadline),
        "original_deadline": jsonable(rect.original_deadline),
        "extensions": rect.extensions,
        "state": rect.state,
        "closed_at": jsonable(rect.closed_at),
        "closed_by_inspection_id": rect.closed_by_inspection_id,
        "close_note": rect.close_note,
    }


def _rectification_entry(session: Session, inspection_id: str) -> OutboxEntry | None:
    record = session.get(Inspection, inspection_id)
    rect = session.scalars(
        select(Rectification).where(Rectification.inspection_id == inspection_id, Rectification.deleted_at.is_(None))
    ).first()
    if record is None or rect is None:
        return None
    return _entry("inspection", record.id, "rectify", rectification_data(rect), record.server_version)


def _merged(session: Session, entry: OutboxEntry) -> bool:
    """Fold an entry into the previous one when that is the newest entry, unsent, of the same record and kind: an
    autosave of a draft (same status), or a newer state of a rectification order. Both carry the whole state."""
    last = session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq.desc()).limit(1)).first()
    if (
        last is None
        or last.state != PENDING
        or (last.entity, last.entity_id, last.op)
        != (
            entry.entity,
            entry.entity_id,
            entry.op,
        )
    ):
        return False
    if entry.op == "delete" or json.loads(last.payload).get("status") != json.loads(entry.payload).get("status"):
        return False
    last.payload = entry.payload
    last.created_at = entry.created_at
    return True
