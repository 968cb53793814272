"""Passwords, tokens and the login rate limit.

* Passwords: argon2id (argon2-cffi's defaults, RFC 9106 low-memory profile). A login for an unknown user still
  verifies against a dummy hash, so response time does not tell which usernames exist.
* Tokens: 256 random bits, prefixed (``sda_`` access, ``sdr_`` refresh) so secret scanners recognise them; only
  their SHA-256 is stored. Access tokens are short-lived; refresh tokens rotate: each is good for one exchange, and
  presenting an already-exchanged one revokes its whole family (a stolen copy was used, or the client lost a
  response — either way everybody logs in again).
* Rate limit: failed logins per (username, client address) in a sliding window, stored in the database so several
  server workers share it. Over the limit even the right password is refused until the window passes.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Connection, delete, func, insert, select, update

from server.models import AuthToken, LoginFailure, utcnow

ACCESS_PREFIX = "sda_"
REFRESH_PREFIX = "sdr_"

_DUMMY_PASSWORD = "not a real password: only here so unknown users cost as much time as known ones"


class _Passwords:
    """The argon2id hasher in use and a dummy hash made with the same parameters."""

    def __init__(self, time_cost: int, memory_kib: int, parallelism: int) -> None:
        self.hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism)
        self.dummy = self.hasher.hash(_DUMMY_PASSWORD)


_passwords = _Passwords(3, 65536, 4)  # argon2-cffi's defaults: RFC 9106's second recommended option


def configure_passwords(time_cost: int, memory_kib: int, parallelism: int) -> None:
    """Set the argon2id parameters for new hashes (existing hashes keep theirs: verification reads them)."""
    global _passwords
    current = _passwords.hasher
    if (current.time_cost, current.memory_cost, current.parallelism) != (time_cost, memory_kib, parallelism):
        _passwords = _Passwords(time_cost, memory_kib, parallelism)


def hash_password(password: str) -> str:
    return _passwords.hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; an unknown user (``None``) costs the same time and fails."""
    try:
        return _passwords.hasher.verify(password_hash or _passwords.dummy, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token(prefix: str) -> str:
    return prefix + secrets.token_urlsafe(32)


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str
    access_expires_in: int
    refresh_token: str
    refresh_expires_in: int


def issue_tokens(
    conn: Connection, user_id: int, device_pk: int, family: str | None, access_ttl: int, refresh_ttl: int
) -> IssuedTokens:
    """A new access token and refresh token in ``family`` (a new family when ``None``)."""
    family = family or secrets.token_hex(16)
    now = utcnow()
    access, refresh = new_token(ACCESS_PREFIX), new_token(REFRESH_PREFIX)
    conn.execute(
        insert(AuthToken),
        [
            {
                "token_hash": token_hash(access),
                "kind": "access",
                "user_id": user_id,
                "device_pk": device_pk,
                "family": family,
                "expires_at": now + timedelta(seconds=access_ttl),
                "created_at": now,
            },
            {
                "token_hash": token_hash(refresh),
                "kind": "refresh",
                "user_id": user_id,
                "device_pk": device_pk,
                "family": family,
                "expires_at": now + timedelta(seconds=refresh_ttl),
                "created_at": now,
            },
        ],
    )
    return IssuedTokens(access, access_ttl, refresh, refresh_ttl)


def revoke_family(conn: Connection, family: str) -> None:
    conn.execute(
        update(AuthToken).where(AuthToken.family == family, AuthToken.revoked_at.is_(None)).values(revoked_at=utcnow())
    )


def revoke_user(conn: Connection, user_id: int) -> None:
    """Revoke every token of a user (password reset, deactivation)."""
    conn.execute(
        update(AuthToken)
        .where(AuthToken.user_id == user_id, AuthToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def rate_limit_key(username: str, address: str) -> str:
    return hashlib.sha256(f"{username.casefold()}\x00{address}".encode()).hexdigest()


def recent_failures(
    conn: Connection, key: str, window: int, now: datetime | None = None
) -> tuple[int, datetime | None]:
    """How many failures ``key`` had in the last ``window`` seconds, and the oldest of them."""
    since = (now or utcnow()) - timedelta(seconds=window)
    row = conn.execute(
        select(func.count(), func.min(LoginFailure.at)).where(LoginFailure.key == key, LoginFailure.at >= since)
    ).one()
    return int(row[0]), row[1]


def record_failure(conn: Connection, key: str, window: int) -> None:
    now = utcnow()
    conn.execute(insert(LoginFailure).values(key=key, at=now))
    # Old entries are useless; pruning them here keeps the table small without a separate job.
    conn.execute(delete(LoginFailure).where(LoginFailure.at < now - timedelta(seconds=window)))


def clear_failures(conn: Connection, key: str) -> None:
    conn.execute(delete(LoginFailure).where(LoginFailure.key == key))
