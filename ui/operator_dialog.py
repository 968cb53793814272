"""Add / edit an operator: every draft field, each finding shown directly under its field, audited save.

The dialog never writes on cancel: the only writes are :meth:`RegistryService.create` / ``update`` after the
user pressed 保存 and every error is gone. When only warnings remain (a failing check character) the user is asked
for a reason, which the service stores in the audit log.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Final

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import NeedsOverrideReason, NotFound, ValidationFailed
from app.records import Actor, OperatorDetail, OperatorDraft
from app.registry_rules import ALLOWED_IDENTIFIERS
from app.services.registry import RegistryService
from app.validation import Finding, IdentifierType, Severity
from app.vocab import CreditClass, SubjectType
from ui.finding_label import ERROR_COLOR as ERROR_COLOR
from ui.finding_label import NOTE_COLOR as NOTE_COLOR
from ui.finding_label import WARNING_COLOR as WARNING_COLOR
from ui.finding_label import FindingLabel as FindingLabel
from ui.reason_dialog import ReasonDialog
from ui.ui_text import field_label, known_failure_text, label

translate = QCoreApplication.translate

NO_DATE: Final = QDate(1900, 1, 1)
"""Sentinel shown as 未填写 by :class:`OptionalDateEdit`."""

CHECK_CHAR_CODES: Final = frozenset(
    {
        "uscc.check_char",
        "uscc.org_code_check_char",
        "org_code.check_char",
        "reg_no.check_digit",
        "resident_id.check_char",
    }
)


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class OptionalDateEdit(QWidget):
    """A date that may be unknown: a tick box enables the date; unticked it reads 未填写 and gives ``None``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(self)
        self.check.setToolTip(self.tr("Tick to enter the date. Leave it unticked when the date is not known."))
        self.edit = QDateEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setMinimumDate(NO_DATE)
        self.edit.setSpecialValueText(self.tr("Not set"))
        self._last = QDate.currentDate()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.check.toggled.connect(self._on_toggled)
        self.set_value(None)

    def value(self) -> date | None:
        if not self.check.isChecked() or self.edit.date() == NO_DATE:
            return None
        return _to_date(self.edit.date())

    def set_value(self, value: date | None) -> None:
        if value is None:
            self.check.setChecked(False)
            self._on_toggled(False)
        else:
            self._last = QDate(value.year, value.month, value.day)
            self.check.setChecked(True)
            self._on_toggled(True)

    def _on_toggled(self, checked: bool) -> None:
        if checked:
            self.edit.setDate(self._last)
        else:
            if self.edit.date() != NO_DATE:
                self._last = self.edit.date()
            self.edit.setDate(NO_DATE)
        self.edit.setEnabled(checked)


class OverrideReasonDialog(ReasonDialog):
    """Asks why a code that fails its check is saved anyway; the reason goes into the change history."""

    def __init__(self, findings: Iterable[Finding], parent: QWidget | None = None) -> None:
        findings = list(findings)
        if any(f.code in CHECK_CHAR_CODES for f in findings):
            intro = translate(
                "OverrideReasonDialog",
                "The check character of this code does not match. Compare the code with the licence once more. "
                "If the licence really shows it like this, enter the reason below; the reason is kept in the "
                "change history.",
            )
        else:
            intro = translate(
                "OverrideReasonDialog",
                "Please check the notes below. If the entry is right as it is, enter the reason below; the reason "
                "is kept in the change history.",
            )
        super().__init__(
            translate("OverrideReasonDialog", "Save with a reason"),
            intro,
            translate("OverrideReasonDialog", "For example: checked against the original licence"),
            translate("OverrideReasonDialog", "Save with this reason"),
            parent,
            notes=findings,
            one_line=True,
            reason_label=translate("OverrideReasonDialog", "Reason:"),
            cancel_text=translate("OverrideReasonDialog", "Back to editing"),
        )


class OperatorDialog(QDialog):
    """Add (``operator_id=None``) or edit an operator. Emits :attr:`saved` with the id once written."""

    saved = Signal(str)

    def __init__(
        self,
        registry: RegistryService,
        actor: Callable[[], Actor],
        operator_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._registry = registry
        self._actor = actor
        self._operator_id = operator_id
        self._pending: OperatorDraft | None = None
        self.reason_dialog: OverrideReasonDialog | None = None
        self._editors: dict[str, QWidget] = {}
        self._finding_labels: dict[str, FindingLabel] = {}
        detail = registry.detail(operator_id) if operator_id is not None else None
        self._build(detail)
        if detail is None:
            self.setWindowTitle(self.tr("Add operator"))
        else:
            self.setWindowTitle(self.tr("Edit operator: {name}").format(name=detail.draft.name))
            self._load(detail)
        self._connect_live_checks()

    # -- public --------------------------------------------------------------------------------------------------
    def operator_id(self) -> str | None:
        return self._operator_id

    def editor(self, field: str) -> QWidget:
        """The widget editing a draft field (for focus handling and tests)."""
        return self._editors[field]

    def finding_label(self, field: str) -> FindingLabel:
        """The label under a field that shows its findings."""
        return self._finding_labels[field]

    def draft(self) -> OperatorDraft:
        """The form's content as a draft (not yet normalised: the service does that)."""
        abnormal = self.abnormal_check.isChecked()
        serious = self.serious_check.isChecked()
        return OperatorDraft(
            name=self.name_edit.text(),
            subject_type=str(self.subject_combo.currentData() or ""),
            identifier_type=str(self.identifier_type_combo.currentData() or ""),
            identifier=self.identifier_edit.text(),
            legal_representative=self.legal_rep_edit.text(),
            registered_address=self.registered_address_edit.text(),
            business_address=self.business_address_edit.text(),
            phone=self.phone_edit.text(),
            business_scope=self.scope_edit.toPlainText().strip(),
            founded_on=self.founded_edit.value(),
            registration_status=self.status_edit.text().strip(),
            registering_authority=self.authority_edit.text().strip(),
            credit_class=str(self.credit_combo.currentData() or ""),
            abnormal_listed=abnormal,
            abnormal_reason=self.abnormal_reason_edit.text().strip() if abnormal else "",
            abnormal_date=self.abnormal_date_edit.value() if abnormal else None,
            serious_violation=serious,
            serious_violation_reason=self.serious_reason_edit.text().strip() if serious else "",
            serious_violation_date=self.serious_date_edit.value() if serious else None,
            notes=self.notes_edit.toPlainText().strip(),
        )

    # -- building ------------------------------------------------------------------------------------------------
    def _build(self, detail: OperatorDetail | None) -> None:
        self.name_edit = QLineEdit(self)
        self.subject_combo = QComboBox(self)
        if detail is None:
            self.subject_combo.addItem(self.tr("Choose…"), "")
        for subject in SubjectType:
            self.subject_combo.addItem(label(subject), subject.value)
        self.identifier_type_combo = QComboBox(self)
        for kind in IdentifierType:
            self.identifier_type_combo.addItem(label(kind), kind.value)
        self.identifier_edit = QLineEdit(self)
        self.override_note = QLabel(self)
        self.override_note.setWordWrap(True)
        self.override_note.setStyleSheet(f"color: {NOTE_COLOR};")
        self.override_note.hide()
        self.legal_rep_edit = QLineEdit(self)
        self.status_edit = QLineEdit(self)
        self.status_edit.setText(OperatorDraft.registration_status)
        self.authority_edit = QLineEdit(self)
        self.founded_edit = OptionalDateEdit(self)
        self.registered_address_edit = QLineEdit(self)
        self.scope_edit = QPlainTextEdit(self)
        self.scope_edit.setTabChangesFocus(True)
        self.scope_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.business_address_edit = QLineEdit(self)
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setPlaceholderText(self.tr("Mobile or landline with area code; separate several with ;"))
        self.credit_combo = QComboBox(self)
        self.credit_combo.addItem(self.tr("Not classified"), "")
        for credit in CreditClass:
            self.credit_combo.addItem(label(credit), credit.value)
        self.abnormal_check = QCheckBox(self.tr("On the abnormal-operation list"), self)
        self.abnormal_reason_edit = QLineEdit(self)
        self.abnormal_date_edit = OptionalDateEdit(self)
        self.serious_check = QCheckBox(self.tr("On the serious-violation list"), self)
        self.serious_reason_edit = QLineEdit(self)
        self.serious_date_edit = OptionalDateEdit(self)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)

        self.abnormal_check.setToolTip(self.tr("For an individual business this is the abnormal-operation mark."))
        for check, widgets in (
            (self.abnormal_check, (self.abnormal_reason_edit, self.abnormal_date_edit)),
            (self.serious_check, (self.serious_reason_edit, self.serious_date_edit)),
        ):
            for widget in widgets:
                widget.setEnabled(False)
                check.toggled.connect(widget.setEnabled)

        registration = QGroupBox(self.tr("Registration"), self)
        form = self._form(registration)
        self._add(form, "name", self.name_edit, required=True)
        self._add(form, "subject_type", self.subject_combo, required=True)
        self._add(form, "identifier_type", self.identifier_type_combo)
        self._add(form, "identifier", self.identifier_edit, extra=self.override_note)
        self._add(form, "legal_representative", self.legal_rep_edit)
        self._add(form, "registration_status", self.status_edit)
        self._add(form, "registering_authority", self.authority_edit)
        self._add(form, "founded_on", self.founded_edit)
        self._add(form, "registered_address", self.registered_address_edit)
        self._add(form, "business_scope", self.scope_edit)

        contact = QGroupBox(self.tr("Contact and credit"), self)
        form = self._form(contact)
        self._add(form, "business_address", self.business_address_edit)
        self._add(form, "phone", self.phone_edit)
        self._add(form, "credit_class", self.credit_combo)
        form.addRow(self.abnormal_check)
        self._editors["abnormal_listed"] = self.abnormal_check
        self._add(form, "abnormal_reason", self.abnormal_reason_edit, caption=self.tr("Reason"))
        self._add(form, "abnormal_date", self.abnormal_date_edit, caption=self.tr("Listed on"))
        form.addRow(self.serious_check)
        self._editors["serious_violation"] = self.serious_check
        self._add(form, "serious_violation_reason", self.serious_reason_edit, caption=self.tr("Reason"))
        self._add(form, "serious_violation_date", self.serious_date_edit, caption=self.tr("Listed on"))
        self._add(form, "notes", self.notes_edit)

        columns = QWidget(self)
        row = QHBoxLayout(columns)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(registration, 1)
        row.addWidget(contact, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(columns)

        self.general_findings = FindingLabel(self)
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.summary_label.setStyleSheet(f"color: {ERROR_COLOR};")
        self.summary_label.hide()
        hint = QLabel(self.tr("Fields marked * are required. Press Esc to close without saving."), self)
        hint.setStyleSheet(f"color: {NOTE_COLOR};")
        self.buttons = QDialogButtonBox(self)
        self.save_button: QPushButton = self.buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        self.cancel_button: QPushButton = self.buttons.addButton(
            self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.general_findings)
        layout.addWidget(self.summary_label)
        bottom = QHBoxLayout()
        bottom.addWidget(hint, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self.resize(980, 660)

    @staticmethod
    def _form(box: QGroupBox) -> QFormLayout:
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        return form

    def _add(
        self,
        form: QFormLayout,
        field: str,
        editor: QWidget,
        *,
        required: bool = False,
        caption: str | None = None,
        extra: QWidget | None = None,
    ) -> None:
        """One form row: the editor with its finding label (and an optional note) directly below it."""
        cell = QWidget(self)
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(editor)
        if extra is not None:
            column.addWidget(extra)
        finding = FindingLabel(cell)
        column.addWidget(finding)
        text = caption if caption is not None else field_label(field)
        caption_label = QLabel(self.tr("{field} *").format(field=text) if required else text, self)
        caption_label.setBuddy(editor)
        form.addRow(caption_label, cell)
        self._editors[field] = editor
        self._finding_labels[field] = finding

    def _load(self, detail: OperatorDetail) -> None:
        d = detail.draft
        self.name_edit.setText(d.name)
        self._select(self.subject_combo, d.subject_type)
        self._select(self.identifier_type_combo, d.identifier_type)
        self.identifier_edit.setText(d.identifier)
        if detail.identifier_override:
            self.override_note.setText(
                self.tr("This code was saved despite a warning. Reason: {reason}").format(
                    reason=detail.identifier_override
                )
            )
            self.override_note.show()
        self.legal_rep_edit.setText(d.legal_representative)
        self.status_edit.setText(d.registration_status)
        self.authority_edit.setText(d.registering_authority)
        self.founded_edit.set_value(d.founded_on)
        self.registered_address_edit.setText(d.registered_address)
        self.scope_edit.setPlainText(d.business_scope)
        self.business_address_edit.setText(d.business_address)
        self.phone_edit.setText(d.phone)
        self._select(self.credit_combo, d.credit_class)
        self.abnormal_check.setChecked(d.abnormal_listed)
        self.abnormal_reason_edit.setText(d.abnormal_reason)
        self.abnormal_date_edit.set_value(d.abnormal_date)
        self.serious_check.setChecked(d.serious_violation)
        self.serious_reason_edit.setText(d.serious_violation_reason)
        self.serious_date_edit.set_value(d.serious_violation_date)
        self.notes_edit.setPlainText(d.notes)

    @staticmethod
    def _select(combo: QComboBox, code: str) -> None:
        index = combo.findData(code)
        if index < 0 and code:  # a code this version does not know: keep it rather than lose it on save
            combo.addItem(label(code), code)
            index = combo.count() - 1
        combo.setCurrentIndex(max(index, 0))

    # -- live checks ---------------------------------------------------------------------------------------------
    def _connect_live_checks(self) -> None:
        self.identifier_edit.editingFinished.connect(lambda: self._live_check({"identifier", "identifier_type"}))
        self.phone_edit.editingFinished.connect(lambda: self._live_check({"phone"}))
        self.identifier_type_combo.activated.connect(self._on_identifier_type_chosen)
        self.subject_combo.activated.connect(self._on_subject_chosen)
        for field, editor in self._editors.items():
            if isinstance(editor, QLineEdit):
                editor.textEdited.connect(lambda _text, f=field: self._clear_findings({f}))
        self.identifier_edit.textEdited.connect(lambda _text: self.override_note.hide())

    def _on_subject_chosen(self, _index: int) -> None:
        """Pick an identifier type that fits the subject type, when the current one does not."""
        allowed = ALLOWED_IDENTIFIERS.get(str(self.subject_combo.currentData() or ""))
        current = str(self.identifier_type_combo.currentData() or "")
        if allowed and current not in allowed:
            first = next(kind for kind in IdentifierType if kind.value in allowed)
            self._select(self.identifier_type_combo, first.value)
        self._clear_findings({"subject_type", "identifier_type"})
        if self.identifier_edit.text().strip():
            self._live_check({"identifier", "identifier_type"})

    def _on_identifier_type_chosen(self, _index: int) -> None:
        if self.identifier_edit.text().strip() or self.identifier_type_combo.currentData() == IdentifierType.NONE:
            self._live_check({"identifier", "identifier_type"})
        else:
            self._clear_findings({"identifier", "identifier_type"})

    def _live_check(self, fields: set[str]) -> None:
        """Validate now and show the findings of ``fields`` only (the rest of the form is not nagged yet)."""
        _, findings = self._registry.check(self.draft(), self._operator_id)
        self._show_findings([f for f in findings if f.field in fields], only=fields)

    def _clear_findings(self, fields: set[str]) -> None:
        for field in fields:
            if field in self._finding_labels:
                self._finding_labels[field].show_findings([])

    def _show_findings(self, findings: list[Finding], only: set[str] | None = None) -> None:
        """Put each finding under its field; ``only`` limits which labels are refreshed (None: all of them)."""
        by_field: dict[str, list[Finding]] = {}
        general: list[Finding] = []
        for finding in findings:
            if finding.field in self._finding_labels:
                by_field.setdefault(finding.field, []).append(finding)
            else:
                general.append(finding)
        for field, finding_label in self._finding_labels.items():
            if only is None or field in only:
                finding_label.show_findings(by_field.get(field, []))
        if only is None or general:
            self.general_findings.show_findings(general)

    # -- saving --------------------------------------------------------------------------------------------------
    def _save(self) -> None:
        draft = self.draft()
        _, findings = self._registry.check(draft, self._operator_id)
        self._show_findings(findings)
        errors = [f for f in findings if f.severity == Severity.ERROR]
        if errors:
            self.summary_label.setText(self.tr("Nothing was saved. Correct the items marked in red, then save again."))
            self.summary_label.show()
            editor = self._editors.get(errors[0].field)
            if editor is not None:
                editor.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.summary_label.hide()
        self._write(draft, "")

    def _write(self, draft: OperatorDraft, reason: str) -> None:
        try:
            if self._operator_id is None:
                saved_id = self._registry.create(draft, self._actor(), override_reason=reason)
            else:
                self._registry.update(self._operator_id, draft, self._actor(), override_reason=reason)
                saved_id = self._operator_id
        except NeedsOverrideReason as exc:
            self._show_findings(exc.findings)
            self._ask_reason(draft, exc.findings)
            return
        except ValidationFailed as exc:  # changed underneath us (e.g. a duplicate saved in the meantime)
            self._show_findings(exc.findings)
            self.summary_label.setText(self.tr("Nothing was saved. Correct the items marked in red, then save again."))
            self.summary_label.show()
            return
        except NotFound:
            self.summary_label.setText(
                self.tr("This operator was deleted in the meantime; nothing was saved. Close this window.")
            )
            self.summary_label.show()
            self.save_button.setEnabled(False)
            return
        except Exception as exc:  # a storage failure: keep the dialog and what was typed, say what to do
            text = known_failure_text(exc)
            if text is None:
                raise
            self.summary_label.setText(text)
            self.summary_label.show()
            return
        self._operator_id = saved_id
        self.saved.emit(saved_id)
        self.accept()

    def _ask_reason(self, draft: OperatorDraft, findings: list[Finding]) -> None:
        self._pending = draft
        dialog = OverrideReasonDialog(findings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._on_reason_given(dialog.reason()))
        dialog.finished.connect(self._forget_reason_dialog)
        self.reason_dialog = dialog
        dialog.open()

    def _forget_reason_dialog(self, _result: int) -> None:
        self.reason_dialog = None

    def _on_reason_given(self, reason: str) -> None:
        draft, self._pending = self._pending, None
        if draft is not None and reason:
            self._write(draft, reason)
