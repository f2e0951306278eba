"""Fixtures the screens' tests share: a demo station's store and its mediator; an empty store, and
a context signed in as the admin of a station set up from ``station_setup``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from gridstation.db import accounts, demo, station
from gridstation.db.accounts import SignedIn
from gridstation.db.store import Store
from gridstation.ui.context import Context
from gridstation.ui.operations import wait_for_operations


@pytest.fixture
def demo_store(data_dir: Path) -> Iterator[Store]:
    """A demo station (users and grids, no records) on the real clock; closed once the test's
    background operations are done."""
    opened = Store.open(data_dir)
    demo.setup_demo_station(opened)
    yield opened
    wait_for_operations()
    opened.close()


@pytest.fixture
def mediator(demo_store: Store) -> SignedIn:
    return next(u for u in accounts.list_users(demo_store) if u.username == "zhaomin")


ADMIN_PASSWORD = "Station#2026x"  # not containing the user name "admin"
OWN_GRID = "230204001003-001U"


@pytest.fixture
def station_setup() -> station.StationSetup:
    """The station the admin pages' tests set up (a test file may override it)."""
    return station.StationSetup(
        name="新兴社区网格服务站", street_code="230204001", street_name="站前街道", community_code="230204001003",
        community_name="新兴社区", grids=[(OWN_GRID, "第一网格"), ("230204001003-002U", "第二网格")],
        admin_username="admin", admin_display_name="刘晓梅", admin_password=ADMIN_PASSWORD,
    )


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    """An empty station database (a test file may override it)."""
    opened = Store.open(data_dir)
    yield opened
    wait_for_operations()
    opened.close()


@pytest.fixture
def context(store: Store, data_dir: Path, station_setup: station.StationSetup) -> Context:
    """``store`` set up as ``station_setup``, signed in as its admin."""
    admin = station.initialize_station(store, station_setup)
    return Context(store=store, data_dir=data_dir, user=admin)
