"""The change log and the station digests: written together with every change, in the same transaction.

Commit order. Pull hands out changes by sequence number, and a cursor says "I have everything up to N". That is
only true if no transaction can commit a number smaller than one a reader has already seen. With a database
sequence (PostgreSQL ``SERIAL``/``IDENTITY``) it is false: transaction A takes 41, B takes 42, B commits, a client
pulls through 42, then A commits 41 — and that client never sees it. So numbers come from one counter row,
``server_state.change_seq``, bumped with ``UPDATE … RETURNING`` as the *last* statement before commit: the row lock
is held until commit, so the next writer gets its numbers only after this one is visible, and numbers become
visible in increasing order. On SQLite the single write lock (``BEGIN IMMEDIATE``) already serialises writers; the
same code works there. The lock is held only from the flush to the commit, a few statements.

Compaction. Per station and record the log keeps the row of the record's first appearance (so a carrier can never
reach a client before its operator: the operator appeared first) and the row of its latest change; older rows are
deleted as newer ones are written. See server/pull.py for how a pull run avoids sending a record twice.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import BigInteger, Connection, and_, bindparam, delete, insert, select, update

from server.models import Base, ChangeLog, ServerState, StationDigest, utcnow
from sync.protocol import PULL_ENTITIES, format_checksum, record_digest

Kind = Literal["create", "update", "refirst", "delete"]


@dataclass(frozen=True)
class _Change:
    station_id: str
    entity: str
    entity_id: str
    kind: Kind
    old_version: int | None
    new_version: int
    fresh: bool = False


class Changes:
    """The changes of one transaction; call :meth:`flush` once, just before the commit."""

    def __init__(self) -> None:
        self._items: list[_Change] = []

    def __len__(self) -> int:
        return len(self._items)

    def created(self, station_id: str, entity: str, entity_id: str, version: int, *, fresh: bool = False) -> None:
        """A record entered the station's slice; ``fresh``: it was just inserted, so it has no log rows yet."""
        self._items.append(_Change(station_id, entity, entity_id, "create", None, version, fresh))

    def updated(
        self, station_id: str, entity: str, entity_id: str, old_version: int, new_version: int, *, refirst: bool = False
    ) -> None:
        """A live record of the station's slice changed.

        ``refirst``: it now refers to a different parent (a carrier moved to another operator), which may have
        appeared in the log after the record did; the record's first row moves to now, so that a client pulling
        from an older cursor still receives the parent first.
        """
        kind: Kind = "refirst" if refirst else "update"
        self._items.append(_Change(station_id, entity, entity_id, kind, old_version, new_version))

    def deleted(self, station_id: str, entity: str, entity_id: str, old_version: int, new_version: int) -> None:
        """A record was deleted (soft) or left the station's slice: a tombstone for that station."""
        self._items.append(_Change(station_id, entity, entity_id, "delete", old_version, new_version))

    def flush(self, conn: Connection, *, all_new: bool = False) -> int:
        """Number the changes, write the log rows and the digests; returns the last sequence number (0: none).

        ``all_new`` (bulk loaders): every change is a creation of a record never seen before, so there are no old
        log rows to look up or remove.
        """
        if not self._items:
            return 0
        items, self._items = self._items, []
        last = allocate(conn, len(items))
        first = last - len(items) + 1
        now = utcnow()
        # Rows of this flush by record, so a record changed twice in one transaction still gets one first row
        # and one latest row, exactly as if the changes had been flushed one by one.
        pending: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        for offset, change in enumerate(items):
            seq = first_seq = first + offset
            record = (change.station_id, change.entity, change.entity_id)
            earlier = pending.get(record)
            if change.kind in ("create", "refirst"):
                if earlier is not None:
                    earlier.clear()
                if not (all_new or change.fresh):
                    conn.execute(_DELETE_RECORD, _key(change))
            elif earlier:
                first_seq = earlier[0]["first_seq"]
                earlier[:] = [row for row in earlier if row["is_first"]]
            else:
                key = _key(change)
                found = conn.scalar(_FIRST_ROW, key)
                conn.execute(_DELETE_LATER_ROWS, key)
                if found is not None:
                    first_seq = found
            pending.setdefault(record, []).append(
                {
                    "seq": seq,
                    "station_id": change.station_id,
                    "entity": change.entity,
                    "entity_id": change.entity_id,
                    "op": "delete" if change.kind == "delete" else "upsert",
                    "is_first": first_seq == seq,
                    "first_seq": first_seq,
                    "committed_at": now,
                }
            )
        rows = sorted((row for group in pending.values() for row in group), key=lambda row: row["seq"])
        conn.execute(_INSERT_ROWS, rows)
        _update_digests(conn, items)
        return last


# Statements of the write path, built once: a push applies thousands of mutations, and constructing SQLAlchemy
# statements anew for each costs more than executing them.
_LOG_TABLE = Base.metadata.tables[ChangeLog.__tablename__]
_STATE_TABLE = Base.metadata.tables[ServerState.__tablename__]
_DIGEST_TABLE = Base.metadata.tables[StationDigest.__tablename__]
_LOG = _LOG_TABLE.c
_RECORD = and_(
    _LOG.station_id == bindparam("k_station"),
    _LOG.entity == bindparam("k_entity"),
    _LOG.entity_id == bindparam("k_id"),
)
_DELETE_RECORD = delete(_LOG_TABLE).where(_RECORD)
_FIRST_ROW = select(_LOG.seq).where(_RECORD, _LOG.is_first.is_(True))
_DELETE_LATER_ROWS = delete(_LOG_TABLE).where(_RECORD, _LOG.is_first.is_(False))
_INSERT_ROWS = insert(_LOG_TABLE)
_STATE = _STATE_TABLE.c
_ALLOCATE = (
    update(_STATE_TABLE)
    .where(_STATE.id == 1)
    .values(change_seq=_STATE.change_seq + bindparam("n_numbers", type_=BigInteger))
    .returning(_STATE.change_seq)
)
_DIGEST = _DIGEST_TABLE.c
_DIGEST_KEY = and_(_DIGEST.station_id == bindparam("k_station"), _DIGEST.entity == bindparam("k_entity"))
_READ_DIGEST = select(_DIGEST.count, _DIGEST.checksum).where(_DIGEST_KEY).with_for_update()
_WRITE_DIGEST = (
    update(_DIGEST_TABLE)
    .where(_DIGEST_KEY)
    .values(count=bindparam("n_live", type_=BigInteger), checksum=bindparam("x_checksum"))
)


def _key(change: _Change) -> dict[str, str]:
    return {"k_station": change.station_id, "k_entity": change.entity, "k_id": change.entity_id}


def allocate(conn: Connection, count: int) -> int:
    """Take ``count`` sequence numbers; the counter row stays locked until this transaction ends."""
    return int(conn.execute(_ALLOCATE, {"n_numbers": count}).scalar_one())


def _update_digests(conn: Connection, items: list[_Change]) -> None:
    deltas: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for change in items:
        delta = deltas[(change.station_id, change.entity)]
        if change.old_version is not None:
            delta[1] ^= record_digest(change.entity_id, change.old_version)
        if change.kind == "create":
            delta[0] += 1
        if change.kind == "delete":
            delta[0] -= 1
        else:
            delta[1] ^= record_digest(change.entity_id, change.new_version)
    for (station_id, entity), (count, xor) in sorted(deltas.items()):
        key = {"k_station": station_id, "k_entity": entity}
        row = conn.execute(_READ_DIGEST, key).one_or_none()
        if row is None:
            conn.execute(
                insert(StationDigest).values(
                    station_id=station_id, entity=entity, count=count, checksum=format_checksum(xor)
                )
            )
            continue
        live, stored = int(row[0]), str(row[1])
        conn.execute(
            _WRITE_DIGEST, {**key, "n_live": live + count, "x_checksum": format_checksum(int(stored, 16) ^ xor)}
        )


def create_digests(conn: Connection, station_id: str) -> None:
    """Empty digest rows for a new station (so concurrent first changes never race to insert them)."""
    conn.execute(
        insert(StationDigest),
        [
            {"station_id": station_id, "entity": entity.value, "count": 0, "checksum": format_checksum(0)}
            for entity in PULL_ENTITIES
        ],
    )
