"""Counts the station shows the public and the district, and the texts it exports:

- the public summary's 矛盾纠纷 figures: disputes found are new disputes (not follow-ups), disputes
  resolved (化解) are those closed in the grid (not escalated), as the diary's month report records them;
- service records closed after their promised date are overdue too (逾期办结), and the closed
  records split into on time + late (+ without a completion date) = closed;
- ID and mobile numbers typed into a service record's result or notes are exported masked.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gridstation.db import accounts, diary, services, services_notice
from gridstation.db import diary_queries as dq
from gridstation.db import services_queries as q
from gridstation.db.accounts import SignedIn
from gridstation.db.clock import iso
from gridstation.db.services_models import ServiceRecord
from gridstation.db.store import Store
from gridstation.domain import services as rules
from gridstation.reports.services_export import (
    export_services_csv,
    export_services_xlsx,
    record_cells,
    statistics_rows,
)

from .conftest import OTHER_GRID, OWN_GRID

TODAY = date(2026, 11, 27)  # the FakeClock's day
HIGH_AGE = "FW006"  # 高龄津贴: 15 working days
ID_NUMBER = "11010519491231002X"
MOBILE = "13812345678"


@pytest.fixture
def leader(store: Store, admin: SignedIn) -> SignedIn:
    with store.write() as session:
        return accounts.create_user(session, actor=admin.actor, at=iso(store.clock.now()), username="wangfang",
                                    display_name="王芳", role="grid_leader", password="Leader#2026", grid_code=OWN_GRID)


def dispute(**extra: object) -> dict[str, object]:
    fields: dict[str, object] = {"category": "dispute", "place": "幸福小区5号楼", "problem": "楼上漏水引发邻里纠纷",
                                 "action": "现场查看，组织双方协商", "result": "双方同意维修", "open": False}
    fields.update(extra)
    return fields


def summary_disputes(store: Store) -> dict[str, int]:
    summary = services_notice.public_summary(store, year=2026, month=11, today=TODAY)
    group = dict(summary.groups)["三、矛盾纠纷化解"]
    return {label: count for label, count, _ in group}


# -- the public summary's disputes -------------------------------------------------------------------

def test_the_summary_counts_new_disputes_found_and_those_resolved_in_the_grid(store: Store, admin: SignedIn) -> None:
    actor = admin.actor
    october = diary.open_day(store, actor, grid_code=OWN_GRID, day=date(2026, 10, 30)).id
    from_october = diary.add_item(store, actor, october, **dispute(open=True, result=""))  # found in October
    diary.close_day(store, actor, october)

    monday = diary.open_day(store, actor, grid_code=OWN_GRID, day=date(2026, 11, 2)).id
    diary.add_item(store, actor, monday, **dispute())  # found and resolved
    diary.add_item(store, actor, monday, **dispute(escalated=True, result="已上报街道综治中心"))  # closed, passed up
    still_open = diary.add_item(store, actor, monday, **dispute(open=True, result=""))
    corrected = diary.add_item(store, actor, monday, **dispute())
    withdrawn = diary.add_item(store, actor, monday, **dispute())
    diary.follow_up(store, actor, from_october.id, day_id=monday, action="再次调解", result="已化解")
    diary.add_item(store, actor, monday, category="visit", problem="走访", households=3)
    diary.close_day(store, actor, monday)
    diary.amend_item(store, actor, corrected.id, reason="实际已上报街道", escalated=True)
    diary.retract_item(store, actor, withdrawn.id, reason="重复录入")

    tuesday = diary.open_day(store, actor, grid_code=OWN_GRID, day=date(2026, 11, 3)).id
    diary.follow_up(store, actor, still_open.id, day_id=tuesday, action="跟进", result="仍在协商", open=True)
    other = diary.open_day(store, actor, grid_code=OTHER_GRID, day=date(2026, 11, 4), cover=True).id
    diary.add_item(store, actor, other, **dispute())

    # found: the four new disputes of the own grid (the corrected one once, not the withdrawn one) and the
    # other grid's; not the two follow-ups. Resolved: the two closed in the grid without being escalated
    # and the October dispute closed by its follow-up; not the escalated ones, not the still open ones.
    assert summary_disputes(store) == {"排查发现矛盾纠纷": 5, "化解矛盾纠纷": 3}

    # the same items the diary's month reports count: every dispute item, follow-ups included, and
    # the items escalated
    reports = [dq.month_report(store, grid_code=grid, year=2026, month=11) for grid in (OWN_GRID, OTHER_GRID)]
    items = [i for r in reports for i in r.items if i.category == "dispute"]
    assert sum(r.totals.by_category["dispute"].items for r in reports) == len(items) == 5 + 2
    assert sum(i.escalated for i in items) == 2 and sum(r.totals.escalations for r in reports) == 2
    assert services_notice.dispute_counts(items) == (5, 3)
    summary = services_notice.public_summary(store, year=2026, month=11, today=TODAY)
    assert ("入户走访", 3, "户") in dict(summary.groups)["一、日常工作"]


def test_a_month_without_disputes_shows_noughts(store: Store, admin: SignedIn) -> None:
    assert summary_disputes(store) == {"排查发现矛盾纠纷": 0, "化解矛盾纠纷": 0}


# -- services closed late ----------------------------------------------------------------------------

def register(store: Store, user: SignedIn, received: date, promised: date, **extra: object) -> str:
    record = services.register_service(store, user.actor, grid_code=OWN_GRID, item_code=HIGH_AGE,
                                       resident_name="张桂兰", received_on=received, promised_on=promised,
                                       **extra)  # type: ignore[arg-type]
    return record.id


def close(store: Store, user: SignedIn, record_id: str, on: date, status: str = rules.COMPLETED) -> None:
    services.change_status(store, user.actor, record_id, status=status, result="已办结", completed_on=on)


def test_a_record_closed_after_its_promised_date_is_counted_closed_late(store: Store, admin: SignedIn,
                                                                        leader: SignedIn, tmp_path: Path) -> None:
    promised = date(2026, 11, 10)
    on_time = register(store, leader, date(2026, 11, 2), promised)
    close(store, leader, on_time, promised)  # on the promised day: on time
    late = register(store, leader, date(2026, 11, 2), promised)
    close(store, leader, late, date(2026, 11, 11))
    returned_late = register(store, leader, date(2026, 11, 3), promised)
    close(store, leader, returned_late, date(2026, 11, 20), rules.RETURNED)
    register(store, leader, date(2026, 11, 4), promised)  # open past its promised date: overdue
    register(store, leader, date(2026, 11, 26), date(2026, 12, 10))  # open, within time
    earlier = register(store, leader, date(2026, 10, 9), date(2026, 10, 12))  # another month
    close(store, leader, earlier, date(2026, 11, 2))

    stats = q.month_statistics(store, year=2026, month=11, today=TODAY)
    assert (stats.total, stats.closed, stats.overdue) == (5, 3, 1)
    assert (stats.closed_on_time, stats.closed_late, stats.closed_undated) == (1, 2, 0)
    assert stats.closed_on_time + stats.closed_late + stats.closed_undated == stats.closed
    assert rules.is_closed_late(rules.RETURNED, promised, date(2026, 11, 20))
    assert not rules.is_closed_late(rules.COMPLETED, promised, promised)
    assert not rules.is_closed_late(rules.IN_PROGRESS, promised, None)

    rows = statistics_rows(stats)
    assert ["时限", "已办结（含退回、转办）", 3] in rows
    assert ["时限", "其中：按期办结", 1] in rows and ["时限", "其中：逾期办结", 2] in rows
    assert ["时限", "逾期未办结", 1] in rows
    assert not [r for r in rows if r[1] == "其中：未记录办结日期"]  # only when there are any

    with store.read() as session:
        views = q.list_records(session, today=TODAY)
    marks = {v.id: record_cells(v)[11] for v in views}  # the 时限 column finds the records counted late
    assert [marks[r] for r in (late, returned_late, on_time, earlier)] == ["逾期办结", "逾期办结", "", "逾期办结"]
    assert sorted(marks.values()) == ["", "", "逾期", "逾期办结", "逾期办结", "逾期办结"]
    export_services_xlsx(tmp_path / "s.xlsx", views, stats)
    sheet = load_workbook(tmp_path / "s.xlsx")["统计"]
    written = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert ["时限", "其中：逾期办结", 2] in written and ["时限", "其中：按期办结", 1] in written


def test_closed_records_without_a_completion_date_still_add_up(store: Store, admin: SignedIn,
                                                               leader: SignedIn) -> None:
    """A closed record without a completion date (none is written so today, but a synced or older record
    may lack it) is neither on time nor late; the three parts still make up the closed records."""
    promised = date(2026, 11, 10)
    for day in (date(2026, 11, 5), date(2026, 11, 12)):
        close(store, leader, register(store, leader, date(2026, 11, 2), promised), day)
    undated = register(store, leader, date(2026, 11, 2), promised)
    close(store, leader, undated, date(2026, 11, 6), rules.TRANSFERRED)
    with store.unit_of_work(leader.actor) as uow:
        record = uow.session.get(ServiceRecord, undated)
        assert record is not None
        uow.update(record, completed_on=None)
    stats = q.month_statistics(store, year=2026, month=11, today=TODAY)
    assert (stats.closed, stats.closed_on_time, stats.closed_late, stats.closed_undated) == (3, 1, 1, 1)
    assert ["时限", "其中：未记录办结日期", 1] in statistics_rows(stats)


# -- numbers typed into service texts ------------------------------------------------------------------

def test_numbers_typed_into_a_records_texts_are_exported_masked(store: Store, admin: SignedIn, leader: SignedIn,
                                                               tmp_path: Path) -> None:
    record_id = register(store, leader, date(2026, 11, 2), date(2026, 11, 20),
                         note=f"本人电话 {MOBILE}，代办人身份证 {ID_NUMBER}")
    services.change_status(store, leader.actor, record_id, status=rules.IN_PROGRESS,
                           note="已联系其女儿 139-1234-5678")
    services.change_status(store, leader.actor, record_id, status=rules.COMPLETED,
                           result=f"已发放，通知家属 {MOBILE}；身份证 {ID_NUMBER} 已核验",
                           completed_on=date(2026, 11, 9))
    view = q.get_record(store, record_id, today=TODAY)
    assert view is not None and MOBILE in view.result  # stored and read as typed (the editor sees it so)

    shown = view.redacted()
    assert shown.result == "已发放，通知家属 138****5678；身份证 110***********002X 已核验"
    assert shown.note == "本人电话 138****5678，代办人身份证 110***********002X"
    assert [step.note for step in shown.history] == ["", "已联系其女儿 139****5678", ""]
    assert view.result.startswith("已发放，通知家属 13812345678")  # the view itself is unchanged

    cells = record_cells(view)
    assert shown.result in cells and not [c for c in cells if MOBILE in str(c) or "19491231" in str(c)]
    with store.read() as session:
        views = q.list_records(session, today=TODAY)
    export_services_csv(tmp_path / "s.csv", views)
    export_services_xlsx(tmp_path / "s.xlsx", views, q.month_statistics(store, year=2026, month=11, today=TODAY))
    text = (tmp_path / "s.csv").read_text("utf-8-sig")
    assert "138****5678" in text and MOBILE not in text and "19491231" not in text
    rows = list(csv.reader(text.splitlines()))
    assert rows[1][9] == shown.result
    book = load_workbook(tmp_path / "s.xlsx")
    values = " ".join(str(c.value) for row in book["帮代办台账"].iter_rows() for c in row)
    assert "138****5678" in values and MOBILE not in values and "19491231" not in values
