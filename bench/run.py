"""Run every benchmark; print one JSON object per figure, each with its same-run baseline.

The station database of 100,000 diary items is generated once per run and shared.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import diary_queries_bench  # noqa: E402 - after the path set-up
import diary_report_bench  # noqa: E402
import mediation_bench  # noqa: E402
import package_bench  # noqa: E402
import services_bench  # noqa: E402
import startup  # noqa: E402
import sync_bench  # noqa: E402
from dataset import build_station  # noqa: E402


def emit(figure: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(figure, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "station"
        start = time.perf_counter()
        build_station(data_dir, startup.RECORDS)
        emit({"name": "bench_dataset_build_s", "value": round(time.perf_counter() - start, 1), "unit": "s",
              "note": f"{startup.RECORDS:,} diary items, with outbox entries and search index"})
        for figure in startup.run(data_dir):
            emit(figure)
        for figure in diary_queries_bench.run(data_dir):
            emit(figure)
        for figure in package_bench.run(data_dir):
            emit(figure)
    for figure in diary_report_bench.run():
        emit(figure)
    for figure in mediation_bench.run():
        emit(figure)
    for figure in services_bench.run():
        emit(figure)
    for figure in sync_bench.run():
        emit(figure)
    return 0


if __name__ == "__main__":
    sys.exit(main())
