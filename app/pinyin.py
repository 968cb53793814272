"""Pinyin initials of names: officers type a few Latin letters (``kmdz``) instead of switching input methods.

Same result as ``pypinyin.lazy_pinyin(name, style=FIRST_LETTER)`` (a property test holds them equal), but fast
enough for bulk loads of 100,000 names: ``lazy_pinyin`` costs ~200 µs a name, most of it converting styles word by
word. This does the same steps — split into runs of Chinese and other characters as pypinyin's ``simpleseg`` does,
cut the Chinese runs into words with pypinyin's phrase segmenter, convert each word with pypinyin's default
converter — and remembers each word's initials; company names are built from a few thousand words (昆明市,
电子商务, 有限公司 …).

Cutting a run into words is itself most of the remaining cost, and for most runs it cannot change the result:
a character whose initial is the same in every phrase of pypinyin's dictionary as on its own (昆, 明, 电, 子 …,
all but a few hundred characters) has that initial however the run is cut. A run made only of such characters
is spelled character by character; a run with a character whose initial depends on the word (长 in 长春 and 成长,
行 in 银行 and 行走) is cut into words as before. The table of those initials is built from pypinyin's
dictionaries on first use (about a tenth of a second).
"""

from __future__ import annotations

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
_CONVERTER: Final = DefaultConverter()
"""What ``lazy_pinyin`` uses (``pypinyin.core`` builds the same default converter)."""
DEPENDS: Final = "\x00"
"""Marks a character whose initial depends on the word it is read in (never an initial itself)."""

_words: dict[str, str] = {}
_phrase_initials: dict[str, str] = {}
"""Character → its initial in the dictionary's phrases (:data:`DEPENDS` when they differ); built on first use."""
_chars: dict[str, str] = {}
"""Character → its initial wherever it stands, or :data:`DEPENDS`."""


def _word_initials(word: str) -> str:
    found = _words.get(word)
    if found is None:
        pinyin = _CONVERTER.convert(word, Style.FIRST_LETTER, False, "default", strict=True)
        found = "".join(part[0][0] for part in pinyin if part and part[0] and part[0][0].isalnum())
        if len(_words) >= MAX_CACHE:
            _words.clear()
        _words[word] = found
    return found


def _build_phrase_initials() -> None:
    """Each character's initial in every phrase it appears in (the converter's style conversion, per reading)."""
    by_reading: dict[str, str] = {}
    for phrase, readings in PHRASES_DICT.items():
        if len(readings) != len(phrase):  # no such entry today; if one appears, its characters take the slow way
            for ch in phrase:
                _phrase_initials[ch] = DEPENDS
            continue
        for ch, reading in zip(phrase, readings, strict=True):
            initial = by_reading.get(reading[0])
            if initial is None:
                style = _CONVERTER.convert_style(ch, reading[0], Style.FIRST_LETTER, True)
                initial = by_reading[reading[0]] = style[0] if style and style[0].isalnum() else ""
            if _phrase_initials.setdefault(ch, initial) != initial:
                _phrase_initials[ch] = DEPENDS


def _char_initial(ch: str) -> str:
    """The initial of ``ch`` wherever it stands in a run, or :data:`DEPENDS`."""
    found = _chars.get(ch)
    if found is None:
        if not _phrase_initials:
            _build_phrase_initials()
        alone = _word_initials(ch)
        in_phrases = _phrase_initials.get(ch, alone)
        found = _chars[ch] = alone if in_phrases == alone else DEPENDS
    return found


def _run_initials(run: str) -> list[str]:
    """The initials of a run of Chinese characters, character by character when no character depends on the
    word it is read in, else word by word as pypinyin cuts the run."""
    try:
        spelled = "".join(map(_chars.__getitem__, run))
    except KeyError:
        spelled = "".join(map(_char_initial, run))
    if DEPENDS in spelled:
        return [_word_initials(word) for word in mmseg.seg.cut(run)]
    return [spelled]


def name_initials(name: str) -> str:
    """Lower-case pinyin initials of ``name`` (昆明某某电子 → kmmmdz), so officers can type a few Latin letters."""
    out: list[str] = []
    for run in RUNS.findall(name):
        if HAN.match(run):
            out.extend(_run_initials(run))
        else:
            out.append(_word_initials(run))
    return "".join(out).lower()
