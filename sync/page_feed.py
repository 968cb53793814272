"""Pulled pages fetched on a thread, several ahead of the thread that applies them.

A full pull applies five pages per local transaction (sync/engine.py); with one page fetched ahead, the server sat
idle while the client applied a group, and the client then waited for each page of the next group in turn. The
feed keeps fetching — each request needs the cursor of the previous page, so one after another — into a bounded
queue, so the server prepares and the network carries the next group while SQLite writes this one (the HTTP wait,
gzip and the sqlite steps release the GIL). An error on the fetching thread is handed to the consumer at the place
of the page it stopped at; closing the feed stops the thread after its request in flight.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

Page = TypeVar("Page")

POLL_SECONDS = 0.2
"""How often a blocked put checks whether the consumer has gone."""


class PageFeed(Generic[Page]):
    """``fetch(cursor)`` → ``(page, next cursor or None at the end)``, run ahead by up to ``depth`` pages."""

    def __init__(self, fetch: Callable[[str | None], tuple[Page, str | None]], cursor: str | None, depth: int) -> None:
        self._fetch = fetch
        self._queue: queue.Queue[tuple[Page | None, BaseException | None]] = queue.Queue(maxsize=max(1, depth))
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(cursor,), name="sync-pull", daemon=True)
        self._thread.start()

    def _run(self, cursor: str | None) -> None:
        try:
            while not self._closed.is_set():
                page, cursor = self._fetch(cursor)
                self._put((page, None))
                if cursor is None:
                    return
        except BaseException as exc:  # handed over to the consumer, which raises it
            self._put((None, exc))

    def _put(self, item: tuple[Page | None, BaseException | None]) -> None:
        while not self._closed.is_set():
            try:
                self._queue.put(item, timeout=POLL_SECONDS)
                return
            except queue.Full:
                continue

    def next(self) -> Page:
        """The next page, waiting for it; raises what the fetch raised there."""
        page, error = self._queue.get()
        if error is not None:
            raise error
        assert page is not None
        return page

    def close(self) -> None:
        """Stop fetching (after the request in flight) and wait for the thread."""
        self._closed.set()
        self._thread.join()
