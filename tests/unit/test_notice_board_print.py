"""The notice-board sheets as a user sees them on paper: A3 holds what A4 refuses, a long service list
continues on numbered pages, the grid card has its leaders and no empty lines, the summary says
where to give feedback, and the guard refuses what a typist could slip past it."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph, Spacer

from gridstation.db import accounts, demo, services, services_notice
from gridstation.db.store import Store
from gridstation.domain.errors import ValidationError
from gridstation.domain.services import CatalogueItem
from gridstation.reports import notice_board as nb
from gridstation.reports.notice_board_base import PersonalDataRefused, PosterTooLong, Sheet

from .conftest import OWN_GRID, FakeClock

TODAY = date(2026, 11, 27)
GRID_1, GRID_2 = (code for code, _ in demo.DEMO_SETUP.grids)


@pytest.fixture
def demo_station(data_dir: Path, clock: FakeClock) -> Store:
    opened = Store.open(data_dir, clock=clock)
    demo.setup_demo_station(opened)
    yield opened
    opened.close()


def pages_and_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "".join(p.extract_text() for p in reader.pages).replace(" ", "").replace("\n", "")


def test_a3_holds_the_text_a4_refuses_as_the_refusal_says() -> None:
    body = "依法调解，公平公正。" * 180
    sheet = nb.LegalSheet("站", "qa", "过长", tuple(nb.LegalSection(f"问题{n}", body) for n in range(1, 5)))
    with pytest.raises(PosterTooLong) as on_a4:
        nb.render_legal_sheet(io.BytesIO(), sheet, paper="A4", personal=set(), issued=TODAY)
    assert "or print it on A3" in str(on_a4.value)
    out = io.BytesIO()
    scale = nb.render_legal_sheet(out, sheet, paper="A3", personal=set(), issued=TODAY)
    assert scale < 0.5 and pages_and_text(out.getvalue())[0] == 1  # the same printed size as A4 at its smallest


def test_a_long_service_list_continues_on_numbered_pages_with_its_header() -> None:
    items = tuple(CatalogueItem(f"FW{i:03d}", f"服务事项{i}", f"类别{i // 6}", "区民政局", "区",
                                ("居民身份证", "户口簿"), 5, "working", True) for i in range(1, 81))
    out = io.BytesIO()
    nb.render_checklist_poster(out, nb.ChecklistPoster("新兴社区网格服务站", items, contact_phone="0452-2345000"),
                               paper="A4", personal=set(), issued=TODAY)
    reader = PdfReader(io.BytesIO(out.getvalue()))
    count = len(reader.pages)
    assert count >= 2
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text().replace(" ", "")
        assert "服务事项" in text and "所需材料" in text  # the header row on every page
        assert f"第{number}页共{count}页" in text and "公示日期：2026年11月27日" in text
    flat = pages_and_text(out.getvalue())[1]
    assert all(f"服务事项{i}" in flat for i in (1, 40, 80)) and "咨询电话：0452-2345000" in flat


def test_the_districts_list_still_prints_on_one_page(demo_station: Store) -> None:
    out = io.BytesIO()
    services_notice.render_notice(demo_station, "checklist", out, paper="A4", issued=TODAY, actor="admin",
                                  document=services_notice.checklist_poster(demo_station))
    assert pages_and_text(out.getvalue())[0] == 1


def test_the_card_of_a_grid_led_by_its_b_role_worker_shows_them(demo_station: Store) -> None:
    card = services_notice.grid_card(demo_station, GRID_2)  # 李军: B role, own grid 2
    assert [(leader.name, leader.role) for leader in card.leaders] == [("李军", "网格长（A角）")]
    out = io.BytesIO()
    services_notice.render_notice(demo_station, "grid_card", out, paper="A4", issued=TODAY, actor="admin",
                                  document=card)
    text = pages_and_text(out.getvalue())[1]
    assert "李军" in text and "网格范围" not in text  # no empty "网格范围：" line before an area is set


def test_a_card_for_a_grid_without_anyone_is_refused(store: Store, admin: accounts.SignedIn) -> None:
    with pytest.raises(ValidationError) as refused:  # a new station: its admin, no grid workers yet
        services_notice.grid_card(store, OWN_GRID)
    assert "would show no one" in str(refused.value) and "第一网格" in str(refused.value)


def test_the_photo_placeholder_has_the_photos_size() -> None:
    from gridstation.reports.notice_board import _leader_block

    sheet = Sheet("A4", 1.0)
    block = _leader_block(sheet, nb.PublicLeader("王芳", "网格长（A角）", ""), 400)
    placeholder = block._cellvalues[0][0]
    assert placeholder._rowHeights == [sheet.pt(92)]


def test_the_summary_says_where_to_give_feedback(demo_station: Store) -> None:
    profile = services_notice.get_profile(demo_station)
    profile.supervision_phone = "0452-2345999"
    services_notice.save_profile(demo_station, profile, actor="admin")
    summary = services_notice.public_summary(demo_station, year=2026, month=11, today=TODAY)
    out = io.BytesIO()
    services_notice.render_notice(demo_station, "summary", out, paper="A4", issued=TODAY, actor="admin",
                                  document=summary)
    assert "欢迎居民群众监督，提出意见建议。监督电话：0452-2345999" in pages_and_text(out.getvalue())[1]


def test_the_slogan_keeps_its_distance_from_the_columns() -> None:
    doc = nb.LegalSheet("站", "columns", "标题", (nb.LegalSection("一", "正文"),), slogan="学法尊法守法用法")
    flow = nb._legal_story(Sheet("A4", 1.0), doc)
    assert isinstance(flow[-1], Paragraph) and isinstance(flow[-2], Spacer)


@pytest.mark.parametrize("typed", [
    "请联系{p}",                      # as stored
    "请联系{fw}",                     # full-width digits of a Chinese input method
    "请联系{dashed}",                 # 139-0000-1111
    "请联系{spaced}",                 # 139 0000 1111
    "请联系{a}\n{b}",                 # broken over two lines
])
def test_a_residents_phone_however_typed_is_refused(demo_station: Store, typed: str) -> None:
    leader = next(u for u in accounts.list_users(demo_station) if u.username == "wangfang")
    services.register_service(demo_station, leader.actor, grid_code=GRID_1, item_code="FW006", resident_name="钱秀英",
                              received_on=TODAY, resident_phone="13900001111")
    phone = "13900001111"
    text = typed.format(p=phone, fw=phone.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
                        dashed="139-0000-1111", spaced="139 0000 1111", a="1390000", b="1111")
    for title, sections in ((text, (("事项", "无"),)), ("通知", (("事项", text),))):
        sheet = services_notice.legal_sheet(demo_station, layout="banner", title=title, sections=sections)
        with pytest.raises(PersonalDataRefused):
            services_notice.render_notice(demo_station, "legal", io.BytesIO(), paper="A4", issued=TODAY,
                                          actor="admin", document=sheet)
