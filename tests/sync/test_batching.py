"""The station's batch size: small first, doubled while the district answers quickly (quadrupled
while it answers at once), halved when it answers slowly, always between its bounds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gridstation.sync.batching import AT_ONCE_S, QUICK_S, SMALLEST, TARGET_S, BatchSizer

FAST, AT_ONCE, SLOW = (AT_ONCE_S + QUICK_S) / 2, AT_ONCE_S / 2, TARGET_S * 2


def _sizes(answers: int, seconds: float) -> list[int]:
    """The sizes of a new sizer's first batches, each full and answered in ``seconds``."""
    sizer = BatchSizer(500)
    sizes = []
    for _ in range(answers):
        sizes.append(sizer.size)
        sizer.answered(sizer.size, seconds)
    return sizes


def test_a_station_starts_small_and_reaches_the_largest_batch_while_answers_are_quick() -> None:
    assert _sizes(6, FAST) == [SMALLEST, 100, 200, 400, 500, 500]


def test_answers_given_at_once_quadruple_the_batches() -> None:
    assert _sizes(4, AT_ONCE) == [SMALLEST, 200, 500, 500]


def test_slow_answers_halve_the_batches_down_to_the_smallest() -> None:
    sizer = BatchSizer(500)
    for _ in range(4):
        sizer.answered(sizer.size, FAST)
    assert sizer.size == 500
    sizer.answered(500, SLOW)
    assert sizer.size == 250
    for _ in range(5):
        sizer.answered(sizer.size, SLOW)
    assert sizer.size == SMALLEST


def test_an_answer_neither_quick_nor_slow_keeps_the_size() -> None:
    sizer = BatchSizer(500)
    sizer.answered(SMALLEST, TARGET_S * 0.75)
    assert sizer.size == SMALLEST


def test_a_short_batch_answered_quickly_does_not_grow_the_next() -> None:
    """The last entries of a backlog say nothing about how long a full batch takes."""
    sizer = BatchSizer(500)
    sizer.answered(3, AT_ONCE)
    assert sizer.size == SMALLEST


def test_a_smaller_batch_picked_earlier_grows_the_next_at_its_pace() -> None:
    """The batches picked while the first was on its way are as small as it; answered at once,
    each says a full batch would be too, and the size keeps growing."""
    sizer = BatchSizer(500)
    sizer.answered(SMALLEST, AT_ONCE)
    assert sizer.size == 200
    sizer.answered(SMALLEST, AT_ONCE / 8)  # a batch of 200 would take half of AT_ONCE_S at this pace
    assert sizer.size == 500
    sizer = BatchSizer(500)
    sizer.answered(SMALLEST, AT_ONCE)
    sizer.answered(SMALLEST, FAST)  # at this pace a batch of 200 would take four times as long: not quick
    assert sizer.size == 200


def test_a_largest_batch_below_the_smallest_is_kept_as_it_is() -> None:
    sizer = BatchSizer(3)  # as tests and a cautious setting ask
    assert sizer.size == 3
    sizer.answered(3, FAST)
    sizer.answered(3, SLOW)
    assert sizer.size == 3


def test_a_batch_of_no_entries_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one"):
        BatchSizer(0)


@given(largest=st.integers(1, 2000),
       answers=st.lists(st.tuples(st.integers(0, 2000), st.floats(0, 10, allow_nan=False)), max_size=40))
def test_the_size_stays_within_its_bounds(largest: int, answers: list[tuple[int, float]]) -> None:
    sizer = BatchSizer(largest)
    for entries, seconds in answers:
        before = sizer.size
        sizer.answered(entries, seconds)
        assert min(SMALLEST, largest) <= sizer.size <= largest
        assert sizer.size in (before, max(sizer.smallest, before // 2), min(largest, before * 2),
                              min(largest, before * 4))


def test_a_limit_from_the_district_raises_or_lowers_the_largest_batch() -> None:
    """A district that takes larger batches says so in its answers: the size goes on growing to
    the new largest; one that takes fewer cuts the size reached down to what it takes."""
    sizer = BatchSizer(500)
    for _ in range(3):
        sizer.answered(sizer.size, AT_ONCE)
    assert sizer.size == 500
    sizer.limit(1000)
    assert sizer.size == 500  # nothing sent yet says a batch of 1000 is quick
    sizer.answered(500, AT_ONCE)
    assert sizer.size == 1000
    sizer.limit(300)
    assert (sizer.size, sizer.largest) == (300, 300)
    sizer.answered(300, AT_ONCE)
    assert sizer.size == 300
    sizer.limit(20)
    assert (sizer.size, sizer.smallest) == (20, 20)


@given(largest=st.integers(1, 2000), limits=st.lists(st.integers(1, 2000), max_size=5),
       answers=st.lists(st.tuples(st.integers(0, 2000), st.floats(0, 10, allow_nan=False)), max_size=20))
def test_the_size_stays_within_the_latest_limit(largest: int, limits: list[int],
                                                answers: list[tuple[int, float]]) -> None:
    sizer = BatchSizer(largest)
    bound = largest
    for n, (entries, seconds) in enumerate(answers):
        if n < len(limits):
            sizer.limit(limits[n])
            bound = limits[n]
        sizer.answered(entries, seconds)
        assert min(SMALLEST, bound) <= sizer.size <= bound
