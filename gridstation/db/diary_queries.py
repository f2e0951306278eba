"""Reading the work diary: day pages with corrections beside originals, open items carried over,
week and month reports, the calendar, the filtered list and full-text search.

"Effective" items are what counts: not tombstoned, not withdrawn, not replaced by a correction.
Reads use plain SQL on the reader engine; the list and search return small pages for lazy views.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from gridstation.db.store import Store
from gridstation.domain import diary as rules
from gridstation.domain.diary import DiaryDayView, DiaryItemView, MonthReport, WeekReport

EFFECTIVE = (
    "i.deleted = 0 AND i.retracted = 0 AND NOT EXISTS "
    "(SELECT 1 FROM diary_item a WHERE a.amends_id = i.id AND a.deleted = 0)"
)
ITEM_COLUMNS = (
    "i.id, d.day, i.seq, i.time, i.category, i.hazard_type, i.place, i.problem, i.action, i.result, i.open, "
    "i.escalated, i.households, i.special_households, i.hazards_found, i.hazards_rectified, i.follows_id, "
    "i.amends_id, i.late, i.amend_reason"
)
HIGHLIGHT_START, HIGHLIGHT_END = "\x02", "\x03"  # cannot be typed: diary text refuses control characters


def _item(row: Any, original: DiaryItemView | None = None) -> DiaryItemView:
    return DiaryItemView(
        id=row.id, day=date.fromisoformat(row.day), seq=row.seq, time=row.time, category=row.category,
        hazard_type=row.hazard_type, place=row.place, problem=row.problem, action=row.action, result=row.result,
        open=bool(row.open), escalated=bool(row.escalated), households=row.households,
        special_households=row.special_households, hazards_found=row.hazards_found,
        hazards_rectified=row.hazards_rectified, follows_id=row.follows_id,
        amended=bool(row.amends_id), late=bool(row.late), reason=row.amend_reason or "", original=original,
    )


def _effective_items(session: Session, where: str, params: dict[str, Any]) -> list[DiaryItemView]:
    rows = session.execute(
        text(f"SELECT {ITEM_COLUMNS} FROM diary_item i JOIN diary_day d ON d.id = i.day_id "
             f"WHERE {EFFECTIVE} AND d.deleted = 0 AND {where} ORDER BY d.day, i.seq, i.rowid"),
        params,
    ).all()
    originals = _originals(session, [r.amends_id for r in rows if r.amends_id])
    return [_item(r, originals.get(r.amends_id) if r.amends_id else None) for r in rows]


def _originals(session: Session, amended_ids: Sequence[str]) -> dict[str, DiaryItemView]:
    """For each corrected item id, the item as first written (the root of its correction chain)."""
    found: dict[str, DiaryItemView] = {}
    for amended_id in amended_ids:
        current = amended_id
        while True:
            row = session.execute(
                text(f"SELECT {ITEM_COLUMNS} FROM diary_item i JOIN diary_day d ON d.id = i.day_id WHERE i.id = :id"),
                {"id": current},
            ).first()
            if row is None:
                break
            if row.amends_id is None:
                found[amended_id] = _item(row)
                break
            current = row.amends_id
    return found


def _names(session: Session) -> tuple[dict[str, str], dict[str, str]]:
    users = {r[0]: r[1] for r in session.execute(text("SELECT id, display_name FROM user_account"))}
    grids = {r[0]: r[1] for r in session.execute(text("SELECT code, name FROM station_grid"))}
    return users, grids


def carried_open(session: Session, grid_code: str, day: date) -> list[DiaryItemView]:
    """Open items of earlier days in the grid that no follow-up up to ``day`` has taken over."""
    return _effective_items(
        session,
        "i.open = 1 AND d.grid_code = :grid AND d.day < :day AND NOT EXISTS ("
        " SELECT 1 FROM diary_item f JOIN diary_day fd ON fd.id = f.day_id"
        " WHERE f.follows_id = i.id AND f.deleted = 0 AND f.retracted = 0 AND fd.day <= :day)",
        {"grid": grid_code, "day": day.isoformat()},
    )


def day_view(store: Store, day_id: str) -> DiaryDayView | None:
    with store.read() as session:
        page = session.execute(text("SELECT * FROM diary_day WHERE id = :id AND deleted = 0"), {"id": day_id}).first()
        if page is None:
            return None
        users, grids = _names(session)
        items = _effective_items(session, "i.day_id = :day_id", {"day_id": day_id})
        withdrawn_rows = session.execute(
            text(f"SELECT {ITEM_COLUMNS} FROM diary_item i JOIN diary_day d ON d.id = i.day_id "
                 "WHERE i.day_id = :day_id AND i.retracted = 1 AND i.deleted = 0 ORDER BY i.seq"),
            {"day_id": day_id},
        ).all()
        day = date.fromisoformat(page.day)
        return DiaryDayView(
            id=page.id, day=day, grid_code=page.grid_code, grid_name=grids.get(page.grid_code, page.grid_code),
            author_name=users.get(page.author, page.author), weather=page.weather,
            patrol_period=page.patrol_period, patrol_route=page.patrol_route, cover=bool(page.cover),
            covered_grid=page.grid_code if page.cover else "", tomorrow_plan=page.tomorrow_plan,
            closed=bool(page.closed), items=tuple(items),
            carried_open=tuple(carried_open(session, page.grid_code, day)),
            withdrawn=tuple(_item(r) for r in withdrawn_rows),  # as they read when withdrawn, with the reason
        )


def find_day_id(store: Store, *, author: str, grid_code: str, day: date) -> str | None:
    with store.read() as session:
        return session.execute(
            text("SELECT id FROM diary_day WHERE author = :a AND grid_code = :g AND day = :d AND deleted = 0"),
            {"a": author, "g": grid_code, "d": day.isoformat()},
        ).scalar()


def _days(session: Session, grid_code: str, start: date, end: date, author: str | None) -> list[str]:
    query = "SELECT id FROM diary_day WHERE grid_code = :g AND day BETWEEN :s AND :e AND deleted = 0"
    params: dict[str, Any] = {"g": grid_code, "s": start.isoformat(), "e": end.isoformat()}
    if author:
        query += " AND author = :a"
        params["a"] = author
    return list(session.execute(text(query + " ORDER BY day"), params).scalars())


def _followed_up(session: Session, items: Sequence[DiaryItemView]) -> dict[str, date]:
    """For the open items among ``items``, the day of the first follow-up that took each over
    (as ``carried_open`` counts them: not removed, not withdrawn)."""
    open_ids = [i.id for i in items if i.open]
    if not open_ids:
        return {}
    rows = session.execute(
        text("SELECT f.follows_id, min(fd.day) FROM diary_item f JOIN diary_day fd ON fd.id = f.day_id "
             "WHERE f.follows_id IN (SELECT value FROM json_each(:ids)) AND f.deleted = 0 AND f.retracted = 0 "
             "AND fd.deleted = 0 GROUP BY f.follows_id"),
        {"ids": json.dumps(open_ids)},
    ).all()
    return {item_id: date.fromisoformat(day) for item_id, day in rows}


def _summary(items: Sequence[DiaryItemView], followed: dict[str, date], end: date) -> rules.WeekTotals:
    """Totals of a period ending on ``end``: an open item a follow-up had taken over by then is
    not counted open (the follow-up is, if it is open itself), as of the period's end, so that a
    printed report does not change with the day it is printed."""
    return rules.summarize(i.facts(taken_over=i.id in followed and followed[i.id] <= end) for i in items)


def week_report(store: Store, *, grid_code: str, week_start: date, author: str | None = None) -> WeekReport:
    monday = rules.week_start(week_start)
    sunday = monday + timedelta(days=6)
    with store.read() as session:
        day_ids = _days(session, grid_code, monday, sunday, author)
        users, grids = _names(session)
        note_query = ("SELECT note, next_week_focus, author FROM diary_week_note WHERE grid_code = :g "
                      "AND week_start = :w AND deleted = 0" + (" AND author = :a" if author else "") +
                      " ORDER BY updated_at DESC LIMIT 1")
        note = session.execute(text(note_query), {"g": grid_code, "w": monday.isoformat(), "a": author}).first()
    days = tuple(v for v in (day_view(store, i) for i in day_ids) if v is not None)
    items = [item for page in days for item in page.items]
    with store.read() as session:
        followed = _followed_up(session, items)
    return WeekReport(
        week_start=monday, grid_name=grids.get(grid_code, grid_code),
        author_name=users.get(author, "") if author else "、".join(sorted({d.author_name for d in days})),
        days=days, totals=_summary(items, followed, sunday),
        note=note.note if note else "", next_week_focus=note.next_week_focus if note else "",
    )


def month_report(store: Store, *, grid_code: str, year: int, month: int, author: str | None = None) -> MonthReport:
    first = date(year, month, 1)
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    where = "d.grid_code = :g AND d.day BETWEEN :s AND :e" + (" AND d.author = :a" if author else "")
    params = {"g": grid_code, "s": first.isoformat(), "e": last.isoformat(), "a": author}
    with store.read() as session:
        items = _effective_items(session, where, params)
        followed = _followed_up(session, items)
        users, grids = _names(session)
        authors = sorted(set(session.execute(
            text("SELECT DISTINCT d.author FROM diary_day d WHERE d.deleted = 0 AND " + where), params).scalars()))
        states = session.execute(
            text("SELECT count(*), coalesce(sum(closed), 0) FROM diary_day d WHERE deleted = 0 AND " + where),
            params,
        ).one()
    per_week = tuple(
        (monday, _summary([i for i in items if rules.week_start(i.day) == monday], followed,
                          min(monday + timedelta(days=6), last)))
        for monday in rules.weeks_of_month(year, month)
    )
    return MonthReport(
        year=year, month=month, grid_name=grids.get(grid_code, grid_code),
        author_name=users.get(author, "") if author else "、".join(users.get(a, a) for a in authors),
        items=tuple(items), totals=_summary(items, followed, last), per_week=per_week,
        days_written=int(states[0]), days_closed=int(states[1]),
    )


def month_states(store: Store, *, grid_code: str, year: int, month: int,
                 author: str | None = None) -> dict[date, str]:
    """Calendar marks: ``"closed"`` or ``"open"`` per day with a page (days without are empty), for
    the six weeks a month calendar shows (from the Monday before the 1st; a week earlier when the
    1st is a Monday, as the calendar shows then), so the days around the month are marked too."""
    first_of_month = date(year, month, 1)
    first = first_of_month - timedelta(days=first_of_month.weekday() or 7)
    last = first + timedelta(days=41)
    query = ("SELECT day, closed FROM diary_day WHERE grid_code = :g AND day BETWEEN :s AND :e AND deleted = 0"
             + (" AND author = :a" if author else ""))
    with store.read() as session:
        rows = session.execute(text(query), {"g": grid_code, "s": first.isoformat(), "e": last.isoformat(),
                                             "a": author}).all()
    states: dict[date, str] = {}
    for day, closed in rows:
        key = date.fromisoformat(day)
        states[key] = "open" if not closed or states.get(key) == "open" else "closed"
    return states


def open_items(store: Store, grid_codes: Sequence[str], today: date) -> list[DiaryItemView]:
    """Items still open as of ``today`` in the grids (the home page's list)."""
    with store.read() as session:
        found = [item for grid in grid_codes for item in carried_open(session, grid, today + timedelta(days=1))]
    return sorted(found, key=lambda i: (i.day, i.seq))


def recent_values(store: Store, *, author: str, field: str, limit: int = 30) -> list[str]:
    """Places or phrases the author used lately, most recent first (offered while typing)."""
    if field not in {"place", "action", "problem", "result"}:
        raise ValueError(field)
    with store.read() as session:
        rows = session.execute(
            text(f"SELECT {field} FROM diary_item WHERE author = :a AND {field} != '' AND deleted = 0 "
                 f"GROUP BY {field} ORDER BY max(rowid) DESC LIMIT :n"),
            {"a": author, "n": limit},
        ).scalars()
        return [v for v in rows if len(v) <= 60]


# -- list and search -------------------------------------------------------------------------------

@dataclass(frozen=True)
class DiaryFilter:
    start: date
    end: date
    grid_codes: tuple[str, ...]
    category: str | None = None
    author: str | None = None
    open_only: bool = False

    def sql(self) -> tuple[str, dict[str, Any]]:
        grids = ", ".join(f":g{n}" for n in range(len(self.grid_codes))) or "''"
        where = f"d.day BETWEEN :s AND :e AND d.grid_code IN ({grids})"
        params: dict[str, Any] = {"s": self.start.isoformat(), "e": self.end.isoformat()}
        params.update({f"g{n}": g for n, g in enumerate(self.grid_codes)})
        if self.category:
            where += " AND i.category = :c"
            params["c"] = self.category
        if self.author:
            where += " AND d.author = :a"
            params["a"] = self.author
        if self.open_only:
            where += " AND i.open = 1"
        return where, params


@dataclass(frozen=True)
class DiaryRow:
    item_id: str
    day_id: str
    day: date
    time: str
    category: str
    place: str
    problem: str
    action: str
    result: str
    open: bool
    amended: bool  # corrected after its day was closed
    late: bool  # added after its day was closed
    grid_code: str
    author_name: str


_ROW_QUERY = (
    "SELECT i.id, i.day_id, d.day, i.time, i.category, i.place, i.problem, i.action, i.result, i.open, "
    "i.amends_id IS NOT NULL AS amended, i.late, d.grid_code, coalesce(u.display_name, d.author) AS author "
    "FROM diary_item i JOIN diary_day d ON d.id = i.day_id LEFT JOIN user_account u ON u.id = d.author "
)


def _row(r: Any) -> DiaryRow:
    return DiaryRow(r.id, r.day_id, date.fromisoformat(r.day), r.time, r.category, r.place, r.problem, r.action,
                    r.result, bool(r.open), bool(r.amended), bool(r.late), r.grid_code, r.author)


def list_items(store: Store, flt: DiaryFilter, *, offset: int = 0, limit: int = 200) -> list[DiaryRow]:
    where, params = flt.sql()
    with store.read() as session:
        rows = session.execute(
            text(_ROW_QUERY + f"WHERE {EFFECTIVE} AND d.deleted = 0 AND {where} "
                 "ORDER BY d.day DESC, i.seq LIMIT :limit OFFSET :offset"),
            {**params, "limit": limit, "offset": offset},
        ).all()
    return [_row(r) for r in rows]


def count_items(store: Store, flt: DiaryFilter) -> int:
    where, params = flt.sql()
    with store.read() as session:
        return int(session.execute(
            text(f"SELECT count(*) FROM diary_item i JOIN diary_day d ON d.id = i.day_id "
                 f"WHERE {EFFECTIVE} AND d.deleted = 0 AND {where}"), params).scalar_one())


@dataclass(frozen=True)
class SearchHit:
    day_id: str
    item_id: str | None  # None: the hit is in the page itself (route, plan)
    day: date
    grid_code: str
    category: str
    snippet: str  # the matched text between HIGHLIGHT_START and HIGHLIGHT_END


def _mark(body: str, term: str, width: int = 40) -> str:
    at = body.casefold().find(term.casefold())
    if at < 0 or len(body.casefold()) != len(body):
        at = body.find(term)
    if at < 0:
        return body[: width * 2]
    start = max(0, at - width)
    prefix = "…" if start else ""
    end = at + len(term) + width
    found = body[at:at + len(term)]
    return (prefix + body[start:at] + HIGHLIGHT_START + found + HIGHLIGHT_END + body[at + len(term):end]
            + ("…" if end < len(body) else ""))


def search(store: Store, query: str, grid_codes: Sequence[str], *, limit: int = 200) -> list[SearchHit]:
    """Find diary text containing ``query`` (a literal string, not a query language), newest first.

    Three or more characters use the trigram index; shorter terms (two-character Chinese words such
    as 消防) scan the same index's text, still without touching the diary tables.
    """
    term = " ".join(query.split())
    if not term or not grid_codes:
        return []
    grids = ", ".join(f":g{n}" for n in range(len(grid_codes)))
    params: dict[str, Any] = {f"g{n}": g for n, g in enumerate(grid_codes)}
    params["limit"] = limit
    if len(term) >= 3:
        params["q"] = '"' + term.replace('"', '""') + '"'
        match = "diary_fts MATCH :q"
    else:
        params["q"] = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        match = "body LIKE :q ESCAPE '\\'"
    sql = (
        "SELECT f.rowid AS fid, f.body, i.id AS item_id, coalesce(i.day_id, d2.id) AS day_id, "
        "coalesce(d1.day, d2.day) AS day, coalesce(d1.grid_code, d2.grid_code) AS grid_code, i.category "
        f"FROM (SELECT rowid, body FROM diary_fts WHERE {match}) f "
        f"LEFT JOIN diary_item i ON f.rowid > 0 AND i.rowid = f.rowid AND {EFFECTIVE} "
        "LEFT JOIN diary_day d1 ON d1.id = i.day_id AND d1.deleted = 0 "
        "LEFT JOIN diary_day d2 ON f.rowid < 0 AND d2.rowid = -f.rowid AND d2.deleted = 0 "
        f"WHERE coalesce(d1.grid_code, d2.grid_code) IN ({grids}) "
        "ORDER BY day DESC, f.rowid DESC LIMIT :limit"
    )
    with store.read() as session:
        rows = session.execute(text(sql), params).all()
    return [
        SearchHit(day_id=r.day_id, item_id=r.item_id, day=date.fromisoformat(r.day), grid_code=r.grid_code,
                  category=r.category or "", snippet=_mark(r.body.replace("\n", " "), term))
        for r in rows
    ]
