"""Long work off the GUI thread, with a progress dialog that appears only if the work takes over ~600 ms.

The work is a plain function taking an :class:`app.progress.Progress`; it runs on a worker thread while a local
event loop keeps the window responsive. Cancel sets the token; the work raises ``Cancelled`` at its next step
and rolls back its transaction, so a cancelled action changes nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.progress import Cancelled, Progress

T = TypeVar("T")

SHOW_AFTER_MS = 600
"""Anki's figure: shorter work never flashes a dialog."""


class _Bridge(QObject):
    """Carries progress and completion from the worker thread to the GUI thread (queued signals)."""

    advanced = Signal(int, int)
    finished = Signal()


def run_with_progress(parent: QWidget | None, label: str, work: Callable[[Progress], T]) -> T | None:
    """Run ``work`` on a worker thread; return its result, or ``None`` if the user cancelled.

    Exceptions other than cancellation are re-raised on the GUI thread for the caller's error handling.
    """
    bridge = _Bridge()
    progress = Progress(report=lambda done, total: bridge.advanced.emit(done, total))
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["result"] = work(progress)
        except BaseException as exc:  # handed to the GUI thread below
            outcome["error"] = exc
        finally:
            bridge.finished.emit()

    dialog = QProgressDialog(label, QCoreApplication.translate("Progress", "Cancel"), 0, 0, parent)
    dialog.setWindowTitle(QCoreApplication.translate("Progress", "Please wait"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(progress.cancel)

    def advance(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)

    loop = QEventLoop()
    bridge.advanced.connect(advance, Qt.ConnectionType.QueuedConnection)
    bridge.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    worker = threading.Thread(target=target, name="stationdesk-work", daemon=True)
    worker.start()
    QTimer.singleShot(SHOW_AFTER_MS, lambda: dialog.show() if worker.is_alive() and not dialog.wasCanceled() else None)
    loop.exec()
    worker.join()
    dialog.close()
    dialog.deleteLater()
    error = outcome.get("error")
    if isinstance(error, Cancelled):
        return None
    if isinstance(error, BaseException):
        raise error
    return outcome.get("result")  # type: ignore[return-value]
