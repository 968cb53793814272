"""Read queries over the operator register: filtered and sorted id lists, row batches, the search anchor.

The registry table loads ids first and rows lazily (as Anki's browser does), so even 100,000 operators cost one
narrow index-ordered query up front and a few dozen rows per screenful after that.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, exists, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from localdb.models import Carrier, Operator

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


def carrier_counts(session: Session, ids: Sequence[str]) -> dict[str, int]:
    """Number of live carriers per operator id, for the table's 载体 column."""
    if not ids:
        return {}
    stmt = (
        select(Carrier.operator_id, func.count())
        .where(Carrier.operator_id.in_(ids), Carrier.deleted_at.is_(None))
        .group_by(Carrier.operator_id)
    )
    return {row[0]: row[1] for row in session.execute(stmt)}


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
