"""Administrative codes (domain.md §1)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gridstation.domain.codes import validate_committee_code, validate_grid_code, validate_street_code
from gridstation.domain.errors import ValidationError


def test_valid_codes() -> None:
    grid = validate_grid_code(" 230204001003-012u ")
    assert grid.code == "230204001003-012U"
    assert grid.committee.code == "230204001003" and grid.number == 12 and grid.kind == "urban"
    assert validate_committee_code("230204101201").is_village
    assert validate_committee_code("230204101201").street_kind == "town"
    assert validate_street_code("230204001") == "230204001"


@pytest.mark.parametrize(
    "code",
    ["230204001003-12U", "230204001003012U", "230204001003-012X", "230204001003-000U", "23020400100-012U",
     "230204000003-012U", "230204400003-012U", "230204001000-012U", "230204001400-012U", "230200001003-012U", ""],
)
def test_malformed_grid_codes_name_the_code(code: str) -> None:
    with pytest.raises(ValidationError) as err:
        validate_grid_code(code)
    assert err.value.field == "grid_code"
    assert code.strip().upper() in str(err.value)


def test_grid_of_another_community() -> None:
    with pytest.raises(ValidationError, match="does not belong to community/village 230204001004"):
        validate_grid_code("230204001003-001U", committee="230204001004")


@given(
    county=st.from_regex(r"\A[1-6][0-9]{3}[0-9][1-9]\Z"),
    street=st.integers(1, 399),
    committee=st.integers(1, 399),
    grid=st.integers(1, 999),
    kind=st.sampled_from("URS"),
)
def test_every_well_formed_code_round_trips(county: str, street: int, committee: int, grid: int, kind: str) -> None:
    committee_code = f"{county}{street:03d}{committee:03d}"
    code = f"{committee_code}-{grid:03d}{kind}"
    parsed = validate_grid_code(code.lower(), committee=committee_code)
    assert parsed.code == code and parsed.number == grid
    assert parsed.committee.street_code == committee_code[:9]


@given(st.text(max_size=30))
def test_arbitrary_text_never_crashes(text: str) -> None:
    try:
        validate_grid_code(text)
    except ValidationError as err:
        assert err.field == "grid_code"
