"""Monthly diary report: ``render_month_report`` on a 1,000-item month, beside plain reportlab
building the same entries table (SimpleDocTemplate + Table of Paragraphs in the same CJK font, no
header, footer, chart or escaping) in the same process."""

from __future__ import annotations

import io
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from gridstation.domain.diary import (
    CATEGORIES,
    DiaryItemView,
    MonthReport,
    summarize,
    week_start,
    weekday_name,
    weeks_of_month,
)
from gridstation.reports.diary_report import MONTH_WIDTHS, category_text, render_month_report
from gridstation.reports.fonts import register_main_font
from gridstation.reports.pdf_base import report_styles

ITEMS = 1000
RUNS = 5
PLACES = ("幸福里小区3号楼", "光明路农贸市场", "社区活动中心", "学府路沿街商铺", "老旧小区7栋", "幼儿园门口")
PROBLEMS = (
    "楼道内堆放杂物，堵塞消防通道，居民反映多次未清理。",
    "独居老人张大爷家中燃气软管老化，存在漏气隐患。",
    "两户邻居因漏水问题发生争执，情绪较为激动，需要尽快协调。",
    "沿街商铺占道经营，影响行人通行，周边居民意见较大。",
    "走访辖区困难家庭，了解近期生活情况与实际需求。",
)
ACTIONS = (
    "现场督促清理，张贴消防安全提示，并告知物业加强巡查。",
    "联系燃气公司上门更换软管，讲解安全使用常识。",
    "耐心听取双方诉求，组织现场调解，约定由物业维修。",
    "劝导商户规范经营，拍照留存并报街道城管中队。",
)


def make_month(items: int = ITEMS, year: int = 2025, month: int = 11) -> MonthReport:
    """A generated month of ``items`` diary items spread over the working days."""
    first = date(year, month, 1)
    days = [first + timedelta(days=i) for i in range(31) if (first + timedelta(days=i)).month == month]
    codes = list(CATEGORIES)
    views = []
    for n in range(items):
        day = days[n * len(days) // items]
        category = codes[n % len(codes)]
        views.append(DiaryItemView(
            id=f"item-{n}", day=day, seq=n % 40 + 1, time=f"{8 + n % 10:02d}:{n * 7 % 60:02d}", category=category,
            hazard_type="fire" if category == "hazard" else None, place=PLACES[n % len(PLACES)],
            problem=f"第{n + 1}项：" + PROBLEMS[n % len(PROBLEMS)], action=ACTIONS[n % len(ACTIONS)],
            result="已整改到位" if n % 3 else "持续跟进", open=n % 3 == 0, escalated=n % 17 == 0,
            households=12 if category == "visit" else 0, special_households=3 if category == "visit" else 0,
            hazards_found=2 if category == "hazard" else 0, hazards_rectified=1 if category == "hazard" else 0,
        ))
    per_week = tuple(
        (monday, summarize(v.facts() for v in views if week_start(v.day) == monday))
        for monday in weeks_of_month(year, month)
    )
    return MonthReport(year=year, month=month, grid_name="幸福里社区第三网格", author_name="王芳", items=tuple(views),
                       totals=summarize(v.facts() for v in views), per_week=per_week,
                       days_written=len(days), days_closed=len(days) - 2)


def plain_reportlab(report: MonthReport, out: io.BytesIO) -> None:
    """The floor: the same entry rows as Paragraphs in the same font and cell style, nothing else."""
    styles = report_styles()
    cell = styles.cell.clone("entry", fontSize=8.5, leading=11.5)
    rows = [[Paragraph(h, cell) for h in ("日期", "时间", "类别", "地点", "问题", "处理措施", "结果", "状态")]]
    for i in report.items:
        texts = (f"{i.day.month}月{i.day.day}日<br/>{weekday_name(i.day)}", i.time,
                 category_text(i).replace("\n", "<br/>"), i.place, i.problem, i.action, i.result,
                 "未办结" if i.open else "已办结")
        rows.append([Paragraph(text, cell) for text in texts])
    table = Table(rows, colWidths=list(MONTH_WIDTHS), repeatRows=1, style=TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, "#888888"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=24 * mm,
                            bottomMargin=20 * mm)
    doc.build([table])


def _ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def run() -> Iterator[dict[str, object]]:
    register_main_font()
    report = make_month()
    at = datetime(2025, 12, 1, 9, 0)

    def ours() -> int:
        return render_month_report(io.BytesIO(), report, station_name="幸福里社区网格服务站", generated_at=at)

    def floor() -> None:
        plain_reportlab(report, io.BytesIO())

    ours()  # warm-up: font registration, glyph tables
    floor()
    ours_ms, floor_ms = [], []
    for _ in range(RUNS):  # interleaved, so machine noise hits both alike
        ours_ms.append(_ms(ours))
        floor_ms.append(_ms(floor))
    report_ms, baseline_ms = statistics.median(ours_ms), statistics.median(floor_ms)
    note = f"median of {RUNS} runs, {ITEMS} items, {ours()} pages"
    yield {"name": "diary_report_ms", "value": round(report_ms, 1), "unit": "ms", "note": note}
    yield {"name": "diary_report_baseline_ms", "value": round(baseline_ms, 1), "unit": "ms",
           "note": "plain reportlab: the same entries table, no header/footer/chart/escaping"}
    yield {"name": "diary_report_ratio", "value": round(report_ms / baseline_ms, 2), "unit": "x", "goal": "<= 1.5"}


if __name__ == "__main__":
    for figure in run():
        sys.stdout.write(json.dumps(figure, ensure_ascii=False) + "\n")
