"""The home page's to-do input keeps a usable width at the default and the minimum window size."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gridstation.db import station, todos
from gridstation.ui.context import Context
from gridstation.ui.home_page import HomePage

MIN_TITLE_WIDTH = 240  # about 16 Chinese characters of a to-do title


@pytest.fixture
def station_setup() -> station.StationSetup:
    """A station with a long name, as the header has to share the window with it."""
    return station.StationSetup(
        name="站前街道新兴社区第一网格服务站", street_code="230204001", street_name="站前街道",
        community_code="230204001003", community_name="新兴社区",
        grids=[("230204001003-001U", "新兴社区第一网格"), ("230204001003-002U", "新兴社区第二网格")],
        admin_username="admin", admin_display_name="刘晓梅", admin_password="Station#2026x",
    )


# The page's share of the default 1180×760 window and of the minimum 900×600 one (less the sidebar,
# the title bar, the menu and the status bar).
@pytest.mark.parametrize("size", [(990, 620), (710, 460)])
def test_the_todo_title_keeps_a_usable_width(qtbot, context: Context, size: tuple[int, int]) -> None:
    page = HomePage(context)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    qtbot.waitExposed(page)
    assert page.grid_combo.isVisible()  # the admin picks one of the station's two grids
    assert page.title_edit.width() >= MIN_TITLE_WIDTH, page.title_edit.width()
    for widget in (page.grid_combo, page.due_check, page.due_edit, page.add_button):
        assert widget.width() >= widget.minimumSizeHint().width(), widget
    page.title_edit.setFocus()
    qtbot.keyClicks(page.title_edit, "Check the gas pipes of building 3")
    page.due_check.setChecked(True)
    with qtbot.waitSignal(page.changed, timeout=10_000):
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    titles = [item.title for item in todos.open_todos(context.store, page.my_grids)]
    assert "Check the gas pipes of building 3" in titles
