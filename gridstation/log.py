"""Logging: a rotating file in the user log directory, plus stderr for warnings.

Several processes may write one log file (the district server's workers): each appends to it, and
only the process that set up logging with ``rotate=True`` rotates it (``rotate_if_due``); the others
reopen the file when they find it renamed (``WatchedFileHandler``). Two processes rotating the same
file would each rename it, losing one of the rotated files, and a process keeping the renamed file
open would go on writing into the old one.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILE = "gridstation.log"
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"
MAX_BYTES = 2_000_000
BACKUP_COUNT = 5


def setup_logging(log_dir: Path, level: int = logging.INFO, *, rotate: bool = True) -> Path:
    """Configure the root logger once; returns the log file path. ``rotate=False``: another
    process rotates the file (see the module's description)."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE
    root = logging.getLogger()
    if any(getattr(h, "_gridstation", False) for h in root.handlers):
        return path
    handler: logging.FileHandler
    if rotate:
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                                                       encoding="utf-8")
    else:
        handler = logging.handlers.WatchedFileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FORMAT))
    handler._gridstation = True  # type: ignore[union-attr]
    stderr = logging.StreamHandler()
    stderr.setLevel(logging.WARNING)
    stderr.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    stderr._gridstation = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.addHandler(stderr)
    root.setLevel(level)
    return path


def rotate_if_due() -> None:
    """Rotate this process's log file when other processes have filled it (a rotating handler
    otherwise checks the size only when its own process logs)."""
    for handler in logging.getLogger().handlers:
        if getattr(handler, "_gridstation", False) and isinstance(handler, logging.handlers.RotatingFileHandler):
            handler.acquire()
            try:
                if handler.shouldRollover(logging.makeLogRecord({"msg": ""})):
                    handler.doRollover()
            finally:
                handler.release()
