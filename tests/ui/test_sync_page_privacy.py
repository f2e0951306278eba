"""The sync page shows a problem of a mediation record only to those who may see the record; the
station admin is told how many wait for a mediator or the grid's leader, never what they say."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from gridstation.db import accounts
from gridstation.db.accounts import SignedIn
from gridstation.db.store import Store
from gridstation.sync import issues
from gridstation.ui.context import Context
from gridstation.ui.operations import wait_for_operations
from gridstation.ui.sync.scheduler import SyncScheduler
from gridstation.ui.sync.sync_page import SyncPage
from tests.ui.conftest import OWN_GRID
from tests.unit.test_sync_issue_privacy import add_issue

WAIT_MS = 10_000


@pytest.fixture
def leader(context: Context) -> SignedIn:
    with context.store.write() as session:
        return accounts.create_user(session, actor=context.user.actor, at="2026-01-01T00:00:00.000+00:00",
                                    username="wangfang", display_name="王芳", role="grid_leader",
                                    password="Leader#2026x", grid_code=OWN_GRID)


@pytest.fixture
def page_for(qtbot, context: Context) -> Iterator:  # noqa: ANN001
    schedulers: list[SyncScheduler] = []

    def make(user: SignedIn) -> SyncPage:
        ctx = Context(store=context.store, data_dir=context.data_dir, user=user)
        scheduler = SyncScheduler(ctx, interval_ms=3_600_000, first_run_ms=3_600_000)
        schedulers.append(scheduler)
        page = SyncPage(ctx, scheduler)
        qtbot.addWidget(page)
        qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
        return page

    yield make
    for scheduler in schedulers:
        scheduler.stop()
    wait_for_operations()


def texts(page: SyncPage) -> str:
    return " ".join(label.text() for card in page.refused.cards for label in card.findChildren(type(page.state_label)))


def test_the_admin_sees_how_many_mediation_problems_wait_but_not_what_they_say(page_for, context: Context,
                                                                                 leader: SignedIn) -> None:
    store: Store = context.store
    add_issue(store, "mediation_case", OWN_GRID, "张桂兰与李建国漏水纠纷")
    add_issue(store, "todo", OWN_GRID, "检查消防通道")
    admin_page = page_for(context.user)
    assert len(admin_page.refused.cards) == 1 and "检查消防通道" in texts(admin_page)
    assert "张桂兰" not in texts(admin_page) + admin_page.state_label.text()
    assert "Sync problems of mediation records: 1." in admin_page.state_label.text()

    leader_page = page_for(leader)
    assert len(leader_page.refused.cards) == 2 and "张桂兰与李建国漏水纠纷" in texts(leader_page)
    assert "mediation records" not in leader_page.state_label.text()
    assert len(issues.open_issues(store)) == 2
