"""Canonical JSON and the integrity hashes (SHA-256, and SM3 for 国密 compliance) of inspections.

Canonical JSON is what every hash in this package covers: keys sorted, no insignificant whitespace, UTF-8 without
``\\u`` escapes for Chinese, no floats (numbers that need decimals are decimal strings), dates and times as ISO 8601
text. Anyone can recompute a hash from an export with any JSON library that can sort keys.

SM3 (GB/T 32905-2016) comes from the ``cryptography`` package, which calls OpenSSL's implementation (its wheels for
Windows and Linux bundle an OpenSSL with SM3); a pure-Python SM3 (e.g. ``gmssl``) hashes a few MB/s, too slow for
screen recordings.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Any

from cryptography.hazmat.primitives import hashes


def _default(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"not canonical JSON: {type(value).__name__}")


def canonical_json(value: Any) -> str:
    """The canonical JSON text of ``value`` (floats are refused: they do not round-trip reliably)."""

    def check(node: Any) -> None:
        if isinstance(node, float):
            raise TypeError("floats are not allowed in canonical JSON; use a decimal string")
        if isinstance(node, dict):
            for child in node.values():
                check(child)
        elif isinstance(node, list | tuple):
            for child in node:
                check(child)

    check(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_default)


def sha256_hex(data: bytes | str) -> str:
    """SHA-256 of bytes (or of UTF-8 text), lower-case hex."""
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def json_hash(value: Any) -> str:
    """SHA-256 of the canonical JSON of ``value``."""
    return sha256_hex(canonical_json(value))


class DualHasher:
    """SHA-256 and SM3 over the same stream of bytes, fed in chunks."""

    def __init__(self) -> None:
        self._sha = hashlib.sha256()
        self._sm3 = hashes.Hash(hashes.SM3())
        self.size = 0

    def update(self, data: bytes) -> None:
        self._sha.update(data)
        self._sm3.update(data)
        self.size += len(data)

    def hexdigests(self) -> tuple[str, str]:
        """``(sha256, sm3)`` in lower-case hex; the hasher cannot be used afterwards."""
        return self._sha.hexdigest(), self._sm3.finalize().hex()


def sm3_hex(data: bytes) -> str:
    """SM3 of ``data``, lower-case hex."""
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize().hex()
