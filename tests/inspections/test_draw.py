"""The 双随机 draw: reproducible from its stored record, stratified ratios, 回避 respected, property tests over pool
sizes, and tampering caught by verify."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from app.errors import ValidationFailed
from app.inspections import draw as algo
from app.inspections.canonical import sha256_hex
from app.inspections.data import SampleSpec, TargetFilter, TaskDraft
from app.inspections.tasks import candidate_pool, check_sample
from localdb.inspection_models import TaskDraw
from tests.inspections.conftest import LICENSE_DISPLAY, Desk

RISK_RATIOS = {"D": Decimal(30), "C": Decimal(10), "B": Decimal(2), "A": Decimal(1)}


def pool_of(sizes: dict[str, int]) -> tuple[tuple[str, str], ...]:
    pool = [(f"{cls or 'u'}-{n:05d}", cls) for cls, size in sizes.items() for n in range(size)]
    return tuple(sorted(pool))


def officers(n: int) -> tuple[str, ...]:
    return tuple(f"officer-{i}" for i in range(n))


# --- the algorithm alone ----------------------------------------------------------------------------------------
def test_same_inputs_same_result_and_the_seed_matters() -> None:
    pool = pool_of({"A": 300, "B": 100})
    base = algo.DrawInput("seed-1", pool, officers(5), frozenset(), SampleSpec(count=20))
    first = algo.run(base)
    assert algo.run(base) == first
    other = algo.run(algo.DrawInput("seed-2", pool, officers(5), frozenset(), SampleSpec(count=20)))
    assert {o.operator_id for o in other} != {o.operator_id for o in first}
    assert len(first) == 20 and len({o.operator_id for o in first}) == 20


def test_stratified_ratios_per_credit_class() -> None:
    sizes = {"D": 40, "C": 100, "B": 500, "A": 1000, "": 10}
    spec = SampleSpec(percent_by_class=RISK_RATIOS)
    result = algo.run(algo.DrawInput("s", pool_of(sizes), officers(4), frozenset(), spec))
    per_class = Counter(o.stratum for o in result)
    assert per_class == {"D": 12, "C": 10, "B": 10, "A": 10}  # ceil(40×30%), ceil(100×10%), …; unclassified 0
    # unclassified operators are drawn at the base percentage when one is given
    spec = SampleSpec(percent=Decimal(5), percent_by_class=RISK_RATIOS)
    assert algo.planned(pool_of(sizes), spec)[""] == 1
    assert (
        Counter(o.stratum for o in algo.run(algo.DrawInput("s", pool_of(sizes), officers(4), frozenset(), spec)))[""]
        == 1
    )


def test_plain_percentage_rounds_up() -> None:
    assert algo.planned(pool_of({"A": 101}), SampleSpec(percent=Decimal(3))) == {"*": 4}
    assert algo.planned(pool_of({"A": 100}), SampleSpec(percent=Decimal("2.5"))) == {"*": 3}
    assert algo.planned(pool_of({"A": 5}), SampleSpec(count=10)) == {"*": 5}


def test_conflicts_of_interest_are_respected() -> None:
    pool = pool_of({"A": 50})
    crew = officers(3)
    banned = frozenset(("officer-0", op) for op, _ in pool)  # officer-0 is linked to everybody
    result = algo.run(algo.DrawInput("s", pool, crew, banned, SampleSpec(count=50)))
    assert all("officer-0" not in o.officers and len(o.officers) == 2 for o in result)
    # an operator two of three officers are linked to cannot get a pair: drawn, reported unassigned
    target = pool[0][0]
    blocked = frozenset({("officer-0", target), ("officer-1", target)})
    result = algo.run(algo.DrawInput("s", pool, crew, blocked, SampleSpec(count=50)))
    lonely = next(o for o in result if o.operator_id == target)
    assert lonely.officers == ("officer-2",)


@settings(max_examples=60, deadline=None)
@given(
    pool_size=st.integers(min_value=0, max_value=400),
    officer_count=st.integers(min_value=2, max_value=9),
    percent=st.decimals(min_value=Decimal("0.1"), max_value=Decimal(100), places=1),
    conflicts=st.sets(st.tuples(st.integers(0, 8), st.integers(0, 399)), max_size=60),
    seed=st.text(alphabet="0123456789abcdef", min_size=1, max_size=32),
    stratified=st.booleans(),
)
def test_draw_properties_over_pool_sizes(
    pool_size: int,
    officer_count: int,
    percent: Decimal,
    conflicts: set[tuple[int, int]],
    seed: str,
    stratified: bool,
) -> None:
    classes = ["A", "B", "C", "D", ""]
    pool = tuple(sorted((f"op-{i:04d}", classes[i % 5]) for i in range(pool_size)))
    crew = officers(officer_count)
    banned = frozenset((f"officer-{o}", f"op-{p:04d}") for o, p in conflicts if o < officer_count and p < pool_size)
    spec = SampleSpec(percent_by_class=dict.fromkeys("ABCD", percent)) if stratified else SampleSpec(percent=percent)
    draw = algo.DrawInput(seed, pool, crew, banned, spec)
    result = algo.run(draw)

    assert algo.run(draw) == result, "reproducible"
    assert len(result) == sum(algo.planned(pool, spec).values())
    ids = [o.operator_id for o in result]
    assert len(set(ids)) == len(ids) and set(ids) <= {p[0] for p in pool}
    for drawn in result:
        assert len(set(drawn.officers)) == len(drawn.officers) <= 2
        assert not any((officer, drawn.operator_id) in banned for officer in drawn.officers), "回避"
        eligible = [o for o in crew if (o, drawn.operator_id) not in banned]
        assert len(drawn.officers) == min(2, len(eligible))
    if not banned and result:
        load = Counter(officer for o in result for officer in o.officers)
        counts = [load.get(o, 0) for o in crew]
        assert max(counts) - min(counts) <= 1, "the workload is spread evenly"


def test_sample_spec_findings() -> None:
    assert [f.code for f in check_sample(SampleSpec())] == ["sample.none"]
    assert [f.code for f in check_sample(SampleSpec(count=3, percent=Decimal(3)))] == ["sample.both"]
    assert [f.code for f in check_sample(SampleSpec(count=0))] == ["sample.count"]
    assert [f.code for f in check_sample(SampleSpec(percent=Decimal(120)))] == ["sample.percent"]
    assert [f.code for f in check_sample(SampleSpec(percent_by_class={"E": Decimal(1)}))] == ["sample.class"]
    assert check_sample(SampleSpec(percent_by_class=RISK_RATIOS)) == []


# --- tasks and draws in the station database ----------------------------------------------------------------------
def new_task(desk: Desk, number: str = "2026-SJ-001", **fields: object) -> str:
    values: dict[str, object] = {
        "number": number,
        "name": "2026年第一批电子商务经营者亮照抽查",
        "template_id": desk.template_id(LICENSE_DISPLAY),
        "sample": SampleSpec(percent_by_class=RISK_RATIOS),
    }
    values.update(fields)
    return desk.tasks.create(TaskDraft(**values), desk.actor)  # type: ignore[arg-type]


def test_a_draw_is_stored_reproducible_and_verifiable(desk: Desk) -> None:
    task_id = new_task(desk)
    preview = desk.draws.preview(task_id)
    summary = desk.draws.draw(task_id, desk.actor, seed="5eed")
    detail = desk.tasks.detail(task_id)
    assert summary.pool_size == preview.size and summary.seed == "5eed"
    assert summary.picked == sum(preview.planned.values()) == len(detail.targets)
    assert Counter(t.stratum for t in detail.targets) == {k: v for k, v in preview.planned.items() if v}
    assert all(len(t.officer_ids) == 2 for t in detail.targets)
    assert detail.row.state == "drawn"

    verdict = desk.draws.verify("2026-SJ-001")
    assert verdict.matches and verdict.problems == () and verdict.registry_unchanged

    # the export alone is enough to recompute the draw, with any SHA-256 implementation
    exported = json.loads(desk.draws.export(task_id))
    assert sha256_hex(json.dumps(exported["pool"], ensure_ascii=False, separators=(",", ":"))) == exported["pool_hash"]
    again = algo.run(
        algo.DrawInput(
            exported["seed"],
            tuple((p[0], p[1]) for p in exported["pool"]),
            tuple(exported["officers"]),
            frozenset((c[0], c[1]) for c in exported["conflicts"]),
            algo.parse_sample(exported["spec"]["sample"]),
        )
    )
    assert algo.result_document(again) == exported["result"]

    with pytest.raises(ValidationFailed) as twice:
        desk.draws.draw(task_id, desk.actor)
    assert twice.value.findings[0].code == "task.drawn"


def test_tampering_with_a_draw_is_detected(desk: Desk) -> None:
    task_id = new_task(desk, sample=SampleSpec(count=10))
    desk.draws.draw(task_id, desk.actor, seed="abc")
    with desk.db.transaction() as session:
        session.execute(
            text("UPDATE task_target SET officer_a_id = officer_b_id, officer_b_id = officer_a_id WHERE position = 1")
        )
    verdict = desk.draws.verify(task_id)
    assert not verdict.matches and verdict.problems == (
        "The task's list of drawn operators and officers differs from the stored result.",
    )
    with desk.db.transaction() as session:
        draw = session.scalars(select(TaskDraw)).one()
        draw.seed = "another seed"
    verdict = desk.draws.verify(task_id)
    assert "Recomputing the draw from its seed and pools gives a different result than the one stored." in (
        verdict.problems
    )


def test_conflicts_are_respected_by_the_stored_draw(desk: Desk) -> None:
    task_id = new_task(desk, sample=SampleSpec(count=30), target=TargetFilter(credit_class="A"))
    with desk.db.reader() as session:
        pool = candidate_pool(session, TargetFilter(credit_class="A"))
    banned_officer = desk.officers[2]
    for operator_id, _ in pool:
        desk.conflicts.add(banned_officer.id, operator_id, "配偶在该企业任职", desk.actor)
    desk.draws.draw(task_id, desk.actor, seed="x")
    detail = desk.tasks.detail(task_id)
    assert len(detail.targets) == 30
    assert all(banned_officer.id not in t.officer_ids for t in detail.targets)
    assert desk.draws.verify(task_id).matches
    # the record form refuses the conflicted officer too
    draft = desk.inspections.create_from_task(detail.targets[0].id, desk.actor)
    assert [o.officer_id for o in desk.inspections.detail(draft).officers] == list(detail.targets[0].officer_ids)
    with pytest.raises(ValidationFailed) as refused:
        desk.inspections.set_officers(draft, [detail.targets[0].officer_ids[0], banned_officer.id], desk.actor)
    assert refused.value.findings[0].code == "officers.conflict"


def test_a_changed_register_is_reported_but_the_draw_still_matches(desk: Desk) -> None:
    task_id = new_task(desk, sample=SampleSpec(count=5))
    desk.draws.draw(task_id, desk.actor, seed="y")
    with desk.db.transaction() as session:
        session.execute(
            text(
                "UPDATE operator SET deleted_at = CURRENT_TIMESTAMP WHERE id IN "
                "(SELECT id FROM operator ORDER BY id LIMIT 3)"
            )
        )
    verdict = desk.draws.verify(task_id)
    assert verdict.matches and not verdict.registry_unchanged and verdict.pool_removed == 3


def test_draw_refusals(desk: Desk) -> None:
    with pytest.raises(ValidationFailed) as bad:
        new_task(desk, number=" ", name="", sample=SampleSpec())
    assert {f.code for f in bad.value.findings} == {"task.number", "task.name", "sample.none"}
    new_task(desk)
    with pytest.raises(ValidationFailed) as taken:
        new_task(desk)
    assert [f.code for f in taken.value.findings] == ["task.number_taken"]

    nobody = new_task(desk, number="2026-SJ-002", target=TargetFilter(platform="不存在的平台"))
    with pytest.raises(ValidationFailed) as empty:
        desk.draws.draw(nobody, desk.actor)
    assert empty.value.findings[0].code == "draw.pool_empty"

    task_id = new_task(desk, number="2026-SJ-003")
    with desk.db.transaction() as session:
        session.execute(text("UPDATE officer SET cert_no = '' WHERE id != :keep"), {"keep": desk.officers[0].id})
    with pytest.raises(ValidationFailed) as few:
        desk.draws.draw(task_id, desk.actor)
    assert few.value.findings[0].code == "draw.officers"
    assert desk.tasks.detail(task_id).draw is None, "nothing was stored"
