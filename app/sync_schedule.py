"""When to try a failed sync again while the app runs: capped exponential backoff with full jitter.

A station's network drops for minutes (a 4G dongle, a county link being repaired) and the server restarts now and
then; the officer should not have to watch for it. After a failure *of the network or the server* the next try
comes after ``uniform(0, min(cap, base * 2**attempt))`` seconds ("full jitter": many stations coming back after an
outage do not hit the server in step). Failures a retry cannot fix — a wrong password, a refused device, a data
folder of another server — stop the schedule until the officer acts. A retry is only worth it while there is
something to send or the register is due for a refresh. The clock and the random source are injected so tests
decide them; the Qt timer that acts on :attr:`RetrySchedule.next_at` lives in ui/sync_background.py.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sync.client import SyncError

BASE_SECONDS: Final = 30.0
CAP_SECONDS: Final = 30 * 60.0
DUE_AFTER: Final = timedelta(hours=4)
"""A register older than this is due for a refresh even with nothing to send (the province changes it daily)."""
RETRYABLE: Final = frozenset({"unreachable", "not_server", "server_error", "tls", "resync"})
"""Failure kinds (:class:`sync.client.SyncError`) that may pass by themselves: no network, a Wi-Fi login page or
a proxy in between (which on HTTPS shows as a certificate failure), a server error, a resync the server asked for."""


def retryable(exc: BaseException) -> bool:
    """Whether trying again later, unchanged, may succeed."""
    return isinstance(exc, SyncError) and exc.kind in RETRYABLE


def worth_syncing(pending: int, last_success: datetime | None, now: datetime) -> bool:
    """Something to send, or no successful sync for :data:`DUE_AFTER` (or ever)."""
    return pending > 0 or last_success is None or now - last_success >= DUE_AFTER


@dataclass
class RetrySchedule:
    """The background retry plan: how many failures in a row, and when the next try is due (``None``: none)."""

    base: float = BASE_SECONDS
    cap: float = CAP_SECONDS
    clock: Callable[[], datetime] = datetime.now
    uniform: Callable[[float, float], float] = random.uniform
    attempt: int = 0
    next_at: datetime | None = None

    def ceiling(self, attempt: int) -> float:
        """The longest wait after ``attempt`` earlier failures (the exponent is bounded: no float overflow)."""
        return min(self.cap, self.base * 2.0 ** min(attempt, 64))

    def after_failure(self, exc: BaseException, wanted: bool) -> datetime | None:
        """Plan the next try after a failed sync; ``wanted``: see :func:`worth_syncing`. Returns when, or ``None``
        when no retry will come (the failure needs the officer, or there is nothing to sync)."""
        if not (wanted and retryable(exc)):
            self.stop()
            return None
        delay = self.uniform(0.0, self.ceiling(self.attempt))
        self.attempt += 1
        self.next_at = self.clock() + timedelta(seconds=delay)
        return self.next_at

    def after_success(self) -> None:
        """A sync went through: the next failure waits briefly again."""
        self.stop()

    def stop(self) -> None:
        """No retry planned; the backoff starts over."""
        self.attempt = 0
        self.next_at = None

    def seconds_left(self) -> float | None:
        """Seconds until the planned try (0 when it is overdue), or ``None``."""
        if self.next_at is None:
            return None
        return max(0.0, (self.next_at - self.clock()).total_seconds())
