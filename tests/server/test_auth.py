"""Login, refresh rotation, reuse detection, expiry, rate limit, logout; and that no secret reaches a log line."""

from __future__ import annotations

import uuid

from sqlalchemy import update

from server import province
from server.models import AuthToken, utcnow
from server.security import token_hash
from tests.server.harness import LiveServer, SyncClient


def test_login_gives_short_lived_access_and_rotating_refresh(live: LiveServer) -> None:
    client = SyncClient(live)
    response = client.login("demo1")
    assert response.status_code == 200
    body = response.json()
    assert response.headers["Cache-Control"] == "no-store"
    assert body["access_token"].startswith("sda_") and body["refresh_token"].startswith("sdr_")
    assert body["access_expires_in"] == live.settings.access_ttl
    assert body["station"]["code"] == "530102-D1"
    assert body["device_id"] == client.device.device_id
    hello = client.hello()
    assert hello["username"] == "demo1"
    assert hello["station"]["code"] == "530102-D1"
    assert hello["device"] == {"device_id": client.device.device_id, "last_seq": 0}


def test_refresh_rotates_and_reuse_revokes_the_family(live: LiveServer) -> None:
    client = SyncClient(live)
    client.login("demo1")
    first_refresh = client.refresh_token
    assert client.refresh().status_code == 200
    second_access, second_refresh = client.access_token, client.refresh_token
    assert second_refresh != first_refresh
    assert client.hello()["username"] == "demo1"

    reused = client.refresh(first_refresh)
    assert reused.status_code == 401
    assert reused.json()["error"] == "token_reused"
    # The whole family is gone: the newest refresh token and the access token issued with it.
    assert client.refresh(second_refresh).status_code == 401
    client.http.headers["Authorization"] = f"Bearer {second_access}"
    assert client.get("/hello").status_code == 401
    # A fresh login starts a new family and works again.
    assert client.login("demo1").status_code == 200
    assert client.hello()["username"] == "demo1"


def test_expired_unknown_and_missing_tokens_are_refused(live: LiveServer) -> None:
    client = SyncClient(live)
    client.login("demo1")
    with live.db.write() as conn:
        conn.execute(
            update(AuthToken)
            .where(AuthToken.token_hash == token_hash(client.access_token))
            .values(expires_at=utcnow().replace(year=2000))
        )
    expired = client.get("/hello")
    assert expired.status_code == 401
    assert expired.json()["error"] == "unauthorized"
    assert expired.headers["WWW-Authenticate"].startswith("Bearer")
    assert client.refresh().status_code == 200  # the refresh token still works: the normal way back
    assert client.hello()["username"] == "demo1"
    client.http.headers["Authorization"] = "Bearer sda_not-a-token"
    assert client.get("/hello").status_code == 401
    del client.http.headers["Authorization"]
    assert client.get("/verify").status_code == 401
    assert client.refresh("sdr_not-a-token").status_code == 401


def test_logout_revokes_this_login_only(live: LiveServer) -> None:
    first, second = SyncClient(live), SyncClient(live)
    first.login("demo1")
    second.login("demo1")
    assert first.http.post(first.url("/logout")).status_code == 204
    assert first.get("/hello").status_code == 401
    assert first.refresh().status_code == 401
    assert second.hello()["username"] == "demo1"


def test_wrong_password_then_rate_limit(live: LiveServer) -> None:
    username = f"limit-{uuid.uuid4().hex[:8]}"
    province.create_user(live.db, username, "530102-D1", "correct-horse")
    client = SyncClient(live)
    for _ in range(live.settings.login_max_failures):
        wrong = client.login(username, "wrong-password")
        assert wrong.status_code == 401
        assert wrong.json() == {"error": "unauthorized", "message": "wrong username or password", "detail": None}
    limited = client.login(username, "correct-horse")  # even the right password, until the window passes
    assert limited.status_code == 429
    assert limited.json()["error"] == "rate_limited"
    assert int(limited.headers["Retry-After"]) > 0
    # An unknown user gets the same answer as a wrong password (no user enumeration).
    unknown = SyncClient(live).login(f"nobody-{uuid.uuid4().hex[:8]}", "whatever")
    assert unknown.status_code == 401
    assert unknown.json()["message"] == "wrong username or password"


def test_password_reset_ends_sessions(live: LiveServer) -> None:
    username = f"reset-{uuid.uuid4().hex[:8]}"
    province.create_user(live.db, username, "530103-D2", "first-password")
    client = SyncClient(live)
    assert client.login(username, "first-password").status_code == 200
    province.reset_password(live.db, username, "second-password")
    assert client.get("/hello").status_code == 401
    assert client.refresh().status_code == 401
    assert client.login(username, "first-password").status_code == 401
    assert client.login(username, "second-password").status_code == 200


def test_no_password_or_token_in_server_logs(live: LiveServer) -> None:
    client = SyncClient(live)
    client.login("demo1")
    client.refresh()
    client.login("demo1", "a-wrong-secret-password")
    client.login("my-Secret-passw0rd", "demo1")  # password typed into the username field
    client.http.post(client.url("/login"), data=b'{"username": "demo1", "password": 12345678999, "device_id": 1}')
    client.hello()
    secrets = [
        "demo-password",
        "a-wrong-secret-password",
        "my-Secret-passw0rd",
        "12345678999",
        client.access_token,
        client.refresh_token,
    ]
    text = "\n".join(live.logs.lines)
    assert "/sync/v1/login" in text  # the access log is captured at all
    for secret in secrets:
        assert secret not in text
