"""How each entity's rows look on the wire (``Change.data`` in pull): columns, and date/JSON conversion.

Internal bookkeeping (writer device, timestamps of registry rows, deletion reasons of province rows) stays on the
server; documents (proposals, inspections, evidence) carry their server timestamps because the station shows them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ColumnElement,
    Connection,
    DateTime,
    Select,
    Text,
    case,
    cast,
    func,
    literal_column,
    select,
    type_coerce,
)

from server.models import Carrier, Evidence, Inspection, License, Operator, Proposal
from sync.protocol import Entity

MODELS: dict[str, type[Operator | Carrier | License | Proposal | Inspection | Evidence]] = {
    Entity.OPERATOR: Operator,
    Entity.CARRIER: Carrier,
    Entity.LICENSE: License,
    Entity.OPERATOR_PROPOSAL: Proposal,
    Entity.INSPECTION: Inspection,
    Entity.EVIDENCE: Evidence,
}

_WIRE_COLUMNS: dict[str, tuple[str, ...]] = {
    Entity.OPERATOR: (
        "id",
        "origin",
        "subject_type",
        "identifier_type",
        "identifier",
        "identifier_override",
        "name",
        "legal_representative",
        "registered_address",
        "business_address",
        "phone",
        "business_scope",
        "founded_on",
        "registration_status",
        "registering_authority",
        "credit_class",
        "abnormal_listed",
        "abnormal_reason",
        "abnormal_date",
        "serious_violation",
        "serious_violation_reason",
        "serious_violation_date",
        "notes",
    ),
    Entity.CARRIER: (
        "id",
        "operator_id",
        "origin",
        "kind",
        "platform",
        "shop_name",
        "shop_id",
        "url",
        "icp_filing",
        "license_display",
        "first_seen",
        "last_verified",
        "status",
    ),
    Entity.LICENSE: ("id", "operator_id", "kind", "number", "issuer", "valid_from", "valid_until"),
    Entity.OPERATOR_PROPOSAL: (
        "id",
        "kind",
        "operator_id",
        "base_version",
        "fields",
        "base_values",
        "reason",
        "identifier_override",
        "status",
        "decision_reason",
        "decided_at",
        "created_at",
    ),
    Entity.INSPECTION: (
        "id",
        "status",
        "amends",
        "operator_id",
        "payload",
        "finalized_at",
        "created_at",
        "updated_at",
        "rectification",
    ),
    Entity.EVIDENCE: (
        "id",
        "inspection_id",
        "sha256",
        "size",
        "media_type",
        "filename",
        "captured_at",
        "source_url",
        "sm3",
        "meta",
    ),
}
_RENAMED = {"meta": "metadata"}
"""Wire names that differ from column names (``metadata`` is reserved by SQLAlchemy's declarative base)."""


def wire_value(value: Any) -> Any:
    """A column value as JSON: dates ISO, timestamps ISO UTC with ``Z``."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds") + "Z"
    if isinstance(value, date):
        return value.isoformat()
    return value


def parse_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _json_value(column: ColumnElement[Any], dialect: str) -> ColumnElement[Any]:
    """One column as the database's JSON builder should see it (bools, JSON documents and timestamps need help)."""
    kind = column.type
    if dialect == "sqlite":
        if isinstance(kind, Boolean):
            return func.json(case((column.is_(None), None), (column, "true"), else_="false"))
        if isinstance(kind, JSON):
            return func.json(column)
        if isinstance(kind, DateTime):
            return func.strftime("%Y-%m-%dT%H:%M:%SZ", column)
        return column  # dates are stored as YYYY-MM-DD text already
    if isinstance(kind, DateTime):
        return func.to_char(column, literal_column('\'YYYY-MM-DD"T"HH24:MI:SS"Z"\''))
    return column


def wire_json(entity: str, dialect: str) -> ColumnElement[str]:
    """An expression producing the record's wire ``data`` as JSON text, built by the database itself.

    Pull sends hundreds of thousands of rows on a first sync; letting SQLite's ``json_object`` / PostgreSQL's
    ``json_build_object`` write them is several times faster than loading rows into Python and encoding them.
    Dates stay ``YYYY-MM-DD`` (SQLite stores them so; PostgreSQL renders dates so), timestamps become ISO UTC ``Z``.
    """
    model = MODELS[entity]
    arguments: list[Any] = []
    for name in _WIRE_COLUMNS[entity]:
        key = _RENAMED.get(name, name)
        arguments.append(literal_column(f"'{key}'"))  # our own constant names: no quoting issue
        arguments.append(_json_value(getattr(model, name), dialect))
    if dialect == "sqlite":
        return type_coerce(func.json_object(*arguments), Text)
    return cast(func.json_build_object(*arguments), Text)  # json → text, so the driver does not parse it


def select_wire(entity: str, dialect: str) -> Select[str, str, int, datetime | None, str]:
    """``SELECT id, station_id, version, deleted_at, <data as JSON text> FROM <entity>`` (add joins and filters)."""
    model = MODELS[entity]
    return select(model.id, model.station_id, model.version, model.deleted_at, wire_json(entity, dialect))


def wire_rows(
    conn: Connection, query: Select[str, str, int, datetime | None, str]
) -> dict[str, tuple[str, int, bool, str]]:
    """Run a :func:`select_wire` query: ``id -> (station_id, version, deleted, data JSON text)``."""
    return {row[0]: (row[1], row[2], row[3] is not None, row[4]) for row in conn.execute(query).all()}
