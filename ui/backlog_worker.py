"""What big loads leave for later, done in the background while the officer works.

A big import commits its rows first and leaves their outbox entries to the outbox backlog
(localdb/outbox_backlog.py) and their search entries to the search backlog (localdb/search_index.py); a big pull
leaves the search entries too. The rows are findable at once (the search scans the backlog), just slower until
indexed, and any write or sync writes the outbox entries first if they are still waiting. This object looks for
either backlog every second — two one-row queries — and works through them on a worker thread in short
transactions, the outbox entries first (the sync needs them), showing how many search entries are left in the
status bar. Failures (a locked or full disk) are logged and retried at the next look; quitting stops between
chunks and whatever is left is done at the next start.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from localdb.database import Database
from localdb.search_backlog import drain_backlog, pending

log = logging.getLogger(__name__)

LOOK_EVERY_MS = 1_000
"""Two one-row reads a second cost nothing; looking often keeps short the moment after an import in which an
officer's save would write the import's outbox entries itself (localdb/outbox_backlog.py)."""


class BacklogWorker(QObject):
    """Works through the outbox and search backlogs off the GUI thread; ``progress(left)`` reports rows still to
    index (0: done)."""

    progress = Signal(int)
    _left = Signal(int)
    """Emitted on the worker thread; relayed to ``progress`` on the GUI thread (queued, this object lives there)."""

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(LOOK_EVERY_MS)
        self._timer.timeout.connect(self.look)
        self._left.connect(self._relay)

    def start(self) -> None:
        """Look now and then every second."""
        self._timer.start()
        self.look()

    def look(self) -> None:
        """Start the work if either backlog holds something and no work is running."""
        if self._thread is not None and self._thread.is_alive():
            return
        try:
            entries = self._db.outbox_waiting()
            left = pending(self._db)
        except Exception:  # a locked database at this instant: look again later
            log.exception("could not read the backlogs")
            return
        if entries or left:
            self._thread = threading.Thread(target=self._drain, args=(left,), name="backlog-worker", daemon=True)
            self._thread.start()

    @Slot(int)
    def _relay(self, left: int) -> None:
        self.progress.emit(left)

    def _drain(self, total: int) -> None:
        try:
            self._db.settle_outbox(should_stop=self._stop.is_set)
            if total:
                self._left.emit(total)
                drain_backlog(self._db, lambda done, all_: self._left.emit(max(all_ - done, 0)), self._stop.is_set)
        except Exception:
            log.exception("working through the backlogs failed; retrying later")

    def stop(self) -> None:
        """Stop after the chunk in progress (called when the application quits)."""
        self._timer.stop()
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
