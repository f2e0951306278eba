"""The bound case file (卷宗, 一案一卷): cover, table of contents listing the documents present with
their first page, each document on its own pages, and the back cover (封底) with the page count.

The contents need page numbers known only after layout. Instead of laying the file out twice, it
is laid out once: a zero-size marker notes the page each document starts on, each page-number cell
of the contents notes where it was drawn, and the canvas, which keeps every page until the end
(``NumberedCanvas``, for "第 X 页 共 Y 页"), writes the numbers in those places when it saves.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from gridstation.domain.mediation_views import CaseFile
from gridstation.reports.fonts import MAIN_FONT, paragraph_markup
from gridstation.reports.mediation_agreement_pdf import agreement_story
from gridstation.reports.mediation_documents import (
    investigation_story,
    registration_story,
    session_story,
    termination_story,
    transition_day,
    visit_story,
)
from gridstation.reports.mediation_forms import (
    FRAME_HEIGHT,
    LABEL_FILL,
    cn_date,
    form_styles,
    form_table,
    local_minutes,
    p,
    stack_height,
)
from gridstation.reports.pdf_base import NumberedCanvas, StationDocTemplate

Target = str | os.PathLike[str] | IO[bytes]
RETENTION = "长期"


def documents(case: CaseFile) -> list[tuple[str, Callable[[], list[Flowable]]]]:
    """The documents present in the case, in filing order: (name, story builder). A record a case
    may hold several of is named with its date (调解记录（2026年11月20日）), so the list and the
    table of contents tell them apart."""
    docs: list[tuple[str, Callable[[], list[Flowable]]]] = [("受理登记表", lambda: registration_story(case))]

    def dated(name: str, moment: str) -> str:
        when = local_minutes(moment)
        return f"{name}（{cn_date(when.date())}）" if when else name

    for s in case.sessions:
        if s.kind == "investigation":
            docs.append((dated("调查记录", s.started_at),
                         lambda s=s: investigation_story(case, s)))  # type: ignore[misc]
    for s in case.sessions:
        if s.kind == "session":
            docs.append((dated("调解记录", s.started_at), lambda s=s: session_story(case, s)))  # type: ignore[misc]
    if case.agreement is not None:
        name = "调解协议书" if case.agreement.kind == "written" else "口头调解协议记录"
        docs.append((name, lambda: agreement_story(case)))
    if case.state in {"terminated", "withdrawn", "closed", "archived"} and case.termination_reason:
        docs.append(("卷宗情况说明", lambda: termination_story(case)))  # or the withdrawal's (撤回)
    for v in case.visits:
        docs.append((f"回访记录（{cn_date(v.visited_on)}）", lambda v=v: visit_story(case, v)))  # type: ignore[misc]
    return docs


class _Mark(Flowable):  # type: ignore[misc]
    """Notes the page the next document starts on."""

    def __init__(self, key: int, pages: dict[int, int]) -> None:
        super().__init__()
        self.key, self.pages = key, pages

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.pages[self.key] = self.canv.getPageNumber()


@dataclass
class _Deferred:
    """Text that needs page numbers, drawn by the canvas once every page is laid out."""

    pages: dict[int, int] = field(default_factory=dict)  # document index -> first page
    spots: list[tuple[int, float, float, str, int | None]] = field(default_factory=list)  # page, x, y, text, key


class _PageRef(Flowable):  # type: ignore[misc]
    """A placeholder for ``text`` with ``{n}`` = the first page of document ``key`` (``None``: the
    page count); remembers where it was drawn."""

    def __init__(self, deferred: _Deferred, text: str, key: int | None, height: float = 14) -> None:
        super().__init__()
        self.deferred, self.text, self.key, self.height = deferred, text, key, height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, self.height

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 3)
        self.deferred.spots.append((self.canv.getPageNumber(), x, y, self.text, self.key))


class _FileCanvas(NumberedCanvas):
    deferred: _Deferred

    def _draw_page_number(self, total: int) -> None:
        super()._draw_page_number(total)
        spots = [spot for spot in self.deferred.spots if spot[0] == self._pageNumber]
        if spots:
            self.saveState()
            self.setFont(MAIN_FONT, form_styles().cell.fontSize)
            for _page, x, y, text, key in spots:
                value = total if key is None else self.deferred.pages.get(key, "")
                self.drawString(x, y, text.format(n=value))
            self.restoreState()


def _mediation_dates(case: CaseFile) -> str:
    start = case.accepted_on or case.registered_on
    end = case.closed_on or \
        (transition_day(case, case.state) if case.state in {"terminated", "withdrawn"} else None) or \
        (case.agreement.effective_on if case.agreement else None)
    return f"{cn_date(start)} 至 {cn_date(end)}" if end else f"{cn_date(start)} 起"


def _cover(case: CaseFile, filed_by: str) -> list[Flowable]:
    """The cover, on one page: the blank space around the table gives way to a long case name."""
    s = form_styles()
    from reportlab.lib.styles import ParagraphStyle

    big = ParagraphStyle("m_cover", s.title, fontSize=30, leading=40, spaceAfter=8)
    rows = [["案件名称", case.title], ["卷宗编号", case.case_no], ["人民调解员", case.mediators],
            ["调解日期", _mediation_dates(case)], ["立卷人", filed_by], ["立卷日期", cn_date(case.archived_on or
                                                                                case.closed_on)],
            ["保管期限", RETENTION]]
    top: list[Flowable] = [p(case.committee_name, s.title), Spacer(1, 6 * mm), p("人民调解卷宗", big)]
    table = form_table(rows, widths=[35 * mm, 110 * mm], min_heights=dict.fromkeys(range(7), 30))
    bottom = p(f"{case.grid_name}", s.number)
    free = FRAME_HEIGHT - stack_height([*top, table, bottom]) - 2 * mm  # 2 mm to spare
    scale = max(0.0, min(1.0, free / COVER_SPACE))
    return [Spacer(1, 30 * mm * scale), *top, Spacer(1, 25 * mm * scale), table, Spacer(1, 30 * mm * scale),
            bottom]


COVER_SPACE = 85 * mm  # the cover's blank space when the case name is short


def _contents(names: list[str], deferred: _Deferred) -> list[Flowable]:
    s = form_styles()
    rows: list[list[Any]] = [["序号", "材料名称", "页码", "备注"], ["1", "卷宗封面", "1", ""],
                             ["2", "卷内目录", "2", ""]]
    rows += [[str(i + 3), name, _PageRef(deferred, "{n}", i), ""] for i, name in enumerate(names)]
    rows.append([str(len(names) + 3), "封底", _PageRef(deferred, "{n}", None), ""])
    cells = [[Paragraph(paragraph_markup(c), s.cell) if isinstance(c, str) else c for c in row] for row in rows]
    style = TableStyle([("GRID", (0, 0), (-1, -1), 0.7, colors.black), ("FONTNAME", (0, 0), (-1, -1), MAIN_FONT),
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BACKGROUND", (0, 0), (-1, 0), LABEL_FILL),
                        ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)])
    return [p("卷内目录", s.title), Spacer(1, 4 * mm),
            Table(cells, colWidths=[18 * mm, 95 * mm, 25 * mm, 36 * mm], style=style, repeatRows=1)]


def _back(deferred: _Deferred) -> list[Flowable]:
    s = form_styles()
    return [Spacer(1, 150 * mm), _PageRef(deferred, "本卷共 {n} 页（含封面、目录及封底）。", None, 20),
            p("立卷人：__________　　检查人：__________", s.body)]


class _CaseFileDoc(StationDocTemplate):
    def __init__(self, target: Target, **kw: object) -> None:
        super().__init__(target, **kw)  # type: ignore[arg-type]
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="cover")
        self.pageTemplates.insert(0, PageTemplate(id="cover", frames=[frame], onPage=_blank))


def _blank(canvas: Canvas, doc: BaseDocTemplate) -> None:
    return None


def _story(case: CaseFile, filed_by: str, deferred: _Deferred) -> list[Flowable]:
    docs = documents(case)
    story: list[Flowable] = [*_cover(case, filed_by), NextPageTemplate("page"), PageBreak(),
                             *_contents([name for name, _ in docs], deferred)]
    for i, (_name, build) in enumerate(docs):
        story += [PageBreak(), _Mark(i, deferred.pages), *build()]
    story += [PageBreak(), *_back(deferred)]
    return story


def render_case_file(path: Target, case: CaseFile, *, station_name: str, filed_by: str = "",
                     generated_at: datetime | None = None) -> int:
    """Write the bound case file; returns its page count."""
    deferred = _Deferred()
    canvas_class = type("_CaseFileCanvas", (_FileCanvas,), {"deferred": deferred})
    doc = _CaseFileDoc(path, title=f"人民调解卷宗 {case.case_no}", station_name=station_name,
                       generated_at=generated_at or datetime.now())
    doc.build(_story(case, filed_by or case.mediators, deferred), canvasmaker=canvas_class)
    return int(doc.page)


def render_document(path: Target, case: CaseFile, name: str, *, station_name: str,
                    generated_at: datetime | None = None, index: int = 0) -> int:
    """One document of the case (the ``index``-th of that name), e.g. ``"调解协议书"``; a dated
    record by its full name (``"调解记录（2026年11月20日）"``) or by its kind (``"调解记录"``)."""
    from gridstation.reports.pdf_base import build_pdf

    matching = [build for n, build in documents(case) if n == name or n.startswith(name + "（")]
    if not matching:
        raise ValueError(f"the case has no {name}")
    return build_pdf(path, title=f"{name} {case.case_no}", station_name=station_name,
                     story=matching[index](), generated_at=generated_at)
