"""Crash handling: an uncaught exception or a hard crash leaves a log in the data directory, shown at next start.

``faulthandler`` writes the Python stack of a segfault or abort straight to the open log file (no Python code can
run then); ``sys.excepthook`` records ordinary uncaught exceptions. The next start finds the log, shows it, and
moves it aside, so the user can send it and the same crash is not reported twice.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TextIO

log = logging.getLogger(__name__)

_fault_file: TextIO | None = None


def install(crash_log: Path) -> None:
    """Route uncaught exceptions and fatal signals to ``crash_log``."""
    global _fault_file
    crash_log.parent.mkdir(parents=True, exist_ok=True)
    fault_log = crash_log.with_suffix(".fault")
    _fault_file = fault_log.open("a", encoding="utf-8")
    faulthandler.enable(_fault_file)

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        record_exception(crash_log, kind, value, tb)
        sys.__excepthook__(kind, value, tb)

    sys.excepthook = hook


def record_exception(
    crash_log: Path, kind: type[BaseException], value: BaseException, tb: TracebackType | None
) -> None:
    """Append one exception with its traceback to ``crash_log``."""
    log.critical("uncaught exception", exc_info=(kind, value, tb))
    with crash_log.open("a", encoding="utf-8") as handle:
        handle.write(f"=== {datetime.now().isoformat(timespec='seconds')}\n")
        handle.write("".join(traceback.format_exception(kind, value, tb)))


def take_previous_report(crash_log: Path) -> str | None:
    """The crash report left by an earlier run, if any; the files are renamed so it is shown only once."""
    parts: list[str] = []
    for path in (crash_log, crash_log.with_suffix(".fault")):
        try:
            text = path.read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            continue
        if text:
            parts.append(text)
            stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
            path.rename(path.with_name(f"{path.stem}-{stamp}{path.suffix}.seen"))
    return "\n\n".join(parts) or None
