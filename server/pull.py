"""Pull: the station's changes after an opaque cursor, in commit order, with tombstones; and verify.

A *run* is a series of pages from one resting cursor until ``has_more`` is false. The cursor carries:

* ``epoch`` — a cursor from another epoch (the database was restored or replaced) is refused with 410;
* ``pos`` — the last sequence number covered;
* ``since``/``high`` — where the run started and the newest sequence number committed when it started.

The change log keeps, per record, the row of its first appearance and the row of its latest change (see
server/changes.py). Every row is sent with the record's *current* state, so a record whose first row lies inside the
run (``first_seq > since``) was already sent complete when that row was read; its latest row is skipped if it was
committed before the run began (``seq <= high``). A change committed during the run has a larger number than
``high`` and is sent again. So an initial pull sends each record once, children never before their parents, and a
page plus its cursor is always a consistent snapshot (one read transaction).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, func, not_, select

from server.models import ChangeLog, ServerState, Station, StationDigest
from server.records import MODELS, select_wire, wire_rows
from sync.protocol import PULL_ENTITIES, format_checksum


class CursorError(ValueError):
    """The cursor is not one this server wrote."""


class ResyncRequired(Exception):
    """The cursor cannot be continued: the client must start over with an empty cursor (HTTP 410)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Cursor:
    epoch: str
    pos: int
    since: int = 0
    high: int = 0
    """0: a resting cursor (the next call starts a new run)."""

    def encode(self) -> str:
        text = f"c1:{self.epoch}:{self.pos}:{self.since}:{self.high}"
        return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, value: str) -> Cursor:
        try:
            text = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
            tag, epoch, pos, since, high = text.split(":")
            if tag != "c1" or not epoch:
                raise ValueError(tag)
            cursor = cls(epoch, int(pos), int(since), int(high))
        except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
            raise CursorError("the cursor is not one this server issued; start over with an empty cursor") from exc
        if min(cursor.pos, cursor.since, cursor.high) < 0:
            raise CursorError("the cursor is not one this server issued; start over with an empty cursor")
        return cursor


def server_state(conn: Connection) -> tuple[str, int]:
    """``(epoch, last change sequence number)`` as seen by this transaction."""
    row = conn.execute(select(ServerState.epoch, ServerState.change_seq).where(ServerState.id == 1)).one()
    return str(row.epoch), int(row.change_seq)


def pull_page(conn: Connection, station_id: str, cursor_text: str | None, limit: int) -> bytes:
    """One page as the JSON body of ``sync.protocol.PullResponse``; ``conn`` must be a read snapshot.

    The records' ``data`` objects come out of the database as JSON text (server/records.py) and are spliced in
    unparsed; only the envelope is encoded here.
    """
    epoch, head = server_state(conn)
    pruned = conn.scalar(select(Station.pruned_through).where(Station.id == station_id)) or 0
    if cursor_text:
        cursor = Cursor.decode(cursor_text)
        if cursor.epoch != epoch:
            raise ResyncRequired("the server database was replaced or restored from a backup (new epoch)")
        if cursor.pos > head:
            raise ResyncRequired("the cursor is ahead of the server: it was restored from an older backup")
        pos = cursor.pos
        since, high = (cursor.since, cursor.high) if cursor.high else (cursor.pos, head)
        # Deletions after the run's start were pruned: the client may hold records it will never hear are gone.
        # A run from nothing (since == 0) is exempt: that client held nothing.
        if 0 < since < pruned:
            raise ResyncRequired("the cursor is older than the server keeps deletions")
    else:
        pos, since, high = 0, 0, head
    already_sent = and_(ChangeLog.is_first.is_(False), ChangeLog.first_seq > since, ChangeLog.seq <= high)
    entries = conn.execute(
        select(ChangeLog.seq, ChangeLog.entity, ChangeLog.entity_id, ChangeLog.op)
        .where(ChangeLog.station_id == station_id, ChangeLog.seq > pos, not_(already_sent))
        .order_by(ChangeLog.seq)
        .limit(limit + 1)
    ).all()
    has_more = len(entries) > limit
    entries = entries[:limit]
    rows: dict[str, dict[str, tuple[str, int, bool, str]]] = {}
    if entries:
        in_page = and_(
            ChangeLog.station_id == station_id,
            ChangeLog.seq > pos,
            ChangeLog.seq <= entries[-1][0],
            not_(already_sent),
        )
        dialect = conn.dialect.name
        for entity in {entry[1] for entry in entries}:
            model = MODELS[entity]
            query = (
                select_wire(entity, dialect)
                .join(ChangeLog, ChangeLog.entity_id == model.id)
                .where(in_page, ChangeLog.entity == entity)
            )
            rows[entity] = wire_rows(conn, query)
    changes: list[str] = []
    seen: set[tuple[str, str]] = set()
    for _seq, entity, entity_id, op in entries:
        key = (entity, entity_id)
        if key in seen:  # both rows of a record on one page: its current state once is enough
            continue
        seen.add(key)
        found = rows[entity].get(entity_id)
        if found is None:
            continue  # cannot happen (records are never hard-deleted while logged); never send a half change
        row_station, version, deleted, data = found
        head_json = f'{{"entity":"{entity}","id":{json.dumps(entity_id)},'
        if op == "delete" or deleted or row_station != station_id:
            changes.append(f'{head_json}"op":"delete","version":{int(version)},"data":null}}')
        else:
            changes.append(f'{head_json}"op":"upsert","version":{int(version)},"data":{data}}}')
    # Mid-run the cursor keeps the run's bounds; at the end it rests at the head, and the next call starts a new run.
    next_cursor = Cursor(epoch, entries[-1][0], since, high) if has_more else Cursor(epoch, head)
    envelope = json.dumps(
        {"epoch": epoch, "cursor": next_cursor.encode(), "has_more": has_more, "position": next_cursor.pos}
    )
    return (envelope[:-1] + ',"changes":[' + ",".join(changes) + "]}").encode()


def station_position(conn: Connection, station_id: str) -> int:
    """The newest change sequence number in the station's slice (0 when it has none)."""
    return int(conn.scalar(select(func.max(ChangeLog.seq)).where(ChangeLog.station_id == station_id)) or 0)


def digests(conn: Connection, station_id: str) -> dict[str, dict[str, Any]]:
    """Per entity: live count and checksum of the station's slice, as verify reports them."""
    found = {
        row.entity: {"count": int(row.live), "checksum": row.checksum}
        for row in conn.execute(
            select(StationDigest.entity, StationDigest.count.label("live"), StationDigest.checksum).where(
                StationDigest.station_id == station_id
            )
        )
    }
    return {
        entity.value: found.get(entity.value, {"count": 0, "checksum": format_checksum(0)}) for entity in PULL_ENTITIES
    }
