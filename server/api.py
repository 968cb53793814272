"""The HTTP API: ``create_app(settings)`` builds the FastAPI application for protocol v1 (docs/sync-protocol.md).

Every endpoint but login and refresh needs an access token, and every query is scoped to the token's station.
Errors always have the body ``{"error": code, "message": text, "detail": …}``; request bodies are never echoed
back or logged (a malformed login must not put a password into a response or a log line). The blob routes are in
server/blob_routes.py; the error type and the caller dependency all routes share are in server/routing.py.
"""

from __future__ import annotations

import gzip
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping, Sequence
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Connection, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from server import __version__, security
from server.blob_routes import MISSING_PATH, QUERY_BODY_BYTES, blob_router
from server.blobs import FileBlobStore
from server.db import Database
from server.migrate import upgrade
from server.models import AppUser, AuthToken, Blob, BlobOwner, Device, Station, utcnow
from server.mutations import BadBatch, DeviceConflict, check_batch, push
from server.pull import CursorError, ResyncRequired, digests, pull_page, server_state, station_position
from server.routing import ApiError, Auth, error_body
from server.settings import Settings
from server.writes import Principal
from sync.protocol import (
    API_PREFIX,
    CLIENT_HEADER,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    SUPPORTED_PROTOCOLS,
    DeviceInfo,
    ErrorCode,
    HelloResponse,
    Limits,
    LoginRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    RefreshRequest,
    StationInfo,
    TokenResponse,
    VerifyResponse,
    parse_version,
)

log = logging.getLogger("server")

ASGIApp = Callable[
    [MutableMapping[str, Any], Callable[[], Awaitable[MutableMapping[str, Any]]], Callable[..., Awaitable[None]]],
    Awaitable[None],
]
NO_STORE = {"Cache-Control": "no-store"}


class BodyTooLarge(StarletteHTTPException):
    """Raised from inside ``receive`` when a body grows past its limit (handled like any HTTP error)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit} bytes")


UPGRADE_HEADERS = {"Upgrade": f"StationDesk-Sync/{PROTOCOL_VERSION}", "Connection": "Upgrade"}


def upgrade_detail(settings: Settings) -> dict[str, Any]:
    return {"supported_protocols": list(SUPPORTED_PROTOCOLS), "min_client_version": settings.min_client_version}


def upgrade_required(message: str, settings: Settings) -> JSONResponse:
    return error_body(426, ErrorCode.UPGRADE_REQUIRED, message, upgrade_detail(settings), headers=UPGRADE_HEADERS)


class GuardMiddleware:
    """Before any route: unknown protocol versions and too-old clients (426), oversized bodies (413)."""

    _VERSION_PATH = re.compile(r"^/sync/v(\d+)(?:/|$)")

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.min_client = parse_version(settings.min_client_version)

    async def __call__(
        self,
        scope: MutableMapping[str, Any],
        receive: Callable[[], Awaitable[MutableMapping[str, Any]]],
        send: Callable[..., Awaitable[None]],
    ) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        headers = {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in scope["headers"]}
        rejection = self._check_versions(path, headers)
        if rejection is not None:
            await rejection(scope, receive, send)
            return
        limit = self._body_limit(path)
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            response = error_body(413, ErrorCode.PAYLOAD_TOO_LARGE, f"the request body is larger than {limit} bytes")
            await response(scope, receive, send)
            return
        received = 0

        async def limited_receive() -> MutableMapping[str, Any]:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, limited_receive, send)

    def _body_limit(self, path: str) -> int:
        """Blob uploads may be large; the missing-blobs query is bounded by its hash count; JSON by the setting."""
        if path == MISSING_PATH:
            return QUERY_BODY_BYTES
        if path.startswith(f"{API_PREFIX}/blobs/"):
            return self.settings.max_blob_bytes
        return self.settings.max_body_bytes

    def _check_versions(self, path: str, headers: dict[str, str]) -> JSONResponse | None:
        match = self._VERSION_PATH.match(path)
        if match and int(match.group(1)) not in SUPPORTED_PROTOCOLS:
            return upgrade_required(f"protocol version {match.group(1)} is not supported by this server", self.settings)
        if not path.startswith("/sync/"):
            return None
        protocol = headers.get(PROTOCOL_HEADER.lower())
        if protocol is not None and (not protocol.strip().isdigit() or int(protocol) not in SUPPORTED_PROTOCOLS):
            return upgrade_required(f"protocol version {protocol!r} is not supported by this server", self.settings)
        client = headers.get(CLIENT_HEADER.lower())
        if client is not None and parse_version(client) < self.min_client:
            return upgrade_required(
                f"client version {client!r} is too old; this server needs {self.settings.min_client_version} or newer",
                self.settings,
            )
        return None


def _insert_ignore(db: Database, model: type[Any]) -> Any:
    dialect = sqlite if db.is_sqlite else postgresql
    return dialect.insert(model).on_conflict_do_nothing()


class Server:
    """Settings, database and blob store of one running server, and the request handlers that use them."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        security.configure_passwords(settings.argon2_time_cost, settings.argon2_memory_kib, settings.argon2_parallelism)
        self.db = Database(settings.url)
        upgrade(self.db, backup_dir=settings.data_dir / "backups")
        self.blobs = FileBlobStore(settings.blob_dir)
        self.blobs.prepare()

    # --- authentication -------------------------------------------------------------------------------------------
    def authenticate(self, request: Request) -> Principal:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(
                401, ErrorCode.UNAUTHORIZED, "log in first: no access token", headers={"WWW-Authenticate": "Bearer"}
            )
        with self.db.read() as conn:
            row = conn.execute(
                select(
                    AuthToken.expires_at,
                    AuthToken.revoked_at,
                    AppUser.id,
                    AppUser.username,
                    AppUser.active,
                    AppUser.station_id,
                    Device.id.label("device_pk"),
                    Device.device_id,
                )
                .join(AppUser, AppUser.id == AuthToken.user_id)
                .join(Device, Device.id == AuthToken.device_pk)
                .where(AuthToken.token_hash == security.token_hash(token.strip()), AuthToken.kind == "access")
            ).one_or_none()
        if row is None or row.revoked_at is not None or row.expires_at <= utcnow() or not row.active:
            raise ApiError(
                401,
                ErrorCode.UNAUTHORIZED,
                "the access token is unknown, expired or revoked: refresh it or log in again",
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        return Principal(row.id, row.username, row.station_id, row.device_pk, row.device_id)

    def login(self, body: LoginRequest, address: str) -> TokenResponse:
        settings = self.settings
        if parse_version(body.client_version) < parse_version(settings.min_client_version):
            raise ApiError(
                426,
                ErrorCode.UPGRADE_REQUIRED,
                f"client version {body.client_version} is too old; this server needs {settings.min_client_version}",
                upgrade_detail(settings),
                headers=UPGRADE_HEADERS,
            )
        key = security.rate_limit_key(body.username, address)
        with self.db.read() as conn:
            failures, oldest = security.recent_failures(conn, key, settings.login_window)
            user = conn.execute(
                select(AppUser.id, AppUser.password_hash, AppUser.active, AppUser.station_id).where(
                    AppUser.username == body.username
                )
            ).one_or_none()
        if failures >= settings.login_max_failures:
            retry = settings.login_window
            if oldest is not None:
                retry = max(1, int((oldest + timedelta(seconds=settings.login_window) - utcnow()).total_seconds()) + 1)
            who = repr(body.username) if user is not None else "an unknown username"
            log.warning("login refused (rate limit) for %s from %s", who, address)
            raise ApiError(
                429,
                ErrorCode.RATE_LIMITED,
                f"too many failed logins; try again in {retry} seconds",
                {"retry_after": retry},
                headers={"Retry-After": str(retry)},
            )
        ok = security.verify_password(user.password_hash if user is not None and user.active else None, body.password)
        if not ok or user is None:
            with self.db.write() as conn:
                security.record_failure(conn, key, settings.login_window)
            # An unknown "username" is often a password typed into the wrong field: never log it.
            who = repr(body.username) if user is not None else "an unknown username"
            log.info("login failed for %s from %s", who, address)
            raise ApiError(401, ErrorCode.UNAUTHORIZED, "wrong username or password")
        for attempt in range(2):
            try:
                with self.db.write() as conn:
                    device_pk = self._register_device(conn, user.id, user.station_id, body)
                    security.clear_failures(conn, key)
                    tokens = security.issue_tokens(
                        conn, user.id, device_pk, None, settings.access_ttl, settings.refresh_ttl
                    )
                    station = self._station(conn, user.station_id)
                break
            except IntegrityError:  # two first logins of one device at once: the second sees the first's row
                if attempt:
                    raise
        log.info("login of user %r on device %s from %s", body.username, body.device_id, address)
        return TokenResponse(
            access_token=tokens.access_token,
            access_expires_in=tokens.access_expires_in,
            refresh_token=tokens.refresh_token,
            refresh_expires_in=tokens.refresh_expires_in,
            station=station,
            username=body.username,
            device_id=body.device_id,
        )

    def _register_device(self, conn: Connection, user_id: int, station_id: str, body: LoginRequest) -> int:
        now = utcnow()
        found = conn.scalar(
            select(Device.id).where(Device.station_id == station_id, Device.device_id == body.device_id)
        )
        values = {
            "name": body.device_name,
            "client_version": body.client_version,
            "last_user_id": user_id,
            "last_seen_at": now,
        }
        if found is not None:
            conn.execute(update(Device).where(Device.id == found).values(**values))
            return int(found)
        result = conn.execute(
            insert(Device).values(station_id=station_id, device_id=body.device_id, last_seq=0, created_at=now, **values)
        )
        return int(result.inserted_primary_key[0])  # type: ignore[index]

    def _station(self, conn: Connection, station_id: str) -> StationInfo:
        row = conn.execute(
            select(Station.id, Station.code, Station.name, Station.region_code).where(Station.id == station_id)
        ).one()
        return StationInfo(id=row.id, code=row.code, name=row.name, region_code=row.region_code)

    def refresh(self, body: RefreshRequest) -> TokenResponse:
        settings = self.settings
        reused = False
        with self.db.write() as conn:
            row = conn.execute(
                select(AuthToken, AppUser.username, AppUser.active, AppUser.station_id, Device.device_id)
                .join(AppUser, AppUser.id == AuthToken.user_id)
                .join(Device, Device.id == AuthToken.device_pk)
                .where(AuthToken.token_hash == security.token_hash(body.refresh_token), AuthToken.kind == "refresh")
                .with_for_update(of=AuthToken)
            ).one_or_none()
            if row is None or row.revoked_at is not None or row.expires_at <= utcnow() or not row.active:
                raise ApiError(
                    401, ErrorCode.UNAUTHORIZED, "the refresh token is unknown, expired or revoked: log in again"
                )
            if row.used_at is not None:
                security.revoke_family(conn, row.family)
                reused = True
            else:
                conn.execute(update(AuthToken).where(AuthToken.id == row.id).values(used_at=utcnow()))
                tokens = security.issue_tokens(
                    conn, row.user_id, row.device_pk, row.family, settings.access_ttl, settings.refresh_ttl
                )
                station = self._station(conn, row.station_id)
        if reused:  # outside the transaction: the revocation above is committed
            log.warning("refresh token reused for user %r: token family revoked", row.username)
            raise ApiError(
                401,
                ErrorCode.TOKEN_REUSED,
                "this refresh token was already used; all sessions of this login were ended: log in again",
            )
        return TokenResponse(
            access_token=tokens.access_token,
            access_expires_in=tokens.access_expires_in,
            refresh_token=tokens.refresh_token,
            refresh_expires_in=tokens.refresh_expires_in,
            station=station,
            username=row.username,
            device_id=row.device_id,
        )

    def logout(self, request: Request) -> None:
        """Revoke the family of the presenting access token (already authenticated by the route)."""
        token = request.headers.get("authorization", "").partition(" ")[2].strip()
        with self.db.write() as conn:
            family = conn.scalar(select(AuthToken.family).where(AuthToken.token_hash == security.token_hash(token)))
            if family is not None:
                security.revoke_family(conn, family)

    # --- sync -----------------------------------------------------------------------------------------------------
    def hello(self, principal: Principal) -> HelloResponse:
        settings = self.settings
        with self.db.read() as conn:
            epoch, _ = server_state(conn)
            station = self._station(conn, principal.station_id)
            last_seq = conn.scalar(select(Device.last_seq).where(Device.id == principal.device_pk)) or 0
            counts = {entity: value["count"] for entity, value in digests(conn, principal.station_id).items()}
        return HelloResponse(
            protocol_version=PROTOCOL_VERSION,
            supported_protocols=list(SUPPORTED_PROTOCOLS),
            server_version=__version__,
            min_client_version=settings.min_client_version,
            epoch=epoch,
            server_time=utcnow().isoformat(timespec="seconds") + "Z",
            station=station,
            username=principal.username,
            device=DeviceInfo(device_id=principal.device_id, last_seq=int(last_seq)),
            counts=counts,
            limits=Limits(
                max_batch=settings.max_batch,
                max_page=settings.max_page,
                max_body_bytes=settings.max_body_bytes,
                max_blob_bytes=settings.max_blob_bytes,
            ),
        )

    def push(self, body: PushRequest, principal: Principal) -> PushResponse:
        if body.device_id != principal.device_id:
            raise ApiError(
                403,
                ErrorCode.FORBIDDEN,
                f"this access token belongs to device {principal.device_id}, not {body.device_id}",
            )
        if len(body.mutations) > self.settings.max_batch:
            raise ApiError(
                413,
                ErrorCode.BATCH_TOO_LARGE,
                f"{len(body.mutations)} mutations in one push; send at most {self.settings.max_batch}",
                {"max_batch": self.settings.max_batch},
            )
        try:
            check_batch(body)
        except BadBatch as exc:
            raise ApiError(422, ErrorCode.INVALID_REQUEST, str(exc)) from exc
        with self.db.read() as conn:
            last_seq = int(conn.scalar(select(Device.last_seq).where(Device.id == principal.device_pk)) or 0)
        try:
            if last_seq > body.device_counter:
                raise DeviceConflict(
                    f"the server has applied seq {last_seq} from this device, but its counter is only "
                    f"{body.device_counter}: this database was copied or restored; register as a new device",
                    last_seq,
                    [],
                )
            last_seq, results = push(self.db, principal, body)
        except DeviceConflict as conflict:
            log.warning("device conflict for device %s of station %s", principal.device_id, principal.station_id)
            raise ApiError(
                409,
                ErrorCode.DEVICE_CONFLICT,
                conflict.message,
                {"last_seq": conflict.last_seq, "results": [r.model_dump() for r in conflict.results]},
            ) from conflict
        return PushResponse(device_id=principal.device_id, last_seq=last_seq, results=results)

    def pull(self, principal: Principal, cursor: str | None, limit: int | None, gzip_ok: bool) -> Response:
        limit = min(limit or self.settings.default_page, self.settings.max_page)
        try:
            with self.db.read() as conn:
                body = pull_page(conn, principal.station_id, cursor, limit)
        except CursorError as exc:
            raise ApiError(422, ErrorCode.INVALID_REQUEST, str(exc)) from exc
        except ResyncRequired as exc:
            raise ApiError(410, ErrorCode.RESYNC_REQUIRED, f"{exc.reason}: start again with an empty cursor") from exc
        # Compressing here (a worker thread) rather than in the middleware keeps the event loop free.
        headers = {"Vary": "Accept-Encoding"}
        if gzip_ok and len(body) > 1024:
            body = gzip.compress(body, compresslevel=self.settings.gzip_level, mtime=0)
            headers["Content-Encoding"] = "gzip"
        return Response(body, media_type="application/json", headers=headers)

    def verify(self, principal: Principal) -> VerifyResponse:
        with self.db.read() as conn:
            epoch, _ = server_state(conn)
            position = station_position(conn, principal.station_id)
            entities = digests(conn, principal.station_id)
        return VerifyResponse.model_validate({"epoch": epoch, "position": position, "entities": entities})

    # --- blobs ----------------------------------------------------------------------------------------------------
    def blob_size(self, principal: Principal, sha256: str) -> int | None:
        with self.db.read() as conn:
            size = conn.scalar(
                select(Blob.size)
                .join(BlobOwner, BlobOwner.sha256 == Blob.sha256)
                .where(BlobOwner.station_id == principal.station_id, Blob.sha256 == sha256)
            )
        return None if size is None else int(size)

    def missing_blobs(self, principal: Principal, hashes: Sequence[str]) -> list[str]:
        """Those of ``hashes`` (each once, in order) for which :meth:`blob_size` is ``None``: what HEAD says 404 to."""
        wanted = list(dict.fromkeys(hashes))
        if not wanted:
            return []
        with self.db.read() as conn:
            have = set(
                conn.scalars(
                    select(Blob.sha256)
                    .join(BlobOwner, BlobOwner.sha256 == Blob.sha256)
                    .where(BlobOwner.station_id == principal.station_id, Blob.sha256.in_(wanted))
                )
            )
        return [sha256 for sha256 in wanted if sha256 not in have]

    def register_blob(self, principal: Principal, sha256: str, size: int) -> bool:
        """Record that the station has the blob; True when it is new to the station."""
        with self.db.write() as conn:
            conn.execute(_insert_ignore(self.db, Blob).values(sha256=sha256, size=size, created_at=utcnow()))
            inserted = conn.execute(
                _insert_ignore(self.db, BlobOwner)
                .values(station_id=principal.station_id, sha256=sha256, created_at=utcnow())
                .returning(BlobOwner.sha256)
            ).first()
            return inserted is not None


def create_app(settings: Settings) -> FastAPI:
    """The application for ``settings``: migrates the database first, then serves protocol v1 under /sync/v1."""
    server = Server(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        server.db.dispose()

    app = FastAPI(
        title="StationDesk provincial server",
        version=__version__,
        summary="Sync protocol v1 for StationDesk (基层监管工作台); see docs/sync-protocol.md",
        lifespan=lifespan,
    )
    app.state.server = server
    router = APIRouter(prefix=API_PREFIX)

    @router.post("/login", response_model=TokenResponse, tags=["auth"])
    def login(body: LoginRequest, request: Request) -> JSONResponse:
        address = request.client.host if request.client else "unknown"
        return JSONResponse(server.login(body, address).model_dump(), headers=NO_STORE)

    @router.post("/refresh", response_model=TokenResponse, tags=["auth"])
    def refresh(body: RefreshRequest) -> JSONResponse:
        return JSONResponse(server.refresh(body).model_dump(), headers=NO_STORE)

    @router.post("/logout", status_code=204, tags=["auth"])
    def logout(request: Request, _principal: Auth) -> Response:
        server.logout(request)
        return Response(status_code=204)

    @router.get("/hello", response_model=HelloResponse, tags=["sync"])
    def hello(principal: Auth) -> HelloResponse:
        return server.hello(principal)

    @router.post("/push", response_model=PushResponse, tags=["sync"])
    def push_(body: PushRequest, principal: Auth) -> PushResponse:
        return server.push(body, principal)

    @router.get("/pull", response_model=PullResponse, tags=["sync"])
    def pull(
        request: Request,
        principal: Auth,
        cursor: Annotated[str | None, Query(max_length=300)] = None,
        limit: Annotated[int | None, Query(ge=1)] = None,
    ) -> Response:
        return server.pull(principal, cursor, limit, "gzip" in request.headers.get("accept-encoding", ""))

    @router.get("/verify", response_model=VerifyResponse, tags=["sync"])
    def verify(principal: Auth) -> VerifyResponse:
        return server.verify(principal)

    router.include_router(blob_router(server))
    app.include_router(router)

    @app.get("/healthz", include_in_schema=False)
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.exception_handler(ApiError)
    async def api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_body(exc.status, exc.code, exc.message, exc.detail, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {
            401: ErrorCode.UNAUTHORIZED,
            403: ErrorCode.FORBIDDEN,
            404: ErrorCode.NOT_FOUND,
            413: ErrorCode.PAYLOAD_TOO_LARGE,
        }
        code = codes.get(exc.status_code, "http_error")
        headers = dict(exc.headers) if exc.headers else None
        return error_body(exc.status_code, code, str(exc.detail), headers=headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {"loc": list(error.get("loc", ())), "msg": error.get("msg", ""), "type": error.get("type", "")}
            for error in exc.errors()
        ]
        summary = "; ".join(f"{'.'.join(str(p) for p in item['loc'])}: {item['msg']}" for item in problems[:5])
        return error_body(422, ErrorCode.INVALID_REQUEST, f"the request is malformed: {summary}", problems)

    @app.exception_handler(Exception)
    async def internal_error(_request: Request, _exc: Exception) -> JSONResponse:
        # Starlette re-raises the exception after this response, and uvicorn logs it with its traceback.
        return error_body(500, ErrorCode.INTERNAL, "internal server error; the server log has the details")

    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=settings.gzip_level)
    app.add_middleware(GuardMiddleware, settings=settings)
    return app
