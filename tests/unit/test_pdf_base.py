"""PDF base layer: CJK fonts, escaping of user text, running header/footer, tables."""

from __future__ import annotations

import io
import re
import string
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from gridstation import resources
from gridstation.font_files import font_files
from gridstation.reports import fonts
from gridstation.reports.pdf_base import AVOID_AT_LINE_START, build_pdf, paragraph, report_styles, table, title
from gridstation.reports.sample import RARE_NAME, SAMPLE_TITLE, USER_MARKUP, render_sample

STATION = "幸福里社区网格服务站"
GENERATED_AT = datetime(2024, 5, 1, 9, 30)


def squash(text: str) -> str:
    """Text without whitespace: CJK lines wrap anywhere, and extraction adds line breaks."""
    return re.sub(r"\s+", "", text)


def page_texts(pdf: Path | io.BytesIO) -> list[str]:
    return [squash(page.extract_text()) for page in PdfReader(pdf).pages]


def page_fonts(pdf: Path) -> list[dict[str, Any]]:
    """Every font dictionary used on any page (resolved)."""
    found = []
    for page in PdfReader(pdf).pages:
        resources: Any = page["/Resources"]
        for ref in resources["/Font"].values():
            found.append(ref.get_object())
    return found


def build(tmp_path: Path, *texts: str) -> Path:
    path = tmp_path / "doc.pdf"
    build_pdf(
        path,
        title="测试文档",
        station_name=STATION,
        story=[title("测试"), *(paragraph(text) for text in texts)],
        generated_at=GENERATED_AT,
    )
    return path


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "sample.pdf"
    render_sample(path, station_name=STATION, generated_at=GENERATED_AT)
    return path


def test_chinese_text_extracts_back(tmp_path: Path) -> None:
    text = "社区网格员每日走访辖区住户，记录民情民意，协调邻里纠纷。" * 5 + "ABC abc 123"
    assert squash(text) in "".join(page_texts(build(tmp_path, text)))


def test_sample_has_page_numbers_header_and_time_on_every_page(sample_pdf: Path) -> None:
    texts = page_texts(sample_pdf)
    assert len(texts) >= 2
    for number, text in enumerate(texts, start=1):
        assert f"第{number}页共{len(texts)}页" in text
        assert STATION in text
        assert SAMPLE_TITLE in text
        assert "生成时间：2024-05-0109:30" in text


def test_sample_table_header_repeats_on_each_page(sample_pdf: Path) -> None:
    for text in page_texts(sample_pdf)[1:]:
        assert "序号日期住户事项处理情况" in text


def test_metadata_title_and_author(sample_pdf: Path) -> None:
    metadata = PdfReader(sample_pdf).metadata
    assert metadata is not None
    assert metadata.title == SAMPLE_TITLE
    assert metadata.author == STATION


def test_user_markup_is_printed_literally(tmp_path: Path, sample_pdf: Path) -> None:
    markup = fonts.paragraph_markup(USER_MARKUP)
    assert "<b>" not in markup and "<font>" not in markup
    assert "&lt;b&gt;" in markup
    assert squash(USER_MARKUP) in "".join(page_texts(sample_pdf))
    text = page_texts(build(tmp_path, '<b>不加粗</b> <font name="x">字</font> &amp; &nbsp; <br/>'))[0]
    assert squash('<b>不加粗</b> <font name="x">字</font> &amp; &nbsp; <br/>') in text


def test_station_name_and_title_in_header_are_escaped(tmp_path: Path) -> None:
    path = tmp_path / "header.pdf"
    build_pdf(
        path, title="<i>标题</i>", station_name="<b>站</b>&", story=[paragraph("正文")], generated_at=GENERATED_AT
    )
    text = page_texts(path)[0]
    assert "<b>站</b>&" in text and "<i>标题</i>" in text


def test_newlines_become_line_breaks() -> None:
    assert fonts.paragraph_markup("第一行\n第二行\r\n第三行") == "第一行<br/>第二行<br/>第三行"


def test_control_characters_do_not_crash(tmp_path: Path) -> None:
    text = "控制\x00字符\x07\x1b\x7f\ud800结束\t制表"
    assert fonts.clean_line(text) == "控制\ufffd字符\ufffd\ufffd\ufffd\ufffd结束 制表"
    assert "控制\ufffd字符" in page_texts(build(tmp_path, text))[0]


def test_unrenderable_characters_are_replaced_or_dropped() -> None:
    # No bundled font has these. U+FFFF and U+F0000 (private use): visible placeholder;
    # U+E0100 (variation selector) and U+2060 (word joiner) are invisible: dropped.
    assert fonts.font_runs("a\uffffb\U000e0100\u2060\U000f0000") == [(fonts.MAIN_FONT, "a\ufffdb\ufffd")]


def test_fonts_are_embedded_subsets(sample_pdf: Path) -> None:
    embedded = {
        font["/BaseFont"]: font["/FontDescriptor"].get_object()
        for font in page_fonts(sample_pdf)
        if "/FontDescriptor" in font
    }
    wqy = [name for name in embedded if "WenQuanYiMicroHei" in name]
    assert wqy and all(re.match(r"^/[A-Z]{6}\+", name) for name in wqy)
    assert all("/FontFile2" in descriptor for descriptor in embedded.values())
    assert all("/FontDescriptor" in font for font in page_fonts(sample_pdf)), "no unembedded base-14 fonts"


def test_ext_b_characters_use_hanamin_b(tmp_path: Path) -> None:
    text = f"王{RARE_NAME}与㐀"
    markup = fonts.paragraph_markup(text)
    assert f'<font name="{fonts.FALLBACK_FONT_B}">{RARE_NAME}</font>' in markup
    assert f'<font name="{fonts.FALLBACK_FONT_A}">㐀</font>' in markup
    path = build(tmp_path, text)
    assert any("HanaMinB" in font["/BaseFont"] for font in page_fonts(path))
    # Needs the UTF-16 ToUnicode fix in fonts.py; stock reportlab writes <20000>.
    assert squash(text) in page_texts(path)[0]


def test_font_runs_split_by_font() -> None:
    assert fonts.font_runs("中文𠀀𪚥文") == [
        (fonts.MAIN_FONT, "中文"),
        (fonts.FALLBACK_FONT_B, "𠀀𪚥"),
        (fonts.MAIN_FONT, "文"),
    ]


def test_font_files_exist_for_qt() -> None:
    pairs = font_files()
    assert [family for _, family in pairs] == ["WenQuanYi Micro Hei", "HanaMinA", "HanaMinB"]
    assert all(path.is_file() for path, _ in pairs)


def test_resource_path_frozen_and_unfrozen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert resources.resource_path("fonts", "wqy-microhei.ttc").is_file()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_path("fonts", "x.ttf") == tmp_path / "resources" / "fonts" / "x.ttf"


def test_table_rejects_ragged_rows() -> None:
    with pytest.raises(ValueError):
        table([["a", "b"], ["c"]])


def test_table_cell_longer_than_a_page_splits(tmp_path: Path) -> None:
    long_cell = "很长的备注内容。" * 400
    path = tmp_path / "long.pdf"
    pages = build_pdf(
        path, title="长表", station_name=STATION, story=[table([["备注"], [long_cell]])], generated_at=GENERATED_AT
    )
    assert pages >= 2
    assert "".join(page_texts(path)).count("很长的备注内容。") == 400


PRINTABLE_ASCII = string.ascii_letters + string.digits + string.punctuation + " \n"
CJK_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(PRINTABLE_ASCII),
        st.sampled_from("，。、“”：；！？（）《》【】…·"),
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),  # URO: main font or HanaMin A
        st.characters(min_codepoint=0x3400, max_codepoint=0x4DB5),  # Ext-A: HanaMin A
        st.characters(min_codepoint=0x20000, max_codepoint=0x2A6D6),  # Ext-B: HanaMin B
    ),
    max_size=200,
)


@settings(max_examples=30, deadline=None)
@given(text=CJK_TEXT)
def test_any_cjk_ascii_text_round_trips(text: str) -> None:
    buffer = io.BytesIO()
    build_pdf(buffer, title="T", station_name="S", story=[paragraph(text)], generated_at=GENERATED_AT)
    body = ""
    for page_text in page_texts(buffer):
        # Drop the running header ("S", "T", generation time) and the page-number footer.
        body += re.sub(r"^ST生成时间：2024-05-0109:30|第\d+页共\d+页$", "", page_text)
    assert body == squash(text)


def _line_texts(para: Paragraph) -> list[str]:
    texts = []
    for line in para.blPara.lines:
        words = line[1] if isinstance(line, tuple) else [getattr(w, "text", "") for w in line.words]
        texts.append("".join(str(w) for w in words))
    return texts


@pytest.mark.parametrize("mark", list(AVOID_AT_LINE_START))
def test_chinese_punctuation_never_starts_a_printed_line(mark: str) -> None:
    """避头点: wherever the line breaks fall, a comma (or any mark of the set) stays at the end of
    the line before it."""
    style = report_styles().body
    for lead in range(1, 16):
        text = "网格员走访辖区居民了解冬季取暖情况"[:lead] + mark + "联系学校关注学生上下学安全并做好记录" * 2
        para = Paragraph(text, style)
        para.wrap(style.fontSize * (lead + 0.5), 10_000)  # the break falls right before the mark
        lines = _line_texts(para)
        assert len(lines) > 1
        assert not any(line.startswith(mark) for line in lines[1:]), (lead, lines)
