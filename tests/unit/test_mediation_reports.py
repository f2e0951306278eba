"""Mediation printouts: read the PDFs back and check the parties, clauses, copies sentence, QR
content, the case file's contents; statistics PDF and xlsx hold counts and no personal data."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from gridstation.domain.mediation_agreement import check_code, parse_qr, qr_payload
from gridstation.domain.mediation_stats import StatFacts, summarize
from gridstation.reports.mediation_agreement_pdf import agreement_content
from gridstation.reports.mediation_casefile import documents, render_case_file, render_document
from gridstation.reports.mediation_sample import CLAUSES, sample_case
from gridstation.reports.mediation_stats_report import render_stats_pdf, write_stats_xlsx

STATION = "新兴社区第一网格服务站"
AT = datetime(2026, 12, 10, 9, 0)


def text_of(data: bytes | Path) -> str:
    reader = PdfReader(io.BytesIO(data) if isinstance(data, bytes) else data)
    return "\n".join(page.extract_text() for page in reader.pages).replace(" ", "")


def test_agreement_pdf_has_parties_clauses_copies_and_signature_lines() -> None:
    case = sample_case()
    out = io.BytesIO()
    render_document(out, case, "调解协议书", station_name=STATION, generated_at=AT)
    text = text_of(out.getvalue())
    assert "人民调解协议书" in text and "（2026）人调字第1001号" in text
    for view in case.parties:
        assert view.party.name in text
    assert "11010519491231002X" in text  # the legal document prints the ID number in full
    for number, clause in zip("一二三四", CLAUSES, strict=True):
        assert f"{number}、{clause[:12]}" in text
    assert "本协议一式四份，当事人各执一份，人民调解委员会留存一份。" in text
    assert "人民调解员（签名）" in text and "记录人（签名）" in text and "（印章）" in text


def test_qr_payload_matches_the_printed_content() -> None:
    case = sample_case()
    assert case.agreement is not None
    content = agreement_content(case, case.agreement)
    scanned = parse_qr(qr_payload(content))
    assert check_code(scanned, content)
    out = io.BytesIO()
    render_document(out, case, "调解协议书", station_name=STATION, generated_at=AT)
    assert content.sha256()[:32] in text_of(out.getvalue())


def test_case_file_contents_list_every_document_with_its_page(tmp_path: Path) -> None:
    case = sample_case(sessions=2)
    path = tmp_path / "file.pdf"
    pages = render_case_file(path, case, station_name=STATION, generated_at=AT)
    reader = PdfReader(path)
    assert len(reader.pages) == pages
    cover, contents = (reader.pages[i].extract_text().replace(" ", "") for i in (0, 1))
    cells = contents.splitlines()
    assert "人民调解卷宗" in cover and "（2026）人调字第1001号" in cover and "保管期限" in cover
    names = [name for name, _ in documents(case)]
    assert [name.split("（")[0] for name in names] == ["受理登记表", "调查记录", "调解记录", "调解记录", "调解协议书",
                                                      "回访记录"]
    for name in names:
        assert name in contents
    # the page numbers are written after layout (last on the page, in row order): each document
    # starts on the page the contents give for it, and the back cover is the last page
    numbers = [int(c) for c in cells[cells.index(f"第2页共{pages}页") + 1:]]
    assert len(numbers) == len(names) + 1 and numbers[-1] == pages
    titles = {"受理登记表": "人民调解受理登记表", "调查记录": "人民调解调查记录", "调解记录": "人民调解记录",
              "调解协议书": "人民调解协议书", "回访记录": "人民调解回访记录"}
    for name, page_no in zip(names, numbers, strict=False):
        assert titles[name.split("（")[0]] in reader.pages[page_no - 1].extract_text().replace(" ", "")
    assert f"本卷共{pages}页" in reader.pages[-1].extract_text().replace(" ", "")


def test_statistics_pdf_and_xlsx(tmp_path: Path) -> None:
    stats = summarize("2026年11月", [StatFacts("neighbour", "application", "written", 180000, True, False, 3),
                                    StatFacts("labour", "court", "failed", 0, False, True, 20)])
    out = io.BytesIO()
    render_stats_pdf(out, stats, station_name=STATION, generated_at=AT)
    text = text_of(out.getvalue())
    assert "人民调解工作统计（2026年11月）" in text and "50.0%" in text and "1800.00" in text and "1/20" in text
    path = tmp_path / "stats.xlsx"
    write_stats_xlsx(path, stats)
    book = load_workbook(path)
    assert book["总体情况"]["B2"].value == 2
    assert {"按纠纷类型", "按案件来源", "按调解结果"} <= set(book.sheetnames)
    types = {row[0].value: row[1].value for row in book["按纠纷类型"].iter_rows(min_row=2)}
    assert types["邻里"] == 1 and types["劳动争议"] == 1


def test_stored_utc_times_print_in_the_station_time_zone(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import time

    from gridstation.reports.mediation_forms import cn_datetime

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        assert cn_datetime("2026-11-27T01:05:00.000+00:00") == "2026年11月27日 09:05"
        assert cn_datetime("2026-11-03T10:00:00") == "2026年11月3日 10:00"  # no zone: as written
    finally:
        monkeypatch.undo()
        time.tzset()
