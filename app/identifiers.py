"""Check-character arithmetic, code tables and number syntax for Chinese operator identifiers and contacts.

Kept apart from ``app.validation`` so the arithmetic (which must match the national standards bit for bit) and the
syntax of phone and ICP numbers can be read and tested on their own, without the user-facing messages around them.
Everything here is pure stdlib and Qt-free. Sources: GB 32100-2015 (统一社会信用代码), GB 11714 (组织机构代码),
GS 15-2006 with ISO 7064 MOD 11,10 (注册号) and GB 11643 (公民身份号码); see /work/shared/domain.md, section
"Operators (主体) and carriers (载体)".
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Final

# --- 统一社会信用代码 (USCC, GB 32100-2015) -----------------------------------------------------------------------
USCC_LENGTH: Final = 18
#: The 31 characters a USCC may use, in value order 0..30; I, O, S, V and Z are left out because they are too easily
#: confused with 1, 0, 5, U and 2.
USCC_ALPHABET: Final = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_MODULUS: Final = len(USCC_ALPHABET)
#: Weights for positions 1-17: 3**i mod 31, i.e. 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28.
USCC_WEIGHTS: Final = tuple(pow(3, i, USCC_MODULUS) for i in range(USCC_LENGTH - 1))
#: Positions 3-8 (0-based slice 2:8) hold the registering authority's 6-digit administrative region code.
USCC_REGION_SLICE: Final = slice(2, 8)
#: Positions 3-4 (0-based slice 2:4) are the province part of that region code, the only part checked strictly.
USCC_PROVINCE_SLICE: Final = slice(2, 4)
#: Positions 9-17 (0-based slice 8:17) are the embedded organisation code including its own check character.
USCC_ORG_CODE_SLICE: Final = slice(8, 17)

#: Registration-authority code (1st char) -> the institution-type codes (2nd char) GB 32100-2015 defines for it.
USCC_AUTHORITY_TYPES: Final[Mapping[str, frozenset[str]]] = MappingProxyType(
    {
        "1": frozenset("1239"),  # 机构编制: 机关, 事业单位, 群众团体, 其他
        "2": frozenset("19"),  # 外交
        "3": frozenset("123459"),  # 司法行政: 律所, 公证处, 基层法律服务所, 司法鉴定, 仲裁委, 其他
        "4": frozenset("19"),  # 文化
        "5": frozenset("1239"),  # 民政: 社会团体, 民办非企业单位, 基金会, 其他
        "6": frozenset("129"),  # 旅游
        "7": frozenset("129"),  # 宗教
        "8": frozenset("19"),  # 工会
        "9": frozenset("123"),  # 工商 (market regulation): 企业, 个体工商户, 农民专业合作社
        "A": frozenset("19"),  # 中央军委改革和编制办公室
        "N": frozenset("1239"),  # 农业: 组级, 村级, 乡镇级集体经济组织, 其他
        "Y": frozenset("1"),  # 其他: not subdivided, always 1
    }
)

#: Province-level prefixes of GB/T 2260 region codes, plus "10" for authorities at national level (the codes of
#: centrally registered bodies read 100000, e.g. 12100000400002259P).
PROVINCE_CODES: Final = frozenset(
    {"10"}
    | {"11", "12", "13", "14", "15", "21", "22", "23"}
    | {"31", "32", "33", "34", "35", "36", "37"}
    | {"41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54"}
    | {"61", "62", "63", "64", "65", "71", "81", "82"}
)

# --- 组织机构代码 (GB 11714) --------------------------------------------------------------------------------------
ORG_CODE_LENGTH: Final = 9
ORG_CODE_BODY_LENGTH: Final = ORG_CODE_LENGTH - 1
#: Characters allowed in the 8-character body; digits are worth 0-9 and letters A..Z 10..35.
ORG_CODE_ALPHABET: Final = string.digits + string.ascii_uppercase
ORG_CODE_WEIGHTS: Final = (3, 7, 9, 10, 5, 8, 4, 2)
ORG_CODE_MODULUS: Final = 11
#: A raw check value of 10 is written X, and 11 (sum divisible by 11) is written 0.
ORG_CODE_TEN: Final = "X"

# --- 注册号 (15 digits, ISO 7064 MOD 11,10) -------------------------------------------------------------------------
REG_NO_LENGTH: Final = 15
MOD_11_10_START: Final = 10

# --- 公民身份号码 (GB 11643) --------------------------------------------------------------------------------------
RESIDENT_ID_LENGTH: Final = 18
LEGACY_RESIDENT_ID_LENGTH: Final = 15
RESIDENT_ID_WEIGHTS: Final = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_MODULUS: Final = 11
#: ``sum % 11`` indexes this string to give the check character.
RESIDENT_ID_CHECK_CHARS: Final = "10X98765432"
#: Birth date YYYYMMDD at positions 7-14 of the 18-character form, YYMMDD at 7-12 of the 15-character form.
RESIDENT_ID_BIRTH_SLICE: Final = slice(6, 14)
LEGACY_RESIDENT_ID_BIRTH_SLICE: Final = slice(6, 12)
LEGACY_CENTURY: Final = "19"
EARLIEST_BIRTH_DATE: Final = date(1900, 1, 1)

DIGITS: Final = frozenset(string.digits)

#: Dash-like characters people (and word processors) put inside codes; NFKC already folds U+FF0D and U+FE63.
DASHES: Final = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d")


def normalize_code(text: str) -> str:
    """Bring a typed or imported code to its canonical form so equal codes compare equal.

    Ledgers carry codes typed with a Chinese IME (full-width ``９１４４``), in lower case, or broken up with spaces and
    dashes (``74218321-3``); none of that is part of the code. NFKC folds full-width forms and U+3000 to ASCII.
    """
    folded = unicodedata.normalize("NFKC", text.strip()).upper()
    return "".join(ch for ch in folded if not ch.isspace() and ch not in DASHES)


def is_ascii_digits(text: str) -> bool:
    """``str.isdigit`` also accepts Arabic-Indic and other digits; codes only ever use 0-9."""
    return bool(text) and all(ch in DIGITS for ch in text)


def _require(text: str, length: int, alphabet: str, what: str) -> None:
    """Guard the arithmetic: a wrong length or character would give a meaningless check character."""
    if len(text) != length or any(ch not in alphabet for ch in text):
        raise ValueError(f"{what} needs {length} characters from {alphabet!r}, got {text!r}")


def uscc_check_char(first17: str) -> str:
    """USCC check character (ISO 7064 MOD 31-3 style): ``(31 - sum(value * 3**i mod 31) mod 31) mod 31``."""
    _require(first17, USCC_LENGTH - 1, USCC_ALPHABET, "uscc_check_char")
    total = sum(USCC_ALPHABET.index(ch) * weight for ch, weight in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(USCC_MODULUS - total % USCC_MODULUS) % USCC_MODULUS]


def org_code_check_char(first8: str) -> str:
    """Organisation-code check character: ``11 - sum mod 11`` with 10 written X and 11 written 0."""
    _require(first8, ORG_CODE_BODY_LENGTH, ORG_CODE_ALPHABET, "org_code_check_char")
    total = sum(ORG_CODE_ALPHABET.index(ch) * weight for ch, weight in zip(first8, ORG_CODE_WEIGHTS, strict=True))
    value = ORG_CODE_MODULUS - total % ORG_CODE_MODULUS
    if value == ORG_CODE_MODULUS - 1:
        return ORG_CODE_TEN
    return str(value % ORG_CODE_MODULUS)


def reg_no_check_digit(first14: str) -> str:
    """注册号 check digit by ISO 7064 MOD 11,10 (hybrid system: catches every single-digit error)."""
    _require(first14, REG_NO_LENGTH - 1, string.digits, "reg_no_check_digit")
    product = MOD_11_10_START
    for ch in first14:
        doubled = ((int(ch) + product) % 10) * 2
        product = (2 * MOD_11_10_START if doubled == 0 else doubled) % 11
    return str((11 - product) % 10)


def resident_id_check_char(first17: str) -> str:
    """Resident ID check character: weighted sum mod 11 indexed into ``"10X98765432"``."""
    _require(first17, RESIDENT_ID_LENGTH - 1, string.digits, "resident_id_check_char")
    total = sum(int(ch) * weight for ch, weight in zip(first17, RESIDENT_ID_WEIGHTS, strict=True))
    return RESIDENT_ID_CHECK_CHARS[total % RESIDENT_ID_MODULUS]


def parse_birth_date(yyyymmdd: str, today: date | None = None) -> date | None:
    """The birth date in a resident ID, or None if it is not a real date between 1900-01-01 and today.

    An impossible date means the number was mistyped or invented, which the check character alone may not reveal.
    """
    if len(yyyymmdd) != len("YYYYMMDD") or not is_ascii_digits(yyyymmdd):
        return None
    try:
        born = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:]))
    except ValueError:
        return None
    if not EARLIEST_BIRTH_DATE <= born <= (today or date.today()):
        return None
    return born


# --- phone numbers (syntax only; the messages live in app.validation) ------------------------------------------
# Patterns use re.ASCII: without it \d also matches Arabic-Indic and other digits, which NFKC leaves alone.
EXCEL_FLOAT: Final = re.compile(r"\d+\.0+|\d(?:\.\d+)?E\+?\d+", re.IGNORECASE | re.ASCII)
INTERNATIONAL_PREFIX: Final = re.compile(r"^\(?(?:\+|00)86\)?")
EXTENSION: Final = re.compile(r"(?:转|分机|EXT\.?|X)\s*(\d{1,6})\s*$", re.IGNORECASE | re.ASCII)
PHONE_GROUP_SEPARATORS: Final = re.compile(r"[\s\-()]+")  # Unicode \s on purpose: any space separates groups
MOBILE: Final = re.compile(r"1[3-9]\d{9}", re.ASCII)
MOBILE_LENGTH: Final = 11
MOBILE_WITH_COUNTRY_CODE: Final = re.compile(r"86(1[3-9]\d{9})", re.ASCII)
SERVICE_NUMBER: Final = re.compile(r"(?:400|800)\d{7}", re.ASCII)
AREA_CODE: Final = re.compile(r"0\d{2,3}", re.ASCII)
#: Beijing (010) and the 02x cities have 3-digit area codes including the 0; all other area codes have 4 digits.
THREE_DIGIT_AREA_CODE: Final = re.compile(r"0(?:10|2\d)", re.ASCII)
#: Local numbers never start with 0 (that is the trunk prefix); real ones start with 2-9, but 1 is let through
#: because placeholder numbers such as 010-12345678 are everywhere and blocking them helps nobody.
LOCAL_NUMBER: Final = re.compile(r"[1-9]\d{6,7}", re.ASCII)
#: How far from 11 digits a number starting with 1 may be and still be reported as a mistyped mobile number.
MOBILE_LENGTH_SLACK: Final = 2
EXTENSION_DIGITS: Final = re.compile(r"\d{1,6}", re.ASCII)
EXTENSION_MARK: Final = "转"


def fix_excel_float(text: str) -> str:
    """Excel turns a phone column into numbers: 13800138000 comes back as ``13800138000.0`` or ``1.3800138E10``."""
    if not EXCEL_FLOAT.fullmatch(text):
        return text
    try:
        value = Decimal(text)
    except InvalidOperation:
        return text
    return str(int(value)) if value == value.to_integral_value() else text


def format_landline(groups: list[str], extension: str | None) -> str | None:
    """``0AAA-NNNNNNNN`` (plus ``转EEE``), or None; trusts the user's own split when there is one."""
    if len(groups) == 1:
        digits = groups[0]
        area_length = 3 if THREE_DIGIT_AREA_CODE.match(digits) else 4
        groups = [digits[:area_length], digits[area_length:]]
    area, rest = groups[0], groups[1:]
    number = rest[0] if rest else ""
    if not LOCAL_NUMBER.fullmatch(number) and len(rest) >= 2:  # a number written in two halves: 0571-8765-4321
        rest = [rest[0] + rest[1], *rest[2:]]
        number = rest[0]
    if len(rest) == 2 and extension is None:  # dash extension: 0571-87654321-123
        extension = rest[1]
    elif len(rest) != 1:
        return None
    if not (AREA_CODE.fullmatch(area) and LOCAL_NUMBER.fullmatch(number)):
        return None
    if extension is not None and not EXTENSION_DIGITS.fullmatch(extension):
        return None
    return f"{area}-{number}" + (f"{EXTENSION_MARK}{extension}" if extension else "")


# --- ICP filing numbers ---------------------------------------------------------------------------------------
#: The 31 mainland province abbreviations used as the first character of ICP numbers.
ICP_PROVINCES: Final = frozenset("京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝蜀黔滇藏陕陇青宁新川贵云甘")
"""Province abbreviations on ICP filing numbers. The MIIT uses 蜀/黔/滇/陇 for Sichuan, Guizhou, Yunnan and Gansu
(滇ICP备…); 川/贵/云/甘 also appear in ledgers typed by hand, so both are accepted."""
ICP_FILING_DIGITS: Final = (8, 10)  # 8 digits, or 10 digits starting with the year (2021012345)
ICP_LICENCE_DIGITS: Final = (6,)
ICP_PATTERN: Final = re.compile(
    r"(?P<prov>.)ICP(?P<kind>[备证])(?P<num>\d+)号(?P<seq>-[1-9]\d{0,3})?(?P<suffix>[AX])?", re.ASCII
)
#: The same without 号, a very common slip, so the message can show the corrected form.
ICP_WITHOUT_HAO: Final = re.compile(r"(?P<head>.ICP[备证]\d+)(?P<tail>(?:-[1-9]\d{0,3})?[AX]?)", re.ASCII)
#: Dash look-alikes that NFKC leaves alone; they are folded to "-" before matching the "-n" website number.
DASH_LOOKALIKES: Final = re.compile("[\u2010-\u2015\u2212\ufe58]")
