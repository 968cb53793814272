"""The 同步 page: server and sign-in (first time), the pre-flight summary, one button, progress, the receipt.

Thin: everything happens in :class:`app.services.sync.SyncService`; the sync runs off the GUI thread through
:func:`ui.progress.run_with_progress` (cancel stops it between local transactions; nothing half-applied remains).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.progress import Progress
from app.services.sync import TITLE, Preflight, SyncService, failure_message
from app.sync_commands import receipt_lines
from sync.engine import Receipt
from ui.progress import run_with_progress

Runner = Callable[[QWidget | None, str, Callable[[Progress], Receipt]], Receipt | None]


class SyncView(QWidget):
    """A page of the main window. ``service`` is the open station's sync service; ``runner`` is replaceable in
    tests (defaults to :func:`ui.progress.run_with_progress`)."""

    synced = Signal()
    """Emitted after a successful sync (lists should reload)."""

    def __init__(
        self,
        service: SyncService,
        default_server: str = "",
        parent: QWidget | None = None,
        runner: Runner | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._runner: Runner = runner or run_with_progress
        self._receipt: Receipt | None = None

        self.server_edit = QLineEdit(self)
        self.server_edit.setPlaceholderText(self.tr("https://server address"))
        self.user_edit = QLineEdit(self)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Server"), self.server_edit)
        form.addRow(self.tr("User name"), self.user_edit)
        form.addRow(self.tr("Password"), self.password_edit)

        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.sync_button = QPushButton(self.tr("Sync"), self)
        self.sync_button.clicked.connect(self.sync_now)
        self.export_button = QPushButton(self.tr("Export receipt…"), self)
        self.export_button.clicked.connect(self.export_receipt)
        self.export_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        self.receipt_view = QPlainTextEdit(self)
        self.receipt_view.setReadOnly(True)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary_label)
        layout.addLayout(buttons)
        layout.addWidget(self.receipt_view, 1)

        state = service.state()
        self.server_edit.setText(state["server_url"] if state else default_server)
        self.server_edit.setReadOnly(state is not None)  # a data dir belongs to one server
        if state:
            self.user_edit.setText(state.get("username") or "")
        self.refresh()

    # -- pre-flight ------------------------------------------------------------------------------------------------
    def summary_text(self, preflight: Preflight) -> str:
        if preflight.refusal is not None:
            known = failure_message(preflight.refusal)
            if known is not None:
                return QCoreApplication.translate("Sync", known[0]).format(**known[1])
        lines = [
            self.tr(
                "To send: {inspections} inspections, {proposals} registry proposals, {edits} registry edits, "
                "{files} files ({mb:.1f} MB)."
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
        if preflight.blocked:
            lines.append(
                self.tr("{count} changes were refused by the server and are not sent again:").format(
                    count=len(preflight.blocked)
                )
            )
            lines += [f"  {b.entity} {b.record_id[:8]}: {b.code} {b.reason}" for b in preflight.blocked[:20]]
        return "\n".join(lines)

    def refresh(self) -> None:
        self.summary_label.setText(self.summary_text(self._service.preflight()))

    # -- sync ----------------------------------------------------------------------------------------------------
    def sync_now(self) -> None:
        server = self.server_edit.text().strip()
        if not server:
            QMessageBox.warning(self, self.tr("Sync"), self.tr("Enter the server address first."))
            return
        user = self.user_edit.text().strip() or None
        password = self.password_edit.text() or None
        try:
            receipt = self._runner(
                self,
                self.tr("Syncing with the provincial server…"),
                lambda progress: self._service.run(server, user, password, progress=progress),
            )
        except Exception as exc:
            known = failure_message(exc, server)
            if known is None:
                raise
            QMessageBox.warning(
                self,
                QCoreApplication.translate("Sync", TITLE),
                QCoreApplication.translate("Sync", known[0]).format(**known[1]),
            )
            self.refresh()
            return
        self.password_edit.clear()
        if receipt is None:  # cancelled: what was committed stays, the rest goes next time
            self.receipt_view.setPlainText(self.tr("Sync cancelled. Press Sync again to continue."))
            self.refresh()
            return
        self.show_receipt(receipt)
        self.server_edit.setReadOnly(True)
        self.refresh()
        self.synced.emit()

    def show_receipt(self, receipt: Receipt) -> None:
        self._receipt = receipt
        text = "\n".join(
            QCoreApplication.translate("Sync", line).format(**values) for line, values in receipt_lines(receipt)
        )
        self.receipt_view.setPlainText(text)
        self.export_button.setEnabled(True)

    def export_receipt(self) -> None:
        if self._receipt is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export receipt"), "sync-receipt.json", "JSON (*.json)")
        if path:
            with open(path, "w", encoding="utf-8") as handle:
                json.dump(json.loads(self._receipt.to_json()), handle, ensure_ascii=False, indent=2)
