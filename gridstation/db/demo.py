"""Demo data for someone trying the app: a station of a Tiefeng-like street (domain.md §1).

Street names are real Tiefeng street offices; community, grid and people's names are invented.
Later record kinds (diary, mediation, services) add their own demo records here.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from gridstation.db import accounts, station
from gridstation.db.clock import iso
from gridstation.db.models import TodoItem
from gridstation.db.store import Store

DEMO_PASSWORD = "Demo@2026"
DEMO_DIARY_DAYS = 365

DEMO_SETUP = station.StationSetup(
    name="站前街道新兴社区第一网格服务站",
    street_code="230204001",
    street_name="站前街道",
    community_code="230204001003",
    community_name="新兴社区",
    grids=[("230204001003-001U", "新兴社区第一网格"), ("230204001003-002U", "新兴社区第二网格")],
    admin_username="admin",
    admin_display_name="刘晓梅",
    admin_password=DEMO_PASSWORD,
)

DEMO_USERS = [
    ("wangfang", "王芳", "grid_leader", "230204001003-001U"),
    ("lijun", "李军", "backup_leader", "230204001003-002U"),
    ("zhaomin", "赵敏", "mediator", "230204001003-001U"),
]

TODO_TEXTS = [
    "走访独居老人张大爷，了解冬季取暖情况",
    "复查3号楼楼道堆放杂物整改情况",
    "通知居民参加周五法治宣传活动",
    "核对流动人口登记信息",
    "协助办理高龄津贴申请材料",
    "检查小区燃气管道安全隐患",
    "跟进邻里噪音纠纷调解结果",
    "整理本周网格巡查记录",
    "上报路灯损坏事件",
    "更新公示栏便民服务清单",
]


@dataclass(frozen=True)
class DemoInfo:
    users: list[tuple[str, str]]  # (username, role)
    password: str


def setup_demo_station(store: Store) -> dict[str, accounts.SignedIn]:
    """The demo station and its users, without records (what ``load_demo`` starts from, and what
    tests that write their own records need); returns the users by username."""
    admin = station.initialize_station(store, DEMO_SETUP)
    created: dict[str, accounts.SignedIn] = {}
    with store.write() as session:
        at = iso(store.clock.now())
        for username, name, role, grid in DEMO_USERS:
            created[username] = accounts.create_user(
                session, actor=admin.actor, at=at, username=username, display_name=name, role=role,
                password=DEMO_PASSWORD, grid_code=grid,
            )
    return created


def load_demo(store: Store, *, today: date | None = None, seed: int = 2026, diary_days: int = 0,
              service_days: int | None = None) -> DemoInfo:
    """Set up the demo station with users and records. Only on an empty (not yet set-up) database.

    ``diary_days``: how many past days of work diaries to write (the CLI and the wizard ask for a
    year; tests that only need the station and its users leave it at 0, which is much faster).
    """
    today = today or store.clock.now().astimezone().date()
    rng = random.Random(seed)
    created = setup_demo_station(store)
    with store.unit_of_work(created["wangfang"].actor) as uow:
        for text in TODO_TEXTS:
            grid = rng.choice(DEMO_SETUP.grids)[0]
            due = today + timedelta(days=rng.randint(-2, 7))
            item = uow.create(TodoItem, grid_code=grid, title=text, due_date=due)
            if rng.random() < 0.3:
                uow.update(item, done=True)
    from gridstation.db.diary_demo import DemoWriter, load_diaries

    if diary_days:
        load_diaries(
            store,
            [DemoWriter(created["wangfang"].actor, DEMO_SETUP.grids[0][0]),
             DemoWriter(created["lijun"].actor, DEMO_SETUP.grids[1][0])],
            cover=DemoWriter(created["lijun"].actor, DEMO_SETUP.grids[1][0]),
            today=today,
            days=diary_days,
        )
        from gridstation.db.mediation_demo import load_mediation

        load_mediation(store, created["zhaomin"], grid_code=DEMO_SETUP.grids[0][0], today=today)
    service_days = diary_days if service_days is None else service_days  # a year of services beside the diaries
    if service_days:
        from gridstation.db.services_demo import load_services

        load_services(store, [(created["wangfang"].actor, DEMO_SETUP.grids[0][0]),
                              (created["lijun"].actor, DEMO_SETUP.grids[1][0])], today=today, days=service_days)
    users = [("admin", "station_admin")] + [(u, r) for u, _, r, _ in DEMO_USERS]
    return DemoInfo(users=users, password=DEMO_PASSWORD)
