"""Small helpers shared by the inspection services: the audit entry, loading rows or failing, JSON list columns."""

from __future__ import annotations

import json
from typing import TypeVar

from sqlalchemy.orm import Session

from app.errors import NotFound
from app.records import Actor
from localdb.models import AuditLog, Base

RowT = TypeVar("RowT", bound=Base)


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


def get(session: Session, model: type[RowT], key: object) -> RowT:
    """The row with this primary key, or :class:`NotFound`."""
    row = session.get(model, key)
    if row is None:
        raise NotFound(str(key))
    return row


def json_list(text: str) -> tuple[str, ...]:
    """A JSON list column as a tuple of strings."""
    value = json.loads(text or "[]")
    return tuple(str(v) for v in value)


def mark_modified(row: object) -> None:
    """A synced row that changed locally must be sent again."""
    if getattr(row, "change_state", None) == "synced":
        row.change_state = "modified"  # type: ignore[attr-defined]
