"""Validation of operator identifiers, phone numbers and ICP filing numbers, as translatable findings.

Policy (domain.md "Validation policy"): the *format* of a code is a hard rule, reported as an ERROR; a failing check
character is only a WARNING the user may override with a reason, because real issued codes fail it (Fujian pilot
codes such as ``91350100M0001TGQXM``). Messages are English templates marked for Qt's lupdate and translated only at
display time, so this module stays Qt-free and usable from the CLI and the importer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from app import identifiers as ids
from app.i18n import QT_TRANSLATE_NOOP
from app.identifiers import (
    normalize_code,
    org_code_check_char,
    reg_no_check_digit,
    resident_id_check_char,
    uscc_check_char,
)

__all__ = [
    "Finding",
    "IdentifierType",
    "Severity",
    "ValidationResult",
    "guess_identifier_type",
    "normalize_code",
    "org_code_check_char",
    "reg_no_check_digit",
    "resident_id_check_char",
    "uscc_check_char",
    "validate_icp_filing",
    "validate_identifier",
    "validate_phone",
]

CONTEXT: Final = "Validation"


class Severity(StrEnum):
    """ERROR blocks saving; WARNING may be overridden with a reason."""

    ERROR = "error"
    WARNING = "warning"


class IdentifierType(StrEnum):
    """Which identifier an operator carries: real ledgers mix them, so the type is stored next to the value."""

    USCC = "uscc"  # 统一社会信用代码
    ORG_CODE = "org_code"  # 组织机构代码
    REG_NO = "reg_no"  # 注册号
    RESIDENT_ID = "resident_id"  # 身份证
    NONE = "none"  # natural person without any identifier


def _untranslated(context: str, text: str) -> str:
    """Default for ``Finding.render``: show the English template (tests, logs, the CLI without Qt)."""
    del context
    return text


@dataclass(frozen=True)
class Finding:
    """One problem with one field; keeps the template and parameters apart so the UI can translate it later."""

    field: str
    severity: Severity
    code: str
    template: str
    params: tuple[tuple[str, str], ...] = ()

    def render(self, translate: Callable[[str, str], str] = _untranslated) -> str:
        """Translate the template first and format afterwards, so translators see the ``{name}`` placeholders."""
        return translate(CONTEXT, self.template).format(**dict(self.params))


@dataclass(frozen=True)
class ValidationResult:
    """The value to store (normalised) and everything found wrong with it."""

    normalized: str
    findings: tuple[Finding, ...] = ()

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """True when nothing blocks saving (warnings may remain)."""
        return not self.errors


# --- message templates (English; extracted by lupdate, translated at display time) -------------------------------
T_REQUIRED = QT_TRANSLATE_NOOP(
    "Validation", "Enter the code. If the operator has none, choose \u201cno identifier\u201d as its type."
)
T_NOT_ALLOWED = QT_TRANSLATE_NOOP(
    "Validation",
    "This operator is marked as having no identifier, but a code was entered. "
    "Either clear the code or choose the type of identifier it is.",
)
T_LENGTH = QT_TRANSLATE_NOOP(
    "Validation",
    "This code should have {expected} characters, but it has {actual}. "
    "Compare it with the licence and look for a missing or extra character.",
)
T_USCC_FORBIDDEN = QT_TRANSLATE_NOOP(
    "Validation",
    "The code contains {chars}, which never appear in a unified social credit code "
    "(the letters I, O, S, V and Z are not used). Check for O typed instead of the digit 0, or I instead of 1.",
)
T_USCC_AUTHORITY = QT_TRANSLATE_NOOP(
    "Validation",
    "The first character must be one of 1-9, A, N or Y, not {actual}. Compare the code with the licence.",
)
T_USCC_TYPE = QT_TRANSLATE_NOOP(
    "Validation",
    "The second character {actual} is not used after {authority}: it must be one of {allowed}. "
    "Compare the code with the licence.",
)
T_USCC_REGION = QT_TRANSLATE_NOOP(
    "Validation",
    "Characters 3 to 8 must all be digits (they are a region code), but they are {actual}. "
    "Compare the code with the licence.",
)
T_USCC_PROVINCE = QT_TRANSLATE_NOOP(
    "Validation",
    "Characters 3 and 4 ({actual}) are not a Chinese province code. Compare the code with the licence.",
)
T_USCC_ORG_CHECK = QT_TRANSLATE_NOOP(
    "Validation",
    "Character 17 should be {expected}, not {actual}. Check the code against the licence; "
    "if the code is really printed like this, you may save it with a reason.",
)
T_CHECK_CHAR = QT_TRANSLATE_NOOP(
    "Validation",
    "The check character should be {expected}, not {actual}. Check the code against the licence; "
    "if the code is really printed like this, you may save it with a reason.",
)
T_ORG_CODE_CHARS = QT_TRANSLATE_NOOP(
    "Validation",
    "An organisation code may only contain digits and capital letters, but it contains {chars}. "
    "Compare it with the certificate.",
)
T_REG_NO_DIGITS = QT_TRANSLATE_NOOP(
    "Validation",
    "A registration number (注册号) consists of digits only, but it contains {chars}. Compare it with the licence.",
)
T_ID_CHARS = QT_TRANSLATE_NOOP(
    "Validation",
    "An ID card number consists of digits, with only the last character possibly X, but it contains {chars}. "
    "Compare it with the ID card.",
)
T_ID_BIRTH_DATE = QT_TRANSLATE_NOOP(
    "Validation",
    "The birth date in this ID number ({actual}) is not a real date between 1900 and today. "
    "Compare the number with the ID card.",
)
T_ID_CHECK = QT_TRANSLATE_NOOP(
    "Validation",
    "The last character should be {expected}, not {actual}. Check the number against the ID card; "
    "if the card really shows this number, you may save it with a reason.",
)
T_ID_LEGACY = QT_TRANSLATE_NOOP(
    "Validation",
    "This is an old 15-digit ID number. If possible, ask for the 18-digit number on the current ID card.",
)
T_PHONE_FORMAT = QT_TRANSLATE_NOOP(
    "Validation",
    "\u201c{number}\u201d is not a phone number. Enter an 11-digit mobile number, a landline with its area code "
    "such as 0571-87654321, or a 400/800 number. Separate several numbers with a semicolon.",
)
T_PHONE_MOBILE_LENGTH = QT_TRANSLATE_NOOP(
    "Validation",
    "The mobile number \u201c{number}\u201d has {actual} digits; mobile numbers have 11. "
    "Look for a missing or extra digit.",
)
T_PHONE_AREA_CODE = QT_TRANSLATE_NOOP(
    "Validation",
    "The landline \u201c{number}\u201d has no area code. Add it in front, for example 0571-{number}.",
)
T_ICP_FORMAT = QT_TRANSLATE_NOOP(
    "Validation",
    "\u201c{value}\u201d is not an ICP filing number. Copy it from the bottom of the website or from the MIIT "
    "filing system; it looks like 京ICP备12345678号-1 or 京ICP证123456号.",
)
T_ICP_PROVINCE = QT_TRANSLATE_NOOP(
    "Validation",
    "\u201c{actual}\u201d is not a province abbreviation used in ICP numbers (such as 京, 沪 or 粤). "
    "Check the first character.",
)
T_ICP_FILING_DIGITS = QT_TRANSLATE_NOOP(
    "Validation",
    "The number in an ICP filing (ICP备) has 8 or 10 digits, but this one has {actual}. "
    "Look for a missing or extra digit.",
)
T_ICP_LICENCE_DIGITS = QT_TRANSLATE_NOOP(
    "Validation",
    "The number in an ICP licence (ICP证) has 6 digits, but this one has {actual}. Look for a missing or extra digit.",
)
T_ICP_MISSING_HAO = QT_TRANSLATE_NOOP(
    "Validation",
    "The character 号 is missing after the digits. The correct form is {suggestion}.",
)


def _finding(field: str, severity: Severity, code: str, template: str, **params: object) -> Finding:
    return Finding(field, severity, code, template, tuple((key, str(value)) for key, value in params.items()))


def _error(field: str, code: str, template: str, **params: object) -> Finding:
    return _finding(field, Severity.ERROR, code, template, **params)


def _warning(field: str, code: str, template: str, **params: object) -> Finding:
    return _finding(field, Severity.WARNING, code, template, **params)


def _bad_chars(code: str, alphabet: Collection[str]) -> str:
    """The offending characters, each once and in order, for the message."""
    return " ".join(dict.fromkeys(ch for ch in code if ch not in alphabet))


# --- identifiers ---------------------------------------------------------------------------------------------------
def _check_uscc(code: str, field: str) -> list[Finding]:
    if len(code) != ids.USCC_LENGTH:
        return [_error(field, "uscc.length", T_LENGTH, expected=ids.USCC_LENGTH, actual=len(code))]
    if bad := _bad_chars(code, ids.USCC_ALPHABET):
        return [_error(field, "uscc.forbidden_chars", T_USCC_FORBIDDEN, chars=bad)]
    found: list[Finding] = []
    authority, kind = code[0], code[1]
    allowed = ids.USCC_AUTHORITY_TYPES.get(authority)
    if allowed is None:
        found.append(_error(field, "uscc.registration_authority", T_USCC_AUTHORITY, actual=authority))
    elif kind not in allowed:
        choices = ", ".join(sorted(allowed))
        found.append(_error(field, "uscc.type", T_USCC_TYPE, actual=kind, authority=authority, allowed=choices))
    region = code[ids.USCC_REGION_SLICE]
    if not ids.is_ascii_digits(region):
        found.append(_error(field, "uscc.region_digits", T_USCC_REGION, actual=region))
    elif code[ids.USCC_PROVINCE_SLICE] not in ids.PROVINCE_CODES:
        found.append(_error(field, "uscc.province", T_USCC_PROVINCE, actual=code[ids.USCC_PROVINCE_SLICE]))
    if found:  # a check character is meaningless advice while the code itself is malformed
        return found
    org_body, org_check = code[ids.USCC_ORG_CODE_SLICE][:-1], code[ids.USCC_ORG_CODE_SLICE][-1]
    if (expected := org_code_check_char(org_body)) != org_check:
        found.append(_warning(field, "uscc.org_code_check_char", T_USCC_ORG_CHECK, expected=expected, actual=org_check))
    if (expected := uscc_check_char(code[:-1])) != code[-1]:
        found.append(_warning(field, "uscc.check_char", T_CHECK_CHAR, expected=expected, actual=code[-1]))
    return found


def _check_org_code(code: str, field: str) -> list[Finding]:
    if len(code) != ids.ORG_CODE_LENGTH:
        return [_error(field, "org_code.length", T_LENGTH, expected=ids.ORG_CODE_LENGTH, actual=len(code))]
    if bad := _bad_chars(code, ids.ORG_CODE_ALPHABET):
        return [_error(field, "org_code.chars", T_ORG_CODE_CHARS, chars=bad)]
    if (expected := org_code_check_char(code[:-1])) != code[-1]:
        return [_warning(field, "org_code.check_char", T_CHECK_CHAR, expected=expected, actual=code[-1])]
    return []


def _check_reg_no(code: str, field: str) -> list[Finding]:
    if len(code) != ids.REG_NO_LENGTH:
        return [_error(field, "reg_no.length", T_LENGTH, expected=ids.REG_NO_LENGTH, actual=len(code))]
    if not ids.is_ascii_digits(code):
        return [_error(field, "reg_no.digits", T_REG_NO_DIGITS, chars=_bad_chars(code, ids.DIGITS))]
    if (expected := reg_no_check_digit(code[:-1])) != code[-1]:
        return [_warning(field, "reg_no.check_digit", T_CHECK_CHAR, expected=expected, actual=code[-1])]
    return []


def _check_resident_id(code: str, field: str) -> list[Finding]:
    if len(code) == ids.LEGACY_RESIDENT_ID_LENGTH and ids.is_ascii_digits(code):
        birth = ids.LEGACY_CENTURY + code[ids.LEGACY_RESIDENT_ID_BIRTH_SLICE]
        if ids.parse_birth_date(birth) is None:
            return [_error(field, "resident_id.birth_date", T_ID_BIRTH_DATE, actual=birth)]
        return [_warning(field, "resident_id.legacy_15", T_ID_LEGACY)]
    if len(code) != ids.RESIDENT_ID_LENGTH:
        return [_error(field, "resident_id.length", T_LENGTH, expected=ids.RESIDENT_ID_LENGTH, actual=len(code))]
    if not ids.is_ascii_digits(code[:-1]) or code[-1] not in ids.RESIDENT_ID_CHECK_CHARS:
        bad = _bad_chars(code[:-1], ids.DIGITS) or code[-1]
        return [_error(field, "resident_id.chars", T_ID_CHARS, chars=bad)]
    birth = code[ids.RESIDENT_ID_BIRTH_SLICE]
    if ids.parse_birth_date(birth) is None:
        return [_error(field, "resident_id.birth_date", T_ID_BIRTH_DATE, actual=birth)]
    if (expected := resident_id_check_char(code[:-1])) != code[-1]:
        return [_warning(field, "resident_id.check_char", T_ID_CHECK, expected=expected, actual=code[-1])]
    return []


_CHECKERS: Final[dict[IdentifierType, Callable[[str, str], list[Finding]]]] = {
    IdentifierType.USCC: _check_uscc,
    IdentifierType.ORG_CODE: _check_org_code,
    IdentifierType.REG_NO: _check_reg_no,
    IdentifierType.RESIDENT_ID: _check_resident_id,
}


def validate_identifier(identifier_type: IdentifierType, raw: str, field: str = "identifier") -> ValidationResult:
    """Normalise ``raw`` and check it as ``identifier_type``; store ``normalized`` (e.g. ``742183213``, no dash)."""
    identifier_type = IdentifierType(identifier_type)  # also accept the stored plain string, e.g. "uscc"
    code = normalize_code(raw)
    if identifier_type is IdentifierType.NONE:
        findings = [_error(field, "identifier.not_allowed", T_NOT_ALLOWED)] if code else []
        return ValidationResult(code, tuple(findings))
    if not code:
        return ValidationResult(code, (_error(field, "identifier.required", T_REQUIRED),))
    return ValidationResult(code, tuple(_CHECKERS[identifier_type](code, field)))


def _looks_like_uscc(code: str) -> bool:
    return (
        len(code) == ids.USCC_LENGTH
        and code[0] in ids.USCC_AUTHORITY_TYPES
        and ids.is_ascii_digits(code[ids.USCC_REGION_SLICE])
        and all(ch in ids.USCC_ALPHABET for ch in code)
    )


def _looks_like_resident_id(code: str) -> bool:
    return (
        len(code) == ids.RESIDENT_ID_LENGTH
        and ids.is_ascii_digits(code[:-1])
        and code[-1] in ids.RESIDENT_ID_CHECK_CHARS
        and ids.parse_birth_date(code[ids.RESIDENT_ID_BIRTH_SLICE]) is not None
    )


def guess_identifier_type(raw: str) -> IdentifierType | None:
    """Guess the identifier type from the shape of the code, for import and for pre-filling the form.

    An all-digit 18-character code can fit both a USCC and an ID number; the check character that passes decides,
    and a tie goes to RESIDENT_ID so that a possible ID number is treated as personal data. 15 digits are taken as a
    注册号, although a legacy 15-digit ID number looks the same.
    """
    code = normalize_code(raw)
    if not code:
        return IdentifierType.NONE
    if len(code) == ids.USCC_LENGTH:
        uscc, resident = _looks_like_uscc(code), _looks_like_resident_id(code)
        if uscc and resident:
            uscc_ok = uscc_check_char(code[:-1]) == code[-1]
            resident_ok = resident_id_check_char(code[:-1]) == code[-1]
            return IdentifierType.USCC if uscc_ok and not resident_ok else IdentifierType.RESIDENT_ID
        if uscc:
            return IdentifierType.USCC
        return IdentifierType.RESIDENT_ID if resident else None
    if len(code) == ids.REG_NO_LENGTH and ids.is_ascii_digits(code):
        return IdentifierType.REG_NO
    if len(code) == ids.ORG_CODE_LENGTH and all(ch in ids.ORG_CODE_ALPHABET for ch in code):
        return IdentifierType.ORG_CODE
    return None


# --- phone numbers -------------------------------------------------------------------------------------------------
PHONE_SEPARATORS: Final = re.compile(r"[、,;]")  # after NFKC, which folds ， and ； to , and ;
PHONE_JOINER: Final = "; "


def _check_one_phone(text: str, field: str) -> tuple[str, Finding | None]:
    text = ids.fix_excel_float(text)
    rest, international = ids.INTERNATIONAL_PREFIX.sub("", text), bool(ids.INTERNATIONAL_PREFIX.match(text))
    extension = None
    if match := ids.EXTENSION.search(rest):
        extension, rest = match.group(1), rest[: match.start()]
    groups = [g for g in ids.PHONE_GROUP_SEPARATORS.split(rest) if g]
    if not groups or not all(ids.is_ascii_digits(g) for g in groups):
        return text, _error(field, "phone.format", T_PHONE_FORMAT, number=text)
    digits = "".join(groups)
    keeps_its_form = digits.startswith("0") or ids.MOBILE.fullmatch(digits) or ids.SERVICE_NUMBER.fullmatch(digits)
    if international and not keeps_its_form:  # +86 10 1234 5678 drops the 0 of the area code
        groups[0], digits = "0" + groups[0], "0" + digits
    if match := ids.MOBILE_WITH_COUNTRY_CODE.fullmatch(digits):
        digits = match.group(1)
    if ids.MOBILE.fullmatch(digits) and extension is None:
        return digits, None
    if ids.SERVICE_NUMBER.fullmatch(digits):
        return digits + (f"{ids.EXTENSION_MARK}{extension}" if extension else ""), None
    if digits.startswith("0") and (landline := ids.format_landline(groups, extension)):
        return landline, None
    near_mobile = digits.startswith("1") and 0 < abs(len(digits) - ids.MOBILE_LENGTH) <= ids.MOBILE_LENGTH_SLACK
    if near_mobile and extension is None:
        return text, _error(field, "phone.mobile_length", T_PHONE_MOBILE_LENGTH, number=text, actual=len(digits))
    if ids.LOCAL_NUMBER.fullmatch(digits) and extension is None:
        return text, _error(field, "phone.missing_area_code", T_PHONE_AREA_CODE, number=text)
    return text, _error(field, "phone.format", T_PHONE_FORMAT, number=text)


def validate_phone(raw: str, field: str = "phone") -> ValidationResult:
    """Check one or several phone numbers (separated by 、,;，；) and normalise them; an empty phone is fine."""
    folded = unicodedata.normalize("NFKC", raw)
    normalized: list[str] = []
    findings: list[Finding] = []
    for part in PHONE_SEPARATORS.split(folded):
        if not (text := part.strip()):
            continue
        value, finding = _check_one_phone(text, field)
        normalized.append(value)
        if finding is not None:
            findings.append(finding)
    return ValidationResult(PHONE_JOINER.join(normalized), tuple(findings))


# --- ICP filing numbers (patterns and the province list live in app.identifiers) ----------------------------------
def validate_icp_filing(raw: str, field: str = "icp_filing") -> ValidationResult:
    """Check an ICP filing (``京ICP备12345678号-1``, ``粤ICP备2021012345号-3A``) or licence (``京ICP证123456号``)."""
    value = ids.DASH_LOOKALIKES.sub("-", unicodedata.normalize("NFKC", raw)).upper()
    value = "".join(value.split())
    if not value:
        return ValidationResult("")
    match = ids.ICP_PATTERN.fullmatch(value)
    if match is None:
        if (short := ids.ICP_WITHOUT_HAO.fullmatch(value)) is not None:
            suggestion = f"{short['head']}号{short['tail']}"
            missing = _error(field, "icp_filing.missing_hao", T_ICP_MISSING_HAO, suggestion=suggestion)
            return ValidationResult(value, (missing,))
        return ValidationResult(value, (_error(field, "icp_filing.format", T_ICP_FORMAT, value=value),))
    findings: list[Finding] = []
    if match["prov"] not in ids.ICP_PROVINCES:
        findings.append(_error(field, "icp_filing.province", T_ICP_PROVINCE, actual=match["prov"]))
    is_licence = match["kind"] == "证"
    allowed = ids.ICP_LICENCE_DIGITS if is_licence else ids.ICP_FILING_DIGITS
    if len(match["num"]) not in allowed:
        template = T_ICP_LICENCE_DIGITS if is_licence else T_ICP_FILING_DIGITS
        findings.append(_error(field, "icp_filing.digits", template, actual=len(match["num"])))
    if is_licence and match["suffix"]:
        findings.append(_error(field, "icp_filing.format", T_ICP_FORMAT, value=value))
    return ValidationResult(value, tuple(findings))
