"""The push lock of a server process is taken in the order it was asked for."""

from __future__ import annotations

import signal
import threading
import time

import pytest

from gridstation.server.fifo_lock import FifoLock


def _wait_until(condition) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.001)


def test_waiters_get_the_lock_in_arrival_order_and_one_at_a_time() -> None:
    lock = FifoLock()
    order: list[int] = []
    inside = 0
    most_inside = 0
    counter = threading.Lock()

    def take(n: int) -> None:
        nonlocal inside, most_inside
        with lock:
            with counter:
                inside += 1
                most_inside = max(most_inside, inside)
            order.append(n)
            time.sleep(0.002)
            with counter:
                inside -= 1

    threads = []
    with lock:  # held while twelve threads line up, one after the other
        for n in range(12):
            thread = threading.Thread(target=take, args=(n,))
            thread.start()
            threads.append(thread)
            _wait_until(lambda n=n: len(lock._waiting) == n + 1)
    for thread in threads:
        thread.join(10)
    assert order == list(range(12))
    assert most_inside == 1


def test_the_lock_is_free_again_after_an_exception() -> None:
    lock = FifoLock()
    try:
        with lock:
            raise ValueError("a push failed")
    except ValueError:
        pass
    taken = threading.Event()
    thread = threading.Thread(target=lambda: (lock.__enter__(), taken.set(), lock.__exit__(None, None, None)))
    thread.start()
    assert taken.wait(5)
    thread.join(5)


def test_a_waiter_interrupted_by_an_exception_leaves_the_queue() -> None:
    """A signal handler raising in a thread that waits for the lock: the lock does not stay
    promised to it (which would leave every later push waiting forever)."""
    lock = FifoLock()
    release = threading.Event()
    held = threading.Event()

    def holder() -> None:
        with lock:
            held.set()
            release.wait(10)

    thread = threading.Thread(target=holder)
    thread.start()
    assert held.wait(5)

    def interrupt(_signum: int, _frame: object) -> None:
        raise TimeoutError("stopped waiting")

    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        with pytest.raises(TimeoutError), lock:  # the main thread waits until the timer interrupts it
            pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert not lock._waiting
    release.set()
    thread.join(5)
    taken = threading.Event()
    other = threading.Thread(target=lambda: (lock.__enter__(), taken.set(), lock.__exit__(None, None, None)))
    other.start()
    assert taken.wait(5), "the lock stayed with the interrupted waiter"
    other.join(5)
