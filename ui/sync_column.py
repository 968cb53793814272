"""How every list shows a record's sync state (app/sync_status.py decides it): a short word, a colour, a tooltip
that explains it (with the server's or the province's reason for a refusal)."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from app.sync_status import SyncState, SyncStatus, explain, label

COLORS: Final = {
    SyncState.SYNCED: QColor(0, 110, 40),
    SyncState.UNSYNCED: QColor(168, 84, 0),
    SyncState.REJECTED: QColor(180, 0, 0),
    SyncState.IN_REVIEW: QColor(40, 90, 170),
}
WIDTH: Final = 96
"""Enough for the longest word (待省级审核) in the default font."""


def sync_text(status: SyncStatus | None) -> str:
    return label(status.state, QCoreApplication.translate) if status is not None else ""


def sync_tooltip(status: SyncStatus | None) -> str | None:
    return explain(status, QCoreApplication.translate) if status is not None else None


def sync_color(status: SyncStatus | None) -> QColor | None:
    return COLORS[status.state] if status is not None else None
