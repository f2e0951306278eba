"""A year of help-and-proxy records (帮代办) for the demo station, over the seeded catalogue.

Residents are invented, with valid-looking ID numbers (correct GB 11643 check digits) and mobile
numbers, so the masking, the reveal audit and the notice-board guard have real personal data to
protect. Records are written through the unit of work, one transaction per month.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

from gridstation.db import catalogue
from gridstation.db.services_models import ServiceRecord
from gridstation.db.store import Store
from gridstation.db.unit_of_work import Actor, UnitOfWork
from gridstation.domain import services as rules
from gridstation.domain.identity import check_character
from gridstation.domain.working_days import is_working_day

SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐韩冯于董萧"
GIVEN = ["桂兰", "淑珍", "秀英", "玉梅", "建国", "志强", "国庆", "丽娟", "海燕", "凤霞", "德福", "宝山", "春生", "晓东",
         "红梅", "立新", "金花", "永成", "淑芬", "长海"]
RESULTS = {rules.COMPLETED: ["已办结，结果已告知居民", "审批通过，待遇按月发放", "已办理完毕，证件已送达本人"],
           rules.RETURNED: ["材料不全，已告知居民补齐后再次申请", "不符合申请条件，已解释政策"],
           rules.TRANSFERRED: ["已转街道便民服务中心办理", "已转区政务服务中心窗口"]}


def demo_id_number(rng: random.Random, born: date, male: bool) -> str:
    sequence = rng.randrange(0, 50) * 2 + (1 if male else 0)
    first17 = f"230204{born:%Y%m%d}{rng.randint(0, 9)}{sequence:02d}"
    return first17 + check_character(first17)


def demo_resident(rng: random.Random) -> tuple[str, str, str]:
    """(name, mobile, ID number) of an invented resident."""
    born = date(rng.randint(1935, 2000), rng.randint(1, 12), rng.randint(1, 28))
    name = rng.choice(SURNAMES) + rng.choice(GIVEN)
    phone = rng.choice(["138", "139", "150", "158", "186", "133", "177"]) + f"{rng.randrange(10**8):08d}"
    return name, phone, demo_id_number(rng, born, rng.random() < 0.5)


def _stamp(day: date, rng: random.Random) -> str:
    return datetime.combine(day, time(rng.randint(1, 8), rng.choice([0, 15, 30, 45])), UTC).isoformat(
        timespec="milliseconds")


def record_fields(rng: random.Random, item: rules.CatalogueItem, received: date, today: date,
                  handler: str) -> dict[str, object]:
    """Fields of one plausible record received on ``received``, its story told up to ``today``."""
    name, phone, id_number = demo_resident(rng)
    promised = rules.promised_date(received, item.time_limit_days, item.time_limit_kind)
    materials = [m for m in item.materials if rng.random() < 0.9]
    history = [rules.StatusChange(rules.ACCEPTED, handler, _stamp(received, rng))]
    result, completed, satisfaction = "", None, ""
    span = max(1, (promised - received).days)
    if rng.random() < 0.8:
        history.append(rules.StatusChange(rules.IN_PROGRESS, handler, _stamp(received, rng), "材料已递交办理部门"))
    if promised < today or rng.random() < 0.5:
        closing_day = received + timedelta(days=rng.randint(0, span + (3 if rng.random() < 0.1 else 0)))
        if closing_day <= today and rng.random() < 0.985:
            status = rng.choices([rules.COMPLETED, rules.RETURNED, rules.TRANSFERRED], weights=[85, 7, 8])[0]
            result, completed = rng.choice(RESULTS[status]), closing_day
            history.append(rules.StatusChange(status, handler, _stamp(closing_day, rng)))
            satisfaction = rng.choices(list(rules.SATISFACTION), weights=[80, 17, 3])[0]
    last = history[-1]
    return {
        "item_code": item.code, "item_name": item.name, "resident_name": name, "resident_phone": phone,
        "resident_id_number": id_number if rng.random() < 0.85 else "", "received_on": received,
        "promised_on": promised, "materials_received": json.dumps(materials, ensure_ascii=False),
        "status": last.status, "status_by": last.by, "status_at": last.at,
        "history": json.dumps([h.as_json() for h in history], ensure_ascii=False), "completed_on": completed,
        "result": result, "satisfaction": satisfaction,
    }


def _days(start: date, today: date) -> Iterator[date]:
    day = start
    while day <= today:
        yield day
        day += timedelta(days=1)


def load_services(store: Store, writers: list[tuple[Actor, str]], *, today: date, days: int = 365,
                  seed: int = 2026, per_day: float = 1.2) -> int:
    """About ``per_day`` records per working day and grid over the last ``days`` days; returns the count."""
    rng = random.Random(seed)
    items = catalogue.offered_items(store)
    weights = [5 if i.category in ("养老/老龄", "社保医保", "社会救助") else 2 for i in items]
    by_month: dict[tuple[int, int], list[date]] = {}
    for day in _days(today - timedelta(days=days - 1), today):
        if is_working_day(day):
            by_month.setdefault((day.year, day.month), []).append(day)
    count = 0
    for month_days in by_month.values():
        for actor, grid in writers:
            with store.unit_of_work(actor) as uow:
                uow.audit_records = False
                count += _write_month(uow, rng, items, weights, month_days, today, grid, per_day)
    with store.unit_of_work(writers[0][0]) as uow:
        uow.audit("demo.load", target="services", detail=f"{count} service records over {days} days")
    return count


def _write_month(uow: UnitOfWork, rng: random.Random, items: list[rules.CatalogueItem], weights: list[int],
                 month_days: list[date], today: date, grid: str, per_day: float) -> int:
    count = 0
    for day in month_days:
        for _ in range(int(per_day) + (rng.random() < per_day % 1)):
            item = rng.choices(items, weights=weights)[0]
            uow.create(ServiceRecord, grid_code=grid, **record_fields(rng, item, day, today, uow.actor.username))
            count += 1
    return count
