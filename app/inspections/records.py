"""The inspection record service the form and the list use: create a draft, autosave every field change, list and
show records, discard drafts.

Its parts live beside it, one job each: starting and discarding drafts (app/inspections/drafts.py), saving a draft
field by field (app/inspections/autosave.py, which says what "saved" guarantees), reading records
(app/inspections/record_queries.py) and the rules a draft is checked against (app/inspections/draft_rules.py).
Finalizing and amending are app/inspections/finalize.py.
"""

from __future__ import annotations

from app.inspections.autosave import DraftAutosave
from app.inspections.drafts import DraftLifecycle
from app.inspections.record_queries import RecordQueries
from localdb.database import Database


class InspectionService(DraftLifecycle, DraftAutosave, RecordQueries):
    """The inspection record form and list."""

    def __init__(self, db: Database) -> None:
        self._db = db
