"""One checklist item in the inspection editor: the question with its legal basis, the answer (符合/不符合/不适用,
text, a number or a date), a note, thumbnails of its evidence and its findings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Final

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.inspections.data import EvidenceRecord, TemplateItem
from app.inspections.vocabulary import CONFORMITY_ANSWERS, NONCONFORMS, AnswerType
from ui.inspection_models import list_text
from ui.operator_dialog import NOTE_COLOR, WARNING_COLOR, FindingLabel, OptionalDateEdit

ITEM_THUMBNAIL: Final = QSize(40, 30)


class ItemRow(QFrame):
    """One checklist item: its question and legal basis, the answer, a note, its evidence and its findings."""

    def __init__(self, item: TemplateItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setObjectName("itemRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("item_code", item.code)
        required = " *" if item.required else ""
        question = QLabel(f"<b>{item.code}</b>{required}&nbsp;&nbsp;{item.question}", self)
        question.setWordWrap(True)
        question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if item.guidance:
            question.setToolTip(item.guidance)
        basis = list_text([self.tr("{law} {article}").format(law=b.law, article=b.article) for b in item.legal_basis])
        hints = [basis] if basis else []
        if item.evidence_required:
            hints.append(self.tr("Evidence required when the answer is {value}.").format(value=NONCONFORMS))
        self.basis_label = QLabel("  ·  ".join(hints), self)
        self.basis_label.setWordWrap(True)
        self.basis_label.setStyleSheet(f"color: {NOTE_COLOR}; font-size: 9pt;")
        self.radios: dict[str, QRadioButton] = {}
        self.group: QButtonGroup | None = None
        self.value_edit: QLineEdit | None = None
        self.date_edit: OptionalDateEdit | None = None
        answer = QHBoxLayout()
        answer.setContentsMargins(0, 0, 0, 0)
        if item.answer_type == AnswerType.CONFORMITY:
            self.group = QButtonGroup(self)
            for value in CONFORMITY_ANSWERS:
                radio = QRadioButton(value, self)
                self.group.addButton(radio)
                self.radios[value] = radio
                answer.addWidget(radio)
        elif item.answer_type == AnswerType.DATE:
            self.date_edit = OptionalDateEdit(self)
            answer.addWidget(self.date_edit)
        else:
            self.value_edit = QLineEdit(self)
            self.value_edit.setPlaceholderText(
                self.tr("A number, for example 3") if item.answer_type == AnswerType.NUMBER else self.tr("Answer")
            )
            answer.addWidget(self.value_edit, 1)
        self.note_edit = QLineEdit(self)
        self.note_edit.setPlaceholderText(self.tr("Note: what was seen, where"))
        answer.addWidget(self.note_edit, 2)
        self.evidence_label = QLabel(self)
        self.evidence_label.setStyleSheet(f"color: {NOTE_COLOR};")
        self.thumbs = QHBoxLayout()
        self.thumbs.setContentsMargins(0, 0, 0, 0)
        self.thumbs.setSpacing(3)
        self.paste_button = QToolButton(self)
        self.paste_button.setText(self.tr("Paste screenshot"))
        self.paste_button.setToolTip(
            self.tr("Attach the picture on the clipboard to this item (or press Ctrl+V inside this item).")
        )
        self.file_button = QToolButton(self)
        self.file_button.setText(self.tr("Add file…"))
        self.file_button.setToolTip(self.tr("Attach screenshots, PDF files or recordings to this item."))
        evidence = QHBoxLayout()
        evidence.setContentsMargins(0, 0, 0, 0)
        evidence.addLayout(self.thumbs)
        evidence.addWidget(self.evidence_label, 1)
        evidence.addWidget(self.paste_button)
        evidence.addWidget(self.file_button)
        self.finding = FindingLabel(self)
        self.previous_label = QLabel(self)
        self.previous_label.setWordWrap(True)
        self.previous_label.setStyleSheet(f"color: {WARNING_COLOR}; font-weight: bold;")
        self.previous_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(question)
        layout.addWidget(self.previous_label)
        layout.addWidget(self.basis_label)
        layout.addLayout(answer)
        layout.addLayout(evidence)
        layout.addWidget(self.finding)

    def mark_failed(self, note: str) -> None:
        """This item was found 不符合 by the inspection this re-inspection checks again."""
        text = self.tr("Found {value} at the inspection being re-checked: check it again.").format(value=NONCONFORMS)
        if note:
            text += " " + self.tr("Then: {note}").format(note=note)
        self.previous_label.setText(text)
        self.previous_label.show()

    def value(self) -> str:
        if self.group is not None:
            checked = self.group.checkedButton()
            return checked.text() if checked is not None else ""
        if self.date_edit is not None:
            chosen = self.date_edit.value()
            return chosen.isoformat() if chosen else ""
        assert self.value_edit is not None
        return self.value_edit.text()

    def set_value(self, value: str) -> None:
        if self.group is not None:
            radio = self.radios.get(value)
            if radio is not None:
                radio.setChecked(True)
        elif self.date_edit is not None:
            try:
                self.date_edit.set_value(date.fromisoformat(value) if value else None)
            except ValueError:
                self.date_edit.set_value(None)
        elif self.value_edit is not None:
            self.value_edit.setText(value)

    def show_evidence(self, pieces: Sequence[EvidenceRecord], icons: Callable[[EvidenceRecord], QIcon]) -> None:
        while self.thumbs.count():
            taken = self.thumbs.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.hide()  # at once: deleteLater waits for the event loop
                widget.deleteLater()
        for piece in pieces[:6]:
            thumb = QLabel(self)
            thumb.setPixmap(icons(piece).pixmap(ITEM_THUMBNAIL))
            thumb.setToolTip(piece.file_name)
            self.thumbs.addWidget(thumb)
        if pieces:
            text = self.tr("{count} evidence file(s)").format(count=len(pieces))
        elif self.item.evidence_required and self.value() == NONCONFORMS:
            text = self.tr("No evidence yet")
        else:
            text = ""
        self.evidence_label.setText(text)

    def set_read_only(self, read_only: bool) -> None:
        for radio in self.radios.values():
            radio.setEnabled(not read_only)
        if self.value_edit is not None:
            self.value_edit.setReadOnly(read_only)
        if self.date_edit is not None:
            self.date_edit.setEnabled(not read_only)
        self.note_edit.setReadOnly(read_only)
        self.paste_button.setVisible(not read_only)
        self.file_button.setVisible(not read_only)
