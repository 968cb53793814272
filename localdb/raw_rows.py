"""Values in the form SQLite stores them, for rows written with plain DB-API statements.

Bulk writers (a ledger import, the deletion time of pulled tombstones) skip SQLAlchemy's per-row processing and
write the stored values themselves, so they must write exactly what SQLAlchemy would: date-times as
:data:`DATETIME_STORAGE` text (dates as ISO text, flags as 0/1: localdb/pull_apply.py does those in SQL).
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

DATETIME_STORAGE: Final = "%Y-%m-%d %H:%M:%S.%f"
"""How SQLAlchemy stores a DateTime in SQLite (``stored_datetime`` writes the same text)."""


def stored_datetime(moment: datetime) -> str:
    """``moment`` as SQLAlchemy stores a naive DateTime (the C ``isoformat``: several times faster than
    ``strftime(DATETIME_STORAGE)``, same text)."""
    return moment.isoformat(sep=" ", timespec="microseconds")
