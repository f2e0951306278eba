"""Diary list and search on a station database of 100,000 diary items.

Figures: opening a month's list (the count plus the first page, as the list view does) and a
full-text search, each beside the same SQL run with the plain sqlite3 module in the same run.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from gridstation.db import demo
from gridstation.db import diary_queries as q
from gridstation.db.files import database_path
from gridstation.db.store import Store

RUNS = 15


def _median_ms(fn: Callable[[], Any]) -> float:
    fn()  # warm the page cache and statement cache
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run(data_dir: Path) -> Iterator[dict[str, object]]:
    grids = tuple(code for code, _ in demo.DEMO_SETUP.grids)
    with Store.open(data_dir, exclusive=False) as store:
        latest = q.list_items(store, q.DiaryFilter(date(2000, 1, 1), date(2100, 1, 1), grids), limit=1)[0].day
        first = latest.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        month = q.DiaryFilter(start=first, end=last, grid_codes=grids)

        def open_month() -> None:
            q.count_items(store, month)
            q.list_items(store, month, limit=200)

        list_ms = _median_ms(open_month)
        where, params = month.sql()
        raw = sqlite3.connect(database_path(data_dir))

        def open_month_raw() -> None:
            raw.execute(f"SELECT count(*) FROM diary_item i JOIN diary_day d ON d.id = i.day_id "
                        f"WHERE {q.EFFECTIVE} AND d.deleted = 0 AND {where}", params).fetchall()
            raw.execute(q._ROW_QUERY + f"WHERE {q.EFFECTIVE} AND d.deleted = 0 AND {where} "
                        "ORDER BY d.day DESC, i.seq LIMIT 200", params).fetchall()

        list_raw_ms = _median_ms(open_month_raw)
        hits = len(q.search(store, "独居老人", grids))
        search_ms = _median_ms(lambda: q.search(store, "独居老人", grids))
        short_ms = _median_ms(lambda: q.search(store, "消防", grids))
        raw_search_ms = _median_ms(lambda: raw.execute(
            "SELECT rowid FROM diary_fts WHERE diary_fts MATCH '\"独居老人\"' LIMIT 200").fetchall())
        raw.close()
    note = f"median of {RUNS}, 100,000 items; month {first:%Y-%m}"
    yield {"name": "diary_month_list_ms", "value": round(list_ms, 2), "unit": "ms", "goal": "< 100", "note": note}
    yield {"name": "diary_month_list_raw_sql_ms", "value": round(list_raw_ms, 2), "unit": "ms",
           "note": "the same two queries with plain sqlite3"}
    yield {"name": "diary_search_ms", "value": round(search_ms, 2), "unit": "ms", "goal": "< 100",
           "note": f"'独居老人' (trigram index), {hits} hits capped at 200"}
    yield {"name": "diary_search_two_chars_ms", "value": round(short_ms, 2), "unit": "ms",
           "note": "'消防' (scan of the index text)"}
    yield {"name": "diary_search_raw_fts_ms", "value": round(raw_search_ms, 2), "unit": "ms",
           "note": "the bare FTS5 match with plain sqlite3"}
