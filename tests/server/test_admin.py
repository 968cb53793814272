"""The admin CLI (in-process, on a fresh embedded database) and the start-up path of ``python -m server``."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from server import admin
from server.db import Database, sqlite_url
from server.migrate import NewerSchemaError, current_revision, head_revision, upgrade
from server.models import Base
from tests.server.harness import LiveServer, free_port

REPO = Path(__file__).resolve().parents[2]


def _admin(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = admin.main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_admin_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    code, out, _ = _admin(
        capsys, tmp_path, "create-station", "--code", "530102-HG", "--name", "护国所", "--region", "530102"
    )
    assert code == 0 and "530102-HG" in out
    code, _, err = _admin(capsys, tmp_path, "create-station", "--code", "530102-HG", "--name", "again")
    assert code == 1 and "exists already" in err
    monkeypatch.setattr(sys, "stdin", io.StringIO("a-long-password\n"))  # not a terminal: one line from stdin
    code, out, _ = _admin(capsys, tmp_path, "create-user", "--username", "li", "--station", "530102-HG")
    assert code == 0
    code, _, err = _admin(
        capsys, tmp_path, "create-user", "--username", "wang", "--station", "nope", "--password", "x" * 9
    )
    assert code == 1 and "no station" in err
    code, _, err = _admin(capsys, tmp_path, "reset-password", "--username", "li", "--password", "short")
    assert code == 1 and "8 characters" in err
    code, out, _ = _admin(capsys, tmp_path, "reset-password", "--username", "li", "--password", "another-long-one")
    assert code == 0 and "sessions were ended" in out
    code, out, _ = _admin(capsys, tmp_path, "list-stations")
    assert "530102-HG" in out and "users=1" in out
    code, out, _ = _admin(capsys, tmp_path, "list-proposals", "--status", "all")
    assert code == 0 and out == ""
    code, out, _ = _admin(capsys, tmp_path, "list-rectifications", "--state", "all")
    assert code == 0 and out == ""
    code, _, err = _admin(capsys, tmp_path, "reject-proposal", "00000000-0000-4000-8000-000000000000", "--reason", "x")
    assert code == 1 and "no proposal" in err
    code, out, _ = _admin(capsys, tmp_path, "rotate-epoch")
    assert code == 0 and "new epoch" in out
    code, out, _ = _admin(capsys, tmp_path, "prune-tombstones", "--days", "30")
    assert code == 0 and out.startswith("0 ")


def test_migrations_refuse_a_newer_database(tmp_path: Path) -> None:
    db = Database(sqlite_url(tmp_path))
    upgrade(db)
    assert current_revision(db) == head_revision()
    with db.write() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(NewerSchemaError):
        upgrade(db)
    db.dispose()


def test_the_migrated_schema_is_the_models(live: LiveServer) -> None:
    """Every model change has its migration (on each backend): a server started on an old database gets it."""
    with live.db.writer.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def test_python_m_server_starts_and_serves(tmp_path: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "server",
            "--data-dir",
            str(tmp_path),
            "--port",
            str(port),
            "--demo",
            "--demo-operators",
            "30",
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        lines = []
        for line in process.stdout:
            lines.append(line)
            if "Uvicorn running" in line:
                break
        text = "".join(lines)
        assert "user 'demo1'" in text and "password 'demo-password'" in text
        assert requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5).json() == {"status": "ok"}
    finally:
        process.terminate()
        process.wait(timeout=10)
