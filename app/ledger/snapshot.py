"""The register as the dry run sees it: every live operator read once, indexed for matching, carriers on demand.

A ledger is matched against the whole register, so the register is read in one query (only the columns the preview
compares, as the plain tuples the database returns); a row becomes a dict only when the preview asks for it, so a
small ledger checked against a big register builds few of them. The :class:`StateMark` taken with it lets the commit
refuse when the register changed since.
"""

from __future__ import annotations

from collections import abc, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import Connection

from app.ledger.fields import CARRIER_FIELDS, OPERATOR_FIELDS
from app.vocab import SubjectType

SNAPSHOT_OPERATOR: Final = ("id", *OPERATOR_FIELDS, "identifier_override")
"""The operator columns the preview compares and matches (not the bookkeeping ones)."""
SNAPSHOT_AT: Final = {name: index for index, name in enumerate(SNAPSHOT_OPERATOR) if name in OPERATOR_FIELDS}
"""Operator field → its place in a snapshot row."""
SNAPSHOT_CARRIER: Final = ("id", "operator_id", *CARRIER_FIELDS)
CARRIER_AT: Final = {name: index for index, name in enumerate(SNAPSHOT_CARRIER)}
"""Carrier column → its place in a snapshot carrier row."""


@dataclass(frozen=True)
class StateMark:
    """What the register looked like when the preview was made; a commit refuses when it differs."""

    last_audit_id: int
    operators: int
    carriers: int
    operator_updated: str | None
    carrier_updated: str | None
    pull_cursor: str | None = None
    """Where the last pull stopped: pulled changes keep the rows' local ``updated_at`` and write no audit entry."""
    # Rows not deleted. The end of a full pull deletes what the server no longer has after the cursor moved and
    # leaves the row counts as they are; the live counts tell, whatever the deleted rows' ``updated_at``.
    live_operators: int = 0
    live_carriers: int = 0


class Records(abc.Mapping[str, dict[str, Any]]):
    """Register rows by id, kept as the tuples the database returned; a row becomes a dict (column → raw value)
    when it is asked for, so a small ledger checked against a big register builds few of them."""

    def __init__(self, columns: tuple[str, ...], rows: dict[str, tuple[Any, ...]]) -> None:
        self._columns = columns
        self._rows = rows
        self._records: dict[str, dict[str, Any]] = {}

    def row(self, key: str) -> tuple[Any, ...]:
        """The raw row of ``key``, in the order of the columns."""
        return self._rows[key]

    def __getitem__(self, key: str) -> dict[str, Any]:
        found = self._records.get(key)
        if found is None:
            found = self._records[key] = dict(zip(self._columns, self._rows[key], strict=True))
        return found

    def __contains__(self, key: object) -> bool:
        return key in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


@dataclass
class Snapshot:
    """The live operators (raw rows), indexed by code and by name + phone; their carriers on demand."""

    operators: Records
    by_identifier: dict[str, list[str]]
    by_person: dict[tuple[str, str], list[str]]
    mark: StateMark
    station_id: str
    _conn: Connection | None = None
    _carriers: dict[str, list[tuple[Any, ...]]] | None = None

    def carrier_rows(self, operator_id: str) -> tuple[tuple[Any, ...], ...]:
        """The live carriers of ``operator_id`` as the database returned them (columns: :data:`SNAPSHOT_CARRIER`);
        a tuple, as the snapshot's own rows must not be changed."""
        carriers = self._carriers if self._carriers is not None else self._read_carriers()
        return tuple(carriers.get(operator_id, ()))

    def detach(self) -> None:
        """Read the carriers now and let go of the connection, for a snapshot kept after its read transaction."""
        if self._carriers is None:
            self._read_carriers()
        self._conn = None

    def _read_carriers(self) -> dict[str, list[tuple[Any, ...]]]:
        self._carriers = defaultdict(list)
        if self.operators and self._conn is not None:
            sql = f"SELECT {', '.join(SNAPSHOT_CARRIER)} FROM carrier WHERE deleted_at IS NULL"
            owner = SNAPSHOT_CARRIER.index("operator_id")
            for row in self._conn.exec_driver_sql(sql).cursor.fetchall():
                self._carriers[row[owner]].append(row)
        return self._carriers


def read_mark(conn: Connection) -> StateMark:
    row = conn.exec_driver_sql(
        "SELECT (SELECT coalesce(max(id), 0) FROM audit_log), (SELECT count(*) FROM operator),"
        " (SELECT count(*) FROM carrier), (SELECT max(updated_at) FROM operator),"
        " (SELECT max(updated_at) FROM carrier), (SELECT cursor FROM sync_state WHERE id = 1),"
        " (SELECT count(*) FROM operator WHERE deleted_at IS NULL),"
        " (SELECT count(*) FROM carrier WHERE deleted_at IS NULL)"
    ).one()
    return StateMark(int(row[0]), int(row[1]), int(row[2]), row[3], row[4], row[5], int(row[6]), int(row[7]))


def phones_of(phone: str) -> list[str]:
    return [p.strip() for p in str(phone or "").split(";") if p.strip()]


def person_name(name: str) -> str:
    return "".join(str(name).split())


def load_snapshot(conn: Connection) -> Snapshot:
    """Read the live register (one query; raw values) and index it for matching."""
    station = conn.exec_driver_sql("SELECT id FROM station LIMIT 1").scalar()
    rows: dict[str, tuple[Any, ...]] = {}
    by_identifier: dict[str, list[str]] = defaultdict(list)
    by_person: dict[tuple[str, str], list[str]] = defaultdict(list)
    sql = f"SELECT {', '.join(SNAPSHOT_OPERATOR)} FROM operator WHERE deleted_at IS NULL"
    at = {name: index for index, name in enumerate(SNAPSHOT_OPERATOR)}
    id_at, identifier_at, subject_at, name_at, phone_at = (
        at[k] for k in ("id", "identifier", "subject_type", "name", "phone")
    )
    people = (SubjectType.NATURAL_PERSON, SubjectType.OTHER)
    for row in conn.exec_driver_sql(sql).cursor.fetchall():  # plain tuples: this reads the whole register
        operator_id, identifier = row[id_at], row[identifier_at]
        rows[operator_id] = row
        if identifier:
            by_identifier[identifier].append(operator_id)
        if row[subject_at] in people or not identifier:
            name = person_name(row[name_at])
            phones = phones_of(row[phone_at])
            for phone in phones:
                by_person[(name, phone)].append(operator_id)
            if not phones and not identifier:
                by_person[(name, "")].append(operator_id)
    operators = Records(SNAPSHOT_OPERATOR, rows)
    return Snapshot(operators, by_identifier, by_person, read_mark(conn), str(station or ""), conn)
