"""The gram tokens of the short-term index, against a plain per-character statement of the rule."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from localdb.search_index import grams


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u4dbf" or "\u4e00" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def _is_name_char(char: str) -> bool:
    return _is_cjk(char) or (char.isascii() and (char.isdigit() or "a" <= char <= "z"))


def reference(text: str, with_latin: int) -> set[str]:
    """Every character and adjacent pair inside runs of name characters; without ``with_latin`` only those
    containing a CJK character."""
    lowered = text.lower()
    tokens: set[str] = set()
    for i, char in enumerate(lowered):
        if not _is_name_char(char):
            continue
        if with_latin or _is_cjk(char):
            tokens.add(char)
        if i + 1 < len(lowered) and _is_name_char(lowered[i + 1]):
            pair = lowered[i : i + 2]
            if with_latin or any(_is_cjk(c) for c in pair):
                tokens.add(pair)
    return tokens


TEXT = st.text(alphabet=st.sampled_from("昆明五华区人民中路9号HPab12 -·（）\u3400\ufa00ÅİK"), max_size=40)


@given(TEXT, st.sampled_from([0, 1]))
def test_grams_follow_the_rule(text: str, with_latin: int) -> None:
    produced = grams(text, with_latin).split()
    assert len(produced) == len(set(produced)), "each token once"
    assert set(produced) == reference(text, with_latin)


def test_examples() -> None:
    assert set(grams("昆明HP电脑", 1).split()) >= {"hp", "h", "p", "明h", "昆明"}
    expected = {"人", "民", "中", "路", "号", "人民", "民中", "中路", "路9", "9号"}
    assert set(grams("人民中路9号 tel 0871", 0).split()) == expected
    assert grams(None) == "" and grams("") == ""
