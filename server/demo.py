"""``--demo``: a province with two stations, their registries and users ``demo1``/``demo2`` (password printed).

The registry is synthetic but shaped like the real ones (../shared/domain.md): mixed identifier types with valid
check characters (USCC mostly, some 注册号, natural persons with resident ids or nothing), about 1.55 carriers per
operator across platforms and kinds, food licences, credit classes about A 65% / B 25% / C 8% / D 2%, a few
abnormal-list and serious-violation entries. Deterministic for a station's seed. Seeding is idempotent: a station
that exists already is left as it is.

(The client's offline demo generator, app/services/demo.py, imports the client database layer, which the server
must not; so the server has its own, smaller generator here, using only the pure check-character arithmetic.)
"""

from __future__ import annotations

import bisect
import functools
import itertools
import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import insert, select

from app.identifiers import org_code_check_char, reg_no_check_digit, resident_id_check_char, uscc_check_char
from server import province
from server.changes import Changes
from server.db import Database
from server.models import AppUser, Base, Carrier, License, Operator, Station, utcnow
from sync.protocol import Entity

DEMO_PASSWORD = "demo-password"
DEFAULT_OPERATORS = 20_000
BATCH = 2_000
NAMESPACE = uuid.UUID("5d0b6f3c-2a10-4c38-9d6a-6f1c3f0e3d5e")


@dataclass(frozen=True)
class DemoStation:
    username: str
    code: str
    name: str
    region: str
    county: str
    seed: int

    @functools.cached_property
    def id(self) -> str:
        """Stable across runs, so a client's demo data dir stays valid when the demo server is re-created."""
        return str(uuid.uuid5(NAMESPACE, self.code))


DEMO_STATIONS = (
    DemoStation("demo1", "530102-D1", "五华区市场监督管理局护国市场监管所（演示一所）", "530102", "五华区", 1),
    DemoStation("demo2", "530103-D2", "盘龙区市场监督管理局拓东市场监管所（演示二所）", "530103", "盘龙区", 2),
)

CITY = "昆明市"
PROVINCE = "云南省"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红建文辉力鹏飞云龙梅琳雪海波宁浩宇欣怡佳晨"
BRAND = "滇南春城金马碧鸡翠湖云岭彩云高原鑫源盛达恒通博远新锐天宏瑞丰华美德信众诚永安康泰佳禾"
INDUSTRIES = [
    ("电子商务", True),
    ("电子科技", False),
    ("食品", True),
    ("茶业", True),
    ("花卉", False),
    ("餐饮管理", True),
    ("服饰", False),
    ("农产品", True),
    ("生物科技", False),
    ("文化传媒", False),
    ("日用百货", False),
    ("网络科技", False),
]
ROADS = ["人民中路", "青年路", "东风西路", "翠湖南路", "龙翔街", "北京路", "圆通街", "华山南路", "建设路", "学府路"]
SHOP_PLATFORMS = ["淘宝", "天猫", "京东", "拼多多", "抖音", "快手", "小红书", "微店", "闲鱼"]
KINDS = (
    ("shop", 60),
    ("live_stream", 12),
    ("local_life", 10),
    ("wechat", 6),
    ("mini_program", 5),
    ("website", 5),
    ("app", 2),
)
ORG_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@functools.cache
def _table(weighted: tuple[tuple[Any, int], ...]) -> tuple[list[Any], list[int]]:
    values = [value for value, _ in weighted]
    return values, list(itertools.accumulate(weight for _, weight in weighted))


def _pick(rng: random.Random, weighted: tuple[tuple[Any, int], ...]) -> Any:
    values, cumulative = _table(weighted)
    return values[bisect.bisect(cumulative, rng.random() * cumulative[-1])]


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _uscc(rng: random.Random, prefix: str, region: str) -> str:
    body = "".join(rng.choice(ORG_ALPHABET) for _ in range(8))
    first17 = prefix + region + body + org_code_check_char(body)
    return first17 + uscc_check_char(first17)


def _reg_no(rng: random.Random, region: str) -> str:
    first14 = region + "".join(rng.choice("0123456789") for _ in range(8))
    return first14 + reg_no_check_digit(first14)


def _resident_id(rng: random.Random, region: str) -> str:
    born = date(1955, 1, 1) + timedelta(days=rng.randrange(365 * 48))
    first17 = region + born.strftime("%Y%m%d") + f"{rng.randrange(1000):03d}"
    return first17 + resident_id_check_char(first17)


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return f"0871-6{rng.randrange(10**6):06d}"
    return f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"


def _operator(rng: random.Random, station: DemoStation) -> tuple[dict[str, Any], bool]:
    subject = _pick(
        rng, (("enterprise", 30), ("individual", 28), ("natural_person", 38), ("cooperative", 2), ("other", 2))
    )
    brand = "".join(rng.sample(BRAND, 2))
    industry, food = rng.choice(INDUSTRIES)
    person = _person(rng)
    if subject == "natural_person":
        name = person
        kind, code = ("resident_id", _resident_id(rng, station.region)) if rng.random() < 0.8 else ("none", "")
    elif subject == "individual":
        name = f"{station.county}{brand}{industry}店"
        kind, code = (
            ("reg_no", _reg_no(rng, station.region))
            if rng.random() < 0.1
            else ("uscc", _uscc(rng, "92", station.region))
        )
    elif subject == "cooperative":
        name = f"{CITY}{station.county}{brand}{industry}专业合作社"
        kind, code = "uscc", _uscc(rng, "93", station.region)
    else:
        name = f"{CITY}{brand}{industry}有限公司"
        kind, code = "uscc", _uscc(rng, "91", station.region)
    founded = date(2000, 1, 1) + timedelta(days=rng.randrange(365 * 25))
    abnormal = subject != "natural_person" and rng.random() < 0.03
    serious = rng.random() < 0.005
    address = f"{PROVINCE}{CITY}{station.county}{rng.choice(ROADS)}{rng.randrange(1, 400)}号"
    row = {
        "id": _uuid(rng),
        "station_id": station.id,
        "origin": "province",
        "subject_type": subject,
        "identifier_type": kind,
        "identifier": code,
        "identifier_override": None,
        "name": name,
        "legal_representative": person,
        "registered_address": address,
        "business_address": address,
        "phone": _phone(rng),
        "business_scope": f"{industry}产品销售；互联网销售（除销售需要许可的商品）",
        "founded_on": founded,
        "registration_status": "存续",
        "registering_authority": f"{CITY}{station.county}市场监督管理局",
        "credit_class": _pick(rng, (("A", 65), ("B", 25), ("C", 8), ("D", 2))),
        "abnormal_listed": abnormal,
        "abnormal_reason": "通过登记的住所或者经营场所无法联系" if abnormal else "",
        "abnormal_date": founded + timedelta(days=400) if abnormal else None,
        "serious_violation": serious,
        "serious_violation_reason": "被列入经营异常名录届满3年仍未履行相关义务" if serious else "",
        "serious_violation_date": founded + timedelta(days=1600) if serious else None,
        "notes": "",
    }
    return row, food and subject != "natural_person"


def _carriers(rng: random.Random, operator: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for _ in range(_pick(rng, ((1, 60), (2, 25), (3, 15)))):
        kind = _pick(rng, KINDS)
        platform, url, icp = "", "", ""
        shop_id = str(rng.randrange(10**8, 10**11))
        if kind == "shop":
            platform = rng.choice(SHOP_PLATFORMS)
            url = f"https://shop{shop_id}.example.cn"
        elif kind == "live_stream":
            platform = rng.choice(["抖音", "快手", "小红书"])
        elif kind == "local_life":
            platform = rng.choice(["美团", "饿了么"])
        elif kind in ("wechat", "mini_program"):
            platform = "微信"
            shop_id = "gh_" + uuid.UUID(int=rng.getrandbits(128)).hex[:12]
        else:
            slug = "".join(rng.choice("abcdefghjkmnpqrstuvwxyz") for _ in range(rng.randrange(5, 10)))
            url = f"https://www.{slug}.com"
            icp = f"滇ICP备{rng.randrange(2015, 2026)}{rng.randrange(10**4):04d}号-{rng.randrange(1, 4)}"
            if kind == "app":
                icp += "A"
        first_seen = date(2019, 1, 1) + timedelta(days=rng.randrange(365 * 6))
        yield {
            "id": _uuid(rng),
            "operator_id": operator["id"],
            "station_id": operator["station_id"],
            "origin": "province",
            "kind": kind,
            "platform": platform,
            "shop_name": operator["name"][-8:] + rng.choice(["旗舰店", "专营店", "小店", "官方店", "直播间", ""]),
            "shop_id": shop_id,
            "url": url,
            "icp_filing": icp,
            "license_display": _pick(rng, (("shown", 70), ("incomplete", 10), ("missing", 5), ("unchecked", 15))),
            "first_seen": first_seen,
            "last_verified": first_seen + timedelta(days=rng.randrange(400)),
            "status": "active" if rng.random() < 0.93 else "closed",
        }


def _license(rng: random.Random, operator: dict[str, Any], station: DemoStation) -> dict[str, Any]:
    start = date(2021, 1, 1) + timedelta(days=rng.randrange(365 * 4))
    return {
        "id": _uuid(rng),
        "operator_id": operator["id"],
        "station_id": operator["station_id"],
        "origin": "province",
        "kind": "食品经营许可证",
        "number": f"JY2{station.region}{rng.randrange(10**7):07d}",
        "issuer": f"{CITY}{station.county}市场监督管理局",
        "valid_from": start,
        "valid_until": start + timedelta(days=365 * 5),
    }


def seed_station(
    db: Database, station: DemoStation, operators: int, progress: Callable[[int, int], None] | None = None
) -> bool:
    """Create the station, its registry and its user; False when the station exists already (nothing changed)."""
    with db.read() as conn:
        if conn.scalar(select(Station.id).where(Station.code == station.code)) is not None:
            return False
    province.create_station(db, station.code, station.name, station.region, station_id=station.id)
    now = utcnow()
    with db.write() as conn:
        for index, start in enumerate(range(0, operators, BATCH)):
            rng = random.Random(f"{station.seed}:{index}")
            ops: list[dict[str, Any]] = []
            carriers: list[dict[str, Any]] = []
            licenses: list[dict[str, Any]] = []
            for _ in range(min(BATCH, operators - start)):
                row, food = _operator(rng, station)
                ops.append(row)
                carriers.extend(_carriers(rng, row))
                if food and rng.random() < 0.6:
                    licenses.append(_license(rng, row, station))
            stamp = {"version": 1, "created_at": now, "updated_at": now}
            tables = Base.metadata.tables  # Core inserts: the ORM's bulk path costs more than SQLite's work here
            conn.execute(insert(tables[Operator.__tablename__]), [{**row, **stamp} for row in ops])
            conn.execute(insert(tables[Carrier.__tablename__]), [{**row, **stamp} for row in carriers])
            if licenses:
                conn.execute(insert(tables[License.__tablename__]), [{**row, **stamp} for row in licenses])
            changes = Changes()
            for entity, rows in ((Entity.OPERATOR, ops), (Entity.CARRIER, carriers), (Entity.LICENSE, licenses)):
                for row in rows:
                    changes.created(station.id, entity, row["id"], 1)
            changes.flush(conn, all_new=True)
            if progress:
                progress(start + len(ops), operators)
    with db.read() as conn:
        has_user = conn.scalar(select(AppUser.id).where(AppUser.username == station.username)) is not None
    if not has_user:
        province.create_user(db, station.username, station.code, DEMO_PASSWORD)
    return True


def seed_demo(db: Database, operators: int = DEFAULT_OPERATORS) -> list[tuple[DemoStation, bool]]:
    """Both demo stations; returns each with whether it was created now."""
    return [(station, seed_station(db, station, operators)) for station in DEMO_STATIONS]
