"""Small helpers shared by the inspection services: loading rows or failing, JSON list columns."""

from __future__ import annotations

import json
from typing import TypeVar

from sqlalchemy.orm import Session

from app.errors import NotFound
from localdb.models import Base

RowT = TypeVar("RowT", bound=Base)


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
