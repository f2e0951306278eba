"""Work diary printouts and spreadsheet exports: the day sheet, week summary and month report
read back with pypdf; CSV and XLSX read back with their own readers."""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from gridstation.domain.diary import (
    CATEGORIES,
    MAX_SHORT,
    MAX_TEXT,
    DiaryDayView,
    DiaryItemView,
    MonthReport,
    WeekReport,
    summarize,
    week_start,
    weeks_of_month,
)
from gridstation.reports.diary_export import export_month_csv, export_month_xlsx
from gridstation.reports.diary_report import (
    ORIGINAL_COLOR,
    Notes,
    _withdrawn_row,
    render_day_sheet,
    render_month_report,
    render_week_summary,
)

STATION = "幸福里社区网格服务站"
AT = datetime(2025, 11, 10, 18, 0)
MARKUP = "<b>x</b> & <font>"
RARE = "王𠀀"  # CJK Ext-B: printed with the HanaMin B fallback font
LONG = "长文本开始" + "社区网格化管理服务" * 200 + "ABCDEFGHIJ" * 19 + "长文本结束"  # incl. a long Latin word
assert len(LONG) == 2000


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path, every: int = 1) -> tuple[list[str], str]:
    """Text of every page (or of the first three, every ``every``-th and the last page)."""
    pages = PdfReader(path).pages
    picked = sorted({0, 1, 2, *range(0, len(pages), every), len(pages) - 1} & set(range(len(pages))))
    texts = [squash(pages[i].extract_text()) for i in picked]
    return texts, "".join(texts)


def item(day: date, seq: int, category: str, **fields: object) -> DiaryItemView:
    values: dict[str, object] = {
        "time": f"{8 + seq:02d}:30", "hazard_type": "fire" if category == "hazard" else None,
        "place": f"幸福里{seq}号楼", "problem": f"第{seq}项问题", "action": f"第{seq}项措施", "result": "已处理",
        "open": False,
    }
    values.update(fields)
    return DiaryItemView(id=f"{day}-{seq}", day=day, seq=seq, category=category, **values)  # type: ignore[arg-type]


def realistic_day(day: date = date(2025, 11, 3), *, closed: bool = True) -> DiaryDayView:
    """About eight items as a grid leader writes them, with every printing hazard in one day."""
    amended = item(day, 7, "service", problem="代办高龄津贴申请，材料已齐", result="已提交街道", amended=True,
                   reason="补齐材料后更正",
                   original=item(day, 7, "service", problem="代办高龄津贴申请，缺户口本", result="待补材料", open=True))
    items = (
        item(day, 1, "patrol", place="幸福里小区", problem="巡查主干道及背街小巷", action="清理小广告3处"),
        item(day, 2, "visit", problem="走访独居老人及困难家庭", households=12, special_households=3),
        item(day, 3, "hazard", problem="3号楼楼道堆放杂物堵塞消防通道", action="督促物业清理",
             result="部分清理，仍有一处未清", open=True, hazards_found=2, hazards_rectified=1),
        item(day, 4, "hazard", hazard_type="gas", problem="餐馆燃气软管老化", hazards_found=1, hazards_rectified=1),
        item(day, 5, "dispute", problem="邻里漏水纠纷", action="现场调解未果，上报街道调委会", open=True,
             escalated=True),
        item(day, 6, "info", place=MARKUP, problem=f"新迁入居民{RARE}登记信息", action="=1+1"),
        amended,
        item(day, 8, "legal", problem="反诈宣传进小区", action=LONG, result="发放资料200份"),
    )
    carried = (item(day - timedelta(days=3), 2, "event", problem="路灯损坏已上报待修", open=True),)
    return DiaryDayView(
        id=str(day), day=day, grid_code="230204001003-001U", grid_name="幸福里社区第一网格", author_name="李娜",
        weather="多云", patrol_period="08:00–11:30", patrol_route="幸福里小区—光明路—农贸市场", cover=True,
        covered_grid="幸福里社区第二网格", tomorrow_plan="回访3号楼消防通道整改情况；继续入户采集信息。",
        closed=closed, items=items, carried_open=carried,
    )


def test_day_sheet(tmp_path: Path) -> None:
    out = tmp_path / "day.pdf"
    pages = render_day_sheet(out, realistic_day(), station_name=STATION, generated_at=AT)
    texts, text = pdf_text(out)
    assert len(texts) == pages
    for typed in ("网格员工作日志", "2025年11月3日星期一", "多云", "幸福里社区第一网格", "李娜", "08:00–11:30",
                  "幸福里小区—光明路—农贸市场", "代岗", "幸福里社区第二网格", "已日清", squash(MARKUP), RARE, "=1+1",
                  "走访12户(特殊群体3户)", "发现2处整改1处", "隐患排查（消防）", "隐患排查（燃气）", "未办结", "已办结",
                  "已上报", "（更正，原因：补齐材料后更正）", "原记录：代办高龄津贴申请，缺户口本", "原记录：待补材料",
                  "遗留问题",
                  "路灯损坏已上报待修", "明日计划", "回访3号楼消防通道整改情况", "网格员签字：", "日期：",
                  "长文本开始", "（全文见附注1）", "附注1第8项处理措施：长文本开始", "长文本结束"):
        assert typed in text, typed
    assert text.count("社区网格化管理服务") >= 190  # the long field wraps, nothing is cut off
    assert f"第1页共{pages}页" in texts[0] and f"第{pages}页共{pages}页" in texts[-1]
    assert "未日清" not in text


def test_open_day_is_a_draft(tmp_path: Path) -> None:
    day = replace(realistic_day(closed=False), cover=False, carried_open=())
    render_day_sheet(tmp_path / "draft.pdf", day, station_name=STATION, generated_at=AT)
    text = pdf_text(tmp_path / "draft.pdf")[1]
    assert "未日清（草稿）" in text and "已日清" not in text


@pytest.mark.parametrize("lines", [False, True], ids=["one-line", "many-lines"])
def test_day_sheet_header_fields_at_their_limits(tmp_path: Path, lines: bool) -> None:
    """Every header field as long as the diary accepts prints: a 2,000-character 巡查路线 overflowed
    its 65 mm cell (reportlab LayoutError); now it shows its start and goes in full to the notes."""
    stop = "光明路\n" if lines else "光明路—农贸市场，"
    route = ("巡查开始" + stop * MAX_TEXT)[:MAX_TEXT - 4] + "巡查结束"
    weather = ("晴\n" if lines else "多云转晴") * MAX_SHORT
    day = replace(realistic_day(), patrol_route=route, weather=weather[:MAX_SHORT],
                  patrol_period=("08:00–11:30，" * MAX_SHORT)[:MAX_SHORT], tomorrow_plan=LONG)
    assert len(day.patrol_route) == MAX_TEXT
    out = tmp_path / "long_header.pdf"
    pages = render_day_sheet(out, day, station_name=STATION, generated_at=AT)
    texts, text = pdf_text(out)
    assert len(texts) == pages
    route_note = 2 if lines else 1  # 100 one-character lines of weather are too tall for the cell, too
    assert "巡查路线巡查开始" in text and f"（全文见附注{route_note}）" in text  # the cell: the start, a reference
    assert f"附注{route_note}巡查路线：巡查开始" in text and "巡查结束" in text  # the note: all of it
    assert text.count("光明路") >= route.count("光明路")
    assert f"附注{route_note + 1}第8项处理措施：长文本开始" in text and "长文本结束" in text  # item notes follow on
    assert text.count("社区网格化管理服务") >= 390  # the tomorrow plan (LONG) and the item note, in full


def test_day_sheet_prints_withdrawn_items_in_place(tmp_path: Path) -> None:
    """An item withdrawn after closing stays on the sheet at its 序号, struck out and marked, as the
    withdraw dialog promises: the numbering reads 1, 2, 3, 4 … without an unexplained gap."""
    day = realistic_day()
    gone = replace(item(day.day, 3, "hazard", place="幸福里9号楼", problem="误记的楼道杂物", action="督促物业清理"),
                   reason="重复录入")
    long_gone = item(day.day, 9, "info", problem="误记的长事项", action=LONG)
    sheet = replace(day, items=tuple(i for i in day.items if i.seq != 3), withdrawn=(gone, long_gone))
    out = tmp_path / "withdrawn.pdf"
    render_day_sheet(out, sheet, station_name=STATION, generated_at=AT)
    text = pdf_text(out)[1]
    order = [text.index(s) for s in ("走访独居老人", "（已撤回，原因：重复录入）误记的楼道杂物", "餐馆燃气软管老化",
                                     "反诈宣传进小区", "（已撤回）误记的长事项")]
    assert order == sorted(order)
    assert text.count("已撤回") >= 4 and "幸福里9号楼" in text
    assert "附注2第9项（已撤回）处理措施：长文本开始" in text  # long text of a withdrawn item goes to the notes too
    row = _withdrawn_row(gone, Notes(9.5))
    assert all(f'<font color="{ORIGINAL_COLOR}"><strike>' in cell for cell in (row[0], row[3], row[5]))
    assert "<strike>" not in row[-1] and "（已撤回，原因：重复录入）" in row[4]  # the mark and the status stay legible


def test_week_summary(tmp_path: Path) -> None:
    monday = date(2025, 11, 3)
    days = tuple(realistic_day(monday + timedelta(days=i), closed=i < 4) for i in range(5))
    totals = summarize(i.facts() for d in days for i in d.items)
    report = WeekReport(week_start=monday, grid_name="幸福里社区第一网格", author_name="李娜", days=days, totals=totals,
                        note=f"本周重点整治消防通道。{MARKUP}", next_week_focus="燃气安全专项排查")
    out = tmp_path / "week.pdf"
    pages = render_week_summary(out, report, station_name=STATION, generated_at=AT)
    texts, text = pdf_text(out)
    for typed in ("网格工作周结", "2025年11月3日（星期一）至2025年11月9日（星期日）", *CATEGORIES.values(), "合计",
                  "本周填写工作日志5天，已日清4天", f"共记录工作事项{totals.items}项", f"已办结{totals.closed}项",
                  f"未办结{totals.open}项", f"上报上级{totals.escalations}项", squash(MARKUP), "燃气安全专项排查"):
        assert typed in text, typed
    assert totals.items == 40 and "合计40" in text
    assert f"第1页共{pages}页" in texts[0]


def month(n: int) -> MonthReport:
    codes = list(CATEGORIES)
    days = [date(2025, 11, d) for d in range(1, 31)]
    items = tuple(
        item(days[k * 30 // n], k % 40 + 1, codes[k % len(codes)], problem=f"事项{k}：楼道杂物清理", open=k % 4 == 0,
             place="=1+1" if k == 5 else f"幸福里{k % 9}号楼", households=5 if codes[k % len(codes)] == "visit" else 0)
        for k in range(n)
    )
    items = (replace(items[0], problem="首条事项"), *items[1:-1], replace(items[-1], problem="末条事项"))
    weeks = weeks_of_month(2025, 11)
    per_week = tuple((m, summarize(i.facts() for i in items if week_start(i.day) == m)) for m in weeks)
    return MonthReport(year=2025, month=11, grid_name="幸福里社区第一网格", author_name="李娜", items=items,
                       totals=summarize(i.facts() for i in items), per_week=per_week, days_written=30, days_closed=28)


@pytest.fixture(scope="module")
def big_month() -> MonthReport:
    return month(1000)


def test_month_report(tmp_path: Path, big_month: MonthReport) -> None:
    out = tmp_path / "month.pdf"
    pages = render_month_report(out, big_month, station_name=STATION, generated_at=AT)
    assert pages == len(PdfReader(out).pages) > 20
    texts, text = pdf_text(out, every=7)  # reading all 60-odd pages back would double the test's time
    for typed in ("网格员月度工作报告2025年11月", "填写工作日志30天", "已日清28天", "共记录工作事项1000项",
                  "未办结250项", *CATEGORIES.values(), "合计1000", "第1周(10/27–11/02)", "第5周(11/24–11/30)"):
        assert typed in text, typed
    assert "首条事项" in texts[1] or "首条事项" in texts[0]
    assert "末条事项" in texts[-1]
    assert all("日期时间类别地点问题处理措施结果状态" in page for page in texts[2:])  # header on each page read
    assert f"第{pages}页共{pages}页" in texts[-1]


def test_month_csv(tmp_path: Path, big_month: MonthReport) -> None:
    out = tmp_path / "month.csv"
    assert export_month_csv(out, big_month) == 1000
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:4] == ["日期", "星期", "时间", "类别"] and len(rows) == 1001
    assert rows[1][0] == "2025-11-01" and rows[1][1] == "星期六" and rows[1][6] == "首条事项"
    assert rows[6][5] == "'=1+1"  # item 5's place, not a formula
    assert rows[-1][6] == "末条事项"


def test_month_xlsx(tmp_path: Path, big_month: MonthReport) -> None:
    out = tmp_path / "month.xlsx"
    assert export_month_xlsx(out, big_month) == 1000
    book = load_workbook(out)
    entries = book["工作日志"]
    assert entries.max_row == 1001 and entries["A1"].value == "日期" and entries["A1"].font.b
    assert entries.freeze_panes == "A2"
    assert isinstance(entries["A2"].value, datetime) and entries["A2"].value.date() == date(2025, 11, 1)
    place = entries["F7"]
    assert place.value == "=1+1" and place.data_type == "s"
    assert entries["G1001"].value == "末条事项"
    totals = {row[0]: row[1:] for row in book["分类统计"].iter_rows(min_row=2, values_only=True)}
    assert totals["合计"][0] == 1000 and totals["入户走访"] == (100, 0, 500, 0, 0, 0)


def test_empty_views_render(tmp_path: Path) -> None:
    day = replace(realistic_day(closed=False), items=(), carried_open=(), tomorrow_plan="", cover=False)
    assert render_day_sheet(tmp_path / "d.pdf", day, station_name=STATION) == 1
    week = WeekReport(week_start=date(2025, 11, 3), grid_name="", author_name="", days=(), totals=summarize([]))
    assert render_week_summary(tmp_path / "w.pdf", week, station_name=STATION) == 1
    empty = replace(month(2), items=(), totals=summarize([]), per_week=(), days_written=0, days_closed=0)
    assert render_month_report(tmp_path / "m.pdf", empty, station_name=STATION) >= 1
    assert "本月无工作事项" in pdf_text(tmp_path / "m.pdf")[1]
    export_month_csv(tmp_path / "m.csv", empty)
    export_month_xlsx(tmp_path / "m.xlsx", empty)


def test_numbers_typed_into_the_diary_print_and_export_masked(tmp_path: Path) -> None:
    """An ID or mobile number in an item's text is personal data: masked on every printout and in
    every export (the stored text keeps it, for the author's editor)."""
    day = realistic_day()
    typed = replace(day.items[1], problem="走访张大爷，身份证230204198001011234", result="回电13812345678")
    sheet = replace(day, items=(day.items[0], typed, *day.items[2:]), tomorrow_plan="回访138 1234 5678")
    _, text = pdf_text(_rendered(tmp_path / "day.pdf", sheet))
    assert "230***********1234" in text and "138****5678" in text
    assert "19800101" not in text and "13812345678" not in text and "12345678" not in text
    report = month(3)
    report = replace(report, items=(replace(report.items[0], place="幸福里13812345678号"), *report.items[1:]))
    export_month_csv(tmp_path / "m.csv", report)
    export_month_xlsx(tmp_path / "m.xlsx", report)
    assert "幸福里138****5678号" in (tmp_path / "m.csv").read_text("utf-8-sig")
    cells = [str(c.value) for row in load_workbook(tmp_path / "m.xlsx").worksheets[0].iter_rows() for c in row]
    assert "幸福里138****5678号" in cells and not any("13812345678" in c for c in cells)
    render_month_report(tmp_path / "m.pdf", report, station_name=STATION, generated_at=AT)
    assert "13812345678" not in pdf_text(tmp_path / "m.pdf")[1]


def _rendered(out: Path, day: DiaryDayView) -> Path:
    render_day_sheet(out, day, station_name=STATION, generated_at=AT)
    return out
