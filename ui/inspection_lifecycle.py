"""The record's state in the inspection editor — draft, finalized, an amendment, a re-inspection, superseded — and
the actions that change it: 定稿 (finalize, after showing what still blocks it next to the fields), 更正 (amend: a
new version with a reason; the original stays) and discarding a draft with a reason.

A record finalized or discarded in another window is shown as it now is, read-only, at the next save attempt.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton, QScrollArea

from app.errors import NotFound, ValidationFailed
from app.inspections.vocabulary import NONCONFORMS
from app.validation import Finding
from ui.inspection_form import ChecklistForm
from ui.inspection_models import format_minute, inspection_label
from ui.operator_dialog import NOTE_COLOR, FindingLabel
from ui.optional_datetime_edit import OptionalDateTimeEdit
from ui.reason_dialog import ReasonDialog
from ui.ui_text import known_failure_text, translate_finding


class RecordLifecycle(ChecklistForm):
    """State, finalize, amend and discard (part of :class:`ui.inspection_editor.InspectionEditor`)."""

    # The editor's frame (ui/inspection_editor.py) builds these; the record's state decides what they show.
    info_label: QLabel
    banner: QLabel
    open_newer_button: QPushButton
    finalize_button: QPushButton
    amend_button: QPushButton
    discard_button: QPushButton
    blocking: FindingLabel
    blocking_area: QScrollArea
    paste_shortcut: QShortcut

    def _apply_state(self) -> None:
        """Show the record's state and kind, the banner, the actions it allows, and lock the form when read-only."""
        d = self.detail
        self.read_only = d.state != "draft"
        parts = [inspection_label(d.state), inspection_label(d.kind)]
        if d.task_id:
            with contextlib.suppress(NotFound):
                parts.append(self.tr("task {number}").format(number=self._svc.tasks.detail(d.task_id).row.number))
        if d.started_at:
            parts.append(format_minute(d.started_at))
        self.info_label.setText("  \u00b7  ".join(parts))
        banner: list[str] = []
        if d.amends_id:
            banner.append(
                self.tr("This record amends an earlier finalized record. Reason: {reason}").format(
                    reason=d.amendment_reason
                )
            )
        if d.reinspection_of_id:
            banner.append(
                self.tr("Re-inspection of an order to rectify: check the items found {value} again.").format(
                    value=NONCONFORMS
                )
            )
        if d.state == "finalized":
            banner.append(
                self.tr(
                    "Finalized on {time} by {name}. The record can no longer be changed; use Amend to correct it."
                ).format(time=format_minute(d.finalized_at), name=d.finalized_by_name)
            )
        if d.superseded_by:
            banner.append(self.tr("An amendment replaces this record."))
        self.banner.setText("\n".join(banner))
        self.banner.setVisible(bool(banner))
        self.open_newer_button.setVisible(bool(d.superseded_by))
        self.finalize_button.setVisible(not self.read_only)
        self.discard_button.setVisible(not self.read_only)
        self.amend_button.setVisible(d.state == "finalized" and not d.superseded_by)
        for widget in self._inputs():
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.setReadOnly(self.read_only)
            elif isinstance(widget, OptionalDateTimeEdit):
                widget.set_read_only(self.read_only)
            else:
                widget.setEnabled(not self.read_only)
        for row in self.item_rows.values():
            row.set_read_only(self.read_only)
        panel = self.evidence_panel
        panel.paste_button.setVisible(not self.read_only)
        panel.add_button.setVisible(not self.read_only)
        panel.remove_button.setVisible(not self.read_only)
        panel.hint.setVisible(not self.read_only)
        for widget in panel.editors():
            if isinstance(widget, QLineEdit):
                widget.setReadOnly(self.read_only)
            else:
                widget.setEnabled(not self.read_only)
        panel.captured_edit.set_read_only(self.read_only)
        self.paste_shortcut.setEnabled(not self.read_only)
        self.setAcceptDrops(not self.read_only)
        self._update_follow_up_widgets()
        if self.read_only:
            self.save_state.setStyleSheet(f"color: {NOTE_COLOR};")
            self.save_state.setText(self.tr("Read-only"))
        else:
            self.save_state.setText(self.tr("Changes are saved automatically"))

    def reload(self) -> None:
        """Re-read the record (after finalizing) and show it as it now stands."""
        self.detail = self._svc.inspections.detail(self.inspection_id)
        self._evidence = list(self.detail.evidence)
        self._load()
        self._apply_state()

    def _stale(self) -> None:
        """The record was finalized or discarded elsewhere: show it as it is now, read-only."""
        self._autosave.discard()
        try:
            self.reload()
        except NotFound:
            self.back_requested.emit()

    # -- finalize, amend, discard ------------------------------------------------------------------------------------
    def finalize(self) -> None:
        """Check the record; show what blocks finalizing next to its fields, or ask and finalize."""
        if not self.flush():
            self._set_blocking(self.tr("Correct the entries marked in red first: they could not be saved."))
            return
        found = self._svc.finalizer.check(self.inspection_id)
        if found:
            self._show_blocking(found)
            return
        self._set_blocking("")
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Finalize the record"),
            self.tr(
                "After finalizing, this record can no longer be changed; a correction then needs an amendment "
                "with a reason. Print the record for the signatures before or after finalizing. Finalize now?"
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        yes = box.addButton(self.tr("Finalize"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Not yet"), QMessageBox.ButtonRole.RejectRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self._do_finalize() if button is yes else None)
        self._show_dialog(box)

    def _set_blocking(self, text: str) -> None:
        """What stops finalizing, above the form (it scrolls when long); empty hides it."""
        self.blocking.setText(text)
        self.blocking.setVisible(bool(text))
        self.blocking_area.setVisible(bool(text))

    def _show_blocking(self, found: Sequence[Finding]) -> None:
        """The findings of :meth:`FinalizeService.check` next to their fields (replacing those of the last check;
        errors of entries that could not be saved stay where they are)."""
        fields = self._checked_fields | {x.field for x in found}
        self._checked_fields = {x.field for x in found}
        self._feedback.replace(tuple(fields), found)
        self._feedback.refresh()
        summary = self.tr("Not finalized yet. Complete these {count} points (also marked next to their fields):")
        lines = [summary.format(count=len(found))] + ["\u2022 " + translate_finding(f) for f in found]
        self._set_blocking("\n".join(lines))

    def _do_finalize(self) -> None:
        try:
            result = self._svc.finalizer.finalize(self.inspection_id, self._actor())
        except ValidationFailed as exc:
            self._show_blocking(exc.findings)
            return
        except Exception as exc:
            text = known_failure_text(exc)
            if text is None:
                raise
            self._feedback.not_saved(text)
            return
        self._set_blocking("")
        self.general.show_findings([])
        self._feedback.clear()
        self._feedback.refresh()
        self.reload()
        notes = [self.tr("Finalized: the record is now read-only and sealed in the hash chain.")]
        if result.rectification_id:
            notes.append(
                self.tr("An order to rectify is followed up on the Rectification page (deadline {date}).").format(
                    date=self.detail.rectification_deadline.isoformat() if self.detail.rectification_deadline else ""
                )
            )
        if result.closed_rectification_id:
            notes.append(self.tr("Every failed item now conforms: the rectification is closed."))
        if result.extended_rectification_id:
            notes.append(self.tr("The rectification deadline was extended by this re-inspection."))
        self.banner.setText(self.banner.text() + "\n" + " ".join(notes))
        self.changed.emit(self.inspection_id)

    def amend(self) -> None:
        dialog = ReasonDialog(
            self.tr("Amend the record"),
            self.tr(
                "A new version of this record is made for the correction; the finalized original stays unchanged "
                "and is marked as replaced once the amendment is finalized."
            ),
            self.tr("For example: wrong certificate number of an officer"),
            self.tr("Start the amendment"),
            self,
        )
        dialog.accepted.connect(lambda: self._do_amend(dialog.reason()))
        self._show_dialog(dialog)

    def _do_amend(self, reason: str) -> None:
        try:
            new_id = self._svc.finalizer.amend(self.inspection_id, reason, self._actor())
        except ValidationFailed as exc:
            self._show_blocking(exc.findings)
            return
        self.changed.emit(new_id)
        self.open_requested.emit(new_id)

    def discard(self) -> None:
        dialog = ReasonDialog(
            self.tr("Discard the draft"),
            self.tr("The draft is kept in the change history but no longer listed. Evidence only it used is removed."),
            self.tr("For example: started twice by mistake"),
            self.tr("Discard"),
            self,
        )
        dialog.accepted.connect(lambda: self._do_discard(dialog.reason()))
        self._show_dialog(dialog)

    def _do_discard(self, reason: str) -> None:
        self._autosave.discard()
        try:
            self._svc.inspections.discard_draft(self.inspection_id, self._actor(), reason)
        except ValidationFailed as exc:
            self._show_blocking(exc.findings)
            return
        self._svc.evidence.prune_orphans()
        self.changed.emit(self.inspection_id)
        self.back_requested.emit()
