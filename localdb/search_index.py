"""The search indexes: what text goes into them, the triggers that keep them current, and bulk reindexing.

Three FTS5 tables, keyed by ``operator.search_rowid``:
- ``operator_fts`` (trigram, ``detail=none``): every searchable field of the operator and its carriers in one
  column, answering ``LIKE '%…%'`` for terms of three or more characters;
- ``name_fts`` (trigram): names and their pinyin initials alone, for the "name contains" tier;
- ``operator_grams`` (unicode61): every CJK character and adjacent pair as a token, because officers also type one
  or two characters (a surname, "滇南"), which a trigram index cannot look up and a scan answers in hundreds of
  milliseconds. ``sd_grams`` builds those tokens; every connection registers it (localdb/engine.py).

Triggers keep the indexes current for row-by-row writes. Bulk loaders (demo data, imports) switch the triggers
off inside their own transaction (:func:`triggers_suspended`) and index their rows with one set-based statement per
batch (:func:`reindex_rows`): FTS5 flushes its buffer at every statement savepoint, so indexing 100,000 rows
through per-row triggers is many times slower. Changing the SQL here needs a migration that recreates the triggers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""CJK ideographs (extension A, unified, compatibility)."""
CJK_RUN = re.compile(f"[{CJK}]+")
NAME_RUN = re.compile(f"[{CJK}A-Za-z0-9]+")
"""In names, Latin letters and digits count too (昆明HP电脑维修部: "HP" is a two-character query)."""

SQL_FUNCTION = "sd_grams"

CARRIER_TEXT = """(SELECT coalesce(group_concat(c.shop_name || ' ' || c.shop_id || ' ' || c.url || ' ' || c.icp_filing,
    ' '), '') FROM carrier AS c WHERE c.operator_id = o.id AND c.deleted_at IS NULL)"""

INDEXES = ("operator_fts", "name_fts", "operator_grams")

CREATE_TABLES = [
    "CREATE TABLE search_control (id INTEGER PRIMARY KEY CHECK (id = 1), triggers_enabled INTEGER NOT NULL)",
    "INSERT INTO search_control VALUES (1, 1)",
    "CREATE VIRTUAL TABLE operator_fts USING fts5(text, tokenize = 'trigram', detail = none)",
    "CREATE VIRTUAL TABLE name_fts USING fts5(name, initials, tokenize = 'trigram', detail = none)",
    "CREATE VIRTUAL TABLE operator_grams USING fts5(name, other, tokenize = 'unicode61', detail = column)",
]


def _index_statements(selector: str) -> list[str]:
    """INSERT … SELECT statements filling the three indexes for the operators ``o`` matching ``selector``."""
    return [
        f"""INSERT INTO operator_fts(rowid, text)
            SELECT o.search_rowid, o.name || ' ' || o.identifier || ' ' || o.legal_representative || ' ' ||
                o.registered_address || ' ' || o.business_address || ' ' || o.phone || ' ' || {CARRIER_TEXT}
            FROM operator AS o WHERE {selector}""",
        f"""INSERT INTO name_fts(rowid, name, initials)
            SELECT o.search_rowid, o.name, o.name_initials FROM operator AS o WHERE {selector}""",
        f"""INSERT INTO operator_grams(rowid, name, other)
            SELECT o.search_rowid, {SQL_FUNCTION}(o.name, 1), {SQL_FUNCTION}(o.legal_representative || ' ' ||
                o.registered_address || ' ' || o.business_address || ' ' || {CARRIER_TEXT}, 0)
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


def reindex_rows(conn: Connection, first: int, last: int) -> None:
    """(Re)build the index entries of operators whose ``search_rowid`` lies in ``first..last``."""
    for index in INDEXES:
        conn.execute(text(f"DELETE FROM {index} WHERE rowid BETWEEN :first AND :last"), {"first": first, "last": last})
    for statement in _index_statements("o.search_rowid BETWEEN :first AND :last"):
        conn.execute(text(statement), {"first": first, "last": last})


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
