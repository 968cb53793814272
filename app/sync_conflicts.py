"""The conflict view's use cases: proposals and changes the province did not take, field by field, and what the
officer does about them (discard, or edit and propose again).

Listed, newest first:

* **refused** — an outbox entry the server rejected at push (``code`` and ``reason`` from the server);
* **declined** — a registry correction proposal the province rejected later (pulled, with its ``decision_reason``);
* **stale** — a proposal still pending whose operator the province changed since (the province's accept refuses it
  unless forced), so the officer should look again.

Each shows the station's value beside the province's current one. The province's value of an operator field is
not kept as such on this computer (a station edit of a province field changes the local row at once, as an
optimistic proposal); it is known when the row is as last pulled (``change_state == "synced"``), or else from the
``base_values`` of the first proposal written since that pull (the value before that edit is the pulled one).

The register itself already holds the province's values again: the sync puts them back when it records a refused
proposal or pulls a rejected one (localdb/proposal_revert.py), so the station's values live on only here, for
editing and proposing again. Discarding writes one audit entry (``sync_conflict`` / ``discard``) — the list hides
what has one. For a rejection an older version of this program recorded, discarding (or proposing again) does the
same revert the sync does, with the officer and reason in the audit entries; it is not a station change and does
not go into the outbox.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import audit
from app.errors import NotFound
from app.pinyin import name_initials
from app.records import Actor
from localdb.database import Database
from localdb.models import AuditLog
from localdb.proposal_revert import Officer, revert_rejected
from localdb.sync_capture import APPLYING, jsonable
from localdb.sync_models import REJECTED
from localdb.sync_store import LocalSyncStore

REFUSED: Final = "refused"
DECLINED: Final = "declined"
STALE: Final = "stale"
AUDIT_ENTITY: Final = "sync_conflict"
DISCARD: Final = "discard"
PROPOSAL: Final = "operator_proposal"
TITLE_FIELDS: Final = {"operator": ("name",), "carrier": ("shop_name", "url", "shop_id")}


@dataclass(frozen=True)
class FieldDiff:
    """One field: what the station sent, and the province's current value (``known`` False: not in the register
    or not known here)."""

    field: str
    proposed: Any
    current: Any
    known: bool


@dataclass(frozen=True)
class Conflict:
    """One listed item. ``key`` identifies it for discarding: the proposal's id, else ``seq:<outbox seq>``."""

    key: str
    state: str
    entity: str
    record_id: str
    operator_id: str | None
    title: str
    code: str
    reason: str
    when: datetime | None
    diffs: tuple[FieldDiff, ...]
    proposal_kind: str | None = None

    @property
    def can_repropose(self) -> bool:
        """Whether editing the operator and saving again sends the change anew (a proposal or operator edit)."""
        if self.operator_id is None:
            return False
        return self.entity == PROPOSAL or (self.entity == "operator" and bool(self.diffs))

    @property
    def restorable(self) -> bool:
        """A correction the province did not take, of a register operator: its fields can take the province's
        values again locally."""
        return self.entity == PROPOSAL and self.state in (REFUSED, DECLINED) and self.proposal_kind == "update"

    def proposed_values(self) -> dict[str, Any]:
        """The station's values, as the operator editor is filled with them (wire form)."""
        return {diff.field: diff.proposed for diff in self.diffs}


class ConflictService:
    """Reads and resolves the conflicts of one station database."""

    def __init__(self, db: Database, store: LocalSyncStore) -> None:
        self._db = db
        self._store = store

    # -- reading -------------------------------------------------------------------------------------------------
    def conflicts(self) -> list[Conflict]:
        """Every conflict not yet discarded, newest first."""
        hidden = self._discarded()
        proposals = self._store.outbox_entries(PROPOSAL)
        documents = {doc["id"]: doc["data"] for doc in self._store.documents(PROPOSAL)}
        refused = [e for e in self._store.outbox_entries(state=REJECTED) if e["entity"] != PROPOSAL]
        operator_ids = {str(e["data"].get("operator_id")) for e in proposals}
        operator_ids |= {str(d.get("operator_id")) for d in documents.values()}
        operator_ids |= {str(e["id"]) for e in refused if e["entity"] == "operator"}
        snapshot = _Snapshot(
            self._store.records("operator", sorted(operator_ids)),
            self._store.records("carrier", [str(e["id"]) for e in refused if e["entity"] == "carrier"]),
            proposals,
        )
        found: list[Conflict] = []
        for entry in proposals:
            if entry["state"] == REJECTED:
                found.append(
                    snapshot.proposal(
                        entry["id"], REFUSED, entry["data"], entry["code"], entry["reason"], entry["created_at"]
                    )
                )
        for proposal_id, data in documents.items():
            if data.get("status") == "rejected":
                decided = data.get("decided_at") or data.get("created_at")
                found.append(
                    snapshot.proposal(proposal_id, DECLINED, data, DECLINED, data.get("decision_reason"), decided)
                )
            elif data.get("status") == "pending" and snapshot.stale(data):
                found.append(snapshot.proposal(proposal_id, STALE, data, STALE, "", data.get("created_at")))
        found += [snapshot.refused(entry) for entry in refused]
        shown = [c for c in found if c.key not in hidden]
        return sorted(shown, key=lambda c: c.when or datetime.min, reverse=True)

    def _discarded(self) -> set[str]:
        with self._db.reader() as session:
            return set(
                session.scalars(
                    select(AuditLog.entity_id).where(AuditLog.entity_type == AUDIT_ENTITY, AuditLog.action == DISCARD)
                )
            )

    # -- resolving -----------------------------------------------------------------------------------------------
    def find(self, key: str) -> Conflict:
        """The listed conflict ``key``; :class:`NotFound` when it was discarded or resolved meanwhile."""
        for conflict in self.conflicts():
            if conflict.key == key:
                return conflict
        raise NotFound(key)

    def discard(self, key: str, actor: Actor, reason: str, restore: bool = True) -> list[str]:
        """Hide a conflict for good (audited with ``reason``). With ``restore``, a refused or declined proposal's
        fields that still show the station's value go back to the province's (see :meth:`restore`); returns the
        fields restored."""
        conflict = self.find(key)
        with self._db.transaction() as session:
            session.info[APPLYING] = True  # aligning with the province is not a station change: no outbox entry
            summary = "; ".join(f"{d.field}={_text(d.proposed)}" for d in conflict.diffs)
            audit(session, actor, AUDIT_ENTITY, key, DISCARD, None, f"{conflict.entity}: {summary}", None, reason)
            return self._restore(session, conflict, actor, reason) if restore else []

    def restore(self, key: str, actor: Actor, reason: str) -> list[str]:
        """Put the province's values back into the local register for a refused or declined proposal (before it is
        edited and proposed again, so the new proposal's base values are the province's); the item stays listed.

        The sync does this itself when it records the refusal or pulls the rejection (localdb/proposal_revert.py),
        so usually nothing is left to do; a rejection an older version of this program recorded is still there."""
        conflict = self.find(key)
        with self._db.transaction() as session:
            session.info[APPLYING] = True
            return self._restore(session, conflict, actor, reason)

    @staticmethod
    def _restore(session: Session, conflict: Conflict, actor: Actor, reason: str) -> list[str]:
        if not conflict.restorable:
            return []
        officer = Officer(actor.name, actor.officer_id or None)
        reverted = revert_rejected(session.connection(), {conflict.key: reason}, name_initials, officer)
        return [name for operator in reverted for name in operator.fields]


class _Snapshot:
    """The local rows conflicts refer to, and the province's values of operator fields as far as this computer
    knows them (see the module docstring)."""

    def __init__(
        self,
        operators: dict[str, dict[str, Any]],
        carriers: dict[str, dict[str, Any]],
        proposals: Iterable[dict[str, Any]],
    ) -> None:
        self.operators = operators
        self.carriers = carriers
        self._first_base: dict[tuple[str, str], Any] = {}
        for entry in proposals:  # seq order: the first proposal of a field after the pull saw the pulled value
            data = entry["data"]
            operator = operators.get(str(data.get("operator_id")))
            if operator is None or data.get("kind") != "update" or entry["base_version"] != operator["server_version"]:
                continue
            for name, value in (data.get("base_values") or {}).items():
                self._first_base.setdefault((str(data["operator_id"]), name), value)

    def province_value(self, operator_id: str, name: str, kind: str) -> tuple[Any, bool]:
        operator = self.operators.get(operator_id)
        if operator is None or operator["deleted_at"] is not None or operator["server_version"] is None:
            return None, False  # not (or no longer) in the province's register
        if kind == "create" and operator["origin"] != "province":
            return None, False
        synced = _synced_value(operator, name)
        if synced[1]:
            return synced
        if (operator_id, name) in self._first_base:
            return self._first_base[(operator_id, name)], True
        return None, False

    def stale(self, data: dict[str, Any]) -> bool:
        """A pending update proposal whose operator the province changed since (the server's own rule)."""
        operator = self.operators.get(str(data.get("operator_id")))
        return (
            data.get("kind") == "update"
            and operator is not None
            and data.get("base_version") is not None
            and operator["server_version"] is not None
            and operator["server_version"] != data["base_version"]
        )

    def proposal(
        self, key: str, state: str, data: dict[str, Any], code: str | None, reason: str | None, when: Any
    ) -> Conflict:
        """A proposal (its outbox data, or its pulled document: the same fields)."""
        operator_id = str(data.get("operator_id") or "")
        fields = dict(data.get("fields") or {})
        kind = str(data.get("kind") or "update")
        diffs = tuple(
            FieldDiff(name, value, *self.province_value(operator_id, name, kind))
            for name, value in sorted(fields.items())
        )
        operator = self.operators.get(operator_id) or {}
        return Conflict(
            key=key,
            state=state,
            entity=PROPOSAL,
            record_id=key,
            operator_id=operator_id or None,
            title=str(fields.get("name") or operator.get("name") or ""),
            code=code or "",
            reason=reason or "",
            when=_when(when),
            diffs=diffs,
            proposal_kind=kind,
        )

    def refused(self, entry: dict[str, Any]) -> Conflict:
        """Another refused outbox entry; operator and carrier edits come with their fields."""
        entity = str(entry["entity"])
        rows = self.operators if entity == "operator" else self.carriers if entity == "carrier" else {}
        row = rows.get(str(entry["id"]))
        diffs: tuple[FieldDiff, ...] = ()
        title = ""
        if entity in TITLE_FIELDS:
            diffs = tuple(
                FieldDiff(name, value, *_synced_value(row, name))
                for name, value in sorted(entry["data"].items())
                if name not in ("operator_id", "reason")
            )
            title = next((str(row[f]) for f in TITLE_FIELDS[entity] if row and row.get(f)), "")
        return Conflict(
            key=f"seq:{entry['seq']}",
            state=REFUSED,
            entity=entity,
            record_id=str(entry["id"]),
            operator_id=str(entry["id"]) if entity == "operator" else None,
            title=title,
            code=entry["code"] or "",
            reason=entry["reason"] or "",
            when=entry["created_at"],
            diffs=diffs,
        )


def _synced_value(row: dict[str, Any] | None, name: str) -> tuple[Any, bool]:
    """A local row's value when the row is as last pulled (then it is the province's), else unknown."""
    if row is None or row.get("change_state") != "synced" or name not in row:
        return None, False
    return jsonable(row[name]), True


def _when(value: Any) -> datetime | None:
    """Local time of a client timestamp (naive, local already) or a server one (ISO, UTC)."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and value:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment
    return None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date | datetime) else str(value)
