"""``python -m bench sync [--operators 100000] [--repeat R] [--json]``: one-click sync against a local server.

A reference server (``python -m server --demo --demo-operators N``, a separate process, SQLite in a cached data dir
under the bench cache) serves station demo1: N operators and ≈1.5 N carriers. Figures:

* ``initial_pull_s`` — an empty, encrypted client data dir syncs for the first time (login, hello, every pull page
  applied with its cursor, search index built, verify); goal 30 s at 100,000 operators. Anchor, same run,
  interleaved: downloading the same pages without applying them (what the network and server alone cost).
* ``pull_rows_per_s`` — pulled records per second of the initial pull (PowerSync documents 2,000–20,000 rows/s).
* ``gzip_wire_pct`` — bytes on the wire as a percentage of the decompressed JSON; goal ≤ 35.
* ``nothing_new_ms`` — median of a sync with nothing to send or receive (4 small requests); goal 300.

With ``--push-inspections N`` (default 1,000; 0 skips it) a second, throwaway server (a small demo province) takes
a push from a client that recorded N inspections offline, each with two ≈300 KB evidence files:

* ``push_<N>_inspections_s`` — one sync sending them (one ``POST /blobs/missing`` per 1,000 files, a streamed PUT
  per missing file, the outbox in batches, the pull of their echo, verify; the log shows its request count).
  Anchor, same run: the same files PUT one by one from memory by a plain client for the other demo station — what
  moving the bytes through the network and the server's blob store alone costs.
* ``rerun_file_mb`` — a second client (N/10 inspections, at least 2) is interrupted (cancelled) half-way through
  its files; the re-run must send only what the server still lacks. Ours: file bytes the re-run uploaded; anchor:
  file bytes the server lacked after the interruption (asked with HEAD). ``rerun_requests`` counts the re-run's
  requests (the log shows how many files it skipped and sent).
"""

from __future__ import annotations

import hashlib
import random
import shutil
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import keyring.backend
import requests

from app.database_key import KeyChoice
from app.inspections.data import EvidenceMeta
from app.inspections.evidence import EvidenceService, EvidenceStore
from app.inspections.records import InspectionService
from app.inspections.templates import TemplateService
from app.paths import DataDir
from app.progress import Cancelled, Progress
from app.records import Actor, OperatorFilter
from app.services.registry import RegistryService
from app.services.sync import SyncService
from app.station_store import open_station_databases
from bench.common import ROOT, Figure, Options, cache_root, log, median, scratch_dir, timed_ms
from localdb.database import Database
from sync.client import SyncHttp
from sync.credentials import CredentialStore
from sync.engine import Receipt
from sync.protocol import PullHead

USER = "demo1"
OTHER_USER = "demo2"
PASSWORD = "demo-password"
SERVER_FILES = ("server/demo.py", "server/models.py", "server/migrations")
PUSH_SERVER_OPERATORS = 500
"""Operators per station of the push benchmark's throwaway server (the inspections are spread over them)."""
FILE_BYTES = 300_000
FILES_PER_INSPECTION = 2
JPEG_HEAD = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
TEMPLATE = "ecommerce-license-display"
ACTOR = Actor("", "基准测试")


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
    """The cached, seeded server of the pull figures."""
    data = cache_root() / f"sync-server-{operators}"
    stamp = data / "bench-stamp"
    seeded = stamp.exists()
    if not seeded and data.exists():
        shutil.rmtree(data)
    if not seeded:
        log(f"seeding the server with {operators:,} operators per demo station in {data} (once) …")
    process, base = _launch(data, None if seeded else operators)
    stamp.write_text("seeded", encoding="utf-8")
    return process, base


def _launch(data: Path, seed_operators: int | None) -> tuple[subprocess.Popen[bytes], str]:
    """``python -m server`` on ``data`` (seeding a demo province first when ``seed_operators`` is given)."""
    port = _free_port()
    command = [sys.executable, "-m", "server", "--data-dir", str(data), "--port", str(port), "--log-level", "warning"]
    if seed_operators is not None:
        command += ["--demo", "--demo-operators", str(seed_operators)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 1800
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the server did not start")
        try:
            if requests.get(base + "/healthz", timeout=1).status_code == 200:
                return process, base
        except requests.RequestException:
            pass
        time.sleep(0.2)
    process.kill()
    raise RuntimeError("the server did not start in time")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    process.wait(timeout=30)


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
        page, _body = http.get_page("/pull", PullHead, params)
        cursor = page.cursor
        if not page.has_more:
            break
    seconds = time.perf_counter() - started
    traffic = http.traffic
    http.close()
    return seconds, traffic.received, traffic.received_raw


def _files(seed: int, count: int) -> list[tuple[int, int]]:
    """(seed, index) of each evidence file: its bytes come from :func:`_file_bytes`, regenerated when needed."""
    return [(seed, index) for index in range(count)]


def _file_bytes(seed: int, index: int) -> bytes:
    """A ≈300 KB evidence file (a JPEG header, then incompressible bytes), the same for the same seed and index."""
    return JPEG_HEAD + random.Random(seed * 1_000_003 + index).randbytes(FILE_BYTES - len(JPEG_HEAD))


def _record_offline(opened: list[Database], inspections: int, seed: int) -> int:
    """``inspections`` new inspections with two evidence files each, as an officer records them offline; returns
    the files' total size."""
    db, evidence_db = opened
    TemplateService(db).load_shipped()
    records = InspectionService(db)
    evidence = EvidenceService(db, EvidenceStore(evidence_db))
    operators = RegistryService(db).list_ids(OperatorFilter())
    files = iter(_files(seed, inspections * FILES_PER_INSPECTION))
    meta = EvidenceMeta(captured_at=datetime(2026, 3, 2, 9, 15), method="截图")
    for number in range(inspections):
        inspection_id = records.create_draft(operators[number % len(operators)], ACTOR, template_code=TEMPLATE)
        for _ in range(FILES_PER_INSPECTION):
            file_seed, index = next(files)
            content = _file_bytes(file_seed, index)
            evidence.add(inspection_id, content, replace(meta, file_name=f"{index}.jpg"), ACTOR)
        if (number + 1) % 100 == 0:
            log(f"  recorded {number + 1:,} of {inspections:,} inspections")
    return inspections * FILES_PER_INSPECTION * FILE_BYTES


def _upload_only(base: str, store: CredentialStore, files: list[tuple[int, int]]) -> float:
    """Seconds to PUT ``files`` one by one from memory for the other station: the anchor of the push."""
    http = SyncHttp(base, str(uuid.uuid4()), store)
    http.login(OTHER_USER, PASSWORD)
    started = time.perf_counter()
    for file_seed, index in files:
        content = _file_bytes(file_seed, index)
        http.call("PUT", f"/blobs/{hashlib.sha256(content).hexdigest()}", data=content, ok=(200, 201))
    seconds = time.perf_counter() - started
    http.close()
    return seconds


def _missing_bytes(base: str, store: CredentialStore, blobs: list[tuple[str, int]]) -> int:
    """Bytes of ``blobs`` (sha256, size) the server does not have for station demo1, asked with HEAD."""
    http = SyncHttp(base, str(uuid.uuid4()), store)
    http.login(USER, PASSWORD)
    missing = sum(
        size for sha256, size in blobs if http.call("HEAD", f"/blobs/{sha256}", ok=(200, 404)).status_code == 404
    )
    http.close()
    return missing


def _push_figures(opts: Options, store: CredentialStore) -> dict[str, Figure]:
    inspections = opts.push_inspections
    files = inspections * FILES_PER_INSPECTION
    with scratch_dir("sync-push") as scratch:
        log(f"push: a throwaway server with {PUSH_SERVER_OPERATORS} operators per station …")
        process, base = _launch(scratch / "server", PUSH_SERVER_OPERATORS)
        try:
            service, opened = _open(scratch / "pusher", store)
            try:
                service.run(base, USER, PASSWORD)
                log(f"push: recording {inspections:,} inspections with {files:,} files offline …")
                total = _record_offline(opened, inspections, opts.seed)
                ms, receipt = timed_ms(service.run, base)
                assert receipt.rejected == [] and receipt.blobs_uploaded == files and receipt.verified is True
                log(
                    f"  push: {ms / 1000:.1f} s, {receipt.pushed:,} mutations, {total / 1e6:,.0f} MB of files, "
                    f"{receipt.requests} requests"
                )
            finally:
                for db in opened:
                    db.close()
            anchor = _upload_only(base, store, _files(opts.seed, files))
            log(f"  files PUT from memory: {anchor:.1f} s")
            rerun, missing = _interrupted_then_rerun(base, store, scratch, max(2, inspections // 10), opts.seed + 1)
        finally:
            _stop(process)
    return {
        f"push_{inspections}_inspections_s": Figure(
            ms / 1000, anchor, f"the same {files:,} files PUT one by one from memory, nothing else", "s"
        ),
        "rerun_file_mb": Figure(
            rerun.blob_bytes / 1e6, missing / 1e6, "file bytes the server lacked after the interruption", "MB"
        ),
        "rerun_requests": Figure(float(rerun.requests), None, "", "requests"),
    }


def _interrupted_then_rerun(
    base: str, store: CredentialStore, scratch: Path, inspections: int, seed: int
) -> tuple[Receipt, int]:
    """A push cancelled half-way through its files, then run again: (the re-run's receipt, bytes still missing)."""
    service, opened = _open(scratch / "interrupted", store)
    try:
        service.run(base, USER, PASSWORD)
        total = _record_offline(opened, inspections, seed)

        def cancel_half_way(done: int, of: int) -> None:
            if of == total and done >= total // 2:
                progress.cancel()

        progress = Progress(cancel_half_way)
        try:
            service.run(base, progress=progress)
            raise RuntimeError("the interruption did not happen")
        except Cancelled:
            pass
        missing = _missing_bytes(base, store, service.store.pending_blobs())
        rerun = service.run(base)
        assert rerun.rejected == [] and rerun.verified is True
        log(
            f"  re-run after the interruption: {rerun.blobs_uploaded} files sent, {rerun.blobs_skipped} skipped "
            f"(already there), {rerun.bytes_sent / 1e6:.1f} MB and {rerun.requests} requests in all"
        )
        return rerun, missing
    finally:
        for db in opened:
            db.close()


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
        figures = {
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
        _stop(process)
    if opts.push_inspections:
        figures.update(_push_figures(opts, store))
    return figures
