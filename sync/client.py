"""The HTTP side of sync: one ``requests`` session per server, tokens, and the known failures.

* TLS verification is always on. A custom CA bundle (a province's own CA) comes from ``ca_bundle`` (``--ca-bundle``)
  or the ``STATIONDESK_CA_BUNDLE`` environment variable and is passed with every request, so it also wins over
  ``REQUESTS_CA_BUNDLE``; without one, requests' own CA list (or ``REQUESTS_CA_BUNDLE``) is used.
* ``HTTPS_PROXY`` / ``HTTP_PROXY`` / ``NO_PROXY`` are honoured (``trust_env``: requests reads the environment).
* Responses are gzip-compressed on the wire (``Accept-Encoding: gzip``).
* Evidence files go up as a :class:`StreamedBody`: requests sends ``Content-Length`` and iterates the chunks, so a
  file is never held in memory whole, and a replay reads it again.
* The access token lives in memory only; the rotating refresh token lives in the OS credential store
  (:class:`sync.credentials.CredentialStore`), stored *before* the new access token is used. A 401 refreshes once
  and replays the request — once per expired token, whichever thread sees the 401 first (a second refresh with
  the same refresh token would look like a stolen token to the server and end the login); a spent or missing
  refresh token means the user must log in again.
* Anything that is not a JSON answer of the protocol's error shape (a captive portal's HTML page, a proxy's error)
  is reported as "not the server", a dead server as unreachable, 5xx as a server error: the outbox stays intact.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, TypeVar

import requests
from pydantic import BaseModel, ValidationError

from sync.credentials import CredentialStore
from sync.protocol import (
    API_PREFIX,
    CLIENT_HEADER,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    ErrorBody,
    LoginRequest,
    MissingBlobsResponse,
    TokenResponse,
)

Model = TypeVar("Model", bound=BaseModel)

CLIENT_VERSION: Final = "0.1.0"
CONNECT_TIMEOUT: Final = 10.0
READ_TIMEOUT: Final = 120.0
CA_BUNDLE_ENV: Final = "STATIONDESK_CA_BUNDLE"
"""Environment variable naming a PEM file of the CA that signed the server's certificate (when not given)."""


class SyncError(Exception):
    """A known sync failure; ``kind`` names it for the app layer's Chinese message."""

    kind = "error"

    def __init__(self, message: str, detail: Any = None) -> None:
        super().__init__(message)
        self.detail = detail


class ServerUnreachable(SyncError):
    kind = "unreachable"


class TlsFailed(SyncError):
    kind = "tls"


class NotTheServer(SyncError):
    """The answer is not the protocol's JSON (captive portal, proxy error page)."""

    kind = "not_server"


class ServerFailed(SyncError):
    kind = "server_error"


class LoginRequired(SyncError):
    """No usable token: log in with user name and password."""

    kind = "login_required"


class BadCredentials(SyncError):
    kind = "bad_credentials"


class RateLimited(SyncError):
    kind = "rate_limited"


class UpgradeRequired(SyncError):
    kind = "upgrade"


class ResyncRequired(SyncError):
    kind = "resync"


class DeviceConflict(SyncError):
    kind = "device_conflict"


class RequestRefused(SyncError):
    """Another 4xx: a client bug or bad input (the outbox is kept)."""

    kind = "refused"


class BodyChanged(SyncError):
    """A streamed file yielded another number of bytes than announced (it changed while being sent)."""


@dataclass(frozen=True)
class StreamedBody:
    """A request body of known ``size`` sent piece by piece: requests announces ``Content-Length`` and iterates.

    ``chunks`` is called for every send, so the body can be replayed (after a 401) without having been kept;
    ``sent(n)`` hears how many bytes went out so far (progress, and the place to cancel a long upload).
    """

    size: int
    chunks: Callable[[], Iterable[bytes]]
    sent: Callable[[int], None] = lambda _n: None

    def __len__(self) -> int:
        return self.size

    def __iter__(self) -> Iterator[bytes]:
        done = 0
        for chunk in self.chunks():
            done += len(chunk)
            if done > self.size:
                raise BodyChanged(f"the file grew past its {self.size} bytes while it was being sent")
            yield chunk
            self.sent(done)
        if done != self.size:
            raise BodyChanged(f"the file had {done} bytes, not {self.size}, when it was sent")


Body = bytes | StreamedBody


@dataclass
class Traffic:
    """Bytes on the wire (compressed when gzip was used) and their decompressed size."""

    sent: int = 0
    received: int = 0
    received_raw: int = 0
    requests: int = 0


@dataclass
class SyncHttp:
    """Talks to one server (``base_url`` without the ``/sync/v1`` prefix) for one device."""

    base_url: str
    device_id: str
    credentials: CredentialStore
    ca_bundle: str | None = None
    timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT)
    traffic: Traffic = field(default_factory=Traffic)

    def __post_init__(self) -> None:
        self.base_url = self.base_url.rstrip("/")
        if self.base_url.endswith(API_PREFIX):
            self.base_url = self.base_url[: -len(API_PREFIX)]
        self.ca_bundle = self.ca_bundle or os.environ.get(CA_BUNDLE_ENV) or None
        self.http = requests.Session()
        self.http.trust_env = True  # HTTPS_PROXY / HTTP_PROXY / NO_PROXY, and REQUESTS_CA_BUNDLE without a bundle
        self.http.headers.update(
            {
                PROTOCOL_HEADER: str(PROTOCOL_VERSION),
                CLIENT_HEADER: CLIENT_VERSION,
                "Accept-Encoding": "gzip",
                "User-Agent": f"StationDesk/{CLIENT_VERSION}",
            }
        )
        self._access: str | None = None
        self._refresh_token: str | None = None
        """Kept in memory only when the OS has no credential store (then the next run needs the password)."""
        self._auth_lock = threading.RLock()
        """Serialises refreshes: the pull fetches one page ahead on a second thread."""
        self.station: dict[str, Any] | None = None

    @property
    def verify(self) -> str | bool:
        """What requests verifies the server's certificate with: the CA bundle's path, or its own CA list."""
        return self.ca_bundle or True

    @property
    def account(self) -> str:
        """Credential-store account of this device's refresh token."""
        return f"sync-refresh:{self.base_url}:{self.device_id}"

    def _stored_refresh(self) -> str | None:
        if self._refresh_token is not None or not self.credentials.available():
            return self._refresh_token
        return self.credentials.get(self.account)

    def has_refresh_token(self) -> bool:
        return self._stored_refresh() is not None

    def close(self) -> None:
        self.http.close()

    # -- auth ----------------------------------------------------------------------------------------------------
    def login(self, username: str, password: str, device_name: str = "") -> TokenResponse:
        body = LoginRequest(
            username=username,
            password=password,
            device_id=self.device_id,
            device_name=device_name[:100],
            client_version=CLIENT_VERSION,
        ).model_dump()
        answer = self._send("POST", "/login", json_body=body, auth=False)
        return self._use(answer)

    def refresh(self) -> TokenResponse:
        with self._auth_lock:
            token = self._stored_refresh()
            if not token:
                raise LoginRequired("no stored refresh token for this device: log in")
            try:
                answer = self._send("POST", "/refresh", json_body={"refresh_token": token}, auth=False)
            except BadCredentials as exc:
                self.forget()
                raise LoginRequired("the stored sign-in has expired or was revoked: log in") from exc
            return self._use(answer)

    def _fresh_access(self, failed: str | None) -> str:
        """An access token to use: the current one, unless it is ``failed`` (answered 401) or there is none."""
        with self._auth_lock:
            if self._access is None or self._access == failed:
                self.refresh()
            assert self._access is not None
            return self._access

    def forget(self) -> None:
        """Drop the tokens (e.g. after a device change)."""
        self._access = None
        self._refresh_token = None
        if self.credentials.available():
            self.credentials.delete(self.account)

    def _use(self, answer: requests.Response) -> TokenResponse:
        tokens = TokenResponse.model_validate(self.parse_json(answer))
        if self.credentials.available():
            self.credentials.set(self.account, tokens.refresh_token)  # before the access token is used
            self._refresh_token = None
        else:
            self._refresh_token = tokens.refresh_token
        self._access = tokens.access_token
        self.station = tokens.station.model_dump()
        return tokens

    # -- requests ------------------------------------------------------------------------------------------------
    def call(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        data: Body | None = None,
        params: dict[str, Any] | None = None,
        ok: tuple[int, ...] = (200,),
    ) -> requests.Response:
        """An authenticated request; on 401 refresh once and replay. Statuses in ``ok`` are returned.

        Replaying is safe for every request of the protocol: a 401 is answered before the body is looked at, and
        pushes are idempotent anyway."""
        token = self._fresh_access(None)
        try:
            return self._send(method, path, json_body=json_body, data=data, params=params, ok=ok, token=token)
        except BadCredentials:
            token = self._fresh_access(token)
            return self._send(method, path, json_body=json_body, data=data, params=params, ok=ok, token=token)

    def get_json(self, path: str, params: dict[str, Any] | None = None) -> Any:
        return self.parse_json(self.call("GET", path, params=params))

    def get_page(self, path: str, head: type[Model], params: dict[str, Any] | None = None) -> tuple[Model, bytes]:
        """GET ``path``: the body's ``head`` fields, validated straight from its bytes (the rest of the body is only
        scanned, not turned into Python objects: pages of pulled changes are big), and the body itself. A body that
        is not JSON is not from our server."""
        response = self.call("GET", path, params=params)
        try:
            return head.model_validate_json(response.content), response.content
        except ValidationError as exc:
            if any(error["type"] == "json_invalid" for error in exc.errors()):
                raise NotTheServer("the answer is not from a StationDesk server (not JSON)") from exc
            raise

    # -- blobs ---------------------------------------------------------------------------------------------------
    def missing_blobs(self, hashes: Sequence[str]) -> list[str] | None:
        """Which of ``hashes`` (at most ``MAX_BLOB_QUERY``) the server lacks for this station, in one request;
        ``None`` when the server is older than ``POST /blobs/missing`` (404/405): ask with :meth:`has_blob`."""
        answer = self.call("POST", "/blobs/missing", json_body={"sha256": list(hashes)}, ok=(200, 404, 405))
        if answer.status_code != 200:
            return None
        return MissingBlobsResponse.model_validate(self.parse_json(answer)).missing

    def has_blob(self, sha256: str) -> bool:
        """Whether the server has this file for this station (``HEAD``: one request per file)."""
        return self.call("HEAD", f"/blobs/{sha256}", ok=(200, 404)).status_code == 200

    def _send(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        data: Body | None = None,
        params: dict[str, Any] | None = None,
        auth: bool = True,
        ok: tuple[int, ...] = (200,),
        token: str | None = None,
    ) -> requests.Response:
        headers: dict[str, str] = {}
        body: Body | None = data
        if json_body is not None:
            body = json.dumps(json_body, ensure_ascii=False, separators=(",", ":")).encode()
            headers["Content-Type"] = "application/json"
        elif data is not None:
            headers["Content-Type"] = "application/octet-stream"
        if auth and token:
            headers["Authorization"] = f"Bearer {token}"
        if self.ca_bundle and not Path(self.ca_bundle).is_file():
            raise TlsFailed(f"the CA bundle {self.ca_bundle} is not a readable file")
        url = self.base_url + API_PREFIX + path
        try:
            response = self.http.request(
                method,
                url,
                data=body,
                params=params,
                headers=headers,
                timeout=self.timeout,
                stream=False,
                verify=self.verify,
            )
        except requests.exceptions.SSLError as exc:
            raise TlsFailed(f"the server's certificate could not be verified: {exc}") from exc
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
            raise ServerUnreachable(f"cannot reach {self.base_url}: {exc}") from exc
        self.traffic.requests += 1
        self.traffic.sent += len(body) if body is not None else 0
        wire = response.headers.get("Content-Length")
        self.traffic.received_raw += len(response.content)
        self.traffic.received += int(wire) if wire and wire.isdigit() else len(response.content)
        if response.status_code in ok:
            return response
        raise self._error(response)

    @staticmethod
    def parse_json(response: requests.Response) -> Any:
        try:
            return response.json()
        except ValueError as exc:
            raise NotTheServer("the answer is not from a StationDesk server (not JSON)") from exc

    def _error(self, response: requests.Response) -> SyncError:
        status = response.status_code
        try:
            error = ErrorBody.model_validate(response.json())
        except ValueError:
            if status >= 500:
                return ServerFailed(f"the server failed (HTTP {status})")
            return NotTheServer(f"HTTP {status} without a StationDesk answer: a login page or proxy is in between")
        message = f"{error.error}: {error.message}"
        if status == 401:
            return BadCredentials(message, error.detail)
        if status == 409:
            return DeviceConflict(message, error.detail)
        if status == 410:
            return ResyncRequired(message, error.detail)
        if status == 426:
            return UpgradeRequired(message, error.detail)
        if status == 429:
            return RateLimited(message, response.headers.get("Retry-After"))
        if status >= 500:
            return ServerFailed(message, error.detail)
        return RequestRefused(f"HTTP {status} {message}", error.detail)
