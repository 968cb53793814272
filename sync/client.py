"""The HTTP side of sync: one ``requests`` session per server, tokens, and the known failures.

* TLS verification is always on; a custom CA bundle (a province's own CA) can be given, never ``verify=False``.
* ``HTTPS_PROXY`` / ``HTTP_PROXY`` / ``NO_PROXY`` are honoured (requests reads the environment).
* Responses are gzip-compressed on the wire (``Accept-Encoding: gzip``).
* The access token lives in memory only; the rotating refresh token lives in the OS credential store
  (:class:`sync.credentials.CredentialStore`), stored *before* the new access token is used. A 401 refreshes once
  and replays the request; a spent or missing refresh token means the user must log in again.
* Anything that is not a JSON answer of the protocol's error shape (a captive portal's HTML page, a proxy's error)
  is reported as "not the server", a dead server as unreachable, 5xx as a server error: the outbox stays intact.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Final

import requests

from sync.credentials import CredentialStore
from sync.protocol import (
    API_PREFIX,
    CLIENT_HEADER,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    ErrorBody,
    LoginRequest,
    TokenResponse,
)

CLIENT_VERSION: Final = "0.1.0"
CONNECT_TIMEOUT: Final = 10.0
READ_TIMEOUT: Final = 120.0


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
        self.http = requests.Session()
        self.http.trust_env = True  # HTTPS_PROXY / HTTP_PROXY / NO_PROXY, and REQUESTS_CA_BUNDLE
        self.http.verify = self.ca_bundle or True
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
        self.station: dict[str, Any] | None = None

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
        token = self._stored_refresh()
        if not token:
            raise LoginRequired("no stored refresh token for this device: log in")
        try:
            answer = self._send("POST", "/refresh", json_body={"refresh_token": token}, auth=False)
        except BadCredentials as exc:
            self.forget()
            raise LoginRequired("the stored sign-in has expired or was revoked: log in") from exc
        return self._use(answer)

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
        data: bytes | None = None,
        params: dict[str, Any] | None = None,
        ok: tuple[int, ...] = (200,),
    ) -> requests.Response:
        """An authenticated request; on 401 refresh once and replay. Statuses in ``ok`` are returned."""
        if self._access is None:
            self.refresh()
        try:
            return self._send(method, path, json_body=json_body, data=data, params=params, ok=ok)
        except BadCredentials:
            self.refresh()
            return self._send(method, path, json_body=json_body, data=data, params=params, ok=ok)

    def get_json(self, path: str, params: dict[str, Any] | None = None) -> Any:
        return self.parse_json(self.call("GET", path, params=params))

    def _send(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        data: bytes | None = None,
        params: dict[str, Any] | None = None,
        auth: bool = True,
        ok: tuple[int, ...] = (200,),
    ) -> requests.Response:
        headers: dict[str, str] = {}
        body: bytes | None = data
        if json_body is not None:
            body = json.dumps(json_body, ensure_ascii=False, separators=(",", ":")).encode()
            headers["Content-Type"] = "application/json"
        elif data is not None:
            headers["Content-Type"] = "application/octet-stream"
        if auth and self._access:
            headers["Authorization"] = f"Bearer {self._access}"
        url = self.base_url + API_PREFIX + path
        try:
            response = self.http.request(
                method, url, data=body, params=params, headers=headers, timeout=self.timeout, stream=False
            )
        except requests.exceptions.SSLError as exc:
            raise TlsFailed(f"the server's certificate could not be verified: {exc}") from exc
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
            raise ServerUnreachable(f"cannot reach {self.base_url}: {exc}") from exc
        self.traffic.requests += 1
        self.traffic.sent += len(body or b"")
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
