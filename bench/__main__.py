"""``python -m bench NAME [--operators N | --rows N] [--json] [--fresh] [--repeat R] [--seed S]``

Prints a readable table; with ``--json`` the last line of stdout is one JSON object
``{"bench": NAME, "operators": N, "figures": {FIGURE: {"ours", "anchor", "anchor_name", "unit", ["goal"]}}}``.
Progress goes to stderr. See bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from bench import demo, ledger_export, ledger_import, registry, search, sync
from bench.common import Figure, Options, figures_table, json_line

BENCHES: dict[str, Callable[[Options], dict[str, Figure]]] = {
    "search": search.run,
    "demo": demo.run,
    "registry": registry.run,
    "sync": sync.run,
    "import": ledger_import.run,
    "export": ledger_export.run,
}


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description="StationDesk benchmarks (see bench/README.md)")
    parser.add_argument("name", choices=sorted(BENCHES), help="which benchmark to run")
    parser.add_argument(
        "--operators",
        "--rows",
        dest="operators",
        type=_positive,
        default=100_000,
        help="demo operators, or ledger rows for import/export (default 100000)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object on the last line")
    parser.add_argument("--fresh", action="store_true", help="rebuild the cached demo database")
    parser.add_argument("--repeat", type=_positive, default=None, help="repetitions (default: per benchmark)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the benchmark's own sampling (default 1)")
    parser.add_argument(
        "--push-inspections",
        type=int,
        default=1000,
        help="sync: inspections with two ~300 KB evidence files each to push (default 1000; 0 skips the push)",
    )
    args = parser.parse_args(argv)
    opts = Options(
        operators=args.operators,
        fresh=args.fresh,
        repeat=args.repeat,
        seed=args.seed,
        push_inspections=max(0, args.push_inspections),
    )
    load_before = os.getloadavg()[0]
    figures = BENCHES[args.name](opts)
    print(figures_table(figures))
    print(f"load average (1 min) before / after: {load_before:.2f} / {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    if args.json:
        print(json_line(args.name, opts.operators, figures))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
