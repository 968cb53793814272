"""The background half of the 同步 page: a timer for the next automatic retry and a worker thread that syncs
without a dialog.

The plan (when, how often) is :class:`app.sync_schedule.RetrySchedule`, which is Qt-free and tested with its own
clock; this only turns "seconds left" into a single-shot timer and runs the work off the GUI thread, reporting
the outcome back on the GUI thread. :meth:`BackgroundSync.shutdown` stops both when the program quits: the running
sync is cancelled at its next step (between local transactions) and awaited, so the databases close after it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from app.progress import Progress

MAX_TIMER_MS: Final = 2**31 - 1
"""QTimer's interval is a signed 32-bit millisecond count."""
SHUTDOWN_WAIT_SECONDS: Final = 30.0
"""How long quitting waits for a cancelled sync to reach its next step (one HTTP request at most)."""


class _Bridge(QObject):
    done = Signal(object, object)


class BackgroundSync(QObject):
    """Emits :attr:`due` when the planned retry time comes; runs work on a thread and emits :attr:`finished`
    with ``(result, None)`` or ``(None, exception)`` on the GUI thread."""

    due = Signal()
    finished = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.due)
        self._bridge = _Bridge(self)
        self._bridge.done.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self._thread: threading.Thread | None = None
        self._progress: Progress | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None

    def arm(self, seconds: float | None) -> None:
        """Fire :attr:`due` after ``seconds`` (``None``: no retry planned)."""
        if seconds is None:
            self.timer.stop()
        else:
            self.timer.start(min(MAX_TIMER_MS, int(seconds * 1000)))

    def start(self, work: Callable[[Progress], object]) -> None:
        """Run ``work`` on a worker thread (one at a time: the caller checks :attr:`running`)."""
        progress = Progress.none()

        def target() -> None:
            try:
                result = work(progress)
            except BaseException as exc:  # handed to the GUI thread
                self._bridge.done.emit(None, exc)
            else:
                self._bridge.done.emit(result, None)

        self._progress = progress
        self._thread = threading.Thread(target=target, name="stationdesk-sync-retry", daemon=True)
        self._thread.start()

    def _done(self, result: object, error: object) -> None:
        if self._thread is not None:
            self._thread.join()
        self._thread = None
        self._progress = None
        self.finished.emit(result, error)

    def shutdown(self) -> None:
        """No more retries; cancel a running sync and wait for it to stop."""
        self.timer.stop()
        thread, progress = self._thread, self._progress
        if thread is not None and progress is not None:
            progress.cancel()
            thread.join(SHUTDOWN_WAIT_SECONDS)
