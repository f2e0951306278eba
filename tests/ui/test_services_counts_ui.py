"""The services area shows what the exports show: ID and mobile numbers typed into a record's result
or status notes masked in the list (the record itself keeps them as typed), and the month's records
closed after their promised date (逾期办结) beside those still open and overdue."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt

from gridstation import app as gridstation_app
from gridstation.db import demo, services
from gridstation.db.accounts import SignedIn
from gridstation.db.store import Store
from gridstation.domain import services as rules
from gridstation.ui.context import Context
from gridstation.ui.operations import wait_for_operations
from gridstation.ui.services import ServicesArea
from gridstation.ui.services.records_model import ServiceRecordsModel

GRID = demo.DEMO_SETUP.grids[0][0]
SCREENSHOTS = os.environ.get("GRIDSTATION_SCREENSHOTS")
MOBILE, ID_NUMBER = "13812345678", "11010519491231002X"


@pytest.fixture
def store(demo_store_at_fixed_time: Store) -> Store:
    return demo_store_at_fixed_time


@pytest.fixture
def area(qtbot, qapp, store: Store, data_dir: Path, leader: SignedIn) -> ServicesArea:  # noqa: ANN001
    if SCREENSHOTS:
        gridstation_app.load_fonts(qapp)
    widget = ServicesArea(Context(store=store, data_dir=data_dir, user=leader))
    qtbot.addWidget(widget)
    widget.resize(QSize(1100, 700))
    widget.show()
    qtbot.waitExposed(widget)
    wait_for_operations()
    return widget


def settle(qtbot) -> None:  # noqa: ANN001
    qtbot.wait(10)
    assert wait_for_operations()
    qtbot.wait(10)


def shot(widget, name: str) -> None:  # noqa: ANN001
    if SCREENSHOTS:
        widget.grab().save(str(Path(SCREENSHOTS) / name))


def test_the_list_masks_numbers_typed_into_the_result_and_notes(qtbot, area: ServicesArea, store: Store,  # noqa: ANN001
                                                                 leader: SignedIn) -> None:
    record = services.register_service(store, leader.actor, grid_code=GRID, item_code="FW006",
                                       resident_name="张桂兰", received_on=date(2026, 11, 2))
    services.change_status(store, leader.actor, record.id, status=rules.IN_PROGRESS, note=f"联系其女儿 {MOBILE}")
    services.change_status(store, leader.actor, record.id, status=rules.COMPLETED,
                           result=f"已发放，身份证 {ID_NUMBER}，电话 138 1234 5678", completed_on=date(2026, 11, 9))
    page = area.list_page
    page.refresh()
    settle(qtbot)
    model = page.model
    result = model.data(model.index(0, ServiceRecordsModel.RESULT))
    assert result == "已发放，身份证 110***********002X，电话 138****5678"
    history = model.data(model.index(0, ServiceRecordsModel.STATUS), Qt.ItemDataRole.ToolTipRole)
    assert "联系其女儿 138****5678" in history and MOBILE not in history
    assert page.select(record.id)
    selected = page.selected()
    assert selected is not None and ID_NUMBER in selected.result  # the record is kept as typed
    shot(page, "services-list-masked.png")


def test_the_statistics_page_shows_records_closed_late(qtbot, area: ServicesArea, store: Store,  # noqa: ANN001
                                                       leader: SignedIn) -> None:
    promised = date(2026, 11, 10)
    for closed_on in (date(2026, 11, 9), date(2026, 11, 13), date(2026, 11, 16)):
        record = services.register_service(store, leader.actor, grid_code=GRID, item_code="FW012",
                                           resident_name="孙立新", received_on=date(2026, 11, 2), promised_on=promised)
        services.change_status(store, leader.actor, record.id, status=rules.COMPLETED, result="已办理",
                               completed_on=closed_on)
    services.register_service(store, leader.actor, grid_code=GRID, item_code="FW012", resident_name="李秀英",
                              received_on=date(2026, 11, 3), promised_on=promised)
    page = area.stats_page
    area.setCurrentWidget(page)
    page.month_edit.setDate(page.month_edit.date().fromString("2026-11", "yyyy-MM"))
    settle(qtbot)
    assert page.summary.text() == "4 services, 1 overdue and still open, 2 closed late"
    rows = page.model.rows
    assert ["时限", "已办结（含退回、转办）", 3] in rows
    assert ["时限", "其中：按期办结", 1] in rows and ["时限", "其中：逾期办结", 2] in rows
    assert ["时限", "逾期未办结", 1] in rows
    shot(page, "services-stats-closed-late.png")
