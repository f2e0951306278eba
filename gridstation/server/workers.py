"""Several server processes on one port, each with a listening socket of its own.

uvicorn's ``--workers`` shares one listening socket: whichever process wakes first takes the
connection, and a station keeps its connection for every batch of a sync. When 125 stations
connected at once, one of two processes got 89 of them (another run: four fifths of the work),
and the stations on it waited while the other process idled. Here every process binds the port
with ``SO_REUSEPORT``, and the kernel spreads new connections over the processes evenly (by a
hash of the connection's addresses). Where the option does not exist (Windows, macOS spreads
nothing) ``serve`` keeps uvicorn's own workers.

The parent process only supervises: it restarts a worker that died (waiting longer each time a
replacement fails before it is ready), stops them all on SIGTERM or Ctrl+C, and gives up with an
error when a worker of the first start cannot get ready (bad certificate, unreachable database).

Logging: given the log directory, every worker logs where a single-process server does, to the same
file (``gridstation.log``, appended to) and its warnings to stderr. Only the supervisor rotates that
file, checking its size on each round of supervision; a worker reopens the file when it finds it
rotated (``gridstation.log.setup_logging(rotate=False)``). One file keeps the lines of all processes
in the order they happened, and a replacement worker carries on where the one before it stopped.
(A file may grow past its limit by what the workers write between two checks, 0.2 s apart.)
"""

from __future__ import annotations

import ctypes
import errno
import logging
import multiprocessing
import os
import signal
import socket
import sys
import time
from collections.abc import Callable
from multiprocessing.context import SpawnProcess
from pathlib import Path
from typing import Any

from gridstation.log import LOG_FILE, rotate_if_due, setup_logging

log = logging.getLogger(__name__)
_BACKLOG = 2048
_STOP_TIMEOUT_S = 20  # for all workers together to finish their requests on SIGTERM
_PR_SET_PDEATHSIG = 1  # linux/prctl.h
_RESTART_DELAYS_S = (0.5, 1, 2, 5, 10, 30)  # between starts of a worker that keeps failing before it is ready


def available() -> bool:
    """Whether the kernel balances connections over sockets bound to one port (Linux)."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port`` that other processes of this user may bind too.
    Raises OSError (port taken by another program, unknown address) with the system's message."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if hasattr(socket, "SO_REUSEPORT"):  # not on Windows, where ``port_taken`` checks the port too
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host.strip("[]"), port))
        sock.listen(_BACKLOG)
    except OSError:
        sock.close()
        raise
    return sock


def port_taken(host: str, port: int) -> OSError | None:
    """Why serving ``host``:``port`` is not possible: another program holds the port, or a server
    (another GridStation server too, which SO_REUSEPORT would let share it) answers there."""
    try:
        with socket.create_connection((host.strip("[]"), port), timeout=1):
            return OSError(errno.EADDRINUSE, "a server is already listening there")
    except OSError:
        pass
    try:
        bind(host, port).close()
    except OSError as exc:
        return exc
    return None


def _work(config: dict[str, Any], host: str, port: int, parent: int, ready: Any, log_dir: Path | None) -> None:
    """One worker process: its own socket, one uvicorn server (which stops on SIGTERM/SIGINT, and
    is sent SIGTERM when the supervising process ends, even by SIGKILL: no worker outlives it).
    ``ready`` is set once the app is loaded and the socket bound. ``log_dir``: log there, leaving
    rotation to the supervisor."""
    if log_dir is not None:
        setup_logging(log_dir, rotate=False)
    import uvicorn

    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the supervisor ended before the line above
        return
    server_config = uvicorn.Config(**config)
    server_config.load()  # the app, TLS files: an error here ends the worker before it is ready
    sock = bind(host, port)
    ready.set()
    uvicorn.Server(server_config).run(sockets=[sock])


class WorkerFailed(RuntimeError):
    """A worker of the first start ended before it was ready; restarting it would repeat that."""


class _Slot:
    """One worker place: its process, whether it got ready, and when to start the next."""

    def __init__(self) -> None:
        self.process: SpawnProcess | None = None
        self.ready: Any = None
        self.failures = 0  # replacements in a row that ended before they were ready
        self.start_at = 0.0


def run(config: dict[str, Any], *, host: str, port: int, workers: int, log_dir: Path | None = None) -> None:
    """Serve ``config`` (keyword arguments of ``uvicorn.Config``) with ``workers`` processes until
    SIGTERM or SIGINT (check ``port_taken`` first). Raises WorkerFailed when a worker of the first
    start ends before it is ready.

    ``log_dir``: the workers log there (``gridstation.log``), and this process, which should have
    set up logging to it with rotation, rotates the file for all of them."""
    context = multiprocessing.get_context("spawn")
    stopping = False

    def start(slot: _Slot) -> None:
        ready = context.Event()
        process = context.Process(target=_work, args=(config, host, port, os.getpid(), ready, log_dir),
                                  name="gridstation-server-worker")
        process.start()  # may raise (no memory, no working directory): the slot keeps only started ones
        slot.process, slot.ready = process, ready

    def stop(_signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True  # only a flag: a handler must not take locks the main thread may hold

    previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGTERM, signal.SIGINT)}
    slots = [_Slot() for _ in range(workers)]
    first_round = True
    try:
        for slot in slots:
            start(slot)
        while not stopping:
            time.sleep(0.2)
            rotate_if_due()
            for slot in slots:
                _tend(slot, first_round, start, lambda: stopping, log_dir)
            first_round = first_round and not all(slot.ready is not None and slot.ready.is_set() for slot in slots)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        _stop_all([slot.process for slot in slots if slot.process is not None])


def _tend(slot: _Slot, first_round: bool, start: Callable[[_Slot], None], stopping: Callable[[], bool],
          log_dir: Path | None) -> None:
    """Start the slot's worker again when it ended (after a pause when its last ones never got
    ready); raise WorkerFailed when a worker of the first start ended before it was ready."""
    if slot.process is None:
        if time.monotonic() >= slot.start_at and not stopping():
            start(slot)
        return
    if slot.process.is_alive() or stopping():
        return
    was_ready = slot.ready.is_set()
    code = slot.process.exitcode
    if not was_ready and first_round and (code or 0) > 0:  # it gave up by itself (a signal is no verdict)
        where = f"above and in {log_dir / LOG_FILE}" if log_dir is not None else "above"
        raise WorkerFailed(f"a server worker ended with code {code} before it was ready; its reason is {where}")
    slot.failures = 0 if was_ready else slot.failures + 1
    delay = _RESTART_DELAYS_S[min(slot.failures, len(_RESTART_DELAYS_S)) - 1] if slot.failures else 0.0
    log.error("server worker %s ended with code %s; starting another%s", slot.process.pid, code,
              f" in {delay:g} s" if delay else "")
    slot.process = None
    slot.start_at = time.monotonic() + delay
    _tend(slot, first_round, start, stopping, log_dir)


def _stop_all(processes: list[SpawnProcess]) -> None:
    """SIGTERM to every worker (uvicorn finishes the requests it has), SIGKILL to those still
    running when ``_STOP_TIMEOUT_S`` is up."""
    for process in processes:
        if process.is_alive():
            process.terminate()
    deadline = time.monotonic() + _STOP_TIMEOUT_S
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
    for process in processes:
        if process.is_alive():
            process.kill()
            process.join()
