"""Demo data: a station with users and realistic diaries that pass every check."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import text

from gridstation.db import demo, maintenance
from gridstation.db import diary_queries as q
from gridstation.db.store import Store

from .conftest import FakeClock


def test_demo_station_with_diaries(data_dir: Path, clock: FakeClock) -> None:
    with Store.open(data_dir, clock=clock) as store:
        info = demo.load_demo(store, diary_days=60)
        assert ("wangfang", "grid_leader") in info.users
        today = clock.now().astimezone().date()
        grid = demo.DEMO_SETUP.grids[0][0]
        with store.read() as session:
            pages = session.execute(text("SELECT day, closed, cover FROM diary_day WHERE grid_code = :g"),
                                    {"g": grid}).all()
            follow_ups = session.execute(text("SELECT count(*) FROM diary_item WHERE follows_id IS NOT NULL")).scalar()
        assert len(pages) >= 35  # working days of two months
        assert all(closed for day, closed, _ in pages if date.fromisoformat(day) < today)
        assert follow_ups and follow_ups > 0
        report = q.month_report(store, grid_code=grid, year=today.year, month=today.month)
        assert report.totals.items > 0 and report.totals.by_category["patrol"].items > 0
        assert maintenance.check(store).ok
