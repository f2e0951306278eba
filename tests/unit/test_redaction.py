"""ID and mobile numbers inside free text are masked for lists, printouts and exports."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from gridstation.domain.identity import check_character
from gridstation.domain.redaction import redact_numbers

# text around a number: anything but digits (which would make the number part of a longer one)
around = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="0123456789"), max_size=20)


@st.composite
def id_numbers(draw: st.DrawFn) -> str:
    area = draw(st.from_regex(r"[1-8][0-9]{5}", fullmatch=True))
    born = date(1900, 1, 1) + timedelta(days=draw(st.integers(0, 45_000)))
    first17 = area + born.strftime("%Y%m%d") + draw(st.from_regex(r"[0-9]{3}", fullmatch=True))
    return first17 + check_character(first17)


@given(before=around, number=id_numbers(), after=around)
def test_an_id_number_in_text_never_shows_its_birth_date(before: str, number: str, after: str) -> None:
    shown = redact_numbers(before + number + after)
    assert shown == before + number[:3] + "*" * 11 + number[-4:] + after
    assert number[6:14] not in shown


@given(before=around, rest=st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True), after=around,
       sep=st.sampled_from(["", " ", "-"]))
def test_a_mobile_number_in_text_is_masked_however_it_is_grouped(before: str, rest: str, after: str,
                                                                  sep: str) -> None:
    written = rest[:3] + sep + rest[3:7] + sep + rest[7:]
    assert redact_numbers(before + written + after) == before + rest[:3] + "****" + rest[-4:] + after


@given(st.text(max_size=60))
def test_masking_is_stable_and_leaves_other_text_alone(text: str) -> None:
    once = redact_numbers(text)
    assert redact_numbers(once) == once
    if not any(c.isdigit() for c in text):
        assert once == text


def test_other_numbers_stay_as_written() -> None:
    for text in ("拨打12345热线", "门牌号1-3-501", "编号12345678901234567890", "2026年11月27日", "金额1800元",
                 "订单1381234567800"):
        assert redact_numbers(text) == text
    assert redact_numbers("旧证110105491231002号") == "旧证110*********002号"


def test_full_width_digits_and_dotted_groups_are_masked_too() -> None:
    """A Chinese input method in full-width mode types ０-９; people group mobiles with dots."""
    assert redact_numbers("电话１３８１２３４５６７８。") == "电话138****5678。"
    assert redact_numbers("身份证１１０１０５１９４９１２３１００２Ｘ") == "身份证110***********002X"
    assert redact_numbers("138.1234.5678 或 138．1234．5678") == "138****5678 或 138****5678"
    assert redact_numbers("2026.12.03 第１２期") == "2026.12.03 第１２期"
