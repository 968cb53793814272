"""Applying pushed mutations: one transaction per mutation, idempotent per ``(device, seq)``, ownership enforced.

``push`` processes a batch in seq order. For each mutation, in one write transaction:

1. lock the device row; a device whose ``last_seq`` is ahead of the client's counter is a copied database (409);
2. a seq at or below ``last_seq`` is a retry: answer with the recorded result (if the content differs: 409);
3. otherwise apply it inside a savepoint; a :class:`Rejected` rolls the savepoint back, so the mutation leaves
   nothing but its rejection record;
4. record the result and advance ``last_seq`` — in the same transaction as the effect.

What each mutation does lives with its records: server/registry_mutations.py (operators, proposals, carriers) and
server/document_mutations.py (inspections, evidence, rectification orders), on the shared writes of server/writes.py.
Ownership (see docs/sync-protocol.md, "Ownership"): province fields change only through proposals; station-owned
documents follow the version rule (:func:`server.writes.check_version`); finalized inspections and stored evidence
never change.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, select, update

from server.changes import Changes
from server.db import Database
from server.document_mutations import DocumentMutations
from server.models import AppliedMutation, Base, Device, utcnow
from server.registry_mutations import RegistryMutations
from server.writes import Principal, Rejected, insert_row, reject
from sync.protocol import (
    Entity,
    Mutation,
    MutationResult,
    Op,
    PushRequest,
    RejectCode,
    mutation_fingerprint,
)


class DeviceConflict(Exception):
    """The server has seen this device further ahead than the client's counter: a copied database (409)."""

    def __init__(self, message: str, last_seq: int, results: list[MutationResult]) -> None:
        super().__init__(message)
        self.message = message
        self.last_seq = last_seq
        self.results = results


class BadBatch(ValueError):
    """The batch itself is inconsistent (order, device, counter): 422 before anything is applied."""


class Applier(RegistryMutations, DocumentMutations):
    """Applies one mutation of one principal inside the caller's transaction; returns the record's new version."""

    def apply(self, mutation: Mutation) -> int:
        handler = {
            (Entity.OPERATOR, Op.UPSERT): self._operator_upsert,
            (Entity.OPERATOR_PROPOSAL, Op.PROPOSE): self._propose,
            (Entity.CARRIER, Op.UPSERT): self._carrier_upsert,
            (Entity.CARRIER, Op.DELETE): self._carrier_delete,
            (Entity.INSPECTION, Op.UPSERT): self._inspection_upsert,
            (Entity.INSPECTION, Op.DELETE): self._inspection_delete,
            (Entity.INSPECTION, Op.RECTIFY): self._inspection_rectify,
            (Entity.EVIDENCE, Op.UPSERT): self._evidence_upsert,
            (Entity.EVIDENCE, Op.DELETE): self._evidence_delete,
        }.get((mutation.entity, mutation.op))
        if handler is None:
            hint = {
                Entity.OPERATOR: "operator registry fields change through operator_proposal/propose",
                Entity.LICENSE: "licences are province records (pull only)",
            }.get(mutation.entity, "see docs/sync-protocol.md")
            reject(RejectCode.UNSUPPORTED, f"{mutation.entity.value}/{mutation.op.value} is not accepted: {hint}")
        return handler(mutation)


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
            conn.execute(insert_row(AppliedMutation), values)
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
