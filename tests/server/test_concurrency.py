"""Concurrent writers and a puller: a cursor never skips a change committed later with a smaller number."""

from __future__ import annotations

import threading

from tests.server.harness import LiveServer, SyncClient, new_id

WRITERS = 4
PER_WRITER = 12


def test_concurrent_pushes_are_all_pulled(live: LiveServer) -> None:
    writers = [SyncClient(live) for _ in range(WRITERS)]
    for client in writers:
        assert client.login("demo2").status_code == 200
    puller = SyncClient(live)
    puller.login("demo2")
    _, cursor = puller.pull_all()
    written: list[str] = []
    seen: set[str] = set()
    done = threading.Event()
    errors: list[BaseException] = []

    def write(client: SyncClient) -> None:
        try:
            for n in range(PER_WRITER):
                record = new_id()
                mutation = client.device.mutation(
                    "inspection", "upsert", record, {"status": "draft", "payload": {"n": n}}
                )
                [result] = client.push(mutation)
                assert result["status"] == "applied"
                written.append(record)
        except BaseException as exc:  # surfaced in the main thread below
            errors.append(exc)

    def pull() -> None:
        nonlocal cursor
        try:
            while not done.is_set():
                changes, cursor = puller.pull_all(cursor, limit=7)
                seen.update(change["id"] for change in changes)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(client,)) for client in writers]
    reader = threading.Thread(target=pull)
    reader.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    done.set()
    reader.join()
    assert errors == []
    changes, _ = puller.pull_all(cursor)  # one last incremental pull after everything committed
    seen.update(change["id"] for change in changes)
    assert len(written) == WRITERS * PER_WRITER
    assert set(written) <= seen, "an incremental pull skipped a committed change"
