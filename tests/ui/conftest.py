"""Fixtures the screens' tests share: a demo station's store, and its mediator."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from gridstation.db import accounts, demo
from gridstation.db.accounts import SignedIn
from gridstation.db.store import Store
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
