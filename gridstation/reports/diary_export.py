"""The month's work diary as a spreadsheet: CSV (UTF-8 with BOM, so Excel reads the Chinese) and
XLSX with a sheet of entries and a sheet of totals per category.

Every cell is written literally. Text a spreadsheet would take for a formula (starting with
``=``, ``+``, ``-``, ``@``, or a tab / carriage return that some programs skip first) is
prefixed with an apostrophe in CSV and stored as a string cell in XLSX (CSV/formula injection).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from datetime import date

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gridstation.domain.diary import CATEGORIES, DiaryItemView, MonthReport, changed_after_close, weekday_name

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# (header, column width in characters) of the entries sheet and the CSV, in order.
COLUMNS: tuple[tuple[str, float], ...] = (
    ("日期", 12), ("星期", 8), ("时间", 8), ("类别", 10), ("隐患类型", 10), ("地点", 20), ("问题", 40),
    ("处理措施", 40), ("反馈结果", 30), ("状态", 8), ("是否上报", 8), ("走访户数", 9), ("特殊群体户数", 12),
    ("发现隐患", 9), ("整改隐患", 9), ("更正补记", 8),
)
TOTAL_COLUMNS: tuple[tuple[str, float], ...] = (
    ("类别", 12), ("事项数", 9), ("未办结", 9), ("走访户数", 10), ("特殊群体户数", 13), ("发现隐患", 10),
    ("整改隐患", 10),
)
Cell = str | int | date


def item_cells(item: DiaryItemView) -> list[Cell]:
    """One row of the export: date as a date, counts as numbers, everything else as text; ID and
    mobile numbers typed into the texts masked."""
    item = item.redacted()
    return [
        item.day, weekday_name(item.day), item.time, item.category_name, item.hazard_name, item.place,
        item.problem, item.action, item.result, "未办结" if item.open else "已办结", "是" if item.escalated else "否",
        item.households, item.special_households, item.hazards_found, item.hazards_rectified,
        changed_after_close(item) or "否",
    ]


def total_rows(report: MonthReport) -> Iterator[list[Cell]]:
    """Rows of the totals per category (in print order), then the total row."""
    fields = ("items", "open", "households", "special_households", "hazards_found", "hazards_rectified")
    cats = report.totals.by_category
    for code, name in CATEGORIES.items():
        yield [name, *(int(getattr(cats[code], f)) for f in fields)]
    yield ["合计", *(sum(int(getattr(t, f)) for t in cats.values()) for f in fields)]


def csv_literal(value: Cell) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def export_month_csv(path: str | os.PathLike[str], report: MonthReport) -> int:
    """Write the month's items as CSV (UTF-8 with BOM, Chinese header); returns the number of items."""
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([name for name, _ in COLUMNS])
        for item in report.items:
            writer.writerow([csv_literal(v) for v in item_cells(item)])
    return len(report.items)


def _write_row(sheet: Worksheet, row: int, values: list[Cell], wrap: Alignment) -> None:
    for col, value in enumerate(values, start=1):
        if isinstance(value, str):
            cell = sheet.cell(row=row, column=col, value=ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
            cell.data_type = "s"  # never a formula, whatever the text starts with
        else:
            cell = sheet.cell(row=row, column=col, value=value)
            if isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
        cell.alignment = wrap


def _prepare(sheet: Worksheet, columns: tuple[tuple[str, float], ...]) -> None:
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="E8ECF2")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for col, (name, width) in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=col, value=name)
        cell.font, cell.fill, cell.alignment = bold, fill, centre
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = "A2"


def export_month_xlsx(path: str | os.PathLike[str], report: MonthReport) -> int:
    """Write sheets "工作日志" (one row per item) and "分类统计"; returns the number of items."""
    book = Workbook()
    entries = book.active
    assert entries is not None
    entries.title = "工作日志"
    _prepare(entries, COLUMNS)
    wrap = Alignment(vertical="top", wrap_text=True)
    for row, item in enumerate(report.items, start=2):
        _write_row(entries, row, item_cells(item), wrap)
    if report.items:
        entries.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(report.items) + 1}"
    totals = book.create_sheet("分类统计")
    _prepare(totals, TOTAL_COLUMNS)
    plain = Alignment(vertical="top")
    for row, values in enumerate(total_rows(report), start=2):
        _write_row(totals, row, values, plain)
    for cell in totals[totals.max_row]:
        cell.font = Font(bold=True)
    book.properties.title = f"网格员工作日志 {report.year}年{report.month}月"
    book.properties.creator = report.author_name or "GridStation"
    book.save(os.fspath(path))
    return len(report.items)
