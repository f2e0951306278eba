"""Service records (帮代办) as a spreadsheet: CSV (UTF-8 with BOM) and XLSX with the records and the
statistics by item and status. Phones and ID numbers are exported masked (domain.md §8), in their own
columns and where they were typed into the result (``ServiceView.redacted``). Cells are written
literally, guarded against formula injection as in ``diary_export``.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from gridstation.domain import services as rules
from gridstation.domain.services import ServiceView
from gridstation.reports.diary_export import Cell, _prepare, _write_row, csv_literal

COLUMNS: tuple[tuple[str, float], ...] = (
    ("受理日期", 12), ("服务事项", 26), ("居民姓名", 10), ("联系电话", 14), ("身份证号", 22), ("已收材料", 40),
    ("承诺办结日期", 13), ("状态", 8), ("办结日期", 12), ("办理结果", 36), ("满意度", 10), ("时限", 8),
)
STAT_COLUMNS: tuple[tuple[str, float], ...] = (("分类", 10), ("项目", 30), ("件数", 10))
DEADLINE_TEXT = {"overdue": "逾期", "due_soon": "临期", "": ""}
CLOSED_LATE_TEXT = "逾期办结"  # a closed record's 时限 cell when it was closed after the promised date


def record_cells(view: ServiceView) -> list[Cell]:
    view = view.redacted()
    return [
        view.received_on, view.item_name, view.resident_name, view.phone_masked, view.id_number_masked,
        "、".join(view.materials), view.promised_on, view.status_name, view.completed_on or "", view.result,
        rules.SATISFACTION.get(view.satisfaction, ""), deadline_text(view),
    ]


def deadline_text(view: ServiceView) -> str:
    """The 时限 cell: 逾期 / 临期 for an open record, 逾期办结 for one closed after its promised date (so
    the rows the statistics count as closed late can be found), else empty."""
    if rules.is_closed_late(view.status, view.promised_on, view.completed_on):
        return CLOSED_LATE_TEXT
    return DEADLINE_TEXT[view.deadline]


def statistics_rows(stats: rules.MonthStatistics) -> list[list[Cell]]:
    rows: list[list[Cell]] = [["合计", "受理件数", stats.total]]
    rows += [["状态", rules.STATUSES[code], n] for code, n in stats.by_status.items()]
    # The closed records split into on time + late (+ undated, when there are any) = closed.
    rows += [["时限", "已办结（含退回、转办）", stats.closed], ["时限", "其中：按期办结", stats.closed_on_time],
             ["时限", "其中：逾期办结", stats.closed_late]]
    if stats.closed_undated:
        rows += [["时限", "其中：未记录办结日期", stats.closed_undated]]
    rows += [["时限", "逾期未办结", stats.overdue]]
    rows += [["事项", name, n] for _, name, n in stats.by_item]
    rows += [["月份", month, n] for month, n in stats.by_month]
    return rows


def export_services_csv(path: str | os.PathLike[str], records: Sequence[ServiceView]) -> int:
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([name for name, _ in COLUMNS])
        for view in records:
            writer.writerow([csv_literal(v) for v in record_cells(view)])
    return len(records)


def export_services_xlsx(path: str | os.PathLike[str], records: Sequence[ServiceView],
                         stats: rules.MonthStatistics | None = None, *, title: str = "帮代办台账") -> int:
    """Sheets "帮代办台账" (one row per record) and, with ``stats``, "统计"; returns the record count."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "帮代办台账"
    _prepare(sheet, COLUMNS)
    wrap = Alignment(vertical="top", wrap_text=True)
    for row, view in enumerate(records, start=2):
        _write_row(sheet, row, record_cells(view), wrap)
    if stats is not None:
        totals = book.create_sheet("统计")
        _prepare(totals, STAT_COLUMNS)
        for row, values in enumerate(statistics_rows(stats), start=2):
            _write_row(totals, row, values, Alignment(vertical="top"))
        totals["A2"].font = Font(bold=True)
    book.properties.title = title
    book.properties.creator = "GridStation"
    book.save(os.fspath(path))
    return len(records)

