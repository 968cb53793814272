"""A full pull applies its pages in groups (one local transaction per ~FULL_RUN_GROUP changes, sync/engine.py); a
run killed between groups resumes from the last committed group, and everything arrives exactly once."""

from __future__ import annotations

from functools import partial
from typing import Any

import pytest

from app.records import OperatorFilter
from app.services import sync as sync_service
from localdb.sync_store import LocalSyncStore
from sync import engine
from tests.server.harness import SyncClient
from tests.sync.conftest import Client
from tests.sync.test_sync import first_operator

PAGE = 10
GROUP = 30


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Pages of ``PAGE`` changes, groups of ``GROUP``; returns how many changes each ``apply_page`` call held."""
    monkeypatch.setattr(engine, "FULL_RUN_GROUP", GROUP)
    monkeypatch.setattr(sync_service, "SyncEngine", partial(engine.SyncEngine, pull_limit=PAGE))
    sizes: list[int] = []
    original = LocalSyncStore.apply_page

    def recording(self: LocalSyncStore, pages: list[Any], state: dict[str, Any]) -> tuple[int, int]:
        pulled, applied = original(self, pages, state)
        sizes.append(pulled)
        return pulled, applied

    monkeypatch.setattr(LocalSyncStore, "apply_page", recording)
    return sizes


def test_a_full_pull_commits_groups_of_pages(client: Client, server_view: SyncClient, small_pages: list[int]) -> None:
    receipt = client.run()
    assert receipt.verified is True
    assert len(small_pages) >= 3
    assert small_pages[0] == PAGE  # the first page alone: applied while the next ones arrive
    assert all(GROUP <= size < GROUP + PAGE for size in small_pages[1:-1])  # whole pages until the group is full
    assert sum(small_pages) == receipt.pulled_changes
    assert client.registry.count() == server_view.hello()["counts"]["operator"]
    op = first_operator(client)
    assert op.id in client.registry.search_ids(op.name, OperatorFilter())


def test_a_pull_that_failed_between_groups_resumes_after_the_last_one(
    client: Client, server_view: SyncClient, small_pages: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    recording = LocalSyncStore.apply_page
    calls = 0

    def second_fails(self: LocalSyncStore, pages: list[Any], state: dict[str, Any]) -> tuple[int, int]:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise OSError("disk gone")
        return recording(self, pages, state)

    monkeypatch.setattr(LocalSyncStore, "apply_page", second_fails)
    with pytest.raises(OSError):
        client.run()
    state = client.sync.state()
    assert state is not None and state["position"] > 0  # the first group and its cursor are committed
    monkeypatch.setattr(LocalSyncStore, "apply_page", recording)
    small_pages.clear()
    receipt = client.run()
    assert receipt.verified is True
    assert client.registry.count() == server_view.hello()["counts"]["operator"]
