"""Rows of a realistic synthetic county for demos, tests and benchmarks (deterministic for a given seed).

Pure data generation (no database): the station app loads it (app/services/demo.py) and the reference server
seeds its demo province with it.

Shapes follow ../shared/domain.md: mixed identifier types (mostly USCC, some 注册号, natural persons with resident
IDs or nothing), a few codes failing their check character (flagged with a reason, as a user would have saved
them), carriers across platforms and kinds (about 1.5 per operator), credit classes about A 65% / B 25% / C 8% /
D 2%, some abnormal-list and serious-violation entries, several officers.

"""

from __future__ import annotations

import functools
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from app.identifiers import org_code_check_char, reg_no_check_digit, resident_id_check_char, uscc_check_char
from app.pinyin import name_initials
from app.vocab import CarrierKind, CreditClass, LicenseDisplay, SubjectType

BATCH = 2_000
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
ORG_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"

COUNTY = {"name": "五华区", "city": "昆明市", "province": "云南省", "region": "530102", "icp": "滇"}
STATION_NAME = "昆明市五华区市场监督管理局护国市场监管所（演示）"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红建文辉力鹏飞云龙梅琳雪海波宁浩宇欣怡佳晨"
BRAND = "滇南春城金马碧鸡翠湖云岭彩云高原鑫源盛达恒通博远新锐天宏瑞丰华美德信众诚永安康泰佳禾"
INDUSTRIES = [
    ("电子商务", "food"),
    ("电子科技", "other"),
    ("食品", "food"),
    ("茶业", "food"),
    ("花卉", "other"),
    ("餐饮管理", "food"),
    ("服饰", "other"),
    ("农产品", "food"),
    ("生物科技", "other"),
    ("文化传媒", "other"),
    ("珠宝", "other"),
    ("药业", "other"),
    ("日用百货", "other"),
    ("网络科技", "other"),
]
ROADS = ["人民中路", "青年路", "东风西路", "翠湖南路", "龙翔街", "西昌路", "圆通街", "华山南路", "建设路", "学府路"]
SHOP_PLATFORMS = ["淘宝", "天猫", "京东", "拼多多", "抖音", "快手", "小红书", "微店", "闲鱼"]
KIND_WEIGHTS = [
    (CarrierKind.SHOP, 60),
    (CarrierKind.LIVE_STREAM, 12),
    (CarrierKind.LOCAL_LIFE, 10),
    (CarrierKind.WECHAT_ACCOUNT, 6),
    (CarrierKind.MINI_PROGRAM, 5),
    (CarrierKind.WEBSITE, 5),
    (CarrierKind.APP, 2),
]
OFFICERS = [
    ("李建国", "53010219001", "head"),
    ("张丽华", "53010219002", "officer"),
    ("王海涛", "53010219003", "officer"),
    ("赵雪梅", "53010219004", "officer"),
    ("陈志刚", "53010219005", "officer"),
    ("杨晓燕", "53010219006", "officer"),
]
FLAG_REASON = "演示数据：营业执照上印的代码即如此，已核对原件"


@functools.cache
def _initials(part: str) -> str:
    """Initials of a name part; demo names are built from a few hundred parts, so this is computed once each."""
    return name_initials(part)


def _choice(rng: random.Random, weighted: list[tuple[Any, int]]) -> Any:
    return rng.choices([value for value, _ in weighted], weights=[w for _, w in weighted])[0]


def _person(rng: random.Random) -> tuple[str, str]:
    chars = [rng.choice(SURNAMES), *(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))]
    return "".join(chars), "".join(_initials(c) for c in chars)


def _uscc(rng: random.Random, prefix: str) -> str:
    body = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY"[:10] if i < 2 else ORG_ALPHABET) for i in range(8))
    org = body + org_code_check_char(body)
    first17 = prefix + COUNTY["region"] + org
    return first17 + uscc_check_char(first17)


def _reg_no(rng: random.Random) -> str:
    first14 = COUNTY["region"] + "".join(rng.choice("0123456789") for _ in range(8))
    return first14 + reg_no_check_digit(first14)


def _resident_id(rng: random.Random) -> str:
    born = date(1955, 1, 1) + timedelta(days=rng.randrange(365 * 48))
    first17 = COUNTY["region"] + born.strftime("%Y%m%d") + f"{rng.randrange(1000):03d}"
    return first17 + resident_id_check_char(first17)


def _corrupt_check(code: str, rng: random.Random) -> str:
    alternatives = [c for c in "0123456789" if c != code[-1]]
    return code[:-1] + rng.choice(alternatives)


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return f"0871-6{rng.randrange(10**6):06d}"
    return f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"


def _address(rng: random.Random) -> str:
    return f"{COUNTY['province']}{COUNTY['city']}{COUNTY['name']}{rng.choice(ROADS)}{rng.randrange(1, 400)}号"


def _operator(rng: random.Random, n: int, station_id: str) -> tuple[dict[str, Any], str]:
    subject = _choice(
        rng,
        [
            (SubjectType.ENTERPRISE, 30),
            (SubjectType.INDIVIDUAL, 28),
            (SubjectType.NATURAL_PERSON, 38),
            (SubjectType.COOPERATIVE, 2),
            (SubjectType.OTHER, 2),
        ],
    )
    brand = "".join(rng.sample(BRAND, 2))
    industry, sector = rng.choice(INDUSTRIES)
    person, person_initials = _person(rng)
    override = None
    if subject == SubjectType.NATURAL_PERSON:
        name, parts = person, [person_initials]
        if rng.random() < 0.8:
            identifier_type, identifier = "resident_id", _resident_id(rng)
        else:
            identifier_type, identifier = "none", ""
    elif subject == SubjectType.INDIVIDUAL:
        parts = [COUNTY["name"], brand, industry, "店"]
        identifier_type, identifier = ("reg_no", _reg_no(rng)) if rng.random() < 0.1 else ("uscc", _uscc(rng, "92"))
    elif subject == SubjectType.COOPERATIVE:
        parts = [COUNTY["city"], COUNTY["name"], brand, industry, "专业合作社"]
        identifier_type, identifier = "uscc", _uscc(rng, "93")
    else:
        parts = [COUNTY["city"], brand, industry, "有限公司"]
        identifier_type, identifier = ("reg_no", _reg_no(rng)) if rng.random() < 0.05 else ("uscc", _uscc(rng, "91"))
    if subject != SubjectType.NATURAL_PERSON:
        name = "".join(parts)
        parts = [_initials(p) for p in parts]
    if identifier and identifier_type != "none" and rng.random() < 0.005:
        identifier = _corrupt_check(identifier, rng)
        override = FLAG_REASON
    abnormal = subject != SubjectType.NATURAL_PERSON and rng.random() < 0.03
    serious = rng.random() < 0.005
    founded = date(2000, 1, 1) + timedelta(days=rng.randrange(365 * 25))
    row = {
        "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "search_rowid": n + 1,
        "station_id": station_id,
        "origin": "province",
        "server_version": None,
        "change_state": "synced",
        "subject_type": subject.value,
        "identifier_type": identifier_type,
        "identifier": identifier,
        "identifier_override": override,
        "name": name,
        "name_initials": "".join(parts),
        "legal_representative": person,
        "registered_address": _address(rng),
        "business_address": _address(rng),
        "phone": _phone(rng),
        "business_scope": f"{industry}产品销售；互联网销售（除销售需要许可的商品）",
        "founded_on": founded,
        "registration_status": "存续",
        "registering_authority": f"{COUNTY['city']}{COUNTY['name']}市场监督管理局",
        "credit_class": _choice(
            rng, [(CreditClass.A.value, 65), (CreditClass.B.value, 25), (CreditClass.C.value, 8), (CreditClass.D, 2)]
        ),
        "abnormal_listed": abnormal,
        "abnormal_reason": "通过登记的住所或者经营场所无法联系" if abnormal else "",
        "abnormal_date": founded + timedelta(days=400) if abnormal else None,
        "serious_violation": serious,
        "serious_violation_reason": "被列入经营异常名录届满3年仍未履行相关义务" if serious else "",
        "serious_violation_date": founded + timedelta(days=1600) if serious else None,
        "notes": "",
    }
    return row, sector


def _carriers(rng: random.Random, operator: dict[str, Any], brand_name: str) -> Iterator[dict[str, Any]]:
    count = _choice(rng, [(1, 60), (2, 25), (3, 15)])
    for _ in range(count):
        kind = _choice(rng, KIND_WEIGHTS)
        platform, url, icp = "", "", ""
        shop_id = str(rng.randrange(10**8, 10**11))
        if kind == CarrierKind.SHOP:
            platform = rng.choice(SHOP_PLATFORMS)
            url = f"https://shop{shop_id}.example-{platform_slug(platform)}.cn"
        elif kind == CarrierKind.LIVE_STREAM:
            platform = rng.choice(["抖音", "快手", "小红书"])
        elif kind == CarrierKind.LOCAL_LIFE:
            platform = rng.choice(["美团", "饿了么"])
        elif kind in (CarrierKind.WECHAT_ACCOUNT, CarrierKind.MINI_PROGRAM):
            platform = "微信"
            shop_id = "gh_" + uuid.UUID(int=rng.getrandbits(128)).hex[:12]
        else:
            slug = "".join(rng.choice("abcdefghjkmnpqrstuvwxyz") for _ in range(rng.randrange(5, 10)))
            url = f"https://www.{slug}.com"
            icp = f"{COUNTY['icp']}ICP备{rng.randrange(2015, 2026)}{rng.randrange(10**6):06d}号-{rng.randrange(1, 4)}"
            if kind == CarrierKind.APP:
                icp += "A"
        first_seen = date(2019, 1, 1) + timedelta(days=rng.randrange(365 * 6))
        yield {
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "operator_id": operator["id"],
            "origin": "province",
            "change_state": "synced",
            "kind": kind.value,
            "platform": platform,
            "shop_name": f"{brand_name}{rng.choice(['旗舰店', '专营店', '小店', '官方店', '直播间', ''])}",
            "shop_id": shop_id,
            "url": url,
            "icp_filing": icp,
            "license_display": _choice(
                rng,
                [
                    (LicenseDisplay.SHOWN.value, 70),
                    (LicenseDisplay.INCOMPLETE.value, 10),
                    (LicenseDisplay.MISSING.value, 5),
                    (LicenseDisplay.UNCHECKED.value, 15),
                ],
            ),
            "first_seen": first_seen,
            "last_verified": first_seen + timedelta(days=rng.randrange(400)),
            "status": "active" if rng.random() < 0.93 else "closed",
        }


def platform_slug(platform: str) -> str:
    """A stable Latin slug of a platform name, for synthetic URLs."""
    return _initials(platform) or "shop"


def _food_license(rng: random.Random, operator: dict[str, Any]) -> dict[str, Any]:
    start = date(2021, 1, 1) + timedelta(days=rng.randrange(365 * 4))
    return {
        "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "operator_id": operator["id"],
        "origin": "province",
        "change_state": "synced",
        "kind": "食品经营许可证",
        "number": "JY" + "2" + COUNTY["region"] + f"{rng.randrange(10**7):07d}",
        "issuer": f"{COUNTY['city']}{COUNTY['name']}市场监督管理局",
        "valid_from": start,
        "valid_until": start + timedelta(days=365 * 5),
    }


@dataclass
class DemoBatch:
    """The rows of one batch, as plain dicts keyed by column name."""

    operators: list[dict[str, Any]] = field(default_factory=list)
    carriers: list[dict[str, Any]] = field(default_factory=list)
    licenses: list[dict[str, Any]] = field(default_factory=list)
    audit: list[dict[str, Any]] = field(default_factory=list)


def generate_batch(seed: int, index: int, start: int, size: int, station_id: str) -> DemoBatch:
    """Rows of one batch; each batch has its own random stream, so batches can be made in any order."""
    rng = random.Random(f"{seed}:{index}")
    batch = DemoBatch()
    for n in range(start, start + size):
        row, sector = _operator(rng, n, station_id)
        batch.operators.append(row)
        brand_name = row["name"].removeprefix(COUNTY["city"]).removeprefix(COUNTY["name"])[:6]
        batch.carriers.extend(_carriers(rng, row, brand_name))
        if sector == "food" and row["subject_type"] != SubjectType.NATURAL_PERSON and rng.random() < 0.7:
            batch.licenses.append(_food_license(rng, row))
        if row["identifier_override"]:
            batch.audit.append(
                {
                    "officer_name": "演示数据",
                    "entity_type": "operator",
                    "entity_id": row["id"],
                    "action": "override",
                    "field": "identifier",
                    "after": row["identifier"],
                    "reason": row["identifier_override"],
                }
            )
    return batch
