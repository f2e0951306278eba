"""Mediation statistics as PDF and .xlsx: cases by dispute type, source and outcome, success rate,
amount involved, 防止民转刑 and 防止群体性上访 (cases and persons). Counts only: no personal data."""

from __future__ import annotations

import os
from datetime import datetime
from decimal import Decimal
from typing import IO

from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.lib.styles import ParagraphStyle

from gridstation.domain.mediation import CASE_SOURCES, DISPUTE_TYPES, OUTCOMES, yuan
from gridstation.domain.mediation_stats import RATE_NOTE, MediationStats
from gridstation.reports.pdf_base import build_pdf, heading, paragraph, report_styles, table, title

Target = str | os.PathLike[str] | IO[bytes]
OPEN_LABEL = "办理中"
# What the MediationStats fields count: ``cases`` and every figure derived from cases (success,
# amount, 防止民转刑/群体性上访, the breakdowns) the cases accepted (受理) in the period;
# ``registered`` the cases registered (登记) in it and ``rejected`` those of them refused (不予受理).
ACCEPTED_LABEL = "受理案件（件）"
REGISTERED_LABEL = "本期登记案件（件）"
REJECTED_LABEL = "其中不予受理（件）"
# The success rate's own figures: the mediations that ended in failure, and the withdrawals, which
# the rate leaves out (``domain.mediation_stats.RATE_NOTE``).
FAILED_LABEL = "调解不成（件）"
WITHDRAWN_LABEL = "撤回（件）"
COUNT_FORMAT = "0"
RATE_FORMAT = "0.0%"
AMOUNT_FORMAT = "0.00"


def summary_rows(stats: MediationStats) -> list[tuple[str, str]]:
    """The overall figures as text, for the screen and the PDF."""
    return [(ACCEPTED_LABEL, str(stats.cases)), ("调解成功（件）", str(stats.succeeded)),
            (FAILED_LABEL, str(stats.failed)), (WITHDRAWN_LABEL, str(stats.withdrawn)),
            ("调解成功率", stats.success_rate_text), ("涉及金额（元）", yuan(stats.amount_fen)),
            ("防止民转刑（件/人）", f"{stats.crime_cases}/{stats.crime_persons}"),
            ("防止群体性上访（件/人）", f"{stats.petition_cases}/{stats.petition_persons}"),
            (REGISTERED_LABEL, str(stats.registered)), (REJECTED_LABEL, str(stats.rejected))]


def summary_cells(stats: MediationStats) -> list[tuple[str, int | Decimal | float | str, str]]:
    """The overall figures as numbers with their spreadsheet number format, for the .xlsx: counts,
    the success rate as a fraction shown as a percentage ("—" while nothing has concluded), the
    amount in yuan to the fen; cases and persons in cells of their own."""
    rate = stats.success_rate
    return [(ACCEPTED_LABEL, stats.cases, COUNT_FORMAT), ("调解成功（件）", stats.succeeded, COUNT_FORMAT),
            (FAILED_LABEL, stats.failed, COUNT_FORMAT), (WITHDRAWN_LABEL, stats.withdrawn, COUNT_FORMAT),
            ("调解成功率", "—" if rate is None else rate, RATE_FORMAT),
            ("涉及金额（元）", Decimal(stats.amount_fen).scaleb(-2), AMOUNT_FORMAT),
            ("防止民转刑（件）", stats.crime_cases, COUNT_FORMAT),
            ("防止民转刑（人）", stats.crime_persons, COUNT_FORMAT),
            ("防止群体性上访（件）", stats.petition_cases, COUNT_FORMAT),
            ("防止群体性上访（人）", stats.petition_persons, COUNT_FORMAT),
            (REGISTERED_LABEL, stats.registered, COUNT_FORMAT), (REJECTED_LABEL, stats.rejected, COUNT_FORMAT)]


def breakdowns(stats: MediationStats) -> list[tuple[str, list[tuple[str, int]]]]:
    """Accepted cases by type, source and outcome. 不予受理 is no outcome of an accepted case (it is
    counted in the summary instead), so it has no row here."""
    outcomes = [(OUTCOMES[k], stats.by_outcome.get(k, 0)) for k in OUTCOMES if k != "rejected"]
    outcomes.append((OPEN_LABEL, stats.by_outcome.get("", 0)))
    return [("纠纷类型", [(DISPUTE_TYPES[k], stats.by_type.get(k, 0)) for k in DISPUTE_TYPES]),
            ("案件来源", [(CASE_SOURCES[k], stats.by_source.get(k, 0)) for k in CASE_SOURCES]),
            ("调解结果", outcomes)]


def render_stats_pdf(path: Target, stats: MediationStats, *, station_name: str,
                     generated_at: datetime | None = None) -> int:
    name = f"人民调解工作统计（{stats.period}）"
    note = ParagraphStyle("rate_note", report_styles().cell, spaceBefore=4)
    story = [title(name), heading("总体情况"), table([("项目", "数值"), *summary_rows(stats)]),
             paragraph("注：" + RATE_NOTE, note)]
    for label, rows in breakdowns(stats):
        story += [heading(f"按{label}"), table([(label, "件数"), *((k, str(v)) for k, v in rows)])]
    return build_pdf(path, title=name, station_name=station_name, story=story, generated_at=generated_at)


def write_stats_xlsx(path: str | os.PathLike[str] | IO[bytes], stats: MediationStats) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "总体情况"
    sheet.append(["统计期间", stats.period])
    for label, value, number_format in summary_cells(stats):
        sheet.append([label, value])
        if not isinstance(value, str):
            sheet.cell(row=sheet.max_row, column=2).number_format = number_format
    sheet.append(["注", RATE_NOTE])
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 16
    for label, rows in breakdowns(stats):
        part = book.create_sheet(f"按{label}")
        part.append([label, "件数"])
        for cell in part[1]:
            cell.font = Font(bold=True)
        for key, count in rows:
            part.append([key, count])
        part.column_dimensions["A"].width = 22
    book.save(path)
