"""Mediation statistics as PDF and .xlsx: cases by dispute type, source and outcome, success rate,
amount involved, 防止民转刑 and 防止群体性上访 (cases and persons). Counts only: no personal data."""

from __future__ import annotations

import os
from datetime import datetime
from typing import IO

from openpyxl import Workbook
from openpyxl.styles import Font

from gridstation.domain.mediation import CASE_SOURCES, DISPUTE_TYPES, OUTCOMES, yuan
from gridstation.domain.mediation_stats import MediationStats
from gridstation.reports.pdf_base import build_pdf, heading, table, title

Target = str | os.PathLike[str] | IO[bytes]
OPEN_LABEL = "办理中"


def summary_rows(stats: MediationStats) -> list[tuple[str, str]]:
    return [("受理案件（件）", str(stats.cases)), ("调解成功（件）", str(stats.succeeded)),
            ("调解成功率", stats.success_rate_text), ("涉及金额（元）", yuan(stats.amount_fen)),
            ("防止民转刑（件/人）", f"{stats.crime_cases}/{stats.crime_persons}"),
            ("防止群体性上访（件/人）", f"{stats.petition_cases}/{stats.petition_persons}")]


def breakdowns(stats: MediationStats) -> list[tuple[str, list[tuple[str, int]]]]:
    outcomes = [(OUTCOMES[k], stats.by_outcome.get(k, 0)) for k in OUTCOMES]
    outcomes.append((OPEN_LABEL, stats.by_outcome.get("", 0)))
    return [("纠纷类型", [(DISPUTE_TYPES[k], stats.by_type.get(k, 0)) for k in DISPUTE_TYPES]),
            ("案件来源", [(CASE_SOURCES[k], stats.by_source.get(k, 0)) for k in CASE_SOURCES]),
            ("调解结果", outcomes)]


def render_stats_pdf(path: Target, stats: MediationStats, *, station_name: str,
                     generated_at: datetime | None = None) -> int:
    name = f"人民调解工作统计（{stats.period}）"
    story = [title(name), heading("总体情况"), table([("项目", "数值"), *summary_rows(stats)])]
    for label, rows in breakdowns(stats):
        story += [heading(f"按{label}"), table([(label, "件数"), *((k, str(v)) for k, v in rows)])]
    return build_pdf(path, title=name, station_name=station_name, story=story, generated_at=generated_at)


def write_stats_xlsx(path: str | os.PathLike[str] | IO[bytes], stats: MediationStats) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "总体情况"
    sheet.append(["统计期间", stats.period])
    for label, value in summary_rows(stats):
        sheet.append([label, value])
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
