"""Case numbers ``（YYYY）人调字第 N 号``, unique per mediation committee and year, even when two
stations of one committee register cases while both are offline.

The choice: **station-partitioned numbering**. A committee (the residents' or village committee's
人民调解委员会, keyed by its 12-digit committee code) may be served by several stations. Each
station numbers its cases from its own block: ``N = block × 1000 + k`` with ``k`` = 1…999 counted
per station and year. The block is the station's *grid number*: the 3-digit number of the lowest
grid it serves (``230204001003-012U`` → 12). A grid is served by exactly one station, and grid
numbers are unique within a committee (domain.md §1), so two stations of a committee never share a
block and their numbers never collide, with no server round-trip and no clock trust. A station
admin may set the block explicitly (setting ``mediation_block``) when, say, a dedicated-unit grid
shares a number with an urban one.

Alternatives rejected: a counter on the district server (needs the network at registration, and
stations work offline for days); provisional numbers renumbered after sync (a number already
printed on a signed agreement must never change); UUID-like suffixes (not the official format).
The cost: numbers are not consecutive across the committee (station 1 gives 1001, 1002…, station
12 gives 12001…), which the official format allows, since ``N`` is only required to be unique.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gridstation.domain.errors import QT_TRANSLATE_NOOP, ValidationError

BLOCK_SIZE = 1000
MAX_BLOCK = 999
_GRID = re.compile(r"^(\d{12})-(\d{3})[URS]$")
_CASE_NO = re.compile(r"^（(\d{4})）人调字第\s*(\d+)\s*号$")


@dataclass(frozen=True, order=True)
class CaseNumber:
    committee_code: str
    year: int
    number: int

    @property
    def text(self) -> str:
        return format_case_no(self.year, self.number)


def format_case_no(year: int, number: int) -> str:
    return f"（{year}）人调字第 {number} 号"


def parse_case_no(text: str) -> tuple[int, int]:
    match = _CASE_NO.match(text.strip())
    if match is None:
        raise ValidationError("case_no", QT_TRANSLATE_NOOP("Errors", "“{text}” is not a case number like "
                                                                     "（2026）人调字第 1001 号."), text=text)
    return int(match.group(1)), int(match.group(2))


def committee_of(grid_code: str) -> str:
    """The 12-digit committee code a grid belongs to."""
    match = _GRID.match(grid_code)
    if match is None:
        raise ValidationError("grid_code", QT_TRANSLATE_NOOP("Errors", "“{grid}” is not a grid code."),
                              grid=grid_code)
    return match.group(1)


def default_block(own_grid_codes: list[str]) -> int:
    """The station's block: the number of the lowest grid it serves (1–999)."""
    numbers = sorted(int(_GRID.match(code).group(2)) for code in own_grid_codes if _GRID.match(code))  # type: ignore[union-attr]
    if not numbers or numbers[0] == 0:
        raise ValidationError("mediation_block", QT_TRANSLATE_NOOP(
            "Errors", "The station serves no numbered grid; set its case-number block in the settings."))
    return numbers[0]


def check_block(block: int) -> int:
    if not 1 <= block <= MAX_BLOCK:
        raise ValidationError("mediation_block", QT_TRANSLATE_NOOP("Errors", "The case-number block must be "
                                                                             "between 1 and {max}."), max=MAX_BLOCK)
    return block


def next_number(block: int, used_in_block: list[int]) -> int:
    """The next case number of ``block`` for one committee and year, given the numbers already used
    in that block (by this station, or pulled from the district)."""
    check_block(block)
    low, high = block * BLOCK_SIZE + 1, block * BLOCK_SIZE + BLOCK_SIZE - 1
    mine = [n for n in used_in_block if low <= n <= high]
    candidate = max(mine, default=low - 1) + 1
    if candidate > high:
        raise ValidationError("case_no", QT_TRANSLATE_NOOP("Errors", "This station has used all {count} case "
                                                                     "numbers of the year."), count=BLOCK_SIZE - 1)
    return candidate


def block_range(block: int) -> tuple[int, int]:
    return block * BLOCK_SIZE + 1, block * BLOCK_SIZE + BLOCK_SIZE - 1
