"""Mediation printouts: the agreement (调解协议书) and a 100-page bound case file (卷宗), each beside a
plain reportlab document of the same page count built in the same run (SimpleDocTemplate, the same
CJK font, a title and full pages of body paragraphs; no header, footer, forms, QR or escaping)."""

from __future__ import annotations

import io
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from gridstation.domain.mediation_views import CaseFile
from gridstation.reports.fonts import register_main_font
from gridstation.reports.mediation_casefile import render_case_file, render_document
from gridstation.reports.mediation_sample import SPEECH, sample_case
from gridstation.reports.pdf_base import report_styles

AGREEMENT_RUNS = 9
CASEFILE_RUNS = 3
CASEFILE_PAGES = 100
STATION = "新兴社区第一网格服务站"
AT = datetime(2026, 12, 10, 9, 0)
LINES_PER_PAGE = 24


def plain_reportlab(pages: int, out: io.BytesIO) -> int:
    """The floor: ``pages`` pages of CJK paragraphs in the same font, one title each."""
    styles = report_styles()
    story = []
    for n in range(pages):
        story.append(Paragraph(f"第{n + 1}页", styles.title))
        story += [Paragraph(SPEECH[i % len(SPEECH)][1], styles.body) for i in range(LINES_PER_PAGE)]
        if n < pages - 1:
            story.append(PageBreak())
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=24 * mm,
                            bottomMargin=20 * mm)
    doc.build(story)
    return int(doc.page)


def _ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def _paired(ours: Callable[[], object], floor: Callable[[], object], runs: int) -> tuple[float, float]:
    ours()  # warm-up: fonts, glyph tables
    floor()
    ours_ms, floor_ms = [], []
    for _ in range(runs):  # interleaved, so machine noise hits both alike
        ours_ms.append(_ms(ours))
        floor_ms.append(_ms(floor))
    return statistics.median(ours_ms), statistics.median(floor_ms)


def _case_with_pages(target: int) -> tuple[CaseFile, int]:
    """A sample case whose bound file has at least ``target`` pages (sessions of 40 statements)."""
    sessions = 10
    while True:
        case = sample_case(sessions=sessions, statements_per_session=40)
        pages = render_case_file(io.BytesIO(), case, station_name=STATION, generated_at=AT)
        if pages >= target:
            return case, pages
        sessions = max(sessions + 1, sessions * target // pages)


def run() -> Iterator[dict[str, object]]:
    register_main_font()
    case = sample_case()
    agreement_pages = render_document(io.BytesIO(), case, "调解协议书", station_name=STATION, generated_at=AT)
    ours, floor = _paired(
        lambda: render_document(io.BytesIO(), case, "调解协议书", station_name=STATION, generated_at=AT),
        lambda: plain_reportlab(agreement_pages, io.BytesIO()), AGREEMENT_RUNS)
    yield {"name": "mediation_agreement_pdf_ms", "value": round(ours, 1), "unit": "ms", "goal": "< 300",
           "note": f"median of {AGREEMENT_RUNS} runs; three parties, four clauses, QR code; {agreement_pages} pages"}
    yield {"name": "mediation_agreement_baseline_ms", "value": round(floor, 1), "unit": "ms",
           "note": f"plain reportlab, {agreement_pages} pages of CJK paragraphs, same font"}

    big, pages = _case_with_pages(CASEFILE_PAGES)
    ours, floor = _paired(lambda: render_case_file(io.BytesIO(), big, station_name=STATION, generated_at=AT),
                          lambda: plain_reportlab(pages, io.BytesIO()), CASEFILE_RUNS)
    yield {"name": "mediation_casefile_pdf_ms", "value": round(ours, 1), "unit": "ms", "goal": "< 5000",
           "note": f"median of {CASEFILE_RUNS} runs; {pages}-page case file, one layout pass"}
    yield {"name": "mediation_casefile_baseline_ms", "value": round(floor, 1), "unit": "ms",
           "note": f"plain reportlab, {pages} pages of CJK paragraphs, same font, one pass"}


if __name__ == "__main__":
    for figure in run():
        sys.stdout.write(json.dumps(figure, ensure_ascii=False) + "\n")
