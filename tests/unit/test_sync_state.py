"""The station's note of its own pushed changes (``sync_state.own_changes``)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from gridstation.db.store import Store
from gridstation.sync.protocol import MAX_OWN_RANGES
from gridstation.sync.state import add_own_changes, keep_own_changes_after, load_settings, write_values


def _note(store: Store, *ranges: tuple[int, int]) -> tuple[tuple[int, int], ...]:
    with store.write() as session:
        for first, last in ranges:
            add_own_changes(session, first, last)
    return load_settings(store).own_changes


def test_a_range_that_continues_the_last_extends_it(store: Store) -> None:
    assert _note(store, (1, 5), (6, 9)) == ((1, 9),)
    assert _note(store, (12, 14)) == ((1, 9), (12, 14))


def test_only_the_latest_ranges_are_kept(store: Store) -> None:
    kept = _note(store, *[(n * 10, n * 10 + 1) for n in range(1, MAX_OWN_RANGES + 6)])
    assert len(kept) == MAX_OWN_RANGES and kept[0] == (60, 61) and kept[-1][0] == (MAX_OWN_RANGES + 5) * 10


def test_a_pull_forgets_the_ranges_it_passed(store: Store) -> None:
    _note(store, (1, 5), (8, 9), (12, 20))
    with store.write() as session:
        keep_own_changes_after(session, 9)
    assert load_settings(store).own_changes == ((12, 20),)


def test_an_unreadable_note_only_means_nothing_is_left_out(store: Store) -> None:
    with store.write() as session:
        write_values(session, own_changes="not json")
    assert load_settings(store).own_changes == ()
    assert _note(store, (3, 4)) == ((3, 4),)
    with store.write() as session:
        session.execute(text("UPDATE sync_state SET value = '[[1]]' WHERE key = 'own_changes'"))
    assert load_settings(store).own_changes == ()


@settings(deadline=None, max_examples=40)  # each example opens a real station database
@given(st.lists(st.integers(1, 50), min_size=1, max_size=30))
def test_merged_ranges_cover_exactly_the_noted_numbers(sizes: list[int]) -> None:
    """Merging never covers a number no push gave, nor loses one of the latest ranges."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp)) as store:
        noted: list[tuple[int, int]] = []
        start = 1
        for index, size in enumerate(sizes):
            gap = index % 3  # some pushes follow on, others leave numbers of other stations between
            noted.append((start + gap, start + gap + size - 1))
            start += gap + size
        kept = _note(store, *noted)
        covered = {n for first, last in kept for n in range(first, last + 1)}
        assert covered == {n for first, last in noted for n in range(first, last + 1)}
