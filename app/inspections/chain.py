"""The hash chain over finalized records, and ``verify``.

Each finalized record (amendments included) gets one link, in the order they were finalized::

    link = SHA-256( prev_link ‖ "\\n" ‖ canonical JSON of the record ‖ "\\n" ‖ canonical JSON of its evidence hashes )

where the first ``prev_link`` is 64 zeros, the record document is :func:`record_document` (everything the printed
record shows, the officers' 执法证号 as snapshotted, every answer, every evidence file's metadata and hashes) and
the evidence hashes are the sorted ``"sha256:sm3"`` strings. Changing any finalized row, answer, evidence link or
chain row changes a link; :class:`ChainVerifier` recomputes every link from the live rows, re-hashes every
evidence file in evidence.db and reports the first broken link.

Triggers refuse UPDATE/DELETE of chain rows and of finalized records' content at the database level; the chain
detects what gets past them (someone with the key editing the file directly). Anchoring the newest link outside
the laptop (the provincial server, at sync) is what makes even a rewritten chain detectable.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.inspections.canonical import canonical_json, sha256_hex
from app.inspections.data import ChainProblem, EvidenceProblem, VerifyReport
from app.inspections.evidence import OK, EvidenceStore
from app.progress import Progress
from localdb.database import Database
from localdb.inspection_models import (
    FINALIZED,
    GENESIS_LINK,
    Inspection,
    InspectionAnswer,
    InspectionChainLink,
    InspectionEvidence,
    InspectionOfficer,
)

RECORD_SCHEMA = "inspection-record/1"


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def record_document(session: Session, record: Inspection) -> dict[str, Any]:
    """The canonical content of a record: what the chain seals."""
    officers = session.scalars(
        select(InspectionOfficer)
        .where(InspectionOfficer.inspection_id == record.id)
        .order_by(InspectionOfficer.position, InspectionOfficer.officer_id)
    )
    answers = session.scalars(
        select(InspectionAnswer).where(InspectionAnswer.inspection_id == record.id).order_by(InspectionAnswer.item_code)
    )
    evidence = session.scalars(
        select(InspectionEvidence)
        .where(InspectionEvidence.inspection_id == record.id, InspectionEvidence.deleted_at.is_(None))
        .order_by(InspectionEvidence.id)
    )
    return {
        "schema": RECORD_SCHEMA,
        "id": record.id,
        "kind": record.kind,
        "state": record.state,
        "operator_id": record.operator_id,
        "carrier_id": record.carrier_id,
        "task_id": record.task_id,
        "task_target_id": record.task_target_id,
        "template": {
            "id": record.template_id,
            "code": record.template_code,
            "version": record.template_version,
            "hash": record.template_hash,
        },
        "amends_id": record.amends_id,
        "amendment_reason": record.amendment_reason,
        "reinspection_of_id": record.reinspection_of_id,
        "subject": {
            "name": record.subject_name,
            "identifier_type": record.subject_identifier_type,
            "identifier": record.subject_identifier,
            "address": record.subject_address,
            "legal_representative": record.subject_legal_representative,
            "phone": record.subject_phone,
            "carrier": record.carrier_summary,
        },
        "started_at": _time(record.started_at),
        "ended_at": _time(record.ended_at),
        "place": record.place,
        "methods": json.loads(record.methods),
        "result_categories": json.loads(record.result_categories),
        "follow_up": record.follow_up,
        "follow_up_note": record.follow_up_note,
        "rectification_deadline": record.rectification_deadline.isoformat() if record.rectification_deadline else None,
        "party_opinion": record.party_opinion,
        "people_present": record.people_present,
        "recorder_id": record.recorder_id,
        "notes": record.notes,
        "officers": [
            {"officer_id": o.officer_id, "position": o.position, "name": o.name, "cert_no": o.cert_no} for o in officers
        ],
        "answers": [{"item_code": a.item_code, "value": a.value, "note": a.note} for a in answers],
        "evidence": [
            {
                "id": e.id,
                "item_code": e.item_code,
                "sha256": e.sha256,
                "sm3": e.sm3,
                "size": e.size,
                "media_type": e.media_type,
                "file_name": e.file_name,
                "captured_at": _time(e.captured_at),
                "source_url": e.source_url,
                "device": e.device,
                "method": e.method,
                "officer_id": e.officer_id,
                "description": e.description,
            }
            for e in evidence
        ],
        "finalized_at": _time(record.finalized_at),
        "finalized_by_id": record.finalized_by_id,
        "finalized_by_name": record.finalized_by_name,
    }


def evidence_hashes(document: dict[str, Any]) -> list[str]:
    """The sorted ``"sha256:sm3"`` of the record's evidence files."""
    return sorted(f"{e['sha256']}:{e['sm3']}" for e in document["evidence"])


def link_hash(prev_link: str, document: dict[str, Any]) -> str:
    """The link of a record after ``prev_link``."""
    payload = "\n".join((prev_link, canonical_json(document), canonical_json(evidence_hashes(document))))
    return sha256_hex(payload)


def last_link(session: Session) -> InspectionChainLink | None:
    return session.scalars(select(InspectionChainLink).order_by(InspectionChainLink.seq.desc()).limit(1)).first()


def append_link(session: Session, record: Inspection, now: datetime) -> InspectionChainLink:
    """Seal a just-finalized record (in the caller's transaction)."""
    previous = last_link(session)
    prev = previous.link if previous is not None else GENESIS_LINK
    document = record_document(session, record)
    link = InspectionChainLink(
        inspection_id=record.id,
        prev_link=prev,
        record_hash=sha256_hex(canonical_json(document)),
        link=link_hash(prev, document),
        linked_at=now,
    )
    session.add(link)
    session.flush()
    return link


class ChainVerifier:
    """``python -m app verify``: the whole chain, then every evidence file's bytes."""

    def __init__(self, db: Database, store: EvidenceStore) -> None:
        self._db = db
        self._store = store

    def verify(self, progress: Progress | None = None) -> VerifyReport:
        progress = progress or Progress.none()
        with self._db.reader() as session:
            links = session.scalars(select(InspectionChainLink).order_by(InspectionChainLink.seq)).all()
            evidence = session.execute(
                select(
                    InspectionEvidence.id,
                    InspectionEvidence.inspection_id,
                    InspectionEvidence.sha256,
                    InspectionEvidence.sm3,
                )
                .where(InspectionEvidence.deleted_at.is_(None))
                .order_by(InspectionEvidence.inspection_id, InspectionEvidence.id)
            ).all()
            total = len(links) + len(evidence)
            first_broken = None
            checked = 0
            prev = GENESIS_LINK
            for link in links:
                progress.step(checked, total)
                checked += 1
                problem = self._check_link(session, link, prev)
                prev = link.link
                if problem is not None:
                    first_broken = problem
                    break
            if first_broken is None:
                linked = {link.inspection_id for link in links}
                unlinked = session.scalars(
                    select(Inspection.id).where(Inspection.state == FINALIZED).order_by(Inspection.id)
                ).all()
                for inspection_id in unlinked:
                    if inspection_id not in linked:
                        first_broken = ChainProblem(None, inspection_id, "not_linked")
                        break
        problems: list[EvidenceProblem] = []
        statuses: dict[tuple[str, str], str] = {}
        for index, (evidence_id, inspection_id, sha256, sm3) in enumerate(evidence):
            progress.step(len(links) + index, total)
            key = (sha256, sm3)
            if key not in statuses:
                statuses[key] = self._store.status(sha256, sm3)
            if statuses[key] != OK:
                problems.append(EvidenceProblem(evidence_id, inspection_id, sha256, statuses[key]))
        return VerifyReport(checked, first_broken, len(evidence), tuple(problems))

    @staticmethod
    def _check_link(session: Session, link: InspectionChainLink, prev: str) -> ChainProblem | None:
        if link.prev_link != prev:
            return ChainProblem(link.seq, link.inspection_id, "prev_mismatch")
        record = session.get(Inspection, link.inspection_id)
        if record is None:
            return ChainProblem(link.seq, link.inspection_id, "record_missing")
        document = record_document(session, record)
        if record.state != FINALIZED or sha256_hex(canonical_json(document)) != link.record_hash:
            return ChainProblem(link.seq, link.inspection_id, "record_changed")
        if link_hash(prev, document) != link.link:
            return ChainProblem(link.seq, link.inspection_id, "link_changed")
        return None
