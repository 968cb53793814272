"""The search indexes: what text goes into them, the triggers that keep them current, and bulk reindexing.

Three FTS5 tables, keyed by ``operator.search_rowid``:
- ``operator_fts`` (trigram, ``detail=none``): every searchable field of the operator and its carriers in one
  column, answering ``LIKE '%…%'`` for terms of three or more characters;
- ``name_fts`` (trigram): names and their pinyin initials alone, for the "name contains" tier;
- ``operator_grams`` (contentless, ``ascii`` tokenizer, see :data:`GRAMS_DDL`): every CJK character and adjacent
  pair as a token, because officers also type one or two characters (a surname, "滇南"), which a trigram index
  cannot look up and a scan answers in hundreds of milliseconds. ``sd_grams`` builds those tokens for the
  triggers; every connection registers it (localdb/engine.py).

Triggers keep the indexes current for row-by-row writes. Bulk loaders (demo data, imports) switch the triggers
off inside their own transaction (:func:`triggers_suspended`) and index their rows set-wise, range by range
(:func:`reindex_rows`): FTS5 flushes its buffer at every statement savepoint, so indexing 100,000 rows through
per-row triggers is many times slower. There the gram tokens of a whole range are made at once
(localdb/search_grams.py), which gives the same tokens as ``sd_grams`` in a fraction of the time. Changing the SQL
the triggers use needs a migration that recreates them.

Big loads (an imported ledger, an initial pull) do not even index inside their transaction: they record the
``search_rowid`` ranges they wrote in ``search_backlog`` (:func:`defer_indexing`), commit at once, and the backlog
is indexed afterwards chunk by chunk (:func:`index_backlog_step`, driven by localdb/search_backlog.py: a
background thread in the app, the end of a pull, the CLI before it exits). Until then the search answers the backlog
rows by scanning just those rows (:func:`unindexed_text`), so a committed row is always findable; a crash leaves
the backlog in the database and the next start finishes it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor
from contextlib import contextmanager
from typing import Final

from sqlalchemy import Connection, text

from localdb.search_grams import grams_of_many

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""CJK ideographs (extension A, unified, compatibility)."""
CJK_RUN = re.compile(f"[{CJK}]+")
NAME_RUN = re.compile(f"[{CJK}A-Za-z0-9]+")
"""In names, Latin letters and digits count too (昆明HP电脑维修部: "HP" is a two-character query)."""

SQL_FUNCTION = "sd_grams"


def carrier_text(operator: str) -> str:
    """SQL for the searchable text of the live carriers of the operator row named ``operator``."""
    return f"""(SELECT coalesce(group_concat(c.shop_name || ' ' || c.shop_id || ' ' || c.url || ' ' || c.icp_filing,
        ' '), '') FROM carrier AS c WHERE c.operator_id = {operator}.id AND c.deleted_at IS NULL)"""


def searchable_text(operator: str) -> str:
    """SQL for every searchable field of the operator row named ``operator`` and its carriers, in one text."""
    fields = ("name", "identifier", "legal_representative", "registered_address", "business_address", "phone")
    return " || ' ' || ".join([*(f"{operator}.{f}" for f in fields), carrier_text(operator)])


CARRIER_TEXT = carrier_text("o")

INDEXES = ("operator_fts", "name_fts", "operator_grams")

GRAMS_DDL = """CREATE VIRTUAL TABLE operator_grams USING fts5(name, other, tokenize = 'ascii', detail = column,
    content = '', contentless_delete = 1)"""
"""The gram index (migration 0007). Contentless: it is only ever matched, never read back, so storing its token
lists as text (the biggest of the search tables) bought nothing; ``contentless_delete`` lets the triggers delete
entries by rowid as before. The ``ascii`` tokenizer splits only on ASCII separators, which for gram lists (CJK
characters, a-z, 0-9, spaces) gives the same tokens as ``unicode61`` at a fraction of the cost."""

CREATE_TABLES = [
    "CREATE TABLE search_control (id INTEGER PRIMARY KEY CHECK (id = 1), triggers_enabled INTEGER NOT NULL)",
    "INSERT INTO search_control VALUES (1, 1)",
    "CREATE VIRTUAL TABLE operator_fts USING fts5(text, tokenize = 'trigram', detail = none)",
    "CREATE VIRTUAL TABLE name_fts USING fts5(name, initials, tokenize = 'trigram', detail = none)",
    GRAMS_DDL,
]
BACKLOG_DDL = "CREATE TABLE search_backlog (first INTEGER NOT NULL, last INTEGER NOT NULL, CHECK (first <= last))"
"""Ranges of ``search_rowid`` written without index entries yet (migration 0005)."""


GRAMS_OTHER = f"""o.legal_representative || ' ' ||
                o.registered_address || ' ' || o.business_address || ' ' || {CARRIER_TEXT}"""
"""SQL for the text of the operator ``o`` whose grams go in the gram index's ``other`` column (its ``name`` column
takes the grams of ``o.name``)."""


def _index_statements(selector: str) -> list[str]:
    """INSERT … SELECT statements filling the three indexes for the operators ``o`` matching ``selector``."""
    return [
        f"""INSERT INTO operator_fts(rowid, text)
            SELECT o.search_rowid, {searchable_text("o")}
            FROM operator AS o WHERE {selector}""",
        f"""INSERT INTO name_fts(rowid, name, initials)
            SELECT o.search_rowid, o.name, o.name_initials FROM operator AS o WHERE {selector}""",
        f"""INSERT INTO operator_grams(rowid, name, other)
            SELECT o.search_rowid, {SQL_FUNCTION}(o.name, 1), {SQL_FUNCTION}({GRAMS_OTHER}, 0)
            FROM operator AS o WHERE {selector}""",
    ]


def _reindex_one(operator_id: str) -> str:
    rowid = f"(SELECT search_rowid FROM operator WHERE id = {operator_id})"
    deletes = [f"DELETE FROM {index} WHERE rowid = {rowid}" for index in INDEXES]
    return ";\n".join(deletes + _index_statements(f"o.id = {operator_id}")) + ";"


def _unindex_old() -> str:
    return ";\n".join(f"DELETE FROM {index} WHERE rowid = old.search_rowid" for index in INDEXES) + ";"


def trigger_ddl() -> list[str]:
    """The triggers that keep the indexes current for row-by-row writes (unless a bulk load suspended them)."""
    enabled = "WHEN (SELECT triggers_enabled FROM search_control)"
    return [
        f"CREATE TRIGGER operator_ai AFTER INSERT ON operator {enabled} BEGIN {_reindex_one('new.id')} END",
        f"""CREATE TRIGGER operator_au AFTER UPDATE OF name, identifier, legal_representative, registered_address,
            business_address, phone, name_initials, search_rowid ON operator {enabled}
            BEGIN {_unindex_old()} {_reindex_one("new.id")} END""",
        f"CREATE TRIGGER operator_ad AFTER DELETE ON operator {enabled} BEGIN {_unindex_old()} END",
        f"CREATE TRIGGER carrier_ai AFTER INSERT ON carrier {enabled} BEGIN {_reindex_one('new.operator_id')} END",
        f"""CREATE TRIGGER carrier_au AFTER UPDATE OF operator_id, shop_name, shop_id, url, icp_filing, deleted_at
            ON carrier {enabled} BEGIN {_reindex_one("old.operator_id")} {_reindex_one("new.operator_id")} END""",
        f"CREATE TRIGGER carrier_ad AFTER DELETE ON carrier {enabled} BEGIN {_reindex_one('old.operator_id')} END",
    ]


TRIGGER_NAMES = ("operator_ai", "operator_au", "operator_ad", "carrier_ai", "carrier_au", "carrier_ad")


@contextmanager
def triggers_suspended(conn: Connection) -> Iterator[None]:
    """Switch the index triggers off for the rest of ``conn``'s transaction block; the caller must index its rows
    with :func:`reindex_rows`. Other connections never see the switch (it is part of the uncommitted transaction),
    and a crash rolls it back with everything else."""
    conn.execute(text("UPDATE search_control SET triggers_enabled = 0"))
    try:
        yield
    finally:
        conn.execute(text("UPDATE search_control SET triggers_enabled = 1"))


def clear_indexes(conn: Connection) -> None:
    """Empty the three indexes (with every operator removed, under suspended triggers)."""
    for index in INDEXES:
        conn.execute(text(f"DELETE FROM {index}"))


RANGE = "o.search_rowid BETWEEN :first AND :last"

CHUNK_TABLE_DDL = """CREATE TEMP TABLE IF NOT EXISTS search_chunk
    (rowid INTEGER PRIMARY KEY, text TEXT, name TEXT, initials TEXT, other TEXT)"""
"""What the three indexes take from each operator of a range being indexed, worked out once (carriers included)."""


def reindex_rows(conn: Connection, first: int, last: int, helper: Executor | None = None) -> None:
    """(Re)build the index entries of operators whose ``search_rowid`` lies in ``first..last``.

    Each operator's texts are worked out once, into a temporary table the indexes are filled from by one statement
    each. The gram tokens of the whole range are made in one go (localdb/search_grams.py), not by one SQL function
    call per text; given a ``helper`` thread, they are made there while this thread fills the trigram indexes
    (SQLite's C code lets go of the GIL, so the two use two cores)."""
    bounds = {"first": first, "last": last}
    for index in INDEXES:
        conn.execute(text(f"DELETE FROM {index} WHERE rowid BETWEEN :first AND :last"), bounds)
    conn.exec_driver_sql(CHUNK_TABLE_DDL)
    conn.execute(
        text(
            f"""INSERT INTO temp.search_chunk SELECT o.search_rowid, {searchable_text("o")}, o.name,
            o.name_initials, {GRAMS_OTHER} FROM operator AS o WHERE {RANGE}"""
        ),
        bounds,
    )
    texts = conn.exec_driver_sql("SELECT rowid, name, other FROM temp.search_chunk").all()
    grams = helper.submit(_gram_rows, texts) if helper else None
    conn.exec_driver_sql("INSERT INTO operator_fts(rowid, text) SELECT rowid, text FROM temp.search_chunk")
    conn.exec_driver_sql(
        "INSERT INTO name_fts(rowid, name, initials) SELECT rowid, name, initials FROM temp.search_chunk"
    )
    _insert_grams(conn, grams.result() if grams else _gram_rows(texts))
    conn.exec_driver_sql("DELETE FROM temp.search_chunk")


def _gram_rows(texts: Sequence[tuple[int, str | None, str | None]]) -> list[tuple[int, str, str]]:
    """The gram index entries ``(search_rowid, name grams, other grams)`` of these operators
    ``(search_rowid, name, other fields)``."""
    if not texts:
        return []
    rowids, names, others = zip(*texts, strict=True)
    return list(zip(rowids, grams_of_many(names, 1), grams_of_many(others, 0), strict=True))


def _insert_grams(conn: Connection, rows: list[tuple[int, str, str]]) -> None:
    if rows:
        conn.exec_driver_sql("INSERT INTO operator_grams(rowid, name, other) VALUES (?, ?, ?)", rows)


FILL_STEP: Final = 20_000
"""Operators per step when filling the gram index from scratch (bounds the memory the token lists take)."""


def fill_grams(conn: Connection) -> None:
    """Index every operator in the (empty) gram index, range by range."""
    low, high = conn.exec_driver_sql("SELECT min(search_rowid), max(search_rowid) FROM operator").one()
    if low is None:
        return
    for first in range(int(low), int(high) + 1, FILL_STEP):
        sql = f"SELECT o.search_rowid, o.name, {GRAMS_OTHER} FROM operator AS o WHERE {RANGE}"
        texts = conn.execute(text(sql), {"first": first, "last": first + FILL_STEP - 1}).all()
        _insert_grams(conn, _gram_rows(texts))


def grams(text: str | None, with_latin: int = 0) -> str:
    """Space-separated distinct unigrams and bigrams of ``text``'s runs of CJK characters, letters and digits
    (lower-cased).

    With ``with_latin`` (names) every gram is kept, so "HP" finds 昆明HP电脑维修部. Otherwise (addresses, carriers)
    only grams containing a CJK character are kept — "9号" still finds 人民中路9号 — because pure digit and letter
    pairs of phone numbers, shop ids and URLs would bloat the index; longer terms use the trigram index anyway.
    """
    if not text:
        return ""
    tokens: dict[str, None] = {}
    for run in NAME_RUN.findall(text.lower()):
        cjk = [_is_cjk(char) for char in run]  # classified once per character: this runs for every indexed row
        for i, char in enumerate(run):
            if with_latin or cjk[i]:
                tokens[char] = None
            if i + 1 < len(run) and (with_latin or cjk[i] or cjk[i + 1]):
                tokens[run[i : i + 2]] = None
    return " ".join(tokens)


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u4dbf" or "\u4e00" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def is_short_gram(term: str) -> bool:
    """Whether ``term`` is one or two CJK characters, letters or digits: the queries the gram index answers
    (Latin ones in names only)."""
    return 1 <= len(term) <= 2 and NAME_RUN.fullmatch(term) is not None


def runs(values: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted runs of consecutive integers in ``values``, as (first, last) pairs."""
    out: list[tuple[int, int]] = []
    for value in sorted(set(values)):
        if out and value == out[-1][1] + 1:
            out[-1] = (out[-1][0], value)
        else:
            out.append((value, value))
    return out


def defer_indexing(conn: Connection, rowids: Iterable[int]) -> None:
    """Put the operators with these ``search_rowid`` in the backlog (in the caller's transaction), leaving out those
    it already holds: a pull's carriers name operators an earlier page of the run deferred, and a rowid in two
    ranges would be indexed twice."""
    pending = backlog(conn)
    starts = [first for first, _last in pending]
    ranges = runs(r for r in rowids if not _covered(r, pending, starts))
    if ranges:
        conn.exec_driver_sql("INSERT INTO search_backlog (first, last) VALUES (?, ?)", ranges)


def _covered(rowid: int, ranges: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether ``rowid`` lies in one of ``ranges`` (sorted by start, ``starts`` their first values)."""
    at = bisect_right(starts, rowid) - 1
    return at >= 0 and rowid <= ranges[at][1]


def defer_range(conn: Connection, first: int, last: int) -> None:
    """Put the operators with ``search_rowid`` in ``first..last`` in the backlog (in the caller's transaction)."""
    if first <= last:
        conn.exec_driver_sql("INSERT INTO search_backlog (first, last) VALUES (?, ?)", (first, last))


def backlog(conn: Connection) -> list[tuple[int, int]]:
    """The backlog's ranges, lowest first (usually none or one)."""
    rows = conn.exec_driver_sql("SELECT first, last FROM search_backlog ORDER BY first").all()
    return [(int(first), int(last)) for first, last in rows]


def backlog_size(conn: Connection) -> int:
    """How many rowids the backlog covers (ranges may overlap after a pull; they are indexed once each)."""
    return int(conn.exec_driver_sql("SELECT coalesce(sum(last - first + 1), 0) FROM search_backlog").scalar() or 0)


def index_backlog_step(conn: Connection, limit: int, helper: Executor | None = None) -> int:
    """Index up to ``limit`` rowids from the lowest backlog range and shrink it; returns how many were covered
    (``helper``: see :func:`reindex_rows`).

    Re-indexing is idempotent, so rows a trigger indexed meanwhile, or ranges that overlap, are simply done again."""
    row = conn.exec_driver_sql("SELECT rowid, first, last FROM search_backlog ORDER BY first LIMIT 1").first()
    if row is None:
        return 0
    range_id, first, last = int(row[0]), int(row[1]), int(row[2])
    end = min(last, first + limit - 1)
    reindex_rows(conn, first, end, helper)
    if end == last:
        conn.exec_driver_sql("DELETE FROM search_backlog WHERE rowid = ?", (range_id,))
    else:
        conn.exec_driver_sql("UPDATE search_backlog SET first = ? WHERE rowid = ?", (end + 1, range_id))
    return end - first + 1


def unindexed_text(operator: str) -> str:
    """SQL for what the indexes would hold for a backlog row, pinyin initials included: the search scans it."""
    return f"{searchable_text(operator)} || ' ' || {operator}.name_initials"
