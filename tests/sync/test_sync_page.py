"""The 同步 page as a station officer uses it, against the real loopback server: the pre-flight summary, automatic
retries after a network failure (the clock and the random source are the test's; the retry itself runs on the
real worker thread), the receipt kept across a restart and saved as a text file, and a sign-in kept in memory
where the OS has no credential store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from keyring.backends import fail
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.progress import Progress
from app.services.sync import SyncRefused, SyncService
from app.sync_schedule import RetrySchedule
from localdb.sync_models import APPLIED
from sync.client import ServerUnreachable, SyncError
from sync.credentials import CredentialStore
from sync.engine import Receipt
from tests.sync.conftest import ACTOR, PASSWORD, Client, damage_pulled_page
from tests.sync.test_sync import first_operator, offline_work, outbox
from tests.unit.test_sync_schedule import Clock, highest
from ui.i18n import install_translators
from ui.sync_view import SyncView

CLOCK_START = datetime(2026, 5, 4, 9, 59, 50)


@pytest.fixture(autouse=True)
def leaves_qt_as_it_found_it() -> Iterator[None]:
    """Every test here leaves the default locale and the (English) texts as they were: a translator or locale left
    behind would change what every later test in the run sees."""
    locale = QLocale().name()
    yield
    assert QLocale().name() == locale, "the default locale was not restored"
    assert QCoreApplication.translate("SyncView", "User name") == "User name", "a translator was left installed"


@pytest.fixture
def switch_to_chinese() -> Iterator[Callable[[], None]]:
    """Switches the program to Chinese (the zh_CN translators and default locale) when the test calls it, and back
    afterwards whatever the outcome, so that later tests still see the English sources and the old locale."""
    app = QApplication.instance()
    assert app is not None
    default = QLocale()
    installed: list[QTranslator] = []
    yield lambda: installed.extend(install_translators(app))
    for translator in installed:
        app.removeTranslator(translator)
    QLocale.setDefault(default)


def inline(_parent: object, _label: str, work: Callable[[Progress], Receipt]) -> Receipt | None:
    return work(Progress.none())


class Outage:
    """The network is down (every request fails to connect, as without a cable) until :attr:`down` is cleared."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.down = True
        original = requests.Session.request

        def request(session: requests.Session, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
            if self.down:
                raise requests.exceptions.ConnectionError(f"no route to {url}")
            return original(session, method, url, *args, **kwargs)

        monkeypatch.setattr(requests.Session, "request", request)


def waiting_work(client: Client) -> tuple[SyncService, RetrySchedule]:
    """A synced station with offline work to send, and its sync service and retry plan on the test's clock."""
    client.run()
    offline_work(client)
    clock = Clock(CLOCK_START)
    service = SyncService(client.db, client.evidence_db, client.store, clock=clock)
    return service, RetrySchedule(base=30, cap=1800, clock=clock, uniform=highest)


def page(qtbot: QtBot, service: SyncService, schedule: RetrySchedule | None = None, server: str = "") -> SyncView:
    view = SyncView(service, default_server=server, runner=inline, actor=lambda: ACTOR, schedule=schedule)
    qtbot.addWidget(view)
    return view


def test_the_summary_says_what_the_next_sync_sends_and_what_is_blocked(qtbot: QtBot, client: Client) -> None:
    service = client.sync
    view = page(qtbot, service, server=client.server.base)
    assert "First sync" in view.summary_label.text()
    client.run()
    view.show()  # shown again: refreshed
    assert "Nothing to send" in view.summary_label.text()
    assert "Last successful sync" in view.summary_label.text()

    offline_work(client)
    with client.evidence_db.bulk_transaction() as conn:  # an evidence file lost on this computer
        conn.exec_driver_sql("DELETE FROM evidence_blob")
    view.hide()
    view.show()
    text = view.summary_label.text()
    assert "1 inspection records, 1 registry correction proposals, 1 register edits, 1 files" in text
    assert "1 items are not sent" in text and "the evidence file is missing on this computer" in text


def test_a_network_failure_is_retried_in_the_background_until_it_works(
    qtbot: QtBot, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr("ui.sync_view.QMessageBox.warning", lambda _p, _t, text: warnings.append(text))
    service, schedule = waiting_work(client)  # something to send: a retry is worth it
    outage = Outage(monkeypatch)
    view = page(qtbot, service, schedule)

    view.sync_now()
    assert len(warnings) == 1 and "Cannot reach the server" in warnings[0]
    assert schedule.next_at == CLOCK_START + timedelta(seconds=30)
    assert "Next automatic retry: 10:00" in view.status_label.text()
    assert view.background.timer.isActive()

    with qtbot.waitSignal(view.background.finished, timeout=60_000):
        view.retry_now()  # the timer fired: a second failure, in the background, without a dialog
        assert not view.sync_button.isEnabled() and "in the background" in view.status_label.text()
    assert len(warnings) == 1 and view.sync_button.isEnabled()
    assert schedule.attempt == 2 and schedule.next_at == CLOCK_START + timedelta(seconds=60)
    assert "Last attempt failed: Cannot reach the server" in view.status_label.text()

    outage.down = False  # the network is back
    with qtbot.waitSignal(view.synced, timeout=60_000):
        view.retry_now()
    assert (schedule.attempt, schedule.next_at) == (0, None)
    assert not view.background.timer.isActive() and view.status_label.text() == ""
    sent = len(outbox(client))
    assert {e.state for e in outbox(client)} == {APPLIED}
    assert f"Sent: {sent} changes ({sent} accepted, 0 refused)" in view.receipt_view.toPlainText()


def test_the_sync_button_bypasses_the_wait_and_resets_the_schedule(
    qtbot: QtBot, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ui.sync_view.QMessageBox.warning", lambda *_args: None)
    service, schedule = waiting_work(client)
    for _ in range(4):  # an outage of a while: the next try is minutes away
        schedule.after_failure(ServerUnreachable("down"), wanted=True)
    view = page(qtbot, service, schedule)
    assert schedule.next_at == CLOCK_START + timedelta(seconds=240)
    view.sync_now()
    assert (schedule.attempt, schedule.next_at) == (0, None)
    assert {e.state for e in outbox(client)} == {APPLIED}


def test_wrong_password_and_nothing_to_send_are_not_retried(
    qtbot: QtBot, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr("ui.sync_view.QMessageBox.warning", lambda _p, _t, text: warnings.append(text))
    service, schedule = waiting_work(client)
    view = page(qtbot, service, schedule)
    view.user_edit.setText("demo1")
    view.password_edit.setText("wrong-password")
    view.sync_now()
    assert "wrong" in warnings[-1]
    assert schedule.next_at is None and not view.background.timer.isActive()
    assert "No automatic retry" in view.status_label.text()

    client.run(user=None)  # everything sent, and the register was refreshed just now
    service.store.save_state(last_sync_at=CLOCK_START)
    Outage(monkeypatch)
    view = page(qtbot, service, schedule)
    view.sync_now()
    assert schedule.next_at is None  # a failure with nothing to sync plans no retry


def test_two_syncs_never_run_at_once(client: Client) -> None:
    client.run()
    service = client.sync
    refused: list[str] = []

    def meanwhile(_done: int, _total: int) -> None:
        if not refused:
            try:
                service.run(client.server.base)
            except SyncRefused as exc:
                refused.append(exc.kind)

    service.run(client.server.base, progress=Progress(report=meanwhile))
    assert refused == ["busy"]
    service.run(client.server.base)  # the lock is free again


def test_the_receipt_survives_a_restart_and_is_saved_as_text(
    qtbot: QtBot, client: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, switch_to_chinese: Callable[[], None]
) -> None:
    client.run()
    op = first_operator(client)
    client.registry.update(op.id, replace(client.registry.detail(op.id).draft, phone="0871-63334444"), ACTOR)
    view = page(qtbot, client.sync)
    view.sync_now()
    shown = view.receipt_view.toPlainText()
    assert "Sent: 1 changes (1 accepted, 0 refused)" in shown and "operator: 1 accepted, 0 refused" in shown
    assert "Checked: this computer matches the server." in shown

    client.reopen()  # the program was closed and started again
    restarted = page(qtbot, client.sync)
    assert restarted.receipt_view.toPlainText() == shown and restarted.export_button.isEnabled()

    switch_to_chinese()
    restarted.show_receipt(client.sync.last_receipt() or {})  # shown in Chinese
    target = tmp_path / "回执.txt"
    monkeypatch.setattr("ui.sync_view.QFileDialog.getSaveFileName", lambda *_args: (str(target), "*.txt"))
    restarted.export_receipt()
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # BOM and CRLF: old Notepad shows it right
    text = raw.decode("utf-8-sig")
    assert "同步回执" in text and client.server.base in text and "接收 1 项" in text


def test_without_an_os_credential_store_the_sign_in_lasts_until_the_program_quits(qtbot: QtBot, client: Client) -> None:
    no_keyring = CredentialStore(fail.Keyring())
    service = SyncService(client.db, client.evidence_db, no_keyring)
    view = page(qtbot, service, server=client.server.base)
    assert view.keyring_note.isVisibleTo(view)
    service.run(client.server.base, "demo1", PASSWORD)
    service.run(client.server.base)  # the same run of the program: no password needed (background retries too)
    restarted = SyncService(client.db, client.evidence_db, no_keyring)
    with pytest.raises(SyncError) as caught:
        restarted.run(client.server.base)
    assert caught.value.kind == "login_required"
    with_keyring = page(qtbot, client.sync)
    assert not with_keyring.keyring_note.isVisibleTo(with_keyring)


def test_quitting_stops_the_retries(qtbot: QtBot, client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ui.sync_view.QMessageBox.warning", lambda *_args: None)
    client.run()
    offline_work(client)
    service = client.sync
    Outage(monkeypatch)
    view = page(qtbot, service)
    view.sync_now()
    assert view.background.timer.isActive()
    view.shutdown()
    assert not view.background.timer.isActive() and not view.background.running


def test_a_failed_first_sync_waits_for_the_officer(
    qtbot: QtBot, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ui.sync_view.QMessageBox.warning", lambda *_args: None)
    Outage(monkeypatch)
    schedule = RetrySchedule(clock=Clock(CLOCK_START), uniform=highest)
    view = page(qtbot, client.sync, schedule, server=client.server.base)
    view.user_edit.setText("demo1")
    view.password_edit.setText(PASSWORD)
    view.sync_now()
    assert schedule.next_at is None  # no server known yet: the first sync needs the form, not a timer
    assert "No automatic retry" in view.status_label.text()


def test_a_cancelled_sync_says_how_to_go_on(qtbot: QtBot, client: Client) -> None:
    client.run()
    view = SyncView(client.sync, runner=lambda *_args: None, actor=lambda: ACTOR)  # the officer pressed cancel
    qtbot.addWidget(view)
    view.sync_now()
    assert "Sync cancelled" in view.status_label.text()


def test_a_malformed_answer_is_explained_and_not_retried(
    qtbot: QtBot, client: Client, monkeypatch: pytest.MonkeyPatch, switch_to_chinese: Callable[[], None]
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr("ui.sync_view.QMessageBox.warning", lambda _p, _t, text: warnings.append(text))
    damage_pulled_page(monkeypatch, 1)
    switch_to_chinese()
    schedule = RetrySchedule(clock=Clock(CLOCK_START), uniform=highest)
    view = page(qtbot, client.sync, schedule, server=client.server.base)
    view.user_edit.setText("demo1")
    view.password_edit.setText(PASSWORD)
    view.sync_now()
    assert warnings and "服务器发来的数据本版本无法读取" in warnings[-1] and "change" in warnings[-1]
    assert schedule.next_at is None  # the same answer would come again: the officer reports it
    assert "服务器发来的数据本版本无法读取" in view.status_label.text()
    assert client.registry.count() == 0  # nothing of the damaged page was stored
