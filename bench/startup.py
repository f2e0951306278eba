"""Start-up figures: cold start to the login window and login to the main window, on a station
database of 100,000 records, beside a minimal PySide6 window started in the same run."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from gridstation.db.demo import DEMO_PASSWORD

HERE = Path(__file__).parent
RECORDS = 100_000
RUNS = 5


def _env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join([str(HERE.parent), env.get("PYTHONPATH", "")])
    return env


def _timed_run(args: list[str]) -> tuple[float, list[str]]:
    """Seconds from spawning a Python script to its first output line, and all its lines."""
    return timed_command([sys.executable, *args])


def timed_command(command: list[str]) -> tuple[float, list[str]]:
    """Seconds from spawning ``command`` to its first output line, and all its lines."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=_env())
    assert proc.stdout is not None
    first = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    rest = proc.stdout.read().splitlines()
    if proc.wait(timeout=120) != 0 or not first:
        raise RuntimeError(f"{' '.join(command)} failed (exit {proc.returncode})")
    return elapsed, [first.strip(), *rest]


def run(data_dir: Path) -> Iterator[dict[str, object]]:
    """``data_dir``: a station with ``RECORDS`` diary items (``dataset.build_station``)."""
    floor, login, main = [], [], []
    for _ in range(RUNS):  # interleaved, so machine noise hits both alike
        floor.append(_timed_run([str(HERE / "floor_window.py")])[0])
        elapsed, lines = _timed_run([str(HERE / "startup_probe.py"), str(data_dir), "wangfang", DEMO_PASSWORD])
        login.append(elapsed)
        main.append(float(lines[-1].split()[1]))
    floor_s, login_s, main_s = (statistics.median(v) for v in (floor, login, main))
    note = f"median of {RUNS} runs, {RECORDS:,} diary items"
    yield {"name": "startup_login_s", "value": round(login_s, 3), "unit": "s", "note": note}
    yield {"name": "startup_main_s", "value": round(main_s, 3), "unit": "s",
           "note": f"{note}; from pressing sign-in (store already open) to the painted main window"}
    yield {"name": "startup_floor_s", "value": round(floor_s, 3), "unit": "s", "note": "minimal PySide6 window"}
    yield {"name": "startup_ratio", "value": round(login_s / floor_s, 2), "unit": "x", "goal": "<= 3"}
