"""Several server processes on one port, each with a listening socket of its own.

uvicorn's ``--workers`` shares one listening socket: whichever process wakes first takes the
connection, and a station keeps its connection for every batch of a sync. When 125 stations
connected at once, one of two processes got 89 of them (another run: four fifths of the work),
and the stations on it waited while the other process idled. Here every process binds the port
with ``SO_REUSEPORT``, and the kernel spreads new connections over the processes evenly (by a
hash of the connection's addresses). Where the option does not exist (Windows, macOS spreads
nothing) ``serve`` keeps uvicorn's own workers.

The parent process only supervises: it restarts a worker that died, and stops them all on
SIGTERM or Ctrl+C.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import socket
import sys
import threading
import time
from multiprocessing.context import SpawnProcess
from typing import Any

log = logging.getLogger(__name__)
_BACKLOG = 2048
_STOP_TIMEOUT_S = 20
_PR_SET_PDEATHSIG = 1  # linux/prctl.h
_SETTLE_S = 5  # a worker that exits with an error sooner after its start cannot start (certificate, database)


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
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host.strip("[]"), port))
        sock.listen(_BACKLOG)
    except OSError:
        sock.close()
        raise
    return sock


def _work(config: dict[str, Any], host: str, port: int, parent: int) -> None:
    """One worker process: its own socket, one uvicorn server (which stops on SIGTERM/SIGINT, and
    is sent SIGTERM when the supervising process ends, even by SIGKILL: no worker outlives it)."""
    import uvicorn

    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the supervisor ended before the line above
        return
    sock = bind(host, port)
    uvicorn.Server(uvicorn.Config(**config)).run(sockets=[sock])


class WorkerFailed(RuntimeError):
    """A worker process ended right after its start; restarting it would only repeat that."""


def run(config: dict[str, Any], *, host: str, port: int, workers: int) -> None:
    """Serve ``config`` (keyword arguments of ``uvicorn.Config``) with ``workers`` processes until
    SIGTERM or SIGINT. The port is tried here first, so that a port in use is one clear error.
    Raises WorkerFailed when a worker ends within seconds of its start."""
    bind(host, port).close()
    context = multiprocessing.get_context("spawn")
    stopping = threading.Event()
    started: dict[int, float] = {}

    def start() -> SpawnProcess:
        process = context.Process(target=_work, args=(config, host, port, os.getpid()),
                                  name="gridstation-server-worker")
        process.start()
        started[id(process)] = time.monotonic()
        return process

    def stop(_signum: int, _frame: object) -> None:
        stopping.set()

    previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGTERM, signal.SIGINT)}
    processes = [start() for _ in range(workers)]
    try:
        while not stopping.wait(0.5):
            for n, process in enumerate(processes):
                if process.is_alive() or stopping.is_set():
                    continue
                quick = time.monotonic() - started.pop(id(process)) < _SETTLE_S
                if quick and (process.exitcode or 0) > 0:  # it gave up by itself (a signal is no verdict)
                    raise WorkerFailed(f"a server worker ended with code {process.exitcode} as it started; "
                                       "its reason is in the log above")
                log.error("server worker %s ended with code %s; starting another", process.pid, process.exitcode)
                processes[n] = start()
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()  # SIGTERM: uvicorn finishes the requests it has, then exits
        for process in processes:
            process.join(_STOP_TIMEOUT_S)
            if process.is_alive():
                process.kill()
                process.join()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
