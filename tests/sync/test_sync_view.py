"""The 同步 page against the real loopback server, with the work run inline instead of on a thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from app.progress import Progress
from sync.engine import Receipt
from tests.sync.conftest import ACTOR, PASSWORD, Client
from tests.sync.test_sync import first_operator
from ui.main_window import MainWindow
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


def test_the_main_window_shows_the_page_with_its_summary_refreshed(qtbot: QtBot, client: Client) -> None:
    client.run()
    window = MainWindow(client.registry, "测试所", ACTOR, str(client.root), sync=client.sync)
    qtbot.addWidget(window)
    window.show()
    view = window.sync_view
    assert view is not None
    op = first_operator(client)
    client.registry.update(op.id, replace(client.registry.detail(op.id).draft, phone="0871-61112222"), ACTOR)
    window.navigation.setCurrentRow(window.pages.indexOf(view))  # shown: the summary is read again
    assert "1 register edits" in view.summary_label.text()
    view.sync_now()
    assert "Nothing to send" in view.summary_label.text()
