"""Shared helpers of the benchmarks: timing, medians and percentiles, the table, the JSON line, cached databases.

Timings are wall-clock nanoseconds from :func:`time.perf_counter_ns`. The machine the benchmarks run on is shared
and noisy, so every figure is a median or a p95 over several interleaved repetitions, and ours is always measured
next to an anchor in the same process where one applies.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import resource
import shutil
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import platformdirs

from app.database_key import KeyChoice
from app.paths import DataDir
from app.station_store import open_station_database
from localdb.database import Database
from sync.credentials import CredentialStore

T = TypeVar("T")
P = ParamSpec("P")

ROOT = Path(__file__).resolve().parent.parent
"""The repository root (bench/ sits directly under it)."""

DEMO_SEED = 2026
"""Seed of every demo database the benchmarks build (the demo default)."""

CACHE_FORMAT = 1
"""Bumped when the way this module builds a cached database changes."""

SCHEMA_FILES = (
    "localdb/migrations/versions/*.py",
    "localdb/search_index.py",
    "app/services/demo.py",
    "app/demo_data.py",
    "app/pinyin.py",
)
"""Files whose content decides what a demo database looks like (schema, search index, generated rows and their
pinyin initials): a change to any of them rebuilds the cache. Missing files are skipped."""

KEY_FILE = "bench.key"
STAMP_FILE = "bench-stamp.json"


@dataclass(frozen=True)
class Options:
    """Command-line options every benchmark takes."""

    operators: int = 100_000
    fresh: bool = False
    """Rebuild the cached demo database even if it is current."""
    repeat: int | None = None
    """Repetitions (``None``: the benchmark's default)."""
    seed: int = 1
    """Seed of the benchmark's own sampling (queries, offsets); the demo data always uses :data:`DEMO_SEED`."""
    push_inspections: int = 1000
    """``sync``: inspections (two evidence files each) of the push figures; 0 skips them."""


# -- timing and statistics ---------------------------------------------------------------------------------


def timed_ms(call: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> tuple[float, T]:
    """Run ``call(*args, **kwargs)`` once; return the wall-clock time in milliseconds and its result."""
    start = time.perf_counter_ns()
    result = call(*args, **kwargs)
    return (time.perf_counter_ns() - start) / 1e6, result


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0–100) with linear interpolation between closest ranks (as numpy's default)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def median(values: Sequence[float]) -> float:
    return percentile(values, 50)


def p95(values: Sequence[float]) -> float:
    return percentile(values, 95)


def ratio(anchor: float, ours: float) -> float:
    """How many times faster ours is than the anchor (``anchor / ours``)."""
    return anchor / ours if ours > 0 else math.inf


def peak_rss_mib() -> float:
    """Peak resident set size of this process so far (or since :func:`reset_peak_rss`), in MiB."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:  # Linux: resettable (VmHWM)
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def reset_peak_rss() -> bool:
    """Start measuring the peak RSS afresh, so one phase's peak can be told from the benchmark's own data and
    anchor (Linux: ``/proc/self/clear_refs`` 5 resets VmHWM); returns False where that is not possible."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
    except OSError:
        return False
    return True


def log(message: str) -> None:
    """Progress for the person watching; stderr, so stdout stays the table plus the JSON line."""
    print(message, file=sys.stderr, flush=True)


# -- output ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One reported figure: ours, the anchor measured in the same run (or ``None``), and the goal if any."""

    ours: float
    anchor: float | None
    anchor_name: str
    unit: str = "ms"
    goal: float | None = None

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "ours": _rounded(self.ours),
            "anchor": None if self.anchor is None else _rounded(self.anchor),
            "anchor_name": self.anchor_name,
            "unit": self.unit,
        }
        if self.goal is not None:
            data["goal"] = self.goal
        return data


def _rounded(value: float) -> float | None:
    return None if math.isnan(value) or math.isinf(value) else round(value, 3)


def fmt(value: float | None, digits: int = 1) -> str:
    if value is None or math.isnan(value):
        return "—"
    if math.isinf(value):
        return "∞"
    return f"{value:,.{digits}f}"


def _width(text: str) -> int:
    """Display width in a terminal: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], title: str = "") -> str:
    """A plain-text table; the first column is left-aligned, the others right-aligned."""
    widths = [max(_width(str(cell)) for cell in column) for column in zip(headers, *rows, strict=False)]

    def line(cells: Sequence[str]) -> str:
        out = []
        for i, cell in enumerate(cells):
            pad = " " * (widths[i] - _width(cell))
            out.append(cell + pad if i == 0 else pad + cell)
        return "  ".join(out).rstrip()

    lines = [title] if title else []
    lines += [line(headers), "  ".join("-" * w for w in widths)]
    lines += [line([str(c) for c in row]) for row in rows]
    return "\n".join(lines)


def figures_table(figures: dict[str, Figure]) -> str:
    """The figures as a table, with the anchor/ours ratio and the goal."""
    rows = []
    for name, fig in figures.items():
        rows.append(
            [
                name,
                fmt(fig.ours, 2),
                fmt(fig.anchor, 2),
                fmt(ratio(fig.anchor, fig.ours), 1) + "×" if fig.anchor is not None else "—",
                fmt(fig.goal, 0) if fig.goal is not None else "—",
                fig.unit,
                fig.anchor_name,
            ]
        )
    return table(["figure", "ours", "anchor", "anchor/ours", "goal", "unit", "anchor is"], rows)


def json_line(bench: str, operators: int, figures: dict[str, Figure]) -> str:
    """The machine-readable result: one JSON object on one line (printed last)."""
    payload = {"bench": bench, "operators": operators, "figures": {k: f.as_json() for k, f in figures.items()}}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


# -- databases ---------------------------------------------------------------------------------------------


def cache_root() -> Path:
    """Where built benchmark databases are kept (``$STATIONDESK_BENCH_CACHE`` or the user cache directory)."""
    override = os.environ.get("STATIONDESK_BENCH_CACHE")
    return Path(override) if override else Path(platformdirs.user_cache_dir("stationdesk-bench", appauthor=False))


def schema_hash() -> str:
    """Hash of the files that decide a demo database's content and shape."""
    digest = hashlib.sha256(f"format {CACHE_FORMAT} seed {DEMO_SEED}".encode())
    for pattern in SCHEMA_FILES:
        for path in sorted(ROOT.glob(pattern)):
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def open_database(root: Path) -> Database:
    """Open (creating when absent) the encrypted database in ``root`` with the benchmark's key file."""
    return open_station_database(DataDir(root), KeyChoice(key_file=root / KEY_FILE), CredentialStore())


def _progress_logger(label: str) -> Callable[[int, int], None]:
    started = time.monotonic()
    last = [0.0]

    def report(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 5 or done == total:
            last[0] = now
            log(f"  {label}: {done:,}/{total:,} operators, {now - started:.0f} s")

    return report


def build_demo(db: Database, operators: int, label: str = "building") -> None:
    """Fill ``db`` with the demo station (progress on stderr)."""
    from app.progress import Progress
    from app.services.demo import create_demo_station

    create_demo_station(db, operators, seed=DEMO_SEED, progress=Progress(_progress_logger(label)))


@contextmanager
def cached_demo_database(name: str, operators: int, fresh: bool = False) -> Iterator[Database]:
    """An open demo database of ``operators`` operators, built once into the cache and reused afterwards.

    The cache directory is ``<cache>/<name>-<operators>``; it is rebuilt when ``fresh`` is set or when the schema
    hash (migrations, search index, demo generator) differs from the one it was built with. A build goes into a
    temporary sibling directory that is renamed into place only when complete, so an interrupted build is never
    reused.
    """
    root = cache_root()
    target = root / f"{name}-{operators}"
    wanted = {"schema": schema_hash(), "operators": operators, "seed": DEMO_SEED}
    stamp = target / STAMP_FILE
    current = json.loads(stamp.read_text(encoding="utf-8")) if stamp.exists() else None
    if fresh or current != wanted:
        reason = "--fresh" if fresh else ("schema changed" if current else "not cached yet")
        log(f"building demo database of {operators:,} operators in {target} ({reason}) …")
        root.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=f".{name}-{operators}-", dir=root))
        try:
            db = open_database(building)
            try:
                seconds, _ = timed_ms(build_demo, db, operators)
            finally:
                db.close()
            (building / STAMP_FILE).write_text(json.dumps(wanted), encoding="utf-8")
            if target.exists():
                shutil.rmtree(target)
            building.rename(target)
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
        log(f"built in {seconds / 1000:.1f} s")
    db = open_database(target)
    try:
        yield db
    finally:
        db.close()


@contextmanager
def scratch_dir(name: str) -> Iterator[Path]:
    """A temporary directory under the cache root (same disk as the cached databases), removed afterwards."""
    root = cache_root()
    root.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=f".{name}-scratch-", dir=root))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
