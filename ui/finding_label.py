"""The label that shows the messages (findings) about one field, and the colours every screen uses for them.

Kept apart from the dialogs that use it so that any dialog — the operator editor, the reason dialog, the inspection
editor — can show findings without importing another dialog.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from app.validation import Finding, Severity
from ui.ui_text import translate_finding

ERROR_COLOR: Final = "#c00000"
WARNING_COLOR: Final = "#a85400"
"""Dark orange: plain orange on white is too faint to read."""
NOTE_COLOR: Final = "#606060"


class FindingLabel(QLabel):
    """The messages about one field, red for errors and dark orange for warnings; hidden when there are none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.findings: list[Finding] = []
        self.hide()

    def show_findings(self, findings: Iterable[Finding]) -> None:
        self.findings = list(findings)
        if not self.findings:
            self.clear()
            self.hide()
            return
        has_error = any(f.severity == Severity.ERROR for f in self.findings)
        self.setStyleSheet(f"color: {ERROR_COLOR if has_error else WARNING_COLOR};")
        self.setText("\n".join(translate_finding(f) for f in self.findings))
        self.show()
