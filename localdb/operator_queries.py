"""Read queries over the operator register: filtered and sorted id lists, row batches, the search anchor.

The registry table loads ids first and rows lazily (as Anki's browser does), so even 100,000 operators cost one
narrow index-ordered query up front and a few dozen rows per screenful after that.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import ColumnElement, Integer, Select, case, exists, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from localdb.models import Carrier, Operator
from localdb.sync_facts import Prepared, RecordFacts, listed, operator_facts, unsynced_operator_ids

SORTABLE: dict[str, tuple[InstrumentedAttribute[Any], ...]] = {
    "name": (Operator.name_initials, Operator.name),
    "identifier": (Operator.identifier,),
    "subject_type": (Operator.subject_type,),
    "legal_representative": (Operator.legal_representative,),
    "credit_class": (Operator.credit_class,),
    "business_address": (Operator.business_address,),
    "phone": (Operator.phone,),
    "updated_at": (Operator.updated_at,),
}
"""Sort keys of the registry view and the columns each sorts by: names in pinyin order (by their initials, then
the characters), as officers expect from every Chinese list."""


@dataclass(frozen=True)
class OperatorFilter:
    """What the registry view narrows the list to; ``None`` or ``False`` means "any"."""

    subject_type: str | None = None
    carrier_kind: str | None = None
    platform: str | None = None
    credit_class: str | None = None
    abnormal_only: bool = False
    serious_violation_only: bool = False
    include_deleted: bool = False
    unsynced_only: bool = False
    """Only operators whose sync column is not 已同步 (see :func:`localdb.sync_facts.unsynced_operator_ids`)."""


def filter_conditions(flt: OperatorFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if not flt.include_deleted:
        conditions.append(Operator.deleted_at.is_(None))
    if flt.subject_type:
        conditions.append(Operator.subject_type == flt.subject_type)
    if flt.credit_class:
        conditions.append(Operator.credit_class == flt.credit_class)
    if flt.abnormal_only:
        conditions.append(Operator.abnormal_listed.is_(True))
    if flt.serious_violation_only:
        conditions.append(Operator.serious_violation.is_(True))
    if flt.unsynced_only:
        conditions.append(Operator.id.in_(unsynced_operator_ids()))
    carrier_conditions: list[ColumnElement[bool]] = []
    if flt.carrier_kind:
        carrier_conditions.append(Carrier.kind == flt.carrier_kind)
    if flt.platform:
        carrier_conditions.append(Carrier.platform == flt.platform)
    if carrier_conditions:
        conditions.append(
            exists().where(Carrier.operator_id == Operator.id, Carrier.deleted_at.is_(None), *carrier_conditions)
        )
    return conditions


def list_ids(session: Session, flt: OperatorFilter, sort: str = "name", descending: bool = False) -> list[str]:
    """Ids of every operator passing ``flt``, in the requested order (ties broken by id, so the order is total)."""
    columns = SORTABLE[sort]
    order = [c.desc() if descending else c.asc() for c in columns]
    stmt = select(Operator.id).where(*filter_conditions(flt)).order_by(*order, Operator.id)
    return list(session.scalars(stmt))


def count(session: Session, flt: OperatorFilter) -> int:
    """How many operators pass ``flt``."""
    return session.scalar(select(func.count()).select_from(Operator).where(*filter_conditions(flt))) or 0


def fetch(session: Session, ids: Sequence[str]) -> list[Operator]:
    """The operators with these ids, in the order given (missing ids are skipped)."""
    if not ids:
        return []
    found = {op.id: op for op in session.scalars(select(Operator).where(Operator.id.in_(ids)))}
    return [found[i] for i in ids if i in found]


def _carrier_summary() -> Select[str, int, bool, str]:
    live = func.sum(case((Carrier.deleted_at.is_(None), 1), else_=0), type_=Integer)
    changed = func.max(Carrier.change_state != "synced")
    stmt = select(Carrier.operator_id, live, changed, func.group_concat(Carrier.id))
    return stmt.where(listed(Carrier.operator_id)).group_by(Carrier.operator_id)


CARRIER_SUMMARIES: Final = Prepared(_carrier_summary)


def carriers_and_sync(
    session: Session, change_states: Mapping[str, str]
) -> tuple[dict[str, int], dict[str, RecordFacts]]:
    """For a page of operators given as ``{id: change_state}``: the number of live carriers of each (the table's
    载体 column) and the facts of their sync column. One read of the page's carriers (count, local changes, ids —
    a carrier travels with its operator) and one read of the outbox."""
    if not change_states:
        return {}, {}
    counts: dict[str, int] = {}
    changed: list[str] = []
    carrier_ids: list[str] = []
    for operator_id, live, local, joined in CARRIER_SUMMARIES.rows(session, ids=change_states):
        counts[operator_id] = int(live)
        if local:
            changed.append(operator_id)
        carrier_ids += str(joined).split(",")
    return counts, operator_facts(session, change_states, carrier_ids, changed)


def like_pattern(term: str) -> str:
    """``%term%`` with LIKE's wildcards escaped (use with ``escape="\\"``)."""
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search_like_scan(session: Session, query: str, limit: int = 500) -> list[str]:
    """The anchor for the search benchmark: a plain ``LIKE '%…%'`` scan over the operator and carrier columns."""
    pattern = like_pattern(query)
    op_columns = (
        Operator.name,
        Operator.identifier,
        Operator.legal_representative,
        Operator.registered_address,
        Operator.business_address,
        Operator.phone,
    )
    carrier_match = exists().where(
        Carrier.operator_id == Operator.id,
        or_(
            *(
                c.like(pattern, escape="\\")
                for c in (Carrier.shop_name, Carrier.shop_id, Carrier.url, Carrier.icp_filing)
            )
        ),
    )
    stmt = select(Operator.id).where(
        Operator.deleted_at.is_(None), or_(*(c.like(pattern, escape="\\") for c in op_columns), carrier_match)
    )
    return list(session.scalars(stmt.limit(limit)))
