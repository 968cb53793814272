"""What every route module of the API shares: the uniform error and the caller dependency.

Kept apart from server/api.py (which builds the application) so that route modules such as server/blob_routes.py
can use them without importing the module that includes their routes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import JSONResponse

from server.writes import Principal
from sync.protocol import ErrorCode

if TYPE_CHECKING:
    from server.api import Server


class ApiError(Exception):
    """An error answered with a status and the uniform error body."""

    def __init__(
        self,
        status: int,
        code: ErrorCode,
        message: str,
        detail: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.detail = detail
        self.headers = headers


def error_body(
    status: int, code: str, message: str, detail: Any = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse({"error": code, "message": message, "detail": detail}, status_code=status, headers=headers)


def _principal(request: Request) -> Principal:
    """The caller, from the access token (a dependency of every endpoint but login and refresh)."""
    server: Server = request.app.state.server
    return server.authenticate(request)


Auth = Annotated[Principal, Depends(_principal)]
