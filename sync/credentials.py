"""Secrets in the OS credential store (Windows Credential Manager, macOS Keychain, Secret Service) via keyring.

Nothing secret is ever written to a plain file by this module. Where the OS has no credential store (a headless
Linux box has only keyring's "fail" backend), :meth:`CredentialStore.available` says so, and the caller must let
the user choose another way explicitly rather than fall back silently.
"""

from __future__ import annotations

import contextlib

import keyring
import keyring.backend
from keyring.backends import fail

SERVICE = "StationDesk"
"""Service name under which every StationDesk secret is stored."""


class CredentialStore:
    """Get, set and delete StationDesk's secrets; tests pass an in-memory keyring backend."""

    def __init__(self, backend: keyring.backend.KeyringBackend | None = None) -> None:
        self._backend = backend or keyring.get_keyring()

    def available(self) -> bool:
        """Whether a real credential store is behind keyring on this machine."""
        backends = getattr(self._backend, "backends", [self._backend])
        return any(not isinstance(b, fail.Keyring) and b.priority > 0 for b in backends)

    def describe(self) -> str:
        """Where secrets live, to tell the user (e.g. "WinVaultKeyring")."""
        return type(self._backend).__name__

    def get(self, account: str) -> str | None:
        """The secret stored for ``account``, or ``None``."""
        return self._backend.get_password(SERVICE, account)

    def set(self, account: str, secret: str) -> None:
        """Store (or replace) the secret for ``account``."""
        self._backend.set_password(SERVICE, account, secret)

    def delete(self, account: str) -> None:
        """Forget the secret for ``account`` (no error when it is already gone)."""
        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            self._backend.delete_password(SERVICE, account)
