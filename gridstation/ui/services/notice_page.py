"""公示栏材料: choose a notice-board sheet (grid card, service checklist, legal publicity in one of
its layouts with the station's own text, monthly public summary) and the paper (A4/A3), then
preview and print it. The sheets carry public information only (see ``reports.notice_board``)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gridstation.db import services_notice, station
from gridstation.db.diary import local_today
from gridstation.reports.notice_board import LEGAL_LAYOUTS
from gridstation.ui.context import Context
from gridstation.ui.diary.month_export import preview_report, temporary_pdf
from gridstation.ui.operations import Operation, run_op
from gridstation.ui.services.printing import render_notice_pdf
from gridstation.ui.services.profile_dialog import NoticeProfileDialog


def parse_sections(text: str) -> tuple[tuple[str, str], ...]:
    """Blocks separated by a blank line; each block's first line is its heading, the rest its body."""
    sections = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line for line in block.strip().split("\n") if line.strip()]
        if lines:
            sections.append((lines[0].strip(), "\n".join(lines[1:]).strip()))
    return tuple(sections)


def sample_text(key: str) -> tuple[str, str]:
    title, sections = services_notice.LEGAL_SAMPLES[key]
    return title, "\n\n".join(f"{h}\n{b}" for h, b in sections)


class NoticeBoardPage(QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("notice_kind")
        for key, label in (("grid_card", self.tr("Grid information card")),
                           ("checklist", self.tr("Service checklist poster")),
                           ("legal", self.tr("Legal publicity sheet")),
                           ("summary", self.tr("Monthly public summary"))):
            self.kind_combo.addItem(label, key)
        self.paper_combo = QComboBox()
        self.paper_combo.setObjectName("notice_paper")
        self.paper_combo.addItems(["A4", "A3"])
        self.grid_combo = QComboBox()
        self.grid_combo.setObjectName("notice_grid")
        for grid in station.list_grids(context.store):
            self.grid_combo.addItem(grid.name, grid.code)
        self.layout_combo = QComboBox()
        self.layout_combo.setObjectName("notice_layout")
        for key, name in LEGAL_LAYOUTS.items():
            self.layout_combo.addItem(name, key)
        # The monthly summary is put up after the month: it starts at the month before the station's today.
        today = local_today(context.store)
        last_month = date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 1)
        self.month_edit = QDateEdit(QDate(last_month.year, last_month.month, 1))
        self.month_edit.setObjectName("notice_month")
        self.month_edit.setDisplayFormat("yyyy-MM")
        self.sample_combo = QComboBox()
        self.sample_combo.setObjectName("notice_sample")
        for key, (sample_title, _sections) in services_notice.LEGAL_SAMPLES.items():
            self.sample_combo.addItem(sample_title, key)
        title, body = sample_text("anti_fraud")
        self.title_edit = QLineEdit(title)
        self.title_edit.setObjectName("notice_title")
        self.text_edit = QPlainTextEdit(body)
        self.text_edit.setObjectName("notice_text")
        self.text_edit.setToolTip(self.tr("One section per paragraph: its first line is the heading; "
                                          "a blank line starts the next section"))
        self.preview_button = QPushButton(self.tr("Preview and print…"))
        self.preview_button.setObjectName("notice_preview")
        self.profile_button = QPushButton(self.tr("Notice-board information…"))
        self.profile_button.setObjectName("notice_profile")
        self.profile_button.setVisible(bool(context.user and context.user.is_admin))
        form = QFormLayout()
        form.addRow(self.tr("Sheet"), self.kind_combo)
        form.addRow(self.tr("Paper"), self.paper_combo)
        form.addRow(self.tr("Grid"), self.grid_combo)
        form.addRow(self.tr("Layout"), self.layout_combo)
        form.addRow(self.tr("Month"), self.month_edit)
        form.addRow(self.tr("Start from"), self.sample_combo)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Text"), self.text_edit)
        self.form = form
        buttons = QHBoxLayout()
        buttons.addWidget(self.profile_button)
        buttons.addStretch(1)
        buttons.addWidget(self.preview_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addLayout(buttons)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.preview_button.clicked.connect(self.preview)
        self.sample_combo.activated.connect(lambda _i: self.use_sample(self.sample_combo.currentData()))
        self.profile_button.clicked.connect(self.open_profile)
        self.last_dialog: QWidget | None = None
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind_combo.currentData()
        for widget, kinds in ((self.grid_combo, {"grid_card"}), (self.layout_combo, {"legal"}),
                              (self.title_edit, {"legal"}), (self.text_edit, {"legal"}), (self.sample_combo, {"legal"}),
                              (self.month_edit, {"summary"})):
            self.form.setRowVisible(widget, kind in kinds)

    def use_sample(self, key: str) -> None:
        """Replace the title and text with a built-in sample the station then adapts."""
        title, body = sample_text(key)
        self.title_edit.setText(title)
        self.text_edit.setPlainText(body)

    def open_profile(self) -> NoticeProfileDialog:
        dialog = NoticeProfileDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def options(self) -> dict[str, object]:
        month = self.month_edit.date()
        return {"grid_code": self.grid_combo.currentData() or "", "layout": self.layout_combo.currentData(),
                "title": self.title_edit.text().strip(), "sections": parse_sections(self.text_edit.toPlainText()),
                "year": month.year(), "month": month.month()}

    def preview(self) -> Operation:
        kind = self.kind_combo.currentData()
        paper = self.paper_combo.currentText()
        actor = self.context.user.username if self.context.user else "system"
        store = self.context.store
        return run_op(self, render_notice_pdf, store, temporary_pdf(f"notice-{kind}"), kind=kind, paper=paper,
                      actor=actor, today=local_today(store), **self.options(),
                      success=lambda path: self._show(path, kind, paper))

    def _show(self, path: object, kind: str, paper: str) -> None:
        self.last_dialog = preview_report(self, self.context, path, title=self.kind_combo.currentText(),  # type: ignore[arg-type]
                                          target=f"notice {kind} {paper}")
