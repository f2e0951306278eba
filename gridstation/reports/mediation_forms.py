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
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from gridstation.domain.mediation import SIDES
from gridstation.domain.mediation_parties import party_line
from gridstation.domain.mediation_views import CaseFile, PartyView
from gridstation.reports.fonts import MAIN_FONT, paragraph_markup
from gridstation.reports.pdf_base import CONTENT_WIDTH, MARGIN_BOTTOM, MARGIN_TOP, PAGE_HEIGHT, report_styles

LABEL_FILL = colors.HexColor("#F3F4F6")
LABEL_WIDTH = 28 * mm
CELL_PADDING_TOP, CELL_PADDING_BOTTOM = 5, 6
CELL_PADDING_X = 6  # reportlab's default left and right cell padding
RULE = 0.7
MAX_ROW_HEIGHT = 240  # a row taller than this continues over several table rows …
PIECE_LINES = 6  # … of this many lines each
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - 12  # a page's frame, less its padding
FRAME_WIDTH = CONTENT_WIDTH - 12
TAIL_LINES = 3  # the lines of a long paragraph kept on the page of the signatures under it


@dataclass(frozen=True)
class FormStyles:
    title: ParagraphStyle
    number: ParagraphStyle
    body: ParagraphStyle
    indent: ParagraphStyle
    cell: ParagraphStyle
    label: ParagraphStyle
    heading: ParagraphStyle
    caption: ParagraphStyle  # small print under the agreement's QR code


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
            caption=ParagraphStyle("m_caption", cell, fontSize=7.5, leading=10),
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
    """A ruled form: label cells shaded and centred, value cells left. ``rows`` hold plain text;
    ``spans`` are reportlab ``("SPAN", (first, row), (last, row))`` commands within one row.

    ``min_heights`` are minimum row heights (room to write by hand, the official look): a row whose
    text needs more grows. A row too tall to move whole to the next page continues over several
    table rows with no rule between them, so the table breaks between pages at a line of text
    (reportlab's own splitting inside a row misplaces text in spanned cells)."""
    s = form_styles()
    n = len(rows[0])
    widths = list(widths) if widths else [LABEL_WIDTH, CONTENT_WIDTH - LABEL_WIDTH] if n == 2 else \
        [LABEL_WIDTH, CONTENT_WIDTH / 2 - LABEL_WIDTH] * 2
    span_ends: dict[int, dict[int, int]] = {}
    for span in spans:
        if span[0] != "SPAN" or span[1][1] != span[2][1]:
            raise ValueError(f"form_table takes spans within one row, not {span}")
        span_ends.setdefault(span[1][1], {})[span[1][0]] = span[2][0]
    commands: list[tuple[Any, ...]] = [
        ("BOX", (0, 0), (-1, -1), RULE, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), MAIN_FONT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING_TOP),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING_BOTTOM),
        *(("BACKGROUND", (c, 0), (c, -1), LABEL_FILL) for c in label_cols),
    ]
    data: list[list[Any]] = []
    heights: list[float | None] = []
    for r, row in enumerate(rows):
        ends = span_ends.get(r, {})
        covered = {c for first, last in ends.items() for c in range(first + 1, last + 1)}
        starts = [c for c in range(n) if c not in covered]
        pieces = {c: _pieces(Paragraph(paragraph_markup(row[c]), s.label if c in label_cols else s.cell),
                             sum(widths[c:ends.get(c, c) + 1]) - 2 * CELL_PADDING_X) for c in starts}
        count = max(len(v) for v in pieces.values())
        top = len(data)
        for j in range(count):
            data.append([pieces[c][j] if c in pieces and j < len(pieces[c]) else "" for c in range(n)])
        bottom = len(data) - 1
        for y in range(top, bottom + 1):
            commands += [("SPAN", (first, y), (last, y)) for first, last in ends.items()]
            commands += [("BACKGROUND", (first, y), (last, y), colors.white) for first, last in ends.items()
                         if first not in label_cols]
            commands += [("LINEAFTER", (ends.get(c, c), y), (ends.get(c, c), y), RULE, colors.black)
                         for c in starts if ends.get(c, c) < n - 1]
        commands.append(("LINEBELOW", (0, bottom), (-1, bottom), RULE, colors.black))
        if count > 1:  # one row continued: its lines run on as in one cell
            commands += [("VALIGN", (0, top + 1), (-1, bottom), "TOP"),
                         ("TOPPADDING", (0, top + 1), (-1, bottom), 0),
                         ("BOTTOMPADDING", (0, top), (-1, bottom - 1), 0)]
            heights += [None] * count
        else:
            heights.append(_min_height(list(pieces.values()), minimum=(min_heights or {}).get(r)))
    return Table(data, colWidths=widths, rowHeights=heights, style=TableStyle(commands), hAlign="CENTER",
                 splitByRow=1, splitInRow=0)


def _pieces(cell: Paragraph, width: float) -> list[Paragraph]:
    """The cell's text as one paragraph, or, when taller than ``MAX_ROW_HEIGHT``, in pieces of a few
    lines each."""
    height = cell.wrap(width, 1e6)[1]
    if height <= MAX_ROW_HEIGHT:
        return [cell]
    piece_height = PIECE_LINES * cell.style.leading + 0.5
    out: list[Paragraph] = []
    while height > piece_height:
        parts = cell.split(width, piece_height)
        if len(parts) < 2:
            break
        out.append(parts[0])
        cell = parts[1]
        height = cell.wrap(width, 1e6)[1]
    return [*out, cell]


def _min_height(cells: Sequence[Sequence[Paragraph]], *, minimum: float | None) -> float | None:
    """``minimum`` when the row's text (already wrapped) fits in it, else ``None``: reportlab sizes
    the row to its text (a fixed height would let long text print over the rows below)."""
    if minimum is None:
        return None
    needed = max(cell[0].height for cell in cells) + CELL_PADDING_TOP + CELL_PADDING_BOTTOM
    return minimum if needed <= minimum else None


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
    """Space for the committee's round seal: a dashed circle at the right with the committee's name
    and the date beside it (the name in a smaller size when it is too long for ``width``)."""

    def __init__(self, committee: str, size: float = 42 * mm, width: float = CONTENT_WIDTH) -> None:
        super().__init__()
        self.committee = committee
        self.size = size
        self.width = width

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.size + 4 * mm

    def draw(self) -> None:
        c = self.canv
        x = self.width - self.size - 6 * mm
        name = f"{self.committee}（印章）"
        name_size = min(11.5, (x - 4 * mm) / max(stringWidth(name, MAIN_FONT, 1), 1))
        c.saveState()
        c.setDash(3, 3)
        c.setStrokeColor(colors.HexColor("#999999"))
        c.circle(x + self.size / 2, self.size / 2 + 2 * mm, self.size / 2)
        c.setFont(MAIN_FONT, 9)
        c.setFillColor(colors.HexColor("#999999"))
        c.drawCentredString(x + self.size / 2, self.size / 2, "（盖章处）")
        c.setFillColor(colors.black)
        c.setFont(MAIN_FONT, name_size)
        c.drawRightString(x - 4 * mm, self.size / 2 + 8 * mm, name)
        c.setFont(MAIN_FONT, 11.5)
        c.drawRightString(x - 4 * mm, self.size / 2 - 2 * mm, "    年    月    日")
        c.restoreState()


def stack_height(flowables: Sequence[Flowable], width: float = FRAME_WIDTH) -> float:
    """The height ``flowables`` take one after the other (their space before and after included)."""
    total = 0.0
    for f in flowables:
        total += f.wrap(width, FRAME_HEIGHT)[1] + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def keep_with(lead: Sequence[Flowable], block: Sequence[Flowable]) -> list[Flowable]:
    """``block`` (a signature block) on one page together with ``lead`` (what is signed) when both
    fit on one page; else with the last of ``lead``, or the last lines of it when that is a long
    paragraph: a signature never stands on a page alone. (A ``KeepTogether`` inside another makes the
    outer one always start a new page, so the choice is made here, by measuring.)"""
    lead, block = list(lead), list(block)
    if stack_height([*lead, *block]) <= FRAME_HEIGHT or not lead:
        return [KeepTogether([*lead, *block])]
    last = lead.pop()
    if stack_height([last, *block]) > FRAME_HEIGHT and isinstance(last, Paragraph):
        height = last.wrap(FRAME_WIDTH, FRAME_HEIGHT)[1]
        parts = last.split(FRAME_WIDTH, height - TAIL_LINES * last.style.leading)
        if len(parts) == 2:
            lead.append(parts[0])
            last = parts[1]
    return [*lead, KeepTogether([last, *block])]


def gap(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)
