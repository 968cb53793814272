"""Conflicts of interest (回避): officer–operator links the draw and the record form respect."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from app.audit import audit
from app.errors import ValidationFailed
from app.inspections import findings as f
from app.inspections.common import get
from app.inspections.data import ConflictRecord
from app.records import Actor
from localdb.database import Database
from localdb.inspection_models import OfficerConflict
from localdb.models import Officer, Operator


class ConflictService:
    """Records, lists and removes conflicts of interest."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, officer_id: str, operator_id: str, reason: str, actor: Actor) -> str:
        """Record that ``officer_id`` must not inspect ``operator_id``; returns the new link's id."""
        reason = reason.strip()
        if not reason:
            raise ValidationFailed([f.error("reason", "conflict.reason", f.T_CONFLICT_REASON)])
        with self._db.transaction() as session:
            get(session, Officer, officer_id)
            get(session, Operator, operator_id)
            existing = session.scalars(
                select(OfficerConflict).where(
                    OfficerConflict.officer_id == officer_id,
                    OfficerConflict.operator_id == operator_id,
                    OfficerConflict.deleted_at.is_(None),
                )
            ).first()
            if existing is not None:
                raise ValidationFailed([f.error("officer", "conflict.exists", f.T_CONFLICT_EXISTS)])
            link = OfficerConflict(officer_id=officer_id, operator_id=operator_id, reason=reason)
            session.add(link)
            session.flush()
            audit(session, actor, "officer_conflict", link.id, "create", None, None, operator_id, reason)
            return link.id

    def remove(self, conflict_id: str, actor: Actor, reason: str) -> None:
        """Soft-delete a conflict link, with the reason (kept for the audit trail)."""
        reason = reason.strip()
        if not reason:
            raise ValidationFailed([f.error("reason", "conflict.reason", f.T_CONFLICT_REASON)])
        with self._db.transaction() as session:
            link = get(session, OfficerConflict, conflict_id)
            if link.deleted_at is not None:
                return
            link.deleted_at = datetime.now()
            link.deleted_reason = reason
            if link.server_version is not None:
                link.change_state = "deleted"
            audit(session, actor, "officer_conflict", link.id, "delete", None, link.operator_id, None, reason)

    def rows(self, operator_id: str | None = None, officer_id: str | None = None) -> list[ConflictRecord]:
        """Live conflicts, optionally of one operator or one officer."""
        with self._db.reader() as session:
            stmt = (
                select(OfficerConflict, Officer.name, Operator.name)
                .join(Officer, Officer.id == OfficerConflict.officer_id)
                .join(Operator, Operator.id == OfficerConflict.operator_id)
                .where(OfficerConflict.deleted_at.is_(None))
                .order_by(Operator.name, Officer.name)
            )
            if operator_id:
                stmt = stmt.where(OfficerConflict.operator_id == operator_id)
            if officer_id:
                stmt = stmt.where(OfficerConflict.officer_id == officer_id)
            return [
                ConflictRecord(link.id, link.officer_id, officer_name, link.operator_id, operator_name, link.reason)
                for link, officer_name, operator_name in session.execute(stmt)
            ]

    def conflicted_officers(self, operator_id: str) -> set[str]:
        """Ids of the officers who must not inspect ``operator_id``."""
        with self._db.reader() as session:
            return set(
                session.scalars(
                    select(OfficerConflict.officer_id).where(
                        OfficerConflict.operator_id == operator_id, OfficerConflict.deleted_at.is_(None)
                    )
                )
            )
