"""周结: the week of a grid drawn from its diary days — totals per category, closed and open items,
escalations, the days and whether each was closed (日清) — with the leader's own note and next
week's focus, and the printed week summary.

The page reloads whenever it is shown, so a correction made in the Day tab shows at once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QLocale,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gridstation.db import diary, diary_queries
from gridstation.domain import diary as rules
from gridstation.domain.diary import WeekReport
from gridstation.domain.errors import ValidationError
from gridstation.ui.context import Context
from gridstation.ui.diary import month_export
from gridstation.ui.diary.list_page import Choices, load_choices, my_grid_codes, qdate
from gridstation.ui.diary.week_models import WeekDaysModel, WeekTotalsModel, fit_height, table_view
from gridstation.ui.length_hint import LengthHint
from gridstation.ui.messages import show_error
from gridstation.ui.operations import Operation, run_op
from gridstation.ui.screen_fit import scrolling_body
from gridstation.ui.shortcuts import PRINT, SAVE, click_shortcut


class WeekSummaryPage(QWidget):
    """``openDay(day_id)`` asks the diary area to show a day of the week."""

    openDay = Signal(str)  # noqa: N815 - Qt signal naming

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._pending: set[Operation] = set()
        self._generation = 0
        self.choices: Choices | None = None
        self.my_grids: list[str] = []
        self.report: WeekReport | None = None
        self.shown_week: tuple[str, date] | None = None  # (grid, Monday) whose note is in the editors
        self._unsaved: tuple[tuple[str, date], str, str] | None = None  # a note whose save failed elsewhere
        self.monday = rules.week_start(diary.local_today(context.store))

        self.previous_button = QPushButton(self.tr("◀ Previous week"))
        self.next_button = QPushButton(self.tr("Next week ▶"))
        self.date_edit = QDateEdit(qdate(self.monday))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.week_label = QLabel()
        self.week_label.setObjectName("week_label")
        font = QFont(self.week_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.week_label.setFont(font)
        self.grid_combo = QComboBox()
        self.print_button = QPushButton(self.tr("Print week summary…"))
        self.print_button.setEnabled(False)

        self.totals_model = WeekTotalsModel(self)
        self.totals_view = table_view(self.totals_model, WeekTotalsModel.ITEMS)
        self.totals_view.setObjectName("week_totals")
        self.summary_label = QLabel()
        self.summary_label.setObjectName("week_summary")
        self.summary_label.setWordWrap(True)
        self.days_model = WeekDaysModel(self)
        self.days_view = table_view(self.days_model, WeekDaysModel.STATE)
        self.days_view.setObjectName("week_days")

        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("week_note")
        self.note_edit.setPlaceholderText(self.tr("What was achieved this week, what is still open…"))
        self.focus_edit = QPlainTextEdit()
        self.focus_edit.setObjectName("next_week_focus")
        self.focus_edit.setPlaceholderText(self.tr("What to concentrate on next week…"))
        for edit in (self.note_edit, self.focus_edit):
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(80)
        self.save_button = QPushButton(self.tr("Save note"))
        self.save_button.setEnabled(False)
        self.note_status = QLabel()
        self.note_status.setTextFormat(Qt.TextFormat.PlainText)
        self.note_status.setStyleSheet("color: #5f6368;")

        top = QHBoxLayout()
        top.addWidget(self.previous_button)
        top.addWidget(self.date_edit)
        top.addWidget(self.next_button)
        top.addSpacing(12)
        top.addWidget(self.week_label)
        top.addStretch(1)
        top.addWidget(self.grid_combo)
        top.addWidget(self.print_button)

        totals_box = QGroupBox(self.tr("Totals by category"))
        totals_layout = QVBoxLayout(totals_box)
        totals_layout.addWidget(self.totals_view)
        totals_layout.addWidget(self.summary_label)
        totals_layout.addStretch(1)
        days_box = QGroupBox(self.tr("Days of the week"))
        days_layout = QVBoxLayout(days_box)
        days_layout.addWidget(self.days_view)
        days_layout.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(totals_box, 3)
        middle.addWidget(days_box, 2)

        note_box = QGroupBox(self.tr("Weekly summary"))
        note_layout = QGridLayout(note_box)
        note_layout.addWidget(QLabel(self.tr("This week's summary")), 0, 0)
        note_layout.addWidget(QLabel(self.tr("Next week's focus")), 0, 1)
        note_layout.addWidget(self.note_edit, 1, 0)
        note_layout.addWidget(self.focus_edit, 1, 1)
        self.note_length = LengthHint(self.note_edit, rules.MAX_TEXT, self)
        self.focus_length = LengthHint(self.focus_edit, rules.MAX_TEXT, self)
        note_layout.addWidget(self.note_length, 2, 0)
        note_layout.addWidget(self.focus_length, 2, 1)
        save_row = QHBoxLayout()
        save_row.addWidget(self.note_status, 1)
        save_row.addWidget(self.save_button)
        note_layout.addLayout(save_row, 3, 0, 1, 2)

        layout = QVBoxLayout(scrolling_body(self))  # scrolls on a short screen (1366×768 at 125 %)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addLayout(middle)
        layout.addWidget(note_box, 1)

        self.previous_button.clicked.connect(lambda: self.set_week(self.monday - timedelta(days=7)))
        self.next_button.clicked.connect(lambda: self.set_week(self.monday + timedelta(days=7)))
        self.date_edit.dateChanged.connect(lambda d: self.set_week(d.toPython()))
        self.grid_combo.currentIndexChanged.connect(lambda _i: self._grid_changed())
        self.days_view.clicked.connect(self._day_clicked)
        self.days_view.activated.connect(self._day_clicked)
        self.save_button.clicked.connect(self.save_note)
        self.print_button.clicked.connect(self.print_summary)
        click_shortcut(self, SAVE, self.save_button)
        click_shortcut(self, PRINT, self.print_button)
        for edit in (self.note_edit, self.focus_edit):
            edit.modificationChanged.connect(self._note_modified)
        self._show_week_label()
        self._run(load_choices, context.store, success=self._choices_loaded)

    # -- operations ----------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def _run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Operation:
        op = run_op(self, fn, *args, **kwargs)
        self._pending.add(op)
        op.finished.connect(lambda: self._pending.discard(op))
        return op

    def _choices_loaded(self, choices: Choices) -> None:
        assert self.context.user is not None
        self.choices = choices
        names = dict(choices.grids)
        self.my_grids = my_grid_codes(self.context.user, [code for code, _ in choices.grids])
        self.grid_combo.blockSignals(True)
        for code in self.my_grids:
            self.grid_combo.addItem(names.get(code, code), code)
        self.grid_combo.blockSignals(False)
        self.grid_combo.setVisible(len(self.my_grids) > 1)
        self.refresh()

    # -- the week ------------------------------------------------------------------------------------

    @property
    def grid_code(self) -> str | None:
        return self.grid_combo.currentData()

    def set_week(self, day: date) -> None:
        """Show the week (Monday to Sunday) containing ``day``; no later than the current week, whose
        diary is still being written (there is nothing to sum up or note for a week to come)."""
        day = min(day, diary.local_today(self.context.store))
        monday = rules.week_start(day)
        if monday != self.monday and self._refuse_to_leave():
            self.date_edit.blockSignals(True)
            self.date_edit.setDate(qdate(self.monday))
            self.date_edit.blockSignals(False)
            return
        if self.date_edit.date().toPython() != day:
            self.date_edit.blockSignals(True)
            self.date_edit.setDate(qdate(day))
            self.date_edit.blockSignals(False)
        if monday == self.monday:
            return
        self.monday = monday
        self._show_week_label()
        self._week_or_grid_changed()

    def _show_week_label(self) -> None:
        today = diary.local_today(self.context.store)
        self.next_button.setEnabled(self.monday < rules.week_start(today))
        self.date_edit.setMaximumDate(qdate(today))
        self._show_week_dates()

    def _show_week_dates(self) -> None:
        locale = QLocale()
        sunday = self.monday + timedelta(days=6)
        date_format = self.tr("MMMM d, yyyy", "a QDate format: 2026年5月11日 is yyyy年M月d日")
        self.week_label.setText(self.tr("{monday} (Monday) – {sunday} (Sunday)").format(
            monday=locale.toString(qdate(self.monday), date_format),
            sunday=locale.toString(qdate(sunday), date_format)))

    def _grid_changed(self) -> None:
        if self.shown_week is not None and self.grid_code != self.shown_week[0] and self._refuse_to_leave():
            self.grid_combo.blockSignals(True)
            self.grid_combo.setCurrentIndex(self.grid_combo.findData(self.shown_week[0]))
            self.grid_combo.blockSignals(False)
            return
        self._week_or_grid_changed()

    def _refuse_to_leave(self) -> bool:
        """Whether the note being typed cannot be stored (too long…): then the week stays, with
        the message, so that the text is never replaced while it cannot be saved."""
        if not self._note_is_modified():
            return False
        try:
            rules.clean_text(self.note_edit.toPlainText(), "note")
            rules.clean_text(self.focus_edit.toPlainText(), "next_week_focus")
        except ValidationError as exc:
            show_error(self, exc)
            return True
        return False

    def _week_or_grid_changed(self) -> None:
        if self._note_is_modified() and self.shown_week is not None:
            self.save_note()  # a note typed for the week left is kept, not lost
        self.refresh()

    def refresh(self) -> Operation | None:
        """Reload the week from the diary (also whenever the page is shown)."""
        grid = self.grid_code
        if grid is None:
            return None
        self._generation += 1
        generation = self._generation
        monday = self.monday
        return self._run(diary_queries.week_report, self.context.store, grid_code=grid, week_start=monday,
                         success=lambda report: self._show_report(generation, grid, report))

    def _show_report(self, generation: int, grid: str, report: WeekReport) -> None:
        if generation != self._generation:
            return
        self.report = report
        self.totals_model.set_report(report)
        self.days_model.set_report(report)
        fit_height(self.totals_view)
        fit_height(self.days_view)
        t = report.totals
        closed_days = sum(d.closed for d in report.days)
        self.summary_label.setText(
            self.tr("{items} items: {closed} closed, {open} still open; {escalated} escalated. "
                    "Diary written on {days} days, {closed_days} of them closed.").format(
                items=t.items, closed=t.closed, open=t.open, escalated=t.escalations, days=len(report.days),
                closed_days=closed_days))
        week = (grid, report.week_start)
        if self._unsaved is not None and self._unsaved[0] == week:
            self._set_note(*self._unsaved[1:], modified=True)  # a save of it failed: back as typed
            self._unsaved = None
        elif week != self.shown_week or not self._note_is_modified():
            self._set_note(report.note, report.next_week_focus)  # keep what is being typed for this week
        self.shown_week = week
        self.print_button.setEnabled(True)

    def _day_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            page = self.days_model.rows[index.row()].page
            if page is not None:
                self.openDay.emit(page.id)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.choices is not None and not event.spontaneous():
            self.refresh()

    # -- the note ------------------------------------------------------------------------------------

    def _note_is_modified(self) -> bool:
        return self.note_edit.document().isModified() or self.focus_edit.document().isModified()

    def _set_note(self, note: str, focus: str, *, modified: bool = False) -> None:
        for edit, text in ((self.note_edit, note), (self.focus_edit, focus)):
            if edit.toPlainText() != text:
                edit.setPlainText(text)
            edit.document().setModified(modified)
        self.save_button.setEnabled(modified)

    def _note_modified(self, _modified: bool) -> None:
        modified = self._note_is_modified()
        self.save_button.setEnabled(modified)
        if modified:
            self.note_status.clear()

    def save_note(self) -> Operation | None:
        """Store the note and next week's focus of the week shown (``set_week_note``)."""
        if self.shown_week is None or self.context.user is None:
            return None
        grid, monday = self.shown_week
        note, focus = self.note_edit.toPlainText(), self.focus_edit.toPlainText()
        for edit in (self.note_edit, self.focus_edit):
            edit.document().setModified(False)
        self.save_button.setEnabled(False)
        return self._run(diary.set_week_note, self.context.store, self.context.user.actor, grid_code=grid,
                         week_start=monday, note=note, next_week_focus=focus,
                         success=lambda _n: self.note_status.setText(self.tr("Note saved.")),
                         failure=lambda exc: self._save_failed(exc, (grid, monday), note, focus))

    def _save_failed(self, exc: BaseException, week: tuple[str, date], note: str, focus: str) -> None:
        """The note stays as typed: in the editors, or, when another week is shown by now, kept
        and shown again on going back to its week, where the page returns."""
        if week == self.shown_week:
            self._set_note(note, focus, modified=True)
        else:
            self._unsaved = (week, note, focus)
            grid, monday = week
            self.grid_combo.blockSignals(True)
            self.grid_combo.setCurrentIndex(self.grid_combo.findData(grid))
            self.grid_combo.blockSignals(False)
            self.monday = monday
            self.date_edit.blockSignals(True)
            self.date_edit.setDate(qdate(monday))
            self.date_edit.blockSignals(False)
            self._show_week_label()
            self.refresh()
        show_error(self, exc)

    # -- printing ------------------------------------------------------------------------------------

    def print_summary(self) -> Operation | None:
        """Write the week summary as PDF and show it in the preview (printing it there is audited)."""
        grid = self.grid_code
        if grid is None:
            return None
        if self._note_is_modified():
            self.save_note()  # runs first (one worker), so the printout has the note as typed
        monday = self.monday
        self.print_button.setEnabled(False)
        path = month_export.temporary_pdf("week")
        return self._run(month_export.render_week_pdf, self.context.store, path, grid_code=grid, monday=monday,
                         success=lambda p: self._show_pdf(p, grid, monday), failure=self._print_failed,
                         progress=self.tr("Writing the week summary…"))

    def _show_pdf(self, path: Path, grid: str, monday: date) -> None:
        self.print_button.setEnabled(True)
        title = self.tr("Week summary {date}").format(date=monday.isoformat())
        self.report_dialog = month_export.preview_report(self, self.context, path, title=title,
                                                         target=month_export.week_target(grid, monday))

    def _print_failed(self, exc: BaseException) -> None:
        self.print_button.setEnabled(True)
        show_error(self, exc)
