"""Clocks. Wall time is for display only; durations that matter (lockouts) use the monotonic clock."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

_BOOT_ID_FILE = Path("/proc/sys/kernel/random/boot_id")


class Clock(Protocol):
    def now(self) -> datetime: ...

    def monotonic(self) -> float: ...

    def boot_id(self) -> str: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()

    def boot_id(self) -> str:
        """An id of the current boot: the monotonic clock is comparable only within one boot."""
        try:
            return _BOOT_ID_FILE.read_text().strip()
        except OSError:
            # No boot id (Windows, macOS): a monotonic clock that went backwards means a new boot,
            # which callers detect themselves.
            return "unknown"


def iso(dt: datetime) -> str:
    return dt.astimezone(UTC).isoformat(timespec="milliseconds")


def local_time(stamp: str, *, seconds: bool = True) -> str:
    """An ISO time stored in UTC, shown in this PC's time zone ("" stays "", other text as it is)."""
    if not stamp:
        return ""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
    except ValueError:
        return stamp
