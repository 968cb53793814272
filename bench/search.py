"""Search benchmark: our ranked search against a plain ``LIKE '%…%'`` scan of the same data, in the same run.

The issue's target: on 100,000 operators and about 150,000 carriers, p95 ≤ 30 ms per query. The query mix is
sampled from the database itself with a fixed seed (surnames, name and address fragments, identifiers, phones,
shop names and ids, URL and ICP fragments, pinyin initials, and queries with no hits), each query is run several
times, ours and the anchor interleaved in a shuffled order, after one unrecorded warm-up pass.

The warm-up pass also checks recall: whenever ours returns fewer than the limit, it claims to have returned every
match, so every operator the anchor finds must be among them (pinyin-initials queries aside, the anchor's matches
are a subset of what the indexes cover). Misses are printed; they are a bug, not noise.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import text

from app.records import OperatorFilter
from app.services.registry import RegistryService
from bench.common import (
    Figure,
    Options,
    cached_demo_database,
    fmt,
    log,
    median,
    p95,
    ratio,
    table,
    timed_ms,
)
from localdb.database import Database
from localdb.operator_queries import search_like_scan
from localdb.search_index import CJK_RUN

LIMIT = 500
GOAL_P95_MS = 30.0
DEFAULT_REPEAT = 4
ANCHOR_NAME = "plain LIKE '%…%' scan of operator + carrier columns (search_like_scan)"

NO_HITS = ["量子咖啡馆", "火星贸易公司", "ZQXJ9999", "qxzvk", "不存在的店铺", "example-zz.cn", "黔ICP备1999"]
"""Queries none of the demo data matches (checked against the anchor at run time)."""


@dataclass(frozen=True)
class Query:
    category: str
    text: str


@dataclass
class Sample:
    """Timings of one query (ms) and what each side returned in the warm-up pass."""

    query: Query
    ours: list[float] = field(default_factory=list)
    anchor: list[float] = field(default_factory=list)
    ours_hits: int = 0
    anchor_hits: int = 0
    missed: int = 0


# -- the query mix -----------------------------------------------------------------------------------------


def _fragment(rng: random.Random, value: str, low: int, high: int) -> str:
    """A random substring of ``value`` of ``low``–``high`` characters (the whole value when shorter)."""
    if len(value) <= low:
        return value
    size = rng.randint(low, min(high, len(value)))
    start = rng.randrange(len(value) - size + 1)
    return value[start : start + size]


def _cjk_fragment(rng: random.Random, value: str, size: int) -> str:
    """A random run of ``size`` Chinese characters of ``value`` ("" if it has none that long)."""
    runs = [run for run in CJK_RUN.findall(value) if len(run) >= size]
    return _fragment(rng, rng.choice(runs), size, size) if runs else ""


class _Mix:
    """Collects distinct queries per category from values drawn at random from the database."""

    def __init__(self, db: Database, rng: random.Random) -> None:
        self._db = db
        self._rng = rng
        self.queries: dict[str, Query] = {}
        self._rows: dict[str, list[tuple[str, ...]]] = {}

    def sample(self, sql: str, count: int) -> list[tuple[str, ...]]:
        """``count`` rows of ``sql`` drawn at random (with replacement); ``sql`` must have a stable order, so the
        draw is deterministic for the seed."""
        if sql not in self._rows:
            with self._db.reader() as session:
                self._rows[sql] = [tuple(str(v) for v in row) for row in session.execute(text(sql))]
        rows = self._rows[sql]
        return [self._rng.choice(rows) for _ in range(count)] if rows else []

    def add(self, category: str, want: int, sql: str, make: Callable[[tuple[str, ...]], str]) -> None:
        """Add up to ``want`` distinct queries made by ``make`` from random rows of ``sql``."""
        added = 0
        for row in self.sample(sql, want * 6):
            if added == want:
                break
            query = make(row).strip()
            if query and query not in self.queries:
                self.queries[query] = Query(category, query)
                added += 1


def build_queries(db: Database, seed: int) -> list[Query]:
    """The realistic query mix, sampled from ``db`` with ``seed``."""
    rng = random.Random(seed)
    mix = _Mix(db, rng)
    live = "FROM operator o WHERE o.deleted_at IS NULL"
    companies = f"{live} AND o.subject_type != 'natural_person'"
    order = "ORDER BY o.search_rowid"
    carriers = "FROM carrier c WHERE c.deleted_at IS NULL"
    mix.add("1 汉字 surname", 5, f"SELECT o.legal_representative {live} {order}", lambda r: r[0][:1])
    mix.add("2 汉字 name", 3, f"SELECT o.name {companies} {order}", lambda r: _cjk_fragment(rng, r[0], 2))
    mix.add(
        "2 汉字 address",
        3,
        f"SELECT o.business_address {live} {order}",
        lambda r: _cjk_fragment(rng, r[0].removeprefix("云南省昆明市五华区"), 2),
    )
    mix.add("3–6 汉字 name fragment", 5, f"SELECT o.name {companies} {order}", lambda r: _fragment(rng, r[0], 3, 6))
    mix.add(
        "person name",
        3,
        f"SELECT o.legal_representative {live} AND length(o.legal_representative) >= 2 {order}",
        lambda r: r[0],
    )
    uscc = f"SELECT o.identifier {live} AND o.identifier_type = 'uscc' {order}"
    mix.add("USCC full", 4, uscc, lambda r: r[0])
    mix.add(
        "resident id / reg no full",
        2,
        f"SELECT o.identifier {live} AND o.identifier_type IN ('resident_id', 'reg_no') {order}",
        lambda r: r[0],
    )
    mix.add("USCC first 8", 3, uscc, lambda r: r[0][:8])  # type code + county: matches a large share of rows
    mix.add("USCC first 12", 3, uscc, lambda r: r[0][:12])
    mix.add("phone full", 4, f"SELECT o.phone {live} AND o.phone != '' {order}", lambda r: r[0])
    mix.add("phone last 4", 4, f"SELECT o.phone {live} AND o.phone != '' {order}", lambda r: r[0][-4:])
    mix.add(
        "shop name fragment",
        5,
        f"SELECT c.shop_name {carriers} ORDER BY c.id",
        lambda r: _fragment(rng, r[0], 3, 5),
    )
    mix.add("shop id", 5, f"SELECT c.shop_id {carriers} AND c.shop_id != '' ORDER BY c.id", lambda r: r[0])
    mix.add(
        "URL fragment",
        4,
        f"SELECT c.url {carriers} AND c.url != '' ORDER BY c.id",
        lambda r: _fragment(rng, r[0].removeprefix("https://").removeprefix("www."), 5, 12),
    )
    mix.add(
        "ICP fragment",
        4,
        f"SELECT c.icp_filing {carriers} AND c.icp_filing != '' ORDER BY c.id",
        lambda r: _fragment(rng, r[0], 6, 14),
    )
    mix.add(
        "pinyin initials",
        5,
        f"SELECT o.name_initials {live} AND length(o.name_initials) >= 3 {order}",
        lambda r: r[0][:4],
    )
    for query in NO_HITS:
        mix.queries.setdefault(query, Query("no hits", query))
    return list(mix.queries.values())


# -- measuring ---------------------------------------------------------------------------------------------


def _measure(db: Database, queries: list[Query], repeat: int, seed: int) -> list[Sample]:
    service = RegistryService(db)
    no_filter = OperatorFilter()

    def ours(q: str) -> list[str]:
        return service.search_ids(q, no_filter, limit=LIMIT)

    def anchor(q: str) -> list[str]:
        with db.reader() as session:
            return search_like_scan(session, q, limit=LIMIT)

    samples = [Sample(q) for q in queries]
    log(f"warm-up and recall check: {len(queries)} queries …")
    for sample in samples:
        _, found = timed_ms(ours, sample.query.text)
        _, expected = timed_ms(anchor, sample.query.text)
        sample.ours_hits, sample.anchor_hits = len(found), len(expected)
        if len(found) < LIMIT:
            sample.missed = len(set(expected) - set(found))
    for rep in range(repeat):
        log(f"repetition {rep + 1}/{repeat} …")
        order = samples[:]
        random.Random(seed * 1000 + rep).shuffle(order)
        for i, sample in enumerate(order):
            q = sample.query.text
            if (i + rep) % 2 == 0:
                sample.ours.append(timed_ms(ours, q)[0])
                sample.anchor.append(timed_ms(anchor, q)[0])
            else:
                sample.anchor.append(timed_ms(anchor, q)[0])
                sample.ours.append(timed_ms(ours, q)[0])
    return samples


def _report(samples: list[Sample]) -> None:
    categories: dict[str, list[Sample]] = {}
    for s in samples:
        categories.setdefault(s.query.category, []).append(s)
    rows = []
    for name, group in categories.items():
        ours = [t for s in group for t in s.ours]
        anchor = [t for s in group for t in s.anchor]
        rows.append(
            [
                name,
                str(len(group)),
                fmt(median(ours), 2),
                fmt(p95(ours), 2),
                fmt(median(anchor), 1),
                fmt(p95(anchor), 1),
                fmt(ratio(p95(anchor), p95(ours)), 1) + "×",
                fmt(median([s.ours_hits for s in group]), 0),
                fmt(median([s.anchor_hits for s in group]), 0),
                str(sum(s.missed for s in group)),
            ]
        )
    headers = ["category", "queries", "ours med", "ours p95", "anchor med", "anchor p95", "anchor/ours p95"]
    headers += ["hits ours", "hits anchor", "missed"]
    print(table(headers, rows, title="Per category (ms; hits are medians over the category's queries, limit 500)"))
    print()
    slowest = sorted(samples, key=lambda s: median(s.ours), reverse=True)[:8]
    print(
        table(
            ["query", "category", "ours med", "ours max", "anchor med", "hits ours", "hits anchor"],
            [
                [
                    s.query.text,
                    s.query.category,
                    fmt(median(s.ours), 2),
                    fmt(max(s.ours), 2),
                    fmt(median(s.anchor), 1),
                    str(s.ours_hits),
                    str(s.anchor_hits),
                ]
                for s in slowest
            ],
            title="Slowest queries (ours, by median)",
        )
    )
    missed = [s for s in samples if s.missed]
    if missed:
        print()
        print(
            table(
                ["query", "category", "hits ours", "hits anchor", "anchor hits not in ours"],
                [[s.query.text, s.query.category, str(s.ours_hits), str(s.anchor_hits), str(s.missed)] for s in missed],
                title="RECALL: ours returned fewer than the limit but missed operators the LIKE scan finds",
            )
        )
    wrong = [s for s in samples if s.query.category == "no hits" and s.anchor_hits]
    if wrong:
        print("note: these 'no hits' queries do match the data: " + ", ".join(s.query.text for s in wrong))
    print()


def run(opts: Options) -> dict[str, Figure]:
    repeat = opts.repeat or DEFAULT_REPEAT
    with cached_demo_database("demo", opts.operators, fresh=opts.fresh) as db:
        queries = build_queries(db, opts.seed)
        log(f"{len(queries)} distinct queries, {repeat} repetitions, ours and the anchor interleaved")
        samples = _measure(db, queries, repeat, opts.seed)
    _report(samples)
    ours = [t for s in samples for t in s.ours]
    anchor = [t for s in samples for t in s.anchor]
    print(
        f"{len(queries)} queries × {repeat} repetitions on {opts.operators:,} operators: "
        f"anchor/ours = {ratio(median(anchor), median(ours)):.1f}× at the median, "
        f"{ratio(p95(anchor), p95(ours)):.1f}× at p95"
    )
    return {
        "query_p95_ms": Figure(p95(ours), p95(anchor), ANCHOR_NAME, "ms", GOAL_P95_MS),
        "query_median_ms": Figure(median(ours), median(anchor), ANCHOR_NAME, "ms"),
    }
