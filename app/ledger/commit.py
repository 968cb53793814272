"""Writing a preview in one transaction, and remembering the column mapping confirmed for a header layout.

The commit first checks that the register is still as the preview saw it (:class:`app.ledger.snapshot.StateMark`);
otherwise it writes nothing (:class:`app.ledger.errors.PreviewOutdated`). Then, in one transaction: new operators
and their carriers go in by batches with the search triggers suspended, with time-ordered ids, their outbox entries
left to the outbox backlog (localdb/outbox_backlog.py) and their search entries to the search backlog
(localdb/search_index.py), both written just after the commit;
changed operators and carriers are updated and re-indexed; every change gets an audit entry naming the file, sheet
and row; and an import batch records the ids of the inserted rows and the raw before-image of every changed row,
which is what :mod:`app.ledger.undo` needs to revert it exactly. A cancel or any failure rolls all of it back.

The row-level helpers that undo writes with too (:class:`Audit`, :func:`select_rows`, :func:`chunks`,
:func:`reindex_selected`, :func:`audit_text`) live here, once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from operator import itemgetter
from typing import Any, ClassVar, Final

import orjson
from sqlalchemy import Connection

from app.i18n import QT_TRANSLATE_NOOP
from app.ledger import errors as err
from app.ledger.errors import Translate, untranslated
from app.ledger.preview import (
    CARRIER_COLUMNS,
    OPERATOR_COLUMNS,
    CarrierPlan,
    Preview,
    PreviewItem,
    Status,
    from_raw,
    to_raw,
)
from app.ledger.snapshot import read_mark
from app.progress import Progress
from app.records import Actor
from localdb.bulk_indexes import indexes_rebuilt, worth_rebuilding
from localdb.database import Database
from localdb.ids import IdRun, new_uuid
from localdb.outbox_backlog import reserve
from localdb.raw_rows import stored_datetime
from localdb.search_index import INDEXES, _index_statements, defer_range, triggers_suspended
from localdb.sync_capture import Mutation, carrier_mutations, operator_mutations, write_outbox

BATCH: Final = 2_000
IN_CHUNK: Final = 500
MAX_JSON_CHARS: Final = 32_000_000
"""Longest JSON array one statement reads (at most 128 MB of UTF-8, far below SQLite's 1 GB limit on a value): a
batch of rows with huge cells is split until its array fits."""
AUDIT_COLUMNS: Final = "at, officer_id, officer_name, entity_type, entity_id, action, field, before, after, reason"

T_REASON = QT_TRANSLATE_NOOP("Ledger", "Imported from {file}, sheet {sheet}, row {rows}")
T_OVERRIDE = QT_TRANSLATE_NOOP(
    "Ledger",
    "Imported from {file}, sheet {sheet}, row {rows}: the code is kept as the ledger prints it although its check "
    "character does not match",
)
T_BATCH = QT_TRANSLATE_NOOP(
    "Ledger", "Import of {file} (sheet {sheet}): {new} new, {changed} changed, {unchanged} unchanged"
)


@dataclass(frozen=True)
class CommitResult:
    batch_id: str
    new: int
    changed: int
    carriers_added: int
    audit_entries: int


def chunks(values: Sequence[Any], size: int = IN_CHUNK) -> Iterator[Sequence[Any]]:
    """``values`` in slices small enough for one ``IN (...)`` list of SQL parameters."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def reindex_selected(conn: Connection, rowids: Iterable[int]) -> None:
    """Rebuild the search entries of the operators with these search rowids, set-wise (they are scattered, and
    ``reindex_rows`` takes ranges). Operators that no longer exist just lose their entries."""
    wanted = sorted(set(rowids))
    if not wanted:
        return
    conn.exec_driver_sql("CREATE TEMP TABLE IF NOT EXISTS ledger_reindex (rowid INTEGER PRIMARY KEY)")
    conn.exec_driver_sql("DELETE FROM temp.ledger_reindex")
    conn.exec_driver_sql("INSERT INTO temp.ledger_reindex (rowid) VALUES (?)", [(r,) for r in wanted])
    for index in INDEXES:
        conn.exec_driver_sql(f"DELETE FROM {index} WHERE rowid IN (SELECT rowid FROM temp.ledger_reindex)")
    for statement in _index_statements("o.search_rowid IN (SELECT rowid FROM temp.ledger_reindex)"):
        conn.exec_driver_sql(statement)
    conn.exec_driver_sql("DELETE FROM temp.ledger_reindex")


def audit_text(field: str, raw: Any) -> str | None:
    """An audit before/after value in the form RegistryService writes it (是/否 for flags, ISO dates)."""
    value = from_raw(field, raw)
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def select_rows(conn: Connection, table: str, columns: Sequence[str], ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The raw ``columns`` of the rows of ``table`` with these ids, by id (missing ids are simply absent)."""
    rows: dict[str, dict[str, Any]] = {}
    for chunk in chunks(ids):
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT {', '.join(columns)} FROM {table} WHERE id IN ({marks})"
        for row in conn.exec_driver_sql(sql, tuple(chunk)):
            record = dict(zip(columns, row, strict=True))
            rows[record["id"]] = record
    return rows


class Audit:
    """Collects audit rows and writes them in batches."""

    FLUSH_AT: ClassVar[int] = BATCH * 4
    SQL: Final = f"INSERT INTO audit_log ({AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

    def __init__(self, conn: Connection, actor: Actor | None, at: str) -> None:
        self.conn = conn
        self.officer_id = actor.officer_id if actor and actor.officer_id else None
        self.officer_name = actor.name if actor else ""
        self.at = at
        self.rows: list[tuple[Any, ...]] = []
        self.written = 0

    def add(
        self,
        entity_type: str,
        entity_id: str,
        action: str,
        field: str | None,
        before: str | None,
        after: str | None,
        reason: str | None,
    ) -> None:
        self.rows.append(
            (self.at, self.officer_id, self.officer_name, entity_type, entity_id, action, field, before, after, reason)
        )
        if len(self.rows) >= self.FLUSH_AT:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.conn.exec_driver_sql(self.SQL, self.rows)
            self.written += len(self.rows)
            self.rows = []


def _insert(conn: Connection, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    if rows:
        marks = ", ".join("?" * len(columns))
        conn.exec_driver_sql(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def _created_here(now: str) -> dict[str, Any]:
    """The sync bookkeeping of a row the station creates (not yet known to the server)."""
    return {
        "origin": "station",
        "server_version": None,
        "change_state": "new",
        "created_at": now,
        "updated_at": now,
        "deleted_at": None,
        "deleted_reason": None,
    }


OPERATOR_VALUES: Final = tuple(c for c in OPERATOR_COLUMNS if c not in {"id", "search_rowid", "station_id",
    "identifier_override", *_created_here("")})  # fmt: skip
OPERATOR_INSERT: Final = ("id", "search_rowid", "station_id", "identifier_override", *_created_here(""),
    *OPERATOR_VALUES)  # fmt: skip
operator_values: Final = itemgetter(*OPERATOR_VALUES)
"""A new operator's values in the order of ``OPERATOR_VALUES``, picked in C rather than by a comprehension per row."""
CARRIER_VALUES: Final = tuple(c for c in CARRIER_COLUMNS if c not in {"id", "operator_id", *_created_here("")})
CARRIER_INSERT: Final = ("id", "operator_id", *_created_here(""), *CARRIER_VALUES)


def _rows_json(rows: list[list[Any]]) -> str:
    """The rows as one JSON array (orjson: 3–4× faster than the standard library's encoder on these rows).

    orjson writes a ``date`` as ``YYYY-MM-DD``, the form SQLite stores; the parser turns every date cell into a
    ``date`` (never a ``datetime``, which orjson would write with its time). Flags are JSON booleans, which ``->>``
    reads back as 1/0, and the rest is text, numbers or null."""
    return orjson.dumps(rows).decode()


def _from_json(table: str, columns: Sequence[str], exprs: Sequence[str], values: Sequence[str], first: int) -> str:
    """``INSERT … SELECT`` of one row per element of the JSON array ``:rows``: ``exprs`` for the leading columns,
    then ``values`` read from the element's positions ``first``, ``first + 1``, …"""
    reads = [f"value ->> {first + at}" for at in range(len(values))]
    return f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join([*exprs, *reads])} FROM jsonb_each(:rows)"


CREATED: Final = tuple(f":{name}" for name in _created_here(""))


def _audit_creates(entity: str, entity_id: str, after: int, rows: int) -> str:
    """``INSERT … SELECT`` of an audit "create" entry per element of the JSON array ``:rows``: ``entity_id`` is the
    SQL of the row's id, ``after`` and ``rows`` the element's positions of the value shown and of the ledger rows,
    which the reason names between ``:reason_head`` and ``:reason_tail``."""
    return (
        f"INSERT INTO audit_log ({AUDIT_COLUMNS}) SELECT :at, :officer_id, :officer_name, '{entity}', {entity_id},"
        f" 'create', NULL, NULL, value ->> {after}, :reason_head || (value ->> {rows}) || :reason_tail"
        " FROM jsonb_each(:rows)"
    )


class _NewRows:
    """The SQL that writes a batch of new operators and carriers, and their audit entries, from JSON arrays.

    Python only lists each row's values (orjson renders them in native code); SQLite reads them with ``jsonb_each``
    and numbers the ids from the runs. An operator element is ``[override reason, ledger rows, *OPERATOR_VALUES]``
    (its place in the import gives its ids), a carrier element ``[operator's place, label, ledger rows,
    *CARRIER_VALUES]``; the audit reason around the ledger rows is the same for all (:meth:`_Writer.reason_parts`).
    Binding the same rows as parameters cost twice as much (a parameter at a time)."""

    def __init__(self, operator_ids: IdRun, carrier_ids: IdRun) -> None:
        self.operator_ids, self.carrier_ids = operator_ids, carrier_ids
        operator_id = operator_ids.sql(":base + key")
        carrier_id = carrier_ids.sql(":carrier_base + key")
        self.operators = _from_json(
            "operator", OPERATOR_INSERT, [operator_id, ":base + key + 1", ":station_id", "value ->> 0", *CREATED],
            OPERATOR_VALUES, 2,
        )  # fmt: skip
        self.carriers = _from_json(
            "carrier", CARRIER_INSERT, [carrier_id, operator_ids.sql("value ->> 0"), *CREATED], CARRIER_VALUES, 3
        )
        self.operator_audit = _audit_creates("operator", operator_id, after=2 + OPERATOR_VALUES.index("name"), rows=1)
        self.carrier_audit = _audit_creates("carrier", carrier_id, after=1, rows=2)


def _carrier_row(
    values: dict[str, Any], carrier_id: str, operator_id: str, created: tuple[Any, ...]
) -> tuple[Any, ...]:
    """A carrier row in the order of ``CARRIER_INSERT`` (for carriers added to operators already registered)."""
    return (carrier_id, operator_id, *created, *(to_raw(values.get(name)) for name in CARRIER_VALUES))


def _new_carrier(values: dict[str, Any], carrier_id: str, operator_id: str) -> dict[str, Any]:
    """A carrier the import creates, as the outbox capture reads records."""
    return {**values, "id": carrier_id, "operator_id": operator_id, "origin": "station", "server_version": None}


def _as_record(raw_row: dict[str, Any], changed: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the record after the change, the old values of the changed fields) from a raw before-image and the changed
    python values: the outbox capture compares python values, as the ORM holds them."""
    before = {name: from_raw(name, raw) for name, raw in raw_row.items()}
    return {**before, **changed}, {name: before[name] for name in changed}


def _rows_text(item: PreviewItem) -> str:
    """The ledger rows of ``item`` for an audit reason: the first ten, then an ellipsis."""
    if len(item.rows) == 1:
        return str(item.rows[0])
    return "、".join(str(r) for r in item.rows[:10]) + ("…" if len(item.rows) > 10 else "")


def commit_preview(
    db: Database,
    preview: Preview,
    actor: Actor | None,
    translate: Translate = untranslated,
    progress: Progress | None = None,
) -> CommitResult:
    """Write ``preview`` (its new and changed items) in one transaction; see the module documentation."""
    progress = progress or Progress.none()
    new_items = [i for i in preview.items if i.status is Status.NEW]
    changed_items = [i for i in preview.items if i.status is Status.CHANGED]
    writer = _Writer(preview, actor, translate, progress, len(new_items) + len(changed_items) + 1)
    with db.bulk_transaction(defer_checkpoint=True) as conn:
        if read_mark(conn) != preview.mark:
            raise err.PreviewOutdated(file=preview.file_name)
        writer.start(conn)
        writer.insert_new(new_items)
        writer.update_changed(changed_items)
        writer.reserve_outbox()
        writer.finish()
    return CommitResult(
        writer.batch_id, len(new_items), len(changed_items), writer.carriers_added, writer.audit.written
    )


class _Writer:
    """The steps of one commit, sharing the connection, the time stamp, the batch and the audit buffer."""

    def __init__(
        self, preview: Preview, actor: Actor | None, translate: Translate, progress: Progress, total: int
    ) -> None:
        self.preview = preview
        self.actor = actor
        self.translate = translate
        self.progress = progress
        self.total = total
        self.done = 0
        self.now = stored_datetime(datetime.now())
        self.created = tuple(_created_here(self.now).values())
        self.batch_id = new_uuid()
        self.inserted_operators: list[str] = []
        """Ids and spans of ids (:meth:`localdb.ids.IdRun.span`) of the operators inserted, for undo."""
        self.inserted_carriers: list[str] = []
        self.run_carriers = 0
        """Carriers numbered from the import's carrier run so far."""
        self.carriers_added = 0
        self.outbox_first: int | None = None
        self.outbox_last: int | None = None
        self._deferred_outbox: list[tuple[str, int, int]] = []
        self._conn: Connection | None = None
        self._templates: dict[str, str] = {}
        self._updates: dict[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]] = {}
        self.audit: Audit

    @property
    def conn(self) -> Connection:
        assert self._conn is not None
        return self._conn

    def start(self, conn: Connection) -> None:
        self._conn = conn
        self.audit = Audit(conn, self.actor, self.now)
        conn.exec_driver_sql(
            "INSERT INTO import_batch (id, committed_at, officer_id, officer_name, file_name, file_sha256, sheet,"
            " layout_hash, new_count, changed_count, unchanged_count, conflict_count, rejected_count, warning_count,"
            " inserted_operators, inserted_carriers, last_audit_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 0, '', '', 0)",
            (
                self.batch_id, self.now, self.audit.officer_id, self.audit.officer_name, self.preview.file_name,
                self.preview.file_sha256, self.preview.sheet, self.preview.layout_hash,
            ),
        )  # fmt: skip
        self.progress.step(0, self.total)

    def _translated(self, template: str) -> str:
        """``template`` in the officer's language, translated once per commit."""
        translated = self._templates.get(template)
        if translated is None:
            translated = self._templates[template] = self.translate("Ledger", template)
        return translated

    def reason(self, item: PreviewItem, template: str = T_REASON) -> str:
        """The audit reason naming the file, sheet and rows of ``item``."""
        return self._translated(template).format(
            file=self.preview.file_name, sheet=self.preview.sheet, rows=_rows_text(item)
        )

    @cached_property
    def reason_parts(self) -> tuple[str, str]:
        """The audit reason of a new row before and after its ledger rows, which SQLite puts between them (a
        format per row was a tenth of the commit's Python); the same for every batch of the commit."""
        head, _rows, tail = self._translated(T_REASON).partition("{rows}")
        names = {"file": self.preview.file_name, "sheet": self.preview.sheet}
        return head.format(**names), tail.format(**names)

    def insert_new(self, items: list[PreviewItem]) -> None:
        """New operators with their carriers; their outbox entries are left to the outbox backlog
        (localdb/outbox_backlog.py, see :meth:`reserve_outbox`) and their search entries to the search backlog
        (localdb/search_index.py); into a mostly empty register the secondary indexes are rebuilt once.

        The ids come from time-ordered runs (localdb/ids.py), the rows and their audit entries are read by SQLite
        from one JSON array per batch (:class:`_NewRows`): per row, Python only lists the values."""
        if not items:
            return
        conn = self.conn
        first_rowid = int(conn.exec_driver_sql("SELECT coalesce(max(search_rowid), 0) FROM operator").scalar() or 0)
        first_carrier = int(conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM carrier").scalar() or 0) + 1
        rebuild = worth_rebuilding(conn, "operator", len(items))
        sql = _NewRows(IdRun.fresh(), IdRun.fresh())
        with triggers_suspended(conn), indexes_rebuilt(conn, ("operator", "carrier")) if rebuild else nullcontext():
            for start in range(0, len(items), BATCH):
                self._insert_batch(items[start : start + BATCH], first_rowid + start, sql)
        last_carrier = int(conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM carrier").scalar() or 0)
        self._deferred_outbox = [("operator", first_rowid + 1, first_rowid + len(items))]
        if first_carrier <= last_carrier:
            self._deferred_outbox.append(("carrier", first_carrier, last_carrier))
        defer_range(conn, first_rowid + 1, first_rowid + len(items))

    def _insert_batch(self, chunk: list[PreviewItem], base: int, sql: _NewRows) -> None:
        """One batch of new operators (search rowids ``base + 1`` on) with their carriers and audit entries; halved
        while its JSON is longer than ``MAX_JSON_CHARS``."""
        operators: list[list[Any]] = []
        carriers: list[list[Any]] = []
        overrides: list[tuple[int, str, str]] = []
        for offset, item in enumerate(chunk, start=base):
            rows = item.rows[0] if len(item.rows) == 1 else _rows_text(item)
            override = self.reason(item, T_OVERRIDE) if item.override else None
            values = item.values
            operators.append([override, rows, *operator_values(values)])
            if override:
                overrides.append((offset, values["identifier"], override))
            for plan in item.carriers:
                carriers.append([offset, plan.label or None, rows, *[plan.values.get(n) for n in CARRIER_VALUES]])
        operators_json, carriers_json = _rows_json(operators), _rows_json(carriers)
        if len(chunk) > 1 and max(len(operators_json), len(carriers_json)) > MAX_JSON_CHARS:
            half = len(chunk) // 2
            self._insert_batch(chunk[:half], base, sql)
            self._insert_batch(chunk[half:], base + half, sql)
            return
        carrier_base = self.run_carriers
        audit = self.audit
        head, tail = self.reason_parts
        common = {"station_id": self.preview.station_id, **_created_here(self.now), "base": base,
            "carrier_base": carrier_base, "at": audit.at, "officer_id": audit.officer_id,
            "officer_name": audit.officer_name, "reason_head": head, "reason_tail": tail}  # fmt: skip
        if operators:
            self._write_json((sql.operators, sql.operator_audit), operators_json, common)
        if carriers:
            self._write_json((sql.carriers, sql.carrier_audit), carriers_json, common)
        for offset, identifier, override in overrides:  # after the creates, whenever the audit buffer flushes
            audit.add("operator", sql.operator_ids.at(offset), "override", "identifier", None, identifier, override)
        self.inserted_operators.append(sql.operator_ids.span(base, len(chunk)))
        if carriers:
            self.inserted_carriers.append(sql.carrier_ids.span(carrier_base, len(carriers)))
        self.run_carriers += len(carriers)
        audit.written += len(operators) + len(carriers)
        self.carriers_added += len(carriers)
        self.done += len(chunk)
        self.progress.step(self.done, self.total)

    def _write_json(self, statements: tuple[str, ...], rows_json: str, common: dict[str, Any]) -> None:
        """Run ``statements`` over one JSON array of rows. The text is turned into SQLite's binary JSON once, by
        its own statement: each ``jsonb_each(:rows)`` would otherwise parse the text again."""
        rows = self.conn.exec_driver_sql("SELECT jsonb(?)", (rows_json,)).scalar()
        for statement in statements:
            self.conn.exec_driver_sql(statement, {**common, "rows": rows})

    def outbox(self, mutations: list[Mutation]) -> None:
        """Append the mutations to the outbox and remember the seq range for undo."""
        if not mutations:
            return
        write_outbox(self.conn, mutations, self.now)
        last = int(self.conn.exec_driver_sql("SELECT max(seq) FROM sync_outbox").scalar() or 0)
        self.outbox_first = self.outbox_first or last - len(mutations) + 1
        self.outbox_last = last

    def reserve_outbox(self) -> None:
        """Reserve the seqs of the new rows' outbox entries, left to the outbox backlog. Last of all the outbox
        writes: no entry may ever sit above seqs still waiting to be written (a sync would send it first, and the
        server refuses a seq lower than one it has seen), and every later writer writes the backlog first."""
        for entity, first, last in self._deferred_outbox:
            first_seq, self.outbox_last = reserve(self.conn, entity, first, last, self.now)
            self.outbox_first = self.outbox_first or first_seq

    def update_changed(self, items: list[PreviewItem]) -> None:
        """Changed operators and carriers: before-images first, then the updates (triggers re-index each)."""
        if not items:
            return
        conn = self.conn
        operator_ids = [i.operator_id for i in items if i.values and i.operator_id]
        befores = select_rows(conn, "operator", OPERATOR_COLUMNS, operator_ids)
        carrier_ids = [p.carrier_id for i in items for p in i.carriers if p.carrier_id]
        carrier_befores = select_rows(conn, "carrier", CARRIER_COLUMNS, carrier_ids)
        images = [
            (self.batch_id, entity, entity_id, json.dumps(record, ensure_ascii=False))
            for entity, rows in (("operator", befores), ("carrier", carrier_befores))
            for entity_id, record in rows.items()
        ]
        _insert(conn, "import_batch_row", ("batch_id", "entity_type", "entity_id", "before"), images)
        touched = select_rows(conn, "operator", ("id", "search_rowid"), [i.operator_id for i in items if i.operator_id])
        with triggers_suspended(conn):
            new_carriers: list[tuple[Any, ...]] = []
            changes: list[Mutation] = []
            for item in items:
                assert item.operator_id is not None
                reason = self.reason(item)
                if item.values:
                    changes += self._update_operator(item, befores[item.operator_id], reason)
                for plan in item.carriers:
                    if plan.carrier_id is None:
                        carrier_id = new_uuid()
                        new_carriers.append(_carrier_row(plan.values, carrier_id, item.operator_id, self.created))
                        changes += carrier_mutations(_new_carrier(plan.values, carrier_id, item.operator_id), True, {})
                        self.inserted_carriers.append(carrier_id)
                        self.audit.add("carrier", carrier_id, "create", None, None, plan.label or None, reason)
                    else:
                        changes += self._update_carrier(plan, carrier_befores[plan.carrier_id], reason)
                self.done += 1
                if self.done % 500 == 0:
                    self.progress.step(self.done, self.total)
            self._write_updates()
            _insert(conn, "carrier", CARRIER_INSERT, new_carriers)
            self.outbox(changes)
            self.carriers_added += len(new_carriers)
            reindex_selected(conn, [int(r["search_rowid"]) for r in touched.values()])

    def _update_operator(self, item: PreviewItem, before: dict[str, Any], reason: str) -> list[Mutation]:
        """Update one operator with its audit entries; returns its outbox mutations."""
        assert item.operator_id is not None
        sets = {name: to_raw(value) for name, value in item.values.items()}
        override = self.reason(item, T_OVERRIDE) if item.override else None
        if item.override:
            sets["identifier_override"] = override
        elif item.clear_override:
            sets["identifier_override"] = None
        sets["updated_at"] = self.now
        if before["change_state"] == "synced":
            sets["change_state"] = "modified"
        self._update("operator", item.operator_id, sets)
        for change in item.changes:
            self.audit.add(
                "operator", item.operator_id, "update", change.field, audit_text(change.field, change.before),
                audit_text(change.field, change.after), reason,
            )  # fmt: skip
        if item.override:
            identifier = str(item.values.get("identifier", before["identifier"]))
            self.audit.add("operator", item.operator_id, "override", "identifier", None, identifier, override)
        record, old = _as_record(before, item.values)
        if "identifier_override" in sets:
            record["identifier_override"] = sets["identifier_override"]
        return operator_mutations(record, False, old)

    def _update_carrier(self, plan: CarrierPlan, before: dict[str, Any], reason: str) -> list[Mutation]:
        """Update one carrier with its audit entries; returns its outbox mutations."""
        assert plan.carrier_id is not None
        sets = {name: to_raw(value) for name, value in plan.values.items()}
        sets["updated_at"] = self.now
        if before["change_state"] == "synced":
            sets["change_state"] = "modified"
        self._update("carrier", plan.carrier_id, sets)
        for change in plan.changes:
            self.audit.add(
                "carrier", plan.carrier_id, "update", change.field, audit_text(change.field, change.before),
                audit_text(change.field, change.after), reason,
            )  # fmt: skip
        record, old = _as_record(before, plan.values)
        return carrier_mutations(record, False, old)

    def _update(self, table: str, entity_id: str, sets: dict[str, Any]) -> None:
        """Queue the update of one row; rows setting the same columns are written together by
        :meth:`_write_updates` (next month's ledger changes thousands of rows, most of them in the same field)."""
        columns = tuple(sets)
        self._updates.setdefault((table, columns), []).append((*(sets[c] for c in columns), entity_id))

    def _write_updates(self) -> None:
        """Write the queued updates: one ``executemany`` per table and set of columns."""
        for (table, columns), rows in self._updates.items():
            sql = f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?"
            self.conn.exec_driver_sql(sql, rows)
        self._updates.clear()

    def finish(self) -> None:
        assert not self._updates, "queued updates must be written before the batch is recorded"
        preview, conn = self.preview, self.conn
        counts = preview.counts()
        summary = self.translate("Ledger", T_BATCH).format(
            file=preview.file_name, sheet=preview.sheet, new=counts.new, changed=counts.changed,
            unchanged=counts.unchanged,
        )  # fmt: skip
        self.audit.add("import_batch", self.batch_id, "create", None, None, preview.file_name, summary)
        self.audit.flush()
        last_audit = int(conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM audit_log").scalar() or 0)
        conn.exec_driver_sql(
            "UPDATE import_batch SET new_count = ?, changed_count = ?, unchanged_count = ?, conflict_count = ?,"
            " rejected_count = ?, warning_count = ?, inserted_operators = ?, inserted_carriers = ?, last_audit_id = ?,"
            " outbox_first = ?, outbox_last = ? WHERE id = ?",
            (
                counts.new, counts.changed, counts.unchanged, counts.conflicts, counts.rejected, counts.warnings,
                "\n".join(self.inserted_operators), "\n".join(self.inserted_carriers), last_audit,
                self.outbox_first, self.outbox_last, self.batch_id,
            ),
        )  # fmt: skip
        remember_mapping(conn, preview.layout_hash, preview.labels, preview.mapping, self.now)
        self.progress.step(self.total, self.total)


def remember_mapping(conn: Connection, layout: str, labels: list[str], mapping: dict[int, str], now: str) -> None:
    """Store (or replace) the mapping confirmed for this header layout."""
    conn.exec_driver_sql(
        "INSERT INTO import_mapping (layout_hash, headers, mapping, updated_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (layout_hash) DO UPDATE SET headers = excluded.headers, mapping = excluded.mapping,"
        " updated_at = excluded.updated_at",
        (
            layout,
            json.dumps(labels, ensure_ascii=False),
            json.dumps({str(c): k for c, k in sorted(mapping.items())}, ensure_ascii=False),
            now,
        ),
    )


def remembered_mapping(conn: Connection, layout: str) -> dict[int, str] | None:
    """The mapping confirmed earlier for this header layout, if any."""
    raw = conn.exec_driver_sql("SELECT mapping FROM import_mapping WHERE layout_hash = ?", (layout,)).scalar()
    if raw is None:
        return None
    try:
        return {int(c): str(k) for c, k in json.loads(raw).items()}
    except (ValueError, AttributeError):
        return None
