"""Logging: a rotating file in the user log directory, plus stderr for warnings."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILE = "gridstation.log"
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    """Configure the root logger once; returns the log file path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE
    root = logging.getLogger()
    if any(getattr(h, "_gridstation", False) for h in root.handlers):
        return path
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FORMAT))
    handler._gridstation = True  # type: ignore[attr-defined]
    stderr = logging.StreamHandler()
    stderr.setLevel(logging.WARNING)
    stderr.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    stderr._gridstation = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.addHandler(stderr)
    root.setLevel(level)
    return path
