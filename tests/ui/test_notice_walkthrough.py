"""The 公示栏材料 page as a grid leader uses it: the monthly summary starts at last month, a sensitive
category written next to a person is refused naming the term and where it is (the topic alone
prints), and a resident's phone broken over the heading and body lines of the text box is refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from gridstation.db import demo, services
from gridstation.db.accounts import SignedIn
from gridstation.db.store import Store
from gridstation.ui.context import Context
from gridstation.ui.operations import wait_for_operations
from gridstation.ui.pdf_preview import PdfPreviewDialog
from gridstation.ui.services.notice_page import NoticeBoardPage

GRID = demo.DEMO_SETUP.grids[0][0]


@pytest.fixture
def store(demo_store_at_fixed_time: Store) -> Store:
    return demo_store_at_fixed_time


@pytest.fixture
def page(qtbot, store: Store, data_dir: Path, leader: SignedIn) -> NoticeBoardPage:
    widget = NoticeBoardPage(Context(store=store, data_dir=data_dir, user=leader))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def settle(qtbot) -> None:  # noqa: ANN001
    qtbot.wait(10)
    assert wait_for_operations()
    qtbot.wait(10)


def boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def print_legal(qtbot, page: NoticeBoardPage, title: str, text: str) -> list[str]:  # noqa: ANN001
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("legal"))
    page.title_edit.setText(title)
    page.text_edit.setPlainText(text)
    page.last_dialog = None
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    shown = [b.text() for b in boxes()]
    for box in boxes():
        box.close()
    if isinstance(page.last_dialog, PdfPreviewDialog):
        page.last_dialog.reject()
        settle(qtbot)
        return []
    return shown


def test_the_monthly_summary_starts_at_last_month(page: NoticeBoardPage) -> None:
    assert page.month_edit.date().toString("yyyy-MM") == "2026-10"  # the station's today is 27 November 2026


def test_a_category_next_to_a_person_is_refused_and_the_topic_alone_prints(qtbot, page: NoticeBoardPage) -> None:
    refused = print_legal(qtbot, page, "帮扶工作", "本月帮扶\n走访低保户张三，送去米面油。")
    assert refused == ['The notice-board sheet ties "低保" to a person in the text of section 1. A notice board '
                       "must not show who belongs to a special group or has a health condition: write about the "
                       "topic without pointing at anyone (no name, not even an anonymised or masked one) and try "
                       "again."]
    assert "张三" not in refused[0]
    assert print_legal(qtbot, page, "社区矫正对象刘某某的感谢信", "感谢\n感谢社区帮助。")[0].startswith(
        'The notice-board sheet ties "社区矫正" to a person in the title.')
    assert print_legal(qtbot, page, "禁毒宣传", "远离毒品\n吸毒人员应当主动接受戒毒治疗。\n\n低保政策\n"
                                            "最低生活保障对象的认定以家庭为单位。") == []


def test_a_residents_phone_over_the_heading_and_body_lines_is_refused(qtbot, page: NoticeBoardPage, store: Store,
                                                                     leader: SignedIn) -> None:
    services.register_service(store, leader.actor, grid_code=GRID, item_code="FW006", resident_name="钱秀英",
                              received_on=date(2026, 11, 20), resident_phone="13900001111")
    refused = print_legal(qtbot, page, "通知", "联系电话139\n0000 1111")  # the box's first line is the heading
    assert len(refused) == 1 and "personal data in the heading of section 1" in refused[0]
    refused = print_legal(qtbot, page, "请拨１３９－００００－１１１１", "事项\n无")
    assert len(refused) == 1 and "personal data in the title" in refused[0]
