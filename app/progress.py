"""Progress reporting and cancellation for long work (demo generation, import, export, sync).

Long work is a plain function that takes its data plus a :class:`Progress`; it calls :meth:`Progress.step` now and
then, which raises :class:`Cancelled` once the user pressed cancel. The UI owns the token and shows a dialog; the
CLI and tests pass :data:`Progress.none()`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):
    """The user cancelled; the work must roll back whatever it started."""


class Progress:
    """Thread-safe progress sink plus cancel flag, shared between a worker and the GUI."""

    def __init__(self, report: Callable[[int, int], None] | None = None) -> None:
        self._report = report
        self._cancelled = threading.Event()

    @classmethod
    def none(cls) -> Progress:
        """A token nobody watches and nobody cancels."""
        return cls()

    def cancel(self) -> None:
        """Ask the work to stop at its next step."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def step(self, done: int, total: int) -> None:
        """Report ``done`` of ``total`` and stop here (raise :class:`Cancelled`) if cancel was asked."""
        if self._cancelled.is_set():
            raise Cancelled()
        if self._report is not None:
            self._report(done, total)
