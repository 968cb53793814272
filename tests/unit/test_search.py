"""Ranked search and list filters over a small real database, built once for the module.

Ranking contract (localdb/operator_search.py): exact identifier, exact name, names starting with the query
(shortest first), names containing every term, pinyin initials, then any indexed field.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.records import Actor, OperatorDraft, OperatorFilter
from app.services.registry import RegistryService
from localdb.database import Database
from localdb.models import Carrier
from localdb.search_index import CJK_RUN
from tests.support.stations import add_station, memory_store, open_with_keyring

ANY = OperatorFilter()


@dataclass(frozen=True)
class Op:
    key: str
    name: str
    subject_type: str = "other"
    identifier_type: str = "none"
    identifier: str = ""
    credit_class: str = ""
    abnormal: bool = False
    phone: str = ""
    carriers: tuple[tuple[str, str, str, str], ...] = ()
    """(kind, platform, shop name, shop id)"""
    deleted: bool = False


OPERATORS = [
    Op("exact", "翠湖茶业", credit_class="B", carriers=(("shop", "淘宝", "翠湖茶业小店", "100200300"),)),
    Op("prefix_short", "翠湖茶业有限公司", "enterprise", "uscc", "91330100799655058B", credit_class="A"),
    Op("prefix_long", "翠湖茶业云南分公司有限公司", "enterprise", "uscc", "91310110666007217T", credit_class="A"),
    Op("contains", "昆明翠湖茶业店", credit_class="C", carriers=(("live_stream", "抖音", "翠湖直播间", "dy7788"),)),
    Op(
        "kmdz",
        "昆明某某电子商务有限公司",
        "enterprise",
        "uscc",
        "914403001922038216",
        credit_class="C",
        abnormal=True,
        carriers=(("shop", "淘宝", "某某数码旗舰店", "55667788"), ("website", "", "某某官网", "")),
    ),
    Op("latin", "昆明ABC电子科技有限公司", credit_class="A", carriers=(("shop", "京东", "ABC京东自营店", "jd001"),)),
    Op("brand", "昆明HP电脑维修部", credit_class="A"),
    Op("y2k", "云南Y2K网络科技有限公司", credit_class="B"),
    Op("coop", "滇南花卉种植专业合作社", "cooperative", "reg_no", "440301105984804", credit_class="A"),
    Op(
        "ident_owner",
        "北京某科技有限公司",
        "enterprise",
        "uscc",
        "91110108551385082Q",
        credit_class="B",
        carriers=(("shop", "拼多多", "北京某科技店", "P001"),),
    ),
    Op(
        "ident_mention",
        "代理北京某科技的商行",
        credit_class="D",
        abnormal=True,
        # the other operator's code appears here as a shop id: a weaker match than the code itself
        carriers=(("local_life", "美团", "代理店", "91110108551385082Q"),),
    ),
    Op("phone", "春城鲜花店", phone="13812345678", credit_class="D"),
    Op("gone", "已删除的翠湖茶业分店", credit_class="A", deleted=True, carriers=(("shop", "淘宝", "删前小店", "d1"),)),
]
BY_KEY = {op.key: op for op in OPERATORS}
LIVE_NAMES = [op.name for op in OPERATORS if not op.deleted]
CUIHU_TEA = ["exact", "prefix_short", "prefix_long", "contains"]
"""The live operators whose name contains 翠湖茶业, in rank order."""


@dataclass
class World:
    db: Database
    registry: RegistryService
    ids: dict[str, str]

    def search(self, query: str, flt: OperatorFilter = ANY, limit: int = 500) -> list[str]:
        """Keys of the operators found, best first."""
        by_id = {v: k for k, v in self.ids.items()}
        return [by_id[i] for i in self.registry.search_ids(query, flt, limit=limit)]

    def listed(self, flt: OperatorFilter) -> set[str]:
        by_id = {v: k for k, v in self.ids.items()}
        return {by_id[i] for i in self.registry.list_ids(flt)}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    root: Path = tmp_path_factory.mktemp("search") / "station"
    db = open_with_keyring(root, memory_store())
    try:
        actor: Actor = add_station(db)
        registry = RegistryService(db)
        ids: dict[str, str] = {}
        for op in OPERATORS:
            draft = OperatorDraft(
                name=op.name,
                subject_type=op.subject_type,
                identifier_type=op.identifier_type,
                identifier=op.identifier,
                credit_class=op.credit_class,
                abnormal_listed=op.abnormal,
                abnormal_reason="通过登记的住所无法联系" if op.abnormal else "",
                phone=op.phone,
            )
            ids[op.key] = registry.create(draft, actor)
            with db.transaction() as session:
                for kind, platform, shop_name, shop_id in op.carriers:
                    session.add(
                        Carrier(operator_id=ids[op.key], kind=kind, platform=platform, shop_name=shop_name,
                                shop_id=shop_id)
                    )
            if op.deleted:
                registry.delete(ids[op.key], actor, "测试删除")
        # a carrier that was deleted must not count for the kind / platform filters
        with db.transaction() as session:
            session.add(
                Carrier(operator_id=ids["phone"], kind="live_stream", platform="快手", shop_name="停播直播间",
                        shop_id="ks1", deleted_at=datetime(2025, 1, 1), deleted_reason="已停播")
            )
        yield World(db, registry, ids)
    finally:
        db.close()


# -- ranking ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "typed", ["91110108551385082Q", "91110108551385082q", " 9111 0108 5513 8508 2Q ", "91110108-551385082Q"]
)
def test_exact_identifier_comes_first(world: World, typed: str) -> None:
    assert world.search(typed)[:1] == ["ident_owner"]


def test_identifier_elsewhere_ranks_below_the_exact_identifier(world: World) -> None:
    assert world.search("91110108551385082Q") == ["ident_owner", "ident_mention"]


def test_identifier_typed_with_a_full_width_ime_is_found(world: World) -> None:
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in "91110108551385082Q")  # ９１１１…Ｑ
    assert world.search(full_width)[:1] == ["ident_owner"]


def test_exact_name_then_prefix_shortest_first_then_contains(world: World) -> None:
    found = world.search("翠湖茶业")
    assert found[:3] == ["exact", "prefix_short", "prefix_long"]
    assert set(found[3:]) == {"contains"}, "the deleted branch must not appear"


def test_limit_is_filled_when_enough_operators_match(world: World) -> None:
    everything = world.search("翠湖茶业")
    assert len(everything) == 4
    for limit in range(1, len(everything) + 1):
        assert world.search("翠湖茶业", limit=limit) == everything[:limit], f"limit={limit}"


def test_pinyin_initials_anchored_subsequence(world: World) -> None:
    assert "kmdz" in world.search("kmdz")
    assert "kmdz" in world.search("KMDZ")
    assert "kmdz" in world.search("kmmmdz"), "contiguous initials"
    assert "kmdz" not in world.search("mds"), "a subsequence with gaps must start at the first character"
    assert set(world.search("km")) >= {"contains", "kmdz", "latin", "brand"}


def test_one_and_two_chinese_characters(world: World) -> None:
    assert world.search("滇") == ["coop"]
    assert world.search("卉") == ["coop"]
    assert world.search("滇南") == ["coop"]
    assert set(world.search("翠湖")) == {"exact", "prefix_short", "prefix_long", "contains"}
    assert world.search("翠湖")[:3] == ["exact", "prefix_short", "prefix_long"]
    assert set(world.search("湖茶")) == set(CUIHU_TEA), "a pair from the middle of a name"
    assert world.search("鲜") == ["phone"]


def test_multiple_terms_must_all_match_in_any_order(world: World) -> None:
    assert set(world.search("昆明 电子")) == {"kmdz", "latin"}
    assert set(world.search("电子   昆明")) == {"kmdz", "latin"}
    assert set(world.search("昆明 茶业")) == {"contains"}
    assert world.search("昆明 有限公司 ABC") == ["latin"]
    assert world.search("昆明 不存在") == []


def test_other_fields_are_searched(world: World) -> None:
    assert world.search("13812345678") == ["phone"]
    assert world.search("12345678") == ["phone"]
    assert world.search("数码旗舰") == ["kmdz"], "carrier shop name"
    assert world.search("55667788") == ["kmdz"], "carrier shop id"
    assert world.search("删前小店") == [], "the deleted operator's carrier"


def test_no_match_and_blank_queries(world: World) -> None:
    assert world.search("完全不存在的名称") == []
    assert world.search("") == []
    assert world.search("   ") == []


def test_two_letter_latin_brand_is_found(world: World) -> None:
    assert "brand" in world.search("HP")
    assert "brand" in world.search("hp")


# -- filters ------------------------------------------------------------------------------------------------------
LIVE = {op.key for op in OPERATORS if not op.deleted}


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (OperatorFilter(), LIVE),
        (OperatorFilter(credit_class="A"), {"prefix_short", "prefix_long", "latin", "brand", "coop"}),
        (OperatorFilter(credit_class="D"), {"ident_mention", "phone"}),
        (OperatorFilter(abnormal_only=True), {"kmdz", "ident_mention"}),
        (OperatorFilter(carrier_kind="live_stream"), {"contains"}),
        (OperatorFilter(carrier_kind="shop"), {"exact", "kmdz", "latin", "ident_owner"}),
        (OperatorFilter(carrier_kind="website"), {"kmdz"}),
        (OperatorFilter(platform="淘宝"), {"exact", "kmdz"}),
        (OperatorFilter(platform="快手"), set()),
        (OperatorFilter(carrier_kind="shop", platform="京东"), {"latin"}),
        (OperatorFilter(subject_type="enterprise"), {"prefix_short", "prefix_long", "kmdz", "ident_owner"}),
        (OperatorFilter(credit_class="C", abnormal_only=True), {"kmdz"}),
        (OperatorFilter(include_deleted=True), LIVE | {"gone"}),
    ],
    ids=lambda value: str(value) if not isinstance(value, OperatorFilter) else None,
)
def test_filters_narrow_the_list(world: World, flt: OperatorFilter, expected: set[str]) -> None:
    assert world.listed(flt) == expected
    assert world.registry.count(flt) == len(expected)


@pytest.mark.parametrize(
    ("query", "flt", "expected"),
    [
        ("翠湖", OperatorFilter(credit_class="A"), ["prefix_short", "prefix_long"]),
        ("翠湖", OperatorFilter(carrier_kind="live_stream"), ["contains"]),
        ("翠湖", OperatorFilter(platform="淘宝"), ["exact"]),
        ("昆明", OperatorFilter(abnormal_only=True), ["kmdz"]),
        ("kmdz", OperatorFilter(credit_class="A"), ["latin"]),
        ("91110108551385082Q", OperatorFilter(abnormal_only=True), ["ident_mention"]),
        ("翠湖茶业", OperatorFilter(include_deleted=True), [*CUIHU_TEA, "gone"]),
    ],
)
def test_filters_narrow_the_search(world: World, query: str, flt: OperatorFilter, expected: list[str]) -> None:
    found = world.search(query, flt)
    assert sorted(found) == sorted(expected)
    assert found[: len(expected)] == found  # nothing outside the filter, no duplicates
    assert len(set(found)) == len(found)


def test_soft_deleted_operators_are_not_listed(world: World) -> None:
    assert "gone" not in world.listed(ANY)
    assert "gone" not in world.search("已删除的翠湖茶业分店")
    assert "gone" not in world.search("分店")
    assert world.search("已删除的翠湖茶业分店", OperatorFilter(include_deleted=True)) == ["gone"]


def test_names_sort_in_pinyin_order_both_ways(world: World) -> None:
    ascending = world.registry.list_ids(ANY, sort="name")
    descending = world.registry.list_ids(ANY, sort="name", descending=True)
    assert ascending == descending[::-1]
    names = [row.name for row in world.registry.rows(ascending)]
    position = {name: n for n, name in enumerate(names)}
    assert position["北京某科技有限公司"] < position["滇南花卉种植专业合作社"] < position["云南Y2K网络科技有限公司"]
    assert position["春城鲜花店"] < position["翠湖茶业"] < position["昆明某某电子商务有限公司"]


def test_latin_letters_in_a_name_sort_like_their_pinyin_neighbours(world: World) -> None:
    # 昆明ABC… (a) and 昆明HP… (h) belong between 昆明翠湖… (c) and 昆明某某… (m), whatever their case
    names = [row.name for row in world.registry.rows(world.registry.list_ids(ANY, sort="name"))]
    order = [n for n in names if n.startswith("昆明")]
    assert order == ["昆明ABC电子科技有限公司", "昆明翠湖茶业店", "昆明HP电脑维修部", "昆明某某电子商务有限公司"]


def test_initials_match_latin_letters_in_either_case(world: World) -> None:
    assert "latin" in world.search("kmadz")
    assert "latin" in world.search("KMADZ")


# -- property: every fragment of a name finds its operator ----------------------------------------------------------
@st.composite
def name_fragments(draw: st.DrawFn) -> tuple[str, str]:
    name = draw(st.sampled_from(LIVE_NAMES))
    start = draw(st.integers(0, len(name) - 1))
    end = draw(st.integers(start + 1, len(name)))
    fragment = name[start:end]
    # a single Latin letter or digit is too unspecific to promise anything; everything longer, and any single
    # Chinese character, must find the operator
    if len(fragment) == 1 and not CJK_RUN.fullmatch(fragment):
        fragment = name[start : start + 2] if start + 2 <= len(name) else name[start - 1 : start + 1]
    return name, fragment


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=name_fragments())
def test_any_fragment_of_a_name_finds_the_operator(world: World, case: tuple[str, str]) -> None:
    name, fragment = case
    found = [row.name for row in world.registry.rows(world.registry.search_ids(fragment, ANY))]
    assert name in found, f"{fragment!r} does not find {name!r}"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=name_fragments(), limit=st.integers(1, 6))
def test_a_smaller_limit_returns_a_prefix_of_the_full_ranking(world: World, case: tuple[str, str], limit: int) -> None:
    _, fragment = case
    full = world.registry.search_ids(fragment, ANY)
    assert world.registry.search_ids(fragment, ANY, limit=limit) == full[:limit]


ODD_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("翠湖茶业昆明电子 \"'*%_\\-()^:.+NEAROAND　，（）")),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=ODD_TEXT)
def test_any_typed_text_is_answered_without_error(world: World, query: str) -> None:
    """Whatever an officer types (quotes, FTS operators, wildcards, full-width punctuation), search answers."""
    found = world.registry.search_ids(query, ANY, limit=5)
    assert len(found) == len(set(found)) <= 5
    assert set(found) <= set(world.ids.values()) - {world.ids["gone"]}
