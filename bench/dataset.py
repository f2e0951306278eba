"""Generated station databases for benchmarks: the demo station plus N diary items.

Pages and items are bulk-inserted with sqlite-utils, each with its outbox entry (written first,
as the unit of work does, so the tables' outbox triggers accept them) and indexed for search by
the same triggers the app uses — the rows the app writes, without 100,000 separate transactions.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils
from uuid6 import uuid7

from gridstation.db import demo
from gridstation.db.diary_demo import TEMPLATES, WEIGHTS, _item_fields
from gridstation.db.files import database_path
from gridstation.db.store import Store

ITEMS_PER_PAGE = 8
ITEM_DEFAULTS = {"time": "", "hazard_type": None, "place": "", "problem": "", "action": "", "result": "", "open": False,
                 "escalated": False, "households": 0, "special_households": 0, "hazards_found": 0,
                 "hazards_rectified": 0, "follows_id": None, "amends_id": None, "retracted": False, "late": False,
                 "amend_reason": ""}


def _outbox(kind: str, row: dict[str, Any], author: str, state: str = "sent") -> dict[str, Any]:
    return {
        "op_id": str(uuid7()), "kind": kind, "record_id": row["id"], "op": "create", "base_version": 0,
        "version": 1, "changed": "[]", "payload": json.dumps(row, ensure_ascii=False, default=str), "actor": author,
        "grid_code": row["grid_code"], "created_at": row["created_at"], "state": state,
    }


def build_station(data_dir: Path, records: int, *, today: date | None = None, seed: int = 7,
                  outbox_state: str = "sent") -> None:
    """The demo station with ``records`` diary items on pages going back from ``today``;
    ``outbox_state="pending"`` leaves them all waiting to be synced."""
    with Store.open(data_dir) as store:
        demo.load_demo(store)
        today = today or store.clock.now().astimezone().date()
    rng = random.Random(seed)
    grids = [code for code, _ in demo.DEMO_SETUP.grids]
    db = sqlite_utils.Database(database_path(data_dir))
    author = db.execute("SELECT id FROM user_account WHERE username = 'wangfang'").fetchone()[0]
    categories = list(WEIGHTS)
    pages, items, boxes = [], [], []
    day, made = today, 0
    while made < records:
        for grid in grids:
            at = f"{day.isoformat()}T18:00:00.000+00:00"
            page = {"id": str(uuid7()), "grid_code": grid, "author": author, "created_at": at, "updated_at": at,
                    "version": 1, "deleted": False, "day": day.isoformat(), "weather": "晴",
                    "patrol_period": "08:30-11:30", "patrol_route": "幸福小区—新兴街", "cover": False,
                    "tomorrow_plan": "继续走访", "closed": True, "closed_at": at}
            pages.append(page)
            boxes.append(_outbox("diary_day", page, author, outbox_state))
            for seq in range(1, ITEMS_PER_PAGE + 1):
                if made >= records:
                    break
                category = rng.choices(categories, weights=[WEIGHTS[c] for c in categories])[0]
                fields = _item_fields(rng, category)
                item = {"id": str(uuid7()), "grid_code": grid, "author": author, "created_at": at, "updated_at": at,
                        "version": 1, "deleted": False, "day_id": page["id"], "seq": seq, **ITEM_DEFAULTS, **fields}
                items.append(item)
                boxes.append(_outbox("diary_item", item, author, outbox_state))
                made += 1
        day -= timedelta(days=1)
    with db.conn:
        db["outbox"].insert_all(boxes, batch_size=2000)
        db["diary_day"].insert_all(pages, batch_size=2000)
        db["diary_item"].insert_all(items, batch_size=2000)
    db.close()


__all__ = ["build_station", "TEMPLATES"]
