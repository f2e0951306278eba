"""日志搜索: find diary text as you type; each hit shows its day, category and the words around the
match, highlighted. Double-click or Enter opens the day.

Diary text is user text: a snippet is HTML-escaped before the highlight tags are added, so what a
grid worker typed (``<b>``, ``&``) shows literally.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from gridstation.db import diary_queries
from gridstation.db.diary_queries import HIGHLIGHT_END, HIGHLIGHT_START, SearchHit
from gridstation.domain.diary import CATEGORIES
from gridstation.domain.redaction import redact_numbers
from gridstation.ui.context import Context
from gridstation.ui.diary.list_page import Choices, load_choices, my_grid_codes, qdate
from gridstation.ui.operations import Operation, run_op

RESULT_LIMIT = 200
DEBOUNCE_MS = 300
MIN_TYPED = 2  # while typing; Enter searches a single character too
HIGHLIGHT_STYLE = "background:#ffe08a"
HTML_ROLE = Qt.ItemDataRole.UserRole + 1
HIT_ROLE = Qt.ItemDataRole.UserRole + 2
PADDING = 6
AnyIndex = QModelIndex | QPersistentModelIndex


def snippet_html(snippet: str) -> str:
    """The snippet as rich text: ID and mobile numbers masked (one the search matched part of is
    split by the markers and shows as typed), escaped, then the match in bold on yellow."""
    return (html.escape(redact_numbers(snippet))
            .replace(HIGHLIGHT_START, f'<b style="{HIGHLIGHT_STYLE}">')
            .replace(HIGHLIGHT_END, "</b>"))


def plain_snippet(snippet: str) -> str:
    return redact_numbers(snippet).replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")


class SearchModel(QAbstractListModel):
    """The hits of the last search; ``DisplayRole`` is plain text, ``HTML_ROLE`` the highlighted rich text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hits: list[SearchHit] = []
        self.grid_names: dict[str, str] = {}

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self.hits = hits
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.hits)

    def heading(self, hit: SearchHit) -> str:
        """Date, weekday, category (or "day page") and grid of a hit."""
        day = QLocale().toString(qdate(hit.day), "yyyy-MM-dd dddd")
        category = CATEGORIES.get(hit.category, "") if hit.item_id else self.tr("Day page")
        grid = self.grid_names.get(hit.grid_code, hit.grid_code)
        return "  ·  ".join(part for part in (day, category, grid) if part)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{self.heading(hit)}\n{plain_snippet(hit.snippet)}"
        if role == HTML_ROLE:
            return (f'<div style="color:#5f6368">{html.escape(self.heading(hit))}</div>'
                    f"<div>{snippet_html(hit.snippet)}</div>")
        if role == HIT_ROLE:
            return hit
        return None


class RichTextDelegate(QStyledItemDelegate):
    """Paints an item's ``HTML_ROLE`` rich text (already escaped) with the view's selection colours."""

    def document(self, option: QStyleOptionViewItem, index: AnyIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(PADDING)
        doc.setDefaultFont(option.font)
        doc.setHtml(index.data(HTML_ROLE) or "")
        doc.setTextWidth(max(50, option.rect.width()))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self.document(option, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(0, 0, option.rect.width(), option.rect.height())
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802 - Qt override
        view = option.widget
        width = view.viewport().width() if isinstance(view, QListView) else option.rect.width()
        opt = QStyleOptionViewItem(option)
        opt.rect.setWidth(width)
        doc = self.document(opt, index)
        return QSize(width, int(doc.size().height()) + 1)


class DiarySearchPage(QWidget):
    """``openDay(day_id)`` asks the diary area to show the day of a hit."""

    openDay = Signal(str)  # noqa: N815 - Qt signal naming

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._pending: set[Operation] = set()
        self._generation = 0
        self.my_grids: list[str] = []
        self.choices: Choices | None = None
        self.last_query = ""

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("diary_search")
        self.search_edit.setPlaceholderText(self.tr("Search the diary: place, what happened, what was done…"))
        self.search_edit.setClearButtonEnabled(True)
        self.count_label = QLabel(self.tr("Type at least two characters."))
        self.count_label.setObjectName("count_label")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.model = SearchModel(self)
        self.delegate = RichTextDelegate(self)
        self.view = QListView()
        self.view.setObjectName("search_results")
        self.view.setModel(self.model)
        self.view.setItemDelegate(self.delegate)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)  # heights follow the width on resize
        self.view.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addWidget(self.count_label)
        layout.addWidget(self.view, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(lambda: self.search(typed=True))
        self.search_edit.textChanged.connect(lambda _text: self._debounce.start())
        self.search_edit.returnPressed.connect(lambda: self.search(typed=False))
        self.view.activated.connect(self._activated)
        self._run(load_choices, context.store, success=self._choices_loaded)

    @property
    def busy(self) -> bool:
        return bool(self._pending) or self._debounce.isActive()

    def _run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Operation:
        op = run_op(self, fn, *args, **kwargs)
        self._pending.add(op)
        op.finished.connect(lambda: self._pending.discard(op))
        return op

    def _choices_loaded(self, choices: Choices) -> None:
        assert self.context.user is not None
        self.choices = choices
        self.model.grid_names = dict(choices.grids)
        self.my_grids = my_grid_codes(self.context.user, [code for code, _ in choices.grids])
        if self.search_edit.text().strip():
            self.search(typed=False)

    def search(self, *, typed: bool = False) -> Operation | None:
        """Search for the box's text (as typed: only from ``MIN_TYPED`` characters on)."""
        self._debounce.stop()
        query = " ".join(self.search_edit.text().split())
        if self.choices is None:
            return None  # searched once the grids are known
        if not query or (typed and len(query) < MIN_TYPED):
            self._generation += 1
            self.last_query = ""
            self.model.set_hits([])
            self.count_label.setText(self.tr("Type at least two characters."))
            return None
        self._generation += 1
        generation = self._generation
        self.count_label.setText(self.tr("Searching…"))
        return self._run(diary_queries.search, self.context.store, query, self.my_grids, limit=RESULT_LIMIT,
                         success=lambda hits: self._found(generation, query, hits))

    def _found(self, generation: int, query: str, hits: list[SearchHit]) -> None:
        if generation != self._generation:
            return  # the user typed on meanwhile
        self.last_query = query
        self.model.set_hits(hits)
        if not hits:
            self.count_label.setText(self.tr("Nothing found for “{query}”.").format(query=query))
        elif len(hits) >= RESULT_LIMIT:
            self.count_label.setText(self.tr("The newest {n} results for “{query}”; add a word to narrow the search.")
                                     .format(n=len(hits), query=query))
        else:
            self.count_label.setText(self.tr("%n result(s)", "", len(hits)))
        if hits:
            self.view.scrollToTop()

    def _activated(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if hit is not None:
            self.openDay.emit(hit.day_id)
