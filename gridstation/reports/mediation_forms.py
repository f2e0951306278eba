"""Building blocks of the official mediation forms (Ministry of Justice formats as reproduced by
county justice bureaus, domain.md §4): the centred title with the case number under it, ruled
label/value tables, party blocks, signature lines and the seal space.

Every piece of user text goes through ``paragraph_markup`` (escaped, fallback fonts). The legal
documents print ID numbers and phones in full: the parties sign them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from gridstation.domain.mediation import SIDES
from gridstation.domain.mediation_parties import party_line
from gridstation.domain.mediation_views import CaseFile, PartyView
from gridstation.reports.fonts import MAIN_FONT, paragraph_markup
from gridstation.reports.pdf_base import CONTENT_WIDTH, report_styles

LABEL_FILL = colors.HexColor("#F3F4F6")
LABEL_WIDTH = 28 * mm


@dataclass(frozen=True)
class FormStyles:
    title: ParagraphStyle
    number: ParagraphStyle
    body: ParagraphStyle
    indent: ParagraphStyle
    cell: ParagraphStyle
    label: ParagraphStyle
    heading: ParagraphStyle


_STYLES: FormStyles | None = None


def form_styles() -> FormStyles:
    """Shared style objects (built once: reportlab caches per style, which keeps long files fast)."""
    global _STYLES
    if _STYLES is None:
        base = report_styles()
        body = ParagraphStyle("m_body", base.body, fontSize=11.5, leading=20, spaceAfter=4)
        cell = ParagraphStyle("m_cell", base.cell, fontSize=10.5, leading=15)
        _STYLES = FormStyles(
            title=ParagraphStyle("m_title", base.title, fontSize=20, leading=28, spaceAfter=4),
            number=ParagraphStyle("m_number", body, alignment=TA_RIGHT, spaceAfter=10),
            body=body,
            indent=ParagraphStyle("m_indent", body, firstLineIndent=23),
            cell=cell,
            label=ParagraphStyle("m_label", cell, alignment=TA_CENTER),
            heading=ParagraphStyle("m_heading", body, fontSize=12.5, spaceBefore=8, keepWithNext=1),
        )
    return _STYLES


def cn_date(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "    年  月  日"


def local_minutes(iso_text: str) -> datetime | None:
    """A stored ISO time (UTC, from the station's clock) in the station's local time zone."""
    try:
        moment = datetime.fromisoformat(iso_text)
    except ValueError:
        return None
    return moment.astimezone() if moment.tzinfo else moment


def cn_datetime(iso_text: str) -> str:
    """``2026-11-27T01:05:00+00:00`` → ``2026年11月27日 09:05`` on a station in UTC+8."""
    moment = local_minutes(iso_text)
    return f"{moment.year}年{moment.month}月{moment.day}日 {moment:%H:%M}" if moment else iso_text


def heading_block(title_text: str, case_no: str) -> list[Flowable]:
    s = form_styles()
    return [Paragraph(paragraph_markup(title_text), s.title), Paragraph(paragraph_markup(case_no), s.number)]


def p(text: str, style: ParagraphStyle | None = None) -> Paragraph:
    return Paragraph(paragraph_markup(text), style or form_styles().body)


def form_table(rows: Sequence[Sequence[str]], *, label_cols: Sequence[int] = (0,),
               widths: Sequence[float] | None = None, spans: Sequence[tuple[Any, ...]] = (),
               min_heights: dict[int, float] | None = None) -> Table:
    """A ruled form: label cells shaded and centred, value cells left. ``rows`` hold plain text."""
    s = form_styles()
    n = len(rows[0])
    widths = list(widths) if widths else [LABEL_WIDTH, CONTENT_WIDTH - LABEL_WIDTH] if n == 2 else \
        [LABEL_WIDTH, CONTENT_WIDTH / 2 - LABEL_WIDTH] * 2
    data = [[Paragraph(paragraph_markup(c), s.label if i in label_cols else s.cell) for i, c in enumerate(row)]
            for row in rows]
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.7, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), MAIN_FONT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        *(("BACKGROUND", (c, 0), (c, -1), LABEL_FILL) for c in label_cols),
        *spans,
        *(("BACKGROUND", span[1], span[2], colors.white) for span in spans if span[0] == "SPAN"),
    ]
    heights = [min_heights.get(i) if min_heights else None for i in range(len(rows))]
    return Table(data, colWidths=widths, rowHeights=heights, style=TableStyle(commands), hAlign="CENTER",
                 splitInRow=1)


def party_rows(parties: Sequence[PartyView]) -> list[list[str]]:
    """Form rows ``[申请人, full description]`` per party (ID number and phone in full)."""
    return [[SIDES[v.party.side], party_line(v.party, masked=False)] for v in parties]


def party_blocks(case: CaseFile) -> list[Flowable]:
    """The agreement's party paragraphs: "申请人：张三，女，汉族，…"."""
    s = form_styles()
    out: list[Flowable] = []
    for side in ("applicant", "respondent"):
        for view in case.side(side):
            out.append(p(f"{SIDES[side]}：{party_line(view.party, masked=False)}", s.body))
    return out


def signature_table(labels: Sequence[str], *, with_date: bool = True) -> Table:
    """One line per signer: "label：______  年 月 日" (a long label wraps in its column)."""
    s = form_styles()
    rows = [[Paragraph(paragraph_markup(f"{label}："), s.body), "", Paragraph("    年    月    日", s.body)
             if with_date else ""] for label in labels]
    commands: list[tuple[Any, ...]] = [("LINEBELOW", (1, i), (1, i), 0.6, colors.black) for i in range(len(rows))]
    commands += [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("FONTNAME", (0, 0), (-1, -1), MAIN_FONT),
                 ("TOPPADDING", (0, 0), (-1, -1), 14), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    return Table(rows, colWidths=[78 * mm, 50 * mm, CONTENT_WIDTH - 128 * mm], style=TableStyle(commands),
                 hAlign="LEFT")


class SealSpace(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """Space for the committee's round seal: a dashed circle with the committee's name beside it."""

    def __init__(self, committee: str, size: float = 42 * mm) -> None:
        super().__init__()
        self.committee = committee
        self.size = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return CONTENT_WIDTH, self.size + 4 * mm

    def draw(self) -> None:
        c = self.canv
        x = CONTENT_WIDTH - self.size - 6 * mm
        c.saveState()
        c.setDash(3, 3)
        c.setStrokeColor(colors.HexColor("#999999"))
        c.circle(x + self.size / 2, self.size / 2 + 2 * mm, self.size / 2)
        c.setFont(MAIN_FONT, 9)
        c.setFillColor(colors.HexColor("#999999"))
        c.drawCentredString(x + self.size / 2, self.size / 2, "（盖章处）")
        c.setFillColor(colors.black)
        c.setFont(MAIN_FONT, 11.5)
        c.drawRightString(x - 4 * mm, self.size / 2 + 8 * mm, f"{self.committee}（印章）")
        c.drawRightString(x - 4 * mm, self.size / 2 - 2 * mm, "    年    月    日")
        c.restoreState()


def gap(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)
