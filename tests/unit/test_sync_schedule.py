"""The background retry plan: capped exponential backoff with full jitter, with a test clock and random source."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.services.sync import SyncRefused
from app.sync_schedule import DUE_AFTER, RetrySchedule, retryable, worth_syncing
from sync.client import BadCredentials, DeviceConflict, LoginRequired, NotTheServer, ServerFailed, ServerUnreachable

NOW = datetime(2026, 5, 1, 9, 0, 0)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime = NOW) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def highest(_low: float, high: float) -> float:
    """The random source at its top: the delay is the ceiling itself."""
    return high


def test_the_ceiling_doubles_from_the_base_up_to_the_cap() -> None:
    schedule = RetrySchedule(base=30, cap=1800)
    assert [schedule.ceiling(n) for n in range(8)] == [30, 60, 120, 240, 480, 960, 1800, 1800]
    assert schedule.ceiling(10_000) == 1800  # no overflow after a very long outage


def test_each_network_failure_waits_a_random_share_of_the_growing_ceiling() -> None:
    clock = Clock()
    drawn: list[tuple[float, float]] = []

    def uniform(low: float, high: float) -> float:
        drawn.append((low, high))
        return high / 2

    schedule = RetrySchedule(base=30, cap=1800, clock=clock, uniform=uniform)
    failure = ServerUnreachable("no network")
    planned = [schedule.after_failure(failure, wanted=True) for _ in range(8)]
    assert drawn == [(0.0, c) for c in (30, 60, 120, 240, 480, 960, 1800, 1800)]  # full jitter: from zero
    assert planned[0] == NOW + timedelta(seconds=15)
    assert planned[-1] == NOW + timedelta(seconds=900)
    assert schedule.attempt == 8


def test_seconds_left_follows_the_clock() -> None:
    clock = Clock()
    schedule = RetrySchedule(base=30, cap=1800, clock=clock, uniform=highest)
    assert schedule.seconds_left() is None
    schedule.after_failure(ServerFailed("HTTP 502"), wanted=True)
    assert schedule.seconds_left() == 30
    clock.now += timedelta(seconds=20)
    assert schedule.seconds_left() == 10
    clock.now += timedelta(seconds=60)
    assert schedule.seconds_left() == 0  # overdue: try now


def test_success_resets_the_backoff() -> None:
    schedule = RetrySchedule(base=30, cap=1800, clock=Clock(), uniform=highest)
    for _ in range(5):
        schedule.after_failure(NotTheServer("captive portal"), wanted=True)
    schedule.after_success()
    assert (schedule.attempt, schedule.next_at) == (0, None)
    assert schedule.after_failure(ServerUnreachable("again"), wanted=True) == NOW + timedelta(seconds=30)


@pytest.mark.parametrize(
    "failure",
    [
        BadCredentials("wrong password"),
        LoginRequired("no token"),
        DeviceConflict("copied data dir"),
        SyncRefused("other_server"),
        SyncRefused("busy"),
        ValueError("a bug"),
    ],
)
def test_failures_a_retry_cannot_fix_stop_the_schedule(failure: BaseException) -> None:
    schedule = RetrySchedule(clock=Clock(), uniform=highest)
    schedule.after_failure(ServerUnreachable("first"), wanted=True)
    assert not retryable(failure)
    assert schedule.after_failure(failure, wanted=True) is None
    assert (schedule.attempt, schedule.next_at) == (0, None)


def test_nothing_to_sync_means_no_retry() -> None:
    schedule = RetrySchedule(clock=Clock(), uniform=highest)
    assert schedule.after_failure(ServerUnreachable("down"), wanted=False) is None
    assert schedule.next_at is None


def test_a_sync_is_worth_it_with_something_to_send_or_an_old_register() -> None:
    recent = NOW - timedelta(minutes=10)
    assert worth_syncing(3, recent, NOW)
    assert not worth_syncing(0, recent, NOW)
    assert worth_syncing(0, NOW - DUE_AFTER, NOW)
    assert worth_syncing(0, None, NOW)  # never synced successfully
