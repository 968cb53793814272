"""Applying pushed mutations: one transaction per mutation, idempotent per ``(device, seq)``, ownership enforced.

``push`` processes a batch in seq order. For each mutation, in one write transaction:

1. lock the device row; a device whose ``last_seq`` is ahead of the client's counter is a copied database (409);
2. a seq at or below ``last_seq`` is a retry: answer with the recorded result (if the content differs: 409);
3. otherwise apply it inside a savepoint; a :class:`Rejected` rolls the savepoint back, so the mutation leaves
   nothing but its rejection record;
4. record the result and advance ``last_seq`` — in the same transaction as the effect.

Ownership (see docs/sync-protocol.md, "Ownership"): province fields change only through proposals; station-owned
documents follow the version rule in :func:`_check_version`; finalized inspections and stored evidence never change.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, NoReturn

from pydantic import BaseModel, ValidationError
from sqlalchemy import Connection, Insert, Select, Update, bindparam, insert, select, update

from app.validation import IdentifierType, validate_icp_filing, validate_identifier, validate_phone
from server.changes import Changes
from server.db import Database
from server.models import (
    AppliedMutation,
    Base,
    Blob,
    BlobOwner,
    Carrier,
    Device,
    Evidence,
    Inspection,
    Operator,
    Proposal,
    utcnow,
)
from server.records import parse_date
from sync.protocol import (
    CARRIER_PROVINCE_FIELDS,
    OPERATOR_PROVINCE_FIELDS,
    OPERATOR_REQUIRED_ON_CREATE,
    OPERATOR_STATION_FIELDS,
    CarrierFields,
    Entity,
    EvidenceData,
    InspectionData,
    Mutation,
    MutationResult,
    Op,
    OperatorFields,
    OperatorProposalData,
    PushRequest,
    RejectCode,
    mutation_fingerprint,
)

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


class DeviceConflict(Exception):
    """The server has seen this device further ahead than the client's counter: a copied database (409)."""

    def __init__(self, message: str, last_seq: int, results: list[MutationResult]) -> None:
        super().__init__(message)
        self.message = message
        self.last_seq = last_seq
        self.results = results


class BadBatch(ValueError):
    """The batch itself is inconsistent (order, device, counter): 422 before anything is applied."""


def _reject(code: RejectCode, reason: str, current_version: int | None = None) -> NoReturn:
    raise Rejected(code, reason, current_version)


def _parse(model: type[BaseModel], data: dict[str, Any]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in error['loc']) or 'data'}: {error['msg']}" for error in exc.errors()
        )
        _reject(RejectCode.INVALID_DATA, f"invalid data: {problems}")


def _check_version(version: int, writer: int | None, base_version: int | None, principal: Principal) -> None:
    """Station-owned records: stale if someone else (another device, or the province) wrote a newer version.

    A device's own unacknowledged changes do not count as conflicts: its outbox holds edits based on versions it
    wrote itself and has not heard back about yet.
    """
    if version > (base_version or 0) and writer != principal.device_pk:
        _reject(
            RejectCode.VERSION_CONFLICT,
            f"changed by someone else since version {base_version or 0} (now version {version}); pull and redo",
            current_version=version,
        )


def _to_column(name: str, value: Any) -> Any:
    return parse_date(value) if name in DATE_FIELDS and value is not None else value


def _from_column(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _differs(row: Any, name: str, value: Any) -> bool:
    return bool(_from_column(getattr(row, name)) != value)


def _validated_identifier(identifier_type: str, identifier: str, override: str | None) -> str:
    result = validate_identifier(IdentifierType(identifier_type), identifier)
    if result.errors:
        _reject(RejectCode.VALIDATION, "identifier: " + " ".join(f.render() for f in result.errors))
    if result.warnings and not (override and override.strip()):
        _reject(
            RejectCode.VALIDATION,
            "identifier: "
            + " ".join(f.render() for f in result.warnings)
            + " (send identifier_override with a reason)",
        )
    return result.normalized


def _validated_phone(phone: str) -> str:
    result = validate_phone(phone)
    if result.errors:
        _reject(RejectCode.VALIDATION, "phone: " + " ".join(f.render() for f in result.errors))
    return result.normalized


def _validated_icp(value: str) -> str:
    result = validate_icp_filing(value)
    if result.errors:
        _reject(RejectCode.VALIDATION, "icp_filing: " + " ".join(f.render() for f in result.errors))
    return result.normalized


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


def _insert_row(model: type[Any]) -> Insert:
    return _insert_by_name(model.__tablename__)


def _update_row(model: type[Any]) -> Update:
    return _update_by_name(model.__tablename__)


def _locked(conn: Connection, model: type[Any], key: str) -> Any:
    return conn.execute(_select_locked_by_name(model.__tablename__), {"k_id": key}).one_or_none()


class Applier:
    """Applies one mutation of one principal inside the caller's transaction; returns the record's new version."""

    def __init__(self, conn: Connection, principal: Principal, changes: Changes) -> None:
        self.conn = conn
        self.principal = principal
        self.changes = changes
        self.station_id = principal.station_id

    def apply(self, mutation: Mutation) -> int:
        handler = {
            (Entity.OPERATOR, Op.UPSERT): self._operator_upsert,
            (Entity.OPERATOR_PROPOSAL, Op.PROPOSE): self._propose,
            (Entity.CARRIER, Op.UPSERT): self._carrier_upsert,
            (Entity.CARRIER, Op.DELETE): self._carrier_delete,
            (Entity.INSPECTION, Op.UPSERT): self._inspection_upsert,
            (Entity.INSPECTION, Op.DELETE): self._inspection_delete,
            (Entity.EVIDENCE, Op.UPSERT): self._evidence_upsert,
            (Entity.EVIDENCE, Op.DELETE): self._evidence_delete,
        }.get((mutation.entity, mutation.op))
        if handler is None:
            hint = {
                Entity.OPERATOR: "operator registry fields change through operator_proposal/propose",
                Entity.LICENSE: "licences are province records (pull only)",
            }.get(mutation.entity, "see docs/sync-protocol.md")
            _reject(RejectCode.UNSUPPORTED, f"{mutation.entity.value}/{mutation.op.value} is not accepted: {hint}")
        return handler(mutation)

    # --- helpers --------------------------------------------------------------------------------------------------
    def _own(self, model: type[Any], record_id: str, *, live: bool = True) -> Any:
        """The station's record, locked; rejects one of another station without saying it exists."""
        row = _locked(self.conn, model, record_id)
        if row is None:
            return None
        if row.station_id != self.station_id:
            _reject(RejectCode.ID_CONFLICT, "this id belongs to another record; generate a new id")
        if live and row.deleted_at is not None:
            _reject(RejectCode.NOT_FOUND, f"{model.__tablename__} {record_id} was deleted")
        return row

    def _live_operator(self, operator_id: str) -> Any:
        row = self.conn.execute(
            select(Operator).where(
                Operator.id == operator_id, Operator.station_id == self.station_id, Operator.deleted_at.is_(None)
            )
        ).one_or_none()
        if row is None:
            _reject(RejectCode.NOT_FOUND, f"operator {operator_id} is not in this station's register")
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
        self.conn.execute(_update_row(model), {**values, "k_id": row.id})
        self.changes.updated(self.station_id, entity, row.id, row.version, row.version + 1, refirst=refirst)
        return int(row.version) + 1

    def _soft_delete(self, model: type[Any], row: Any, entity: Entity, reason: str | None) -> int:
        now = utcnow()
        self.conn.execute(
            _update_row(model),
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
            _insert_row(model),
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

    # --- operators and proposals ----------------------------------------------------------------------------------
    def _operator_upsert(self, mutation: Mutation) -> int:
        fields = _parse(OperatorFields, mutation.data).model_dump(exclude_unset=True)
        row = self._own(Operator, mutation.id)
        if row is None:
            _reject(RejectCode.NOT_FOUND, "no such operator in this station's register; propose a new one instead")
        province = sorted(
            name for name in fields if name in OPERATOR_PROVINCE_FIELDS and _differs(row, name, fields[name])
        )
        if province:
            _reject(
                RejectCode.PROVINCE_OWNED,
                f"fields owned by the province cannot be changed directly: {', '.join(province)}; "
                "send an operator_proposal",
            )
        values = {name: value for name, value in fields.items() if name in OPERATOR_STATION_FIELDS}
        if "phone" in values:
            values["phone"] = _validated_phone(values["phone"] or "")
        values = {name: "" if value is None else value for name, value in values.items()}
        values = {name: value for name, value in values.items() if _differs(row, name, value)}
        if not values:
            return int(row.version)
        return self._update(Operator, row, values, Entity.OPERATOR)

    def _propose(self, mutation: Mutation) -> int:
        data: OperatorProposalData = _parse(OperatorProposalData, mutation.data)
        proposed = _parse(OperatorFields, data.fields).model_dump(exclude_unset=True)
        if self.conn.scalar(select(Proposal.id).where(Proposal.id == mutation.id)) is not None:
            _reject(RejectCode.ID_CONFLICT, "a proposal with this id exists; every proposal needs a new id")
        if not proposed:
            _reject(RejectCode.INVALID_DATA, "the proposal changes no field")
        if data.kind == "update":
            operator = self._live_operator(data.operator_id)
            station_fields = sorted(set(proposed) - OPERATOR_PROVINCE_FIELDS)
            if station_fields:
                _reject(
                    RejectCode.INVALID_DATA,
                    f"{', '.join(station_fields)} belong to the station: send them as operator/upsert, not a proposal",
                )
            if "identifier" in proposed or "identifier_type" in proposed:
                kind = proposed.get("identifier_type") or operator.identifier_type
                value = proposed.get("identifier", operator.identifier) or ""
                proposed["identifier"] = _validated_identifier(kind, value, data.identifier_override)
                proposed["identifier_type"] = kind
            if proposed.get("name") is None and "name" in proposed:
                _reject(RejectCode.INVALID_DATA, "name cannot be empty")
        else:
            if self.conn.scalar(select(Operator.id).where(Operator.id == data.operator_id)) is not None:
                _reject(RejectCode.ID_CONFLICT, "an operator with this id exists; a new operator needs a new id")
            missing = sorted(name for name in OPERATOR_REQUIRED_ON_CREATE if proposed.get(name) is None)
            if missing:
                _reject(RejectCode.INVALID_DATA, f"a new operator needs: {', '.join(missing)}")
            proposed["identifier"] = _validated_identifier(
                proposed["identifier_type"], proposed.get("identifier") or "", data.identifier_override
            )
            if proposed.get("phone"):
                proposed["phone"] = _validated_phone(proposed["phone"])
            columns = {name: _to_column(name, value) for name, value in proposed.items() if value is not None}
            self._insert(
                Operator,
                Entity.OPERATOR,
                {
                    **columns,
                    "id": data.operator_id,
                    "origin": "station",
                    "identifier_override": data.identifier_override,
                },
            )
        return self._insert(
            Proposal,
            Entity.OPERATOR_PROPOSAL,
            {
                "id": mutation.id,
                "device_pk": self.principal.device_pk,
                "user_id": self.principal.user_id,
                "kind": data.kind,
                "operator_id": data.operator_id,
                "base_version": mutation.base_version,
                "fields": proposed,
                "base_values": data.base_values,
                "reason": data.reason,
                "identifier_override": data.identifier_override,
                "status": "pending",
            },
        )

    # --- carriers -------------------------------------------------------------------------------------------------
    def _carrier_upsert(self, mutation: Mutation) -> int:
        fields = _parse(CarrierFields, mutation.data).model_dump(exclude_unset=True)
        if fields.get("icp_filing"):
            fields["icp_filing"] = _validated_icp(fields["icp_filing"])
        row = self._own(Carrier, mutation.id)
        if row is None:
            if not fields.get("operator_id") or not fields.get("kind"):
                _reject(RejectCode.INVALID_DATA, "a new carrier needs operator_id and kind")
            self._live_operator(fields["operator_id"])
            values = {name: _to_column(name, value) for name, value in fields.items() if value is not None}
            return self._insert(Carrier, Entity.CARRIER, {**values, "id": mutation.id, "origin": "station"})
        if row.origin == "province":
            province = sorted(
                name for name in fields if name in CARRIER_PROVINCE_FIELDS and _differs(row, name, fields[name])
            )
            if province:
                _reject(
                    RejectCode.PROVINCE_OWNED,
                    f"this carrier is in the provincial register; the station may only update "
                    f"license_display, last_verified and status, not: {', '.join(province)}",
                )
        else:
            _check_version(row.version, row.writer_device_pk, mutation.base_version, self.principal)
            if fields.get("operator_id") and fields["operator_id"] != row.operator_id:
                self._live_operator(fields["operator_id"])
        # None clears a text or date field; for the required and vocabulary fields it means "leave as it is".
        keep = {"operator_id", "kind", "license_display", "status"}
        values = {
            name: _to_column(name, "" if value is None and name not in DATE_FIELDS else value)
            for name, value in fields.items()
            if not (value is None and name in keep) and _differs(row, name, value)
        }
        if not values:
            return int(row.version)
        return self._update(Carrier, row, values, Entity.CARRIER, refirst="operator_id" in values)

    def _carrier_delete(self, mutation: Mutation) -> int:
        row = self._own(Carrier, mutation.id, live=False)
        if row is None:
            _reject(RejectCode.NOT_FOUND, "no such carrier in this station's register")
        if row.deleted_at is not None:
            return int(row.version)
        if row.origin == "province":
            _reject(RejectCode.PROVINCE_OWNED, "carriers from the provincial register cannot be deleted by a station")
        _check_version(row.version, row.writer_device_pk, mutation.base_version, self.principal)
        return self._soft_delete(Carrier, row, Entity.CARRIER, _reason(mutation.data))

    # --- inspections and evidence ---------------------------------------------------------------------------------
    def _inspection_upsert(self, mutation: Mutation) -> int:
        data: InspectionData = _parse(InspectionData, mutation.data)
        row = self._own(Inspection, mutation.id)
        if data.operator_id and (row is None or data.operator_id != row.operator_id):
            self._live_operator(data.operator_id)
        final = data.status == "final"
        if row is None:
            if data.amends:
                original = self.conn.execute(
                    select(Inspection).where(
                        Inspection.id == data.amends,
                        Inspection.station_id == self.station_id,
                        Inspection.deleted_at.is_(None),
                    )
                ).one_or_none()
                if original is None:
                    _reject(RejectCode.NOT_FOUND, f"the inspection to amend ({data.amends}) is not in this station")
                if original.status != "final":
                    _reject(RejectCode.INVALID_DATA, "only a finalized inspection can be amended; edit the draft")
            return self._insert(
                Inspection,
                Entity.INSPECTION,
                {
                    "id": mutation.id,
                    "status": data.status,
                    "amends": data.amends,
                    "operator_id": data.operator_id,
                    "payload": data.payload,
                    "created_by_user_id": self.principal.user_id,
                    "finalized_at": utcnow() if final else None,
                },
            )
        same = (row.status, row.amends, row.operator_id, row.payload) == (
            data.status,
            data.amends,
            data.operator_id,
            data.payload,
        )
        if row.status == "final":
            if same:
                return int(row.version)
            _reject(RejectCode.FINALIZED, "this inspection is finalized and cannot change; push an amendment")
        _check_version(row.version, row.writer_device_pk, mutation.base_version, self.principal)
        if data.amends != row.amends:
            _reject(RejectCode.INVALID_DATA, "amends is set when the amendment is created and cannot change")
        if same:
            return int(row.version)
        values: dict[str, Any] = {"status": data.status, "operator_id": data.operator_id, "payload": data.payload}
        if final:
            values["finalized_at"] = utcnow()
        moved = data.operator_id is not None and data.operator_id != row.operator_id
        return self._update(Inspection, row, values, Entity.INSPECTION, refirst=moved)

    def _inspection_delete(self, mutation: Mutation) -> int:
        row = self._own(Inspection, mutation.id, live=False)
        if row is None:
            _reject(RejectCode.NOT_FOUND, "no such inspection in this station")
        if row.deleted_at is not None:
            return int(row.version)
        if row.status == "final":
            _reject(RejectCode.FINALIZED, "a finalized inspection cannot be deleted; push an amendment")
        _check_version(row.version, row.writer_device_pk, mutation.base_version, self.principal)
        evidence = self.conn.execute(
            select(Evidence).where(Evidence.inspection_id == row.id, Evidence.deleted_at.is_(None)).with_for_update()
        ).all()
        for item in evidence:
            self._soft_delete(Evidence, item, Entity.EVIDENCE, "inspection deleted")
        return self._soft_delete(Inspection, row, Entity.INSPECTION, _reason(mutation.data))

    def _evidence_upsert(self, mutation: Mutation) -> int:
        data: EvidenceData = _parse(EvidenceData, mutation.data)
        row = self._own(Evidence, mutation.id)
        values: dict[str, Any] = {
            "inspection_id": data.inspection_id,
            "sha256": data.sha256,
            "size": data.size,
            "media_type": data.media_type,
            "filename": data.filename,
            "captured_at": data.captured_at,
            "source_url": data.source_url,
            "sm3": data.sm3,
            "meta": data.metadata,
        }
        if row is not None:
            if all(getattr(row, name) == value for name, value in values.items()):
                return int(row.version)
            _reject(RejectCode.IMMUTABLE, "evidence metadata cannot change once stored; add a new evidence record")
        inspection = self._own(Inspection, data.inspection_id)
        if inspection is None:
            _reject(RejectCode.NOT_FOUND, f"inspection {data.inspection_id} is not in this station")
        if inspection.status == "final":
            _reject(RejectCode.FINALIZED, "the inspection is finalized; attach new evidence to an amendment")
        owned = self.conn.execute(
            select(Blob.size)
            .join(BlobOwner, BlobOwner.sha256 == Blob.sha256)
            .where(BlobOwner.station_id == self.station_id, Blob.sha256 == data.sha256)
        ).scalar_one_or_none()
        if owned is None:
            _reject(RejectCode.BLOB_MISSING, f"upload the file first: PUT /sync/v1/blobs/{data.sha256}")
        if owned != data.size:
            _reject(RejectCode.INVALID_DATA, f"size {data.size} does not match the uploaded file ({owned} bytes)")
        return self._insert(Evidence, Entity.EVIDENCE, {**values, "id": mutation.id})

    def _evidence_delete(self, mutation: Mutation) -> int:
        row = self._own(Evidence, mutation.id, live=False)
        if row is None:
            _reject(RejectCode.NOT_FOUND, "no such evidence in this station")
        if row.deleted_at is not None:
            return int(row.version)
        status = self.conn.scalar(select(Inspection.status).where(Inspection.id == row.inspection_id))
        if status == "final":
            _reject(RejectCode.FINALIZED, "evidence of a finalized inspection cannot be deleted")
        _check_version(row.version, row.writer_device_pk, mutation.base_version, self.principal)
        return self._soft_delete(Evidence, row, Entity.EVIDENCE, _reason(mutation.data))


def _reason(data: dict[str, Any]) -> str | None:
    reason = data.get("reason")
    return reason[:2000] if isinstance(reason, str) else None


# --- the batch ---------------------------------------------------------------------------------------------------
def check_batch(request: PushRequest) -> None:
    """Refuse an inconsistent batch before touching anything."""
    previous = 0
    for mutation in request.mutations:
        if mutation.device_id != request.device_id:
            raise BadBatch(
                f"mutation seq {mutation.seq} names device {mutation.device_id}, the batch {request.device_id}"
            )
        if mutation.seq <= previous:
            raise BadBatch(f"seq must be strictly ascending within a batch (seq {mutation.seq} after {previous})")
        if mutation.seq > request.device_counter:
            raise BadBatch(f"seq {mutation.seq} is above the device counter {request.device_counter}")
        previous = mutation.seq


def _result(mutation: Mutation, record: Any, already: bool) -> MutationResult:
    return MutationResult(
        seq=mutation.seq,
        entity=record.entity,
        id=record.entity_id,
        status=record.status,
        already_applied=already,
        version=record.version,
        code=record.code,
        reason=record.reason,
        current_version=record.current_version,
    )


_DEVICE = Base.metadata.tables[Device.__tablename__].c
_APPLIED = Base.metadata.tables[AppliedMutation.__tablename__].c
_LOCK_DEVICE = select(_DEVICE.last_seq).where(_DEVICE.id == bindparam("k_device")).with_for_update()
_FIND_APPLIED = select(Base.metadata.tables[AppliedMutation.__tablename__]).where(
    _APPLIED.device_pk == bindparam("k_device"), _APPLIED.seq == bindparam("k_seq")
)
_ADVANCE_DEVICE = update(Base.metadata.tables[Device.__tablename__]).where(_DEVICE.id == bindparam("k_device"))


def push(db: Database, principal: Principal, request: PushRequest) -> tuple[int, list[MutationResult]]:
    """Apply a batch; returns the device's last seq and one result per mutation. Raises :class:`DeviceConflict`."""
    results: list[MutationResult] = []
    last_seq = 0
    for mutation in request.mutations:
        fingerprint = mutation_fingerprint(mutation)
        with db.write() as conn:
            last_seq = int(conn.execute(_LOCK_DEVICE, {"k_device": principal.device_pk}).scalar_one())
            if last_seq > request.device_counter:
                raise DeviceConflict(
                    f"the server has applied seq {last_seq} from this device, but its counter is only "
                    f"{request.device_counter}: this database was copied or restored; register as a new device",
                    last_seq,
                    results,
                )
            if mutation.seq <= last_seq:
                record = conn.execute(
                    _FIND_APPLIED, {"k_device": principal.device_pk, "k_seq": mutation.seq}
                ).one_or_none()
                if record is None:
                    results.append(
                        MutationResult(
                            seq=mutation.seq,
                            entity=mutation.entity.value,
                            id=mutation.id,
                            status="rejected",
                            code=RejectCode.SEQ_OUT_OF_ORDER,
                            reason=f"seq {mutation.seq} arrived after seq {last_seq} and was never applied",
                        )
                    )
                    continue
                if record.fingerprint != fingerprint:
                    raise DeviceConflict(
                        f"seq {mutation.seq} was already used by this device for a different change: "
                        "this database was copied or restored; register as a new device",
                        last_seq,
                        results,
                    )
                results.append(_result(mutation, record, already=True))
                continue
            changes = Changes()
            values: dict[str, Any] = {
                "device_pk": principal.device_pk,
                "seq": mutation.seq,
                "user_id": principal.user_id,
                "entity": mutation.entity.value,
                "entity_id": mutation.id,
                "op": mutation.op.value,
                "fingerprint": fingerprint,
                "client_time": mutation.client_time,
                "applied_at": utcnow(),
            }
            try:
                with conn.begin_nested():
                    version = Applier(conn, principal, changes).apply(mutation)
                    changes.flush(conn)
                values.update(status="applied", version=version)
            except Rejected as rejected:
                values.update(
                    status="rejected",
                    code=rejected.code.value,
                    reason=rejected.reason,
                    current_version=rejected.current_version,
                )
            conn.execute(_insert_row(AppliedMutation), values)
            conn.execute(
                _ADVANCE_DEVICE, {"k_device": principal.device_pk, "last_seq": mutation.seq, "last_seen_at": utcnow()}
            )
            last_seq = mutation.seq
        results.append(_result(mutation, _Record(values), already=False))
    return last_seq, results


class _Record:
    """A just-written ``applied_mutation`` row as attributes (the shape :func:`_result` reads)."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.entity = values["entity"]
        self.entity_id = values["entity_id"]
        self.status = values["status"]
        self.version = values.get("version")
        self.code = values.get("code")
        self.reason = values.get("reason")
        self.current_version = values.get("current_version")
