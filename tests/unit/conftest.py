"""Fixtures for domain tests: a real station database in a temporary directory."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gridstation.db import station
from gridstation.db.accounts import SignedIn
from gridstation.db.store import Store

OWN_GRID = "230204001003-001U"
OTHER_GRID = "230204001003-002U"
ADMIN_PASSWORD = "Station#2026"


@dataclass
class FakeClock:
    """A controllable clock: wall time and monotonic time move independently, like real ones."""

    wall: datetime = field(default_factory=lambda: datetime(2026, 11, 27, 9, 0, tzinfo=UTC))
    mono: float = 1000.0
    boot: str = "boot-1"

    def now(self) -> datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.mono

    def boot_id(self) -> str:
        return self.boot

    def advance(self, seconds: float) -> None:
        self.wall += timedelta(seconds=seconds)
        self.mono += seconds


def make_setup(**overrides: object) -> station.StationSetup:
    values: dict[str, object] = {
        "name": "新兴社区网格服务站", "street_code": "230204001", "street_name": "站前街道",
        "community_code": "230204001003", "community_name": "新兴社区",
        "grids": [(OWN_GRID, "第一网格"), (OTHER_GRID, "第二网格")],
        "admin_username": "admin", "admin_display_name": "刘晓梅", "admin_password": ADMIN_PASSWORD,
    }
    values.update(overrides)
    return station.StationSetup(**values)  # type: ignore[arg-type]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(data_dir: Path, clock: FakeClock) -> Iterator[Store]:
    with Store.open(data_dir, clock=clock) as opened:
        yield opened


@pytest.fixture
def admin(store: Store) -> SignedIn:
    return station.initialize_station(store, make_setup())
