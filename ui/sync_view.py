"""The 同步 page: server and sign-in, what the next sync sends (pre-flight), one button, automatic retries, the
receipt (kept across restarts, saved as a text file) and, on a second tab, the conflicts.

Thin: the work is :class:`app.services.sync.SyncService`; the button's sync runs off the GUI thread through
:func:`ui.progress.run_with_progress` (cancel stops it between local transactions; nothing half-applied remains).
After a failure of the network or the server, :class:`app.sync_schedule.RetrySchedule` plans the next try and
:class:`ui.sync_background.BackgroundSync` runs it without a dialog; the button bypasses the wait.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.progress import Cancelled, Progress
from app.records import Actor
from app.services.sync import TITLE, Preflight, SyncRefused, SyncService, failure_message
from app.sync_receipt import receipt_text
from app.sync_schedule import RetrySchedule
from app.sync_text import code_text, entity_text, translated
from sync.engine import Receipt
from ui.progress import run_with_progress
from ui.sync_background import BackgroundSync
from ui.sync_conflicts_view import ConflictsView
from ui.ui_text import format_time

Runner = Callable[[QWidget | None, str, Callable[[Progress], Receipt]], Receipt | None]
translate = QCoreApplication.translate
BLOCKED_SHOWN = 20
"""Blocked items listed in the pre-flight summary; the conflict tab lists them all."""
NOTE_STYLE = "color: #8a5a00;"


def _failure_text(exc: BaseException, server: str) -> str | None:
    known = failure_message(exc, server)
    return None if known is None else translate("Sync", known[0]).format(**known[1])


class SyncView(QWidget):
    """A page of the main window. ``service`` is the open station's sync service; ``actor`` the officer working
    (for the conflict tab's audited actions); ``runner`` and ``schedule`` are replaceable in tests."""

    synced = Signal()
    """The local register changed through this page (a sync, a discarded or re-sent proposal): lists reload."""

    def __init__(
        self,
        service: SyncService,
        default_server: str = "",
        parent: QWidget | None = None,
        runner: Runner | None = None,
        actor: Callable[[], Actor] | None = None,
        schedule: RetrySchedule | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._runner: Runner = runner or run_with_progress
        self._schedule = schedule or RetrySchedule()
        self._record: dict[str, object] | None = None
        self._foreground = False
        self._last_failure = ""
        self.background = BackgroundSync(self)
        self.background.due.connect(self.retry_now)
        self.background.finished.connect(self._background_finished)

        self.server_edit = QLineEdit(self)
        self.server_edit.setPlaceholderText(self.tr("https://server address"))
        self.user_edit = QLineEdit(self)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Server"), self.server_edit)
        form.addRow(self.tr("User name"), self.user_edit)
        form.addRow(self.tr("Password"), self.password_edit)
        self.keyring_note = QLabel(
            self.tr(
                "This computer has no system credential store: after closing the program you need to sign in again."
            ),
            self,
        )
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setStyleSheet(NOTE_STYLE)
        self.keyring_note.setVisible(service.memory_only_sign_in)

        preflight_box = QGroupBox(self.tr("What the next sync sends"), self)
        self.summary_label = QLabel(preflight_box)
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(preflight_box).addWidget(self.summary_label)

        self.sync_button = QPushButton(self.tr("Sync"), self)
        self.sync_button.setDefault(True)
        self.sync_button.clicked.connect(self.sync_now)
        self.export_button = QPushButton(self.tr("Save receipt…"), self)
        self.export_button.clicked.connect(self.export_receipt)
        self.export_button.setEnabled(False)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.status_label, 1)

        receipt_box = QGroupBox(self.tr("Receipt of the last sync"), self)
        self.receipt_view = QPlainTextEdit(receipt_box)
        self.receipt_view.setReadOnly(True)
        QVBoxLayout(receipt_box).addWidget(self.receipt_view)

        sync_tab = QWidget(self)
        sync_layout = QVBoxLayout(sync_tab)
        sync_layout.addLayout(form)
        sync_layout.addWidget(self.keyring_note)
        sync_layout.addWidget(preflight_box)
        sync_layout.addLayout(buttons)
        sync_layout.addWidget(receipt_box, 1)
        self.conflicts_view = ConflictsView(service, actor, self)
        self.conflicts_view.changed.connect(self._register_changed)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(sync_tab, self.tr("Sync"))
        self.tabs.addTab(self.conflicts_view, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

        state = service.state()
        self.server_edit.setText(state["server_url"] if state else default_server)
        self.server_edit.setReadOnly(state is not None)  # a data dir belongs to one server
        if state:
            self.user_edit.setText(state.get("username") or "")
        record = service.last_receipt()
        if record is not None:
            self.show_receipt(record)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self.refresh()

    # -- pre-flight ------------------------------------------------------------------------------------------------
    def summary_text(self, preflight: Preflight) -> str:
        if preflight.refusal is not None:
            text = _failure_text(preflight.refusal, "")
            if text is not None:
                return text
        if preflight.nothing_to_send:
            lines = [self.tr("Nothing to send: everything done here has reached the server.")]
        else:
            lines = [
                self.tr(
                    "To send: {inspections} inspection records, {proposals} registry correction proposals, "
                    "{edits} register edits, {files} files ({mb:.1f} MB)."
                ).format(
                    inspections=preflight.inspections,
                    proposals=preflight.proposals,
                    edits=preflight.registry_edits,
                    files=preflight.files,
                    mb=preflight.file_bytes / 1e6,
                )
            ]
        if preflight.first_sync:
            lines.append(self.tr("First sync: the station's registry will be downloaded into this data folder."))
        elif preflight.last_sync_at is not None:
            lines.append(self.tr("Last successful sync: {time}.").format(time=format_time(preflight.last_sync_at)))
        if preflight.blocked:
            lines.append(
                self.tr("{count} items are not sent (see the Conflicts tab):").format(count=len(preflight.blocked))
            )
            for blocked in preflight.blocked[:BLOCKED_SHOWN]:
                lines.append(
                    self.tr("  • {what} {title}: {meaning}").format(
                        what=translated(entity_text(blocked.entity), translate),
                        title=blocked.title or blocked.record_id[:8],
                        meaning=translated(code_text(blocked.code), translate),
                    )
                )
        return "\n".join(lines)

    def refresh(self) -> None:
        """Re-read what the next sync sends and the conflicts (cheap: indexed counts)."""
        self.summary_label.setText(self.summary_text(self._service.preflight()))
        self.conflicts_view.refresh()
        count = len(self.conflicts_view.conflicts)
        title = self.tr("Conflicts ({count})").format(count=count) if count else self.tr("Conflicts")
        self.tabs.setTabText(self.tabs.indexOf(self.conflicts_view), title)
        self._show_status()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.refresh()

    # -- sync ----------------------------------------------------------------------------------------------------
    def sync_now(self) -> None:
        """The 同步 button: sync at once (bypassing a planned retry, which starts over afterwards)."""
        if self.background.running:
            QMessageBox.information(self, self.tr("Sync"), _failure_text(SyncRefused("busy"), "") or "")
            return
        server = self.server_edit.text().strip()
        if not server:
            QMessageBox.warning(self, self.tr("Sync"), self.tr("Enter the server address first."))
            return
        self._schedule.stop()
        self.background.arm(None)
        user = self.user_edit.text().strip() or None
        password = self.password_edit.text() or None
        self._foreground = True
        try:
            receipt = self._runner(
                self,
                self.tr("Syncing with the provincial server…"),
                lambda progress: self._service.run(server, user, password, progress=progress),
            )
        except Exception as exc:
            text = _failure_text(exc, server)
            if text is None:
                raise
            QMessageBox.warning(self, translate("Sync", TITLE), text)
            self._failed(exc, text)
            return
        finally:
            self._foreground = False
        self.password_edit.clear()
        if receipt is None:  # cancelled: what was committed stays, the rest goes next time
            self.refresh()
            self.status_label.setText(self.tr("Sync cancelled. Press Sync again to continue."))
            return
        self._succeeded()

    def retry_now(self) -> None:
        """The planned retry is due: sync in the background with the stored sign-in, if still worth it."""
        state = self._service.state()
        if self._foreground or self.background.running or state is None:
            return
        if not self._service.worth_syncing():
            self._schedule.stop()
            self._show_status()
            return
        server = str(state["server_url"])
        self.sync_button.setEnabled(False)
        self.background.start(lambda progress: self._service.run(server, progress=progress))
        self._show_status()

    def _background_finished(self, _result: object, error: object) -> None:
        self.sync_button.setEnabled(True)
        if isinstance(error, Cancelled):
            return  # the program is quitting
        if isinstance(error, BaseException):
            text = _failure_text(error, str((self._service.state() or {}).get("server_url", "")))
            if text is None:
                raise error
            self._failed(error, text)
            return
        self._succeeded()

    def _failed(self, exc: BaseException, text: str) -> None:
        self._last_failure = text
        self._schedule.after_failure(exc, self._service.worth_syncing())
        self.background.arm(self._schedule.seconds_left())
        self.refresh()

    def _succeeded(self) -> None:
        self._last_failure = ""
        self._schedule.after_success()
        self.background.arm(None)
        record = self._service.last_receipt()
        if record is not None:
            self.show_receipt(record)
        self.server_edit.setReadOnly(True)
        self.refresh()
        self.synced.emit()

    def _show_status(self) -> None:
        if self.background.running:
            self.status_label.setText(self.tr("Syncing in the background…"))
            return
        parts = []
        if self._last_failure:
            parts.append(self.tr("Last attempt failed: {message}").format(message=self._last_failure))
        if self._schedule.next_at is not None:
            parts.append(self.tr("Next automatic retry: {time}").format(time=self._schedule.next_at.strftime("%H:%M")))
        elif self._last_failure:
            parts.append(self.tr("No automatic retry: press Sync when the cause is fixed."))
        self.status_label.setText("\n".join(parts))

    def _register_changed(self) -> None:
        self.refresh()
        self.synced.emit()

    def shutdown(self) -> None:
        """The program quits: no more retries; a background sync is cancelled and awaited."""
        self._schedule.stop()
        self.background.shutdown()

    # -- receipt -------------------------------------------------------------------------------------------------
    def show_receipt(self, record: dict[str, object]) -> None:
        self._record = record
        self.receipt_view.setPlainText(receipt_text(record, translate))
        self.export_button.setEnabled(True)

    def export_receipt(self) -> None:
        """Save the receipt as a UTF-8 text file (with BOM and CRLF, so any Windows Notepad shows the Chinese)."""
        if self._record is None:
            return
        name = self.tr("sync-receipt-{time}.txt").format(time=datetime.now().strftime("%Y%m%d-%H%M"))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save receipt"), name, self.tr("Text files (*.txt)"))
        if not path:
            return
        try:
            with open(path, "w", encoding="utf-8-sig", newline="\r\n") as handle:
                handle.write(receipt_text(self._record, translate))
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Save receipt"),
                self.tr("The receipt could not be saved to {path}: {error}. Choose another folder.").format(
                    path=path, error=exc.strerror or exc
                ),
            )
