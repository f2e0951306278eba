"""The work the day page hands to the operations thread: loading a day with its calendar marks,
starting a page, rendering the day sheet. Plain functions over the diary modules (no widgets)."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from gridstation.db import diary, diary_queries, station
from gridstation.db.store import Store
from gridstation.db.unit_of_work import Actor
from gridstation.domain.diary import DiaryDayView, DiaryItemView


@dataclass(frozen=True)
class DayLoad:
    """What the day page shows for one date and grid: the page (if any) and whether it is the user's own."""

    day: date
    grid_code: str
    today: date
    view: DiaryDayView | None
    own: bool  # written by the signed-in user (only then it can be edited)
    places: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()


def _suggestions(store: Store, author: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    places = diary_queries.recent_values(store, author=author, field="place")
    phrases: list[str] = []
    for field in ("action", "problem", "result"):
        phrases += [v for v in diary_queries.recent_values(store, author=author, field=field) if v not in phrases]
    return tuple(places), tuple(phrases)


def load_day(store: Store, author: str, grid_code: str, day: date | None = None) -> DayLoad:
    """The user's page of ``day`` (default: today) in ``grid_code`` (``view`` is None when there is none yet)."""
    day = day or diary.local_today(store)
    day_id = diary_queries.find_day_id(store, author=author, grid_code=grid_code, day=day)
    view = diary_queries.day_view(store, day_id) if day_id else None
    places, phrases = _suggestions(store, author)
    return DayLoad(day, grid_code, diary.local_today(store), view, view is not None, places, phrases)


def load_day_id(store: Store, author: str, day_id: str) -> DayLoad:
    """Any page by id (from the list or search); ``own`` tells whether the user may edit it."""
    view = diary_queries.day_view(store, day_id)
    today = diary.local_today(store)
    if view is None:
        return DayLoad(today, "", today, None, False)
    own = diary_queries.find_day_id(store, author=author, grid_code=view.grid_code, day=view.day) == view.id
    places, phrases = _suggestions(store, author) if own else ((), ())
    return DayLoad(view.day, view.grid_code, today, view, own, places, phrases)


def start_day(store: Store, actor: Actor, grid_code: str, day: date, cover: bool) -> DayLoad:
    """``open_day`` then the fresh page; if the page exists already (another window, a double click)
    the existing one is shown instead of a second page."""
    existing = diary_queries.find_day_id(store, author=actor.user_id, grid_code=grid_code, day=day)
    if existing is None:
        diary.open_day(store, actor, grid_code=grid_code, day=day, cover=cover)
    return load_day(store, actor.user_id, grid_code, day)


def month_marks(store: Store, author: str, grid_code: str, year: int, month: int) -> tuple[int, int, dict[date, str]]:
    return year, month, diary_queries.month_states(store, grid_code=grid_code, year=year, month=month, author=author)


def write_day_sheet(store: Store, day_id: str) -> Path:
    """Render the day sheet into a new temporary PDF (the preview deletes it when closed)."""
    from gridstation.reports.diary_report import render_day_sheet

    view = diary_queries.day_view(store, day_id)
    if view is None:
        raise LookupError(day_id)
    row = station.get_station(store)
    folder = Path(tempfile.gettempdir()) / "gridstation-print"
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f"diary-{view.day.isoformat()}-", suffix=".pdf", dir=folder)
    os.close(handle)  # reportlab writes the file by name
    render_day_sheet(name, view, station_name=row.name if row else "")
    return Path(name)


@dataclass(frozen=True)
class TodaySummary:
    """The home page's diary box: today's page of the user and the open items of his grids."""

    today: date
    day_id: str | None
    closed: bool
    item_count: int
    open_items: tuple[DiaryItemView, ...]


def today_summary(store: Store, author: str, grid_codes: list[str]) -> TodaySummary:
    today = diary.local_today(store)
    view = None
    for grid in grid_codes:
        day_id = diary_queries.find_day_id(store, author=author, grid_code=grid, day=today)
        if day_id is not None:
            view = diary_queries.day_view(store, day_id)
            break
    items = tuple(diary_queries.open_items(store, grid_codes, today))
    if view is None:
        return TodaySummary(today, None, False, 0, items)
    return TodaySummary(today, view.id, view.closed, len(view.items), items)
