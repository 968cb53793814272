"""The registry's validation rules applied to imported rows, at import speed.

:func:`app.registry_rules.validate_draft` is the rule book; it takes a session because it also looks for an
existing operator with the same code, and builds that query for every call (~0.5 ms), which an import of 100,000
rows cannot afford — and does not need, because an import *matches* rows to existing operators by their codes
first. :func:`check_operator` applies the same rules, in the same order, with the same findings, without that
query; a property test (tests/ledger/test_properties.py) holds it to ``validate_draft``.

:func:`identifier_is_clean` is a fast exact answer to "does :func:`app.validation.validate_identifier` find
nothing?" for the common case (a well-formed code with the right check characters); anything else goes through
``validate_identifier`` itself for its detailed findings.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import Any, Final

from app import identifiers as ids
from app.i18n import QT_TRANSLATE_NOOP
from app.registry_rules import ALLOWED_IDENTIFIERS
from app.validation import Finding, IdentifierType, Severity, validate_identifier
from app.vocab import CreditClass

_CREDIT: Final = frozenset(c.value for c in CreditClass)
USCC_SHAPE: Final = re.compile(f"[{ids.USCC_ALPHABET}]{{2}}[0-9]{{6}}[{ids.USCC_ALPHABET}]{{10}}")
"""18 characters of the USCC alphabet, the region code (characters 3 to 8) in digits."""
# The check characters are weighted sums, computed here as one ``int(text, base)`` in C: a base that leaves the
# same remainder as the weights' ratio gives the same sum modulo the check's modulus (tests/ledger hold these
# fast checks to app.validation, which does the arithmetic the way the standards write it).
ID_BASE: Final = 13
"""Resident ID weights are 2**17 … 2**1 mod 11, and 13 ≡ 2 (mod 11): 2 × the body read in base 13 ≡ the sum."""
USCC_BASE: Final = 34
"""USCC weights are 3**0 … 3**16 mod 31, and 34 ≡ 3 (mod 31): the 17 characters reversed, in base 34."""
ORG_BASE: Final = 35
"""Organisation-code weights are 2**8 … 2**1 mod 11, and 35 ≡ 2 (mod 11): 2 × the body read in base 35."""
_USCC_DIGITS: Final = bytes.maketrans(ids.USCC_ALPHABET.encode("ascii"), b"0123456789ABCDEFGHIJKLMNOPQRSTU")
"""Each USCC character → the character ``int`` reads as the same value (the alphabet skips I, O, S, V and Z)."""
_USCC_CHECK: Final = "".join(
    ids.USCC_ALPHABET[(ids.USCC_MODULUS - r) % ids.USCC_MODULUS] for r in range(ids.USCC_MODULUS)
)
"""Weighted sum mod 31 → the USCC check character."""
_ORG_CHECK: Final = "".join(
    ids.ORG_CODE_TEN if value == ids.ORG_CODE_MODULUS - 1 else str(value % ids.ORG_CODE_MODULUS)
    for value in (ids.ORG_CODE_MODULUS - r for r in range(ids.ORG_CODE_MODULUS))
)
"""Weighted sum mod 11 → the organisation-code check character (10 is written X, 11 is written 0)."""
_AUTHORITY_TYPES: Final = dict(ids.USCC_AUTHORITY_TYPES)


def _uscc_clean(code: str) -> bool:
    if not USCC_SHAPE.fullmatch(code):
        return False
    allowed = _AUTHORITY_TYPES.get(code[0])
    if allowed is None or code[1] not in allowed or code[2:4] not in ids.PROVINCE_CODES:
        return False
    if code[16] != _ORG_CHECK[2 * int(code[8:16], ORG_BASE) % ids.ORG_CODE_MODULUS]:
        return False
    total = int(code[16::-1].encode("ascii").translate(_USCC_DIGITS), USCC_BASE)
    return code[17] == _USCC_CHECK[total % ids.USCC_MODULUS]


def _resident_id_clean(code: str, today: date | None = None) -> bool:
    """``today``: today's date, taken once for a whole import rather than from the clock for every code."""
    body = code[:-1]
    if len(code) != ids.RESIDENT_ID_LENGTH or not (body.isascii() and body.isdigit()):
        return False
    if code[-1] != ids.RESIDENT_ID_CHECK_CHARS[2 * int(body, ID_BASE) % ids.RESIDENT_ID_MODULUS]:
        return False
    born = _birth_date(code[6:14])
    if born is None or born < ids.EARLIEST_BIRTH_DATE:
        return False
    return born <= (today or date.today()) or ids.parse_birth_date(code[6:14]) is not None  # today may be over


def _reg_no_clean(code: str) -> bool:
    return (
        len(code) == ids.REG_NO_LENGTH and ids.is_ascii_digits(code) and ids.reg_no_check_digit(code[:-1]) == code[-1]
    )


@functools.lru_cache(maxsize=1 << 16)
def _birth_date(yyyymmdd: str) -> date | None:
    """The date of eight digits (people share birthdays: a 100,000-row ledger has a few thousand of them)."""
    try:
        return date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:]))
    except ValueError:
        return None


def identifier_is_clean(identifier_type: str, code: str, today: date | None = None) -> bool:
    """True only if ``validate_identifier(identifier_type, code)`` has no findings (``False`` may still be clean:
    the caller then asks ``validate_identifier``). ``code`` must already be normalised; ``today`` as in
    :func:`_resident_id_clean`."""
    if identifier_type == IdentifierType.USCC:
        return _uscc_clean(code)
    if identifier_type == IdentifierType.RESIDENT_ID:
        return _resident_id_clean(code, today)
    if identifier_type == IdentifierType.REG_NO:
        return _reg_no_clean(code)
    if identifier_type == IdentifierType.NONE:
        return not code
    return False


def identifier_findings(identifier_type: str, code: str, today: date | None = None) -> tuple[Finding, ...]:
    """The findings of ``validate_identifier`` for a normalised code, quickly when there are none."""
    if identifier_is_clean(identifier_type, code, today):
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
    if not str(values.get("name", "")).strip():  # nothing but spaces
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
        findings.extend(identifier_findings(identifier_type, str(values.get("identifier", "")), today))
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
