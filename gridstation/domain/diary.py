"""Work diary (工作日志, "日清周结") rules that need no database: categories, validation, and the
week summary computed from items (domain.md §3).

The summary is a pure function of the *effective* items of the week: an item corrected by an
amendment counts in its corrected form, a retracted item not at all. ``db.diary`` feeds it; the
property tests feed it directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from gridstation.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from gridstation.domain.redaction import redact_numbers

# Category codes (stored) with their names in the users' language (printed and shown).
CATEGORIES: dict[str, str] = {
    "patrol": "巡查",
    "visit": "入户走访",
    "info": "信息采集",
    "hazard": "隐患排查",
    "dispute": "矛盾纠纷",
    "event": "事件上报",
    "service": "帮代办",
    "legal": "法治宣传",
    "meeting": "会议培训",
    "other": "其他",
}
HAZARD_TYPES: dict[str, str] = {
    "production": "安全生产",
    "fire": "消防",
    "food_drug": "食品药品",
    "gas": "燃气",
    "other": "其他",
}
WEATHER = ("晴", "多云", "阴", "小雨", "中雨", "大雨", "雪", "雾", "霾", "大风")
WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

MAX_TEXT = 2000  # per text field of an item; long enough for a real account, short enough to print
MAX_SHORT = 100  # place, weather, patrol period
MAX_COUNT = 10_000


def week_start(day: date) -> date:
    """Monday of ``day``'s week (weeks run Monday to Sunday, as in Chinese work calendars)."""
    return day - timedelta(days=day.weekday())


def weekday_name(day: date) -> str:
    return WEEKDAYS[day.weekday()]


@dataclass(frozen=True)
class ItemFacts:
    """What the week summary needs to know of one effective item."""

    category: str
    open: bool = False
    escalated: bool = False
    households: int = 0
    special_households: int = 0
    hazards_found: int = 0
    hazards_rectified: int = 0


@dataclass
class CategoryTotals:
    items: int = 0
    open: int = 0
    households: int = 0
    special_households: int = 0
    hazards_found: int = 0
    hazards_rectified: int = 0


@dataclass
class WeekTotals:
    """Totals of a week (or any period) of effective items."""

    by_category: dict[str, CategoryTotals] = field(default_factory=lambda: {c: CategoryTotals() for c in CATEGORIES})
    items: int = 0
    closed: int = 0
    open: int = 0
    escalations: int = 0


def summarize(items: Iterable[ItemFacts]) -> WeekTotals:
    totals = WeekTotals()
    for item in items:
        cat = totals.by_category[item.category]
        cat.items += 1
        cat.open += int(item.open)
        cat.households += item.households
        cat.special_households += item.special_households
        cat.hazards_found += item.hazards_found
        cat.hazards_rectified += item.hazards_rectified
        totals.items += 1
        totals.open += int(item.open)
        totals.closed += int(not item.open)
        totals.escalations += int(item.escalated)
    return totals


# -- validation ------------------------------------------------------------------------------------

def clean_text(value: str, field_name: str, limit: int = MAX_TEXT) -> str:
    """Strip surrounding blanks; refuse text over ``limit``. Control characters other than line
    breaks and tabs are refused too: they cannot be typed, only pasted by accident."""
    value = value.strip()
    if len(value) > limit:
        raise ValidationError(
            field_name,
            QT_TRANSLATE_NOOP("Errors", "The text is too long ({n} characters, at most {max})."),
            n=len(value),
            max=limit,
        )
    if any(ord(c) < 32 and c not in "\n\t" or 0x7F <= ord(c) < 0xA0 for c in value):
        raise ValidationError(
            field_name, QT_TRANSLATE_NOOP("Errors", "The text contains control characters; remove them.")
        )
    return value


def check_count(value: int, field_name: str) -> int:
    if not 0 <= value <= MAX_COUNT:
        raise ValidationError(
            field_name, QT_TRANSLATE_NOOP("Errors", "A count must be between 0 and {max}."), max=MAX_COUNT
        )
    return value


def check_category(category: str, hazard_type: str | None) -> None:
    if category not in CATEGORIES:
        raise ValidationError("category", QT_TRANSLATE_NOOP("Errors", "Unknown category “{value}”."), value=category)
    if hazard_type is not None and hazard_type not in HAZARD_TYPES:
        raise ValidationError(
            "hazard_type", QT_TRANSLATE_NOOP("Errors", "Unknown hazard type “{value}”."), value=hazard_type
        )
    if category == "hazard" and hazard_type is None:
        raise ValidationError("hazard_type", QT_TRANSLATE_NOOP("Errors", "A hazard check needs a hazard type."))


def check_item_counts(households: int, special: int, found: int, rectified: int, *, outstanding: int = 0) -> None:
    """``outstanding``: for a follow-up, the hazards found earlier in its chain and not yet
    rectified, which it may rectify without finding them again."""
    for value, name in ((households, "households"), (special, "special_households"),
                        (found, "hazards_found"), (rectified, "hazards_rectified")):
        check_count(value, name)
    if special > households:
        raise ValidationError(
            "special_households",
            QT_TRANSLATE_NOOP("Errors", "Special-group households cannot exceed the households visited."),
        )
    if rectified > found + outstanding:
        if outstanding:
            raise ValidationError("hazards_rectified", QT_TRANSLATE_NOOP(
                "Errors", "Hazards rectified cannot exceed those found here and the {n} still open from before."),
                n=outstanding)
        raise ValidationError(
            "hazards_rectified", QT_TRANSLATE_NOOP("Errors", "Hazards rectified cannot exceed hazards found.")
        )


def check_diary_date(day: date, today: date) -> None:
    if day > today:
        raise ValidationError(
            "date", QT_TRANSLATE_NOOP("Errors", "{date} is in the future; a diary records work already done."),
            date=day.isoformat(),
        )


def weeks_of_month(year: int, month: int) -> Sequence[date]:
    """Mondays of the weeks that touch the month, in order (for per-week charts)."""
    first = date(year, month, 1)
    last = (date(year + (month == 12), month % 12 + 1, 1)) - timedelta(days=1)
    monday = week_start(first)
    weeks = []
    while monday <= last:
        weeks.append(monday)
        monday += timedelta(days=7)
    return weeks


# -- read models handed to reports and the interface ------------------------------------------------

@dataclass(frozen=True)
class DiaryItemView:
    """One effective item as shown and printed. ``amended`` marks an item corrected after the day
    was closed (``original`` then holds the item as first written, shown beside it), ``late`` one
    added after it was closed."""

    id: str
    day: date
    seq: int
    time: str  # "HH:MM" or ""
    category: str
    hazard_type: str | None
    place: str
    problem: str
    action: str
    result: str
    open: bool
    escalated: bool = False
    households: int = 0
    special_households: int = 0
    hazards_found: int = 0
    hazards_rectified: int = 0
    follows_id: str | None = None  # a follow-up of an earlier open item
    amended: bool = False  # a correction made after the day was closed (``original`` is what it replaced)
    late: bool = False  # added after the day was closed
    reason: str = ""  # why it was corrected, added late or withdrawn after the day was closed
    original: DiaryItemView | None = None

    @property
    def category_name(self) -> str:
        return CATEGORIES[self.category]

    @property
    def hazard_name(self) -> str:
        return HAZARD_TYPES.get(self.hazard_type or "", "")

    def redacted(self) -> DiaryItemView:
        """The item with the ID and mobile numbers in its texts masked, for printouts and exports
        (``domain.redaction``); never for the editor, which would store the masks."""
        return replace(self, place=redact_numbers(self.place), problem=redact_numbers(self.problem),
                       action=redact_numbers(self.action), result=redact_numbers(self.result),
                       original=self.original.redacted() if self.original is not None else None)

    def facts(self, *, taken_over: bool = False) -> ItemFacts:
        """``taken_over``: a follow-up of this open item was written by the end of the period
        summed up, so it is no longer open there (the follow-up carries the matter on)."""
        return ItemFacts(
            category=self.category, open=self.open and not taken_over, escalated=self.escalated,
            households=self.households,
            special_households=self.special_households, hazards_found=self.hazards_found,
            hazards_rectified=self.hazards_rectified,
        )


def changed_after_close(item: DiaryItemView) -> str:
    """How printouts and exports mark an item written after its day was closed: 更正 (corrected)
    or 补记 (added late); "" for the others."""
    return "更正" if item.amended else "补记" if item.late else ""


@dataclass(frozen=True)
class DiaryDayView:
    id: str
    day: date
    grid_code: str
    grid_name: str
    author_name: str
    weather: str
    patrol_period: str
    patrol_route: str
    cover: bool  # 代岗: written by a backup leader for the grid he covers
    covered_grid: str
    tomorrow_plan: str
    closed: bool
    items: tuple[DiaryItemView, ...]
    carried_open: tuple[DiaryItemView, ...] = ()  # open items of earlier days still open on this day
    withdrawn: tuple[DiaryItemView, ...] = ()  # items retracted after closing (shown struck out, not counted)

    @property
    def weekday(self) -> str:
        return weekday_name(self.day)

    def redacted(self) -> DiaryDayView:
        """The page with the ID and mobile numbers in its texts masked (``DiaryItemView.redacted``)."""
        return replace(self, patrol_route=redact_numbers(self.patrol_route),
                       tomorrow_plan=redact_numbers(self.tomorrow_plan),
                       items=tuple(i.redacted() for i in self.items),
                       carried_open=tuple(i.redacted() for i in self.carried_open),
                       withdrawn=tuple(i.redacted() for i in self.withdrawn))


@dataclass(frozen=True)
class WeekReport:
    week_start: date
    grid_name: str
    author_name: str
    days: tuple[DiaryDayView, ...]
    totals: WeekTotals
    note: str = ""  # the leader's own summary
    next_week_focus: str = ""

    def redacted(self) -> WeekReport:
        return replace(self, days=tuple(d.redacted() for d in self.days), note=redact_numbers(self.note),
                       next_week_focus=redact_numbers(self.next_week_focus))


@dataclass(frozen=True)
class MonthReport:
    year: int
    month: int
    grid_name: str
    author_name: str
    items: tuple[DiaryItemView, ...]  # every effective item of the month, by date and sequence
    totals: WeekTotals
    per_week: tuple[tuple[date, WeekTotals], ...]  # for the chart: items per category per week
    days_written: int = 0
    days_closed: int = 0

    def redacted(self) -> MonthReport:
        return replace(self, items=tuple(i.redacted() for i in self.items))
