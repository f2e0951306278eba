"""Services: the checklist poster PDF (33 items fitted to one A4 page, through the app's path with the
personal-data guard fed from the database) beside plain reportlab building the same table once; and a
month's statistics over 100,000 service records beside one raw ``GROUP BY status`` of the same month on
a plain sqlite3 connection (the floor of any count)."""

from __future__ import annotations

import io
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table
from uuid6 import uuid7

from gridstation.db import catalogue, demo, services_notice
from gridstation.db.files import database_path
from gridstation.db.services_demo import record_fields
from gridstation.db.services_queries import month_statistics
from gridstation.db.store import Store
from gridstation.reports.fonts import register_main_font
from gridstation.reports.notice_board import ChecklistPoster
from gridstation.reports.pdf_base import report_styles

RECORDS = 100_000
RUNS = 7
TODAY = date(2026, 11, 27)


def _median_ms(fn: Callable[[], Any], runs: int = RUNS) -> float:
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def build_services(data_dir: Path, records: int = RECORDS, seed: int = 11) -> None:
    """The demo station plus ``records`` service records (each with its outbox entry), bulk-inserted."""
    with Store.open(data_dir) as store:
        demo.load_demo(store, today=TODAY)
        items = catalogue.offered_items(store)
    rng = random.Random(seed)
    db = sqlite_utils.Database(database_path(data_dir))
    author = db.execute("SELECT id FROM user_account WHERE username = 'wangfang'").fetchone()[0]
    grids = [code for code, _ in demo.DEMO_SETUP.grids]
    rows, boxes = [], []
    per_day = records / (365 * 4)
    for n in range(records):
        received = TODAY - timedelta(days=int(n / per_day))
        at = f"{received.isoformat()}T09:00:00.000+00:00"
        fields = record_fields(rng, rng.choice(items), received, TODAY, "wangfang")
        row = {"id": str(uuid7()), "grid_code": grids[n % 2], "author": author, "created_at": at, "updated_at": at,
               "version": 1, "deleted": 0, "note": "", **fields}
        rows.append(row)
        boxes.append({"op_id": str(uuid7()), "kind": "service_record", "record_id": row["id"], "op": "create",
                      "base_version": 0, "version": 1, "changed": "[]",
                      "payload": json.dumps(row, ensure_ascii=False, default=str), "actor": author,
                      "grid_code": row["grid_code"], "created_at": at, "state": "sent"})
    with db.conn:
        db["outbox"].insert_all(boxes, batch_size=2000)
        db["service_record"].insert_all(rows, batch_size=2000)
    db.close()


def _plain_table(items: list[Any]) -> None:
    styles = report_styles()
    register_main_font()
    rows = [[Paragraph(t, styles.cell) for t in (i.category, i.name, "、".join(i.materials), i.time_limit_text)]
            for i in items]
    SimpleDocTemplate(io.BytesIO(), pagesize=A4).build([Table(rows)])


def run() -> Iterator[dict[str, object]]:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "station"
        start = time.perf_counter()
        build_services(data_dir)
        yield {"name": "services_dataset_build_s", "value": round(time.perf_counter() - start, 1), "unit": "s",
               "note": f"{RECORDS:,} service records with outbox entries"}
        with Store.open(data_dir, exclusive=False) as store:
            items = catalogue.offered_items(store)
            poster = ChecklistPoster(station_name="站前街道新兴社区第一网格服务站", items=tuple(items),
                                     opening_hours="周一至周五 8:30-17:00", contact_phone="0452-2345000")
            # The app's path: the residents' personal values read from the 100,000 records, the guard, the
            # fitted layout and the audit entry.
            poster_ms = _median_ms(lambda: services_notice.render_notice(
                store, "checklist", io.BytesIO(), paper="A4", issued=TODAY, actor="bench", document=poster), runs=5)
            personal = len(services_notice.personal_values(store))
            plain_ms = _median_ms(lambda: _plain_table(items), runs=5)
            stats_ms = _median_ms(lambda: month_statistics(store, year=2026, month=10, today=TODAY))
            counted = month_statistics(store, year=2026, month=10, today=TODAY).total
        raw = sqlite3.connect(database_path(data_dir))
        raw_ms = _median_ms(lambda: raw.execute(
            "SELECT status, COUNT(*) FROM service_record WHERE deleted = 0 AND received_on >= ? AND received_on < ? "
            "GROUP BY status", ("2026-10-01", "2026-11-01")).fetchall())
        raw.close()
    yield {"name": "services_poster_pdf_ms", "value": round(poster_ms, 1), "unit": "ms", "goal": "< 500",
           "note": f"checklist poster, {len(items)} items fitted to one A4 page, guarded against {personal:,} "
                   "residents' names, IDs and phones; median of 5"}
    yield {"name": "services_poster_baseline_ms", "value": round(plain_ms, 1), "unit": "ms",
           "note": "plain reportlab: the same items as one table, laid out once, no fitting"}
    yield {"name": "services_month_stats_ms", "value": round(stats_ms, 1), "unit": "ms", "goal": "< 200",
           "note": f"by status, item, month and overdue; {counted:,} of {RECORDS:,} records in the month"}
    yield {"name": "services_month_stats_baseline_ms", "value": round(raw_ms, 1), "unit": "ms",
           "note": "one raw GROUP BY status of the month on a plain sqlite3 connection"}


if __name__ == "__main__":
    for figure in run():
        sys.stdout.write(json.dumps(figure, ensure_ascii=False) + "\n")
