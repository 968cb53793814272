"""What a ledger column can be: the import targets, their kinds, header variants, and the export layout.

The Chinese column headers and value words here (主体名称, 统一社会信用代码, 个体工商户, 已亮照 …) are a *file format*:
the words county ledgers and provincial systems use, which import recognises and export writes so that an export
imports again unchanged. They are data, like the province's registration-status wording, not UI text; the UI shows
fields by their translated :data:`FIELD_LABELS`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from app.i18n import QT_TRANSLATE_NOOP
from app.records import OperatorDraft
from app.vocab import CarrierKind, LicenseDisplay, SubjectType


class Kind(StrEnum):
    """How a column's values are normalised and checked."""

    TEXT = "text"
    CODE = "code"
    PHONE = "phone"
    DATE = "date"
    FLAG = "flag"
    SUBJECT = "subject"
    ID_TYPE = "id_type"
    CREDIT = "credit"
    CARRIER_KIND = "carrier_kind"
    DISPLAY = "display"
    STATUS = "status"
    ICP = "icp"
    LIST = "list"


@dataclass(frozen=True)
class Field:
    key: str
    kind: Kind
    header: str
    """The header the export writes (and the template offers)."""
    aliases: tuple[str, ...] = ()
    """Other headers seen in ledgers and provincial systems (matched after :func:`app.ledger.headers.fold`)."""
    width: int = 14
    """Column width in the export, in characters."""


IGNORE: Final = ""
"""Mapping target of a column that is not imported."""

# Identifier columns: ``identifier`` when the column may hold any kind of code (the kind is then told from the code's
# shape), a typed key when the header says which kind it holds.
IDENTIFIER_COLUMNS: Final = ("identifier.uscc", "identifier.reg_no", "identifier.org_code", "identifier.resident_id")

FIELDS: Final[tuple[Field, ...]] = (
    Field(
        "name",
        Kind.TEXT,
        "主体名称",
        (
            "经营主体名称",
            "市场主体名称",
            "企业名称",
            "企业(个体)名称",
            "企业个体名称",
            "单位名称",
            "名称",
            "经营者名称",
            "商户名称",
            "主体名",
            "字号名称",
            "网店经营者名称",
            "经营者(店主)名称",
            "entname",
        ),
        30,
    ),
    Field(
        "subject_type",
        Kind.SUBJECT,
        "主体类型",
        ("市场主体类型", "经营主体类型", "企业类型", "主体性质", "类型", "企业(主体)类型", "enttype"),
        12,
    ),
    Field("identifier_type", Kind.ID_TYPE, "证照类型", ("证件类型", "主体证照类型", "证照种类", "代码类型"), 16),
    Field(
        "identifier",
        Kind.CODE,
        "证照号码",
        (
            "证件号码",
            "主体证照号码",
            "证照编号",
            "统一社会信用代码/注册号",
            "统一社会信用代码(注册号)",
            "社会信用代码/注册号",
            "信用代码/注册号",
            "统一代码/注册号",
            "统一社会信用代码/身份证号",
            "统一社会信用代码或身份证号",
            "主体身份代码",
            "登记号码",
        ),
        22,
    ),
    Field("identifier.uscc", Kind.CODE, "统一社会信用代码", ("社会信用代码", "信用代码", "统一代码", "uniscid"), 22),
    Field("identifier.reg_no", Kind.CODE, "注册号", ("工商注册号", "营业执照注册号", "营业执照号", "regno"), 18),
    Field("identifier.org_code", Kind.CODE, "组织机构代码", ("机构代码",), 14),
    Field(
        "identifier.resident_id",
        Kind.CODE,
        "身份证号",
        (
            "身份证号码",
            "身份证",
            "公民身份号码",
            "居民身份证号码",
            "经营者身份证号",
            "经营者身份证号码",
            "身份证件号码",
        ),
        22,
    ),
    Field(
        "legal_representative",
        Kind.TEXT,
        "法定代表人(负责人)",
        (
            "法定代表人",
            "法定代表人姓名",
            "法人",
            "法人代表",
            "负责人",
            "经营者",
            "经营者姓名",
            "投资人",
            "店主",
            "法定代表人/负责人",
            "法定代表人(经营者)",
            "法定代表人/经营者",
            "name",
        ),
        12,
    ),
    Field(
        "phone",
        Kind.PHONE,
        "联系电话",
        ("电话", "手机", "手机号", "手机号码", "联系方式", "联系人电话", "固定电话", "电话号码", "联系手机", "tel"),
        16,
    ),
    Field(
        "registered_address",
        Kind.TEXT,
        "注册地址",
        ("住所", "登记住所", "住所(经营场所)", "住所/经营场所", "注册地", "登记地址", "dom"),
        36,
    ),
    Field(
        "business_address",
        Kind.TEXT,
        "经营地址",
        ("经营场所", "实际经营地址", "经营场所地址", "实际经营场所", "经营地", "oploc"),
        36,
    ),
    Field("business_scope", Kind.TEXT, "经营范围", ("经营项目", "主营业务", "opscope"), 40),
    Field(
        "founded_on",
        Kind.DATE,
        "成立日期",
        ("成立时间", "注册日期", "设立日期", "成立(注册)日期", "estdate", "开业日期"),
        12,
    ),
    Field(
        "registration_status",
        Kind.TEXT,
        "登记状态",
        ("经营状态", "企业状态", "主体状态", "存续状态", "登记状况", "regstate"),
        10,
    ),
    Field("registering_authority", Kind.TEXT, "登记机关", ("登记机构", "发照机关", "regorg"), 24),
    Field(
        "credit_class",
        Kind.CREDIT,
        "信用风险分类",
        ("风险分类", "信用风险等级", "风险等级", "信用等级", "信用分类", "信用风险分类结果", "风险类别"),
        12,
    ),
    Field(
        "abnormal_listed",
        Kind.FLAG,
        "列入经营异常名录",
        (
            "经营异常名录",
            "是否列入经营异常名录",
            "经营异常",
            "异常名录",
            "是否经营异常",
            "经营异常状态",
            "是否列入异常名录",
            "列入异常名录",
        ),
        10,
    ),
    Field(
        "abnormal_reason",
        Kind.TEXT,
        "经营异常原因",
        ("列入经营异常名录原因", "异常原因", "列入异常原因", "列入原因", "经营异常名录原因"),
        24,
    ),
    Field(
        "abnormal_date",
        Kind.DATE,
        "列入经营异常日期",
        ("列入经营异常名录日期", "列入异常日期", "异常日期", "列入日期", "经营异常日期"),
        12,
    ),
    Field(
        "serious_violation",
        Kind.FLAG,
        "列入严重违法失信名单",
        ("严重违法失信名单", "是否列入严重违法失信名单", "严重违法失信", "失信名单", "是否严重违法失信", "失信"),
        10,
    ),
    Field(
        "serious_violation_reason",
        Kind.TEXT,
        "严重违法失信原因",
        ("列入严重违法失信名单原因", "失信原因", "严重违法原因"),
        24,
    ),
    Field(
        "serious_violation_date",
        Kind.DATE,
        "列入严重违法失信日期",
        ("列入严重违法失信名单日期", "失信日期", "严重违法失信日期"),
        12,
    ),
    Field("notes", Kind.TEXT, "备注", ("说明", "备注说明", "其他"), 20),
    Field(
        "carrier.kind",
        Kind.CARRIER_KIND,
        "载体类型",
        ("载体种类", "网络经营类型", "网店类型", "经营载体类型", "载体", "网络载体类型", "webtype"),
        12,
    ),
    Field(
        "carrier.platform",
        Kind.TEXT,
        "平台",
        ("平台名称", "所属平台", "电商平台", "入驻平台", "第三方平台", "第三方平台名称", "belongplatformname"),
        10,
    ),
    Field(
        "carrier.shop_name",
        Kind.TEXT,
        "店铺名称",
        ("网店名称", "载体名称", "网站名称", "店名", "网店名", "账号名称", "直播间名称", "店铺名", "websitname"),
        24,
    ),
    Field(
        "carrier.shop_id",
        Kind.CODE,
        "店铺ID",
        ("店铺编号", "网店ID", "账号ID", "店铺id号", "平台账号", "账号", "店铺号", "商家ID", "店铺ID号"),
        16,
    ),
    Field(
        "carrier.url",
        Kind.TEXT,
        "网址",
        ("网店网址", "店铺网址", "网站网址", "网站地址", "链接", "店铺链接", "url", "域名", "网店链接", "website"),
        32,
    ),
    Field(
        "carrier.icp_filing",
        Kind.ICP,
        "ICP备案号",
        ("备案号", "ICP许可证号", "网站备案号", "ICP备案/许可证号", "ICP备案(许可)号", "icpbackno"),
        20,
    ),
    Field(
        "carrier.license_display",
        Kind.DISPLAY,
        "亮照情况",
        ("是否亮照", "亮照亮证", "亮照状态", "亮照", "亮照亮证情况", "公示情况"),
        10,
    ),
    Field("carrier.first_seen", Kind.DATE, "首次发现日期", ("发现日期", "首次发现时间", "上线日期", "开店日期"), 12),
    Field(
        "carrier.last_verified",
        Kind.DATE,
        "最近核查日期",
        ("核查日期", "最后核实日期", "核实日期", "最近核实日期", "最后核查日期"),
        12,
    ),
    Field("carrier.status", Kind.STATUS, "载体状态", ("店铺状态", "网店状态", "网站状态", "载体运营状态"), 10),
    Field(
        "carrier.wechat",
        Kind.TEXT,
        "微信公众号",
        ("公众号", "公众号名称", "微信公众号名称", "wechatpublicno"),
        18,
    ),
    Field("carrier.apps", Kind.LIST, "APP名称", ("应用名称", "移动应用名称", "app", "appnames"), 18),
)

FIELD_BY_KEY: Final = {f.key: f for f in FIELDS}

IGNORED_HEADERS: Final = ("序号", "编号", "行号", "序", "no", "no.", "序列号", "顺序号")
"""Headers of columns that are never imported (row numbers); recognised so they are not reported as unknown."""

FIELD_LABELS: Final[dict[str, str]] = {
    "name": QT_TRANSLATE_NOOP("LedgerField", "Name"),
    "subject_type": QT_TRANSLATE_NOOP("LedgerField", "Subject type"),
    "identifier_type": QT_TRANSLATE_NOOP("LedgerField", "Identifier type"),
    "identifier": QT_TRANSLATE_NOOP("LedgerField", "Identifier (any kind)"),
    "identifier.uscc": QT_TRANSLATE_NOOP("LedgerField", "Unified social credit code"),
    "identifier.reg_no": QT_TRANSLATE_NOOP("LedgerField", "Registration number"),
    "identifier.org_code": QT_TRANSLATE_NOOP("LedgerField", "Organisation code"),
    "identifier.resident_id": QT_TRANSLATE_NOOP("LedgerField", "Resident ID number"),
    "legal_representative": QT_TRANSLATE_NOOP("LedgerField", "Legal representative / operator"),
    "phone": QT_TRANSLATE_NOOP("LedgerField", "Phone"),
    "registered_address": QT_TRANSLATE_NOOP("LedgerField", "Registered address"),
    "business_address": QT_TRANSLATE_NOOP("LedgerField", "Business address"),
    "business_scope": QT_TRANSLATE_NOOP("LedgerField", "Business scope"),
    "founded_on": QT_TRANSLATE_NOOP("LedgerField", "Founding date"),
    "registration_status": QT_TRANSLATE_NOOP("LedgerField", "Registration status"),
    "registering_authority": QT_TRANSLATE_NOOP("LedgerField", "Registering authority"),
    "credit_class": QT_TRANSLATE_NOOP("LedgerField", "Credit risk class"),
    "abnormal_listed": QT_TRANSLATE_NOOP("LedgerField", "Abnormal-operation list"),
    "abnormal_reason": QT_TRANSLATE_NOOP("LedgerField", "Reason for the abnormal-operation listing"),
    "abnormal_date": QT_TRANSLATE_NOOP("LedgerField", "Date of the abnormal-operation listing"),
    "serious_violation": QT_TRANSLATE_NOOP("LedgerField", "Serious-violation list"),
    "serious_violation_reason": QT_TRANSLATE_NOOP("LedgerField", "Reason for the serious-violation listing"),
    "serious_violation_date": QT_TRANSLATE_NOOP("LedgerField", "Date of the serious-violation listing"),
    "notes": QT_TRANSLATE_NOOP("LedgerField", "Notes"),
    "carrier.kind": QT_TRANSLATE_NOOP("LedgerField", "Carrier kind"),
    "carrier.platform": QT_TRANSLATE_NOOP("LedgerField", "Platform"),
    "carrier.shop_name": QT_TRANSLATE_NOOP("LedgerField", "Shop name"),
    "carrier.shop_id": QT_TRANSLATE_NOOP("LedgerField", "Shop ID"),
    "carrier.url": QT_TRANSLATE_NOOP("LedgerField", "Web address"),
    "carrier.icp_filing": QT_TRANSLATE_NOOP("LedgerField", "ICP filing number"),
    "carrier.license_display": QT_TRANSLATE_NOOP("LedgerField", "Licence display"),
    "carrier.first_seen": QT_TRANSLATE_NOOP("LedgerField", "First seen"),
    "carrier.last_verified": QT_TRANSLATE_NOOP("LedgerField", "Last verified"),
    "carrier.status": QT_TRANSLATE_NOOP("LedgerField", "Carrier status"),
    "carrier.wechat": QT_TRANSLATE_NOOP("LedgerField", "WeChat official account"),
    "carrier.apps": QT_TRANSLATE_NOOP("LedgerField", "App names"),
    IGNORE: QT_TRANSLATE_NOOP("LedgerField", "(do not import)"),
}
"""English label of every import target, translated for the mapping page and the preview."""

OPERATOR_FIELDS: Final = tuple(field.name for field in dataclasses.fields(OperatorDraft))
"""Operator columns an import can set (the fields of :class:`app.records.OperatorDraft`)."""

CARRIER_FIELDS: Final = (
    "kind",
    "platform",
    "shop_name",
    "shop_id",
    "url",
    "icp_filing",
    "license_display",
    "first_seen",
    "last_verified",
    "status",
)

# -- value words (the file format) ------------------------------------------------------------------------------
SUBJECT_WORDS: Final[dict[str, str]] = {
    SubjectType.ENTERPRISE: "企业",
    SubjectType.INDIVIDUAL: "个体工商户",
    SubjectType.COOPERATIVE: "农民专业合作社",
    SubjectType.NATURAL_PERSON: "自然人",
    SubjectType.OTHER: "其他",
}
ID_TYPE_WORDS: Final[dict[str, str]] = {
    "uscc": "统一社会信用代码",
    "reg_no": "注册号",
    "org_code": "组织机构代码",
    "resident_id": "身份证号",
    "none": "无",
}
CARRIER_KIND_WORDS: Final[dict[str, str]] = {
    CarrierKind.SHOP: "网店",
    CarrierKind.WEBSITE: "网站",
    CarrierKind.WECHAT_ACCOUNT: "微信公众号",
    CarrierKind.MINI_PROGRAM: "小程序",
    CarrierKind.APP: "APP",
    CarrierKind.LIVE_STREAM: "直播间/短视频账号",
    CarrierKind.LOCAL_LIFE: "本地生活",
}
DISPLAY_WORDS: Final[dict[str, str]] = {
    LicenseDisplay.SHOWN: "已亮照",
    LicenseDisplay.INCOMPLETE: "亮照不完整",
    LicenseDisplay.MISSING: "未亮照",
    LicenseDisplay.UNCHECKED: "未检查",
}
STATUS_WORDS: Final[dict[str, str]] = {"active": "正常", "closed": "已关闭"}
YES: Final = "是"
NO: Final = "否"

EXPORT_COLUMNS: Final = (
    "name",
    "subject_type",
    "identifier_type",
    "identifier",
    "legal_representative",
    "phone",
    "registered_address",
    "business_address",
    "business_scope",
    "founded_on",
    "registration_status",
    "registering_authority",
    "credit_class",
    "abnormal_listed",
    "abnormal_reason",
    "abnormal_date",
    "serious_violation",
    "serious_violation_reason",
    "serious_violation_date",
    "notes",
    "carrier.kind",
    "carrier.platform",
    "carrier.shop_name",
    "carrier.shop_id",
    "carrier.url",
    "carrier.icp_filing",
    "carrier.license_display",
    "carrier.first_seen",
    "carrier.last_verified",
    "carrier.status",
)
"""The registry export's columns, in order: one row per carrier, the operator's columns repeated (an operator
without carriers has one row with the carrier columns empty) — the flat shape county ledgers use."""
