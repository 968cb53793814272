"""Registry benchmark: the registry view's initial load and one screenful of rows.

* ``list_ids_ms``: ``RegistryService.list_ids(OperatorFilter())`` — every live operator's id sorted by name, read
  from the partial covering index. Anchor: the same ids through the same connection with every index switched
  off (``SELECT id FROM operator NOT INDEXED WHERE deleted_at IS NULL ORDER BY name, id``): a table scan plus sort.
* ``page_rows_ms``: ``RegistryService.rows(ids)`` for 50 ids at a random offset (what one screen shows). No anchor.

Both sides run interleaved, after one unrecorded warm-up call each; figures are medians.
"""

from __future__ import annotations

import random

from sqlalchemy import text

from app.records import OperatorFilter
from app.services.registry import RegistryService
from bench.common import Figure, Options, cached_demo_database, fmt, log, median, p95, ratio, table, timed_ms
from localdb.database import Database

PAGE = 50
DEFAULT_REPEAT = 15
PAGES_PER_REPEAT = 4
ANCHOR_SQL = "SELECT id FROM operator NOT INDEXED WHERE deleted_at IS NULL ORDER BY name, id"
ANCHOR_NAME = "SELECT id … NOT INDEXED ORDER BY name, id (table scan + sort, same connection)"


def _anchor_ids(db: Database) -> list[str]:
    with db.reader() as session:
        return [str(v) for v in session.execute(text(ANCHOR_SQL)).scalars()]


def _plan(db: Database) -> str:
    """SQLite's plan for the registry's default list query, to show which index answers it."""
    with db.reader() as session:
        sql = "SELECT id FROM operator WHERE deleted_at IS NULL ORDER BY name, id"
        return "; ".join(str(row[-1]) for row in session.execute(text(f"EXPLAIN QUERY PLAN {sql}")))


def run(opts: Options) -> dict[str, Figure]:
    repeat = opts.repeat or DEFAULT_REPEAT
    rng = random.Random(opts.seed)
    no_filter = OperatorFilter()
    with cached_demo_database("demo", opts.operators, fresh=opts.fresh) as db:
        service = RegistryService(db)
        log(f"warm-up, then {repeat} interleaved repetitions …")
        ids = service.list_ids(no_filter)
        expected = _anchor_ids(db)
        same_order = ids == expected
        plan = _plan(db)
        ours: list[float] = []
        anchor: list[float] = []
        pages: list[float] = []
        for rep in range(repeat):
            if rep % 2 == 0:
                ours.append(timed_ms(service.list_ids, no_filter)[0])
                anchor.append(timed_ms(_anchor_ids, db)[0])
            else:
                anchor.append(timed_ms(_anchor_ids, db)[0])
                ours.append(timed_ms(service.list_ids, no_filter)[0])
            for _ in range(PAGES_PER_REPEAT):
                start = rng.randrange(max(1, len(ids) - PAGE + 1))
                page = ids[start : start + PAGE]
                elapsed, rows = timed_ms(service.rows, page)
                if [r.id for r in rows] != page:
                    raise AssertionError("rows() did not return the requested ids in order")
                pages.append(elapsed)
    print(
        table(
            ["measure", "n", "median ms", "p95 ms", "min ms", "max ms"],
            [
                [name, str(len(v)), fmt(median(v), 2), fmt(p95(v), 2), fmt(min(v), 2), fmt(max(v), 2)]
                for name, v in (
                    ("list_ids (ours)", ours),
                    ("list_ids anchor (NOT INDEXED)", anchor),
                    (f"rows() of {PAGE} ids", pages),
                )
            ],
            title=f"Registry view on {opts.operators:,} operators ({len(ids):,} live ids)",
        )
    )
    print(f"query plan of the list: {plan}")
    print(f"same ids in the same order as the anchor: {'yes' if same_order else 'NO'}")
    print(f"anchor/ours (list_ids, medians): {ratio(median(anchor), median(ours)):.1f}×")
    print()
    return {
        "list_ids_ms": Figure(median(ours), median(anchor), ANCHOR_NAME, "ms"),
        "page_rows_ms": Figure(median(pages), None, f"none (rows() of {PAGE} ids at a random offset)", "ms"),
    }
