"""首页: greeting, the station's grids, today's work diary and its open items, open to-do items of the
user's grids (those the district assigned, 交办, marked as such)."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, QTime, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gridstation.db import station, todos
from gridstation.db.models import StationGrid, TodoItem
from gridstation.ui.context import Context
from gridstation.ui.diary.carried import item_summary
from gridstation.ui.diary.day_ops import TodaySummary, today_summary
from gridstation.ui.messages import show_error
from gridstation.ui.operations import Operation, run_op
from gridstation.ui.screen_fit import scrolling_body
from gridstation.ui.services.home_box import ServiceDeadlinesLabel

OVERDUE = QColor("#b3261e")
TODO_ID = Qt.ItemDataRole.UserRole
FROM_DISTRICT = Qt.ItemDataRole.UserRole + 1  # True for a to-do the district assigned (交办)


class HomePage(QWidget):
    """``changed`` is emitted after this page changed data (the window refreshes the sync count);
    ``openDiaryToday`` asks the window to show today's diary page."""

    changed = Signal()
    openDiaryToday = Signal()  # noqa: N815 - Qt signal naming

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        user = context.user
        assert user is not None
        self.grids: list[StationGrid] = station.list_grids(context.store)
        self.grid_names = {g.code: g.name for g in self.grids}
        if user.is_admin or not user.grid_code:
            self.my_grids = [g.code for g in self.grids]
        else:
            self.my_grids = [user.grid_code]

        self.greeting = QLabel(self._greeting_text(user.display_name))
        self.greeting.setObjectName("greeting")
        self.greeting.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.greeting.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.greeting.setFont(font)
        self.today = QLabel(QLocale().toString(QDate.currentDate(), QLocale.FormatType.LongFormat))
        self.today.setObjectName("today")
        self.today.setStyleSheet("color: #5f6368;")

        grids_box = QGroupBox(self.tr("Grids of this station"))
        grids_layout = QVBoxLayout(grids_box)
        for grid in self.grids:
            text = f"{grid.name}  ·  {grid.code}"
            if grid.own:
                text += "  " + self.tr("(own grid)")
            label = QLabel(text)
            label.setTextFormat(Qt.TextFormat.PlainText)
            grids_layout.addWidget(label)

        todo_box = QGroupBox(self.tr("Open to-do items"))
        self.todo_list = QListWidget()
        self.todo_list.setObjectName("todo_list")
        self.todo_list.setAlternatingRowColors(True)
        self.todo_list.setSpacing(2)
        self.empty_label = QLabel(self.tr("Nothing to do — all to-do items are done."))
        self.empty_label.setStyleSheet("color: #5f6368;")
        self.empty_label.setVisible(False)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("todo_title")
        self.title_edit.setPlaceholderText(self.tr("New to-do item…"))
        self.title_edit.setMaxLength(todos.MAX_TITLE)
        self.due_check = QCheckBox(self.tr("Due"))
        self.due_edit = QDateEdit(QDate.currentDate())
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setEnabled(False)
        self.grid_combo = QComboBox()
        for code in self.my_grids:
            self.grid_combo.addItem(self.grid_names.get(code, code), code)
        self.grid_combo.setVisible(len(self.my_grids) > 1)
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.setObjectName("todo_add")
        self.done_button = QPushButton(self.tr("Mark done"))
        self.done_button.setObjectName("todo_done")
        self.done_button.setEnabled(False)

        # The title has a row of its own: beside the grid, date and button it was squeezed to "…".
        add_row = QHBoxLayout()
        add_row.addWidget(self.grid_combo)
        add_row.addWidget(self.due_check)
        add_row.addWidget(self.due_edit)
        add_row.addStretch()
        add_row.addWidget(self.add_button)
        done_row = QHBoxLayout()
        done_row.addStretch(1)
        done_row.addWidget(self.done_button)
        todo_layout = QVBoxLayout(todo_box)
        todo_layout.addWidget(self.todo_list, 1)
        todo_layout.addWidget(self.empty_label)
        todo_layout.addLayout(done_row)
        todo_layout.addWidget(self.title_edit)
        todo_layout.addLayout(add_row)

        diary_box = self._build_diary_box()
        boxes = QHBoxLayout()
        boxes.setSpacing(12)
        boxes.addWidget(diary_box, 1)
        boxes.addWidget(todo_box, 1)
        layout = QVBoxLayout(scrolling_body(self))  # scrolls on a short screen (1366×768 at 125 %)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(self.greeting)
        layout.addWidget(self.today)
        layout.addWidget(grids_box)
        self.service_deadlines = ServiceDeadlinesLabel(self.context)
        layout.addWidget(self.service_deadlines)
        layout.addLayout(boxes, 1)
        from gridstation.ui.mediation.deadlines_box import deadlines_box

        self.mediation_deadlines = deadlines_box(context)  # None for users who may not see mediation
        if self.mediation_deadlines is not None:
            layout.addWidget(self.mediation_deadlines)

        self.due_check.toggled.connect(self.due_edit.setEnabled)
        self.add_button.clicked.connect(self.add_todo)
        self.title_edit.returnPressed.connect(self.add_todo)
        self.done_button.clicked.connect(self.mark_done)
        self.todo_list.itemSelectionChanged.connect(
            lambda: self.done_button.setEnabled(bool(self.todo_list.selectedItems())))
        self.refresh()
        self.refresh_diary()

    def _build_diary_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Work diary (工作日志)"))
        self.diary_state = QLabel()
        self.diary_state.setObjectName("diary_today_state")
        self.diary_state.setTextFormat(Qt.TextFormat.PlainText)
        self.diary_state.setWordWrap(True)
        self.diary_button = QPushButton(self.tr("Open today's diary"))
        self.diary_button.setObjectName("diary_open_today")
        self.diary_open_list = QListWidget()
        self.diary_open_list.setObjectName("diary_open_items")
        self.diary_open_list.setAlternatingRowColors(True)
        self.diary_open_list.setWordWrap(True)
        self.diary_open_list.setSpacing(2)
        self.diary_open_list.setToolTip(self.tr("Double-click to follow the item up on today's page"))
        self.diary_open_title = QLabel()
        state_row = QHBoxLayout()
        state_row.addWidget(self.diary_state, 1)
        state_row.addWidget(self.diary_button)
        layout = QVBoxLayout(box)
        layout.addLayout(state_row)
        layout.addWidget(self.diary_open_title)
        layout.addWidget(self.diary_open_list, 1)
        self.diary_button.clicked.connect(self.openDiaryToday)
        self.diary_open_list.itemActivated.connect(lambda _item: self.openDiaryToday.emit())
        return box

    def refresh_diary(self) -> Operation:
        """Today's diary state and the open diary items of the user's grids."""
        user = self.context.user
        grids = [user.grid_code] if user.grid_code else self.my_grids
        return run_op(self, today_summary, self.context.store, user.user_id, grids, success=self._show_diary)

    def _show_diary(self, summary: TodaySummary) -> None:
        if summary.day_id is None:
            text = self.tr("Today: no diary page yet.")
        elif summary.closed:
            text = self.tr("Today: closed (日清), {n} items.").format(n=summary.item_count)
        else:
            text = self.tr("Today: draft with {n} items, not closed yet.").format(n=summary.item_count)
        self.diary_state.setText(text)
        self.diary_button.setText(self.tr("Start today's diary") if summary.day_id is None
                                  else self.tr("Open today's diary"))
        self.diary_open_title.setText(self.tr("Open diary items ({n}):").format(n=len(summary.open_items))
                                      if summary.open_items else self.tr("No open diary items."))
        self.diary_open_list.clear()
        for view in summary.open_items:
            entry = QListWidgetItem(item_summary(view))
            entry.setToolTip("\n".join(t for t in (view.problem, view.action, view.result) if t))
            self.diary_open_list.addItem(entry)
        self.diary_open_list.setVisible(bool(summary.open_items))

    def _greeting_text(self, name: str) -> str:
        hour = QTime.currentTime().hour()
        if hour < 12:
            return self.tr("Good morning, {name}").format(name=name)
        if hour < 18:
            return self.tr("Good afternoon, {name}").format(name=name)
        return self.tr("Good evening, {name}").format(name=name)

    def refresh(self) -> Operation:
        return run_op(self, todos.open_todos, self.context.store, self.my_grids, success=self._show_todos)

    def _show_todos(self, items: list[TodoItem]) -> None:
        self.todo_list.clear()
        today = date.today()
        locale = QLocale()
        for todo in items:
            district = todos.from_district(todo)
            # The district's tasks carry a mark in the text itself, so it is seen without hovering.
            text = self.tr("[District] {title}").format(title=todo.title) if district else todo.title
            if len(self.my_grids) > 1:
                text += "  ·  " + self.grid_names.get(todo.grid_code, todo.grid_code)
            if todo.due_date is not None:
                due = QDate(todo.due_date.year, todo.due_date.month, todo.due_date.day)
                text += "  ·  " + self.tr("due {date}").format(
                    date=locale.toString(due, QLocale.FormatType.ShortFormat))
            item = QListWidgetItem(text)
            item.setData(TODO_ID, todo.id)
            item.setData(FROM_DISTRICT, district)
            tips = []
            if district:
                tips.append(self.tr("Assigned by the district"))
                if todo.note:
                    tips.append(todo.note)
            if todo.due_date is not None and todo.due_date < today:
                item.setForeground(QBrush(OVERDUE))
                tips.append(self.tr("Overdue"))
            if tips:  # as rich text of escaped lines: the district's note is shown as written, never as markup
                item.setToolTip("<qt>" + "<br>".join(html.escape(t).replace("\n", "<br>") for t in tips) + "</qt>")
            self.todo_list.addItem(item)
        self.empty_label.setVisible(not items)
        self.done_button.setEnabled(False)

    def add_todo(self) -> None:
        title = self.title_edit.text()
        due = self.due_edit.date().toPython() if self.due_check.isChecked() else None
        grid = self.grid_combo.currentData() or self.my_grids[0]
        self.add_button.setEnabled(False)
        run_op(self, todos.add_todo, self.context.store, self.context.user.actor, grid_code=grid, title=title,
               due_date=due, success=self._added, failure=self._add_failed)

    def _add_failed(self, exc: BaseException) -> None:
        self.add_button.setEnabled(True)
        show_error(self, exc)

    def _added(self, _item: TodoItem) -> None:
        self.add_button.setEnabled(True)
        self.title_edit.clear()
        self.due_check.setChecked(False)
        self.refresh()
        self.changed.emit()

    def mark_done(self) -> None:
        for item in self.todo_list.selectedItems():
            run_op(self, todos.set_done, self.context.store, self.context.user.actor, item.data(TODO_ID),
                   success=self._marked_done)

    def _marked_done(self, _item: TodoItem) -> None:
        self.refresh()
        self.changed.emit()
