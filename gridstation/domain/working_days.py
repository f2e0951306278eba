"""Working days of the Chinese public calendar: promised dates of time limits counted in working
days (工作日) skip weekends and public holidays, and count the adjusted weekend workdays (调休上班).

The table holds the State Council's published schedules for 2025 and 2026. For 2027 no schedule
was known when this table was written, so it holds only the statutory holidays themselves
(全体公民放假的节日办法, 2025 revision) without bridge days or adjusted workdays; replace it with
the published schedule when it appears. Years outside the table count Monday–Friday only.
"""

from __future__ import annotations

from datetime import date, timedelta


def _span(first: date, last: date) -> set[date]:
    return {first + timedelta(days=n) for n in range((last - first).days + 1)}


HOLIDAYS: frozenset[date] = frozenset(
    # 2025 (国办发明电〔2024〕12号)
    _span(date(2025, 1, 1), date(2025, 1, 1))
    | _span(date(2025, 1, 28), date(2025, 2, 4))
    | _span(date(2025, 4, 4), date(2025, 4, 6))
    | _span(date(2025, 5, 1), date(2025, 5, 5))
    | _span(date(2025, 5, 31), date(2025, 6, 2))
    | _span(date(2025, 10, 1), date(2025, 10, 8))
    # 2026 (published November 2025)
    | _span(date(2026, 1, 1), date(2026, 1, 3))
    | _span(date(2026, 2, 15), date(2026, 2, 23))
    | _span(date(2026, 4, 4), date(2026, 4, 6))
    | _span(date(2026, 5, 1), date(2026, 5, 5))
    | _span(date(2026, 6, 19), date(2026, 6, 21))
    | _span(date(2026, 9, 25), date(2026, 9, 27))
    | _span(date(2026, 10, 1), date(2026, 10, 7))
    # 2027: statutory days only (provisional, see the module docstring)
    | {date(2027, 1, 1)}
    | _span(date(2027, 2, 5), date(2027, 2, 8))
    | {date(2027, 4, 5)}
    | _span(date(2027, 5, 1), date(2027, 5, 2))
    | {date(2027, 6, 9)}
    | {date(2027, 9, 15)}
    | _span(date(2027, 10, 1), date(2027, 10, 3))
)

ADJUSTED_WORKDAYS: frozenset[date] = frozenset({
    date(2025, 1, 26), date(2025, 2, 8), date(2025, 4, 27), date(2025, 9, 28), date(2025, 10, 11),
    date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 5, 9), date(2026, 9, 20),
    date(2026, 10, 10),
})


def is_working_day(day: date) -> bool:
    """Monday–Friday unless a public holiday, plus the weekend days worked in lieu (调休上班)."""
    if day in ADJUSTED_WORKDAYS:
        return True
    return day.weekday() < 5 and day not in HOLIDAYS


def add_working_days(start: date, days: int) -> date:
    """The ``days``-th working day after ``start`` (``start`` itself is not counted).

    ``days == 0`` is ``start`` itself (a matter handled on the spot, 即办).
    """
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    remaining = days
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """How many working days lie after ``start`` up to and including ``end`` (0 when end <= start)."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
