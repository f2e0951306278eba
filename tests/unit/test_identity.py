"""ID numbers and phones: GB 11643 validation, masking, and the audited reveal."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from gridstation.db import audit
from gridstation.db.accounts import SignedIn
from gridstation.db.privacy import reveal
from gridstation.db.store import Store
from gridstation.domain.errors import ValidationError
from gridstation.domain.identity import (
    age_on,
    check_character,
    mask_id_number,
    mask_phone,
    normalise_phone,
    parse_id_number,
)

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize("raw", ["11010519491231002X", "440524188001010014", "11010519491231002x"])
def test_valid_examples_from_the_standard(raw: str) -> None:
    parsed = parse_id_number(raw, today=TODAY)
    assert parsed.value == raw.upper()
    assert not parsed.legacy


def test_birth_date_sex_and_age_are_read_from_the_number() -> None:
    parsed = parse_id_number("11010519491231002X", today=TODAY)
    assert parsed.birth_date == date(1949, 12, 31)
    assert parsed.male is False  # sequence 002: even
    assert age_on(parsed, TODAY) == 76


def test_bad_check_digit_names_the_field_and_the_problem() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_id_number("110105194912310021", field="party.id_number", today=TODAY)
    assert caught.value.field == "party.id_number"
    assert "check digit" in str(caught.value)


@pytest.mark.parametrize("birth", ["19490230", "20261301", "20301231", "18000101"])
def test_impossible_birth_dates_are_refused_without_quoting_them(birth: str) -> None:
    first17 = "110105" + birth + "002"
    with pytest.raises(ValidationError, match="impossible birth date") as refused:
        parse_id_number(first17 + check_character(first17), today=TODAY)
    assert birth not in str(refused.value)  # messages reach the log


@pytest.mark.parametrize("raw", ["", "1101051949", "11010519491231002Y", "A1010519491231002X"])
def test_wrong_shapes_are_refused(raw: str) -> None:
    with pytest.raises(ValidationError):
        parse_id_number(raw, today=TODAY)


def test_fifteen_digit_numbers_are_legacy_not_fixed() -> None:
    parsed = parse_id_number("110105491231002", today=TODAY)
    assert parsed.legacy and parsed.value == "110105491231002"
    assert parsed.birth_date == date(1949, 12, 31)


@given(st.dates(min_value=date(1900, 1, 1), max_value=TODAY), st.integers(0, 999), st.sampled_from("0123456789X"))
def test_every_number_with_its_check_character_parses_and_any_other_is_refused(
    birth: date, sequence: int, other: str
) -> None:
    first17 = f"230204{birth:%Y%m%d}{sequence:03d}"
    good = first17 + check_character(first17)
    assert parse_id_number(good, today=TODAY).birth_date == birth
    assume(other != good[-1])
    with pytest.raises(ValidationError):
        parse_id_number(first17 + other, today=TODAY)


@given(st.text(alphabet="0123456789X", min_size=8, max_size=18))
def test_masking_never_shows_the_middle(value: str) -> None:
    """Whatever the length, nothing between the first 3 characters and the end of the birth date
    (position 14 of an 18-character number, 12 of a 15-digit one) is shown; the rest is kept."""
    masked = mask_id_number(value)
    birth_end = 12 if len(value) == 15 else 14
    assert len(masked) == len(value)
    assert masked[:3] == value[:3]
    assert set(masked[3:birth_end]) <= {"*"}
    tail = masked[birth_end:].lstrip("*")
    assert value.endswith(tail) and len(tail) <= 4


def test_masks_match_the_conventions() -> None:
    assert mask_id_number("23020419800101123X") == "230***********123X"
    assert mask_phone("13812341234") == "138****1234"
    assert mask_phone("0452-2412345") == "********2345"


def test_phone_numbers_are_normalised_or_refused_by_name() -> None:
    assert normalise_phone(" 138 1234 1234 ") == "13812341234"
    assert normalise_phone("0452-2412345") == "0452-2412345"
    # typed with a Chinese input method in full-width mode
    assert normalise_phone("１３８ １２３４ １２３４") == "13812341234"
    assert normalise_phone("０４５２－２４１２３４５") == "0452-2412345"
    assert parse_id_number("１１０１０５１９４９１２３１００２ｘ").value == "11010519491231002X"
    with pytest.raises(ValidationError) as caught:
        normalise_phone("138123412345", field="resident_phone")
    assert caught.value.field == "resident_phone" and "138123412345" not in str(caught.value)


def test_reveal_is_audited_without_the_value(store: Store, admin: SignedIn) -> None:
    shown = reveal(store, admin.actor, kind="mediation_party", record_id="p-1", field="id_number",
                   value="11010519491231002X")
    assert shown == "11010519491231002X"
    with store.read() as session:
        entries = audit.list_entries(session)
    last = entries[0]
    assert last.action == "privacy.reveal" and last.target == "mediation_party/p-1"
    assert last.actor == admin.username
    assert "11010519491231002X" not in last.detail


def test_legacy_numbers_are_masked_without_their_birth_date() -> None:
    # 110105 area, 491231 birth date (YYMMDD), 002 sequence: the old "first 3 + last 4" showed the 1
    # of 31, the last birth-date digit.
    assert mask_id_number("110105491231002") == "110*********002"
    assert parse_id_number("110105491231002", today=TODAY).masked == "110*********002"


@given(st.dates(min_value=date(1900, 1, 1), max_value=TODAY), st.integers(0, 999), st.booleans(),
       st.sampled_from(["110105", "230204", "440524", "650102"]))
def test_masking_never_shows_a_birth_date_digit_of_a_valid_number(birth: date, sequence: int, legacy: bool,
                                                                  area: str) -> None:
    if legacy:
        assume(birth.year < 2000)
        value, birth_digits = f"{area}{birth:%y%m%d}{sequence:03d}", slice(6, 12)
    else:
        first17 = f"{area}{birth:%Y%m%d}{sequence:03d}"
        value, birth_digits = first17 + check_character(first17), slice(6, 14)
    parsed = parse_id_number(value, today=TODAY)
    masked = parsed.masked
    assert parsed.legacy is legacy and len(masked) == len(value)
    assert set(masked[birth_digits]) == {"*"}
    assert set(masked[3:6]) == {"*"}  # and the rest of the area code
    shown = [(i, c) for i, c in enumerate(masked) if c != "*"]
    assert all(value[i] == c for i, c in shown)
    assert [i for i, _c in shown] == [0, 1, 2, *range(len(value) - (3 if legacy else 4), len(value))]
