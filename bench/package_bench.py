"""Package figures: the installed size of the .deb, and the installed (frozen) app's start-up time
beside the same start from the source tree, to the login window on the bench's station database.

Both starts are ``gridstation --data-dir D --startup-probe`` (the real start-up sequence; the
probe prints "login" once the login window shows, and quits), timed from spawning the process to
that line exactly as ``startup.py`` times its probe, interleaved, median of ``startup.RUNS``.
Uses the newest ``dist/gridstation_<version>-*.deb`` (``make package``), unpacked into a temporary
directory with ``dpkg-deb -x``; without one it prints a single line saying so and measures nothing.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import startup

from gridstation import __version__

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
GOAL_RATIO = 2


def find_deb() -> Path | None:
    """The newest .deb of this version in dist/, or None."""
    debs = sorted(DIST.glob(f"gridstation_{__version__}-*.deb"), key=lambda p: p.stat().st_mtime)
    return debs[-1] if debs else None


def _tree_bytes(root: Path) -> int:
    return sum(p.lstat().st_size for p in root.rglob("*") if not p.is_dir())


def run(data_dir: Path) -> Iterator[dict[str, object]]:
    """``data_dir``: the bench's station (``dataset.build_station``), opened by both starts."""
    deb = find_deb()
    if deb is None or shutil.which("dpkg-deb") is None:
        reason = "no dist/gridstation_*.deb: run `make package` first" if deb is None else "dpkg-deb missing"
        yield {"name": "package_bench", "skipped": reason}
        return
    with tempfile.TemporaryDirectory(prefix="gridstation-package-bench-") as tmp:
        root = Path(tmp)
        subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
        installed = _tree_bytes(root)
        probe = ["--data-dir", str(data_dir), "--startup-probe"]
        frozen_cmd = [str(root / "opt" / "gridstation" / "gridstation"), *probe]
        source_cmd = [sys.executable, str(ROOT / "main.py"), *probe]
        frozen, source = [], []
        for _ in range(startup.RUNS):  # interleaved, so machine noise hits both alike
            frozen.append(startup.timed_command(frozen_cmd)[0])
            source.append(startup.timed_command(source_cmd)[0])
    frozen_s, source_s = statistics.median(frozen), statistics.median(source)
    note = f"{deb.name}; median of {startup.RUNS} runs to the login window, {startup.RECORDS:,} diary items"
    yield {"name": "package_installed_mb", "value": round(installed / 2**20, 1), "unit": "MiB",
           "note": f"{deb.name} unpacked; the .deb itself is {deb.stat().st_size / 2**20:.1f} MiB"}
    yield {"name": "package_frozen_startup_s", "value": round(frozen_s, 3), "unit": "s", "note": note}
    yield {"name": "package_unfrozen_startup_s", "value": round(source_s, 3), "unit": "s",
           "note": f"python main.py from the source tree; {note}"}
    yield {"name": "package_frozen_startup_ratio", "value": round(frozen_s / source_s, 2), "unit": "x",
           "goal": f"<= {GOAL_RATIO}"}
