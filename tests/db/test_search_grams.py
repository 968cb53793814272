"""Gram tokens made for many texts at once (localdb/search_grams.py) are those the per-row function gives each text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from localdb import search_grams
from localdb.search_grams import grams_of_many
from localdb.search_index import grams

# CJK at the block edges (U+3400, U+4DBF in; U+4DC0 out; compatibility U+F900-U+FAFF in; extension B out), letters
# whose lower case is ASCII or longer (K Kelvin sign, İ), full-width letters, newlines, NUL and lone punctuation.
ALPHABET = "昆明五华区人民中路9号HPab12 -·（）\n\r\t\x00\u3400\u4dbf\u4dc0\u4e00\u9fff\ufa00\ufaff\uf8ffÅİKＡ\U00020000"
TEXT = st.one_of(st.none(), st.text(alphabet=st.sampled_from(ALPHABET), max_size=30))


def _token_sets(texts: list[str | None], with_latin: int) -> list[set[str]]:
    return [set(tokens.split()) for tokens in grams_of_many(texts, with_latin)]


@given(st.lists(TEXT, max_size=12), st.sampled_from([0, 1]))
def test_each_text_gets_the_tokens_of_the_per_row_function(texts: list[str | None], with_latin: int) -> None:
    assert _token_sets(texts, with_latin) == [set(grams(text, with_latin).split()) for text in texts]


@given(st.lists(st.text(max_size=20), max_size=8), st.sampled_from([0, 1]))
def test_any_text_at_all(texts: list[str | None], with_latin: int) -> None:
    assert _token_sets(texts, with_latin) == [set(grams(text, with_latin).split()) for text in texts]


def test_texts_are_cut_into_batches_without_mixing_them_up(monkeypatch: pytest.MonkeyPatch) -> None:
    texts: list[str | None] = [*(f"{i}号昆明{chr(0x4E00 + i)}店\n第{i}行" for i in range(10)), None, "", "HP"]
    whole = grams_of_many(texts, 0)
    monkeypatch.setattr(search_grams, "BATCH", 3)
    assert grams_of_many(texts, 0) == whole
    assert [set(tokens.split()) for tokens in whole] == [set(grams(text, 0).split()) for text in texts]


def test_examples() -> None:
    assert grams_of_many([], 1) == []
    assert grams_of_many([None, ""], 0) == ["", ""]
    name, other = grams_of_many(["昆明HP电脑", "人民中路9号 tel 0871"], 1), grams_of_many(["人民中路9号 tel 0871"], 0)
    assert set(name[0].split()) >= {"hp", "h", "p", "明h", "昆明"}
    assert set(other[0].split()) == {"人", "民", "中", "路", "号", "人民", "民中", "中路", "路9", "9号"}
