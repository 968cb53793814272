"""Known failures of the inspection services.

Refusals of user input are :class:`app.errors.ValidationFailed` with findings (the form shows them next to the
field); the subclasses here let the UI tell a few situations apart. Nothing is written when one is raised.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.errors import AppError, ValidationFailed
from app.inspections import findings as f
from app.validation import Finding


class RecordFinalized(ValidationFailed):
    """The record is finalized (read-only); a correction is an amendment."""

    def __init__(self, inspection_id: str) -> None:
        super().__init__([f.error("record", "record.finalized", f.T_FINALIZED)])
        self.inspection_id = inspection_id


class RecordDiscarded(ValidationFailed):
    """The draft was discarded."""

    def __init__(self, inspection_id: str) -> None:
        super().__init__([f.error("record", "record.discarded", f.T_DISCARDED)])
        self.inspection_id = inspection_id


class EvidenceUnavailable(AppError):
    """An evidence file is missing from evidence.db or its bytes no longer match their hashes.

    ``finding`` says which, in words the user can act on; the rest of the record is unaffected.
    """

    def __init__(self, evidence_id: str, kind: str, finding: Finding) -> None:
        super().__init__(f"evidence {evidence_id}: {kind}")
        self.evidence_id = evidence_id
        self.kind = kind
        self.finding = finding


class TemplateError(AppError):
    """A checklist template document is malformed, or a known version changed without a new version number."""

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        super().__init__(f"{source}: " + "; ".join(problems))
        self.source = source
        self.problems = list(problems)
