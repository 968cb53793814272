"""The command line as users and CI run it: ``python -m app …`` in a real child process (cwd = the checkout,
offscreen Qt, no credential store: every command gets ``--key-file`` or finds it in the directory's settings).

Each child costs a couple of seconds of imports, so the module builds one demo station and then runs the
independent commands side by side (each test that changes data works on its own copy); every test waits only
for the runs it checks.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.stations import REPO, child_env, digest, write_random_key_file

CJK = re.compile(r"[\u4e00-\u9fff]")
LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d")
DEMO_OPERATORS = 300


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()

    @property
    def messages(self) -> str:
        """stderr without log lines (``2026-… INFO alembic…``, SQLCipher's diagnostics): what the user reads."""
        return "\n".join(line for line in self.err.splitlines() if line.strip() and not LOG_LINE.match(line))


def app(*args: str | int | Path, timeout: float = 180) -> Run:
    """``python -m app ARGS`` with stdin not a terminal (so nothing can wait for an answer)."""
    done = subprocess.run(
        [sys.executable, "-m", "app", *map(str, args)],
        cwd=REPO,
        env=child_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def assert_clean_failure(run: Run) -> None:
    """Exit code 2 with a message for the user, never a Python traceback."""
    assert run.code == 2, run.err
    assert "Traceback" not in run.err and "Traceback" not in run.out, run.err
    assert run.messages, "the user must be told what happened"


@dataclass(frozen=True)
class Station:
    root: Path
    key_file: Path

    @property
    def database(self) -> Path:
        return self.root / "station.db"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    def files(self) -> dict[str, str]:
        return {p.name: digest(p) for p in sorted(self.root.iterdir()) if p.is_file()}

    def copy(self, target: Path) -> Station:
        """A private copy a test may change (the key file stays put; commands name it explicitly)."""
        shutil.copytree(self.root, target)
        return Station(target, self.key_file)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli")


@pytest.fixture(scope="module")
def station(base: Path) -> Station:
    """One demo station made by the CLI itself; the tests below only read it."""
    made = Station(base / "data", base / "keys" / "station.key")
    run = app("demo", "--operators", DEMO_OPERATORS, "--data-dir", made.root, "--key-file", made.key_file)
    assert run.code == 0, run.err
    assert "Traceback" not in run.err
    return made


@dataclass
class Scenario:
    """Stations prepared for the tests that change data, with what they looked like before."""

    unforced: Station
    unforced_before: dict[str, str]
    forced: Station
    wrong_key: Path
    station_before: str


@pytest.fixture(scope="module")
def scenario(base: Path, station: Station) -> Scenario:
    wrong_key = base / "wrong.key"
    write_random_key_file(wrong_key)
    unforced = station.copy(base / "unforced")
    return Scenario(unforced, unforced.files(), station.copy(base / "forced"), wrong_key, digest(station.database))


@pytest.fixture(scope="module")
def runs(base: Path, station: Station, scenario: Scenario) -> Iterator[dict[str, Future[Run]]]:
    """Every command of this module, started together once the demo station exists."""

    def then(*steps: tuple[str | int | Path, ...]) -> Callable[[], list[Run]]:
        return lambda: [app(*step) for step in steps]

    s, k = station.root, station.key_file
    forced = scenario.forced
    jobs: dict[str, Callable[[], object]] = {
        "self_test": lambda: app("--self-test"),
        "unforced": lambda: app("demo", "--operators", 20, "--data-dir", scenario.unforced.root, "--key-file", k),
        "forced": then(
            ("demo", "--operators", 40, "--seed", 7, "--force", "--data-dir", forced.root, "--key-file", k),
            ("search", "有限公司", "--data-dir", forced.root, "--key-file", k, "--limit", 500),
        ),
        # no --key-file: the demo command remembered it in the directory's settings
        "limit": lambda: app("search", "有限公司", "--data-dir", s, "--limit", 5),
        "options_first": lambda: app("--data-dir", s, "--key-file", k, "search", "有限公司", "--limit", 3),
        "no_match": lambda: app("search", "这个名字绝对不存在", "--data-dir", s),
        "empty": lambda: app("search", "有限公司", "--data-dir", base / "empty", "--key-file", base / "empty.key"),
        "wrong_key": lambda: app("search", "有限公司", "--data-dir", s, "--key-file", scenario.wrong_key),
    }
    with ThreadPoolExecutor(max_workers=3) as pool:
        yield {name: pool.submit(job) for name, job in jobs.items()}  # type: ignore[misc]


def test_demo_creates_an_encrypted_station_and_remembers_the_key_file(station: Station) -> None:
    assert station.database.stat().st_size > 0
    assert not station.database.read_bytes().startswith(b"SQLite format 3")
    assert station.key_file.exists()
    assert str(station.key_file.resolve()) in (station.root / "settings.ini").read_text(encoding="utf-8")
    assert not any(station.backups.iterdir()), "a new station needs no backup"


def test_second_demo_without_force_and_without_a_terminal_changes_nothing(
    runs: dict[str, Future[Run]], scenario: Scenario
) -> None:
    run = runs["unforced"].result()
    assert_clean_failure(run)
    assert scenario.unforced.files() == scenario.unforced_before
    assert not any(scenario.unforced.backups.iterdir())


def test_demo_with_force_replaces_the_station_after_a_backup(
    runs: dict[str, Future[Run]], scenario: Scenario
) -> None:
    demo, search = runs["forced"].result()  # type: ignore[misc]
    assert demo.code == 0, demo.err
    backups = list(scenario.forced.backups.iterdir())
    assert len(backups) == 1 and "before-demo" in backups[0].name
    assert backups[0].stat().st_size > 0
    assert not backups[0].read_bytes().startswith(b"SQLite format 3"), "the backup stays encrypted"
    assert search.code == 0, search.err
    assert 0 < len(search.lines) <= 40, "the 300 operators were replaced by 40"


def test_search_prints_identifier_tab_name_and_honours_the_limit(runs: dict[str, Future[Run]]) -> None:
    run = runs["limit"].result()
    assert run.code == 0, run.err
    assert len(run.lines) == 5, "at most five lines; the demo station has far more than five companies"
    for line in run.lines:
        identifier, name = line.split("\t")
        assert "有限公司" in name
        assert re.fullmatch(r"[0-9A-Z]{15,18}", identifier), identifier


def test_search_options_before_the_command_work_too(runs: dict[str, Future[Run]]) -> None:
    run = runs["options_first"].result()
    assert run.code == 0, run.err
    assert len(run.lines) == 3


def test_search_without_a_match_prints_nothing(runs: dict[str, Future[Run]]) -> None:
    run = runs["no_match"].result()
    assert run.code == 0, run.err
    assert run.out == ""


def test_search_in_an_empty_directory_explains_in_chinese(runs: dict[str, Future[Run]], base: Path) -> None:
    run = runs["empty"].result()
    assert_clean_failure(run)
    assert run.out == ""
    assert CJK.search(run.messages), run.err
    assert not (base / "empty.key").exists(), "searching must not create a key"
    assert not (base / "empty" / "station.db").exists(), "searching must not create a database"


def test_search_with_a_wrong_key_file_fails_cleanly(
    runs: dict[str, Future[Run]], station: Station, scenario: Scenario
) -> None:
    run = runs["wrong_key"].result()
    assert_clean_failure(run)
    assert run.out == ""
    assert CJK.search(run.messages), run.err
    assert digest(station.database) == scenario.station_before


def test_self_test_passes(runs: dict[str, Future[Run]]) -> None:
    run = runs["self_test"].result()
    assert run.code == 0, run.err
    assert "Traceback" not in run.err
