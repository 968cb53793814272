"""Translation markers for the Qt-free layers.

The core (app/, localdb/, sync/) never imports Qt, yet its user-facing messages must reach the user in Chinese
through Qt Linguist. The core therefore keeps English message templates marked with ``QT_TRANSLATE_NOOP``:
``pyside6-lupdate`` recognises the marker by name and extracts the text into the .ts file, and the UI (or the CLI)
translates the template with ``QCoreApplication.translate(context, text)`` at display time, then formats it.
"""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate recognises
    """Mark ``text`` for translation in ``context`` without translating it here."""
    del context
    return text
