"""Pinyin initials of names: officers type a few Latin letters (``kmdz``) instead of switching input methods.

Same result as ``pypinyin.lazy_pinyin(name, style=FIRST_LETTER)`` (a property test holds them equal), but fast
enough for bulk loads of 100,000 names: ``lazy_pinyin`` costs ~200 µs a name, most of it converting styles word by
word. This does the same steps — split into runs of Chinese and other characters as pypinyin's ``simpleseg`` does,
cut the Chinese runs into words with pypinyin's phrase segmenter, convert each word with pypinyin's default
converter — and remembers each word's initials; company names are built from a few thousand words (昆明市,
电子商务, 有限公司 …).

Cutting a run into words is itself most of the remaining cost, and for almost every run it cannot change the
result: a character whose initial is the same in every phrase of pypinyin's dictionary as on its own (昆, 明, 电,
子 …, all but a few hundred characters) has that initial however the run is cut, and one of the few hundred others
(长 in 长春 and 成长, 行 in 银行 and 行走) has its own initial unless the run holds, around it, a phrase that reads it
otherwise. So a run is spelled character by character, and cut into words as before only when such a phrase is in
it. The tables this takes are built from pypinyin's dictionaries on first use (a fifth of a second); they assume
nobody loads custom phrases into pypinyin (this application does not).
"""

from __future__ import annotations

import functools
import re
from typing import Final

from pypinyin import Style
from pypinyin.constants import PHRASES_DICT, RE_HANS
from pypinyin.converter import DefaultConverter
from pypinyin.seg import mmseg

_HAN_CLASS: Final = RE_HANS.pattern[len("^(?:") : -len(")+$")]
RUNS: Final = re.compile(f"{_HAN_CLASS}+|(?:(?!{_HAN_CLASS}).)+", re.S)
HAN: Final = re.compile(_HAN_CLASS)
MAX_CACHE: Final = 200_000
FEW_PHRASES: Final = 8
_CONVERTER: Final = DefaultConverter()
"""What ``lazy_pinyin`` uses (``pypinyin.core`` builds the same default converter)."""
DEPENDS: Final = "\x00"
"""Marks a character whose initial depends on the word it is read in (never an initial itself)."""

_words: dict[str, str] = {}
_chars: dict[str, str] = {}
"""Chinese character → its initial wherever it stands, or :data:`DEPENDS`."""
_read_otherwise: dict[str, tuple[str, int, frozenset[str]] | None] = {}
"""A :data:`DEPENDS` character → (its initial alone, the longest and all phrases that read it otherwise)."""


def _word_initials(word: str) -> str:
    found = _words.get(word)
    if found is None:
        pinyin = _CONVERTER.convert(word, Style.FIRST_LETTER, False, "default", strict=True)
        found = "".join(part[0][0] for part in pinyin if part and part[0] and part[0][0].isalnum())
        if len(_words) >= MAX_CACHE:
            _words.clear()
        _words[word] = found
    return found


@functools.cache
def _phrases() -> dict[str, dict[str, list[str]]]:
    """Character → its initial in the dictionary's phrases → those phrases (the converter's style conversion, per
    reading). Built once, on first use; threads that ask meanwhile each get a complete table."""
    table: dict[str, dict[str, list[str]]] = {}
    by_reading: dict[str, str] = {}
    for phrase, readings in PHRASES_DICT.items():
        if len(readings) != len(phrase):  # no such entry today; if one appears, its characters take the slow way
            for ch in phrase:
                table.setdefault(ch, {}).setdefault(DEPENDS, []).append(phrase)
            continue
        for ch, reading in zip(phrase, readings, strict=True):
            initial = by_reading.get(reading[0])
            if initial is None:
                style = _CONVERTER.convert_style(ch, reading[0], Style.FIRST_LETTER, True)
                initial = by_reading[reading[0]] = style[0] if style and style[0].isalnum() else ""
            table.setdefault(ch, {}).setdefault(initial, []).append(phrase)
    return table


def _char_initial(ch: str) -> str:
    """The initial of ``ch`` wherever it stands in a run, or :data:`DEPENDS`."""
    found = _chars.get(ch)
    if found is None:
        alone = _word_initials(ch)
        by_initial = _phrases().get(ch, {})
        otherwise = frozenset(p for initial, phrases in by_initial.items() if initial != alone for p in phrases)
        if otherwise:  # (what _resolve_run needs is in place before the character is marked)
            known = DEPENDS not in by_initial
            _read_otherwise[ch] = (alone, max(map(len, otherwise)), otherwise) if known else None
        found = _chars[ch] = DEPENDS if otherwise else alone
    return found


def _run_initials(run: str) -> list[str]:
    """The initials of a run of Chinese characters: character by character, unless a character that some phrases
    read otherwise (长 in 长春 and 成长) stands in such a phrase — then word by word as pypinyin cuts the run."""
    try:
        spelled = "".join(map(_chars.__getitem__, run))
    except KeyError:
        spelled = "".join(map(_char_initial, run))
    if DEPENDS not in spelled:
        return [spelled]
    return _resolve_run(run)


def _resolve_run(run: str) -> list[str]:
    """:func:`_run_initials` of a run whose characters are all known, some of them :data:`DEPENDS`."""
    letters = list(map(_chars.__getitem__, run))
    for j, letter in enumerate(letters):
        if letter == DEPENDS:
            otherwise = _read_otherwise[run[j]]
            if otherwise is None or _in_phrase(run, j, otherwise[1], otherwise[2]):
                return [_word_initials(word) for word in mmseg.seg.cut(run)]
            letters[j] = otherwise[0]
    return ["".join(letters)]


def _in_phrase(run: str, j: int, longest: int, phrases: frozenset[str]) -> bool:
    """Whether one of ``phrases`` (none longer than ``longest``) covers position ``j`` of ``run``: only then can the
    character there be read otherwise than alone, whichever way pypinyin cuts the run into words. (A few phrases
    are looked for anywhere in the run: finding one elsewhere only means taking the slow way.)"""
    if len(phrases) <= FEW_PHRASES:
        return any(phrase in run for phrase in phrases)
    for size in range(2, min(longest, len(run)) + 1):
        for start in range(max(0, j - size + 1), min(j, len(run) - size) + 1):
            if run[start : start + size] in phrases:
                return True
    return False


def name_initials(name: str) -> str:
    """Lower-case pinyin initials of ``name`` (昆明某某电子 → kmmmdz), so officers can type a few Latin letters."""
    try:  # most names: Chinese characters seen before whose initials do not depend on the word
        spelled = "".join(map(_chars.__getitem__, name))
    except KeyError:
        pass
    else:
        return (spelled if DEPENDS not in spelled else "".join(_resolve_run(name))).lower()  # all Chinese
    out: list[str] = []
    for run in RUNS.findall(name):
        if HAN.match(run):
            out.extend(_run_initials(run))
        else:
            out.append(_word_initials(run))
    return "".join(out).lower()
