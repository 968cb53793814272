"""The receipt of one sync as the officer keeps it: what was sent (per kind of record), accepted, refused and why,
what was received, whether this computer matches the server, and when.

The engine's :class:`sync.engine.Receipt` counts; this adds the time and the per-kind breakdown of what the run
answered, and is stored as JSON in the sync state so the last receipt survives a restart. The same lines feed the
page, the exported text file and the CLI.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any, Final

from app.i18n import QT_TRANSLATE_NOOP
from app.sync_text import Line, Translate, code_text, entity_text, render
from localdb.sync_models import APPLIED, REJECTED
from sync.engine import Receipt

TIME_FORMAT: Final = "%Y-%m-%d %H:%M:%S"
ENTITY_ORDER: Final = ("inspection", "evidence", "operator_proposal", "operator", "carrier")


def receipt_record(receipt: Receipt, answers: Sequence[dict[str, Any]], finished_at: datetime) -> dict[str, Any]:
    """The receipt as stored and exported: the engine's counts, the time, and per entity what was answered."""
    sent: dict[str, dict[str, int]] = {}
    for answer in answers:
        if answer["state"] in (APPLIED, REJECTED):
            counts = sent.setdefault(str(answer["entity"]), {"applied": 0, "rejected": 0})
            counts["applied" if answer["state"] == APPLIED else "rejected"] += 1
    record = asdict(receipt)
    record["finished_at"] = finished_at.isoformat(timespec="seconds")
    record["sent"] = dict(sorted(sent.items(), key=lambda item: _order(item[0])))
    return record


def _order(entity: str) -> tuple[int, str]:
    return (ENTITY_ORDER.index(entity) if entity in ENTITY_ORDER else len(ENTITY_ORDER), entity)


def receipt_lines(record: dict[str, Any]) -> list[Line]:
    """The receipt as translatable lines (context ``Sync``)."""
    finished = record.get("finished_at")
    when = datetime.fromisoformat(finished).strftime(TIME_FORMAT) if finished else ""
    lines: list[Line] = [
        (
            QT_TRANSLATE_NOOP("Sync", "Sync receipt, {time}: {server} ({station})."),
            {"time": when, "server": record["server"], "station": record["station"]},
        ),
        (
            QT_TRANSLATE_NOOP("Sync", "Sent: {pushed} changes ({applied} accepted, {rejected} refused)."),
            {"pushed": record["pushed"], "applied": record["applied"], "rejected": len(record["rejected"])},
        ),
    ]
    for entity, counts in record.get("sent", {}).items():
        lines.append(
            (
                QT_TRANSLATE_NOOP("Sync", "    {entity}: {applied} accepted, {rejected} refused"),
                {"entity": entity_text(entity), "applied": counts["applied"], "rejected": counts["rejected"]},
            )
        )
    lines += [
        (
            QT_TRANSLATE_NOOP("Sync", "Evidence files: {uploaded} uploaded ({mb:.1f} MB), {skipped} already there."),
            {
                "uploaded": record["blobs_uploaded"],
                "mb": record["blob_bytes"] / 1e6,
                "skipped": record["blobs_skipped"],
            },
        ),
        (
            QT_TRANSLATE_NOOP("Sync", "Received: {pulled} changes ({applied} applied)."),
            {"pulled": record["pulled_changes"], "applied": record["applied_changes"]},
        ),
        (
            QT_TRANSLATE_NOOP("Sync", "Traffic: {sent:.1f} KB sent, {received:.1f} KB received; {seconds:.1f} s."),
            {
                "sent": record["bytes_sent"] / 1e3,
                "received": record["bytes_received"] / 1e3,
                "seconds": record["seconds"],
            },
        ),
    ]
    if record.get("full_resync"):
        lines.append((QT_TRANSLATE_NOOP("Sync", "A full download from the server was done."), {}))
    if record.get("verified") is True:
        lines.append((QT_TRANSLATE_NOOP("Sync", "Checked: this computer matches the server."), {}))
    elif record.get("verified") is False:
        lines.append((QT_TRANSLATE_NOOP("Sync", "Check failed: this computer differs from the server."), {}))
    else:
        lines.append(
            (QT_TRANSLATE_NOOP("Sync", "Not checked: the server changed during the sync; the next sync checks."), {})
        )
    for rejection in record["rejected"]:
        lines.append(
            (
                QT_TRANSLATE_NOOP("Sync", "Refused: {entity} {id}: {meaning} ({reason})"),
                {
                    "entity": entity_text(rejection["entity"]),
                    "id": str(rejection["id"])[:8],
                    "meaning": code_text(rejection["code"]),
                    "reason": rejection["reason"],
                },
            )
        )
    if record.get("missing_blobs"):
        lines.append(
            (
                QT_TRANSLATE_NOOP("Sync", "Evidence files missing on this computer: {count}."),
                {"count": len(record["missing_blobs"])},
            )
        )
    return lines


def receipt_text(record: dict[str, Any], translate: Translate) -> str:
    """The receipt as the readable text shown on the page and saved to a file."""
    return "\n".join(render(receipt_lines(record), translate)) + "\n"
