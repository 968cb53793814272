"""The 双随机 draw as a pure, documented, reproducible function of its inputs (no database, no clock).

Algorithm ``sd-draw/1`` (anyone can re-implement it from this description and an export of the draw):

1. The candidate pool is the list of ``[operator_id, credit_class]`` of every operator matching the task's target,
   ordered by id; the officer pool is the ordered list of ids of active officers with a 执法证号; conflicts (回避)
   are ``[officer_id, operator_id]`` pairs. Each is stored as canonical JSON with its SHA-256.
2. ``rank(parts…) = SHA-256 of the UTF-8 text "sd-draw/1␟seed␟part␟part…"`` (␟ = U+001F), as hex.
3. Strata: one stratum ``*`` holding the whole pool, or — when the task gives percentages per credit class — one
   stratum per credit class (``""`` = not classified), in sorted order. Each stratum yields
   ``ceil(size × percent / 100)`` objects (decimal arithmetic), or ``min(count, size)`` for a fixed count.
4. Within a stratum, operators are sorted by ``rank("object", operator_id)``; the first *n* are drawn.
5. Officers, object by object in draw order: the officers without a conflict with that operator are sorted by
   (number of objects already assigned to them, ``rank("officer", operator_id, officer_id)``) and the first two
   are assigned. The workload stays even and the pairing random; an object with fewer than two eligible officers
   is drawn with whoever is eligible and reported, to be assigned by hand.

A keyed-hash ranking is used instead of Python's ``random`` so the result does not depend on the Python version
or on any library's internal algorithm.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from app.inspections.data import SampleSpec, TargetFilter

ALGORITHM = "sd-draw/1"
SEPARATOR = "\x1f"
ALL = "*"
"""The single stratum of a draw that is not stratified."""


@dataclass(frozen=True)
class DrawInput:
    """Everything the draw depends on."""

    seed: str
    pool: tuple[tuple[str, str], ...]
    """``(operator_id, credit_class)``, ordered by id."""
    officers: tuple[str, ...]
    """Officer ids, ordered."""
    conflicts: frozenset[tuple[str, str]]
    """``(officer_id, operator_id)`` pairs that must not be assigned."""
    sample: SampleSpec


@dataclass(frozen=True)
class DrawnObject:
    """One drawn operator and its officers (normally two)."""

    operator_id: str
    stratum: str
    officers: tuple[str, ...]


def rank(seed: str, *parts: str) -> str:
    """The keyed hash that orders candidates (step 2 of the algorithm)."""
    return hashlib.sha256(SEPARATOR.join((ALGORITHM, seed, *parts)).encode("utf-8")).hexdigest()


def decimal_text(value: Decimal) -> str:
    """A percentage as plain decimal text: ``Decimal("30")`` → ``"30"``, ``Decimal("2.50")`` → ``"2.5"``."""
    text = format(value.normalize(), "f")
    return text


def parse_decimal(value: object) -> Decimal | None:
    """A decimal from text or a number, or ``None`` if it is not one."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        result = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return result if result.is_finite() else None


def quota(size: int, percent: Decimal) -> int:
    """``ceil(size × percent / 100)``, never more than ``size``."""
    if percent <= 0 or size == 0:
        return 0
    return min(size, math.ceil(Decimal(size) * percent / Decimal(100)))


def strata(pool: Sequence[tuple[str, str]], sample: SampleSpec) -> dict[str, list[str]]:
    """The pool split into strata (operator ids keep the pool's order)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for operator_id, credit_class in pool:
        groups[credit_class if sample.stratified else ALL].append(operator_id)
    return dict(groups)


def planned(pool: Sequence[tuple[str, str]], sample: SampleSpec) -> dict[str, int]:
    """How many objects each stratum yields."""
    out: dict[str, int] = {}
    for stratum, members in sorted(strata(pool, sample).items()):
        if sample.count is not None:
            out[stratum] = min(sample.count, len(members))
        elif sample.stratified:
            out[stratum] = quota(len(members), sample.percent_by_class.get(stratum, sample.percent or Decimal(0)))
        else:
            out[stratum] = quota(len(members), sample.percent or Decimal(0))
    return out


def run(draw: DrawInput) -> list[DrawnObject]:
    """Draw the objects and their officers (steps 3–5)."""
    groups = strata(draw.pool, draw.sample)
    counts = planned(draw.pool, draw.sample)
    chosen: list[tuple[str, str]] = []
    for stratum in sorted(groups):
        ranked = sorted(groups[stratum], key=lambda operator_id: rank(draw.seed, "object", operator_id))
        chosen.extend((operator_id, stratum) for operator_id in ranked[: counts[stratum]])
    load = dict.fromkeys(draw.officers, 0)
    result: list[DrawnObject] = []
    for operator_id, stratum in chosen:
        eligible = [o for o in draw.officers if (o, operator_id) not in draw.conflicts]
        eligible.sort(key=lambda officer_id: (load[officer_id], rank(draw.seed, "officer", operator_id, officer_id)))
        pair = tuple(eligible[:2])
        for officer_id in pair:
            load[officer_id] += 1
        result.append(DrawnObject(operator_id, stratum, pair))
    return result


# --- documents stored with the draw (canonical JSON via app.inspections.canonical) -------------------------------
def sample_document(sample: SampleSpec) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    if sample.count is not None:
        doc["count"] = sample.count
    if sample.percent is not None:
        doc["percent"] = decimal_text(sample.percent)
    if sample.percent_by_class:
        doc["by_class"] = {k: decimal_text(v) for k, v in sorted(sample.percent_by_class.items())}
    return doc


def parse_sample(doc: Mapping[str, Any]) -> SampleSpec:
    percent = parse_decimal(doc["percent"]) if "percent" in doc else None
    by_class = {str(k): parse_decimal(v) or Decimal(0) for k, v in dict(doc.get("by_class", {})).items()}
    count = doc.get("count")
    return SampleSpec(count=int(count) if count is not None else None, percent=percent, percent_by_class=by_class)


def target_document(target: TargetFilter) -> dict[str, str]:
    values = {
        "subject_type": target.subject_type,
        "carrier_kind": target.carrier_kind,
        "platform": target.platform,
        "credit_class": target.credit_class,
    }
    return {k: v for k, v in values.items() if v}


def parse_target(doc: Mapping[str, Any]) -> TargetFilter:
    return TargetFilter(
        subject_type=doc.get("subject_type"),
        carrier_kind=doc.get("carrier_kind"),
        platform=doc.get("platform"),
        credit_class=doc.get("credit_class"),
    )


def result_document(objects: Iterable[DrawnObject]) -> list[dict[str, Any]]:
    return [{"operator_id": o.operator_id, "stratum": o.stratum, "officers": list(o.officers)} for o in objects]
