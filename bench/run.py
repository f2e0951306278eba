"""Run every benchmark; print one JSON object per figure, each with its same-run baseline."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import startup  # noqa: E402 - after the path set-up

BENCHMARKS = [startup]


def main() -> int:
    for bench in BENCHMARKS:
        for figure in bench.run():
            sys.stdout.write(json.dumps(figure, ensure_ascii=False) + "\n")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
