"""Notice-board materials and the receipt: one page on the chosen paper, fitting long text, refusing
residents' personal data (proved with a demo station full of it), refusing bad photos."""

from __future__ import annotations

import io
import os
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.lib.pagesizes import A3, A4
from sqlmodel import select

from gridstation.db import accounts, demo, services, services_notice
from gridstation.db import services_queries as q
from gridstation.db.services_models import ServiceRecord
from gridstation.db.store import Store
from gridstation.domain.errors import ValidationError
from gridstation.reports import notice_board as nb
from gridstation.reports.notice_board_base import PersonalDataRefused, PosterTooLong, load_photo
from gridstation.reports.services_receipt import StationContact, render_receipt

from .conftest import FakeClock

TODAY = date(2026, 11, 27)
GRID = demo.DEMO_SETUP.grids[0][0]


@pytest.fixture
def demo_store(data_dir: Path, clock: FakeClock) -> Store:
    """A demo station with two months of diaries and a year of service records: hundreds of residents'
    names, ID numbers and phones."""
    opened = Store.open(data_dir, clock=clock)
    demo.load_demo(opened, today=TODAY, diary_days=60, service_days=365)
    yield opened
    opened.close()


def pdf_text(data: bytes) -> tuple[int, tuple[float, float], str]:
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    return len(reader.pages), (float(box.width), float(box.height)), "".join(p.extract_text() for p in reader.pages)


def documents(store: Store) -> list[tuple[str, object]]:
    sections = services_notice.LEGAL_SAMPLES["anti_fraud"][1]
    return [("grid_card", services_notice.grid_card(store, GRID)),
            ("checklist", services_notice.checklist_poster(store)),
            ("summary", services_notice.public_summary(store, year=2026, month=11, today=TODAY))] + [
        ("legal", services_notice.legal_sheet(store, layout=layout, title="防范电信网络诈骗", sections=sections))
        for layout in nb.LEGAL_LAYOUTS]


def render(store: Store, kind: str, document: object, paper: str = "A4") -> bytes:
    out = io.BytesIO()
    services_notice.render_notice(store, kind, out, paper=paper, issued=TODAY, actor="admin", document=document)
    return out.getvalue()


@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_every_layout_is_one_page_of_its_paper_without_personal_data(demo_store: Store, paper: str) -> None:
    personal = services_notice.personal_values(demo_store)
    assert len(personal) > 500  # the demo is full of residents' names, IDs and phones
    expected = {"grid_card": "网格信息公示", "checklist": "便民服务清单", "summary": "2026年11月工作公示",
                "legal": "防范电信网络诈骗"}
    for kind, document in documents(demo_store):
        pages, size, text = pdf_text(render(demo_store, kind, document, paper))
        assert pages == 1
        assert size == pytest.approx(A4 if paper == "A4" else A3, abs=1)
        assert expected[kind] in text.replace(" ", "")
        leaked = [v for v in personal if len(v) >= 3 and v in text.replace(" ", "").replace("\n", "")]
        assert leaked == [], f"{kind} printed personal data"


def test_checklist_lists_every_offered_item_and_counts_are_counts(demo_store: Store) -> None:
    _, _, text = pdf_text(render(demo_store, "checklist", services_notice.checklist_poster(demo_store)))
    flat = text.replace(" ", "").replace("\n", "")
    assert all(name in flat for name in ("最低生活保障申请", "水电气暖报修协调", "医保异地就医备案"))
    summary = services_notice.public_summary(demo_store, year=2026, month=11, today=TODAY)
    assert all(isinstance(count, int) for _, lines in summary.groups for _, count, _ in lines)
    stats = q.month_statistics(demo_store, year=2026, month=11, today=TODAY)
    assert ("受理便民服务", stats.total, "件") in summary.groups[1][1]


def test_a_residents_data_typed_into_a_sheet_is_refused(demo_store: Store) -> None:
    with demo_store.read() as session:
        resident = session.exec(select(ServiceRecord).where(ServiceRecord.resident_id_number != "")).first()
    assert resident is not None
    for text in (f"欢迎{resident.resident_name}参加", f"联系{resident.resident_phone}", "身份证110105194912310021号"):
        sheet = services_notice.legal_sheet(demo_store, layout="banner", title="通知",
                                            sections=(("事项", text),))
        with pytest.raises(PersonalDataRefused) as refused:
            render(demo_store, "legal", sheet)
        assert refused.value.field == "sections[0].body"
        assert "personal data in the text of section 1." in str(refused.value)  # in words, not the path
        assert "sections" not in str(refused.value) and refused.value.params == {"place": "the text of section",
                                                                                  "n": 1}
    sheet = services_notice.legal_sheet(demo_store, layout="qa", title="通知",
                                        sections=(("一", "无"), (f"问{resident.resident_name}", "答")))
    with pytest.raises(PersonalDataRefused) as in_heading:
        render(demo_store, "legal", sheet)
    assert "personal data in the heading of section 2." in str(in_heading.value)
    titled = services_notice.legal_sheet(demo_store, layout="banner", title=f"致{resident.resident_name}",
                                         sections=(("事项", "无"),))
    with pytest.raises(PersonalDataRefused) as in_title:
        render(demo_store, "legal", titled)
    assert "personal data in the title." in str(in_title.value) and in_title.value.field == "title"
    card = services_notice.grid_card(demo_store, GRID)
    leader = card.leaders[0]
    spoiled = nb.GridCard(card.station_name, card.grid_name, f"含{resident.resident_name}家", card.opening_hours,
                          card.leaders)
    with pytest.raises(PersonalDataRefused) as in_area:
        render(demo_store, "grid_card", spoiled)
    assert "personal data in the grid's area." in str(in_area.value)
    assert leader.name == "王芳"  # a leader's own name is public on the card


@pytest.mark.parametrize(("title", "sections", "field", "missing"), [
    ("", (), "title", "has no title and no text"),
    ("  ", (("", "  "),), "title", "has no title and no text"),
    ("", (("一", "短文。"),), "title", "has no title."),
    ("防范诈骗", (), "text", "has no text."),
])
def test_a_legal_sheet_without_title_or_text_is_refused_before_drawing(store: Store, title: str,
                                                                       sections: tuple[tuple[str, str], ...],
                                                                       field: str, missing: str) -> None:
    with pytest.raises(ValidationError) as refused:
        services_notice.legal_sheet(store, layout="banner", title=title, sections=sections)
    assert refused.value.field == field and f"The legal publicity sheet {missing}" in str(refused.value)


def test_a_mediation_partys_name_or_number_is_refused_too(demo_store: Store) -> None:
    from gridstation.db.mediation_models import MediationParty

    with demo_store.read() as session:
        party = session.exec(select(MediationParty).where(MediationParty.kind == "person",
                                                          MediationParty.phone != "")).first()
    assert party is not None  # the demo has mediation cases with their parties
    for text in (f"感谢{party.name}配合", f"请联系{party.phone}"):
        sheet = services_notice.legal_sheet(demo_store, layout="banner", title="通知", sections=(("事项", text),))
        with pytest.raises(PersonalDataRefused):
            render(demo_store, "legal", sheet)


def test_long_text_shrinks_and_too_long_text_asks_to_shorten(store: Store, admin: accounts.SignedIn) -> None:
    short = services_notice.legal_sheet(store, layout="banner", title="短", sections=(("一", "短文。"),))
    long_body = "依法调解，公平公正。" * 180
    longer = services_notice.legal_sheet(store, layout="columns", title="很长的标题" * 6,
                                         sections=tuple((f"第{n}条", long_body) for n in range(1, 3)))
    out_short, out_long = io.BytesIO(), io.BytesIO()
    big = nb.render_legal_sheet(out_short, short, paper="A4", personal=set(), issued=TODAY)
    small = nb.render_legal_sheet(out_long, longer, paper="A4", personal=set(), issued=TODAY)
    assert big > 1 > small and pdf_text(out_long.getvalue())[0] == 1
    impossible = services_notice.legal_sheet(store, layout="qa", title="过长",
                                             sections=tuple((f"问题{n}", long_body) for n in range(1, 9)))
    with pytest.raises(PosterTooLong) as refused:
        nb.render_legal_sheet(io.BytesIO(), impossible, paper="A4", personal=set(), issued=TODAY)
    assert "Shorten it or print it on A3" in str(refused.value)
    with pytest.raises(PosterTooLong) as on_a3:
        nb.render_legal_sheet(io.BytesIO(), impossible, paper="A3", personal=set(), issued=TODAY)
    assert "A3" not in str(on_a3.value).split("page")[1]


def test_photos_must_be_real_images_of_sensible_size(tmp_path: Path, store: Store, admin: accounts.SignedIn) -> None:
    fake = tmp_path / "photo.jpg"
    fake.write_text("not a picture")
    with pytest.raises(ValidationError) as not_image:
        load_photo(fake)
    assert not_image.value.field == "photo" and "JPEG or PNG" in str(not_image.value)
    huge = tmp_path / "huge.jpg"
    with huge.open("wb") as f:  # 200 MB, sparse: the size alone is refused, nothing is read
        f.seek(200 * 1024 * 1024 - 1)
        f.write(b"\0")
    with pytest.raises(ValidationError) as too_big:
        load_photo(huge)
    assert "200 MB" in str(too_big.value) and "at most 10 MB" in str(too_big.value)
    good = tmp_path / "leader.png"
    Image.new("RGB", (120, 160), (200, 180, 160)).save(good)
    kept = services_notice.set_leader_photo(store, admin.user_id, good, actor="admin")
    assert kept.exists() and load_photo(kept) == good.read_bytes()
    os.remove(huge)


def test_receipt_carries_one_record_masked(demo_store: Store, tmp_path: Path) -> None:
    leader = next(u for u in accounts.list_users(demo_store) if u.username == "wangfang")
    record = services.register_service(
        demo_store, leader.actor, grid_code=GRID, item_code="FW006", resident_name="欧阳秀兰", received_on=TODAY,
        resident_phone="13912345678", resident_id_number="11010519491231002X", materials=["居民身份证", "户口簿"])
    view = q.get_record(demo_store, record.id, today=TODAY)
    assert view is not None
    item = next(i for i in services_notice.checklist_poster(demo_store).items if i.code == "FW006")
    target = tmp_path / "receipt.pdf"
    assert render_receipt(target, view, item, StationContact("新兴社区网格服务站", "王芳", "0452-2345000")) == 1
    pages, size, text = pdf_text(target.read_bytes())
    flat = text.replace(" ", "").replace("\n", "")
    assert size == pytest.approx(A4, abs=1)
    assert "欧阳秀兰" in flat and "高龄津贴" in flat and "2026年12月18日" in flat and "未收取" in flat
    assert "139****5678" in flat and "110***********002X" in flat
    assert "13912345678" not in flat and "19491231" not in flat
    others = services_notice.personal_values(demo_store) - {"欧阳秀兰", "13912345678", "11010519491231002X"}
    assert not [v for v in others if len(v) >= 3 and v in flat]


def test_database_lookup_agrees_with_the_full_set_of_values(demo_store: Store) -> None:
    every = services_notice.personal_values(demo_store)
    lookup = q.ResidentValues(demo_store)
    assert lookup.lengths() == {len(v) for v in every}
    sample = set(sorted(every)[::37]) | {"不是居民", "13000000000", "王"}
    assert lookup.find(sample) == sample & every
