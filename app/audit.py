"""The audit log's one writer: who changed what, appended in the caller's transaction."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.records import Actor
from localdb.models import AuditLog


def audit(
    session: Session,
    actor: Actor | None,
    entity_type: str,
    entity_id: str,
    action: str,
    field: str | None = None,
    before: str | None = None,
    after: str | None = None,
    reason: str | None = None,
) -> None:
    """Append one entry to the audit log (in the caller's transaction)."""
    session.add(
        AuditLog(
            officer_id=actor.officer_id if actor else None,
            officer_name=actor.name if actor else "",
            entity_type=entity_type,
            entity_id=entity_id,
            action=action,
            field=field,
            before=before,
            after=after,
            reason=reason,
        )
    )
