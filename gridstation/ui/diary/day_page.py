"""The diary page of one day (日清): calendar, header, items, the item editor, carried-over items,
closing the day; corrections of a closed day (``closed_panel``) and printing (``day_print``).

Every write goes through ``run_op``; after it the day and the calendar marks are read again and
``changed`` is emitted. Refused input stays in the editor with its message under the field.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from gridstation.db import diary, station
from gridstation.domain import diary as rules
from gridstation.domain.diary import DiaryItemView
from gridstation.domain.errors import ValidationError
from gridstation.ui.context import Context
from gridstation.ui.diary import day_ops
from gridstation.ui.diary.calendar import qdate
from gridstation.ui.diary.carried import item_summary
from gridstation.ui.diary.day_header import HEADER_FIELDS
from gridstation.ui.diary.day_page_ui import build_day_page
from gridstation.ui.diary.editor_box import EDIT, FOLLOW, NEW
from gridstation.ui.messages import error_text, show_error
from gridstation.ui.operations import Operation, run_op
from gridstation.ui.shortcuts import PRINT, SAVE, click_shortcut, page_shortcut


def confirm(parent: QWidget, title: str, text: str, yes_text: str, on_yes: Callable[[], None]) -> QMessageBox:
    """A window-modal question that does not block: ``on_yes`` runs when the user agrees."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.button(QMessageBox.StandardButton.Yes).setText(yes_text)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Yes).clicked.connect(on_yes)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


class DayPage(QWidget):
    changed = Signal()

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        user = context.user
        assert user is not None
        grids = station.list_grids(context.store)
        selectable = user.role == "backup_leader" or not user.grid_code
        self.grid_code = user.grid_code or (grids[0].code if grids else "")
        self.load: day_ops.DayLoad | None = None
        self.today = date.today()  # replaced by the station's day with the first load
        self.confirm_box: QMessageBox | None = None
        self._pending = 0
        self._token = 0
        self._saved_header: dict[str, str] | None = None

        build_day_page(self, grids, selectable)

        self.calendar.clicked.connect(self.go_to)
        self.calendar.activated.connect(self.go_to)
        self.calendar.currentPageChanged.connect(lambda _y, _m: self.load_marks())
        self.header.gridChanged.connect(self._grid_changed)
        self.header.edited.connect(self.save_header)
        self.plan.editingFinished.connect(self.save_header)
        self.start_button.clicked.connect(self.start_day)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._row_selected())
        self.table.deleteRequested.connect(self.request_delete)
        self.delete_button.clicked.connect(self.request_delete)
        self.copy_button.clicked.connect(self.copy_previous)
        self.print_button.clicked.connect(self.print_sheet)
        self.editor.submitted.connect(self.save_item)
        self.editor.cancelled.connect(lambda: self.new_item(clear=False))
        self.editor_box.new_button.clicked.connect(lambda: self.new_item())
        self.save_button.clicked.connect(self.save_item)
        self.carried.followUp.connect(self.follow_up)
        self.close_button.clicked.connect(self.request_close)
        self.closed_box.corrected.connect(self._written)
        page_shortcut(self, SAVE, self.save_shortcut)
        click_shortcut(self, PRINT, self.print_button)
        self.show_date(None)

    # -- running operations --------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """True while an operation this page started is still running (tests wait on it)."""
        return self._pending > 0

    def run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Operation:
        self._pending += 1
        op = run_op(self, fn, *args, **kwargs)
        op.finished.connect(self._op_finished)
        return op

    def _op_finished(self) -> None:
        self._pending -= 1

    @property
    def view(self) -> rules.DiaryDayView | None:
        return self.load.view if self.load else None

    @property
    def editable(self) -> bool:
        view = self.view
        return view is not None and self.load is not None and self.load.own and not view.closed

    def show_notice(self, text: str, *, error: bool = False) -> None:
        self.notice.setText(text)
        self.notice.setStyleSheet("color: #b3261e;" if error else "color: #1f4e79;")
        self.notice.setVisible(bool(text))

    # -- loading -------------------------------------------------------------------------------------

    def show_date(self, day: date | None) -> Operation:
        """Show the user's page of ``day`` (today when None) in the selected grid."""
        self._token += 1
        token = self._token
        return self.run(day_ops.load_day, self.context.store, self.context.user.user_id, self.grid_code, day,
                        success=lambda load: self._loaded(load, token))

    def show_day(self, day_id: str) -> Operation:
        """Show any page by id (from the list, search or week summary); another user's page is read-only."""
        self._token += 1
        token = self._token
        return self.run(day_ops.load_day_id, self.context.store, self.context.user.user_id, day_id,
                        success=lambda load: self._loaded(load, token))

    def reload(self) -> None:
        if self.view is not None and self.load is not None and not self.load.own:
            self.show_day(self.view.id)
        else:
            self.show_date(self.load.day if self.load else None)

    def load_marks(self) -> None:
        year, month = self.calendar.yearShown(), self.calendar.monthShown()
        self.run(day_ops.month_marks, self.context.store, self.context.user.user_id, self.grid_code, year, month,
                 success=self._marks_loaded)

    def _marks_loaded(self, result: tuple[int, int, dict[date, str]]) -> None:
        year, month, states = result
        if (year, month) == (self.calendar.yearShown(), self.calendar.monthShown()):
            self.calendar.set_marks(states, self.today)

    def _loaded(self, load: day_ops.DayLoad, token: int) -> None:
        if token != self._token:
            return  # a later request is on its way
        same_day = self.load is not None and (self.load.day, self.load.grid_code) == (load.day, load.grid_code)
        self.load, self.today = load, load.today
        view = load.view
        if load.grid_code and (self.header.selectable or load.own):
            self.grid_code = load.grid_code  # another user's page of another grid leaves the calendar's grid
        self.header.set_grid(view.grid_code if view is not None else self.grid_code)
        self.calendar.blockSignals(True)
        self.calendar.setSelectedDate(qdate(load.day))
        self.calendar.blockSignals(False)
        self.header.show_day(load.day, view, load.own, same_day=same_day)
        self.model.set_day(view)
        self.stack.setCurrentIndex(1 if view is not None else 0)
        self.empty_label.setText(self.tr("There is no diary for this day yet."))
        self.start_button.setVisible(view is None)
        editable, closed_own = self.editable, view is not None and load.own and view.closed
        self.editor_box.setVisible(editable)
        self.closed_box.setVisible(closed_own)
        for widget in (self.copy_button, self.delete_button, self.close_button):
            widget.setVisible(editable)
        self.plan.setReadOnly(not editable)
        if not (same_day and self.plan.hasFocus()):
            self.plan.setText(view.tomorrow_plan if view else "")
            self.plan.setCursorPosition(0)
        self.carried.set_items(view.carried_open if view else (), can_follow=editable)
        self.carried.setVisible(bool(view and view.carried_open))
        self.editor.set_suggestions(load.places, load.phrases)
        self._saved_header = {name: getattr(view, name) for name in (*HEADER_FIELDS, "tomorrow_plan")} \
            if editable and view is not None else None
        if not same_day or self.editor_box.mode != NEW:
            self.editor_box.set_mode(NEW, clear=not (same_day and self.editor_box.mode == NEW))
        self._row_selected()
        if view is not None and not load.own:
            self.show_notice(self.tr("Written by {name}; you can read and print it.").format(name=view.author_name))
        elif not same_day:
            self.show_notice("")
        self.load_marks()

    # -- navigation ----------------------------------------------------------------------------------

    def go_to(self, when: QDate) -> None:
        day = when.toPython()
        try:
            rules.check_diary_date(day, self.today)
        except ValidationError as exc:
            self.show_notice(error_text(exc), error=True)
            if self.load is not None:
                self.calendar.setSelectedDate(qdate(self.load.day))
            return
        self.show_date(day)

    def _grid_changed(self, code: str) -> None:
        self.grid_code = code
        self.show_date(self.load.day if self.load else None)

    def start_day(self) -> None:
        if self.load is None or self.view is not None:
            return
        cover = self.header.is_cover(self.grid_code)
        self.start_button.setEnabled(False)

        def started(load: day_ops.DayLoad) -> None:
            self.start_button.setEnabled(True)
            self._loaded(load, self._token)
            self.header.weather.setFocus()
            self.changed.emit()

        def failed(exc: BaseException) -> None:
            self.start_button.setEnabled(True)
            self.show_notice(error_text(exc), error=True)

        self.run(day_ops.start_day, self.context.store, self.context.user.actor, self.grid_code, self.load.day, cover,
                 success=started, failure=failed)

    # -- header --------------------------------------------------------------------------------------

    def _header_values(self) -> dict[str, str]:
        return {**self.header.values(), "tomorrow_plan": self.plan.text()}

    def save_header(self) -> None:
        """Store the header fields and tomorrow's plan when the user leaves a changed field."""
        if not self.editable or self.view is None:
            return
        values = self._header_values()
        if values == self._saved_header:
            return
        self._saved_header = values

        def failed(exc: BaseException) -> None:
            self._saved_header = None
            self.show_notice(error_text(exc), error=True)

        self.run(diary.update_day, self.context.store, self.context.user.actor, self.view.id, **values,
                 success=lambda _day: self._written(reload=False), failure=failed)

    def _written(self, *, reload: bool = True) -> None:
        if reload:
            self.reload()
        self.changed.emit()

    # -- items ---------------------------------------------------------------------------------------

    def new_item(self, *, clear: bool = True) -> None:
        """Start a new item. Esc (``clear`` False) only leaves editing: a new item being typed stays."""
        self.editor_box.set_mode(NEW, clear=clear or self.editor_box.mode != NEW)
        self.table.clearSelection()
        self.editor.errors.clear()
        self.editor.focus_first()

    def _row_selected(self) -> None:
        item = self.model.item(self.table.current_row())
        self.delete_button.setEnabled(item is not None and self.editable)
        self.closed_box.set_item(self.view.id if self.view else "", item)
        self.photos.set_item(self.view.grid_code if self.view else "", item,
                             can_attach=self.load is not None and self.load.own)
        if item is not None and self.editable and (self.editor_box.mode != EDIT or self.editor_box.item != item):
            self.editor_box.edit(item)

    def follow_up(self, item: DiaryItemView) -> None:
        if self.editable:
            self.table.clearSelection()
            self.editor_box.follow(item)

    def save_shortcut(self) -> None:
        """Ctrl+S: save the item in the editor, or, from the header or tomorrow's plan, those fields."""
        focus = QApplication.focusWidget()
        if focus is not None and (self.header.isAncestorOf(focus) or focus is self.plan):
            self.save_header()
        elif self.save_button.isVisible():
            self.save_item()

    def save_item(self) -> None:
        if not self.editable or self.view is None or not self.save_button.isEnabled():
            return
        values = self.editor.values()
        store, actor = self.context.store, self.context.user.actor
        mode, item = self.editor_box.mode, self.editor_box.item
        if mode == EDIT and item is not None:
            args: tuple[Any, ...] = (diary.update_item, store, actor, item.id)
        elif mode == FOLLOW and item is not None:
            args = (diary.follow_up, store, actor, item.id)
            values["day_id"] = self.view.id
        else:
            args = (diary.add_item, store, actor, self.view.id)
        self.save_button.setEnabled(False)
        self.editor.errors.clear()
        self.run(*args, **values, success=lambda _item: self._item_saved(values), failure=self._item_refused)

    def _item_saved(self, submitted: dict[str, Any]) -> None:
        self.save_button.setEnabled(True)
        submitted.pop("day_id", None)
        untouched = self.editor.values() == submitted  # typing may have gone on while it was saved
        self.editor_box.set_mode(NEW, clear=untouched)
        self.table.clearSelection()
        self.editor.focus_first()
        self._written()

    def _item_refused(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.editor.show_error(exc)
        else:
            show_error(self, exc)

    def request_delete(self) -> None:
        item = self.model.item(self.table.current_row())
        if item is None or not self.editable:
            return

        def remove() -> None:
            self.run(diary.remove_item, self.context.store, self.context.user.actor, item.id,
                     success=lambda _r: self._written(), failure=lambda exc: show_error(self, exc))

        self.confirm_box = confirm(self, self.tr("Delete item"),
                                   self.tr("Delete item {n}?\n\n{text}").format(n=item.seq, text=item_summary(item)),
                                   self.tr("Delete"), remove)

    def copy_previous(self) -> None:
        if not self.editable or self.view is None:
            return

        def copied(items: list[object]) -> None:
            self.show_notice(self.tr("Copied {n} items from your previous page; fill in today's results.").format(
                n=len(items)) if items else self.tr("There is no earlier page to copy from."))
            self._written(reload=bool(items))

        self.run(diary.copy_from_previous, self.context.store, self.context.user.actor, self.view.id,
                 success=copied, failure=lambda exc: self.show_notice(error_text(exc), error=True))

    # -- closing and printing ------------------------------------------------------------------------

    def request_close(self) -> None:
        """日清 after a confirmation; an unsaved item in the editor must be saved or cleared first."""
        if not self.editable or self.view is None:
            return
        if self.editor.has_text():
            self.show_notice(self.tr("Save or clear the item in the editor before closing the day."), error=True)
            self.editor.focus_first()
            return
        self.save_header()
        view = self.view
        self.confirm_box = confirm(
            self, self.tr("Close the day"),
            self.tr("Close the diary of {date} with {n} items?\n\nA closed day is locked: later corrections are "
                    "recorded as amendments beside the original.").format(date=view.day.isoformat(),
                                                                          n=len(view.items)),
            self.tr("Close the day"),
            lambda: self.run(diary.close_day, self.context.store, self.context.user.actor, view.id,
                             success=lambda _day: self._written(),
                             failure=lambda exc: self.show_notice(error_text(exc), error=True)))

    def print_sheet(self) -> Operation | None:
        if self.view is None:
            return None
        title = self.tr("Work diary {date}").format(date=self.view.day.isoformat())
        return self.printer.start(self.view.id, title)
