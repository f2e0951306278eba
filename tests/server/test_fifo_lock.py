"""The push lock of a server process is taken in the order it was asked for."""

from __future__ import annotations

import threading
import time

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
