"""The pull's page feed (sync/page_feed.py): pages in order, errors where they happened, a bounded lead, and a
close that stops the thread even when the consumer walked away."""

from __future__ import annotations

import threading

import pytest

from sync.page_feed import PageFeed


def counting(last: int, fetched: list[int], fail_at: int | None = None):  # type: ignore[no-untyped-def]
    def fetch(cursor: str | None) -> tuple[int, str | None]:
        number = int(cursor or 0)
        if number == fail_at:
            raise ConnectionError(f"cut at page {number}")
        fetched.append(number)
        return number, (str(number + 1) if number < last else None)

    return fetch


def test_pages_arrive_in_order_and_the_thread_ends_after_the_last() -> None:
    fetched: list[int] = []
    feed = PageFeed(counting(5, fetched), None, depth=2)
    assert [feed.next() for _ in range(6)] == [0, 1, 2, 3, 4, 5]
    feed.close()
    assert fetched == [0, 1, 2, 3, 4, 5]


def test_an_error_reaches_the_consumer_after_the_pages_before_it() -> None:
    feed = PageFeed(counting(9, [], fail_at=2), None, depth=4)
    assert [feed.next(), feed.next()] == [0, 1]
    with pytest.raises(ConnectionError, match="page 2"):
        feed.next()
    feed.close()


def test_the_feed_runs_ahead_only_by_its_depth_and_close_stops_it() -> None:
    fetched: list[int] = []
    feed = PageFeed(counting(1_000, fetched), "0", depth=3)
    assert feed.next() == 0
    threading.Event().wait(0.5)  # let it run ahead as far as it may
    assert len(fetched) <= 1 + 3 + 1  # the page taken, a full queue, and one blocked in put
    feed.close()
    assert not any(t.name == "sync-pull" and t.is_alive() for t in threading.enumerate())
