"""Work diary printouts (工作日志, "日清周结", domain.md §3): the day sheet, the week summary and
the monthly report with its chart and the table of every entry.

All user text goes through :func:`gridstation.reports.fonts.paragraph_markup` (escaped, fallback
fonts for rare hanzi). Cells share one style object per table, so a 1,000-item month renders in
about the time plain reportlab needs for the same table (see ``bench/diary_report_bench.py``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import IO, Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, LongTable, Paragraph, Table, TableStyle

from gridstation.domain.diary import (
    CATEGORIES,
    DiaryDayView,
    DiaryItemView,
    MonthReport,
    WeekReport,
    WeekTotals,
    changed_after_close,
    weekday_name,
)
from gridstation.reports.fonts import MAIN_FONT, paragraph_markup, register_main_font
from gridstation.reports.pdf_base import CONTENT_WIDTH, HEADER_FILL, RULE_COLOR, ReportStyles, build_pdf, report_styles

Target = str | os.PathLike[str] | IO[bytes]  # a file path or a binary file object
ORIGINAL_COLOR = "#6B6B6B"  # the struck-out original of an amended item
TOTAL_FILL = colors.HexColor("#F3F4F6")
LABEL_FILL = colors.HexColor("#F3F4F6")
CELL_LINES = 15  # lines a table cell prints in full; longer text goes to a note
EXCERPT_LINES = 8
CELL_PADDING = 4
WEEK_COLORS = ("#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860")

DAY_COLUMNS = ("序号", "时间", "类别", "地点", "问题", "处理措施", "反馈结果", "状态")
DAY_WIDTHS = tuple(w * mm for w in (9, 12, 22, 23, 34, 30, 28, 16))
CARRIED_WIDTHS = tuple(w * mm for w in (18, 24, 24, 40, 38, 30))
MONTH_COLUMNS = ("日期", "时间", "类别", "地点", "问题", "处理措施", "结果", "状态")
MONTH_WIDTHS = tuple(w * mm for w in (17, 11, 21, 22, 37, 36, 18, 12))
TOTAL_COLUMNS = ("类别", "事项数", "未办结", "走访户数", "特殊群体户数", "发现隐患", "整改隐患")
TOTAL_WIDTHS = tuple(w * mm for w in (34, 20, 20, 25, 25, 25, 25))


# -- small formatters ------------------------------------------------------------------------------

def long_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def status_text(item: DiaryItemView) -> str:
    return ("未办结" if item.open else "已办结") + ("\n已上报" if item.escalated else "")


def category_text(item: DiaryItemView) -> str:
    """Category (with the hazard type for 隐患排查) and the item's counts, e.g. "发现2处 整改1处"."""
    text = item.category_name + (f"（{item.hazard_name}）" if item.hazard_name else "")
    counts = []
    if item.households:
        counts.append(f"走访{item.households}户" + (f"(特殊群体{item.special_households}户)"
                                                    if item.special_households else ""))
    if item.hazards_found or item.hazards_rectified:
        counts.append(f"发现{item.hazards_found}处 整改{item.hazards_rectified}处")
    return "\n".join([text, *counts])


class Notes:
    """Long texts moved out of narrow table cells into full-width notes after the table.

    A cell prints at most ``CELL_LINES`` lines; longer text shows its start and "（全文见附注N）".
    So no table row is taller than a page, rows never split (reportlab repeats the header above
    the lower half of a split row on the same page), and a 2,000-character account does not run
    down several pages one word wide."""

    def __init__(self, font_size: float) -> None:
        self.font_size = font_size
        self.entries: list[tuple[str, str]] = []

    def cell(self, text: str, what: str, width: float) -> str:
        """Cell markup for ``text`` in a column ``width`` points wide: all of it, or its start and a
        reference to the note holding all of it."""
        per_line = max(1, int((width - 2 * CELL_PADDING) / self.font_size))  # hanzi are 1 em wide
        lines = text.splitlines() or [""]
        if sum(-(-len(line) // per_line) or 1 for line in lines) <= CELL_LINES:
            return paragraph_markup(text)
        self.entries.append((what, text))
        start, budget = [], EXCERPT_LINES
        for line in lines:
            start.append(line[:budget * per_line])
            budget -= -(-len(line) // per_line) or 1
            if budget <= 0:
                break
        excerpt = paragraph_markup("\n".join(start))
        return f"{excerpt}…<br/>（全文见附注{len(self.entries)}）"

    def with_original(self, current: str, original: str | None, what: str, width: float) -> str:
        """The current text and, below it in grey, the original when an amendment changed it."""
        markup = self.cell(current, what, width)
        if original is None or original == current:
            return markup
        before = self.cell(original, f"{what}（原记录）", width) or "（空）"
        return f'{markup}<br/><font color="{ORIGINAL_COLOR}" size="8">原记录：{before}</font>'

    def flowables(self, styles: ReportStyles) -> list[Flowable]:
        if not self.entries:
            return []
        heading = ParagraphStyle("notes_heading", styles.heading, keepWithNext=0)  # a note may be a page long
        story: list[Flowable] = [CondPageBreak(30 * mm), Paragraph("附注（长文本全文）", heading)]
        story += [Paragraph(f"附注{n}　{paragraph_markup(what)}：{paragraph_markup(text)}", styles.body)
                  for n, (what, text) in enumerate(self.entries, start=1)]
        return story


# -- tables ----------------------------------------------------------------------------------------

def _grid(
    cells: Sequence[Sequence[str]],
    widths: Sequence[float],
    cell_style: ParagraphStyle,
    *,
    header_style: ParagraphStyle | None = None,
    extra: Sequence[tuple[Any, ...]] = (),
    long: bool = False,
    compact: bool = False,
) -> Table:
    """A ruled table of cell *markup* (already escaped); the first row is a repeated header when
    ``header_style`` is given. ``long`` uses reportlab's LongTable, which lays out only as many
    rows as fit on the page instead of all remaining rows at every page break."""
    data = [
        [Paragraph(cell, header_style if header_style is not None and i == 0 else cell_style) for cell in row]
        for i, row in enumerate(cells)
    ]
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE_COLOR),
        ("FONTNAME", (0, 0), (-1, -1), MAIN_FONT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1 if compact else 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2 if compact else 4),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]
    if header_style is not None:
        commands += [("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL), ("VALIGN", (0, 0), (-1, 0), "MIDDLE")]
    commands += extra
    kind = LongTable if long else Table
    return kind(data, colWidths=list(widths), repeatRows=1 if header_style is not None else 0,
                style=TableStyle(commands), hAlign="LEFT")


def _styles() -> ReportStyles:
    styles = report_styles()
    styles.heading.keepWithNext = 1  # never a heading alone at the foot of a page
    return styles


def _header_row(columns: Sequence[str]) -> list[str]:
    return [paragraph_markup(c) for c in columns]


def _totals_table(totals: WeekTotals, styles: ReportStyles) -> Table:
    rows = [_header_row(TOTAL_COLUMNS)]
    for code, name in CATEGORIES.items():
        t = totals.by_category[code]
        rows.append([name, *(str(v) for v in (t.items, t.open, t.households, t.special_households,
                                               t.hazards_found, t.hazards_rectified))])
    cats = totals.by_category.values()
    rows.append(["合计", str(totals.items), str(totals.open), *(str(sum(getattr(t, f) for t in cats)) for f in (
        "households", "special_households", "hazards_found", "hazards_rectified"))])
    return _grid(rows, TOTAL_WIDTHS, _centred(styles.cell), header_style=styles.header_cell, compact=True,
                 extra=[("BACKGROUND", (0, -1), (-1, -1), TOTAL_FILL)])


def _centred(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}_centred", style, alignment=TA_CENTER)


def _fields_table(pairs: Sequence[tuple[str, str]], styles: ReportStyles, notes: Notes | None = None) -> Table:
    """Label/value pairs two to a row: 日期 … | 天气 … With ``notes``, a value too long for its cell
    (a 2,000-character 巡查路线) shows its start there and goes in full to the notes, as item texts do."""
    value_width = CONTENT_WIDTH / 2 - 20 * mm
    rows: list[list[str]] = []
    for i in range(0, len(pairs), 2):
        row: list[str] = []
        for label, value in pairs[i:i + 2]:
            row += [paragraph_markup(label),
                    paragraph_markup(value) if notes is None else notes.cell(value, label, value_width)]
        rows.append(row + [""] * (4 - len(row)))
    widths = [20 * mm, value_width] * 2
    fill = [("BACKGROUND", (c, 0), (c, -1), LABEL_FILL) for c in (0, 2)]
    return _grid(rows, widths, styles.cell, extra=fill)


def _signature_lines(styles: ReportStyles) -> Flowable:
    rows = [[Paragraph("网格员签字：", styles.body), "", Paragraph("日期：", styles.body), ""]]
    lines = [("LINEBELOW", (1, 0), (1, 0), 0.6, colors.black), ("LINEBELOW", (3, 0), (3, 0), 0.6, colors.black),
             ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("FONTNAME", (0, 0), (-1, -1), MAIN_FONT)]
    return Table(rows, colWidths=[30 * mm, 60 * mm, 16 * mm, 50 * mm], rowHeights=[13 * mm],
                 style=TableStyle(lines), hAlign="LEFT")


def _text_or_none(text: str, styles: ReportStyles) -> Paragraph:
    return Paragraph(paragraph_markup(text) if text.strip() else "无", styles.body)


# -- day sheet -------------------------------------------------------------------------------------

def _mark_markup(mark: str, reason: str) -> str:
    """（更正，原因：…） before an item's text: how and why it changed after the day was closed."""
    if not mark:
        return ""
    return f"<b>（{mark}{'，原因：' + paragraph_markup(reason) if reason else ''}）</b>"


def _day_item_row(item: DiaryItemView, notes: Notes) -> list[str]:
    o = item.original
    what = f"第{item.seq}项"
    w = DAY_WIDTHS
    return [
        paragraph_markup(str(item.seq)),
        notes.with_original(item.time, o.time if o else None, f"{what}时间", w[1]),
        notes.with_original(category_text(item), category_text(o) if o else None, f"{what}类别", w[2]),
        notes.with_original(item.place, o.place if o else None, f"{what}地点", w[3]),
        _mark_markup(changed_after_close(item), item.reason)
        + notes.with_original(item.problem, o.problem if o else None, f"{what}问题", w[4]),
        notes.with_original(item.action, o.action if o else None, f"{what}处理措施", w[5]),
        notes.with_original(item.result, o.result if o else None, f"{what}反馈结果", w[6]),
        notes.with_original(status_text(item), status_text(o) if o else None, f"{what}状态", w[7]),
    ]


def _withdrawn_row(item: DiaryItemView, notes: Notes) -> list[str]:
    """A withdrawn item in its place, struck out in grey, so the numbering has no unexplained gap."""
    what = f"第{item.seq}项（已撤回）"

    def struck(markup: str) -> str:
        return f'<font color="{ORIGINAL_COLOR}"><strike>{markup}</strike></font>' if markup else ""

    texts = (item.time, category_text(item), item.place, item.problem, item.action, item.result)
    names = ("时间", "类别", "地点", "问题", "处理措施", "反馈结果")
    cells = [struck(notes.cell(text, what + name, width))
             for text, name, width in zip(texts, names, DAY_WIDTHS[1:7], strict=True)]
    cells[3] = f'<font color="{ORIGINAL_COLOR}">{_mark_markup("已撤回", item.reason)}</font>' + cells[3]
    return [struck(paragraph_markup(str(item.seq))), *cells, f'<font color="{ORIGINAL_COLOR}">已撤回</font>']


def _carried_row(item: DiaryItemView, notes: Notes) -> list[str]:
    what = f"遗留{item.day.month}月{item.day.day}日第{item.seq}项"
    return [paragraph_markup(f"{item.day.month}月{item.day.day}日"), paragraph_markup(category_text(item)),
            *(notes.cell(text, what + name, width) for text, name, width in zip(
                (item.place, item.problem, item.action, item.result), ("地点", "问题", "处理措施", "进展"),
                CARRIED_WIDTHS[2:], strict=True))]


def render_day_sheet(
    path: Target, day: DiaryDayView, *, station_name: str, generated_at: datetime | None = None
) -> int:
    """The day's 工作日志 as one printable sheet (or more for a long day); returns the page count.
    ID and mobile numbers typed into its texts print masked (``DiaryDayView.redacted``)."""
    day = day.redacted()
    styles = _styles()
    pairs = [
        ("日期", f"{long_date(day.day)} {day.weekday}"), ("天气", day.weather),
        ("网格", f"{day.grid_name}（{day.grid_code}）" if day.grid_code else day.grid_name),
        ("网格员", day.author_name + ("（代岗）" if day.cover else "")),
        ("巡查时段", day.patrol_period), ("巡查路线", day.patrol_route),
    ]
    if day.cover:
        pairs.append(("代岗", f"代岗网格：{day.covered_grid}"))
    pairs.append(("日清", "已日清" if day.closed else "未日清（草稿）"))
    notes = Notes(styles.cell.fontSize)
    story: list[Flowable] = [
        Paragraph("网格员工作日志", styles.title), _fields_table(pairs, styles, notes),
        Paragraph("当日工作事项", styles.heading),
    ]
    if day.items or day.withdrawn:
        # withdrawn items keep their place (by 序号), struck out, as on the day page
        listed = sorted([(item, False) for item in day.items] + [(item, True) for item in day.withdrawn],
                        key=lambda entry: entry[0].seq)
        rows = [_header_row(DAY_COLUMNS), *(_withdrawn_row(item, notes) if withdrawn else _day_item_row(item, notes)
                                            for item, withdrawn in listed)]
        story.append(_grid(rows, DAY_WIDTHS, styles.cell, header_style=styles.header_cell))
    else:
        story.append(Paragraph("当日无工作事项。", styles.body))
    story.append(Paragraph("遗留问题（此前未办结事项）", styles.heading))
    if day.carried_open:
        rows = [_header_row(("原日期", "类别", "地点", "问题", "处理措施", "进展"))]
        rows += [_carried_row(item, notes) for item in day.carried_open]
        story.append(_grid(rows, CARRIED_WIDTHS, styles.cell, header_style=styles.header_cell))
    else:
        story.append(Paragraph("无", styles.body))
    story += [KeepTogether([Paragraph("明日计划", styles.heading), _text_or_none(day.tomorrow_plan, styles),
                            _signature_lines(styles)]), *notes.flowables(styles)]
    return build_pdf(path, title="网格员工作日志", station_name=station_name, story=story,
                     generated_at=generated_at, author=day.author_name or None)


# -- week summary ----------------------------------------------------------------------------------

def render_week_summary(
    path: Target, report: WeekReport, *, station_name: str, generated_at: datetime | None = None
) -> int:
    """The 周结 of one week (Monday to Sunday); returns the page count. ID and mobile numbers in
    its texts print masked."""
    report = report.redacted()
    styles = _styles()
    start = report.week_start
    end = start + timedelta(days=6)
    t = report.totals
    closed_days = sum(d.closed for d in report.days)
    pairs = [
        ("网格", report.grid_name), ("网格员", report.author_name),
        ("填写日志", f"{len(report.days)} 天"), ("已日清", f"{closed_days} 天"),
    ]
    period = f"{long_date(start)}（星期一）至 {long_date(end)}（星期日）"
    overview = (f"本周填写工作日志 {len(report.days)} 天，已日清 {closed_days} 天；"
                f"共记录工作事项 {t.items} 项，其中已办结 {t.closed} 项，未办结 {t.open} 项，"
                f"上报上级 {t.escalations} 项。")
    story: list[Flowable] = [
        Paragraph("网格工作周结", styles.title), Paragraph(paragraph_markup(period), _centred(styles.body)),
        _fields_table(pairs, styles),
        Paragraph("工作概况", styles.heading), Paragraph(paragraph_markup(overview), styles.body),
        Paragraph("分类统计", styles.heading), _totals_table(t, styles),
        Paragraph("每日日清情况", styles.heading),
    ]
    if report.days:
        rows = [_header_row(("日期", "星期", "天气", "事项数", "未办结", "日清"))]
        rows += [[paragraph_markup(x) for x in (
            long_date(d.day), d.weekday, d.weather, str(len(d.items)), str(sum(i.open for i in d.items)),
            "已日清" if d.closed else "未日清")] for d in report.days]
        story.append(_grid(rows, [w * mm for w in (40, 24, 24, 28, 28, 30)], _centred(styles.cell),
                           header_style=styles.header_cell, compact=True))
    else:
        story.append(Paragraph("本周未填写工作日志。", styles.body))
    story += [Paragraph("本周小结", styles.heading), _text_or_none(report.note, styles),
              KeepTogether([Paragraph("下周工作重点", styles.heading), _text_or_none(report.next_week_focus, styles),
                            _signature_lines(styles)])]
    return build_pdf(path, title="网格工作周结", station_name=station_name, story=story,
                     generated_at=generated_at, author=report.author_name or None)


# -- month report ----------------------------------------------------------------------------------

def week_label(index: int, monday: date) -> str:
    sunday = monday + timedelta(days=6)
    return f"第{index}周 ({monday:%m/%d}–{sunday:%m/%d})"


def month_chart(report: MonthReport, width: float = CONTENT_WIDTH, height: float = 78 * mm) -> Drawing:
    """Grouped bars: items per category (x axis), one bar series per week of the month."""
    font = register_main_font()
    names = list(CATEGORIES.values())
    data = [[totals.by_category[c].items for c in CATEGORIES] for _, totals in report.per_week] or [[0] * len(names)]
    top = max(max(series) for series in data)
    step = max(1, -(-top // 5))
    drawing = Drawing(width, height)
    drawing.initialFontName = font  # else the renderer selects an unembedded Helvetica first
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 28, 48, width - 36, height - 58
    chart.data = data
    chart.categoryAxis.categoryNames = names
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, step * 5, step
    chart.valueAxis.labelTextFormat = "%d"
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels):
        labels.fontName, labels.fontSize = font, 8
    chart.categoryAxis.labels.dy = -2
    chart.barSpacing, chart.groupSpacing = 0.5, 6
    chart.valueAxis.visibleGrid, chart.valueAxis.gridStrokeColor = True, colors.HexColor("#DDDDDD")
    for i in range(len(data)):
        chart.bars[i].fillColor = colors.HexColor(WEEK_COLORS[i % len(WEEK_COLORS)])
        chart.bars[i].strokeColor = None
    legend = Legend()
    legend.fontName, legend.fontSize = font, 8
    legend.x, legend.y, legend.alignment = 28, 20, "right"
    legend.columnMaximum, legend.deltax, legend.dx, legend.dy = 2, 140, 8, 8
    legend.colorNamePairs = [(colors.HexColor(WEEK_COLORS[i % len(WEEK_COLORS)]), week_label(i + 1, monday))
                             for i, (monday, _) in enumerate(report.per_week)]
    drawing.add(chart)
    drawing.add(legend)
    return drawing


def month_entry_rows(items: Sequence[DiaryItemView], notes: Notes) -> list[list[str]]:
    """Cell markup of the entries table, header first."""
    rows = [_header_row(MONTH_COLUMNS)]
    for item in items:
        when = f"{item.day.month}月{item.day.day}日"
        what = f"{when}第{item.seq}项"
        mark = changed_after_close(item)
        rows.append([
            f"{when}<br/>{weekday_name(item.day)}", paragraph_markup(item.time),
            paragraph_markup(category_text(item)) + (f"<br/>（{mark}）" if mark else ""),
            *(notes.cell(text, what + name, width) for text, name, width in zip(
                (item.place, item.problem, item.action, item.result), ("地点", "问题", "处理措施", "结果"),
                MONTH_WIDTHS[3:7], strict=True)),
            paragraph_markup(status_text(item)),
        ])
    return rows


def render_month_report(
    path: Target, report: MonthReport, *, station_name: str, generated_at: datetime | None = None
) -> int:
    """The monthly report: summary, totals, per-week chart and every entry; returns the page count.
    ID and mobile numbers in its texts print masked."""
    report = report.redacted()
    styles = _styles()
    heading = f"网格员月度工作报告 {report.year}年{report.month}月"
    t = report.totals
    summary = (f"{report.grid_name} 网格员 {report.author_name}：本月填写工作日志 {report.days_written} 天，"
               f"已日清 {report.days_closed} 天；共记录工作事项 {t.items} 项，已办结 {t.closed} 项，"
               f"未办结 {t.open} 项，上报上级 {t.escalations} 项。")
    entry_cell = ParagraphStyle("entry", styles.cell, fontSize=8.5, leading=11.5)
    entry_header = ParagraphStyle("entry_header", styles.header_cell, fontSize=9, leading=12)
    story: list[Flowable] = [
        Paragraph(paragraph_markup(heading), styles.title),
        Paragraph(paragraph_markup(summary), styles.body),
        Paragraph("分类统计", styles.heading), _totals_table(t, styles),
        KeepTogether([Paragraph("各周分类事项数", styles.heading), month_chart(report)]),
        Paragraph("工作事项明细", styles.heading),
    ]
    notes = Notes(entry_cell.fontSize)
    if report.items:
        story.append(_grid(month_entry_rows(report.items, notes), MONTH_WIDTHS, entry_cell, header_style=entry_header,
                           long=True))
    else:
        story.append(Paragraph("本月无工作事项。", styles.body))
    story += notes.flowables(styles)
    return build_pdf(path, title=heading, station_name=station_name, story=story, generated_at=generated_at,
                     author=report.author_name or None)
