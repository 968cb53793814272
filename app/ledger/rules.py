"""The registry's validation rules applied to imported rows, at import speed.

:func:`app.registry_rules.validate_draft` is the rule book; it takes a session because it also looks for an
existing operator with the same code, and builds that query for every call (~0.5 ms), which an import of 100,000
rows cannot afford — and does not need, because an import *matches* rows to existing operators by their codes
first. :func:`check_operator` applies the same rules, in the same order, with the same findings, without that
query; a property test (tests/ledger/test_rules.py) holds it to ``validate_draft``.

:func:`identifier_is_clean` is a fast exact answer to "does :func:`app.validation.validate_identifier` find
nothing?" for the common case (a well-formed code with the right check characters); anything else goes through
``validate_identifier`` itself for its detailed findings.
"""

from __future__ import annotations

from datetime import date
from operator import mul
from typing import Any, Final

from app import identifiers as ids
from app.i18n import QT_TRANSLATE_NOOP
from app.registry_rules import ALLOWED_IDENTIFIERS
from app.validation import Finding, IdentifierType, Severity, validate_identifier
from app.vocab import CreditClass

_USCC_VALUES: Final = {ch: i for i, ch in enumerate(ids.USCC_ALPHABET)}
_ORG_VALUES: Final = {ch: i for i, ch in enumerate(ids.ORG_CODE_ALPHABET)}
_ID_WEIGHTS: Final = ids.RESIDENT_ID_WEIGHTS
_CREDIT: Final = frozenset(c.value for c in CreditClass)


def _uscc_clean(code: str) -> bool:
    if len(code) != ids.USCC_LENGTH:
        return False
    values = [_USCC_VALUES.get(ch, -1) for ch in code]
    if -1 in values:
        return False
    allowed = ids.USCC_AUTHORITY_TYPES.get(code[0])
    if allowed is None or code[1] not in allowed:
        return False
    region = code[2:8]
    if not (region.isascii() and region.isdigit()) or code[2:4] not in ids.PROVINCE_CODES:
        return False
    org = code[8:17]
    org_total = sum(map(mul, (_ORG_VALUES[ch] for ch in org[:8]), ids.ORG_CODE_WEIGHTS))
    org_value = ids.ORG_CODE_MODULUS - org_total % ids.ORG_CODE_MODULUS
    org_check = ids.ORG_CODE_TEN if org_value == ids.ORG_CODE_MODULUS - 1 else str(org_value % ids.ORG_CODE_MODULUS)
    if org_check != org[8]:
        return False
    total: int = sum(map(mul, values[:17], ids.USCC_WEIGHTS))
    return bool(values[17] == (ids.USCC_MODULUS - total % ids.USCC_MODULUS) % ids.USCC_MODULUS)


def _resident_id_clean(code: str) -> bool:
    body = code[:-1]
    if len(code) != ids.RESIDENT_ID_LENGTH or not (body.isascii() and body.isdigit()):
        return False
    if code[-1] not in ids.RESIDENT_ID_CHECK_CHARS or ids.parse_birth_date(code[6:14]) is None:
        return False
    total = sum(map(mul, map(int, body), _ID_WEIGHTS))
    return code[-1] == ids.RESIDENT_ID_CHECK_CHARS[total % ids.RESIDENT_ID_MODULUS]


def identifier_is_clean(identifier_type: str, code: str) -> bool:
    """True only if ``validate_identifier(identifier_type, code)`` has no findings (``False`` may still be clean:
    the caller then asks ``validate_identifier``). ``code`` must already be normalised."""
    if identifier_type == IdentifierType.USCC:
        return _uscc_clean(code)
    if identifier_type == IdentifierType.RESIDENT_ID:
        return _resident_id_clean(code)
    if identifier_type == IdentifierType.NONE:
        return not code
    return False


def identifier_findings(identifier_type: str, code: str) -> tuple[Finding, ...]:
    """The findings of ``validate_identifier`` for a normalised code, quickly when there are none."""
    if identifier_is_clean(identifier_type, code):
        return ()
    return validate_identifier(IdentifierType(identifier_type), code).findings


def _error(field: str, code: str, template: str) -> Finding:
    return Finding(field, Severity.ERROR, code, template, ())


def check_operator(
    values: dict[str, Any], *, check_identifier: bool = True, today: date | None = None
) -> list[Finding]:
    """The findings of ``validate_draft`` (without its duplicate lookup) for an operator's final values.

    ``values`` holds every :class:`app.records.OperatorDraft` field, already normalised (names folded, codes and
    phones in their stored form). The phone is checked when it is read from the ledger, so it is not checked
    again here; the identifier only when ``check_identifier`` (it is new or changed and not known to be clean).
    ``today`` saves asking the clock for every row of a big import.
    """
    findings: list[Finding] = []
    if not " ".join(str(values.get("name", "")).split()):
        findings.append(_error("name", "name.required", QT_TRANSLATE_NOOP("Validation", "Enter the name.")))
    subject = values.get("subject_type", "")
    identifier_type = values.get("identifier_type", "")
    if subject not in ALLOWED_IDENTIFIERS:
        findings.append(
            _error("subject_type", "subject.required", QT_TRANSLATE_NOOP("Validation", "Choose the subject type."))
        )
    elif identifier_type not in ALLOWED_IDENTIFIERS[subject]:
        findings.append(
            _error(
                "identifier_type",
                "identifier.type_mismatch",
                QT_TRANSLATE_NOOP("Validation", "This kind of identifier does not fit the subject type."),
            )
        )
    if check_identifier:
        findings.extend(identifier_findings(identifier_type, str(values.get("identifier", ""))))
    credit = values.get("credit_class", "")
    if credit and credit not in _CREDIT:
        findings.append(
            _error("credit_class", "credit.invalid", QT_TRANSLATE_NOOP("Validation", "Credit class is A, B, C or D."))
        )
    founded = values.get("founded_on")
    if isinstance(founded, date) and founded > (today or date.today()):
        findings.append(
            _error(
                "founded_on", "founded.future", QT_TRANSLATE_NOOP("Validation", "The founding date lies in the future.")
            )
        )
    for flag, reason_field, label in (
        ("abnormal_listed", "abnormal_reason", "abnormal"),
        ("serious_violation", "serious_violation_reason", "serious"),
    ):
        if values.get(flag) and not str(values.get(reason_field, "")).strip():
            findings.append(
                _error(
                    reason_field,
                    f"{label}.reason",
                    QT_TRANSLATE_NOOP("Validation", "Enter the reason for the listing."),
                )
            )
    return findings
