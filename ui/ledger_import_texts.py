"""What the import wizard says about the preview: the name of each result, field labels, and one line per item
listing its changes, new carriers and problems (shared by the preview table and the wizard's pages)."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QCoreApplication

from app.i18n import QT_TRANSLATE_NOOP
from app.ledger.fields import FIELD_LABELS
from app.ledger.preview import FieldChange, PreviewItem, Status
from app.ledger.reader import column_letter

translate = QCoreApplication.translate
CONTEXT: Final = "LedgerImport"

STATUS_LABELS: Final = {
    Status.NEW: QT_TRANSLATE_NOOP("LedgerImport", "New"),
    Status.CHANGED: QT_TRANSLATE_NOOP("LedgerImport", "Changed"),
    Status.UNCHANGED: QT_TRANSLATE_NOOP("LedgerImport", "Unchanged"),
    Status.CONFLICT: QT_TRANSLATE_NOOP("LedgerImport", "Conflict"),
    Status.REJECTED: QT_TRANSLATE_NOOP("LedgerImport", "Rejected"),
}


def status_label(status: Status) -> str:
    return translate(CONTEXT, STATUS_LABELS[status])


def field_label(key: str) -> str:
    return translate("LedgerField", FIELD_LABELS.get(key, key))


def change_text(changes: list[FieldChange]) -> str:
    parts = []
    for change in changes:
        before = "" if change.before is None else str(change.before)
        after = "" if change.after is None else str(change.after)
        parts.append(
            translate("LedgerImport", "{field}: {before} \u2192 {after}").format(
                field=field_label(change.field if change.field in FIELD_LABELS else f"carrier.{change.field}"),
                before=before or translate("LedgerImport", "(empty)"),
                after=after or translate("LedgerImport", "(empty)"),
            )
        )
    return "; ".join(parts)


def item_details(item: PreviewItem) -> str:
    """What the preview says about one item: its changes, new carriers, problems."""
    parts: list[str] = []
    if item.changes:
        parts.append(change_text(item.changes))
    added = [p.label for p in item.carriers if p.carrier_id is None]
    changed = [p for p in item.carriers if p.carrier_id is not None]
    if added and item.status is Status.CHANGED:
        parts.append(
            translate("LedgerImport", "new carriers: {names}").format(names="、".join(a or "?" for a in added))
        )
    for plan in changed:
        parts.append(plan.label + " " + change_text(plan.changes))
    for issue in item.issues:
        column = "" if issue.column is None else f"[{column_letter(issue.column)}] "
        parts.append(column + issue.finding.render(translate))
    return "; ".join(p for p in parts if p)
