"""Display text shared by the widgets: translated findings, vocabulary labels, field names and dates.

The core keeps English templates and codes; everything here translates them at display time through Qt Linguist
(explicit contexts, so ``pyside6-lupdate`` and the zh_CN catalogue agree on where each string lives).
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from app.errors import user_message
from app.i18n import QT_TRANSLATE_NOOP
from app.validation import Finding
from app.vocab import IDENTIFIER_LABELS, LABELS

VALIDATION_CONTEXT = "Validation"
VOCABULARY_CONTEXT = "Vocabulary"
FIELD_CONTEXT = "OperatorField"
ACTION_CONTEXT = "AuditAction"

FIELD_LABELS: dict[str, str] = {
    "name": QT_TRANSLATE_NOOP("OperatorField", "Name"),
    "subject_type": QT_TRANSLATE_NOOP("OperatorField", "Subject type"),
    "identifier_type": QT_TRANSLATE_NOOP("OperatorField", "Identifier type"),
    "identifier": QT_TRANSLATE_NOOP("OperatorField", "Identifier"),
    "legal_representative": QT_TRANSLATE_NOOP("OperatorField", "Legal representative / operator"),
    "registered_address": QT_TRANSLATE_NOOP("OperatorField", "Registered address"),
    "business_address": QT_TRANSLATE_NOOP("OperatorField", "Business address"),
    "phone": QT_TRANSLATE_NOOP("OperatorField", "Phone"),
    "business_scope": QT_TRANSLATE_NOOP("OperatorField", "Business scope"),
    "founded_on": QT_TRANSLATE_NOOP("OperatorField", "Founding date"),
    "registration_status": QT_TRANSLATE_NOOP("OperatorField", "Registration status"),
    "registering_authority": QT_TRANSLATE_NOOP("OperatorField", "Registering authority"),
    "credit_class": QT_TRANSLATE_NOOP("OperatorField", "Credit risk class"),
    "abnormal_listed": QT_TRANSLATE_NOOP("OperatorField", "Abnormal-operation list"),
    "abnormal_reason": QT_TRANSLATE_NOOP("OperatorField", "Reason for the abnormal-operation listing"),
    "abnormal_date": QT_TRANSLATE_NOOP("OperatorField", "Date of the abnormal-operation listing"),
    "serious_violation": QT_TRANSLATE_NOOP("OperatorField", "Serious-violation list"),
    "serious_violation_reason": QT_TRANSLATE_NOOP("OperatorField", "Reason for the serious-violation listing"),
    "serious_violation_date": QT_TRANSLATE_NOOP("OperatorField", "Date of the serious-violation listing"),
    "notes": QT_TRANSLATE_NOOP("OperatorField", "Notes"),
    "deleted_reason": QT_TRANSLATE_NOOP("OperatorField", "Reason for deletion"),
}
"""Display name of every :class:`app.records.OperatorDraft` field (audit entries name fields by these keys)."""

ACTION_LABELS: dict[str, str] = {
    "create": QT_TRANSLATE_NOOP("AuditAction", "Added"),
    "update": QT_TRANSLATE_NOOP("AuditAction", "Changed"),
    "override": QT_TRANSLATE_NOOP("AuditAction", "Saved despite warning"),
    "delete": QT_TRANSLATE_NOOP("AuditAction", "Deleted"),
}
"""Display name of the ``action`` of an audit entry."""

CODE_FIELDS = frozenset({"subject_type", "identifier_type", "credit_class"})
"""Fields whose stored values are vocabulary codes, shown by their labels."""


def translate_finding(f: Finding) -> str:
    """The finding's message in the user's language, with its parameters filled in."""
    return QCoreApplication.translate(VALIDATION_CONTEXT, f.template).format(**dict(f.params))


def known_failure_text(exc: BaseException) -> str | None:
    """The translated "what happened, what to do" text of a known failure (full disk, read-only file, …), or
    ``None`` for an unexpected one, which the caller lets through to the crash handler."""
    message = user_message(exc)
    if message is None:
        return None
    title = QCoreApplication.translate("Errors", message.title)
    body = QCoreApplication.translate("Errors", message.body).format(**dict(message.params))
    return f"{title}：{body}"


def label(code: str) -> str:
    """The translated label of a vocabulary code (subject type, carrier kind, credit class, identifier type …).

    Unknown codes (data from a newer version, free text) are shown as they are rather than hidden.
    """
    english = LABELS.get(code) or IDENTIFIER_LABELS.get(code)
    if english is None:
        return code
    return QCoreApplication.translate(VOCABULARY_CONTEXT, english)


def field_label(name: str) -> str:
    """The translated display name of an operator field."""
    english = FIELD_LABELS.get(name)
    return QCoreApplication.translate(FIELD_CONTEXT, english) if english else name


def action_label(action: str) -> str:
    """The translated display name of an audit action."""
    english = ACTION_LABELS.get(action)
    return QCoreApplication.translate(ACTION_CONTEXT, english) if english else action


def field_value(name: str, value: str | None) -> str:
    """An audit before/after value for display: codes become labels, nothing becomes an empty string."""
    if value is None:
        return ""
    return label(value) if name in CODE_FIELDS and value else value


def format_date(value: date | None) -> str:
    """ISO date (2024-05-01), the form Chinese forms and officers use; empty when unknown."""
    return value.isoformat() if value else ""


def format_time(value: datetime) -> str:
    """Date and minute of an event, e.g. 2024-05-01 14:03."""
    return value.strftime("%Y-%m-%d %H:%M")
