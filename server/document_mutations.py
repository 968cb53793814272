"""Mutations of the station's documents: inspections, their evidence, and the rectification order of a final one.

Inspections and evidence belong to the station. A draft follows the version rule; a finalized inspection never
changes (corrections are amendments), and stored evidence is immutable. The order to rectify (责令限期整改) that a
finalized inspection opened is follow-up work, not part of the document: ``rectify`` replaces it beside the
untouched payload (docs/sync-protocol.md, "`inspection` — `rectify`").
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from server.models import Blob, BlobOwner, Evidence, Inspection, utcnow
from server.writes import Writer, check_version, parse, reason_of, reject
from sync.protocol import Entity, EvidenceData, InspectionData, Mutation, RectificationData, RejectCode


class DocumentMutations(Writer):
    """``inspection``/``upsert``, ``delete`` and ``rectify``; ``evidence``/``upsert`` and ``delete``."""

    def _inspection_upsert(self, mutation: Mutation) -> int:
        data: InspectionData = parse(InspectionData, mutation.data)
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
                    reject(RejectCode.NOT_FOUND, f"the inspection to amend ({data.amends}) is not in this station")
                if original.status != "final":
                    reject(RejectCode.INVALID_DATA, "only a finalized inspection can be amended; edit the draft")
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
            reject(RejectCode.FINALIZED, "this inspection is finalized and cannot change; push an amendment")
        check_version(row.version, row.writer_device_pk, mutation.base_version, self.principal)
        if data.amends != row.amends:
            reject(RejectCode.INVALID_DATA, "amends is set when the amendment is created and cannot change")
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
            reject(RejectCode.NOT_FOUND, "no such inspection in this station")
        if row.deleted_at is not None:
            return int(row.version)
        if row.status == "final":
            reject(RejectCode.FINALIZED, "a finalized inspection cannot be deleted; push an amendment")
        check_version(row.version, row.writer_device_pk, mutation.base_version, self.principal)
        evidence = self.conn.execute(
            select(Evidence).where(Evidence.inspection_id == row.id, Evidence.deleted_at.is_(None)).with_for_update()
        ).all()
        for item in evidence:
            self._soft_delete(Evidence, item, Entity.EVIDENCE, "inspection deleted")
        return self._soft_delete(Inspection, row, Entity.INSPECTION, reason_of(mutation.data))

    def _inspection_rectify(self, mutation: Mutation) -> int:
        """Replace the rectification order of a finalized inspection with its current state (opened, extended,
        closed). The finalized payload is not touched; the inspection's version counts this change, so pull sends
        it and verify sees it. A closed order is settled: it no longer changes."""
        data: RectificationData = parse(RectificationData, mutation.data)
        row = self._own(Inspection, mutation.id)
        if row is None:
            reject(RejectCode.NOT_FOUND, "no such inspection in this station; push the inspection first")
        if row.status != "final":
            reject(RejectCode.INVALID_DATA, "only a finalized inspection has a rectification order; finalize it first")
        order = data.model_dump(mode="json")
        current: dict[str, Any] | None = row.rectification
        if current == order:
            return int(row.version)
        check_version(row.version, row.writer_device_pk, mutation.base_version, self.principal)
        if current is not None:
            if current["id"] != data.id:
                reject(RejectCode.INVALID_DATA, f"this inspection's rectification order is {current['id']}")
            if current["original_deadline"] != data.original_deadline:
                reject(RejectCode.INVALID_DATA, "original_deadline is set when the order is opened and cannot change")
            if current["state"] == "closed":
                reject(RejectCode.INVALID_DATA, "the rectification order is closed and cannot change any more")
        if data.closed_by_inspection_id is not None:
            closing = self.conn.scalar(
                select(Inspection.status).where(
                    Inspection.id == data.closed_by_inspection_id,
                    Inspection.station_id == self.station_id,
                    Inspection.deleted_at.is_(None),
                )
            )
            if closing is None:
                reject(
                    RejectCode.NOT_FOUND,
                    f"the re-inspection {data.closed_by_inspection_id} is not in this station; push it first",
                )
            if closing != "final":
                reject(RejectCode.INVALID_DATA, "an order is closed by a finalized re-inspection, not a draft")
        return self._update(Inspection, row, {"rectification": order}, Entity.INSPECTION)

    def _evidence_upsert(self, mutation: Mutation) -> int:
        data: EvidenceData = parse(EvidenceData, mutation.data)
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
            reject(RejectCode.IMMUTABLE, "evidence metadata cannot change once stored; add a new evidence record")
        inspection = self._own(Inspection, data.inspection_id)
        if inspection is None:
            reject(RejectCode.NOT_FOUND, f"inspection {data.inspection_id} is not in this station")
        if inspection.status == "final":
            reject(RejectCode.FINALIZED, "the inspection is finalized; attach new evidence to an amendment")
        owned = self.conn.execute(
            select(Blob.size)
            .join(BlobOwner, BlobOwner.sha256 == Blob.sha256)
            .where(BlobOwner.station_id == self.station_id, Blob.sha256 == data.sha256)
        ).scalar_one_or_none()
        if owned is None:
            reject(RejectCode.BLOB_MISSING, f"upload the file first: PUT /sync/v1/blobs/{data.sha256}")
        if owned != data.size:
            reject(RejectCode.INVALID_DATA, f"size {data.size} does not match the uploaded file ({owned} bytes)")
        return self._insert(Evidence, Entity.EVIDENCE, {**values, "id": mutation.id})

    def _evidence_delete(self, mutation: Mutation) -> int:
        row = self._own(Evidence, mutation.id, live=False)
        if row is None:
            reject(RejectCode.NOT_FOUND, "no such evidence in this station")
        if row.deleted_at is not None:
            return int(row.version)
        status = self.conn.scalar(select(Inspection.status).where(Inspection.id == row.inspection_id))
        if status == "final":
            reject(RejectCode.FINALIZED, "evidence of a finalized inspection cannot be deleted")
        check_version(row.version, row.writer_device_pk, mutation.base_version, self.principal)
        return self._soft_delete(Evidence, row, Entity.EVIDENCE, reason_of(mutation.data))
