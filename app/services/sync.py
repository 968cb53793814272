"""One-click sync as a use case: the pre-flight summary, the run, the receipt, and the Chinese messages.

Wires the Qt-free pieces: the station database (localdb/sync_store.py), the HTTP connection and the engine (sync/).
Derived fields the client computes on apply (``name_initials``) are passed down from here, because sync/ and localdb/
may not import app/. A data dir belongs to one server and one station: the first sync into an empty data dir is the
initial pull; the offline demo station and a data dir holding unsynced data refuse to sync.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from app.demo_data import STATION_NAME as DEMO_STATION_NAME
from app.errors import AppError
from app.i18n import QT_TRANSLATE_NOOP
from app.pinyin import name_initials
from app.progress import Progress
from app.services.registry import RegistryService
from app.sync_conflicts import REFUSED, ConflictService
from app.sync_credentials import sign_in_store
from app.sync_receipt import receipt_record
from app.sync_schedule import worth_syncing
from localdb.database import Database
from localdb.pull_apply import MalformedPull
from localdb.sync_store import LocalSyncStore
from sync.client import SyncError, SyncHttp
from sync.credentials import CredentialStore
from sync.engine import Receipt, SyncEngine

DEMO_STATION_CODE: Final = "530102-HG"


class SyncRefused(AppError):
    """This data dir cannot sync with that server (demo station, unsynced data, another server)."""

    kind = "refused"

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


@dataclass(frozen=True)
class Blocked:
    """Something the next sync will not send, and why: an entry the server refused (quarantined; it stays until
    the officer discards it in the conflict view) or an evidence file missing on this computer."""

    entity: str
    record_id: str
    code: str
    reason: str
    title: str = ""


@dataclass(frozen=True)
class Preflight:
    """What the next sync will send, shown before the user presses 同步."""

    server_url: str | None
    station: str | None
    first_sync: bool
    inspections: int
    proposals: int
    registry_edits: int
    evidence: int
    files: int
    file_bytes: int
    blocked: list[Blocked] = field(default_factory=list)
    refusal: SyncRefused | None = None
    last_sync_at: datetime | None = None

    @property
    def nothing_to_send(self) -> bool:
        return not (self.inspections or self.proposals or self.registry_edits or self.evidence or self.files)


def normalize_url(url: str) -> str:
    return url.strip().rstrip("/")


class SyncService:
    """Sync of one open station (database + evidence store) with the provincial server.

    One instance lives as long as the open station: it holds the sign-in in memory where the OS has no credential
    store (:attr:`memory_only_sign_in`), and lets one sync run at a time (a second one is refused as ``busy``).
    """

    def __init__(
        self,
        db: Database,
        evidence_db: Database | None,
        credentials: CredentialStore,
        ca_bundle: str | None = None,
        http_factory: Callable[..., SyncHttp] = SyncHttp,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self._db = db
        self._store = LocalSyncStore(db, evidence_db, name_initials)
        self._credentials, self.memory_only_sign_in = sign_in_store(credentials)
        self._ca_bundle = ca_bundle
        self._http_factory = http_factory
        self._clock = clock
        self._running = threading.Lock()

    @property
    def store(self) -> LocalSyncStore:
        return self._store

    @property
    def conflicts(self) -> ConflictService:
        return ConflictService(self._db, self._store)

    @property
    def registry(self) -> RegistryService:
        """The register, for editing an operator again from the conflict view."""
        return RegistryService(self._db)

    def state(self) -> dict[str, Any] | None:
        return self._store.state()

    def last_receipt(self) -> dict[str, Any] | None:
        state = self._store.state()
        if not state or not state.get("last_receipt"):
            return None
        receipt: dict[str, Any] = json.loads(state["last_receipt"])
        return receipt

    def refusal(self, server_url: str | None = None) -> SyncRefused | None:
        """Why this data dir may not sync (with ``server_url``), or ``None``."""
        state = self._store.state()
        if state is None:
            local = self._store.local_station()
            if local["code"] == DEMO_STATION_CODE or local["name"] == DEMO_STATION_NAME:
                return SyncRefused("demo", str(local["name"]))
            if local["operators"] or local["inspections"]:
                return SyncRefused("not_empty", str(local["name"] or ""))
            return None
        if server_url is not None and normalize_url(server_url) != normalize_url(state["server_url"]):
            return SyncRefused("other_server", state["server_url"])
        return None

    def preflight(self) -> Preflight:
        """What the next sync sends and what it cannot send (counts are records: autosaves of one inspection
        count once)."""
        state = self._store.state()
        records = self._store.pending_records()
        blobs = self._store.pending_blobs()
        blocked = [
            Blocked(c.entity, c.record_id, c.code, c.reason, c.title)
            for c in self.conflicts.conflicts()
            if c.state == REFUSED
        ]
        blocked += [
            Blocked("evidence", sha, "file_missing", "") for sha in self._store.missing_blobs([b[0] for b in blobs])
        ]
        return Preflight(
            server_url=state["server_url"] if state else None,
            station=state["station_code"] if state else None,
            first_sync=state is None,
            inspections=records.get("inspection", 0),
            proposals=records.get("operator_proposal", 0),
            registry_edits=records.get("operator", 0) + records.get("carrier", 0),
            evidence=records.get("evidence", 0),
            files=len(blobs),
            file_bytes=sum(size for _, size in blobs),
            blocked=blocked,
            refusal=self.refusal(),
            last_sync_at=state["last_sync_at"] if state else None,
        )

    def worth_syncing(self) -> bool:
        """Whether a background retry is worth it: something to send, or the register is due for a refresh. Never
        before the data dir knows its server (the first sync needs the officer's user name and password)."""
        state = self._store.state()
        if state is None:
            return False
        return worth_syncing(self._store.unanswered_count(), state["last_sync_at"], self._clock())

    def has_stored_login(self, server_url: str) -> bool:
        state = self._store.state()
        if state is None:
            return False
        http = self._http_factory(normalize_url(server_url), state["device_id"], self._credentials, self._ca_bundle)
        try:
            return http.has_refresh_token()
        finally:
            http.close()

    def run(
        self,
        server_url: str,
        username: str | None = None,
        password: str | None = None,
        progress: Progress | None = None,
        device_name: str = "",
    ) -> Receipt:
        """One sync; raises :class:`SyncRefused` (also ``busy`` while another sync runs),
        :class:`sync.client.SyncError` or ``app.progress.Cancelled``. The receipt is stored with its time."""
        if not self._running.acquire(blocking=False):
            raise SyncRefused("busy")
        try:
            return self._run(normalize_url(server_url), username, password, progress or Progress.none(), device_name)
        finally:
            self._running.release()

    def _run(
        self, server_url: str, username: str | None, password: str | None, progress: Progress, device_name: str
    ) -> Receipt:
        refusal = self.refusal(server_url)
        if refusal is not None:
            raise refusal
        state = self._store.state()
        device_id = state["device_id"] if state else str(uuid.uuid4())
        http = self._http_factory(server_url, device_id, self._credentials, self._ca_bundle)
        try:
            if username and password:
                http.login(username, password, device_name)
            if state is None:
                if http.station is None:
                    http.refresh()  # raises LoginRequired: a first sync needs user name and password
                station = http.station or {}
                self._store.ensure_station(
                    str(station["id"]), str(station["code"]), str(station["name"]), str(station["region_code"])
                )
                self._store.save_state(
                    server_url=server_url,
                    station_id=str(station["id"]),
                    station_code=str(station["code"]),
                    username=username or "",
                    device_id=device_id,
                )
                state = self._store.state() or {}
            sending = self._store.unanswered_seqs()
            engine = SyncEngine(http, self._store)
            try:
                receipt = engine.run(progress.step, expect_station=str(state["station_id"]))
            except MalformedPull as exc:  # the pages' changes are not the protocol's: nothing of that group written
                raise SyncRefused("malformed", str(exc)) from exc
            except SyncError as exc:
                if exc.kind == "device_conflict":
                    # A copied data dir: register as a new device and renumber the unsent outbox (kept intact).
                    self._store.renumber(str(uuid.uuid4()))
                    http.forget()
                raise
            finished = self._clock()
            record = receipt_record(receipt, self._store.answers(sending), finished)
            self._store.save_state(last_receipt=json.dumps(record, ensure_ascii=False), last_sync_at=finished)
            return receipt
        finally:
            self._store.restore_indexes()  # after a failed initial pull: the register must stay fast to use
            http.close()


# --- messages (context "Sync") ---------------------------------------------------------------------------------------
MESSAGES: Final[dict[str, str]] = {
    "unreachable": QT_TRANSLATE_NOOP(
        "Sync",
        "Cannot reach the server {server}. Check the network connection and the server address, then try again. "
        "Nothing was lost: unsent changes stay on this computer.",
    ),
    "tls": QT_TRANSLATE_NOOP(
        "Sync",
        "The server's certificate could not be verified, so nothing was sent. If your province uses its own "
        "certificate authority, ask your administrator to set STATIONDESK_CA_BUNDLE to its CA certificate file.",
    ),
    "not_server": QT_TRANSLATE_NOOP(
        "Sync",
        "The answer did not come from the StationDesk server (a Wi-Fi login page or a proxy is in between). Log in "
        "to the network in a browser first, then sync again. Nothing was lost.",
    ),
    "server_error": QT_TRANSLATE_NOOP(
        "Sync", "The server had an error. Try again later; unsent changes stay on this computer."
    ),
    "login_required": QT_TRANSLATE_NOOP(
        "Sync", "Please sign in: enter your user name and password for the provincial server."
    ),
    "bad_credentials": QT_TRANSLATE_NOOP(
        "Sync", "The user name or password is wrong, or the sign-in has expired. Sign in again."
    ),
    "rate_limited": QT_TRANSLATE_NOOP(
        "Sync", "Too many failed sign-ins. Wait a quarter of an hour, then try again with the right password."
    ),
    "upgrade": QT_TRANSLATE_NOOP(
        "Sync", "This version of StationDesk is too old for the server. Install the new version, then sync again."
    ),
    "resync": QT_TRANSLATE_NOOP("Sync", "The server asks for a full download. Sync again."),
    "device_conflict": QT_TRANSLATE_NOOP(
        "Sync",
        "This data folder was copied from another computer. It has been registered as a new device; sign in "
        "again with your user name and password and sync. Unsent changes were kept.",
    ),
    "wrong_station": QT_TRANSLATE_NOOP(
        "Sync",
        "This user belongs to another station than the data on this computer. Sign in with an account of this "
        "station. Nothing was changed.",
    ),
    "refused": QT_TRANSLATE_NOOP(
        "Sync", "The server refused the request ({detail}). Unsent changes stay on this computer; report this."
    ),
    "error": QT_TRANSLATE_NOOP("Sync", "Sync failed: {detail}. Unsent changes stay on this computer."),
    "malformed": QT_TRANSLATE_NOOP(
        "Sync",
        "The server sent data this version of StationDesk cannot read ({detail}), so it was not saved. Unsent "
        "changes stay on this computer; report this to your administrator.",
    ),
    "busy": QT_TRANSLATE_NOOP("Sync", "A sync is already running. Wait until it has finished."),
    "demo": QT_TRANSLATE_NOOP(
        "Sync",
        "This data folder holds the offline demo station, which never mixes with real data. Choose an empty data "
        "folder for your station (--data-dir), then sync.",
    ),
    "not_empty": QT_TRANSLATE_NOOP(
        "Sync",
        "This data folder already holds data that never came from the server. The first sync needs an empty data "
        "folder; choose another one (--data-dir).",
    ),
    "other_server": QT_TRANSLATE_NOOP(
        "Sync",
        "This data folder belongs to the server {detail}. A data folder syncs with one server only; use another "
        "data folder for this server.",
    ),
}
TITLE: Final = QT_TRANSLATE_NOOP("Sync", "Sync failed")


def failure_message(exc: BaseException, server: str = "") -> tuple[str, dict[str, str]] | None:
    """The message template (context ``Sync``) and its parameters for a known sync failure, else ``None``."""
    if isinstance(exc, SyncRefused):
        return MESSAGES[exc.kind], {"detail": exc.detail, "server": server}
    if isinstance(exc, SyncError):
        return MESSAGES.get(exc.kind, MESSAGES["error"]), {"detail": str(exc), "server": server}
    return None
