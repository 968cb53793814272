"""Rules an operator record must satisfy before it is saved (beyond each identifier's own format rules)."""

from __future__ import annotations

import dataclasses
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import QT_TRANSLATE_NOOP
from app.records import OperatorDraft
from app.validation import Finding, IdentifierType, Severity, validate_identifier, validate_phone
from app.vocab import CreditClass, SubjectType
from localdb.models import Operator

ALLOWED_IDENTIFIERS: dict[str, set[str]] = {
    SubjectType.ENTERPRISE: {IdentifierType.USCC, IdentifierType.REG_NO, IdentifierType.ORG_CODE},
    SubjectType.INDIVIDUAL: {IdentifierType.USCC, IdentifierType.REG_NO, IdentifierType.RESIDENT_ID},
    SubjectType.COOPERATIVE: {IdentifierType.USCC, IdentifierType.REG_NO},
    SubjectType.NATURAL_PERSON: {IdentifierType.RESIDENT_ID, IdentifierType.NONE},
    SubjectType.OTHER: {t.value for t in IdentifierType},
}
"""Which identifier kinds fit which subject type (a natural person has no credit code, an enterprise no ID)."""


def _error(field: str, code: str, template: str, **params: str) -> Finding:
    return Finding(field, Severity.ERROR, code, template, tuple(params.items()))


def deletion_reason_missing() -> Finding:
    """The finding shown when a deletion is confirmed without a reason."""
    return _error(
        "deleted_reason",
        "delete.reason",
        QT_TRANSLATE_NOOP("Validation", "Give a reason for the deletion; it is kept in the audit log."),
    )


def validate_draft(
    session: Session, draft: OperatorDraft, operator_id: str | None
) -> tuple[OperatorDraft, list[Finding]]:
    """Normalise ``draft`` and return it with every finding (errors block saving, warnings need a reason)."""
    findings: list[Finding] = []
    name = " ".join(draft.name.split())
    if not name:
        findings.append(_error("name", "name.required", QT_TRANSLATE_NOOP("Validation", "Enter the name.")))
    if draft.subject_type not in ALLOWED_IDENTIFIERS:
        findings.append(
            _error("subject_type", "subject.required", QT_TRANSLATE_NOOP("Validation", "Choose the subject type."))
        )
    elif draft.identifier_type not in ALLOWED_IDENTIFIERS[draft.subject_type]:
        findings.append(
            _error(
                "identifier_type",
                "identifier.type_mismatch",
                QT_TRANSLATE_NOOP("Validation", "This kind of identifier does not fit the subject type."),
            )
        )
    identifier = validate_identifier(IdentifierType(draft.identifier_type), draft.identifier)
    findings.extend(identifier.findings)
    phone = validate_phone(draft.phone)
    findings.extend(phone.findings)
    if draft.credit_class and draft.credit_class not in {c.value for c in CreditClass}:
        findings.append(
            _error("credit_class", "credit.invalid", QT_TRANSLATE_NOOP("Validation", "Credit class is A, B, C or D."))
        )
    if draft.founded_on and draft.founded_on > date.today():
        findings.append(
            _error(
                "founded_on",
                "founded.future",
                QT_TRANSLATE_NOOP("Validation", "The founding date lies in the future."),
            )
        )
    for flag, reason_field, label in (
        ("abnormal_listed", "abnormal_reason", "abnormal"),
        ("serious_violation", "serious_violation_reason", "serious"),
    ):
        if getattr(draft, flag) and not getattr(draft, reason_field).strip():
            findings.append(
                _error(
                    reason_field,
                    f"{label}.reason",
                    QT_TRANSLATE_NOOP("Validation", "Enter the reason for the listing."),
                )
            )
    if identifier.normalized and not identifier.errors:
        duplicate = session.scalar(
            select(Operator.name).where(
                Operator.identifier_type == draft.identifier_type,
                Operator.identifier == identifier.normalized,
                Operator.deleted_at.is_(None),
                Operator.id != (operator_id or ""),
            )
        )
        if duplicate is not None:
            findings.append(
                _error(
                    "identifier",
                    "identifier.duplicate",
                    QT_TRANSLATE_NOOP(
                        "Validation", "This identifier is already registered for {name}. Open that record instead."
                    ),
                    name=duplicate,
                )
            )
    clean = dataclasses.replace(
        draft,
        name=name,
        identifier=identifier.normalized,
        phone=phone.normalized,
        legal_representative=draft.legal_representative.strip(),
        registered_address=draft.registered_address.strip(),
        business_address=draft.business_address.strip(),
    )
    return clean, findings
