"""Fixtures the screens' tests share: a demo station's store (on the real or a fixed clock), its
mediator and its first grid's leader; an empty store, and a context signed in as the admin of a
station set up from ``station_setup``; the app's Chinese translations."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from gridstation import app as gridstation_app
from gridstation.db import accounts, demo, station
from gridstation.db.accounts import SignedIn
from gridstation.db.store import Store
from gridstation.resources import resource_path
from gridstation.ui.context import Context
from gridstation.ui.i18n import Translations
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


@pytest.fixture
def leader(store: Store) -> SignedIn:
    """王芳, the demo's leader of the first grid, in the test's ``store`` (a demo station)."""
    return next(u for u in accounts.list_users(store) if u.username == "wangfang")


@pytest.fixture
def demo_store_at_fixed_time(data_dir: Path) -> Iterator[Store]:
    """The demo station's users and grids, no records, on a fake clock (Friday 27 November 2026)."""
    from tests.unit.conftest import FakeClock

    opened = Store.open(data_dir, clock=FakeClock())
    demo.setup_demo_station(opened)
    yield opened
    wait_for_operations()
    opened.close()


@pytest.fixture(scope="session")
def translations(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Translations:
    """The app's fonts and translators, with the .qm built from the committed .ts for this run."""
    gridstation_app.load_fonts(qapp)
    qm_dir = tmp_path_factory.mktemp("qm")
    ts = resource_path("translations", "gridstation_zh_CN.ts")
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm_dir / "gridstation_zh_CN.qm")], check=True)
    return Translations(qapp, qm_dir)


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
