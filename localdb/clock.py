"""The station's clock: every timestamp the station stores is naive local time.

Officers read these times as they are stored (the operator's history, import batches, autosave), so they are the
wall-clock time of the PC. SQLite's ``CURRENT_TIMESTAMP`` (what ``func.now()`` compiles to) is UTC, which in China
is eight hours behind; the models' defaults therefore call :func:`local_now` in Python instead. Times that come from
the provincial server are UTC and are converted where they are shown (app/sync_conflicts.py).
"""

from __future__ import annotations

from datetime import datetime


def local_now() -> datetime:
    """Now, as naive local time."""
    return datetime.now()
