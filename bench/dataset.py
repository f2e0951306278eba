"""Generated station databases for benchmarks: the demo station plus N records.

Records are bulk-inserted with sqlite-utils, each with its outbox entry (written first, as the
unit of work does, so the tables' outbox triggers accept them) — the same rows the app writes,
without paying for 100,000 separate transactions.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import sqlite_utils
from uuid6 import uuid7

from gridstation.db import demo
from gridstation.db.store import Store, database_path

TITLES = demo.TODO_TEXTS


def build_station(data_dir: Path, records: int, *, seed: int = 7) -> None:
    with Store.open(data_dir) as store:
        demo.load_demo(store)
    rng = random.Random(seed)
    grids = [code for code, _ in demo.DEMO_SETUP.grids]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    db = sqlite_utils.Database(database_path(data_dir))
    author = db.execute("SELECT id FROM user_account WHERE username = 'wangfang'").fetchone()[0]
    chunk = 5000
    for offset in range(0, records, chunk):
        todo_rows, outbox_rows = [], []
        for n in range(offset, min(records, offset + chunk)):
            at = (start + timedelta(minutes=n)).isoformat(timespec="milliseconds")
            grid = rng.choice(grids)
            row = {
                "id": str(uuid7()), "grid_code": grid, "author": author, "created_at": at, "updated_at": at,
                "version": 1, "deleted": 0, "title": f"{rng.choice(TITLES)}（{n}）", "note": "",
                "due_date": (date(2026, 1, 1) + timedelta(days=n % 365)).isoformat(), "done": int(rng.random() < 0.9),
            }
            todo_rows.append(row)
            outbox_rows.append({
                "op_id": str(uuid7()), "kind": "todo", "record_id": row["id"], "op": "create", "base_version": 0,
                "version": 1, "changed": json.dumps(sorted(k for k in row if k not in {"id", "version"})),
                "payload": json.dumps(row, ensure_ascii=False), "actor": author, "grid_code": grid,
                "created_at": at, "state": "pending" if n > records - 200 else "sent",
            })
        with db.conn:
            db["outbox"].insert_all(outbox_rows, batch_size=1000)
            db["todo_item"].insert_all(todo_rows, batch_size=1000)
    db.close()
