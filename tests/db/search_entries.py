"""What the search indexes hold, compared by the search tests: every (term, rowid, column) of each index."""

from __future__ import annotations

from localdb.database import Database
from localdb.search_index import INDEXES

Postings = dict[str, list[tuple[str, int, str | None]]]


def postings(db: Database) -> Postings:
    """Every (term, rowid, column) of each index (what the searches match against), read through ``fts5vocab``."""
    found: Postings = {}
    with db.engine.connect() as conn:
        for index in INDEXES:
            conn.exec_driver_sql(f"CREATE VIRTUAL TABLE temp.vocab_{index} USING fts5vocab(main, {index}, instance)")
            rows = conn.exec_driver_sql(
                f"SELECT DISTINCT term, doc, col FROM temp.vocab_{index} ORDER BY term, doc, col"
            ).all()
            found[index] = [(str(term), int(doc), col) for term, doc, col in rows]
        conn.rollback()
    return found
