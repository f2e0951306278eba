"""The work diary: day pages, closing, amendments, carry-over, week totals, list and search."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from gridstation.db import diary
from gridstation.db import diary_queries as q
from gridstation.db.accounts import SignedIn
from gridstation.db.files import database_path
from gridstation.db.models import DiaryItem, OutboxEntry
from gridstation.db.store import Store
from gridstation.domain import diary as rules
from gridstation.domain.errors import ValidationError

from .conftest import OTHER_GRID, OWN_GRID, FakeClock

TODAY = date(2026, 11, 27)  # the FakeClock's day (a Friday)
MONDAY = date(2026, 11, 23)


def visit(**extra: object) -> dict[str, object]:
    fields: dict[str, object] = {"category": "visit", "time": "09:30", "place": "幸福小区3号楼",
                                 "problem": "走访独居老人张大爷", "action": "了解冬季取暖情况", "result": "暖气正常",
                                 "households": 5, "special_households": 2}
    fields.update(extra)
    return fields


def hazard(**extra: object) -> dict[str, object]:
    fields: dict[str, object] = {"category": "hazard", "hazard_type": "fire", "place": "农贸市场",
                                 "problem": "消防通道堆放杂物", "action": "责令清理", "hazards_found": 2,
                                 "hazards_rectified": 1, "open": True}
    fields.update(extra)
    return fields


@pytest.fixture
def page(store: Store, admin: SignedIn) -> str:
    return diary.open_day(store, admin.actor, grid_code=OWN_GRID, day=TODAY, weather="晴").id


def test_a_day_with_items_and_its_outbox(store: Store, admin: SignedIn, page: str) -> None:
    first = diary.add_item(store, admin.actor, page, **visit())
    second = diary.add_item(store, admin.actor, page, **hazard())
    view = q.day_view(store, page)
    assert view is not None and view.weekday == "星期五" and view.weather == "晴"
    assert [i.id for i in view.items] == [first.id, second.id] and [i.seq for i in view.items] == [1, 2]
    assert view.items[1].hazard_name == "消防"
    with store.read() as session:
        kinds = [e.kind for e in session.exec(select(OutboxEntry).order_by(OutboxEntry.seq))]  # type: ignore[arg-type]
    assert kinds == ["diary_day", "diary_item", "diary_item"]


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"category": "visit"}, "problem"),
        ({"category": "visit", "problem": "   "}, "problem"),
        ({"category": "nope", "problem": "x"}, "category"),
        ({"category": "hazard", "problem": "x"}, "hazard_type"),
        ({"category": "visit", "problem": "x" * 10_000}, "problem"),
        ({"category": "visit", "problem": "a\x00b"}, "problem"),
        ({"category": "visit", "problem": "x", "time": "25:99"}, "time"),
        ({"category": "visit", "problem": "x", "households": 2, "special_households": 3}, "special_households"),
        ({"category": "hazard", "hazard_type": "gas", "problem": "x", "hazards_found": 1, "hazards_rectified": 2},
         "hazards_rectified"),
        ({"category": "visit", "problem": "x", "households": -1}, "households"),
    ],
)
def test_bad_items_are_refused_and_nothing_changes(store: Store, admin: SignedIn, page: str,
                                                   fields: dict[str, object], field: str) -> None:
    kept = diary.add_item(store, admin.actor, page, **visit())
    with pytest.raises(ValidationError) as err:
        diary.add_item(store, admin.actor, page, **fields)
    assert err.value.field == field
    view = q.day_view(store, page)
    assert view is not None and [i.id for i in view.items] == [kept.id]


def test_markup_and_long_text_are_stored_literally(store: Store, admin: SignedIn, page: str) -> None:
    text = "<b>不加粗</b> & <font color=red>𠀀</font>\n第二行" + "长" * 1900
    item = diary.add_item(store, admin.actor, page, **visit(problem=text))
    view = q.day_view(store, page)
    assert view is not None and view.items[0].problem == text and view.items[0].id == item.id


def test_second_diary_and_future_date_are_refused(store: Store, admin: SignedIn, page: str) -> None:
    with pytest.raises(ValidationError, match="already a diary"):
        diary.open_day(store, admin.actor, grid_code=OWN_GRID, day=TODAY)
    with pytest.raises(ValidationError, match="in the future") as err:
        diary.open_day(store, admin.actor, grid_code=OWN_GRID, day=TODAY + timedelta(days=1))
    assert err.value.field == "date"
    # another grid on the same day is a different page
    diary.open_day(store, admin.actor, grid_code=OTHER_GRID, day=TODAY, cover=True)


def test_database_refuses_a_second_page_too(store: Store, admin: SignedIn, page: str) -> None:
    """The unique index backs the check, even for a write that skipped it."""
    conn = sqlite3.connect(database_path(store.data_dir))
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO outbox (op_id, kind, record_id, op, base_version, version, changed, payload, "
                     "actor, grid_code, created_at) "
                     "VALUES ('o', 'diary_day', 'x', 'create', 0, 1, '[]', '{}', 'a', 'g', 't')")
        conn.execute("INSERT INTO diary_day (id, grid_code, author, created_at, updated_at, version, day) "
                     "SELECT 'x', grid_code, author, 't', 't', 1, day FROM diary_day")
    conn.close()


def test_closed_day_is_locked(store: Store, admin: SignedIn, page: str) -> None:
    item = diary.add_item(store, admin.actor, page, **visit())
    diary.close_day(store, admin.actor, page)
    before = q.day_view(store, page)
    for attempt in (
        lambda: diary.update_item(store, admin.actor, item.id, result="改了"),
        lambda: diary.add_item(store, admin.actor, page, **visit()),
        lambda: diary.remove_item(store, admin.actor, item.id),
        lambda: diary.update_day(store, admin.actor, page, weather="雨"),
        lambda: diary.close_day(store, admin.actor, page),
    ):
        with pytest.raises(ValidationError, match="closed"):
            attempt()
    assert q.day_view(store, page) == before


def test_amendment_replaces_the_item_and_keeps_the_original(store: Store, admin: SignedIn, page: str) -> None:
    item = diary.add_item(store, admin.actor, page, **visit(households=5, special_households=2))
    wrong = diary.add_item(store, admin.actor, page, **visit(problem="记错的一条"))
    diary.close_day(store, admin.actor, page)
    with pytest.raises(ValidationError, match="why"):
        diary.amend_item(store, admin.actor, item.id, reason=" ", households=8)
    fixed = diary.amend_item(store, admin.actor, item.id, reason="户数记错", households=8)
    diary.retract_item(store, admin.actor, wrong.id, reason="重复录入")
    diary.add_late_item(store, admin.actor, page, reason="漏记", **hazard())
    with pytest.raises(ValidationError, match="already corrected"):
        diary.amend_item(store, admin.actor, item.id, reason="again", households=9)

    view = q.day_view(store, page)
    assert view is not None
    assert [i.id for i in view.items][0] == fixed.id
    assert view.items[0].households == 8 and view.items[0].amended
    assert view.items[0].original is not None and view.items[0].original.households == 5
    assert [(w.problem, w.reason) for w in view.withdrawn] == [("记错的一条", "重复录入")]
    assert view.items[-1].late and not view.items[-1].amended and view.items[-1].category == "hazard"
    assert (view.items[0].reason, view.items[-1].reason) == ("户数记错", "漏记")
    totals = q.week_report(store, grid_code=OWN_GRID, week_start=MONDAY).totals
    assert totals.by_category["visit"].households == 8 and totals.by_category["visit"].items == 1
    assert totals.by_category["hazard"].items == 1 and totals.items == 2


def test_open_items_carry_over_until_a_follow_up_closes_them(store: Store, admin: SignedIn,
                                                             clock: FakeClock) -> None:
    monday = diary.open_day(store, admin.actor, grid_code=OWN_GRID, day=MONDAY).id
    open_item = diary.add_item(store, admin.actor, monday, **hazard())
    diary.close_day(store, admin.actor, monday)
    tuesday = diary.open_day(store, admin.actor, grid_code=OWN_GRID, day=MONDAY + timedelta(days=1)).id
    view = q.day_view(store, tuesday)
    assert view is not None and [i.id for i in view.carried_open] == [open_item.id]
    assert [i.id for i in q.open_items(store, [OWN_GRID], TODAY)] == [open_item.id]

    closing = diary.follow_up(store, admin.actor, open_item.id, day_id=tuesday, result="已清理完毕", open=False)
    assert closing.follows_id == open_item.id and closing.category == "hazard"
    wednesday = diary.open_day(store, admin.actor, grid_code=OWN_GRID, day=MONDAY + timedelta(days=2)).id
    assert q.day_view(store, wednesday).carried_open == ()  # type: ignore[union-attr]
    tuesday_view = q.day_view(store, tuesday)
    assert tuesday_view is not None and tuesday_view.carried_open == ()  # taken over by the follow-up there
    assert [i.follows_id for i in tuesday_view.items] == [open_item.id]
    assert q.open_items(store, [OWN_GRID], TODAY) == []


def test_a_follow_up_closes_the_matter_in_the_totals_and_rectifies_what_was_found_before(
        store: Store, admin: SignedIn) -> None:
    """Week and month totals count an open item taken over by a follow-up as no longer open, as of
    the end of the period summed up; hazards are counted where they were found and where they were
    rectified, never twice."""
    friday = diary.open_day(store, admin.actor, grid_code=OWN_GRID, day=date(2026, 10, 30)).id  # in October
    found = diary.add_item(store, admin.actor, friday, **hazard(hazards_found=3, hazards_rectified=1))
    diary.close_day(store, admin.actor, friday)
    monday = diary.open_day(store, admin.actor, grid_code=OWN_GRID, day=date(2026, 11, 2)).id  # next week
    with pytest.raises(ValidationError, match="the 2 still open") as refused:  # 3 found, 1 rectified
        diary.follow_up(store, admin.actor, found.id, day_id=monday, result="已整改", hazards_rectified=3)
    assert refused.value.field == "hazards_rectified" and refused.value.params["n"] == 2
    first = diary.follow_up(store, admin.actor, found.id, day_id=monday, result="整改1处", hazards_rectified=1,
                            open=True)
    last = diary.follow_up(store, admin.actor, first.id, day_id=monday, result="全部整改", hazards_rectified=1)
    # the follow-ups' own edits are checked against the chain too
    with pytest.raises(ValidationError):
        diary.update_item(store, admin.actor, last.id, hazards_rectified=2)
    diary.update_item(store, admin.actor, last.id, hazards_rectified=1, households=1)

    october = q.month_report(store, grid_code=OWN_GRID, year=2026, month=10).totals
    assert (october.open, october.closed) == (1, 0)  # open at the end of October: printing later changes nothing
    found_week = q.week_report(store, grid_code=OWN_GRID, week_start=date(2026, 10, 26)).totals
    assert found_week.open == 1
    november = q.month_report(store, grid_code=OWN_GRID, year=2026, month=11)
    assert (november.totals.items, november.totals.open, november.totals.closed) == (2, 0, 2)
    hazards = november.totals.by_category["hazard"]
    assert (hazards.hazards_found, hazards.hazards_rectified) == (0, 2)
    assert october_and_november_found(store) == (3, 3)  # found once, rectified in full across the months
    assert november.author_name == admin.display_name  # all the month's writers, when none was chosen
    # a follow-up that took the item over later in the same week: not open in that week
    week = q.week_report(store, grid_code=OWN_GRID, week_start=date(2026, 11, 2)).totals
    assert (week.items, week.open) == (2, 0)


def october_and_november_found(store: Store) -> tuple[int, int]:
    months = [q.month_report(store, grid_code=OWN_GRID, year=2026, month=m).totals for m in (10, 11)]
    return (sum(t.by_category["hazard"].hazards_found for t in months),
            sum(t.by_category["hazard"].hazards_rectified for t in months))


def test_removing_an_item_of_a_draft_leaves_no_gap_in_the_numbers(store: Store, admin: SignedIn, page: str) -> None:
    first, second, third = (diary.add_item(store, admin.actor, page, **visit(problem=p)) for p in ("甲", "乙", "丙"))
    diary.remove_item(store, admin.actor, second.id)
    view = q.day_view(store, page)
    assert view is not None and [(i.problem, i.seq) for i in view.items] == [("甲", 1), ("丙", 2)]
    diary.remove_item(store, admin.actor, third.id)  # the last one: the next item takes its number
    diary.add_item(store, admin.actor, page, **visit(problem="丁"))
    view = q.day_view(store, page)
    assert view is not None and [(i.problem, i.seq) for i in view.items] == [("甲", 1), ("丁", 2)]
    assert first.seq == 1


def test_copy_from_previous_day(store: Store, admin: SignedIn) -> None:
    monday = diary.open_day(store, admin.actor, grid_code=OWN_GRID, day=MONDAY).id
    diary.add_item(store, admin.actor, monday, **visit())
    diary.add_item(store, admin.actor, monday, **{"category": "patrol", "place": "东区", "action": "例行巡查"})
    tuesday = diary.open_day(store, admin.actor, grid_code=OWN_GRID, day=MONDAY + timedelta(days=1)).id
    copied = diary.copy_from_previous(store, admin.actor, tuesday)
    assert [(c.category, c.place, c.result) for c in copied] == [("visit", "幸福小区3号楼", ""), ("patrol", "东区", "")]
    assert q.recent_values(store, author=admin.user_id, field="place")[:2] == ["东区", "幸福小区3号楼"]


def test_week_note_and_calendar(store: Store, admin: SignedIn, page: str) -> None:
    diary.set_week_note(store, admin.actor, grid_code=OWN_GRID, week_start=TODAY, note="本周重点走访",
                        next_week_focus="燃气")
    diary.set_week_note(store, admin.actor, grid_code=OWN_GRID, week_start=MONDAY, note="改过的周结")
    report = q.week_report(store, grid_code=OWN_GRID, week_start=MONDAY)
    assert report.note == "改过的周结" and report.next_week_focus == ""
    monday = diary.open_day(store, admin.actor, grid_code=OWN_GRID, day=MONDAY).id
    diary.close_day(store, admin.actor, monday)
    states = q.month_states(store, grid_code=OWN_GRID, year=2026, month=11)
    assert states == {MONDAY: "closed", TODAY: "open"}
    # a month's calendar shows six weeks from the Monday on or before the 1st: those days are marked too
    diary.open_day(store, admin.actor, grid_code=OWN_GRID, day=date(2026, 10, 26))  # in November's first row
    assert q.month_states(store, grid_code=OWN_GRID, year=2026, month=11)[date(2026, 10, 26)] == "open"
    assert q.month_states(store, grid_code=OWN_GRID, year=2026, month=12) == {}  # from 30 November: no page


def test_search_finds_long_and_short_terms_with_highlight(store: Store, admin: SignedIn, page: str) -> None:
    diary.add_item(store, admin.actor, page, **visit())
    diary.add_item(store, admin.actor, page, **hazard())
    diary.update_day(store, admin.actor, page, tomorrow_plan="复查燃气管道")
    hits = q.search(store, "独居老人", [OWN_GRID])
    assert len(hits) == 1 and hits[0].category == "visit"
    assert f"{q.HIGHLIGHT_START}独居老人{q.HIGHLIGHT_END}" in hits[0].snippet
    short = q.search(store, "消防", [OWN_GRID])
    assert [h.category for h in short] == ["hazard"] and q.HIGHLIGHT_START + "消防" in short[0].snippet
    plan = q.search(store, "燃气管道", [OWN_GRID])
    assert len(plan) == 1 and plan[0].item_id is None and plan[0].day_id == page
    assert q.search(store, "独居老人", [OTHER_GRID]) == []
    assert q.search(store, '"; DROP TABLE diary_item; --', [OWN_GRID]) == []
    assert q.search(store, "%", [OWN_GRID]) == []


def test_edited_and_amended_text_is_searched_as_it_now_reads(store: Store, admin: SignedIn, page: str) -> None:
    item = diary.add_item(store, admin.actor, page, **visit())
    diary.update_item(store, admin.actor, item.id, problem="走访空巢老人李奶奶")
    assert q.search(store, "张大爷", [OWN_GRID]) == []
    assert len(q.search(store, "李奶奶", [OWN_GRID])) == 1
    diary.close_day(store, admin.actor, page)
    diary.amend_item(store, admin.actor, item.id, reason="姓名记错", problem="走访空巢老人王奶奶")
    assert q.search(store, "李奶奶", [OWN_GRID]) == []  # the corrected item no longer counts
    assert len(q.search(store, "王奶奶", [OWN_GRID])) == 1


def test_list_filters(store: Store, admin: SignedIn, page: str) -> None:
    diary.add_item(store, admin.actor, page, **visit())
    diary.add_item(store, admin.actor, page, **hazard())
    everything = q.DiaryFilter(start=MONDAY, end=TODAY, grid_codes=(OWN_GRID,))
    assert q.count_items(store, everything) == 2
    only_open = q.DiaryFilter(start=MONDAY, end=TODAY, grid_codes=(OWN_GRID,), open_only=True)
    assert [r.category for r in q.list_items(store, only_open)] == ["hazard"]
    hazards = q.DiaryFilter(start=MONDAY, end=TODAY, grid_codes=(OWN_GRID,), category="hazard")
    assert q.count_items(store, hazards) == 1
    assert q.count_items(store, q.DiaryFilter(start=MONDAY, end=TODAY, grid_codes=(OTHER_GRID,))) == 0
    rows = q.list_items(store, everything, offset=1, limit=1)
    assert len(rows) == 1 and rows[0].author_name == "刘晓梅"


# -- property: the week summary equals the totals recomputed from the items -----------------------

item_strategy = st.fixed_dictionaries({
    "category": st.sampled_from(list(rules.CATEGORIES)),
    "open": st.booleans(),
    "escalated": st.booleans(),
    "households": st.integers(0, 30),
    "special": st.integers(0, 30),
    "found": st.integers(0, 5),
    "rectified": st.integers(0, 5),
})
action_strategy = st.tuples(st.sampled_from(["add", "amend", "retract", "late", "close", "edit"]),
                            st.integers(0, 6), item_strategy, st.integers(0, 100))


def _fields(spec: dict[str, object]) -> dict[str, object]:
    households = int(spec["households"])  # type: ignore[call-overload]
    found = int(spec["found"])  # type: ignore[call-overload]
    return {
        "category": spec["category"], "hazard_type": "gas" if spec["category"] == "hazard" else None,
        "problem": "事项", "open": spec["open"], "escalated": spec["escalated"], "households": households,
        "special_households": min(households, int(spec["special"])),  # type: ignore[call-overload]
        "hazards_found": found, "hazards_rectified": min(found, int(spec["rectified"])),  # type: ignore[call-overload]
    }


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=st.lists(action_strategy, min_size=1, max_size=30))
def test_week_summary_equals_recomputed_totals(store: Store, admin: SignedIn,
                                               actions: list[tuple[str, int, dict[str, object], int]]) -> None:
    pages: dict[int, str] = {}
    for kind, day_index, spec, pick in actions:
        day = MONDAY + timedelta(days=day_index % 5)
        page_id = pages.get(day_index % 5) or q.find_day_id(store, author=admin.user_id, grid_code=OWN_GRID, day=day)
        if page_id is None:
            page_id = diary.open_day(store, admin.actor, grid_code=OWN_GRID, day=day).id
        pages[day_index % 5] = page_id
        view = q.day_view(store, page_id)
        assert view is not None
        target = view.items[pick % len(view.items)] if view.items else None
        try:
            if kind in {"add", "late"}:
                if view.closed:
                    diary.add_late_item(store, admin.actor, page_id, reason="补记", **_fields(spec))
                else:
                    diary.add_item(store, admin.actor, page_id, **_fields(spec))
            elif kind == "edit" and target is not None:
                diary.update_item(store, admin.actor, target.id, **_fields(spec))
            elif kind == "amend" and target is not None:
                diary.amend_item(store, admin.actor, target.id, reason="更正", **_fields(spec))
            elif kind == "retract" and target is not None:
                diary.retract_item(store, admin.actor, target.id, reason="撤回")
            elif kind == "close":
                diary.close_day(store, admin.actor, page_id)
        except ValidationError:
            pass  # refused actions (editing a closed day, amending an open one) change nothing
    summary = q.week_report(store, grid_code=OWN_GRID, week_start=MONDAY).totals

    # Recompute from the raw rows: latest correction of each chain, withdrawn and tombstoned left out.
    with store.read() as session:
        rows = list(session.exec(select(DiaryItem)))
    superseded = {r.amends_id for r in rows if r.amends_id and not r.deleted}
    effective = [r for r in rows if not r.deleted and not r.retracted and r.id not in superseded]
    expected = rules.summarize(
        rules.ItemFacts(r.category, r.open, r.escalated, r.households, r.special_households, r.hazards_found,
                        r.hazards_rectified) for r in effective
    )
    assert summary == expected
    assert summary.items == sum(c.items for c in summary.by_category.values())
    assert summary.closed + summary.open == summary.items
