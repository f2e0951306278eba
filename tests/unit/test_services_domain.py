"""Service rules without a database: working days, promised dates, the status machine, catalogue
documents, overdue and due-soon."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gridstation.domain import services as rules
from gridstation.domain.errors import ValidationError
from gridstation.domain.working_days import (
    ADJUSTED_WORKDAYS,
    HOLIDAYS,
    add_working_days,
    is_working_day,
    working_days_between,
)
from gridstation.resources import resource_path

days_2025_2027 = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 11, 30))


def test_weekends_holidays_and_adjusted_workdays() -> None:
    assert is_working_day(date(2026, 11, 27))  # a Friday
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert not is_working_day(date(2026, 10, 5))  # National Day week, a Monday
    assert is_working_day(date(2026, 10, 10))  # Saturday worked in lieu
    assert not is_working_day(date(2026, 2, 17))  # Spring Festival
    assert not is_working_day(date(2025, 1, 1))
    assert not (HOLIDAYS & ADJUSTED_WORKDAYS)
    assert all(d.weekday() >= 5 for d in ADJUSTED_WORKDAYS)


def test_promised_dates_over_weekends_and_holidays() -> None:
    friday = date(2026, 11, 27)
    assert rules.promised_date(friday, 1, "working") == date(2026, 11, 30)
    assert rules.promised_date(friday, 5, "working") == date(2026, 12, 4)
    assert rules.promised_date(friday, 0, "working") == friday
    assert rules.promised_date(friday, 3, "calendar") == date(2026, 11, 30)
    # Received on 30 September 2026: 1–7 October are holidays, 10 October (Saturday) is worked.
    assert rules.promised_date(date(2026, 9, 30), 1, "working") == date(2026, 10, 8)
    assert rules.promised_date(date(2026, 9, 30), 3, "working") == date(2026, 10, 10)
    with pytest.raises(ValueError):
        rules.promised_date(friday, 1, "lunar")


@given(days_2025_2027, st.integers(min_value=0, max_value=60))
def test_promised_working_date_properties(received: date, days: int) -> None:
    promised = rules.promised_date(received, days, "working")
    assert promised >= received
    assert working_days_between(received, promised) == days
    if days:
        assert is_working_day(promised)
        # never more than the days plus every weekend and holiday on the way
        assert (promised - received).days <= days * 7 // 5 + 12
    # one more working day lands strictly later, on a working day
    later = add_working_days(received, days + 1)
    assert later > promised and is_working_day(later)


@given(days_2025_2027, st.integers(min_value=0, max_value=365))
def test_calendar_limit_is_plain_addition(received: date, days: int) -> None:
    assert rules.promised_date(received, days, "calendar") - received == timedelta(days=days)


@given(st.sampled_from(sorted(rules.STATUSES)), days_2025_2027, st.integers(min_value=-30, max_value=30))
def test_overdue_and_due_soon_exclude_each_other(status: str, promised: date, offset: int) -> None:
    today = promised + timedelta(days=offset)
    overdue = rules.is_overdue(status, promised, today)
    soon = rules.is_due_soon(status, promised, today)
    assert not (overdue and soon)
    if status in rules.CLOSED_STATUSES:
        assert not overdue and not soon and rules.deadline_state(status, promised, today) == ""
    else:
        assert overdue == (offset > 0)
        assert soon == (-rules.DUE_SOON_DAYS <= offset <= 0)


def test_status_machine() -> None:
    rules.check_transition(rules.ACCEPTED, rules.IN_PROGRESS, result="")
    rules.check_transition(rules.IN_PROGRESS, rules.COMPLETED, result="已办结，津贴按月发放")
    rules.check_transition(rules.ACCEPTED, rules.TRANSFERRED, result="转区民政局")
    with pytest.raises(ValidationError) as closed_without_result:
        rules.check_transition(rules.IN_PROGRESS, rules.COMPLETED, result="  ")
    assert closed_without_result.value.field == "result"
    for final in rules.CLOSED_STATUSES:
        with pytest.raises(ValidationError) as reopened:
            rules.check_transition(final, rules.IN_PROGRESS, result="x")
        assert reopened.value.field == "status"
    with pytest.raises(ValidationError):
        rules.check_transition(rules.IN_PROGRESS, rules.ACCEPTED, result="")


def test_dates_validated_with_field_names() -> None:
    today = date(2026, 11, 27)
    with pytest.raises(ValidationError) as before:
        rules.check_dates(today, today - timedelta(days=1), today)
    assert before.value.field == "promised_on" and "before the date received" in str(before.value)
    with pytest.raises(ValidationError) as future:
        rules.check_dates(today + timedelta(days=1), today + timedelta(days=3), today)
    assert future.value.field == "received_on"


@pytest.mark.parametrize(("field_name", "words"), [("result", "The result"), ("note", "The note"),
                                                     ("resident_name", "The resident's name")])
def test_refused_text_names_the_field_in_words_not_its_code(field_name: str, words: str) -> None:
    with pytest.raises(ValidationError) as long:
        rules.clean_text("字" * (rules.MAX_TEXT + 1), field_name)
    assert long.value.field == field_name  # the form still finds the field by its code name
    assert str(long.value) == f"{words} is too long: at most 1000 characters, 1001 entered."
    assert long.value.params["label"] == words  # a marked text (Errors), translated when shown
    with pytest.raises(ValidationError) as control:
        rules.clean_text("办结\x07", field_name)
    assert str(control.value) == f"{words} holds control characters; please retype it."
    assert rules.clean_text("  " + "字" * rules.MAX_TEXT + "\n", field_name) == "字" * rules.MAX_TEXT  # stripped first


def _item(**overrides: object) -> dict[str, object]:
    item: dict[str, object] = {"code": "X1", "name": "高龄津贴", "category": "养老", "department": "区民政局",
                               "level": "区", "materials": ["居民身份证"], "time_limit": {"days": 5, "kind": "working"},
                               "proxy": True}
    item.update(overrides)
    return item


def test_seeded_catalogue_has_33_items_in_11_categories() -> None:
    doc = rules.parse_catalogue(json.loads(resource_path("catalogue", "catalogue.json").read_text("utf-8")))
    assert doc.version == 1 and len(doc.items) == 33
    assert len({i.category for i in doc.items}) == 11
    assert len({i.code for i in doc.items}) == 33


@pytest.mark.parametrize(("document", "message"), [
    ([], "not a JSON object"),
    ({"version": 0, "items": [_item()]}, "version"),
    ({"version": 1, "items": []}, "non-empty list"),
    ({"version": 2, "items": [_item(), _item()]}, "used twice"),
    ({"version": 2, "items": [_item(time_limit={"days": -1, "kind": "working"})]}, "time_limit"),
    ({"version": 2, "items": [_item(time_limit={"days": 3, "kind": "lunar"})]}, "time_limit"),
    ({"version": 2, "items": [_item(proxy="yes")]}, "proxy"),
    ({"version": 2, "items": [_item(name="")]}, "\"name\""),
    ({"version": 2, "items": [_item(materials="身份证")]}, "materials"),
])
def test_bad_catalogue_documents_name_the_problem(document: object, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        rules.parse_catalogue(document)
    assert refused.value.field == "catalogue"
    assert message in str(refused.value)


def test_materials_checked_against_the_item() -> None:
    item = rules.parse_catalogue({"version": 1, "items": [_item(materials=["居民身份证", "户口簿", "照片"])]}).items[0]
    assert rules.check_materials(["照片", "居民身份证"], item) == ("居民身份证", "照片")
    with pytest.raises(ValidationError) as unknown:
        rules.check_materials(["结婚证"], item)
    assert unknown.value.field == "materials"
    with pytest.raises(ValidationError) as retired:
        rules.check_item_available("X1", item, retired=True)
    assert retired.value.field == "item_code" and "retired" in str(retired.value)
    with pytest.raises(ValidationError, match="not in the catalogue"):
        rules.check_item_available("X9", None, retired=False)
