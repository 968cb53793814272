"""How the ledger screens (import wizard, export dialog, undo) show a message or a known failure: a non-blocking box
in Chinese; anything unknown goes on to the crash path."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import user_message
from app.ledger.errors import LedgerError

translate = QCoreApplication.translate


def message_box(parent: QWidget | None, title: str, text: str, icon: QMessageBox.Icon) -> QMessageBox:
    """A non-blocking message box that deletes itself when closed."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def explain_failure(parent: QWidget | None, exc: BaseException) -> None:
    """Show a known failure in Chinese; re-raise anything else (it goes to the crash path)."""
    if isinstance(exc, LedgerError):
        title, body = exc.texts(translate)
        message_box(parent, title, body, QMessageBox.Icon.Warning)
        return
    known = user_message(exc)
    if known is None:
        raise exc
    body = translate("Errors", known.body).format(**dict(known.params))
    message_box(parent, translate("Errors", known.title), body, QMessageBox.Icon.Critical)
