"""The diary's time field: the ways a grid leader types a time, and what it keeps for the message."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gridstation.ui.diary.item_editor import normalize_time


@given(st.integers(0, 23), st.integers(0, 59))
def test_every_way_of_typing_a_time_gives_hh_mm(hours: int, minutes: int) -> None:
    expected = f"{hours:02d}:{minutes:02d}"
    for typed in (f"{hours}{minutes:02d}", f"{hours}:{minutes:02d}", f"{hours}.{minutes:02d}",
                  f"{hours}：{minutes:02d}", f" {hours:02d}{minutes:02d} "):
        assert normalize_time(typed) == expected, typed


def test_what_is_no_time_stays_as_typed_for_the_message() -> None:
    for typed in ("9999", "25:00", "12:60", "24:00", "ab"):
        assert normalize_time(typed) == typed
    assert normalize_time("9") == "09:00"
