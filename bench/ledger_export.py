"""Ledger export benchmark: the formatted registry export against a bare openpyxl dump of the same rows.

The database is the cached demo station of ``--rows`` operators (one export row per carrier: about 1.5 rows per
operator), the same one ``search`` and ``registry`` use.

* ``export_s`` — ``app.ledger.export.export_registry`` (masked, the default): the query, vocabulary words, dates,
  masking, formula guard, title, header styles, widths, frozen header, filter, atomic save.
* anchor (``export_s``, ``export_ratio``) — a bare dump of *the same cells*: the same query, each row turned into
  the same cell values (``export_row``: words, date cells, masking), appended to an openpyxl write-only sheet with
  no title, styles, widths, frozen pane, filter or formula guard, saved. The ratio is what the formatting costs.
* ``export_ratio`` — ours / anchor (medians); goal ≤ 1.3.
* ``raw_dump_ratio`` — ours / a dump of the rows exactly as SQLite returns them (ISO date text, 0/1 flags, codes),
  for comparison: it shows the cost of producing proper cells as well.
* ``peak_rss_mib`` — peak resident memory of the process (the export streams: it stays flat as the rows grow).

Interleaved, alternating which goes first, after one unrecorded warm-up of each.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from openpyxl import Workbook

from app.ledger.export import EXPORT_SQL, export_registry, export_row
from bench.common import (
    Figure,
    Options,
    cached_demo_database,
    fmt,
    log,
    median,
    peak_rss_mib,
    scratch_dir,
    table,
    timed_ms,
)
from localdb.database import Database

GOAL_RATIO = 1.3
DEFAULT_REPEAT = 3
ANCHOR_NAME = "bare openpyxl write-only dump of the same cells (same query, same cell values; no formatting)"


def bare_dump(db: Database, path: Path) -> int:
    """The anchor: the export's cells (same values), appended bare: no title, styles, layout or formula guard."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("dump")
    rows = 0
    with db.engine.connect() as conn:
        for raw in conn.exec_driver_sql(EXPORT_SQL):
            sheet.append(export_row(raw, False))
            rows += 1
        conn.rollback()
    workbook.save(path)
    return rows


def raw_dump(db: Database, path: Path) -> int:
    """The rows exactly as SQLite returns them (text dates, 0/1 flags), appended bare."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("dump")
    rows = 0
    with db.engine.connect() as conn:
        for raw in conn.exec_driver_sql(EXPORT_SQL):
            sheet.append(raw[1:])
            rows += 1
        conn.rollback()
    workbook.save(path)
    return rows


def ours(db: Database, path: Path) -> int:
    return export_registry(db, path, station_name="基准测试所").rows


def run(opts: Options) -> dict[str, Figure]:
    repeat = opts.repeat or DEFAULT_REPEAT
    with cached_demo_database("demo", opts.operators, fresh=opts.fresh) as db, scratch_dir("ledger-export") as out:
        log("warm-up …")
        rows = ours(db, out / "warm-ours.xlsx")
        bare_dump(db, out / "warm-anchor.xlsx")
        raw_dump(db, out / "warm-raw.xlsx")
        times: dict[str, list[float]] = {"ours": [], "anchor": [], "raw": []}
        calls = {"ours": ours, "anchor": bare_dump, "raw": raw_dump}
        for rep in range(repeat):
            log(f"repetition {rep + 1}/{repeat} …")
            order = ["ours", "anchor", "raw"] if rep % 2 == 0 else ["raw", "anchor", "ours"]
            for who in order:
                elapsed, _ = timed_ms(calls[who], db, out / f"{who}-{rep}.xlsx")
                times[who].append(elapsed / 1000)
        size_mib = (out / "warm-ours.xlsx").stat().st_size / 2**20
    ours_s, anchor_s, raw_s = times["ours"], times["anchor"], times["raw"]
    ratio_value = median(ours_s) / median(anchor_s)
    print(
        table(
            ["measure", "n", "median s", "min s", "max s", "rows/s (median)"],
            [
                [name, str(len(v)), fmt(median(v), 2), fmt(min(v), 2), fmt(max(v), 2), fmt(rows / median(v), 0)]
                for name, v in (
                    ("formatted export (ours)", ours_s),
                    ("bare dump of the same cells (anchor)", anchor_s),
                    ("bare dump of the raw rows", raw_s),
                )
            ],
            title=f"Registry export, {opts.operators:,} operators = {rows:,} rows × 30 columns ({size_mib:.1f} MiB)",
        )
    )
    print(f"ours/anchor: {ratio_value:.2f} (goal ≤ {GOAL_RATIO})")
    print()
    return {
        "export_s": Figure(median(ours_s), median(anchor_s), ANCHOR_NAME, "s"),
        "export_ratio": Figure(ratio_value, None, "none (ours / anchor of export_s)", "×", GOAL_RATIO),
        "raw_dump_ratio": Figure(
            median(ours_s) / median(raw_s), None, "none (ours / bare dump of the rows as stored)", "×"
        ),
        "peak_rss_mib": Figure(peak_rss_mib(), None, "none (peak RSS of the whole benchmark process)", "MiB"),
    }


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.ledger_export [--rows N] [--repeat R] [--json]`` (until bench/__main__ registers it)."""
    from bench.common import figures_table, json_line

    parser = argparse.ArgumentParser(prog="python -m bench.ledger_export")
    parser.add_argument("--rows", type=int, default=100_000, help="operators in the demo station")
    parser.add_argument("--repeat", type=int, default=None)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    opts = Options(operators=args.rows, repeat=args.repeat, fresh=args.fresh)
    figures = run(opts)
    print(figures_table(figures))
    if args.json:
        print(json_line("export", args.rows, figures))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
