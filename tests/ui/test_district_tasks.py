"""The home page marks a to-do the district assigned (交办): a prefix in its text and a tooltip with
the district's note; the grid leader marks it done like any other to-do."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import Qt
from sqlmodel import select

from gridstation.db import todos
from gridstation.db.models import OutboxEntry, TodoItem
from gridstation.server import tasks
from gridstation.sync import protocol
from gridstation.sync.apply import apply_page
from gridstation.ui.context import Context
from gridstation.ui.home_page import FROM_DISTRICT, TODO_ID, HomePage
from tests.ui.conftest import OWN_GRID

TASK_ID = "01a23d0d-0802-7b4c-8124-499a65822821"


def _receive_district_task(context: Context, *, note: str, due: date = date(2099, 6, 30)) -> None:
    """The task as a pull delivers it: the server's own payload for ``task add``."""
    payload = tasks.todo_payload(record_id=TASK_ID, grid_code=OWN_GRID, title="排查3号楼燃气管道", note=note,
                                 due=due, at=datetime(2026, 11, 27, 1, 0, tzinfo=UTC))
    change = protocol.Change(seq=7, kind="todo", record_id=TASK_ID, version=1, grid_code=OWN_GRID, deleted=False,
                             payload=payload, origin_station=tasks.DISTRICT_ORIGIN)
    with context.store.write() as session:
        assert apply_page(session, [change]) == 1


def test_a_district_task_is_marked_and_can_be_done(qtbot, context: Context) -> None:
    _receive_district_task(context, note="请于月底前反馈 <b>燃气公司</b>\n联系人：区综治中心")
    own = todos.add_todo(context.store, context.user.actor, grid_code=OWN_GRID, title="整理走访记录")
    page = HomePage(context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.todo_list.count() == 2, timeout=10_000)

    items = {page.todo_list.item(row).data(TODO_ID): page.todo_list.item(row) for row in range(2)}
    district, mine = items[TASK_ID], items[own.id]
    assert district.text().startswith("[District] 排查3号楼燃气管道  ·  第一网格  ·  ")
    assert district.data(FROM_DISTRICT) is True
    tip = district.toolTip()
    assert tip.startswith("<qt>Assigned by the district<br>") and "联系人：区综治中心" in tip
    assert "&lt;b&gt;燃气公司&lt;/b&gt;" in tip and "<b>" not in tip  # the note is shown as written, not as markup
    assert mine.text() == "整理走访记录  ·  第一网格" and mine.data(FROM_DISTRICT) is False and mine.toolTip() == ""

    district.setSelected(True)
    with qtbot.waitSignal(page.changed, timeout=10_000):
        qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.todo_list.count() == 1, timeout=10_000)
    assert page.todo_list.item(0).data(TODO_ID) == own.id
    with context.store.read() as session:
        task = session.get(TodoItem, TASK_ID)
        sent = session.exec(select(OutboxEntry).where(OutboxEntry.record_id == TASK_ID)).all()
    assert task is not None and task.done and task.author == todos.DISTRICT_AUTHOR
    assert [(entry.op, entry.base_version, entry.version) for entry in sent] == [("update", 1, 2)]


def test_an_overdue_district_task_says_both(qtbot, context: Context) -> None:
    _receive_district_task(context, note="", due=date(2020, 1, 1))  # synced long after it was due
    page = HomePage(context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.todo_list.count() == 1, timeout=10_000)
    assert page.todo_list.item(0).toolTip() == "<qt>Assigned by the district<br>Overdue</qt>"
