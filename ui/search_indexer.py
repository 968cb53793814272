"""The search backlog indexed in the background while the officer works (see localdb/search_index.py).

A big import or pull commits its rows first and leaves their search entries to the backlog; the rows are findable
at once (the search scans the backlog), just slower until indexed. This object looks for a backlog every few
seconds — a one-row query — and drains it on a worker thread in short transactions, showing how much is left in the
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

LOOK_EVERY_MS = 3_000


class SearchIndexer(QObject):
    """Drains the search backlog off the GUI thread; ``progress(left)`` reports rows still to index (0: done)."""

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
        """Look now and then every few seconds."""
        self._timer.start()
        self.look()

    def look(self) -> None:
        """Start a drain if there is a backlog and none is running."""
        if self._thread is not None and self._thread.is_alive():
            return
        try:
            left = pending(self._db)
        except Exception:  # a locked database at this instant: look again later
            log.exception("could not read the search backlog")
            return
        if left:
            self._thread = threading.Thread(target=self._drain, args=(left,), name="search-indexer", daemon=True)
            self._thread.start()

    @Slot(int)
    def _relay(self, left: int) -> None:
        self.progress.emit(left)

    def _drain(self, total: int) -> None:
        self._left.emit(total)
        try:
            drain_backlog(self._db, lambda done, all_: self._left.emit(max(all_ - done, 0)), self._stop.is_set)
        except Exception:
            log.exception("indexing the search backlog failed; retrying later")

    def stop(self) -> None:
        """Stop after the chunk in progress (called when the application quits)."""
        self._timer.stop()
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
