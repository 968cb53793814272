"""Gram tokens of many texts at once, for bulk indexing (the rule, and the per-row function the triggers use, are
in localdb/search_index.py).

Indexing a big register the row-by-row way calls Python once per text and character: for 100,000 operators that
was over a third of the whole indexing time. Here a batch of texts is joined into one string and every step runs
over all of it in C code of the standard library: ``bytes.translate`` classifies each UTF-16 code unit from its two
bytes, integer bit operations combine the one-byte-per-unit flags (shifting by one byte lines each unit up with
its successor, which is how the pairs are found), and strided slice assignment lays the tokens out.

Each text gets the same set of tokens as :func:`localdb.search_index.grams` gives it (tests/db/test_search_grams.py
holds the two to each other), in order of appearance, but repeats are not removed: the gram index is contentless
(migration 0007), so only the set of tokens counts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

BATCH: Final = 10_000
"""Texts per pass: the passes' buffers take about 100 bytes per character, so this bounds memory to a few MB."""

# Class bits of a UTF-16 code unit: one from its high byte, the others from its low byte, OR-ed together.
_CJK_BLOCK = 1  # high byte inside a CJK block: U+3400-U+4CFF, U+4E00-U+9FFF, U+F900-U+FAFF
_ASCII = 2  # high byte 0
_HIGH_4D = 4  # U+4Dxx: CJK extension A below U+4DC0 only
_LOW_LATIN = 8  # low byte is a-z or 0-9 (the text is lower-cased first)
_LOW_BELOW_C0 = 16
_LOW_NEWLINE = 32


def _table(rule: Callable[[int], bool | int]) -> bytes:
    return bytes(int(rule(value)) for value in range(256))


def _is_cjk(code: int) -> bool:
    return bool(code & _CJK_BLOCK or (code & _HIGH_4D and code & _LOW_BELOW_C0))


def _is_latin(code: int) -> bool:
    return bool(code & _ASCII and code & _LOW_LATIN)


_HIGH = _table(
    lambda b: (
        _CJK_BLOCK
        if 0x34 <= b <= 0x4C or 0x4E <= b <= 0x9F or b in (0xF9, 0xFA)
        else _ASCII
        if b == 0
        else _HIGH_4D
        if b == 0x4D
        else 0
    )
)
_LOW = _table(
    lambda b: (
        (_LOW_LATIN if chr(b) in "abcdefghijklmnopqrstuvwxyz0123456789" else 0)
        | (_LOW_BELOW_C0 if b < 0xC0 else 0)
        | (_LOW_NEWLINE if b == ord("\n") else 0)
    )
)
_CJK_MASK = _table(lambda code: 0xFF * _is_cjk(code))
_NAME_MASK = _table(lambda code: 0xFF * (_is_cjk(code) or _is_latin(code)))
_NEWLINE_MASK = _table(lambda code: 0xFF * bool(code & _ASCII and code & _LOW_NEWLINE))

_SLOTS = 5
"""Output code units per input unit: the unit alone and a space, the unit and its successor and a space (each left
NUL where that token is not kept)."""


def grams_of_many(texts: Sequence[str | None], with_latin: int) -> list[str]:
    """The gram tokens of each text (see :func:`localdb.search_index.grams`), space-separated, in input order."""
    out: list[str] = []
    for start in range(0, len(texts), BATCH):
        out.extend(_grams_of_batch(texts[start : start + BATCH], with_latin))
    return out


def _joined(texts: Sequence[str | None]) -> str:
    """The lower-cased texts, one per line (a newline inside a text, only ever a separator, becomes a space)."""
    parts = [text or "" for text in texts]
    joined = "\n".join(parts).lower()
    if joined.count("\n") != len(parts) - 1:
        joined = "\n".join(part.replace("\n", " ") for part in parts).lower()
    return joined


def _grams_of_batch(texts: Sequence[str | None], with_latin: int) -> list[str]:
    # Lone surrogates cannot come from the database (its text is UTF-8); let them through as non-name units anyway.
    units = _joined(texts).encode("utf-16-le", "surrogatepass")
    count = len(units) // 2
    if not count:
        return [""] * len(texts)
    high = int.from_bytes(units[1::2].translate(_HIGH), "big")
    classes = (high | int.from_bytes(units[0::2].translate(_LOW), "big")).to_bytes(count, "big")
    cjk, name = _flags(classes, _CJK_MASK), _flags(classes, _NAME_MASK)
    pair = name & (name << 8) & ((1 << (8 * count)) - 1)  # this unit and the next are both name characters
    if not with_latin:
        pair &= cjk | (cjk << 8)
    single = name if with_latin else cjk
    kept = _two_bytes_each(single | _flags(classes, _NEWLINE_MASK), count)  # newlines stay: they end each line
    wide_single, wide_pair = _two_bytes_each(single, count), _two_bytes_each(pair, count)

    text = int.from_bytes(units, "big")
    successor = int.from_bytes(units[2:] + b"\0\0", "big")
    spaces = int.from_bytes(" ".encode("utf-16-le") * count, "big")
    lanes = (text & kept, spaces & wide_single, text & wide_pair, successor & wide_pair, spaces & wide_pair)
    layout = bytearray(2 * _SLOTS * count)
    for slot, lane in enumerate(lanes):
        lane_bytes = lane.to_bytes(2 * count, "big")
        layout[2 * slot :: 2 * _SLOTS] = lane_bytes[0::2]
        layout[2 * slot + 1 :: 2 * _SLOTS] = lane_bytes[1::2]
    # Slots of tokens not kept are NUL (0): removing them leaves each kept token followed by a space.
    return layout.decode("utf-16-le").replace("\0", "").split("\n")


def _flags(classes: bytes, mask: bytes) -> int:
    """One byte per unit, 0xFF where ``mask`` says so for the unit's class. As a big-endian integer byte *i* is
    unit *i*, so shifting left by 8 bits puts unit *i+1*'s flag on unit *i*."""
    return int.from_bytes(classes.translate(mask), "big")


def _two_bytes_each(flags: int, count: int) -> int:
    """``flags`` (one byte per unit) widened to one 16-bit lane per unit."""
    single = flags.to_bytes(count, "big")
    wide = bytearray(2 * count)
    wide[0::2] = single
    wide[1::2] = single
    return int.from_bytes(wide, "big")
