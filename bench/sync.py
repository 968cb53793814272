"""``python -m bench sync [--operators 100000] [--repeat R] [--json]``: one-click sync against a local server.

A reference server (``python -m server --demo --demo-operators N``, a separate process, SQLite in a cached data dir
under the bench cache) serves station demo1: N operators and ≈1.5 N carriers. Figures:

* ``initial_pull_s`` — an empty, encrypted client data dir syncs for the first time (login, hello, every pull page
  applied with its cursor, search index built, verify); goal 30 s at 100,000 operators. Anchor, same run,
  interleaved: downloading the same pages without applying them (what the network and server alone cost).
* ``pull_rows_per_s`` — pulled records per second of the initial pull (PowerSync documents 2,000–20,000 rows/s).
* ``gzip_wire_pct`` — bytes on the wire as a percentage of the decompressed JSON; goal ≤ 35.
* ``nothing_new_ms`` — median of a sync with nothing to send or receive (4 small requests); goal 300.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import keyring.backend
import requests

from app.database_key import KeyChoice
from app.paths import DataDir
from app.services.sync import SyncService
from app.station_store import open_station_databases
from bench.common import ROOT, Figure, Options, cache_root, log, median, scratch_dir, timed_ms
from localdb.database import Database
from sync.client import SyncHttp
from sync.credentials import CredentialStore
from sync.protocol import PullResponse

USER = "demo1"
PASSWORD = "demo-password"
SERVER_FILES = ("server/demo.py", "server/models.py", "server/migrations")


class _MemoryKeyring(keyring.backend.KeyringBackend):
    """The benchmark's own credential store: nothing touches the developer's keyring."""

    priority = 1

    def __init__(self) -> None:
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_server(operators: int) -> tuple[subprocess.Popen[bytes], str]:
    data = cache_root() / f"sync-server-{operators}"
    stamp = data / "bench-stamp"
    seeded = stamp.exists()
    if not seeded and data.exists():
        shutil.rmtree(data)
    port = _free_port()
    command = [sys.executable, "-m", "server", "--data-dir", str(data), "--port", str(port), "--log-level", "warning"]
    if not seeded:
        command += ["--demo", "--demo-operators", str(operators)]
        log(f"seeding the server with {operators:,} operators per demo station in {data} (once) …")
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 1800
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the server did not start")
        try:
            if requests.get(base + "/healthz", timeout=1).status_code == 200:
                stamp.write_text("seeded", encoding="utf-8")
                return process, base
        except requests.RequestException:
            pass
        time.sleep(0.2)
    process.kill()
    raise RuntimeError("the server did not start in time")


def _open(root: Path, store: CredentialStore) -> tuple[SyncService, list[Database]]:
    key = KeyChoice(key_file=root.parent / f"{root.name}.key")
    db, evidence_db = open_station_databases(DataDir(root), key, store)
    return SyncService(db, evidence_db, store), [db, evidence_db]


def _download_only(base: str, store: CredentialStore) -> tuple[float, int, int]:
    """Seconds to fetch every page of an initial pull without applying it; wire and raw bytes."""
    http = SyncHttp(base, str(uuid.uuid4()), store)
    http.login(USER, PASSWORD)
    started = time.perf_counter()
    cursor: str | None = None
    while True:
        params: dict[str, object] = {"limit": 5000}
        if cursor:
            params["cursor"] = cursor
        page = PullResponse.model_validate(http.get_json("/pull", params))
        cursor = page.cursor
        if not page.has_more:
            break
    seconds = time.perf_counter() - started
    traffic = http.traffic
    http.close()
    return seconds, traffic.received, traffic.received_raw


def run(opts: Options) -> dict[str, Figure]:
    repeat = opts.repeat or (1 if opts.operators >= 50_000 else 3)
    store = CredentialStore(_MemoryKeyring())
    process, base = _start_server(opts.operators)
    try:
        pulls: list[float] = []
        downloads: list[float] = []
        rows = 0
        wire = raw = 0
        nothing_new: list[float] = []
        with scratch_dir("sync") as scratch:
            _download_only(base, store)  # warm-up (server page cache)
            for index in range(repeat):
                order = ("ours", "anchor") if index % 2 == 0 else ("anchor", "ours")
                for which in order:
                    if which == "anchor":
                        seconds, wire, raw = _download_only(base, store)
                        downloads.append(seconds)
                        log(f"  download only: {seconds:.1f} s")
                        continue
                    service, opened = _open(scratch / f"client-{index}", store)
                    try:
                        ms, receipt = timed_ms(service.run, base, USER, PASSWORD)
                        pulls.append(ms / 1000)
                        rows = receipt.pulled_changes
                        log(f"  initial pull: {ms / 1000:.1f} s, {rows:,} records, verified={receipt.verified}")
                        for _ in range(5):
                            ms, again = timed_ms(service.run, base)
                            assert again.pulled_changes == 0 and again.pushed == 0
                            nothing_new.append(ms)
                    finally:
                        for db in opened:
                            db.close()
        size = f"{opts.operators // 1000}k"
        pull = median(pulls)
        return {
            f"initial_pull_{size}_s": Figure(
                pull,
                median(downloads),
                "download of the same pages without applying them",
                "s",
                goal=30.0 if opts.operators == 100_000 else None,
            ),
            "pull_rows_per_s": Figure(rows / pull, None, "PowerSync documents 2,000–20,000 rows/s", "rows/s"),
            "gzip_wire_pct": Figure(100 * wire / max(raw, 1), None, "", "%", goal=35.0),
            "nothing_new_ms": Figure(median(nothing_new), None, "", "ms", goal=300.0),
        }
    finally:
        process.terminate()
        process.wait(timeout=30)
