"""Ranked search over the operator register, answered from indexes in tiers.

Each tier is bounded by the result limit, so a common word never costs ranking every hit, and the tiers run
best-first: the exact identifier, the exact name, names starting with the query (shortest first), names
containing every term, pinyin initials, then any indexed field (legal representative, addresses, phones, and the
carriers' shop name, shop id, URL and ICP number). Terms of three or more characters use the trigram indexes;
one- or two-character Chinese terms use the gram index (localdb/search_index.py). Operators a big load committed
but has not indexed yet (the search backlog, usually empty) are found by a last tier that scans just those rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, TextClause, column, func, or_, select, table, text
from sqlalchemy.orm import Session

from localdb.models import Operator
from localdb.operator_queries import OperatorFilter, filter_conditions, like_pattern
from localdb.search_index import backlog, is_short_gram, unindexed_text

TRIGRAM = 3
"""The trigram tokenizer indexes substrings of at least three characters."""

ALL_FIELDS = table("operator_fts", column("rowid"))
NAMES = table("name_fts", column("rowid"))
GRAMS = table("operator_grams", column("rowid"))


def _phrase(term: str, column_name: str | None = None) -> str:
    quoted = '"' + term.replace('"', '""') + '"'
    return f"{{{column_name}}} : {quoted}" if column_name else quoted


def _contains(column_sql: str, term: str, key: str) -> TextClause:
    """``column LIKE '%term%'`` as FTS5's trigram index can answer it: no ESCAPE clause (that would turn it into
    a scan), so a literal ``%`` or ``_`` in the term acts as a wildcard — a slightly wider result, never a miss."""
    return text(f"{column_sql} LIKE :{key}").bindparams(**{key: f"%{term}%"})


def _text_stmt(terms: Sequence[str], names_only: bool) -> Select[str] | None:
    """Operators where every term occurs (in the name, or in any field); ``None`` if no term is indexable.

    FTS5 wants its real table name on the left of MATCH, so the index tables are joined unaliased.
    """
    long_terms = [t for t in terms if len(t) >= TRIGRAM]
    gram_terms = [t.lower() for t in terms if is_short_gram(t)]
    scanned = [t for t in terms if len(t) < TRIGRAM and not is_short_gram(t)]
    if not long_terms and not gram_terms:
        return None
    stmt = select(Operator.id)
    if long_terms:
        index, column_sql = (NAMES, "name_fts.name") if names_only else (ALL_FIELDS, "operator_fts.text")
        stmt = stmt.join(index, index.c.rowid == Operator.search_rowid)
        stmt = stmt.where(*(_contains(column_sql, t, f"long{n}") for n, t in enumerate(long_terms)))
    if gram_terms:
        column_name = "name" if names_only else None
        stmt = stmt.join(GRAMS, GRAMS.c.rowid == Operator.search_rowid).where(
            text("operator_grams MATCH :grams").bindparams(
                grams=" AND ".join(_phrase(t, column_name) for t in gram_terms)
            )
        )
    for term in scanned:  # one or two Latin letters or digits next to an indexed term: filter the few candidates
        pattern = like_pattern(term)
        fields = [Operator.name] if names_only else [Operator.name, Operator.identifier, Operator.phone]
        stmt = stmt.where(or_(*(f.like(pattern, escape="\\") for f in fields)))
    return stmt


def _initials_stmts(query: str) -> list[Select[str]]:
    """Pinyin initials: contiguous (``kmdz`` in 昆明电子…) and, anchored at the start, in order with gaps
    (``kmdz`` finds 昆明某某电子…, whose initials are ``kmmmdz``)."""
    letters = query.lower()
    if len(letters) < 2 or not letters.isascii() or not letters.isalpha():
        return []
    stmts: list[Select[str]] = []
    if len(letters) >= TRIGRAM:
        stmts.append(
            select(Operator.id)
            .join(NAMES, NAMES.c.rowid == Operator.search_rowid)
            .where(_contains("name_fts.initials", letters, "initials"))
        )
    stmts.append(select(Operator.id).where(Operator.name_initials.op("GLOB")("*".join(letters) + "*")))
    return stmts


def _tiers(query: str, code: str) -> list[Select[str]]:
    terms = query.split()
    tiers: list[Select[str]] = []
    if code:
        tiers.append(select(Operator.id).where(Operator.identifier == code))
    tiers.append(select(Operator.id).where(Operator.name == query))
    tiers.append(
        select(Operator.id)
        .where(Operator.name >= query, Operator.name < query + "\U0010ffff")
        .order_by(func.length(Operator.name), Operator.name)
    )
    names = _text_stmt(terms, names_only=True)
    if names is not None:
        tiers.append(names)
    if len(terms) == 1:
        tiers.extend(_initials_stmts(query))
    anywhere = _text_stmt(terms, names_only=False)
    if anywhere is not None:
        tiers.append(anywhere)
    if code and len(code) < TRIGRAM:
        tiers.append(select(Operator.id).where(Operator.identifier >= code, Operator.identifier < code + "~"))
    return tiers


def _unindexed_stmt(ranges: Sequence[tuple[int, int]], terms: Sequence[str]) -> Select[str]:
    """Backlog rows (not in the indexes yet) containing every term in any searchable field or the initials."""
    haystack = unindexed_text("operator")
    within = or_(*(Operator.search_rowid.between(first, last) for first, last in ranges))
    matches = (
        text(f"({haystack}) LIKE :scan{n} ESCAPE '\\'").bindparams(**{f"scan{n}": like_pattern(term)})
        for n, term in enumerate(terms)
    )
    return select(Operator.id).where(within, *matches)


def search_ids(session: Session, query: str, flt: OperatorFilter, limit: int = 500, code: str = "") -> list[str]:
    """Operator ids matching ``query`` (terms separated by spaces, all must match), best first, at most ``limit``.

    ``code`` is the query normalised as an identifier by the caller (upper-case, no spaces or dashes), or empty.
    """
    if not query.split():
        return []
    conditions = filter_conditions(flt)
    ranked: dict[str, None] = {}
    tiers = _tiers(query, code)
    ranges = backlog(session.connection())
    if ranges:
        tiers.append(_unindexed_stmt(ranges, query.split()))
    for tier in tiers:
        # Each tier may repeat ids of better tiers, so it is asked for a full page, not just the remainder.
        for operator_id in session.scalars(tier.where(*conditions).limit(limit)):
            ranked[operator_id] = None
        if len(ranked) >= limit:
            break
    return list(ranked)[:limit]
