"""Turning a ledger cell into the value the register stores, or a finding saying why it cannot be.

What real ledgers do to values, and what is done about it:

* full-width letters and digits typed with a Chinese IME, the ideographic space, zero-width characters pasted
  from web pages, stray and doubled spaces: folded (letters and digits only in names and addresses — the
  full-width （） and ， of Chinese names are their official form and stay);
* codes in lower case or broken up with spaces and dashes: :func:`app.identifiers.normalize_code`;
* phone numbers Excel turned into numbers (``13800138000.0``, ``1.3800138E10``): restored when every digit
  survived; when Excel's scientific notation dropped digits (``1.38001E+10``, also 18-digit ID numbers stored as
  numbers, which keep only 15 significant digits) the value is refused with a message saying how to fix the
  column, rather than silently storing a wrong number;
* dates as Excel date cells, serial numbers (``44927``), ``20230105`` and text in the usual forms
  (``2023-01-05``, ``2023/1/5``, ``2023.1.5``, ``2023年1月5日``, with or without a time);
* flags as 是/否, √/×, Y/N, 1/0, 有/无, 已列入/未列入;
* vocabularies (subject type, credit class, carrier kind, licence display, carrier status, identifier type) by
  their Chinese words and common variants, and by the stored codes.

Every function returns ``(value, finding)``; a finding with severity ERROR means the cell's value is unusable.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from contextlib import suppress
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from app.i18n import QT_TRANSLATE_NOOP
from app.identifiers import normalize_code
from app.ledger.fields import (
    CARRIER_KIND_WORDS,
    DISPLAY_WORDS,
    ID_TYPE_WORDS,
    STATUS_WORDS,
    SUBJECT_WORDS,
    Kind,
)
from app.ledger.reader import Cell
from app.validation import Finding, Severity, validate_icp_filing, validate_phone
from app.vocab import CarrierKind, CreditClass, LicenseDisplay, SubjectType

T_DATE = QT_TRANSLATE_NOOP("Validation", "\u201c{value}\u201d is not a date. Write it like 2024-05-01.")
T_FLAG = QT_TRANSLATE_NOOP("Validation", "\u201c{value}\u201d is not a yes/no value. Write 是 or 否.")
T_SUBJECT = QT_TRANSLATE_NOOP(
    "Validation",
    "\u201c{value}\u201d is not a known subject type. Use 企业, 个体工商户, 农民专业合作社, 自然人 or 其他.",
)
T_ID_TYPE = QT_TRANSLATE_NOOP(
    "Validation",
    "\u201c{value}\u201d is not a known identifier type. Use 统一社会信用代码, 注册号, 组织机构代码, 身份证号 or 无.",
)
T_CREDIT = QT_TRANSLATE_NOOP("Validation", "Credit class is A, B, C or D.")
T_CARRIER_KIND = QT_TRANSLATE_NOOP(
    "Validation",
    "\u201c{value}\u201d is not a known carrier kind. Use 网店, 网站, 微信公众号, 小程序, APP, 直播间 or 本地生活.",
)
T_DISPLAY = QT_TRANSLATE_NOOP(
    "Validation",
    "\u201c{value}\u201d is not a known licence-display state. Use 已亮照, 亮照不完整, 未亮照 or 未检查.",
)
T_STATUS = QT_TRANSLATE_NOOP("Validation", "\u201c{value}\u201d is not a known carrier status. Use 正常 or 已关闭.")
T_DIGITS_LOST = QT_TRANSLATE_NOOP(
    "Validation",
    "Excel stored this number as {value} and its last digits are lost. Format the column as text in Excel (or "
    "WPS) and enter the number again.",
)
T_MASKED = QT_TRANSLATE_NOOP(
    "Validation",
    "This value is masked ({value}): the ledger was exported without personal data. Import a ledger that has the "
    "full numbers, or leave the cell empty.",
)
T_MASKED_IGNORED = QT_TRANSLATE_NOOP(
    "Validation",
    "This value is masked ({value}): the ledger was exported without personal data, so the cell is ignored.",
)
T_TOO_LONG = QT_TRANSLATE_NOOP("Validation", "The text is {actual} characters long; at most {limit} fit. Shorten it.")

MAX_TEXT: Final = {
    "name": 200,
    "legal_representative": 64,
    "registered_address": 300,
    "business_address": 300,
    "phone": 100,
    "registration_status": 32,
    "registering_authority": 200,
    "carrier.platform": 32,
    "carrier.shop_name": 200,
    "carrier.shop_id": 100,
    "carrier.url": 500,
    "carrier.icp_filing": 64,
    "carrier.wechat": 200,
}
"""Column sizes of the register (localdb/models.py); SQLite would store more, the province's system would not."""

_FULLWIDTH_ALNUM: Final = {
    **{0xFF10 + i: 0x30 + i for i in range(10)},
    **{0xFF21 + i: 0x41 + i for i in range(26)},
    **{0xFF41 + i: 0x61 + i for i in range(26)},
    0x3000: 0x20,
    0x00A0: 0x20,
    0x200B: None,
    0x200C: None,
    0x200D: None,
    0x2060: None,
    0xFEFF: None,
}
TEXT_TABLE: Final = str.maketrans(_FULLWIDTH_ALNUM)
_SPACES: Final = "".join(ch for ch in map(chr, range(0x10000)) if ch.isspace() and ch != " ")
"""Every whitespace character but the space itself (Unicode has none outside the Basic Multilingual Plane)."""
UNFOLDED: Final = re.compile("[" + re.escape("".join(map(chr, _FULLWIDTH_ALNUM)) + _SPACES) + "]")
"""A character :func:`fold_text` replaces or removes: full-width letters and digits, zero-width characters and any
whitespace but the plain space."""

CANONICAL_PHONE: Final = re.compile(r"1[3-9]\d{9}|0\d{2,3}-[1-9]\d{6,7}", re.ASCII)
"""A mobile number or a landline with its area code, as :func:`app.validation.validate_phone` stores them."""
MASK: Final = re.compile(r"\*{3,}|＊{3,}")
SCIENTIFIC: Final = re.compile(r"[+-]?(\d+)(?:\.(\d*))?E\+?(\d+)", re.IGNORECASE | re.ASCII)
FLOAT_TEXT: Final = re.compile(r"(\d+)\.0+", re.ASCII)

EXCEL_EPOCH: Final = date(1899, 12, 30)
MAX_SERIAL: Final = 2_958_465  # 9999-12-31
MIN_SERIAL: Final = 61  # serials below 61 count the fictitious 1900-02-29; no ledger date is that old
DATE_TEXT: Final = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]\d{1,2}[:时]\d{1,2}(?:[:分]\d{1,2}(?:\.\d+)?秒?)?)?",
    re.ASCII,
)
COMPACT_DATE: Final = re.compile(r"(\d{4})(\d{2})(\d{2})", re.ASCII)
DATE_SUFFIX: Final = re.compile(r"(?:\s*00:00(?::00(?:\.0+)?)?)$")

Result = tuple[Any, Finding | None]


def _finding(field: str, code: str, template: str, **params: object) -> Finding:
    return Finding(field, Severity.ERROR, code, template, tuple((k, str(v)) for k, v in params.items()))


def fold_text(text: str) -> str:
    """Full-width letters/digits/spaces to ASCII, zero-width characters removed, runs of whitespace to one space."""
    if UNFOLDED.search(text) is None and "  " not in text and not text.startswith(" ") and not text.endswith(" "):
        return text  # nothing to fold (most text): one search instead of translating and splitting
    return " ".join(text.translate(TEXT_TABLE).split())


def _number_text(value: float | int) -> str:
    """A number as a ledger would show it: integers without ``.0``."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if value == value and abs(value) != float("inf") and value == int(value):
        return str(int(value))
    return repr(value)


def cell_text(value: Cell) -> str:
    """Any cell as text (dates as ISO dates), before field-specific normalisation."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float):
        return _number_text(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _lost_digits(value: Cell) -> str | None:
    """Excel's form of a number whose digits are gone, or None if the number is exact.

    A numeric cell keeps at most 15 significant digits, so an 18-digit code stored as a number is damaged; text
    in scientific notation (what Excel writes into CSV for long numbers) has lost every digit not shown.
    """
    if isinstance(value, float) and value == value and abs(value) >= 1e15:
        return f"{value:.14E}"
    if isinstance(value, str):
        match = SCIENTIFIC.fullmatch(value.strip())
        if match:
            whole, fraction, exponent = match.group(1), match.group(2) or "", int(match.group(3))
            if len((whole + fraction).lstrip("0")) < exponent + 1:
                return value.strip()
    return None


def normalise_code(field: str, value: Cell) -> Result:
    """An identifier, shop id or similar code: digits-only numbers restored, masks and lost digits refused."""
    lost = _lost_digits(value)
    if lost is not None:
        return "", _finding(field, "cell.digits_lost", T_DIGITS_LOST, value=lost)
    text = cell_text(value)
    if isinstance(value, str):
        scientific = SCIENTIFIC.fullmatch(text.strip())
        if scientific:
            with suppress(InvalidOperation, ValueError):
                text = str(int(Decimal(text.strip())))
        elif FLOAT_TEXT.fullmatch(text.strip()):
            text = text.strip().split(".")[0]
    if MASK.search(text):
        return "", _finding(field, "cell.masked", T_MASKED, value=text.strip())
    if field == "carrier.shop_id":  # an id as the platform shows it: keep its case, fold width and spaces
        return "".join(fold_text(unicodedata.normalize("NFKC", text)).split()), None
    return normalize_code(text), None


def normalise_phone(field: str, value: Cell) -> Result:
    lost = _lost_digits(value)
    if lost is not None:
        return "", _finding(field, "cell.digits_lost", T_DIGITS_LOST, value=lost)
    text = cell_text(value)
    if MASK.search(text):  # the real number is not in the file: nothing to store, nothing to overwrite
        masked = Finding(field, Severity.WARNING, "cell.masked", T_MASKED_IGNORED, (("value", text.strip()),))
        return "", masked
    stripped = text.strip()
    if CANONICAL_PHONE.fullmatch(stripped):  # already in its stored form: what validate_phone would return
        return stripped, None
    result = validate_phone(text, field)
    return result.normalized, (result.errors[0] if result.errors else None)


def normalise_text(field: str, value: Cell) -> Result:
    text = fold_text(cell_text(value))
    limit = MAX_TEXT.get(field)
    if limit is not None and len(text) > limit:
        return text, _finding(field, "cell.too_long", T_TOO_LONG, actual=len(text), limit=limit)
    return text, None


def normalise_multiline(field: str, value: Cell) -> Result:
    """Long free text (business scope, notes, reasons): line breaks are kept, each line folded."""
    lines = [fold_text(line) for line in cell_text(value).translate(TEXT_TABLE).splitlines()]
    return "\n".join(line for line in lines if line), None


def excel_serial(serial: float) -> date | None:
    if MIN_SERIAL <= serial <= MAX_SERIAL:
        return EXCEL_EPOCH + timedelta(days=int(serial))
    return None


def normalise_date(field: str, value: Cell) -> Result:
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    if isinstance(value, bool):
        return None, _finding(field, "cell.date", T_DATE, value=cell_text(value))
    if isinstance(value, int | float):
        if 19000101 <= value <= 21001231 and value == int(value):
            compact = _compact(str(int(value)))
            if compact:
                return compact, None
        serial = excel_serial(float(value))
        if serial is not None:
            return serial, None
        return None, _finding(field, "cell.date", T_DATE, value=cell_text(value))
    text = unicodedata.normalize("NFKC", cell_text(value)).strip()
    text = DATE_SUFFIX.sub("", text)
    match = DATE_TEXT.fullmatch(text)
    parsed: date | None = None
    if match:
        parsed = _ymd(match.group(1), match.group(2), match.group(3))
    elif COMPACT_DATE.fullmatch(text):
        parsed = _compact(text)
    elif re.fullmatch(r"\d{2,7}(?:\.\d+)?", text, re.ASCII):
        parsed = excel_serial(float(text))
    if parsed is None:
        return None, _finding(field, "cell.date", T_DATE, value=text)
    return parsed, None


def _ymd(year: str, month: str, day: str) -> date | None:
    try:
        parsed = date(int(year), int(month), int(day))
    except ValueError:
        return None
    return parsed if 1900 <= parsed.year <= 2100 else None


def _compact(text: str) -> date | None:
    match = COMPACT_DATE.fullmatch(text)
    return _ymd(match.group(1), match.group(2), match.group(3)) if match else None


def _key(value: Cell) -> str:
    """The lookup form of a vocabulary cell: NFKC, lower case, without spaces and common punctuation."""
    text = unicodedata.normalize("NFKC", cell_text(value)).lower()
    return re.sub(r"[\s()\[\]【】（）:：,，;；。.、\-_/]+", "", text)


YES_WORDS: Final = frozenset(
    {"是", "√", "✓", "✔", "y", "yes", "true", "1", "有", "已列入", "列入", "已列", "在列", "对"}
)
NO_WORDS: Final = frozenset(
    {"否", "×", "✗", "✘", "x", "n", "no", "false", "0", "无", "未列入", "不是", "没有", "未列", "不在列", "—", ""}
)


def normalise_flag(field: str, value: Cell) -> Result:
    if isinstance(value, bool):
        return value, None
    key = _key(value)
    if key in YES_WORDS:
        return True, None
    if key in NO_WORDS or key in {"-", "/"}:
        return False, None
    return None, _finding(field, "cell.flag", T_FLAG, value=cell_text(value).strip())


def _words(words: dict[str, str], extra: dict[str, str]) -> dict[str, str]:
    table = {_key(word): code for code, word in words.items()}
    table.update({_key(code): code for code in words})
    table.update({_key(word): code for word, code in extra.items()})
    return table


SUBJECTS: Final = _words(
    SUBJECT_WORDS,
    {
        "公司": SubjectType.ENTERPRISE,
        "有限公司": SubjectType.ENTERPRISE,
        "有限责任公司": SubjectType.ENTERPRISE,
        "股份有限公司": SubjectType.ENTERPRISE,
        "企业法人": SubjectType.ENTERPRISE,
        "个人独资企业": SubjectType.ENTERPRISE,
        "合伙企业": SubjectType.ENTERPRISE,
        "个体": SubjectType.INDIVIDUAL,
        "个体户": SubjectType.INDIVIDUAL,
        "个体工商户": SubjectType.INDIVIDUAL,
        "合作社": SubjectType.COOPERATIVE,
        "农专社": SubjectType.COOPERATIVE,
        "个人": SubjectType.NATURAL_PERSON,
        "自然人网店": SubjectType.NATURAL_PERSON,
        "无照经营": SubjectType.NATURAL_PERSON,
        "未登记": SubjectType.NATURAL_PERSON,
        "个人网店": SubjectType.NATURAL_PERSON,
    },
)
ID_TYPES: Final = _words(
    ID_TYPE_WORDS,
    {
        "统一代码": "uscc",
        "信用代码": "uscc",
        "社会信用代码": "uscc",
        "营业执照": "uscc",
        "营业执照注册号": "reg_no",
        "工商注册号": "reg_no",
        "机构代码": "org_code",
        "身份证": "resident_id",
        "居民身份证": "resident_id",
        "身份证号码": "resident_id",
        "公民身份号码": "resident_id",
        "没有": "none",
        "暂无": "none",
    },
)
CARRIER_KINDS: Final = _words(
    CARRIER_KIND_WORDS,
    {
        "店铺": CarrierKind.SHOP,
        "平台店铺": CarrierKind.SHOP,
        "网络店铺": CarrierKind.SHOP,
        "电商店铺": CarrierKind.SHOP,
        "自建网站": CarrierKind.WEBSITE,
        "网站": CarrierKind.WEBSITE,
        "公众号": CarrierKind.WECHAT_ACCOUNT,
        "微信小程序": CarrierKind.MINI_PROGRAM,
        "小程序": CarrierKind.MINI_PROGRAM,
        "app": CarrierKind.APP,
        "应用": CarrierKind.APP,
        "移动应用": CarrierKind.APP,
        "直播间": CarrierKind.LIVE_STREAM,
        "直播": CarrierKind.LIVE_STREAM,
        "短视频": CarrierKind.LIVE_STREAM,
        "短视频账号": CarrierKind.LIVE_STREAM,
        "直播账号": CarrierKind.LIVE_STREAM,
        "外卖": CarrierKind.LOCAL_LIFE,
        "外卖店铺": CarrierKind.LOCAL_LIFE,
        "本地生活服务": CarrierKind.LOCAL_LIFE,
    },
)
DISPLAYS: Final = _words(
    DISPLAY_WORDS,
    {
        "是": LicenseDisplay.SHOWN,
        "√": LicenseDisplay.SHOWN,
        "已亮": LicenseDisplay.SHOWN,
        "亮照": LicenseDisplay.SHOWN,
        "已公示": LicenseDisplay.SHOWN,
        "完整": LicenseDisplay.SHOWN,
        "不完整": LicenseDisplay.INCOMPLETE,
        "部分亮照": LicenseDisplay.INCOMPLETE,
        "否": LicenseDisplay.MISSING,
        "×": LicenseDisplay.MISSING,
        "未亮": LicenseDisplay.MISSING,
        "未公示": LicenseDisplay.MISSING,
        "无": LicenseDisplay.MISSING,
        "未核查": LicenseDisplay.UNCHECKED,
        "待检查": LicenseDisplay.UNCHECKED,
    },
)
STATUSES: Final = _words(
    STATUS_WORDS,
    {
        "在营": "active",
        "营业": "active",
        "营业中": "active",
        "经营中": "active",
        "开业": "active",
        "正常经营": "active",
        "运营": "active",
        "关闭": "closed",
        "停业": "closed",
        "关店": "closed",
        "已关店": "closed",
        "注销": "closed",
        "已注销": "closed",
        "停止经营": "closed",
    },
)


def _vocabulary(table: dict[str, str], code: str, template: str) -> Callable[[str, Cell], Result]:
    cache: dict[Cell, Result] = {}

    def normalise(field: str, value: Cell) -> Result:
        hit = cache.get(value)
        if hit is not None:
            return hit
        found = table.get(_key(value))
        result: Result = (
            (found, None)
            if found is not None
            else (None, _finding(field, code, template, value=cell_text(value).strip()))
        )
        if len(cache) < 10_000:
            cache[value] = result
        return result

    return normalise


_subject_exact = _vocabulary(SUBJECTS, "cell.subject", T_SUBJECT)


def normalise_subject(field: str, value: Cell) -> Result:
    """Subject types, also as the provinces' long forms (有限责任公司(自然人投资或控股) → enterprise)."""
    found, problem = _subject_exact(field, value)
    if problem is None:
        return found, None
    key = _key(value)
    for word, subject in (
        ("个体", SubjectType.INDIVIDUAL),
        ("合作社", SubjectType.COOPERATIVE),
        ("自然人", SubjectType.NATURAL_PERSON),
        ("公司", SubjectType.ENTERPRISE),
        ("企业", SubjectType.ENTERPRISE),
    ):
        if word in key:
            return subject.value, None
    return None, problem


_credit_cache: dict[Cell, Result] = {}


def normalise_credit(field: str, value: Cell) -> Result:
    """A/B/C/D, also written A类, a, 低风险, B（一般）, 较高 …; 未分类 leaves the class empty."""
    hit = _credit_cache.get(value)
    if hit is not None:
        return hit
    key = _key(value)
    result: Result
    if key and key[0] in "abcd" and (len(key) == 1 or not key[1].isascii()):
        result = (key[0].upper(), None)
    elif key in {"未分类", "未评定", "无"}:
        result = ("", None)
    elif "较高" in key:
        result = (CreditClass.C.value, None)
    elif "一般" in key:
        result = (CreditClass.B.value, None)
    elif "低" in key:
        result = (CreditClass.A.value, None)
    elif "高" in key:
        result = (CreditClass.D.value, None)
    else:
        result = ("", _finding(field, "credit.invalid", T_CREDIT))
    if len(_credit_cache) < 10_000:
        _credit_cache[value] = result
    return result


def normalise_icp(field: str, value: Cell) -> Result:
    """The ICP number in its stored form; it is *checked* only when it will be written (see preview), so a
    ledger repeating what the register holds is never refused for it."""
    return validate_icp_filing(cell_text(value), field).normalized, None


def normalise_list(field: str, value: Cell) -> Result:
    """Several names in one cell (APP名称: ``掌上购、优选``): a list."""
    parts = re.split(r"[、,，;；/\n]+", fold_text(cell_text(value)).replace(" / ", "/"))
    return [p.strip() for p in parts if p.strip()], None


MULTILINE_FIELDS: Final = frozenset({"business_scope", "notes", "abnormal_reason", "serious_violation_reason"})

NORMALISERS: Final[dict[Kind, Callable[[str, Cell], Result]]] = {
    Kind.TEXT: normalise_text,
    Kind.CODE: normalise_code,
    Kind.PHONE: normalise_phone,
    Kind.DATE: normalise_date,
    Kind.FLAG: normalise_flag,
    Kind.SUBJECT: normalise_subject,
    Kind.ID_TYPE: _vocabulary(ID_TYPES, "cell.identifier_type", T_ID_TYPE),
    Kind.CREDIT: normalise_credit,
    Kind.CARRIER_KIND: _vocabulary(CARRIER_KINDS, "cell.carrier_kind", T_CARRIER_KIND),
    Kind.DISPLAY: _vocabulary(DISPLAYS, "cell.license_display", T_DISPLAY),
    Kind.STATUS: _vocabulary(STATUSES, "cell.carrier_status", T_STATUS),
    Kind.ICP: normalise_icp,
    Kind.LIST: normalise_list,
}


def normaliser(field: str, kind: Kind) -> Callable[[str, Cell], Result]:
    """The function that normalises cells of ``field`` (free-text fields keep their line breaks)."""
    if kind is Kind.TEXT and field in MULTILINE_FIELDS:
        return normalise_multiline
    return NORMALISERS[kind]
