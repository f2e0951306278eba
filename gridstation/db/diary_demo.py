"""A year of realistic work diaries for the demo grids (domain.md §3).

Written through the unit of work like any diary (each page and item has its outbox entry), one
transaction per month so loading takes seconds, not minutes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from gridstation.db.clock import iso
from gridstation.db.diary import clean_item_fields
from gridstation.db.models import DiaryDay, DiaryItem, DiaryWeekNote
from gridstation.db.store import Store
from gridstation.db.unit_of_work import Actor, UnitOfWork
from gridstation.domain import diary as rules

PLACES = ["幸福小区1号楼", "幸福小区3号楼", "新兴街菜市场", "东风路沿街商铺", "铁锋小学门口", "社区卫生服务站",
          "龙华路12号院", "光荣小区北门", "老年活动中心", "站前广场", "滨河公园", "建设巷平房区"]
SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗"

TEMPLATES: dict[str, list[tuple[str, str, str]]] = {
    "patrol": [("例行巡查网格内主要道路和小区", "沿线查看环境卫生和公共设施", "未发现异常"),
               ("巡查沿街商铺门前三包落实情况", "提醒商户清理门前杂物", "已整改")],
    "visit": [("走访独居老人{name}大爷", "了解冬季取暖和身体状况，留下联系电话", "老人情况良好"),
              ("入户走访{name}家低保户", "核实家庭收入变化情况", "情况属实，继续享受低保"),
              ("走访留守儿童家庭", "了解学习生活情况，联系学校关注", "家长表示感谢")],
    "info": [("更新流动人口登记信息", "核对租户身份信息并录入", "新增登记3人"),
             ("采集新入住居民信息", "上门登记家庭成员和联系方式", "已完成采集")],
    "hazard": [("检查小区消防通道", "发现电动车占用通道，责令清理", "已清理"),
               ("排查沿街餐饮燃气使用", "检查燃气管道和报警器", "一处报警器失效，已要求更换"),
               ("检查楼道私拉电线", "劝导居民拆除飞线充电", "已拆除")],
    "dispute": [("{name}家与邻居因漏水发生纠纷", "现场查看并组织双方协商", "双方达成维修协议"),
                ("楼上楼下噪音纠纷", "分别做双方工作，约定作息时间", "矛盾缓和")],
    "event": [("路灯损坏影响夜间出行", "拍照上报社区", "已转交市政维修"),
              ("井盖缺失存在安全隐患", "设置警示标志并上报", "等待更换")],
    "service": [("帮助{name}奶奶办理高龄津贴", "收取申请材料并代为递交", "已受理"),
                ("协助居民办理社保卡挂失", "指导线上操作", "已办结")],
    "legal": [("开展防范电信诈骗宣传", "发放宣传单50份", "居民反映良好"),
              ("宣传民法典婚姻家庭编", "入户讲解并发放手册", "完成")],
    "meeting": [("参加社区网格员例会", "学习近期工作要求", "已传达落实"),
                ("参加街道安全生产培训", "学习隐患排查要点", "完成培训")],
    "other": [("协助社区开展环境整治", "清理小广告和卫生死角", "完成")],
}
WEIGHTS = {"patrol": 5, "visit": 5, "info": 2, "hazard": 3, "dispute": 1, "event": 1, "service": 2, "legal": 1,
           "meeting": 1, "other": 1}
HAZARD_FOR = ["fire", "gas", "production", "food_drug", "other"]


@dataclass(frozen=True)
class DemoWriter:
    actor: Actor
    grid_code: str


def _item_fields(rng: random.Random, category: str) -> dict[str, Any]:
    problem, action, result = rng.choice(TEMPLATES[category])
    name = rng.choice(SURNAMES)
    fields: dict[str, Any] = {
        "category": category, "time": f"{rng.randint(8, 17):02d}:{rng.choice(['00', '15', '30', '45'])}",
        "place": rng.choice(PLACES), "problem": problem.format(name=name), "action": action,
        "result": result, "open": False,
    }
    if category == "visit":
        fields["households"] = rng.randint(1, 12)
        fields["special_households"] = rng.randint(0, min(3, fields["households"]))
    if category == "hazard":
        fields["hazard_type"] = rng.choice(HAZARD_FOR)
        fields["hazards_found"] = rng.randint(0, 3)
        fields["hazards_rectified"] = rng.randint(0, fields["hazards_found"])
        fields["open"] = fields["hazards_rectified"] < fields["hazards_found"]
    if category in {"dispute", "event"}:
        fields["open"] = rng.random() < 0.3
        fields["escalated"] = category == "event" or rng.random() < 0.1
    return clean_item_fields(fields)


def _write_day(uow: UnitOfWork, rng: random.Random, writer: DemoWriter, day: date, today: date,
               open_items: list[DiaryItem], cover: bool) -> None:
    page = uow.create(
        DiaryDay, grid_code=writer.grid_code, day=day, cover=cover, weather=rng.choice(rules.WEATHER[:6]),
        patrol_period="08:30-11:30" if rng.random() < 0.7 else "14:00-17:00",
        patrol_route="幸福小区—新兴街—东风路—站前广场", tomorrow_plan="继续走访重点人群，复查隐患整改情况",
    )
    seq = 0
    # Follow up some of the open items of earlier days.
    for earlier in list(open_items):
        if rng.random() < 0.4:
            seq += 1
            fields = clean_item_fields({"category": earlier.category, "hazard_type": earlier.hazard_type,
                                        "place": earlier.place, "problem": earlier.problem,
                                        "action": "复查跟进", "result": "已办结", "open": False})
            uow.create(DiaryItem, grid_code=writer.grid_code, day_id=page.id, seq=seq, follows_id=earlier.id,
                       **fields)
            open_items.remove(earlier)
    categories = list(WEIGHTS)
    for _ in range(rng.randint(3, 7)):
        seq += 1
        category = rng.choices(categories, weights=[WEIGHTS[c] for c in categories])[0]
        item = uow.create(DiaryItem, grid_code=writer.grid_code, day_id=page.id, seq=seq,
                          **_item_fields(rng, category))
        if item.open:
            open_items.append(item)
    if day < today:
        uow.update(page, closed=True, closed_at=iso(uow.clock.now()))


def load_diaries(store: Store, writers: list[DemoWriter], cover: DemoWriter | None, *, today: date,
                 days: int = 365, seed: int = 2026) -> int:
    """Diaries for each writer's grid on working days of the last ``days`` days; on about one day
    in twenty ``cover`` writes a cover (代岗) page for the first writer's grid instead."""
    rng = random.Random(seed)
    open_items: dict[str, list[DiaryItem]] = {w.grid_code: [] for w in writers}
    start = today - timedelta(days=days - 1)
    pages = 0
    month_start = start
    while month_start <= today:
        next_month = date(month_start.year + (month_start.month == 12), month_start.month % 12 + 1, 1)
        for writer in writers:
            with store.unit_of_work(writer.actor) as uow:
                uow.audit_records = False  # audited once below, as one demo load
                day = month_start
                while day < next_month and day <= today:
                    if day.weekday() < 5 or (day.weekday() == 5 and rng.random() < 0.2):
                        who, is_cover = writer, False
                        if cover is not None and writer is writers[0] and rng.random() < 0.05 and day < today:
                            who, is_cover = DemoWriter(cover.actor, writer.grid_code), True
                        uow.actor = who.actor
                        _write_day(uow, rng, who, day, today, open_items[writer.grid_code], is_cover)
                        pages += 1
                        uow.actor = writer.actor
                    if day.weekday() == 4 and day < today and rng.random() < 0.8:  # Friday: the week's 周结
                        uow.create(DiaryWeekNote, grid_code=writer.grid_code, week_start=rules.week_start(day),
                                   note="本周完成日常巡查和重点人群走访，隐患整改按期推进。",
                                   next_week_focus="冬季防火和燃气安全排查")
                    day += timedelta(days=1)
        month_start = next_month
    with store.unit_of_work(writers[0].actor) as uow:
        uow.audit("demo.load", target="diary", detail=f"{pages} pages over {days} days")
    return pages
