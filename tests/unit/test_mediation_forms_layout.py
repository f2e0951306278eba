"""Layout of the printed mediation forms, read back from real PDFs: long text grows its row and
continues on the next page instead of printing over the rows below; blank attendance stays blank;
signature blocks stay with what is signed; a short agreement is one page; the termination date is
the one chosen when the case was terminated."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from datetime import date, datetime

from pypdf import PdfReader
from pypdf._text_extraction import mult
from reportlab.pdfbase.pdfmetrics import stringWidth

from gridstation.db import accounts, mediation, mediation_queries
from gridstation.db.accounts import SignedIn
from gridstation.db.store import Store
from gridstation.domain.mediation_parties import PartyInput
from gridstation.domain.mediation_views import VisitView
from gridstation.reports.fonts import MAIN_FONT
from gridstation.reports.mediation_casefile import render_case_file, render_document
from gridstation.reports.mediation_documents import termination_story
from gridstation.reports.mediation_forms import form_table
from gridstation.reports.mediation_sample import PARTIES, sample_case
from gridstation.reports.pdf_base import MARGIN_BOTTOM, MARGIN_TOP, PAGE_HEIGHT, build_pdf

from .conftest import ADMIN_PASSWORD, OWN_GRID

STATION = "新兴社区第一网格服务站"
AT = datetime(2026, 12, 10, 9, 0)
MAX_TEXT, MAX_SHORT = 4000, 200


@dataclass(frozen=True)
class Run:
    """One piece of text as drawn: page (from 1), left x, baseline y, font size."""

    page: int
    x: float
    y: float
    size: float
    text: str

    @property
    def right(self) -> float:
        return self.x + stringWidth(self.text, MAIN_FONT, self.size)


def runs(data: bytes) -> list[Run]:
    out: list[Run] = []
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages, start=1):
        def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float,
                  number: int = number) -> None:
            if text.strip():
                m = mult(tm, cm)
                run = Run(number, m[4], m[5], size * m[3], text.strip())
                last = out[-1] if out else None
                if last and (last.page, last.x, last.y) == (run.page, run.x, run.y):  # a font change in a line
                    out[-1] = replace(last, text=last.text + run.text)
                else:
                    out.append(run)
        page.extract_text(visitor_text=visit)
    return out


def pages_of(data: bytes) -> list[str]:
    return [page.extract_text().replace(" ", "") for page in PdfReader(io.BytesIO(data)).pages]


def assert_no_overprint(found: list[Run]) -> None:
    """No two lines of text share ink, and all body text is inside the page's frame."""
    for run in found:
        if run.size > 9:  # the running header and footer are 8.5 pt, outside the frame by design
            assert MARGIN_BOTTOM - 2 < run.y < PAGE_HEIGHT - MARGIN_TOP + 2, run
    for i, a in enumerate(found):
        for b in found[i + 1:]:
            if a.page == b.page and abs(a.y - b.y) < 0.8 * min(a.size, b.size) and a.x < b.right - 1 and \
                    b.x < a.right - 1:
                raise AssertionError(f"text printed over text: {a} / {b}")


def render(case: object, name: str) -> bytes:
    out = io.BytesIO()
    render_document(out, case, name, station_name=STATION, generated_at=AT)  # type: ignore[arg-type]
    return out.getvalue()


def position(found: list[Run], text: str) -> tuple[int, float]:
    """Reading order of the first run holding ``text``: page, then down the page."""
    run = next(r for r in found if text in r.text.replace(" ", ""))
    return run.page, -run.y


# -- 1. long text -----------------------------------------------------------------------------------

def test_a_short_row_keeps_its_height_and_a_long_one_grows() -> None:
    short = form_table([["纠纷简要情况", "漏水。"]], min_heights={0: 90})
    long = form_table([["纠纷简要情况", "楼上卫生间漏水，顶棚受损。" * 40]], min_heights={0: 90})
    short.wrap(500, 800)
    long.wrap(500, 800)
    assert short._rowHeights == [90]  # the official look: room to write
    assert sum(long._rowHeights) > 200  # 520 characters need about 14 lines


def test_registration_form_with_the_longest_texts_prints_every_row_apart() -> None:
    facts = ("楼上卫生间漏水，顶棚受损。" * 400)[:MAX_TEXT]
    for text in (facts[:520], facts):
        case = replace(sample_case(), title="案" * MAX_SHORT, facts=text)
        data = render(case, "受理登记表")
        found = runs(data)
        assert_no_overprint(found)
        printed = "".join(pages_of(data))
        assert printed.count("漏") == text.count("漏") and printed.count("损") == text.count("损")  # none lost
        last_fact = max((r for r in found if "顶棚受损" in r.text), key=lambda r: (r.page, -r.y))
        assert (last_fact.page, -last_fact.y) < position(found, "受理意见") < position(found, "人民调解员")
        assert position(found, "受理意见") < position(found, "当事人签名")
    assert len(pages_of(data)) >= 3  # 4,000 characters continue over pages


def test_visit_record_with_long_answers_prints_every_row_apart() -> None:
    for n in (60, MAX_TEXT // 4):  # 240 characters (the walkthrough) and the most allowed
        visit = VisitView(date(2026, 12, 8), "张桂兰", "done", "satisfied", False, renewed_conflict="再生矛盾" * n,
                          measures="采取措施" * n, visitor="赵敏")
        data = render(replace(sample_case(), visits=(visit,)), "回访记录")
        found = runs(data)
        assert_no_overprint(found)
        last_conflict = max((r for r in found if "再生矛盾" in r.text and "有无" not in r.text),
                            key=lambda r: (r.page, -r.y))
        assert (last_conflict.page, -last_conflict.y) < position(found, "采取措施")
        last_measure = max((r for r in found if "采取措施采取" in r.text), key=lambda r: (r.page, -r.y))
        assert (last_measure.page, -last_measure.y) < position(found, "被回访人签名")


def test_case_file_cover_with_the_longest_name_stays_one_page() -> None:
    case = replace(sample_case(), title="案" * MAX_SHORT, mediators="调解员甲、" * (MAX_SHORT // 5))
    out = io.BytesIO()
    render_case_file(out, case, station_name=STATION, generated_at=AT)
    data = out.getvalue()
    found = runs(data)
    assert_no_overprint([r for r in found if r.page == 1])
    pages = pages_of(data)
    assert "保管期限" in pages[0] and "案" * 20 in pages[0]
    assert "卷内目录" in pages[1] and "保管期限" not in pages[1]


# -- 3. attendance ----------------------------------------------------------------------------------

def test_session_record_prints_the_attendance_recorded_and_nothing_when_none_was() -> None:
    case = sample_case()
    recorded = "".join(pages_of(render(case, "调解记录")))
    assert "到场当事人\n张桂兰、李建国、刘洋（物业委托代理人）" in recorded
    blank = replace(case, sessions=tuple(replace(s, parties_present="") for s in case.sessions))
    text = "".join(pages_of(render(blank, "调解记录")))
    row = text[text.index("到场当事人") + len("到场当事人"):text.index("邀请参加人")]
    assert row.strip() == ""  # left for the mediator to fill in by hand, not asserted


# -- 4. signature blocks ----------------------------------------------------------------------------

def test_session_record_signatures_stay_together_with_the_reading_back() -> None:
    splits = 0
    for statements in range(4, 40, 3):
        pages = pages_of(render(sample_case(statements_per_session=statements), "调解记录"))
        signed = [page for page in pages if "记录人：" in page]
        assert len(signed) == 1
        page = signed[0]
        assert "以上记录已向当事人宣读" in page
        assert all(f"当事人{party.name[:8]}" in page for party in PARTIES)
        splits += len(pages) > 1 and "调解结果" not in pages[0]
    assert splits  # some of these lengths do push the block to a new page


def test_agreement_signatures_stay_with_the_last_clause() -> None:
    base = sample_case()
    assert base.agreement is not None
    moved = 0
    for n in range(1, 30, 3):
        facts = "申请人家顶棚受损，双方对修复责任有争议。" * n
        case = replace(base, agreement=replace(base.agreement, facts=facts))
        pages = pages_of(render(case, "调解协议书"))
        signed = [page for page in pages if "记录人（签名）" in page]
        assert len(signed) == 1
        page = signed[0]
        assert "四、各方当事人就本纠纷再无其他争议" in page and "本协议一式四份" in page and "（印章）" in page
        assert "SHA-256" in page  # the QR code and its caption are on the signed page
        moved += len(pages) > 1
    assert moved


def test_the_last_lines_of_a_long_text_stay_with_the_signatures() -> None:
    base = sample_case()
    long_outcome = replace(base, sessions=tuple(replace(s, outcome="调解不成" * 1000) for s in base.sessions))
    long_reason = replace(base, termination_reason="双方分歧较大" * 600, other_routes_told=False)
    for case, name, signer, text in ((long_outcome, "调解记录", "记录人：", "调解不成"),
                                     (long_reason, "卷宗情况说明", "人民调解员：", "双方分歧较大")):
        pages = pages_of(render(case, name))
        assert len(pages) > 1
        signed = [page for page in pages if signer in page]
        assert len(signed) == 1 and text in signed[0]


def test_short_two_party_agreement_is_one_page() -> None:
    base = sample_case()
    assert base.agreement is not None
    case = replace(base, parties=base.parties[:2], agreement=replace(
        base.agreement, facts="李建国家卫生间防水失效，楼下张桂兰家顶棚渗水受损。", disputed="", responsibilities="",
        clauses=("李建国于十日内修复卫生间防水层。", "李建国赔偿张桂兰顶棚修复费用1800元，当场付清。"),
        performance_manner="现金或转账"))
    data = render(case, "调解协议书")
    pages = pages_of(data)
    assert len(pages) == 1
    assert "二、李建国赔偿张桂兰" in pages[0] and "记录人（签名）" in pages[0] and "SHA-256" in pages[0]
    assert_no_overprint(runs(data))


# -- 2. the termination date ------------------------------------------------------------------------

def test_termination_date_is_the_day_chosen_in_the_transition(store: Store, admin: SignedIn) -> None:
    with store.write() as session:
        accounts.create_user(session, actor=admin.actor, at="t", username="zhaomin", display_name="赵敏",
                             role="mediator", password=ADMIN_PASSWORD, grid_code=OWN_GRID)
    user = accounts.authenticate(store, "zhaomin", ADMIN_PASSWORD)
    case_ids = []
    for _ in range(2):
        case = mediation.register_case(
            store, user, grid_code=OWN_GRID, registered_on=date(2026, 11, 20),
            parties=[PartyInput("applicant", "person", "张三"), PartyInput("respondent", "person", "李四")],
            title="张三与李四相邻纠纷", dispute_type="neighbour", source="application", mediators="赵敏")
        mediation.move_case(store, user, case.id, "accepted", on=date(2026, 11, 21))
        case_ids.append(case.id)
    # the store's clock says 2026-11-27; the mediator records on that day a termination of the 25th
    mediation.move_case(store, user, case_ids[0], "terminated", reason="被申请人拒绝继续调解", on=date(2026, 11, 25),
                        other_routes_told=True)
    mediation.move_case(store, user, case_ids[1], "terminated", reason="被申请人拒绝继续调解", other_routes_told=True)
    texts = []
    for case_id in case_ids:
        with store.read() as session:
            file = mediation_queries.case_file(session, user, case_id)
        assert file.closed_on is None
        out = io.BytesIO()
        build_pdf(out, title="卷宗情况说明", station_name=STATION, story=termination_story(file), generated_at=AT)
        texts.append("".join(pages_of(out.getvalue())))
    assert "于2026年11月25日终止调解" in texts[0]
    assert "于2026年11月27日终止调解" in texts[1]  # the default: the day it was recorded
