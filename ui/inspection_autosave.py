"""The inspection editor's autosave plumbing: when an edit is saved, and what the user sees about it.

Choices (officers, answers, methods, results, follow-up) are saved at once; typed text (and dates being spun) at
most :data:`SAVE_WITHIN_MS` after the keystroke — the first unsaved keystroke starts the clock, further typing does
not postpone it — and at once when the field loses focus or the window closes (the editor calls :meth:`Autosave.flush`),
so killing the program loses at most the keystroke in flight. Each save is one short transaction (~10 ms), so the
rate is bounded even for a fast typist. Only the last pending save of a field is kept; saves run in the order of the
edits.

:class:`SaveFeedback` shows the outcome: the findings of each field under it, the indicator at the top (saving,
saved at, or — in red — not saved and why), and a general message for what has no field of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel

from app.errors import NotFound, ValidationFailed
from app.inspections.errors import RecordDiscarded, RecordFinalized
from app.validation import Finding, Severity
from ui.operator_dialog import ERROR_COLOR, NOTE_COLOR, FindingLabel
from ui.ui_text import known_failure_text

SAVE_WITHIN_MS: Final = 150
"""Typed text is saved at most this long after a keystroke (about one keystroke of a fast typist)."""


@dataclass
class PendingSave:
    """A save waiting to run: the fields whose findings it replaces, and the service call."""

    fields: tuple[str, ...]
    call: Callable[[], list[Finding]]


class SaveFeedback(QObject):
    """The findings next to their fields, the save indicator, and the general message under the header."""

    def __init__(self, save_state: QLabel, general: FindingLabel, parent: QObject) -> None:
        super().__init__(parent)
        self._save_state = save_state
        self._general = general
        self._findings: dict[str, list[Finding]] = {}
        self._labels: dict[str, FindingLabel] = {}

    def add_label(self, field: str, label: FindingLabel) -> None:
        """Show the findings of ``field`` on ``label`` (findings of fields without a label go to the general one)."""
        self._labels[field] = label

    def label(self, field: str) -> FindingLabel:
        return self._labels[field]

    def findings(self, field: str) -> list[Finding]:
        return list(self._findings.get(field, []))

    def clear(self) -> None:
        """Forget every finding (a label keeps what it shows until its field's findings are replaced)."""
        self._findings.clear()

    def note(self, text: str) -> None:
        """The indicator at the top, in the quiet colour (saving, saved at…); the reason an earlier save failed is
        no longer true, so its tooltip goes too."""
        self._save_state.setStyleSheet(f"color: {NOTE_COLOR};")
        self._save_state.setText(text)
        self._save_state.setToolTip("")

    def not_saved(self, text: str) -> None:
        """In red: the indicator says 未保存 (the reason as its tooltip) and the general message says why."""
        self._save_state.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self._save_state.setText(self.tr("Not saved"))
        self._save_state.setToolTip(text)
        self._general.show_findings([])
        self._general.setText(text)
        self._general.setStyleSheet(f"color: {ERROR_COLOR};")
        self._general.show()

    def replace(self, fields: Sequence[str], found: Sequence[Finding]) -> None:
        """The findings of ``fields`` are now ``found`` (which may also name other fields); show them."""
        touched = set(fields)
        for field in fields:
            self._findings[field] = []
        for finding in found:
            self._findings.setdefault(finding.field, []).append(finding)
            touched.add(finding.field)
        if not any(f.severity == Severity.ERROR for f in found):
            self._general.show_findings([])
        self.refresh(touched)

    def refresh(self, fields: set[str] | None = None) -> None:
        """Show the findings of ``fields`` (all when ``None``) on their labels; those without one in general."""
        general: list[Finding] = []
        for field, found in self._findings.items():
            label = self._labels.get(field)
            if label is None:
                general.extend(found)
            elif fields is None or field in fields:
                label.show_findings(found)
        if general:
            self._general.show_findings(general)


class Autosave(QObject):
    """Runs the editor's saves: choices at once, typing within :data:`SAVE_WITHIN_MS`, everything on :meth:`flush`.

    ``may_save`` says whether edits are saved at all (not while a record is being loaded, never when read-only);
    ``saved`` is called after each successful save; ``stale`` when the record was finalized or discarded elsewhere.
    """

    def __init__(
        self,
        feedback: SaveFeedback,
        *,
        may_save: Callable[[], bool],
        saved: Callable[[], None],
        stale: Callable[[], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._feedback = feedback
        self._may_save = may_save
        self._saved = saved
        self._stale = stale
        self._pending: dict[str, PendingSave] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_WITHIN_MS)
        self._timer.timeout.connect(self.flush)

    def flush(self) -> bool:
        """Save every pending edit now; ``False`` when one of them could not be saved."""
        self._timer.stop()
        ok = True
        while self._pending:
            key = next(iter(self._pending))
            pending = self._pending.pop(key)
            ok = self._run(pending) and ok
        return ok

    def has_pending(self) -> bool:
        """Whether an edit is waiting to be saved."""
        return bool(self._pending)

    def discard(self) -> None:
        """Drop the pending saves (the record is gone or no longer editable)."""
        self._pending.clear()

    def now(self, key: str, fields: tuple[str, ...], call: Callable[[], list[Finding]]) -> None:
        """Save a choice at once (after what is pending, to keep the order of edits)."""
        if not self._may_save():
            return
        self._pending.pop(key, None)
        self.flush()  # keep the order of edits
        self._run(PendingSave(fields, call))

    def later(self, key: str, fields: tuple[str, ...], call: Callable[[], list[Finding]]) -> None:
        """Save typing soon; a newer edit of the same ``key`` replaces the one waiting."""
        if not self._may_save():
            return
        self._pending[key] = PendingSave(fields, call)
        self._feedback.note(self.tr("Saving…"))
        if not self._timer.isActive():  # a throttle, not a debounce: continuous typing is saved as it goes
            self._timer.start()

    def _run(self, pending: PendingSave) -> bool:
        """Run one save and show its outcome; ``False`` when nothing was saved."""
        try:
            found = pending.call()
        except (RecordFinalized, RecordDiscarded) as exc:
            self._feedback.replace(("record",), exc.findings)
            self._stale()
            return False
        except ValidationFailed as exc:
            self._feedback.replace(pending.fields, exc.findings)
            self._feedback.not_saved(
                self.tr("Not saved: correct the entry marked in red. What was saved before is kept.")
            )
            return False
        except NotFound:
            self._feedback.not_saved(self.tr("This record no longer exists (it was removed in another window)."))
            return False
        except Exception as exc:  # a storage failure: nothing was written; say what to do
            text = known_failure_text(exc)
            if text is None:
                raise
            self._feedback.not_saved(text)
            return False
        self._feedback.replace(pending.fields, found)
        self._feedback.note(
            self.tr("\u2713 Saved automatically at {time}").format(time=datetime.now().strftime("%H:%M:%S"))
        )
        self._saved()
        return True
