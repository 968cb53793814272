"""Undoing the last import exactly.

Undo takes the newest import not yet undone (:mod:`app.ledger.commit` recorded it as an import batch with the ids
of the inserted rows and the raw before-image of every changed row), refuses when any of its rows was touched
afterwards (an audit entry after the import, a different ``updated_at``, a sync state, an outbox entry already
sent), deletes what it inserted, writes the before-images back column by column, re-indexes the affected operators
and marks the batch undone — one transaction, with audit entries of its own (the audit log is append-only: undo
adds to it, never removes).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from sqlalchemy import Connection

from app.i18n import QT_TRANSLATE_NOOP
from app.ledger import errors as err
from app.ledger.commit import Audit, audit_text, chunks, reindex_selected, select_rows
from app.ledger.errors import Translate, untranslated
from app.ledger.preview import CARRIER_COLUMNS, OPERATOR_COLUMNS
from app.progress import Progress
from app.records import Actor
from localdb.database import Database
from localdb.ids import expand_ids
from localdb.raw_rows import stored_datetime
from localdb.search_index import triggers_suspended

T_UNDO = QT_TRANSLATE_NOOP("Ledger", "Import of {file} undone")


@dataclass(frozen=True)
class UndoResult:
    batch_id: str
    file_name: str
    removed_operators: int
    restored_rows: int


@dataclass(frozen=True)
class LastImport:
    """The import undo would revert, as the UI shows it."""

    batch_id: str
    file_name: str
    sheet: str
    committed_at: str
    officer_name: str
    new: int
    changed: int


BATCH_COLUMNS: Final = (
    "id", "committed_at", "officer_name", "file_name", "sheet", "new_count", "changed_count", "inserted_operators",
    "inserted_carriers", "last_audit_id", "outbox_first", "outbox_last",
)  # fmt: skip


def _last_batch(conn: Connection) -> dict[str, Any] | None:
    row = conn.exec_driver_sql(
        f"SELECT {', '.join(BATCH_COLUMNS)} FROM import_batch WHERE undone_at IS NULL ORDER BY rowid DESC LIMIT 1"
    ).first()
    return dict(zip(BATCH_COLUMNS, row, strict=True)) if row is not None else None


def last_import(db: Database) -> LastImport | None:
    """The import :func:`undo_last_import` would revert, or ``None``."""
    with db.engine.connect() as conn:
        batch = _last_batch(conn)
        conn.rollback()
    if batch is None:
        return None
    return LastImport(
        batch["id"], batch["file_name"], batch["sheet"], str(batch["committed_at"])[:19], batch["officer_name"],
        int(batch["new_count"]), int(batch["changed_count"]),
    )  # fmt: skip


def undo_last_import(
    db: Database, actor: Actor | None, translate: Translate = untranslated, progress: Progress | None = None
) -> UndoResult:
    """Revert the newest import not yet undone, exactly; see the module documentation."""
    progress = progress or Progress.none()
    now = stored_datetime(datetime.now())
    with db.bulk_transaction() as conn:
        batch = _last_batch(conn)
        if batch is None:
            raise err.NothingToUndo()
        batch_id = batch["id"]
        imported_at = str(batch["committed_at"])
        inserted_operators = expand_ids(batch["inserted_operators"])
        inserted_carriers = expand_ids(batch["inserted_carriers"])
        befores: dict[tuple[str, str], dict[str, Any]] = {}
        for entity_type, entity_id, before in conn.exec_driver_sql(
            "SELECT entity_type, entity_id, before FROM import_batch_row WHERE batch_id = ?", (batch_id,)
        ):
            befores[(entity_type, entity_id)] = json.loads(before)
        progress.step(0, 4)
        current_ops = select_rows(
            conn, "operator", OPERATOR_COLUMNS, inserted_operators + [i for t, i in befores if t == "operator"]
        )
        current_carriers = select_rows(
            conn, "carrier", CARRIER_COLUMNS, inserted_carriers + [i for t, i in befores if t == "carrier"]
        )
        touched = _touched_since(
            conn, batch, imported_at, inserted_operators, inserted_carriers, befores, current_ops, current_carriers
        )
        touched += _sent_since(conn, batch)
        if touched:
            raise err.UndoBlocked(file=batch["file_name"], count=touched)
        progress.step(1, 4)
        reason = translate("Ledger", T_UNDO).format(file=batch["file_name"])
        audit = Audit(conn, actor, now)
        rowids = {current_ops[i]["search_rowid"] for i in inserted_operators}
        rowids |= {current_ops[i]["search_rowid"] for t, i in befores if t == "operator"}
        carrier_owners = {current_carriers[i]["operator_id"] for i in inserted_carriers}
        carrier_owners |= {befores[("carrier", i)]["operator_id"] for t, i in befores if t == "carrier"}
        owners = select_rows(conn, "operator", ("id", "search_rowid"), sorted(carrier_owners))
        rowids |= {int(r["search_rowid"]) for r in owners.values()}
        with triggers_suspended(conn):
            for chunk in chunks(inserted_carriers):
                conn.exec_driver_sql(f"DELETE FROM carrier WHERE id IN ({', '.join('?' * len(chunk))})", tuple(chunk))
            for carrier_id in inserted_carriers:
                audit.add(
                    "carrier", carrier_id, "delete", None, current_carriers[carrier_id]["shop_name"], None, reason
                )
            for chunk in chunks(inserted_operators):
                conn.exec_driver_sql(f"DELETE FROM operator WHERE id IN ({', '.join('?' * len(chunk))})", tuple(chunk))
            for operator_id in inserted_operators:
                audit.add("operator", operator_id, "delete", None, current_ops[operator_id]["name"], None, reason)
            progress.step(2, 4)
            for (entity_type, entity_id), before in befores.items():
                table, columns = (
                    ("operator", OPERATOR_COLUMNS) if entity_type == "operator" else ("carrier", CARRIER_COLUMNS)
                )
                current = (current_ops if entity_type == "operator" else current_carriers)[entity_id]
                conn.exec_driver_sql(
                    f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in columns if c != 'id')} WHERE id = ?",
                    (*(before[c] for c in columns if c != "id"), entity_id),
                )
                for column in columns:
                    if column in ("updated_at", "change_state", "name_initials") or current[column] == before[column]:
                        continue
                    audit.add(
                        entity_type, entity_id, "update", column, audit_text(column, current[column]),
                        audit_text(column, before[column]), reason,
                    )  # fmt: skip
            progress.step(3, 4)
            reindex_selected(conn, rowids)
            inserted_rowids = [int(current_ops[i]["search_rowid"]) for i in inserted_operators]
            if inserted_rowids:  # the import's backlog entry, if not indexed yet: those rows are gone
                conn.exec_driver_sql(
                    "DELETE FROM search_backlog WHERE first >= ? AND last <= ?",
                    (min(inserted_rowids), max(inserted_rowids)),
                )
        if batch["outbox_first"] is not None:  # none of them was sent (checked above): the server never saw them
            conn.exec_driver_sql(
                "DELETE FROM sync_outbox WHERE seq BETWEEN ? AND ?", (batch["outbox_first"], batch["outbox_last"])
            )
        audit.add("import_batch", batch_id, "undo", None, batch["file_name"], None, reason)
        audit.flush()
        conn.exec_driver_sql(
            "UPDATE import_batch SET undone_at = ?, undone_by = ? WHERE id = ?",
            (now, actor.name if actor else "", batch_id),
        )
        progress.step(4, 4)
    return UndoResult(batch_id, batch["file_name"], len(inserted_operators), len(befores))


def _sent_since(conn: Connection, batch: dict[str, Any]) -> int:
    """How many of the import's outbox entries a sync has already sent (undo cannot take those back)."""
    if batch["outbox_first"] is None:
        return 0
    return int(
        conn.exec_driver_sql(
            "SELECT count(*) FROM sync_outbox WHERE seq BETWEEN ? AND ? AND state != 'pending'",
            (batch["outbox_first"], batch["outbox_last"]),
        ).scalar()
        or 0
    )


def _touched_since(
    conn: Connection,
    batch: dict[str, Any],
    imported_at: str,
    inserted_operators: list[str],
    inserted_carriers: list[str],
    befores: dict[tuple[str, str], dict[str, Any]],
    current_ops: dict[str, dict[str, Any]],
    current_carriers: dict[str, dict[str, Any]],
) -> int:
    """How many of the import's rows were changed after it (or are gone): undo must not overwrite that."""
    touched: set[str] = set()
    for ids, current in ((inserted_operators, current_ops), (inserted_carriers, current_carriers)):
        for entity_id in ids:
            row = current.get(entity_id)
            if (
                row is None
                or row["deleted_at"] is not None
                or row["updated_at"] != imported_at
                or row["change_state"] != "new"
                or row["server_version"] is not None
            ):
                touched.add(entity_id)
    for (entity_type, entity_id), before in befores.items():
        row = (current_ops if entity_type == "operator" else current_carriers).get(entity_id)
        if row is None or row["updated_at"] != imported_at or row["server_version"] != before["server_version"]:
            touched.add(entity_id)
    all_ids = inserted_operators + inserted_carriers + [i for _t, i in befores]
    for chunk in chunks(all_ids):
        marks = ", ".join("?" * len(chunk))
        later = conn.exec_driver_sql(
            f"SELECT DISTINCT entity_id FROM audit_log WHERE id > ? AND entity_id IN ({marks})",
            (int(batch["last_audit_id"]), *chunk),
        ).scalars()
        touched.update(str(i) for i in later)
    return len(touched)
