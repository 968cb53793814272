"""The database key: random, kept in the OS credential store, or (by explicit choice) a key file or passphrase.

Policy, in order:
1. a key file the user named (``--key-file`` or the setting) — for machines with no credential store; the user is
   warned that anyone holding the file can read the data;
2. a passphrase the user typed — the key is derived with PBKDF2-HMAC-SHA256 and a per-station salt;
3. the OS credential store — the normal case on Windows: a random 256-bit key, created with the database.
With none of these the caller gets :class:`NoCredentialStore` and must ask the user, never guess.
A database that exists while its key does not is never re-keyed or overwritten (:class:`KeyMissing`).
"""

from __future__ import annotations

import binascii
import hashlib
import secrets
from dataclasses import dataclass
from pathlib import Path

from app.errors import KeyMissing, NoCredentialStore
from app.paths import DataDir, fsync_write
from localdb.engine import KEY_BYTES
from sync.credentials import CredentialStore

PBKDF2_ITERATIONS = 600_000
"""OWASP's 2023 figure for PBKDF2-HMAC-SHA256; derivation takes well under a second once per start."""


@dataclass(frozen=True)
class KeyChoice:
    """How the user asked for the key to be kept (both ``None``: the OS credential store)."""

    key_file: Path | None = None
    passphrase: str | None = None


def keyring_account(data_dir: DataDir) -> str:
    """The credential-store account of a data directory's key (one key per data directory)."""
    digest = hashlib.sha256(str(data_dir.root.resolve()).encode()).hexdigest()[:16]
    return f"database-key/{digest}"


def obtain_key(data_dir: DataDir, choice: KeyChoice, store: CredentialStore) -> bytes:
    """The key for ``data_dir``'s database, created (and stored) only when there is no database yet."""
    creating = not data_dir.has_database()
    if choice.key_file is not None:
        return _key_from_file(choice.key_file, data_dir, creating)
    if choice.passphrase is not None:
        return _key_from_passphrase(choice.passphrase, data_dir, creating)
    if not store.available():
        raise NoCredentialStore()
    account = keyring_account(data_dir)
    stored = store.get(account)
    if stored is not None:
        return binascii.unhexlify(stored)
    if not creating:
        raise KeyMissing(str(data_dir.database))
    key = secrets.token_bytes(KEY_BYTES)
    store.set(account, binascii.hexlify(key).decode())
    return key


def forget_key(data_dir: DataDir, store: CredentialStore) -> None:
    """Remove the stored key (when the demo database is replaced by a new one)."""
    if store.available():
        store.delete(keyring_account(data_dir))


def _key_from_file(path: Path, data_dir: DataDir, creating: bool) -> bytes:
    if path.exists():
        try:
            key = binascii.unhexlify(path.read_text(encoding="ascii").strip())
        except (ValueError, UnicodeDecodeError) as exc:
            raise KeyMissing(str(path)) from exc
        if len(key) != KEY_BYTES:
            raise KeyMissing(str(path))
        return key
    if not creating:
        raise KeyMissing(str(data_dir.database))
    key = secrets.token_bytes(KEY_BYTES)
    path.parent.mkdir(parents=True, exist_ok=True)
    fsync_write(path, binascii.hexlify(key) + b"\n")
    path.chmod(0o600)
    return key


def _key_from_passphrase(passphrase: str, data_dir: DataDir, creating: bool) -> bytes:
    if data_dir.salt.exists():
        salt = data_dir.salt.read_bytes()
    elif creating:
        salt = secrets.token_bytes(16)
        data_dir.root.mkdir(parents=True, exist_ok=True)
        fsync_write(data_dir.salt, salt)
    else:
        raise KeyMissing(str(data_dir.salt))
    return hashlib.pbkdf2_hmac("sha256", passphrase.encode("utf-8"), salt, PBKDF2_ITERATIONS, dklen=KEY_BYTES)
