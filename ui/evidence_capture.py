"""Turning what the user pastes or drops into evidence: a picture as PNG bytes, the local files of a drag or an
Explorer copy, the device a screenshot was taken on, and the official wording of how each was fixed (固定方式)."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QSysInfo
from PySide6.QtGui import QImage

from app.inspections.vocabulary import EVIDENCE_METHODS

SCREENSHOT: Final = EVIDENCE_METHODS[0]
"""截图: how a pasted screenshot was fixed (the official wording, from the vocabulary)."""
FILE_COPY: Final = EVIDENCE_METHODS[5]
"""文件复制: how a file added from disk was fixed."""


def device_description() -> str:
    """The computer and system a screenshot was taken on (电子数据取证: the device or tool)."""
    return f"{QSysInfo.machineHostName()} / {QSysInfo.prettyProductName()}"


def png_bytes(image: QImage) -> bytes:
    """An image as PNG file bytes (lossless: the screenshot is kept as it was)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; PySide6 wants str
    buffer.close()
    return bytes(data.data())


def local_files(mime: QMimeData | None) -> list[Path]:
    """Local files dragged or copied (Explorer's copy puts their URLs on the clipboard)."""
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
