"""Registry benchmark: the registry view's initial load and one screenful of rows.

* ``list_ids_ms``: ``RegistryService.list_ids(OperatorFilter())`` — every live operator's id in the registry's
  default "name" order (pinyin: ``SORTABLE["name"]`` columns, then id), read from the partial covering index.
  Anchor: the same ids through the same connection with every index switched off
  (``SELECT id FROM operator NOT INDEXED WHERE deleted_at IS NULL ORDER BY <those columns>, id``): scan plus sort.
* ``page_rows_ms``: ``RegistryService.rows(ids)`` for 50 ids at a random offset (what one screen shows). No anchor.

Both sides run interleaved, after one unrecorded warm-up call each; figures are medians.
"""

from __future__ import annotations

import random
from typing import Any

from sqlalchemy import event, text

from app.records import OperatorFilter
from app.services.registry import RegistryService
from bench.common import Figure, Options, cached_demo_database, fmt, log, median, p95, ratio, table, timed_ms
from localdb.database import Database
from localdb.operator_queries import SORTABLE

PAGE = 50
DEFAULT_REPEAT = 15
PAGES_PER_REPEAT = 4
ORDER_BY = ", ".join([*(column.key for column in SORTABLE["name"]), "id"])
"""The registry's default order ("name": pinyin initials, then the characters), as the core defines it."""
ANCHOR_SQL = f"SELECT id FROM operator NOT INDEXED WHERE deleted_at IS NULL ORDER BY {ORDER_BY}"
ANCHOR_NAME = f"SELECT id … NOT INDEXED ORDER BY {ORDER_BY} (table scan + sort, same connection)"


def _anchor_ids(db: Database) -> list[str]:
    with db.reader() as session:
        return [str(v) for v in session.execute(text(ANCHOR_SQL)).scalars()]


def _list_with_plan(db: Database, service: RegistryService) -> tuple[list[str], str]:
    """One ``list_ids`` call, and SQLite's plan for the SQL it actually ran (which index answers it)."""
    statements: list[str] = []

    def capture(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        ids = service.list_ids(OperatorFilter())
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    if not selects:
        return ids, "(no SELECT captured)"
    with db.reader() as session:
        plan = session.execute(text(f"EXPLAIN QUERY PLAN {selects[-1]}")).all()
    return ids, "; ".join(str(row[-1]) for row in plan)


def run(opts: Options) -> dict[str, Figure]:
    repeat = opts.repeat or DEFAULT_REPEAT
    rng = random.Random(opts.seed)
    no_filter = OperatorFilter()
    with cached_demo_database("demo", opts.operators, fresh=opts.fresh) as db:
        service = RegistryService(db)
        log(f"warm-up, then {repeat} interleaved repetitions …")
        ids, plan = _list_with_plan(db, service)
        same_order = ids == _anchor_ids(db)
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
