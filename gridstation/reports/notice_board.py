"""Notice-board materials (公示栏, domain.md §9), one page each on A4 or A3: the grid information
card, the service checklist poster, legal-publicity sheets in three layouts, and the monthly public
summary. Inputs are the public types below; every builder passes all their texts through
``PublicDataGuard`` before anything is drawn (see ``notice_board_base``).
"""

from __future__ import annotations

import io
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Image, Paragraph, Spacer, Table, TableStyle

from gridstation.domain.services import CatalogueItem
from gridstation.reports.fonts import MAIN_FONT, paragraph_markup
from gridstation.reports.notice_board_base import (
    MARGIN,
    PersonalLookup,
    PosterTooLong,
    PublicDataGuard,
    Sheet,
    Target,
    issued_text,
    paper_size,
    public_texts,
    render_pages,
    render_poster,
)

RED = colors.HexColor("#B22222")
PALE = colors.HexColor("#FBEFEF")
GRID_LINE = colors.HexColor("#9A9A9A")
Personal = Collection[str] | PersonalLookup  # the residents' personal values the guard must not print
LEGAL_LAYOUTS = {"banner": "横幅标题式", "columns": "双栏式", "qa": "问答式"}
# A service list that would print smaller than this on one page (cells under about 7 pt) continues on more
# pages instead.
CHECKLIST_MIN_SCALE = 0.76


@dataclass(frozen=True)
class PublicLeader:
    """A grid leader as the public sees them: work phone, duties, photo (JPEG/PNG bytes, checked)."""

    name: str
    role: str  # e.g. "网格长（A角）", "代岗网格员（B角）"
    phone: str
    duties: tuple[str, ...] = ()
    photo: bytes | None = None


@dataclass(frozen=True)
class GridCard:
    station_name: str
    grid_name: str
    area: str
    opening_hours: str
    leaders: tuple[PublicLeader, ...]
    supervision_phone: str = ""


@dataclass(frozen=True)
class ChecklistPoster:
    station_name: str
    items: tuple[CatalogueItem, ...]
    opening_hours: str = ""
    contact_phone: str = ""
    title: str = "便民服务清单"


@dataclass(frozen=True)
class LegalSection:
    heading: str
    body: str


@dataclass(frozen=True)
class LegalSheet:
    station_name: str
    layout: str  # a key of LEGAL_LAYOUTS
    title: str
    sections: tuple[LegalSection, ...]
    slogan: str = ""


@dataclass(frozen=True)
class PublicSummary:
    """The month's work in counts only: (label, count, unit) lines under headings."""

    station_name: str
    year: int
    month: int
    groups: tuple[tuple[str, tuple[tuple[str, int, str], ...]], ...]
    supervision_phone: str = ""  # where residents give the feedback the sheet invites


# -- styles ---------------------------------------------------------------------------------------

def _style(sheet: Sheet, size: float, *, leading: float = 1.45, centre: bool = False, color: object = None,
           after: float = 0) -> ParagraphStyle:
    return ParagraphStyle(
        f"p{size}", fontName=MAIN_FONT, fontSize=sheet.pt(size), leading=sheet.pt(size * leading), wordWrap="CJK",
        alignment=TA_CENTER if centre else 0, textColor=color or colors.black, spaceAfter=sheet.pt(after),
    )


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(paragraph_markup(text), style)


def _title_band(sheet: Sheet, title: str, subtitle: str = "") -> list[Flowable]:
    width = paper_size(sheet.paper)[0] - 2 * MARGIN
    rows = [[_p(title, _style(sheet, 30, leading=1.3, centre=True, color=colors.white))]]
    if subtitle:
        rows.append([_p(subtitle, _style(sheet, 13, centre=True, color=colors.white))])
    band = Table(rows, colWidths=[width], style=TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), RED), ("TOPPADDING", (0, 0), (-1, -1), sheet.pt(5)),
        ("BOTTOMPADDING", (0, 0), (-1, -1), sheet.pt(6)),
    ]))
    return [band, Spacer(1, sheet.pt(10))]


def _grid_table(rows: list[list[object]], widths: list[float], sheet: Sheet, *, header: bool = True) -> Table:
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.6, GRID_LINE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), sheet.pt(2.5)), ("BOTTOMPADDING", (0, 0), (-1, -1), sheet.pt(3.5)),
        ("LEFTPADDING", (0, 0), (-1, -1), sheet.pt(3)), ("RIGHTPADDING", (0, 0), (-1, -1), sheet.pt(3)),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), PALE))
    return Table(rows, colWidths=widths, style=TableStyle(commands), hAlign="CENTER")


def _content_width(sheet: Sheet) -> float:
    return paper_size(sheet.paper)[0] - 2 * MARGIN


def _guarded(document: object, personal: Personal, allowed: Collection[str] = ()) -> None:
    PublicDataGuard(personal, allowed).check(public_texts(document))


# -- grid information card ------------------------------------------------------------------------

def _leader_block(sheet: Sheet, leader: PublicLeader, width: float) -> Table:
    photo_w, photo_h = sheet.pt(70), sheet.pt(92)
    if leader.photo:
        picture: Flowable = Image(io.BytesIO(leader.photo), width=photo_w, height=photo_h, kind="proportional")
    else:
        picture = Table([[_p("照片", _style(sheet, 11, centre=True, color=GRID_LINE))]], colWidths=[photo_w],
                        rowHeights=[photo_h], style=TableStyle([("BOX", (0, 0), (-1, -1), 0.6, GRID_LINE),
                                                                ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    label = _style(sheet, 13)
    text = [_p(f"{leader.role}：{leader.name}", _style(sheet, 17, after=3)),
            _p(f"联系电话：{leader.phone or '—'}", label)]
    if leader.duties:
        text.append(_p("工作职责：", label))
        text += [_p(f"{n}. {duty}", _style(sheet, 12)) for n, duty in enumerate(leader.duties, start=1)]
    return Table([[picture, text]], colWidths=[photo_w + sheet.pt(12), width - photo_w - sheet.pt(12)],
                 style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOX", (0, 0), (-1, -1), 0.8, GRID_LINE),
                                   ("TOPPADDING", (0, 0), (-1, -1), sheet.pt(6)),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), sheet.pt(6)),
                                   ("LEFTPADDING", (0, 0), (-1, -1), sheet.pt(6))]))


def render_grid_card(target: Target, card: GridCard, *, paper: str, personal: Personal,
                     issued: date) -> float:
    """网格信息公示牌: grid, area, A and B leaders with photo, phone and duties, opening hours."""
    _guarded(card, personal, allowed={leader.name for leader in card.leaders})

    def story(sheet: Sheet) -> list[Flowable]:
        width = _content_width(sheet)
        flow = _title_band(sheet, "网格信息公示", f"{card.station_name}　{card.grid_name}")
        body = _style(sheet, 13, after=4)
        if card.area.strip():  # an empty "网格范围：" line looks like a misprint
            flow += [_p(f"网格范围：{card.area}", body), Spacer(1, sheet.pt(6))]
        for leader in card.leaders:
            flow += [_leader_block(sheet, leader, width), Spacer(1, sheet.pt(8))]
        if card.opening_hours.strip():
            flow.append(_p(f"服务时间：{card.opening_hours}", body))
        if card.supervision_phone:
            flow.append(_p(f"监督电话：{card.supervision_phone}", body))
        flow.append(_p("小事不出格　大事不出街　矛盾不上交", _style(sheet, 15, centre=True, color=RED)))
        return flow

    return render_poster(target, paper=paper, title=f"网格信息公示 {card.grid_name}", author=card.station_name,
                         footer=lambda sheet: issued_text(card.station_name, issued), story=story)


# -- service checklist poster ---------------------------------------------------------------------

def render_checklist_poster(target: Target, poster: ChecklistPoster, *, paper: str, personal: Personal,
                            issued: date) -> float:
    """便民服务清单: every offered item by category with materials, time limit and proxy. One page while
    its cells stay readable (``CHECKLIST_MIN_SCALE``); a longer list continues on further pages, the
    table's header repeated, each page numbered."""
    _guarded(poster, personal)

    def story(sheet: Sheet) -> list[Flowable]:
        width = _content_width(sheet)
        flow = _title_band(sheet, poster.title, poster.station_name)
        head, cell, small = _style(sheet, 10.5, centre=True), _style(sheet, 9.5), _style(sheet, 8.5)
        rows: list[list[object]] = [[_p(t, head) for t in ("类别", "序号", "服务事项", "所需材料", "办理时限", "代办")]]
        spans: list[tuple[object, ...]] = []
        number = 0
        for category, items in groupby(poster.items, key=lambda i: i.category):
            first = len(rows)
            for item in items:
                number += 1
                rows.append([_p(category, cell), _p(str(number), cell), _p(item.name, cell),
                             _p("、".join(item.materials) or "无需材料", small), _p(item.time_limit_text, cell),
                             _p("可代办" if item.proxy else "帮办", cell)])
            if len(rows) - first > 1:
                spans.append(("SPAN", (0, first), (0, len(rows) - 1)))
        fractions = (0.11, 0.06, 0.27, 0.34, 0.13, 0.09)
        table = _grid_table(rows, [width * f for f in fractions], sheet)
        table.repeatRows = 1
        table.setStyle(TableStyle([*spans, ("VALIGN", (0, 1), (0, -1), "MIDDLE")]))
        flow += [table, Spacer(1, sheet.pt(8))]
        contact = "　".join(t for t in (f"服务时间：{poster.opening_hours}" if poster.opening_hours else "",
                                        f"咨询电话：{poster.contact_phone}" if poster.contact_phone else "") if t)
        if contact:
            flow.append(_p(contact, _style(sheet, 12, centre=True)))
        return flow

    def footer(sheet: Sheet) -> str:
        return issued_text(poster.station_name, issued)

    try:
        return render_poster(target, paper=paper, title=poster.title, author=poster.station_name, footer=footer,
                             story=story, smallest=CHECKLIST_MIN_SCALE)
    except PosterTooLong:
        render_pages(target, paper=paper, title=poster.title, author=poster.station_name, footer=footer, story=story,
                     scale=1.0)
        return 1.0


# -- legal publicity ------------------------------------------------------------------------------

def _legal_story(sheet: Sheet, doc: LegalSheet) -> list[Flowable]:
    width = _content_width(sheet)
    heading, body = _style(sheet, 16, color=RED, after=3), _style(sheet, 12.5, leading=1.6, after=6)
    if doc.layout == "banner":
        flow = _title_band(sheet, doc.title, "法治宣传")
        for section in doc.sections:
            flow += [_p(section.heading, heading), _p(section.body, body)]
    elif doc.layout == "columns":
        flow = _title_band(sheet, doc.title, "法治宣传栏")
        cells = [[_p(s.heading, heading), _p(s.body, body)] for s in doc.sections]
        rows = [cells[i:i + 2] + ([[]] if i + 1 >= len(cells) else []) for i in range(0, len(cells), 2)]
        flow.append(Table(rows, colWidths=[width / 2] * 2, style=TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.5, GRID_LINE),
            ("LEFTPADDING", (0, 0), (-1, -1), sheet.pt(6)), ("RIGHTPADDING", (0, 0), (-1, -1), sheet.pt(6))])))
    elif doc.layout == "qa":
        flow = _title_band(sheet, doc.title, "以案释法 · 法律问答")
        for section in doc.sections:
            flow.append(_grid_table([[_p("问", _style(sheet, 16, centre=True, color=colors.white)),
                                      _p(section.heading, _style(sheet, 13.5))],
                                     [_p("答", _style(sheet, 16, centre=True, color=RED)), _p(section.body, body)]],
                                    [sheet.pt(30), width - sheet.pt(30)], sheet, header=False))
            flow[-1].setStyle(TableStyle([("BACKGROUND", (0, 0), (0, 0), RED)]))
            flow.append(Spacer(1, sheet.pt(8)))
    else:
        raise ValueError(f"unknown legal layout {doc.layout!r}")
    if doc.slogan:
        flow.append(Spacer(1, sheet.pt(6)))
        flow.append(_p(doc.slogan, _style(sheet, 15, centre=True, color=RED)))
    return flow


def render_legal_sheet(target: Target, doc: LegalSheet, *, paper: str, personal: Personal,
                       issued: date) -> float:
    """法治宣传 sheet in one of ``LEGAL_LAYOUTS`` with the station's own text."""
    _guarded(doc, personal)
    return render_poster(target, paper=paper, title=doc.title, author=doc.station_name,
                         footer=lambda sheet: issued_text(doc.station_name, issued),
                         story=lambda sheet: _legal_story(sheet, doc))


# -- monthly public summary -----------------------------------------------------------------------

def render_public_summary(target: Target, summary: PublicSummary, *, paper: str, personal: Personal,
                          issued: date) -> float:
    """本月工作公示: counts of work done, services handled and disputes resolved. Counts only."""
    _guarded(summary, personal)

    def story(sheet: Sheet) -> list[Flowable]:
        width = _content_width(sheet)
        flow = _title_band(sheet, f"{summary.year}年{summary.month}月工作公示", summary.station_name)
        head, cell = _style(sheet, 13, centre=True), _style(sheet, 13)
        number = _style(sheet, 15, centre=True, color=RED)
        for heading, lines in summary.groups:
            flow.append(_p(heading, _style(sheet, 16, after=4)))
            rows: list[list[object]] = [[_p("项目", head), _p("数量", head)]]
            rows += [[_p(label, cell), _p(f"{count} {unit}", number)] for label, count, unit in lines]
            flow += [_grid_table(rows, [width * 0.65, width * 0.35], sheet), Spacer(1, sheet.pt(10))]
        invitation = "欢迎居民群众监督，提出意见建议。"
        if summary.supervision_phone.strip():
            invitation += f"监督电话：{summary.supervision_phone}"
        flow.append(_p(invitation, _style(sheet, 12.5, centre=True)))
        return flow

    return render_poster(target, paper=paper, title=f"{summary.year}年{summary.month}月工作公示",
                         author=summary.station_name, footer=lambda sheet: issued_text(summary.station_name, issued),
                         story=story)
