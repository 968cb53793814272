"""Known failures of the app layer, and the user message for every known failure below it.

Messages are English templates marked for translation (context ``Errors``); the UI and the CLI translate them to
Chinese and format them. Each says what happened and what to do next.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.i18n import QT_TRANSLATE_NOOP
from app.validation import Finding
from localdb.errors import (
    DatabaseLockedError,
    DiskFullError,
    LocalDbError,
    MigrationError,
    NewerSchemaError,
    NotADatabaseError,
    ReadOnlyError,
    WrongKeyError,
)


class AppError(Exception):
    """Base of the app layer's known errors."""


class ValidationFailed(AppError):
    """The input has errors; nothing was saved."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        super().__init__("; ".join(f.render() for f in findings))
        self.findings = list(findings)


class NeedsOverrideReason(AppError):
    """Only warnings remain (e.g. a failing check character): saving needs the user's reason."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        super().__init__("; ".join(f.render() for f in findings))
        self.findings = list(findings)


class NotFound(AppError):
    """The record is gone (deleted in another window, or never existed)."""


class NoCredentialStore(AppError):
    """The OS has no credential store to keep the database key in; the user must choose another way."""


class KeyMissing(AppError):
    """The database exists but its key is not in the credential store (another user account, a wiped keyring)."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


class DataDirUnusable(AppError):
    """The data directory cannot be created or written to."""

    def __init__(self, path: str, detail: str = "") -> None:
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.detail = detail


@dataclass(frozen=True)
class UserMessage:
    """A translated-at-display message: a title and a body template with its parameters."""

    title: str
    body: str
    params: tuple[tuple[str, str], ...] = ()


def user_message(exc: BaseException) -> UserMessage | None:
    """The message for a known failure, or ``None`` for an unexpected one (which goes to the crash path)."""
    path = str(getattr(exc, "path", ""))
    params = (("path", path), ("detail", str(getattr(exc, "detail", ""))))
    known: list[tuple[type[BaseException], str, str]] = [
        (
            WrongKeyError,
            QT_TRANSLATE_NOOP("Errors", "Cannot unlock the database"),
            QT_TRANSLATE_NOOP(
                "Errors",
                "The database {path} is encrypted with a different key. Nothing was changed. Start StationDesk "
                "under the Windows account that created the data, or restore the key; if you use a key file or "
                "passphrase, check that it is the right one.",
            ),
        ),
        (
            KeyMissing,
            QT_TRANSLATE_NOOP("Errors", "The database key is missing"),
            QT_TRANSLATE_NOOP(
                "Errors",
                "The key of the database {path} is not in this computer's credential store. Nothing was changed. "
                "Log in with the account that created the data, or ask your administrator to restore the key.",
            ),
        ),
        (
            NotADatabaseError,
            QT_TRANSLATE_NOOP("Errors", "Not a StationDesk database"),
            QT_TRANSLATE_NOOP(
                "Errors",
                "The file {path} is not a StationDesk database, or it is damaged. It was not changed. Choose "
                "another data folder, or restore the latest backup from the backups folder.",
            ),
        ),
        (
            DatabaseLockedError,
            QT_TRANSLATE_NOOP("Errors", "The database is in use"),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Another StationDesk window is using {path}. Close the other window and try again.",
            ),
        ),
        (
            NewerSchemaError,
            QT_TRANSLATE_NOOP("Errors", "The database is from a newer version"),
            QT_TRANSLATE_NOOP(
                "Errors",
                "The database {path} was written by a newer StationDesk. To protect it, this version will not "
                "open it. Install the newest StationDesk.",
            ),
        ),
        (
            MigrationError,
            QT_TRANSLATE_NOOP("Errors", "The database upgrade failed"),
            QT_TRANSLATE_NOOP(
                "Errors",
                "Upgrading {path} failed and was rolled back. A backup was taken first: {detail}. Send the log "
                "to support; your data is safe.",
            ),
        ),
        (
            DataDirUnusable,
            QT_TRANSLATE_NOOP("Errors", "The data folder cannot be used"),
            QT_TRANSLATE_NOOP(
                "Errors",
                "StationDesk cannot write to the data folder {path}. Choose a folder you may write to (for "
                "example in your Documents), or ask your administrator for write permission.",
            ),
        ),
        (
            ReadOnlyError,
            QT_TRANSLATE_NOOP("Errors", "The database cannot be written"),
            QT_TRANSLATE_NOOP(
                "Errors",
                "StationDesk cannot write to {path} (the file or its folder is read-only). The last change was not "
                "saved; everything saved before it is safe. Copy the data folder to a place you may write to, or "
                "ask your administrator for write permission.",
            ),
        ),
        (
            DiskFullError,
            QT_TRANSLATE_NOOP("Errors", "The disk is full"),
            QT_TRANSLATE_NOOP(
                "Errors",
                "The disk holding {path} is full. The last change was not saved; everything saved before it is "
                "safe. Free some disk space and try again.",
            ),
        ),
        (
            NoCredentialStore,
            QT_TRANSLATE_NOOP("Errors", "No credential store"),
            QT_TRANSLATE_NOOP(
                "Errors",
                "This computer has no system credential store to keep the database key in. Start StationDesk "
                "with a key file (--key-file), or set a passphrase; see the README.",
            ),
        ),
    ]
    for kind, title, body in known:
        if isinstance(exc, kind):
            return UserMessage(title, body, params)
    if isinstance(exc, LocalDbError):
        return UserMessage(QT_TRANSLATE_NOOP("Errors", "Database error"), "{detail}", params)
    return None
