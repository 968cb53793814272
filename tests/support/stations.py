"""Building real encrypted station databases for tests, and running real child processes against them."""

from __future__ import annotations

import binascii
import hashlib
import os
import secrets
import selectors
import subprocess
import sys
import time
from pathlib import Path

from app.database_key import KeyChoice
from app.paths import DataDir
from app.records import Actor, OperatorDraft
from app.services.officers import OfficerService
from app.station_store import open_station_database
from localdb.database import Database
from localdb.engine import KEY_BYTES
from sync.credentials import CredentialStore
from tests.support.memory_keyring import MemoryKeyring

REPO = Path(__file__).resolve().parents[2]
"""The checkout: child processes run from here so ``import app`` finds the code under test."""

PLAINTEXT_SQLITE_HEADER = b"SQLite format 3\x00"

STATION_NAME = "测试所"
OFFICER_NAME = "张伟"


def memory_store() -> CredentialStore:
    """A fresh, empty in-memory credential store."""
    return CredentialStore(MemoryKeyring())


def open_with_keyring(root: Path, store: CredentialStore) -> Database:
    """Open (creating when absent) the station database of ``root`` with its key in ``store``."""
    return open_station_database(DataDir(root), KeyChoice(), store)


def open_with_key_file(root: Path, key_file: Path) -> Database:
    """Open (creating when absent) the station database of ``root`` with its key in ``key_file``."""
    return open_station_database(DataDir(root), KeyChoice(key_file=key_file), memory_store())


def add_station(db: Database) -> Actor:
    """Create the station row and one officer; return that officer as the actor of later changes."""
    officers = OfficerService(db)
    officers.create_station(STATION_NAME, "S001", "530102")
    officer = officers.add_officer(OFFICER_NAME, "53010001")
    return Actor(officer.id, officer.name)


def draft(name: str, **fields: object) -> OperatorDraft:
    """An operator draft: an enterprise without identifier type constraints unless ``fields`` say otherwise."""
    values: dict[str, object] = {"subject_type": "other", "identifier_type": "none"}
    values.update(fields)
    return OperatorDraft(name=name, **values)  # type: ignore[arg-type]


def write_random_key_file(path: Path) -> bytes:
    """A key file holding a random key, in the format app/database_key.py writes."""
    key = secrets.token_bytes(KEY_BYTES)
    path.write_bytes(binascii.hexlify(key) + b"\n")
    return key


def digest(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def child_env() -> dict[str, str]:
    """Environment of child processes: offscreen Qt and no real credential store."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.pop("PYTHONPATH", None)
    return env


def start_python(code: str, *args: str) -> subprocess.Popen[str]:
    """Run ``code`` in a child Python (cwd = the checkout) with its stdout piped, line-buffered."""
    return subprocess.Popen(
        [sys.executable, "-u", "-c", code, *args],
        cwd=REPO,
        env=child_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def wait_for_line(proc: subprocess.Popen[str], prefix: str, timeout: float = 60.0) -> str:
    """Read the child's stdout until a line starting with ``prefix``; fail with its stderr if it dies first."""
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if not selector.select(timeout=max(0.0, deadline - time.monotonic())):
                break
            line = proc.stdout.readline()
            if not line:  # EOF: the child ended
                proc.wait(timeout=10)
                stderr = proc.stderr.read() if proc.stderr else ""
                raise AssertionError(f"child exited ({proc.returncode}) before printing {prefix!r}:\n{stderr}")
            if line.startswith(prefix):
                return line.rstrip("\n")
    proc.kill()
    raise AssertionError(f"child did not print {prefix!r} within {timeout} s")


def kill_hard(proc: subprocess.Popen[str]) -> None:
    """SIGKILL the child (no cleanup handlers, no atexit, no SQLite close) and reap it."""
    proc.kill()
    proc.wait(timeout=10)
    for stream in (proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()
