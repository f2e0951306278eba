"""Administrative codes (domain.md §1): street/town, community/village committee and grid codes.

A 12-digit committee code = 6-digit county (GB/T 2260) + 3-digit street/town + 3-digit committee.
Street/town numbers: 001–099 street (街道), 100–199 town (镇), 200–399 township (乡).
Committee numbers: 001–199 residents' committee (社区), 200–399 village committee (村).
A grid code = committee code + ``-`` + 3-digit grid number + type letter (U urban, R rural,
S dedicated unit), e.g. ``230204001003-012U``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gridstation.domain.errors import QT_TRANSLATE_NOOP, ValidationError

GRID_TYPES = {"U": "urban", "R": "rural", "S": "dedicated unit"}
_GRID_RE = re.compile(r"^(\d{12})-(\d{3})([URS])$")


@dataclass(frozen=True)
class CommitteeCode:
    code: str

    @property
    def county(self) -> str:
        return self.code[:6]

    @property
    def street_code(self) -> str:
        return self.code[:9]

    @property
    def street_kind(self) -> str:
        return street_kind(int(self.code[6:9]))

    @property
    def is_village(self) -> bool:
        return int(self.code[9:]) >= 200


@dataclass(frozen=True)
class GridCode:
    code: str

    @property
    def committee(self) -> CommitteeCode:
        return CommitteeCode(self.code[:12])

    @property
    def number(self) -> int:
        return int(self.code[13:16])

    @property
    def kind(self) -> str:
        return GRID_TYPES[self.code[-1]]


def street_kind(number: int) -> str:
    if 1 <= number <= 99:
        return "street"
    if 100 <= number <= 199:
        return "town"
    if 200 <= number <= 399:
        return "township"
    raise ValueError(number)


def _clean(code: str) -> str:
    return code.strip().upper()


def validate_county_code(code: str, field: str = "county_code") -> str:
    code = _clean(code)
    if not re.fullmatch(r"\d{6}", code) or code.endswith("00"):
        raise ValidationError(
            field,
            QT_TRANSLATE_NOOP("Errors", "County code “{code}” must be 6 digits naming a county (e.g. 230204)."),
            code=code,
        )
    return code


def validate_street_code(code: str, field: str = "street_code") -> str:
    """A 9-digit street/town code: county + 001–399."""
    code = _clean(code)
    if not re.fullmatch(r"\d{9}", code):
        raise ValidationError(
            field, QT_TRANSLATE_NOOP("Errors", "Street/town code “{code}” must be exactly 9 digits."), code=code
        )
    validate_county_code(code[:6], field)
    if not 1 <= int(code[6:]) <= 399:
        raise ValidationError(
            field,
            QT_TRANSLATE_NOOP(
                "Errors",
                "Street/town code “{code}”: digits 7–9 must be 001–099 (street), 100–199 (town) "
                "or 200–399 (township).",
            ),
            code=code,
        )
    return code


def validate_committee_code(code: str, field: str = "community_code") -> CommitteeCode:
    code = _clean(code)
    if not re.fullmatch(r"\d{12}", code):
        raise ValidationError(
            field, QT_TRANSLATE_NOOP("Errors", "Community/village code “{code}” must be exactly 12 digits."), code=code
        )
    validate_street_code(code[:9], field)
    if not 1 <= int(code[9:]) <= 399:
        raise ValidationError(
            field,
            QT_TRANSLATE_NOOP(
                "Errors",
                "Community/village code “{code}”: digits 10–12 must be 001–199 (community) or 200–399 (village).",
            ),
            code=code,
        )
    return CommitteeCode(code)


def validate_grid_code(code: str, committee: str | None = None, field: str = "grid_code") -> GridCode:
    """Validate a grid code; with ``committee`` given, the grid must belong to that committee."""
    code = _clean(code)
    match = _GRID_RE.match(code)
    if not match:
        raise ValidationError(
            field,
            QT_TRANSLATE_NOOP(
                "Errors",
                "Grid code “{code}” must look like 230204001003-012U: the 12-digit community code, a dash, "
                "a 3-digit grid number and U (urban), R (rural) or S (dedicated unit).",
            ),
            code=code,
        )
    try:
        validate_committee_code(match.group(1), field)
    except ValidationError as exc:
        raise ValidationError(
            field,
            QT_TRANSLATE_NOOP(
                "Errors",
                "Grid code “{code}”: its first 12 digits {part} are not a valid community/village code "
                "(6-digit county, street/town 001–399, committee 001–399).",
            ),
            code=code,
            part=match.group(1),
        ) from exc
    if match.group(2) == "000":
        raise ValidationError(
            field, QT_TRANSLATE_NOOP("Errors", "Grid code “{code}”: the grid number cannot be 000."), code=code
        )
    if committee is not None and match.group(1) != _clean(committee):
        raise ValidationError(
            field,
            QT_TRANSLATE_NOOP("Errors", "Grid code “{code}” does not belong to community/village {committee}."),
            code=code,
            committee=_clean(committee),
        )
    return GridCode(code)
