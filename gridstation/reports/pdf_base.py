"""A4 document base for every GridStation report.

Each page carries the station name and document title as a header, and a footer with
the generation time and "第 X 页 共 Y 页". The total page count is only known once the
story has been laid out, so :class:`NumberedCanvas` keeps every page's state and stamps
the numbers when the document is saved (the usual reportlab "NumberedCanvas" pattern).

All text that may come from users goes through :func:`paragraph`, :func:`title` or
:func:`table`, which escape it via :func:`gridstation.reports.fonts.paragraph_markup`.

Typical use::

    build_pdf(path, title="调解台账", station_name="幸福里网格服务站",
              story=[title("调解台账"), paragraph(note), table(rows)])
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

from reportlab.lib import colors, textsplit
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table, TableStyle
from reportlab.platypus import paragraph as _paragraph_module

from gridstation.reports.fonts import MAIN_FONT, paragraph_markup, register_main_font

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 24 * mm  # room for the header above the frame
MARGIN_BOTTOM = 20 * mm  # room for the footer below the frame
HEADER_BASELINE = PAGE_HEIGHT - 14 * mm
FOOTER_BASELINE = 10 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
RUNNING_FONT_SIZE = 8.5
RULE_COLOR = colors.HexColor("#888888")
HEADER_FILL = colors.HexColor("#E8ECF2")

# Punctuation that may not start a line in Chinese typesetting (避头点). reportlab's CJK wrapping
# (``wordWrap="CJK"``) knows the Japanese set, which has 、。） but not the full-width comma,
# semicolon, colon, question and exclamation marks, closing quotes and brackets: without them a
# line of a printed cell could begin "，联系学校关注". Such a mark now hangs at the end of the line
# before, as 。 does. Both modules hold their own copy of the set.
AVOID_AT_LINE_START = "，；：？！”’》〉」』】〕）％"
textsplit.ALL_CANNOT_START += "".join(c for c in AVOID_AT_LINE_START if c not in textsplit.ALL_CANNOT_START)
_paragraph_module.ALL_CANNOT_START = textsplit.ALL_CANNOT_START


@dataclass(frozen=True)
class ReportStyles:
    """Paragraph styles shared by all reports; all use the bundled CJK font."""

    body: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    cell: ParagraphStyle
    header_cell: ParagraphStyle
    running: ParagraphStyle  # page header and footer


def report_styles() -> ReportStyles:
    """Fresh styles (callers may tweak their copies). Registers the main font."""
    font = register_main_font()
    # wordWrap="CJK" lets lines break between any two hanzi; the default wraps only at spaces.
    body = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK", spaceAfter=6)
    cell = ParagraphStyle("cell", parent=body, fontSize=9.5, leading=13, spaceAfter=0)
    return ReportStyles(
        body=body,
        title=ParagraphStyle("title", parent=body, fontSize=18, leading=24, alignment=TA_CENTER, spaceAfter=12),
        heading=ParagraphStyle("heading", parent=body, fontSize=13, leading=18, spaceBefore=8, spaceAfter=6),
        cell=cell,
        header_cell=ParagraphStyle("header_cell", parent=cell, alignment=TA_CENTER),
        running=ParagraphStyle("running", parent=body, fontSize=RUNNING_FONT_SIZE, leading=11, spaceAfter=0),
    )


def paragraph(user_text: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A paragraph printing ``user_text`` literally (newlines kept), in ``style`` or body style."""
    return Paragraph(paragraph_markup(user_text), style or report_styles().body)


def title(text: str) -> Paragraph:
    """The centred document title."""
    return paragraph(text, report_styles().title)


def heading(text: str) -> Paragraph:
    """A section heading."""
    return paragraph(text, report_styles().heading)


def table(
    rows: Sequence[Sequence[str]],
    col_widths: Sequence[float] | None = None,
    *,
    header: bool = True,
) -> Table:
    """A grid table of user text; the first row is a header repeated on every page.

    Cells wrap within their column (``col_widths`` in points, default equal shares of the
    page width), and a row taller than a page is split across pages rather than failing.
    """
    if not rows:
        raise ValueError("table needs at least one row")
    n_cols = len(rows[0])
    if any(len(row) != n_cols for row in rows):
        raise ValueError("all table rows must have the same number of cells")
    widths = list(col_widths) if col_widths is not None else [CONTENT_WIDTH / n_cols] * n_cols
    if len(widths) != n_cols:
        raise ValueError(f"{len(widths)} column widths given for {n_cols} columns")
    styles = report_styles()
    data = [
        [paragraph(cell, styles.header_cell if header and i == 0 else styles.cell) for cell in row]
        for i, row in enumerate(rows)
    ]
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE_COLOR),
        ("FONTNAME", (0, 0), (-1, -1), MAIN_FONT),  # the cell default, else Helvetica gets referenced
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL), ("VALIGN", (0, 0), (-1, 0), "MIDDLE")]
    return Table(
        data,
        colWidths=widths,
        repeatRows=1 if header else 0,
        splitInRow=1,
        style=TableStyle(commands),
        hAlign="LEFT",
    )


class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no type hints
    """Canvas that stamps "第 X 页 共 Y 页" on every page once the page count is known."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._page_states: list[dict[str, Any]] = []

    def showPage(self) -> None:  # reportlab's camelCase API
        self._page_states.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._page_states)
        for state in self._page_states:
            self.__dict__.update(state)
            self._draw_page_number(total)
            super().showPage()
        super().save()

    def _draw_page_number(self, total: int) -> None:
        self.saveState()
        self.setFont(MAIN_FONT, RUNNING_FONT_SIZE)
        self.drawRightString(PAGE_WIDTH - MARGIN_X, FOOTER_BASELINE, f"第 {self._pageNumber} 页 共 {total} 页")
        self.restoreState()


class StationDocTemplate(BaseDocTemplate):  # type: ignore[misc]
    """A4 portrait, one frame, station header and generation-time footer on every page."""

    def __init__(
        self,
        filename: str | os.PathLike[str] | IO[bytes],
        *,
        title: str,
        station_name: str,
        generated_at: datetime,
        author: str | None = None,
    ) -> None:
        super().__init__(
            os.fspath(filename) if isinstance(filename, str | os.PathLike) else filename,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=title,
            author=author or station_name,
            subject=title,
            creator="GridStation 网格服务站工作台",
            lang="zh-CN",
            initialFontName=MAIN_FONT,  # else an unused, unembedded Helvetica lands in the PDF
        )
        self.station_name = station_name
        self.generated_at = generated_at
        self._running = report_styles().running
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._draw_running)])

    def _draw_running(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        half = CONTENT_WIDTH / 2 - 3 * mm
        station = Paragraph(paragraph_markup(self.station_name), self._running)
        doc_title = Paragraph(paragraph_markup(self.title), ParagraphStyle("r", self._running, alignment=TA_RIGHT))
        for flowable, x in ((station, MARGIN_X), (doc_title, PAGE_WIDTH - MARGIN_X - half)):
            flowable.wrapOn(canvas, half, MARGIN_TOP)
            flowable.drawOn(canvas, x, HEADER_BASELINE - 1)  # a long name wraps upwards
        canvas.saveState()
        canvas.setStrokeColor(RULE_COLOR)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, HEADER_BASELINE - 4, PAGE_WIDTH - MARGIN_X, HEADER_BASELINE - 4)
        canvas.line(MARGIN_X, FOOTER_BASELINE + 11, PAGE_WIDTH - MARGIN_X, FOOTER_BASELINE + 11)
        canvas.setFont(MAIN_FONT, RUNNING_FONT_SIZE)
        canvas.drawString(MARGIN_X, FOOTER_BASELINE, f"生成时间：{self.generated_at:%Y-%m-%d %H:%M}")
        canvas.restoreState()


def build_pdf(
    path: str | os.PathLike[str] | IO[bytes],
    *,
    title: str,
    station_name: str,
    story: Iterable[Flowable],
    generated_at: datetime | None = None,
    author: str | None = None,
) -> int:
    """Write ``story`` as an A4 PDF to ``path`` (or a binary file object); returns the page count.

    ``title`` is both the PDF metadata title and the running header; ``author`` defaults
    to the station name. ``generated_at`` (default: now, local time) is printed in the
    footer; pass it explicitly for reproducible output.
    """
    doc = StationDocTemplate(
        path,
        title=title,
        station_name=station_name,
        generated_at=generated_at or datetime.now(),
        author=author,
    )
    doc.build(list(story), canvasmaker=NumberedCanvas)
    pages: int = doc.page
    return pages
