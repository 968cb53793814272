"""Per-data-directory settings, declared once with type and default, stored in ``settings.ini``.

Only non-secret choices live here (the key itself never does): which officer used the desk last, and where the
user chose to keep the key when the OS has no credential store.
"""

from __future__ import annotations

import configparser
import io
from dataclasses import dataclass, fields
from pathlib import Path

from app.paths import fsync_write

SECTION = "stationdesk"


@dataclass
class Settings:
    """Every setting with its type and default; unknown keys in the file are ignored, missing ones defaulted."""

    key_file: str = ""
    """Path of the key file, when the user chose one instead of the OS credential store."""
    use_passphrase: bool = False
    """The user chose a passphrase instead of the OS credential store."""
    last_officer_id: str = ""
    """Pre-selected in the officer picker at start."""

    @classmethod
    def load(cls, path: Path) -> Settings:
        """Read ``path``; a missing or unreadable file gives the defaults (settings are never worth a crash)."""
        parser = configparser.ConfigParser()
        try:
            parser.read(path, encoding="utf-8")
        except (configparser.Error, OSError, UnicodeDecodeError):
            return cls()
        values = parser[SECTION] if parser.has_section(SECTION) else {}
        settings = cls()
        for field in fields(cls):
            if field.name in values:
                raw = values[field.name]
                setattr(settings, field.name, raw.lower() == "true" if field.type in ("bool", bool) else raw)
        return settings

    def save(self, path: Path) -> None:
        """Write atomically, so a crash mid-write never leaves a truncated settings file."""
        parser = configparser.ConfigParser()
        parser[SECTION] = {field.name: str(getattr(self, field.name)) for field in fields(self)}
        buffer = io.StringIO()
        parser.write(buffer)
        fsync_write(path, buffer.getvalue().encode("utf-8"))
