"""Pinyin initials of names: officers type a few Latin letters (``kmdz``) instead of switching input methods."""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin


def name_initials(name: str) -> str:
    """Lower-case pinyin initials of a name (昆明某某电子 → kmmmdz), so officers can type a few Latin letters."""
    initials = lazy_pinyin(name, style=Style.FIRST_LETTER)
    return "".join(part[0] for part in initials if part and part[0].isalnum()).lower()
