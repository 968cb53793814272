"""Demo-data benchmark: ``create_demo_station`` for N operators into a fresh encrypted database.

The issue's goal: 100,000 operators (about 150,000 carriers, with their search indexes) in under 60 s. Each
repetition gets a new, freshly migrated database; only ``create_demo_station`` itself is timed (row generation,
inserts, indexing and the durable commit). There is no anchor: the goal is absolute, so the figure follows the
machine's load; the table also shows the process CPU time (both threads), which other processes disturb less.
"""

from __future__ import annotations

import time

from sqlalchemy import text

from bench.common import (
    Figure,
    Options,
    build_demo,
    fmt,
    log,
    median,
    open_database,
    peak_rss_mib,
    scratch_dir,
    table,
    timed_ms,
)

GOAL_100K_S = 60.0
ANCHOR_NAME = "none (absolute goal; no plain-sqlite anchor is run)"


def default_repeat(operators: int) -> int:
    """Three runs where that fits in about three minutes, else one."""
    return 3 if operators <= 40_000 else 1


def figure_name(operators: int) -> str:
    if operators % 1000 == 0:
        return f"demo_{operators // 1000}k_s"
    return f"demo_{operators}_s"


def run(opts: Options) -> dict[str, Figure]:
    repeat = opts.repeat or default_repeat(opts.operators)
    rss_before = peak_rss_mib()
    seconds: list[float] = []
    rows: list[list[str]] = []
    for rep in range(repeat):
        with scratch_dir("demo") as root:
            db = open_database(root)
            try:
                log(f"repetition {rep + 1}/{repeat}: {opts.operators:,} operators …")
                cpu_before = time.process_time()
                elapsed_ms, _ = timed_ms(build_demo, db, opts.operators, label="demo")
                cpu_s = time.process_time() - cpu_before
                with db.reader() as session:
                    carriers = session.execute(text("SELECT count(*) FROM carrier")).scalar_one()
            finally:
                db.close()
            size_mib = sum(p.stat().st_size for p in root.glob("station.db*")) / 2**20
        seconds.append(elapsed_ms / 1000)
        rows.append(
            [
                str(rep + 1),
                fmt(elapsed_ms / 1000, 1),
                fmt(cpu_s, 1),
                fmt(opts.operators / (elapsed_ms / 1000), 0),
                f"{carriers:,}",
                fmt(size_mib, 0),
                fmt(peak_rss_mib(), 0),
            ]
        )
    print(
        table(
            ["run", "seconds", "CPU s", "operators/s", "carriers", "file MiB", "peak RSS MiB so far"],
            rows,
            title=f"create_demo_station, {opts.operators:,} operators (peak RSS before the first run: "
            f"{rss_before:.0f} MiB)",
        )
    )
    print()
    figures = {
        figure_name(opts.operators): Figure(
            median(seconds),
            None,
            ANCHOR_NAME,
            "s",
            GOAL_100K_S if opts.operators == 100_000 else None,
        ),
        "peak_rss_mib": Figure(peak_rss_mib(), None, "none (peak RSS of the whole benchmark process)", "MiB"),
    }
    return figures
