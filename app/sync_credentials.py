"""Where the sync sign-in is kept: the OS credential store, or — where the OS has none — this run's memory only.

The refresh token is a secret and is never written to a plain file. Without an OS credential store (a headless
Linux box) it is kept in memory for as long as the program runs, so the background retry and the next 同步 press
work without the password, and the page tells the officer that the next start asks for the password again.
"""

from __future__ import annotations

from sync.credentials import CredentialStore


class SessionCredentials(CredentialStore):
    """Secrets in a dict for the life of the process: lost when the program ends, by design."""

    def __init__(self, describe: str) -> None:
        self._secrets: dict[str, str] = {}
        self._describe = describe

    def available(self) -> bool:
        return True

    def describe(self) -> str:
        return f"memory only (no OS credential store: {self._describe})"

    def get(self, account: str) -> str | None:
        return self._secrets.get(account)

    def set(self, account: str, secret: str) -> None:
        self._secrets[account] = secret

    def delete(self, account: str) -> None:
        self._secrets.pop(account, None)


def sign_in_store(store: CredentialStore) -> tuple[CredentialStore, bool]:
    """The store for sync tokens, and whether it is memory only (the OS has no usable credential store)."""
    if store.available():
        return store, False
    return SessionCredentials(store.describe()), True
