"""A real server on loopback (SQLite; PostgreSQL too when ``TEST_DATABASE_URL`` is set) and real client data dirs.

Each test gets an empty, encrypted client data dir (key in a key file) and syncs it with ``SyncService`` exactly as
the CLI and the GUI do; the server side is checked through the protocol harness of tests/server.

Faults on the wire come from :class:`FaultProxy`, a small HTTP proxy on loopback between client and server: it
forwards one request per connection and, when armed, loses the answer after the server has done the work, or cuts
the connection part-way through the request body. It also serves as an ``HTTP_PROXY`` (absolute-form requests)
and an ``HTTPS_PROXY`` (``CONNECT`` tunnels), and records what went through it.
"""

from __future__ import annotations

import contextlib
import json
import select
import socket
import struct
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from app.database_key import KeyChoice
from app.inspections.evidence import EvidenceService, EvidenceStore
from app.inspections.records import InspectionService
from app.inspections.templates import TemplateService
from app.paths import DataDir
from app.records import Actor
from app.services.registry import RegistryService
from app.services.sync import SyncService
from app.station_store import open_station_databases
from localdb.database import Database
from sync.client import SyncHttp
from sync.credentials import CredentialStore
from sync.protocol import API_PREFIX
from tests.server.harness import LiveServer, LogCollector, SyncClient, serving
from tests.support.stations import memory_store

OPERATORS = 30
PASSWORD = "demo-password"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def live(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    backend: str = request.param
    data_dir = Path(tmp_path_factory.mktemp(f"sync-server-{backend}"))
    with serving(backend, data_dir, OPERATORS, LogCollector(), max_batch=5, max_page=25) as server:
        yield server


def damage_pulled_page(monkeypatch: pytest.MonkeyPatch, number: int) -> None:
    """The ``number``-th pulled page arrives with its last change's version as text (a broken server or proxy): the
    server's real answer, damaged on the client's side of the wire."""
    original = SyncHttp.get_page
    pages = 0

    def damaged(self: SyncHttp, path: str, head: type[Any], params: dict[str, Any] | None = None) -> Any:
        nonlocal pages
        parsed, body = original(self, path, head, params)
        pages += 1
        if pages == number:
            document = json.loads(body)
            document["changes"][-1]["version"] = str(document["changes"][-1]["version"])
            body = json.dumps(document).encode()
        return parsed, body

    monkeypatch.setattr(SyncHttp, "get_page", damaged)


@dataclass
class Client:
    """One client data dir, opened like the CLI opens it; it syncs with ``base`` (the server, or a proxy to it)."""

    root: Path
    key_file: Path
    store: CredentialStore
    db: Database
    evidence_db: Database
    server: LiveServer
    base: str = ""

    def __post_init__(self) -> None:
        self.base = self.base or self.server.base

    @property
    def sync(self) -> SyncService:
        return SyncService(self.db, self.evidence_db, self.store)

    def run(self, user: str | None = "demo1", **kwargs: object):  # type: ignore[no-untyped-def]
        return self.sync.run(self.base, user, PASSWORD if user else None, **kwargs)  # type: ignore[arg-type]

    def reopen(self) -> None:
        self.close()
        key = KeyChoice(key_file=self.key_file)
        self.db, self.evidence_db = open_station_databases(DataDir(self.root), key, self.store)

    def close(self) -> None:
        self.evidence_db.close()
        self.db.close()

    @property
    def registry(self) -> RegistryService:
        return RegistryService(self.db)

    @property
    def inspections(self) -> InspectionService:
        return InspectionService(self.db)

    @property
    def evidence(self) -> EvidenceService:
        return EvidenceService(self.db, EvidenceStore(self.evidence_db))

    def load_templates(self) -> None:
        TemplateService(self.db).load_shipped()


ACTOR = Actor("", "测试员")


def open_client(root: Path, server: LiveServer, base: str = "") -> Client:
    store = memory_store()
    key_file = root.parent / f"{root.name}.key"
    db, evidence_db = open_station_databases(DataDir(root), KeyChoice(key_file=key_file), store)
    return Client(root, key_file, store, db, evidence_db, server, base)


@pytest.fixture
def client(tmp_path: Path, live: LiveServer) -> Iterator[Client]:
    opened = open_client(tmp_path / "station", live)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def server_view(live: LiveServer) -> SyncClient:
    """A second device of demo1 looking at the server directly (for counts and checksums)."""
    view = SyncClient(live)
    assert view.login("demo1").status_code == 200
    return view


# --- faults on the wire ------------------------------------------------------------------------------------------
LOSE_ANSWER = "lose_answer"
"""Forward the request, let the server finish it, then drop the connection instead of answering."""
CUT_REQUEST = "cut_request"
"""Forward the head and ``after_bytes`` of the body (at most half of it), then reset both connections."""


@dataclass
class Fault:
    kind: str
    method: str
    path: str
    """Prefix of the path below /sync/v1 (e.g. ``/push``, ``/blobs/``)."""
    skip: int = 0
    """Matching requests to let through before this fault fires."""
    after_bytes: int = 0


@dataclass(frozen=True)
class Seen:
    """One request that reached the proxy: ``outcome`` is the server's status or the fault that hit it."""

    method: str
    path: str
    outcome: int | str
    via: str = "origin"
    """``origin`` (client talks to the proxy as the server), ``absolute`` (HTTP_PROXY) or ``connect`` (tunnel)."""


def _abort(sock: socket.socket) -> None:
    """Close with a reset (SO_LINGER 0), the way a dropped link or a crashed middlebox ends a connection."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def _read_head(sock: socket.socket) -> tuple[bytes, bytes] | None:
    """The request head up to the blank line, and the body bytes read with it (``None``: closed before a head)."""
    data = b""
    while b"\r\n\r\n" not in data:
        piece = sock.recv(65536)
        if not piece:
            return None
        data += piece
    head, _, rest = data.partition(b"\r\n\r\n")
    return head, rest


def _read_exactly(sock: socket.socket, have: bytes, wanted: int) -> bytes:
    while len(have) < wanted:
        piece = sock.recv(min(65536, wanted - len(have)))
        if not piece:
            break
        have += piece
    return have


def _read_line(sock: socket.socket, have: bytes) -> tuple[bytes, bytes]:
    while b"\r\n" not in have:
        piece = sock.recv(65536)
        if not piece:
            raise ConnectionError("closed mid-line")
        have += piece
    line, _, rest = have.partition(b"\r\n")
    return line, rest


def _read_response(sock: socket.socket, method: str) -> tuple[int, bytes, bytes]:
    """Status, head and body of one response, framed as HTTP/1.1 frames it (length, chunks, or none)."""
    read = _read_head(sock)
    if read is None:
        raise ConnectionError("closed before answering")
    head, rest = read
    status = int(head.split(b" ", 2)[1])
    fields = {
        line.split(b":", 1)[0].strip().lower(): line.split(b":", 1)[1].strip() for line in head.split(b"\r\n")[1:]
    }
    if method == "HEAD" or status in (204, 304):
        return status, head, b""
    if b"content-length" in fields:
        return status, head, _read_exactly(sock, rest, int(fields[b"content-length"]))
    body = b""
    while True:  # chunked
        size_line, rest = _read_line(sock, rest)
        size = int(size_line.split(b";")[0], 16)
        rest = _read_exactly(sock, rest, size + 2)
        body += size_line + b"\r\n" + rest[: size + 2]
        rest = rest[size + 2 :]
        if size == 0:
            return status, head, body


class FaultProxy:
    """An HTTP proxy on 127.0.0.1 in front of ``upstream`` (``http://host:port``) that injects armed faults."""

    def __init__(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.seen: list[Seen] = []
        self._faults: list[Fault] = []
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.base = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._thread = threading.Thread(target=self._accept, name="fault-proxy", daemon=True)
        self._thread.start()

    def arm(self, kind: str, method: str, path: str, skip: int = 0, after_bytes: int = 0) -> None:
        with self._lock:
            self._faults.append(Fault(kind, method, path, skip, after_bytes))

    @property
    def armed(self) -> bool:
        """Whether a fault is still waiting for its request."""
        with self._lock:
            return bool(self._faults)

    def disarm(self) -> None:
        with self._lock:
            self._faults.clear()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() below; close() alone would not
        self._listener.close()
        self._thread.join(timeout=5)

    def _take(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.method == method and path.startswith(fault.path):
                    if fault.skip:
                        fault.skip -= 1
                        return None
                    self._faults.remove(fault)
                    return fault
        return None

    def _record(self, seen: Seen) -> None:
        with self._lock:
            self.seen.append(seen)

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return  # closed
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        client.settimeout(30)
        try:
            read = _read_head(client)
            if read is None:
                client.close()
                return
            head, body = read
            request_line, _, header_block = head.partition(b"\r\n")
            method, target, version = request_line.decode("latin-1").split(" ", 2)
            if method == "CONNECT":
                self._tunnel(client, target)
                return
            via = "origin"
            if target.startswith("http://"):  # absolute form: we are the client's HTTP_PROXY
                via = "absolute"
                target = "/" + target.split("/", 3)[3] if target.count("/") >= 3 else "/"
            headers = [line for line in header_block.split(b"\r\n") if line]
            length = 0
            kept = []
            for line in headers:
                name = line.split(b":", 1)[0].strip().lower()
                if name == b"content-length":
                    length = int(line.split(b":", 1)[1])
                if name not in (b"connection", b"proxy-connection", b"keep-alive"):
                    kept.append(line)
            path = target.split("?", 1)[0].removeprefix(API_PREFIX)
            fault = self._take(method, path)
            forward = b"\r\n".join([f"{method} {target} {version}".encode("latin-1"), *kept, b"", b""])
            upstream = socket.create_connection(self.upstream, timeout=30)
            if fault is not None and fault.kind == CUT_REQUEST:
                cut = min(fault.after_bytes, length // 2)  # part-way, however small the body
                part = _read_exactly(client, body, cut)[:cut]
                upstream.sendall(forward + part)
                self._record(Seen(method, path, CUT_REQUEST, via))  # recorded before the client can notice
                _abort(upstream)
                _abort(client)
                return
            upstream.sendall(forward + _read_exactly(client, body, length))
            with upstream:  # kept alive towards the server, which then drains a body it answered early (401)
                status, answer_head, answer_body = _read_response(upstream, method)
            if fault is not None and fault.kind == LOSE_ANSWER:
                self._record(Seen(method, path, LOSE_ANSWER, via))
                _abort(client)
                return
            self._record(Seen(method, path, status, via))
            lines = [line for line in answer_head.split(b"\r\n") if not line.lower().startswith(b"connection:")]
            client.sendall(b"\r\n".join([*lines, b"Connection: close", b"", b""]) + answer_body)
            client.close()
        except OSError:
            client.close()

    def _tunnel(self, client: socket.socket, target: str) -> None:
        """``CONNECT host:port``: relay bytes both ways (TLS passes through untouched)."""
        host, _, port = target.rpartition(":")
        upstream = socket.create_connection((host, int(port)), timeout=30)
        self._record(Seen("CONNECT", target, 200, "connect"))
        client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        ends = {client: upstream, upstream: client}
        with client, upstream:
            while True:
                ready, _, _ = select.select(list(ends), [], [], 30)
                if not ready:
                    return
                for sock in ready:
                    data = sock.recv(65536)
                    if not data:
                        return
                    ends[sock].sendall(data)


@pytest.fixture
def proxy(live: LiveServer) -> Iterator[FaultProxy]:
    faults = FaultProxy(live.base)
    yield faults
    faults.close()


@pytest.fixture
def proxied(tmp_path: Path, live: LiveServer, proxy: FaultProxy) -> Iterator[Client]:
    """A client whose server address is the fault proxy."""
    opened = open_client(tmp_path / "proxied", live, proxy.base)
    try:
        yield opened
    finally:
        opened.close()
