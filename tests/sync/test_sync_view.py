"""The 同步 page against the real loopback server, with the work run inline instead of on a thread."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from app.progress import Progress
from sync.engine import Receipt
from tests.sync.conftest import PASSWORD, Client
from ui.sync_view import SyncView


def inline(_parent: object, _label: str, work: Callable[[Progress], Receipt]) -> Receipt | None:
    return work(Progress.none())


def test_first_sync_from_the_page_shows_the_receipt(
    qtbot: QtBot, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = SyncView(client.sync, default_server=client.server.base, runner=inline)
    qtbot.addWidget(view)
    assert not view.server_edit.isReadOnly()
    view.user_edit.setText("demo1")
    view.password_edit.setText(PASSWORD)
    view.sync_now()
    assert view.export_button.isEnabled()
    assert view.server_edit.isReadOnly()
    assert view.password_edit.text() == ""
    assert view.receipt_view.toPlainText()
    assert client.registry.count() > 0


def test_a_known_failure_is_a_message_not_a_crash(
    qtbot: QtBot, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr("ui.sync_view.QMessageBox.warning", lambda _p, _t, text: shown.append(text))
    view = SyncView(client.sync, default_server="http://127.0.0.1:9", runner=inline)
    qtbot.addWidget(view)
    view.user_edit.setText("demo1")
    view.password_edit.setText(PASSWORD)
    view.sync_now()
    assert shown and not view.export_button.isEnabled()
