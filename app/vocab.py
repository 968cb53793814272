"""Domain vocabularies: the codes stored in the database and their Chinese labels.

The database stores short English codes (stable across UI wording changes); each vocabulary maps a code to an
English label marked for translation, so the UI shows the official Chinese term from the zh_CN catalogue.
"""

from __future__ import annotations

from enum import StrEnum

from app.i18n import QT_TRANSLATE_NOOP

CONTEXT = "Vocabulary"


class SubjectType(StrEnum):
    """主体类型: the kind of business subject."""

    ENTERPRISE = "enterprise"
    INDIVIDUAL = "individual"
    COOPERATIVE = "cooperative"
    NATURAL_PERSON = "natural_person"
    OTHER = "other"


class CreditClass(StrEnum):
    """信用风险分类: A low, B general, C elevated, D high risk."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"


class CarrierKind(StrEnum):
    """载体类型: where the operator trades online."""

    SHOP = "shop"
    WEBSITE = "website"
    WECHAT_ACCOUNT = "wechat"
    MINI_PROGRAM = "mini_program"
    APP = "app"
    LIVE_STREAM = "live_stream"
    LOCAL_LIFE = "local_life"


class LicenseDisplay(StrEnum):
    """亮照 state found at the last check."""

    UNCHECKED = "unchecked"
    SHOWN = "shown"
    INCOMPLETE = "incomplete"
    MISSING = "missing"


class OfficerRole(StrEnum):
    """What an officer may do at the desk."""

    OFFICER = "officer"
    STATION_HEAD = "head"


LABELS: dict[str, str] = {
    SubjectType.ENTERPRISE: QT_TRANSLATE_NOOP("Vocabulary", "Enterprise"),
    SubjectType.INDIVIDUAL: QT_TRANSLATE_NOOP("Vocabulary", "Individual business"),
    SubjectType.COOPERATIVE: QT_TRANSLATE_NOOP("Vocabulary", "Farmers' cooperative"),
    SubjectType.NATURAL_PERSON: QT_TRANSLATE_NOOP("Vocabulary", "Natural person"),
    SubjectType.OTHER: QT_TRANSLATE_NOOP("Vocabulary", "Other"),
    CarrierKind.SHOP: QT_TRANSLATE_NOOP("Vocabulary", "Platform shop"),
    CarrierKind.WEBSITE: QT_TRANSLATE_NOOP("Vocabulary", "Website"),
    CarrierKind.WECHAT_ACCOUNT: QT_TRANSLATE_NOOP("Vocabulary", "WeChat official account"),
    CarrierKind.MINI_PROGRAM: QT_TRANSLATE_NOOP("Vocabulary", "Mini-program"),
    CarrierKind.APP: QT_TRANSLATE_NOOP("Vocabulary", "App"),
    CarrierKind.LIVE_STREAM: QT_TRANSLATE_NOOP("Vocabulary", "Live-stream / short-video account"),
    CarrierKind.LOCAL_LIFE: QT_TRANSLATE_NOOP("Vocabulary", "Local-life store"),
    LicenseDisplay.UNCHECKED: QT_TRANSLATE_NOOP("Vocabulary", "Not checked"),
    LicenseDisplay.SHOWN: QT_TRANSLATE_NOOP("Vocabulary", "Displayed"),
    LicenseDisplay.INCOMPLETE: QT_TRANSLATE_NOOP("Vocabulary", "Incomplete"),
    LicenseDisplay.MISSING: QT_TRANSLATE_NOOP("Vocabulary", "Not displayed"),
    CreditClass.A: QT_TRANSLATE_NOOP("Vocabulary", "A (low risk)"),
    CreditClass.B: QT_TRANSLATE_NOOP("Vocabulary", "B (general risk)"),
    CreditClass.C: QT_TRANSLATE_NOOP("Vocabulary", "C (elevated risk)"),
    CreditClass.D: QT_TRANSLATE_NOOP("Vocabulary", "D (high risk)"),
    OfficerRole.OFFICER: QT_TRANSLATE_NOOP("Vocabulary", "Officer"),
    OfficerRole.STATION_HEAD: QT_TRANSLATE_NOOP("Vocabulary", "Station head"),
}
"""English label of every code, for translation into the official Chinese term."""

IDENTIFIER_LABELS: dict[str, str] = {
    "uscc": QT_TRANSLATE_NOOP("Vocabulary", "Unified social credit code"),
    "org_code": QT_TRANSLATE_NOOP("Vocabulary", "Organisation code"),
    "reg_no": QT_TRANSLATE_NOOP("Vocabulary", "Registration number"),
    "resident_id": QT_TRANSLATE_NOOP("Vocabulary", "Resident ID number"),
    "none": QT_TRANSLATE_NOOP("Vocabulary", "No identifier"),
}
"""Labels of :class:`app.validation.IdentifierType` codes (kept here so every label lives in one catalogue)."""

PLATFORMS: tuple[str, ...] = (
    "淘宝",
    "天猫",
    "京东",
    "拼多多",
    "抖音",
    "快手",
    "美团",
    "饿了么",
    "小红书",
    "微店",
    "闲鱼",
    "1688",
    "唯品会",
    "其他",
)
"""Platforms seen in station ledgers; proper names, so they are data, not translated UI text."""
