"""Evidence blobs on the filesystem, content-addressed by SHA-256.

An upload streams into a temporary file in the store's own ``tmp`` directory (same filesystem, so the rename is
atomic), hashing as it goes — the server holds one network chunk at a time, never the file, and the writes run on
worker threads so a slow disk does not stall the event loop; the file is fsynced, the hash compared with the
address the client named, and only then renamed into place (``ab/cd/abcd…``) and the directory fsynced. A crash or
a cut connection at any point leaves either no blob or a complete one — never a partial file under a valid
address. Which station may see a blob is recorded in the database (``blob_owner``), after the file is durable.

S3-compatible storage would implement the same three operations (``path``/``exists``, ``store`` and ``open``);
it is not built yet.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import AsyncIterator
from pathlib import Path

import anyio
from starlette.concurrency import run_in_threadpool


class HashMismatch(ValueError):
    """The uploaded bytes do not hash to the address they were sent to."""

    def __init__(self, expected: str, actual: str, size: int) -> None:
        super().__init__(f"the uploaded {size} bytes hash to {actual}, not {expected}")
        self.expected = expected
        self.actual = actual


class TooLarge(ValueError):
    """The upload exceeds the blob size limit."""


class FileBlobStore:
    """Blobs under ``root``; safe for several server processes sharing the directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.tmp = root / "tmp"

    def prepare(self) -> None:
        self.tmp.mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    async def receive(self, sha256: str, chunks: AsyncIterator[bytes], limit: int) -> int:
        """Store the streamed bytes under ``sha256``; returns their size. Raises :class:`HashMismatch`."""
        temp = self.tmp / f"{secrets.token_hex(16)}.part"
        hasher = hashlib.sha256()
        size = 0
        try:
            async with await anyio.open_file(temp, "wb") as handle:
                async for chunk in chunks:
                    size += len(chunk)
                    if size > limit:
                        raise TooLarge(f"the file is larger than {limit} bytes")
                    hasher.update(chunk)
                    await handle.write(chunk)
                await handle.flush()
                await run_in_threadpool(os.fsync, handle.wrapped.fileno())
            actual = hasher.hexdigest()
            if actual != sha256:
                raise HashMismatch(sha256, actual, size)
            await run_in_threadpool(self._place, temp, sha256)
        finally:
            temp.unlink(missing_ok=True)
        return size

    def _place(self, temp: Path, sha256: str) -> None:
        target = self.path(sha256)
        if target.is_file() and target.stat().st_size == temp.stat().st_size:
            return  # same content already stored (by this or another station); keep the original file
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(temp, target)
        _fsync_dir(target.parent)


def _fsync_dir(directory: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows; NTFS journals the rename
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
