"""Opening the encrypted station database.

The file is a SQLCipher database keyed with a random 256-bit raw key (``PRAGMA key = "x'…'"``): a raw key skips
SQLCipher's passphrase KDF, so every connection opens in microseconds, and the key itself never touches the disk
(the app keeps it in the OS credential store). Each connection is set up for durability before use:
WAL (readers never block the single writer), ``synchronous=FULL`` (a committed transaction survives power loss,
which the outbox and inspection records need), ``foreign_keys=ON`` and a busy timeout.
"""

from __future__ import annotations

import binascii
import math
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import URL, Engine, create_engine, event, text
from sqlalchemy.pool import QueuePool

from localdb.errors import DatabaseLockedError, NotADatabaseError, WrongKeyError
from localdb.search_index import SQL_FUNCTION, grams

KEY_BYTES = 32
"""Length of the raw SQLCipher key (AES-256)."""

CACHE_KIB = 256 * 1024
"""Page cache per connection (256 MiB, allocated lazily): the whole search index of a big registry stays
decrypted in memory, so search-as-you-type never pays for decryption twice."""

AUTOCHECKPOINT_PAGES = 1000
"""SQLite's default: a commit that leaves the write-ahead log longer than this copies it into the database file."""


def _url(path: Path, key: bytes) -> URL:
    if len(key) != KEY_BYTES:
        raise ValueError(f"the database key must be {KEY_BYTES} bytes")
    raw = "x'" + binascii.hexlify(key).decode().upper() + "'"
    return URL.create("sqlite+pysqlcipher", password=raw, database=str(path))


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.create_function(SQL_FUNCTION, 2, grams, deterministic=True)
    cursor = dbapi_connection.cursor()
    try:
        # SQLCipher would print "hmac check failed" to stderr on a wrong key; the caller reports it properly.
        cursor.execute("PRAGMA cipher_log_level = NONE")
        # Reading the schema is the first statement that needs the key: a wrong key fails here, clearly.
        cursor.execute("SELECT count(*) FROM sqlite_master")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        cursor.execute("PRAGMA temp_store=MEMORY")
    finally:
        cursor.close()


def _no_pysqlite_transaction_emulation(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own implicit BEGIN is switched off; SQLAlchemy's "begin" event below emits BEGIN itself, so
    # SAVEPOINTs and transactional DDL behave as documented.
    dbapi_connection.isolation_level = None


WRITE_OPTION = "stationdesk_write"
"""Execution option marking a connection that will write: its transaction starts with ``BEGIN IMMEDIATE``."""


def _begin(conn: Any) -> None:
    options = conn.get_execution_options()
    if options.get("isolation_level") == "AUTOCOMMIT":
        return
    # A deferred BEGIN that reads before it writes cannot wait for another writer: SQLite answers "busy" at
    # once instead of honouring busy_timeout. Writers therefore take the write lock up front.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if options.get(WRITE_OPTION) else "BEGIN")


def create_station_engine(path: Path, key: bytes) -> Engine:
    """Create the engine for the database at ``path``, keyed with ``key``.

    Raises :class:`WrongKeyError` when the file exists but the key does not open it, and
    :class:`NotADatabaseError` when the file is not a database at all (a foreign or corrupt file cannot be told
    apart from a wrong key by SQLCipher; the caller knows which key it used).
    """
    engine = create_engine(_url(path, key), poolclass=QueuePool, pool_size=4, max_overflow=4)
    event.listen(engine, "connect", _no_pysqlite_transaction_emulation)
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    check_opens(engine, path)
    return engine


def check_opens(engine: Engine, path: Path) -> None:
    """Open one connection now, so a wrong key or a foreign file fails at start-up with a clear error."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        engine.dispose()
        raise classify_open_error(exc, path) from exc


def classify_open_error(exc: BaseException, path: Path) -> Exception:
    """Map a driver error raised while opening ``path`` to this layer's known errors."""
    message = str(getattr(exc, "orig", exc)).lower()
    if "file is not a database" in message or "file is encrypted" in message:
        if path.exists() and path.stat().st_size > 0 and _cannot_be_ours(path):
            return NotADatabaseError(path)
        return WrongKeyError(path)
    if "database is locked" in message:
        return DatabaseLockedError(path)
    if isinstance(exc, sqlcipher3.dbapi2.DatabaseError):
        return NotADatabaseError(path)
    return exc if isinstance(exc, Exception) else RuntimeError(str(exc))


ENCRYPTED_ENTROPY = 7.5
"""Bits per byte above which the start of a file looks like ciphertext (SQLCipher pages are random-looking)."""


def _cannot_be_ours(path: Path) -> bool:
    """Whether the file cannot be a SQLCipher database: a plain SQLite file, text, zeros — anything that is not
    random-looking. Random-looking bytes may be ours under another key, so those are reported as a wrong key."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    if head.startswith(b"SQLite format 3\x00"):
        return True
    counts = [0] * 256
    for byte in head:
        counts[byte] += 1
    entropy = -sum(c / len(head) * math.log2(c / len(head)) for c in counts if c)
    return entropy < ENCRYPTED_ENTROPY
