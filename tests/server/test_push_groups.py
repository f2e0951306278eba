"""PushGroups, the group commit of the pushes waiting in one process: real threads, no database.

To make a group form deterministically, the apply function holds its first call (``Apply.hold``)
until the pushes meant to wait have been queued, one after the other (``Pushes.start`` waits for
each to be in the queue before starting the next, so the arrival order is the order of the calls).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gridstation.server.errors import ApiError
from gridstation.server.push_groups import GROUP_OPS, PushGroups

TIMEOUT = 10


class Refused(Exception):
    """An item's own refusal, returned by ``apply`` for it alone."""


class GroupFault(Exception):
    """Raised by ``apply``: the whole group fails."""


def answer_of(item: str) -> str:
    return f"answer of {item}"


class Apply:
    """An apply function that records its calls. Items in ``refuse`` get a ``Refused`` returned for
    them; a group holding an item of ``faulty`` raises ``GroupFault``. With ``hold``, the first
    ``hold`` calls wait for ``release`` (``entered`` is set when each starts)."""

    def __init__(self, *, hold: int = 0, refuse: frozenset[str] = frozenset(),
                 faulty: frozenset[str] = frozenset()) -> None:
        self.hold = hold
        self.refuse, self.faulty = refuse, faulty
        self.calls: list[list[str]] = []
        self.threads: list[str] = []  # the name of the thread that made each call
        self.applied: list[str] = []  # items of the calls that succeeded
        self.entered = [threading.Event() for _ in range(hold)]
        self.release = [threading.Event() for _ in range(hold)]
        self.errors: dict[str, Exception] = {}  # the exception returned or raised for each item
        self._inside = 0
        self.overlapped = False  # two calls ran at the same time

    def __call__(self, items: list[str]) -> list[str | Exception]:
        self._inside += 1
        try:
            if self._inside > 1:
                self.overlapped = True
            number = len(self.calls)
            self.calls.append(list(items))
            self.threads.append(threading.current_thread().name)
            if number < self.hold:
                self.entered[number].set()
                assert self.release[number].wait(TIMEOUT), "the test never released the held call"
            if any(item in self.faulty for item in items):
                error = GroupFault(f"group {items} fails")
                for item in items:
                    if item in self.faulty:
                        self.errors[item] = error
                raise error
            answers: list[str | Exception] = []
            for item in items:
                if item in self.refuse:
                    self.errors[item] = Refused(item)
                    answers.append(self.errors[item])
                else:
                    answers.append(answer_of(item))
                    self.applied.append(item)
            return answers
        finally:
            self._inside -= 1


def queued(groups: PushGroups[str]) -> int:
    """How many pushes wait in the queue (the one look inside PushGroups: a thread blocked in
    ``push`` cannot be observed otherwise)."""
    with groups._guard:
        return len(groups._queue)


def wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.0005)


class Pushes:
    """Pushes made from threads of their own, named after their item; each thread's outcome."""

    def __init__(self, groups: PushGroups[str]) -> None:
        self.groups = groups
        self.threads: dict[str, threading.Thread] = {}
        self.answers: dict[str, str] = {}
        self.errors: dict[str, BaseException] = {}

    def _push(self, item: str, size: int) -> None:
        try:
            self.answers[item] = self.groups.push(item, size)
        except Exception as exc:
            self.errors[item] = exc

    def start(self, item: str, size: int = 1, *, queued_before: int | None = None) -> threading.Thread:
        """Start ``item``'s push; with ``queued_before``, wait until it is queued behind that many."""
        thread = threading.Thread(target=self._push, args=(item, size), name=item, daemon=True)
        self.threads[item] = thread
        thread.start()
        if queued_before is not None:
            wait_until(lambda: queued(self.groups) == queued_before + 1, f"{item} is queued")
        return thread

    def queue(self, sizes: dict[str, int]) -> None:
        """Queue these pushes, in this order, behind a group being applied."""
        base = queued(self.groups)
        for n, (item, size) in enumerate(sizes.items()):
            self.start(item, size, queued_before=base + n)

    def join(self) -> None:
        for thread in self.threads.values():
            thread.join(TIMEOUT)
            assert not thread.is_alive(), f"the push of {thread.name} never returned"


@pytest.fixture
def held() -> Iterator[tuple[Apply, PushGroups[str], Pushes]]:
    """A PushGroups (max 7 ops) whose first group is held until ``apply.release[0]``; its push "first"
    (3 ops) is being applied."""
    apply = Apply(hold=1)
    groups = PushGroups(apply, max_ops=7)
    pushes = Pushes(groups)
    pushes.start("first", 3)
    assert apply.entered[0].wait(TIMEOUT)
    yield apply, groups, pushes
    for event in apply.release:  # never leave a thread blocked, whatever the test did
        event.set()
    pushes.join()


def test_a_lone_push_is_applied_at_once_and_the_next_one_too() -> None:
    apply = Apply()
    groups = PushGroups(apply)
    assert groups.push("a", 1) == answer_of("a")
    assert groups.push("b", 5) == answer_of("b")  # the queue went idle: the next push leads again
    assert apply.calls == [["a"], ["b"]]
    assert apply.threads == [threading.current_thread().name] * 2  # applied by the pushing thread itself


def test_the_pushes_waiting_during_a_group_are_applied_next_together_in_arrival_order(
        held: tuple[Apply, PushGroups[str], Pushes]) -> None:
    apply, groups, pushes = held
    pushes.queue({"c": 1, "a": 1, "b": 2})  # not alphabetical: arrival order is what counts
    assert apply.calls == [["first"]], "nothing else is applied while a group is"
    apply.release[0].set()
    pushes.join()
    assert apply.calls == [["first"], ["c", "a", "b"]]
    assert pushes.answers == {item: answer_of(item) for item in ("first", "c", "a", "b")}
    assert pushes.errors == {}
    # The thread whose push heads the group applies it; the others are handed their answers.
    assert apply.threads == ["first", "c"]
    assert groups.push("later", 1) == answer_of("later")  # idle again: applied alone, at once
    assert apply.calls[-1] == ["later"]


def test_a_group_holds_up_to_max_ops_and_never_lets_a_later_push_overtake(
        held: tuple[Apply, PushGroups[str], Pushes]) -> None:
    apply, _, pushes = held
    # max_ops is 7: b+c = 6 (d would make 9); d alone (e would make 8, and f may not jump ahead
    # of e although d+f = 4 would fit); then e+f = 6; then g = 7 exactly.
    pushes.queue({"b": 3, "c": 3, "d": 3, "e": 5, "f": 1, "g": 7})
    apply.release[0].set()
    pushes.join()
    assert apply.calls == [["first"], ["b", "c"], ["d"], ["e", "f"], ["g"]]
    assert apply.threads == ["first", "b", "d", "e", "g"]
    assert pushes.answers == {item: answer_of(item) for item in "first b c d e f g".split()}


def test_a_push_bigger_than_max_ops_is_applied_alone(held: tuple[Apply, PushGroups[str], Pushes]) -> None:
    apply, groups, pushes = held
    pushes.queue({"small": 2, "huge": 50, "after": 1, "tail": 1})
    apply.release[0].set()
    pushes.join()
    assert apply.calls == [["first"], ["small"], ["huge"], ["after", "tail"]]
    assert pushes.answers["huge"] == answer_of("huge")
    assert groups.push("huge again", 1000) == answer_of("huge again")  # also when it finds the queue idle
    assert apply.calls[-1] == ["huge again"]


def test_the_default_group_is_the_documented_size() -> None:
    apply = Apply(hold=1)
    groups = PushGroups(apply)
    pushes = Pushes(groups)
    pushes.start("first", 1)
    assert apply.entered[0].wait(TIMEOUT)
    pushes.queue({"a": GROUP_OPS - 1, "b": 1, "c": 1})
    apply.release[0].set()
    pushes.join()
    assert apply.calls == [["first"], ["a", "b"], ["c"]]


def test_an_item_refused_alone_raises_in_its_own_thread_and_the_group_is_applied_once() -> None:
    apply = Apply(hold=1, refuse=frozenset({"b"}))
    groups = PushGroups(apply, max_ops=10)
    pushes = Pushes(groups)
    pushes.start("first", 1)
    assert apply.entered[0].wait(TIMEOUT)
    pushes.queue({"a": 1, "b": 1, "c": 1})
    apply.release[0].set()
    pushes.join()
    assert apply.calls == [["first"], ["a", "b", "c"]]  # an answer that is an error is no group failure
    assert pushes.answers == {"first": answer_of("first"), "a": answer_of("a"), "c": answer_of("c")}
    assert set(pushes.errors) == {"b"}
    assert pushes.errors["b"] is apply.errors["b"]  # the very exception, raised in b's thread


def test_a_refused_leader_raises_its_error_and_still_hands_over() -> None:
    apply = Apply(hold=1, refuse=frozenset({"first"}))
    groups = PushGroups(apply, max_ops=10)
    pushes = Pushes(groups)
    pushes.start("first", 1)
    assert apply.entered[0].wait(TIMEOUT)
    pushes.queue({"a": 1, "b": 1})
    apply.release[0].set()
    pushes.join()
    assert pushes.errors == {"first": apply.errors["first"]}
    assert pushes.answers == {"a": answer_of("a"), "b": answer_of("b")}
    assert apply.calls == [["first"], ["a", "b"]]


def test_a_failed_group_is_applied_again_one_by_one_so_only_the_faulty_push_fails() -> None:
    apply = Apply(hold=1, faulty=frozenset({"bad"}))
    groups = PushGroups(apply, max_ops=10)
    pushes = Pushes(groups)
    pushes.start("first", 1)
    assert apply.entered[0].wait(TIMEOUT)
    pushes.queue({"a": 1, "bad": 2, "c": 1})
    apply.release[0].set()
    pushes.join()
    assert apply.calls == [["first"], ["a", "bad", "c"], ["a"], ["bad"], ["c"]]
    assert pushes.answers == {"first": answer_of("first"), "a": answer_of("a"), "c": answer_of("c")}
    assert set(pushes.errors) == {"bad"}
    assert isinstance(pushes.errors["bad"], GroupFault)
    assert pushes.errors["bad"] is apply.errors["bad"]  # the error of its own try, alone
    assert str(pushes.errors["bad"]) == "group ['bad'] fails"
    assert sorted(apply.applied) == ["a", "c", "first"]
    assert groups.push("later", 1) == answer_of("later")
    assert apply.calls[-1] == ["later"]


def test_a_failing_push_alone_raises_at_once_without_a_second_try() -> None:
    apply = Apply(faulty=frozenset({"bad"}))
    groups = PushGroups(apply)
    with pytest.raises(GroupFault, match=r"group \['bad'\] fails"):
        groups.push("bad", 1)
    assert apply.calls == [["bad"]]
    assert groups.push("good", 1) == answer_of("good")  # the failure left the queue idle
    assert apply.calls == [["bad"], ["good"]]


def test_a_failed_leader_of_a_group_retried_alone_gets_its_error_and_the_next_group_goes_on() -> None:
    apply = Apply(hold=1, faulty=frozenset({"bad"}))
    groups = PushGroups(apply, max_ops=2)
    pushes = Pushes(groups)
    pushes.start("first", 1)
    assert apply.entered[0].wait(TIMEOUT)
    pushes.queue({"bad": 1, "b": 1, "c": 1})
    apply.release[0].set()
    pushes.join()
    assert apply.calls == [["first"], ["bad", "b"], ["bad"], ["b"], ["c"]]
    assert set(pushes.errors) == {"bad"} and isinstance(pushes.errors["bad"], GroupFault)
    assert pushes.answers == {item: answer_of(item) for item in ("first", "b", "c")}
    assert apply.threads == ["first", "bad", "bad", "bad", "c"]  # the retries run in the leader's thread


def test_the_pushes_of_a_group_return_before_the_next_group_is_applied() -> None:
    """The thread of a finished group does not wait for the groups after it: it hands over."""
    apply = Apply(hold=2)
    groups = PushGroups(apply, max_ops=1)
    pushes = Pushes(groups)
    pushes.start("first", 1)
    assert apply.entered[0].wait(TIMEOUT)
    pushes.queue({"second": 1, "third": 1})
    apply.release[0].set()
    assert apply.entered[1].wait(TIMEOUT)  # "second" is held now, "third" waits behind it
    pushes.threads["first"].join(TIMEOUT)
    assert not pushes.threads["first"].is_alive()
    assert pushes.answers == {"first": answer_of("first")}
    assert pushes.threads["third"].is_alive()
    apply.release[1].set()
    pushes.join()
    assert apply.calls == [["first"], ["second"], ["third"]]
    assert apply.threads == ["first", "second", "third"]


def test_many_threads_at_once_each_get_their_own_answer_and_apply_never_overlaps() -> None:
    apply = Apply(refuse=frozenset({f"p{n}" for n in range(0, 60, 7)}))
    groups = PushGroups(apply, max_ops=9)
    pushes = Pushes(groups)
    start = threading.Barrier(60)
    sizes = {f"p{n}": 1 + n % 4 for n in range(60)}

    def run(item: str) -> None:
        start.wait(TIMEOUT)
        pushes._push(item, sizes[item])

    threads = [threading.Thread(target=run, args=(item,), name=item, daemon=True) for item in sizes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
        assert not thread.is_alive()
    assert not apply.overlapped
    assert sorted(apply.applied) == sorted(set(sizes) - apply.refuse)
    assert pushes.answers == {item: answer_of(item) for item in sizes if item not in apply.refuse}
    assert pushes.errors == {item: apply.errors[item] for item in apply.refuse}
    for call in apply.calls:
        assert len(call) == 1 or sum(sizes[item] for item in call) <= 9
    assert sorted(item for call in apply.calls for item in call) == sorted(sizes)  # each one once
    assert groups.push("after", 1) == answer_of("after")


def expected_groups(sizes: list[int], max_ops: int) -> list[list[int]]:
    """The groups, as indexes, that pushes of these sizes queued in this order form."""
    groups: list[list[int]] = []
    for index, size in enumerate(sizes):
        if groups and sum(sizes[i] for i in groups[-1]) + size <= max_ops:
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(max_ops=st.integers(1, 8),
       pushes_=st.lists(st.tuples(st.integers(1, 10), st.sampled_from(["ok", "ok", "refused", "faulty"])),
                        min_size=1, max_size=10))
def test_every_push_gets_exactly_its_own_answer_or_error(max_ops: int, pushes_: list[tuple[int, str]]) -> None:
    """Pushes of random sizes, some refused alone, some making their group fail, queued behind a held
    first push: the groups are as arrival order and max_ops make them; every good push is applied
    successfully exactly once; every thread gets its own answer or its own error."""
    items = [f"i{n}" for n in range(len(pushes_))]
    refuse = frozenset(item for item, (_, fate) in zip(items, pushes_, strict=True) if fate == "refused")
    faulty = frozenset(item for item, (_, fate) in zip(items, pushes_, strict=True) if fate == "faulty")
    apply = Apply(hold=1, refuse=refuse, faulty=faulty)
    groups = PushGroups(apply, max_ops=max_ops)
    pushes = Pushes(groups)
    pushes.start("head", 1)
    assert apply.entered[0].wait(TIMEOUT)
    try:
        pushes.queue({item: size for item, (size, _) in zip(items, pushes_, strict=True)})
    finally:
        apply.release[0].set()
        pushes.join()
    assert not apply.overlapped
    good = [item for item in items if item not in refuse | faulty]
    assert sorted(apply.applied) == sorted(["head", *good])  # each good push applied once, none twice
    assert pushes.answers == {item: answer_of(item) for item in ["head", *good]}
    assert set(pushes.errors) == refuse | faulty
    for item, error in pushes.errors.items():
        assert error is apply.errors[item]
        if item in faulty:  # its error is that of its try alone
            assert isinstance(error, GroupFault) and str(error) == f"group {[item]} fails"
        else:
            assert isinstance(error, Refused) and str(error) == item
    # The groups: arrival order and max_ops decide; a failed group is tried again item by item.
    sizes = [size for size, _ in pushes_]
    calls: list[list[str]] = [["head"]]
    for group in expected_groups(sizes, max_ops):
        members = [items[i] for i in group]
        calls.append(members)
        if len(members) > 1 and any(item in faulty for item in members):
            calls.extend([member] for member in members)
    assert apply.calls == calls


class Stop(BaseException):
    """Not an Exception: what SystemExit or KeyboardInterrupt would be in a leader's thread."""


def test_pushes_in_the_group_of_a_stopped_leader_are_told_to_send_again_and_the_queue_goes_on() -> None:
    started, release = threading.Event(), threading.Event()
    calls: list[list[str]] = []

    def apply(items: list[str]) -> list[str | Exception]:
        calls.append(list(items))
        if len(calls) == 1:
            started.set()
            assert release.wait(TIMEOUT)
        if "leader" in items:
            raise Stop
        return [answer_of(item) for item in items]

    groups = PushGroups(apply, max_ops=10)
    outcomes: dict[str, object] = {}

    def push(item: str) -> None:
        try:
            outcomes[item] = groups.push(item, 1)
        except BaseException as exc:  # the leader's Stop, and the others' refusals
            outcomes[item] = exc

    threads = [threading.Thread(target=push, args=("first",))]
    threads[0].start()
    assert started.wait(TIMEOUT)
    for n, item in enumerate(["leader", "other"]):
        threads.append(threading.Thread(target=push, args=(item,)))
        threads[-1].start()
        wait_until(lambda n=n: queued(groups) == n + 1, f"{item} is queued")
    release.set()
    for thread in threads:
        thread.join(TIMEOUT)
    assert calls == [["first"], ["leader", "other"]]
    assert isinstance(outcomes["leader"], Stop)
    refusal = outcomes["other"]
    assert isinstance(refusal, ApiError) and (refusal.status, refusal.error) == (503, "server_unavailable")
    assert groups.push("later", 1) == answer_of("later")  # the queue was left idle, not stuck
