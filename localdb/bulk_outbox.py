"""Outbox entries for rows a bulk writer just created, built by SQLite from the stored rows.

A ledger import creates up to 100,000 operators and their carriers in one transaction, and each needs its outbox
entry (an ``operator_proposal``/``propose`` of kind ``create``, a ``carrier``/``upsert``). Building those payloads
in Python — a dict per row, a JSON dump per row — cost more than inserting the rows. Here the same payloads are
rendered as one ``INSERT … SELECT`` per table with SQLite's JSON functions, from the field lists of
localdb/sync_capture.py (the one definition of what a mutation carries; a property test checks that both renderings
give the same JSON). The import leaves them to the outbox backlog, which calls these at seqs it reserved
(localdb/outbox_backlog.py).

Key for key the payload is what :func:`localdb.sync_capture.operator_mutations` / ``carrier_mutations`` produce for
a new record: fields whose value is NULL are left out, flags become JSON booleans, dates stay ISO text as stored.
The JSON text is concatenated from ``json_quote``-d values (``concat_ws`` skips the NULL members), keys in sorted
order as ``sync_capture.dumps`` writes them: ``json_object`` keeps null members, and dropping them with
``json_patch('{}', …)`` parsed every payload again, a fifth of the statement's time.
"""

from __future__ import annotations

from typing import Final

from sqlalchemy import Boolean, Connection
from sqlalchemy.sql import FromClause

from localdb.ids import IdRun
from localdb.models import Carrier, Operator
from localdb.sync_capture import CARRIER_FIELDS, OPERATOR_PROVINCE, OPERATOR_STATION
from localdb.sync_models import PENDING

OPERATOR_CREATE_FIELDS: Final = tuple(sorted(OPERATOR_PROVINCE | OPERATOR_STATION))


def _member(table: FromClause, alias: str, name: str) -> str:
    """SQL for one field's ``"name":value`` JSON text, NULL when the value is NULL (flags, stored 0/1, as JSON
    booleans)."""
    column = f"{alias}.{name}"
    if isinstance(table.columns[name].type, Boolean):
        return f"""CASE WHEN {column} IS NULL THEN NULL WHEN {column} THEN '"{name}":true' ELSE '"{name}":false' END"""
    return f"""CASE WHEN {column} IS NOT NULL THEN '"{name}":' || json_quote({column}) END"""


def _fields(table: FromClause, alias: str, names: tuple[str, ...]) -> str:
    """SQL for the JSON object text of the non-null ``names``, keys sorted (as ``sync_capture.dumps`` writes them)."""
    members = ", ".join(_member(table, alias, name) for name in sorted(names))
    return f"'{{' || concat_ws(',', {members}) || '}}'"


def _insert(entity: str, op: str, rowid: str, entity_id: str, payload: str, source: str) -> str:
    """The statement; its parameters: the first seq, the first rowid, ``created_at``, the first and last rowid."""
    return (
        "INSERT INTO sync_outbox (seq, entity, entity_id, op, base_version, payload, created_at, state)"
        f" SELECT ? + ({rowid} - ?), '{entity}', {entity_id}, '{op}', NULL, {payload}, ?, '{PENDING}' {source}"
    )


def add_created_operators(conn: Connection, first_rowid: int, last_rowid: int, created_at: str, first_seq: int) -> None:
    """Write a create proposal for each operator with ``search_rowid`` in ``first_rowid..last_rowid``, the first at
    seq ``first_seq`` and the others after it in rowid order (seqs reserved by localdb/outbox_backlog.py)."""
    proposals = IdRun.fresh()  # proposal ids, ascending like the rows
    payload = (
        """'{"base_values":{},"fields":' || """
        f"{_fields(Operator.__table__, 'o', OPERATOR_CREATE_FIELDS)}"
        """ || ',"identifier_override":' || json_quote(o.identifier_override) || ',"kind":"create","operator_id":'"""
        """ || json_quote(o.id) || ',"reason":""}'"""
    )
    source = "FROM operator AS o WHERE o.search_rowid BETWEEN ? AND ? ORDER BY o.search_rowid"
    sql = _insert("operator_proposal", "propose", "o.search_rowid", proposals.sql("o.search_rowid"), payload, source)
    conn.exec_driver_sql(sql, (first_seq, first_rowid, created_at, first_rowid, last_rowid))


def add_created_carriers(conn: Connection, first_rowid: int, last_rowid: int, created_at: str, first_seq: int) -> None:
    """Write an upsert for each carrier with ``rowid`` in ``first_rowid..last_rowid``, from seq ``first_seq`` on."""
    payload = _fields(Carrier.__table__, "c", CARRIER_FIELDS)
    source = "FROM carrier AS c WHERE c.rowid BETWEEN ? AND ? ORDER BY c.rowid"
    sql = _insert("carrier", "upsert", "c.rowid", "c.id", payload, source)
    conn.exec_driver_sql(sql, (first_seq, first_rowid, created_at, first_rowid, last_rowid))
