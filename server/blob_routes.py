"""The blob routes of protocol v1: ``POST /blobs/missing`` and ``HEAD``/``GET``/``PUT /blobs/{sha256}``.

Evidence files are content-addressed and visible per station (docs/sync-protocol.md, "Blobs"): a station sees only
blobs it uploaded itself, whether it asks one file at a time (``HEAD``) or a thousand at once (``missing``), so
neither can probe another station's files. The bytes live in :class:`server.blobs.FileBlobStore`; which station
has which blob is in the database (``Server.blob_size``, ``Server.missing_blobs``, ``Server.register_blob``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Annotated, Final

from fastapi import APIRouter, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from server.blobs import HashMismatch, TooLarge
from server.routing import ApiError, Auth, error_body
from sync.protocol import (
    API_PREFIX,
    MAX_BLOB_QUERY,
    SHA256_PATTERN,
    BlobStored,
    ErrorCode,
    MissingBlobsRequest,
    MissingBlobsResponse,
)

if TYPE_CHECKING:
    from server.api import Server

log = logging.getLogger("server")

MISSING_PATH: Final = f"{API_PREFIX}/blobs/missing"
QUERY_BODY_BYTES: Final = 128 * 1024
"""Body limit of ``POST /blobs/missing``, whatever ``max_body_bytes`` says: :data:`MAX_BLOB_QUERY` hashes take
about 67 KB as compact JSON and 72 KB indented, so a query the route accepts is never refused for its size, and
nothing much larger is read before the hash count is checked."""

Sha = Annotated[str, PathParam(pattern=SHA256_PATTERN, description="lower-case hex SHA-256 of the file")]


def blob_router(server: Server) -> APIRouter:
    """The blob routes of ``server``, to be included under the API prefix."""
    router = APIRouter(tags=["blobs"])

    @router.post("/blobs/missing", response_model=MissingBlobsResponse)
    def missing_blobs(body: MissingBlobsRequest, principal: Auth) -> MissingBlobsResponse:
        """Which of the named files this station has not uploaded: upload those (a ``HEAD`` per file, batched)."""
        if len(body.sha256) > MAX_BLOB_QUERY:
            raise ApiError(
                413,
                ErrorCode.BATCH_TOO_LARGE,
                f"{len(body.sha256)} hashes in one query; ask about at most {MAX_BLOB_QUERY}",
                {"max_hashes": MAX_BLOB_QUERY},
            )
        return MissingBlobsResponse(missing=server.missing_blobs(principal, body.sha256))

    @router.head("/blobs/{sha256}")
    def head_blob(sha256: Sha, principal: Auth) -> Response:
        size = server.blob_size(principal, sha256)
        if size is None:
            return Response(status_code=404)
        return Response(status_code=200, headers={"Content-Length": str(size)})

    @router.get("/blobs/{sha256}")
    def get_blob(sha256: Sha, principal: Auth) -> FileResponse:
        if server.blob_size(principal, sha256) is None:
            raise ApiError(404, ErrorCode.NOT_FOUND, "this station has no such blob")
        return FileResponse(server.blobs.path(sha256), media_type="application/octet-stream")

    @router.put("/blobs/{sha256}", response_model=BlobStored, status_code=201)
    async def put_blob(sha256: Sha, request: Request, principal: Auth) -> JSONResponse:
        try:
            size = await server.blobs.receive(sha256, request.stream(), server.settings.max_blob_bytes)
        except HashMismatch as exc:
            raise ApiError(
                422,
                ErrorCode.HASH_MISMATCH,
                str(exc),
                {"expected": exc.expected, "actual": exc.actual},
            ) from exc
        except TooLarge as exc:
            raise ApiError(413, ErrorCode.PAYLOAD_TOO_LARGE, str(exc)) from exc
        except ClientDisconnect:
            # The connection was cut mid-upload: nothing was stored, and nobody is left to read an answer.
            log.info("upload of blob %s by device %s cut off; nothing stored", sha256, principal.device_id)
            return error_body(400, ErrorCode.INVALID_REQUEST, "the upload was cut off; nothing was stored")
        created = await run_in_threadpool(server.register_blob, principal, sha256, size)
        body = BlobStored(sha256=sha256, size=size, created=created)
        return JSONResponse(body.model_dump(), status_code=201 if created else 200)

    return router
