"""Translations through Qt Linguist: the zh_CN catalogue is compiled from its .ts source and installed.

The .ts file in resources/translations is the source of truth (edited with Qt Linguist or by the catalogue
tool); the .qm it compiles to is a build output, not committed. ``lrelease`` runs at build time (build.spec) and,
in a checkout, whenever the .qm is missing or older than its .ts — so an install from source never shows English.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

LOCALE = "zh_CN"
TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"
TS_FILE = TRANSLATIONS / f"stationdesk_{LOCALE}.ts"
QM_NAME = f"stationdesk_{LOCALE}.qm"


def lrelease_binary() -> Path:
    """The lrelease program shipped inside the PySide6 wheel."""
    folder = Path(PySide6.__file__).parent
    return folder / ("lrelease.exe" if sys.platform == "win32" else "lrelease")


def compile_catalogue(ts_file: Path = TS_FILE, qm_file: Path | None = None) -> Path:
    """Compile ``ts_file`` with lrelease (only when stale) and return the .qm path.

    Falls back to a temporary directory when the source tree is read-only (an installed copy).
    """
    qm_file = qm_file or ts_file.with_suffix(".qm")
    if qm_file.exists() and (not ts_file.exists() or qm_file.stat().st_mtime >= ts_file.stat().st_mtime):
        return qm_file
    if not ts_file.exists():
        raise FileNotFoundError(ts_file)
    try:
        qm_file.touch()
    except OSError:
        qm_file = Path(tempfile.gettempdir()) / "stationdesk" / QM_NAME
        qm_file.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [str(lrelease_binary()), "-silent", str(ts_file), "-qm", str(qm_file)],
        check=True,
        capture_output=True,
    )
    return qm_file


def _catalogue() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources" / "translations" / QM_NAME
    return compile_catalogue()


def load_app_translator() -> QTranslator:
    """The StationDesk catalogue loaded into a translator (not installed)."""
    translator = QTranslator()
    path = _catalogue()
    if not translator.load(str(path)):
        log.error("cannot load translation catalogue %s", path)
    return translator


def install_translators(app: QCoreApplication) -> list[QTranslator]:
    """Install the StationDesk and Qt's own zh_CN catalogues (the latter translates standard buttons)."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translators = [load_app_translator()]
    qt_base = QTranslator()
    if qt_base.load(f"qtbase_{LOCALE}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        translators.append(qt_base)
    for translator in translators:
        app.installTranslator(translator)
    return translators


def load_core_translator() -> Callable[[str, str], str]:
    """A ``translate(context, text)`` function for code that runs without a Qt application (the CLI)."""
    translator = load_app_translator()

    def translate(context: str, text: str) -> str:
        return translator.translate(context, text) or text

    return translate
