"""Mediation statistics of a month or a year, as a justice bureau's monthly form counts them:
cases by dispute type, source and outcome; success rate; amount involved; cases and persons of
防止民转刑 (escalation to crime prevented) and 防止群体性上访 (mass petitions prevented).

A pure function of per-case facts; no names, ID numbers or phones ever enter it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from gridstation.domain.mediation import CASE_SOURCES, DISPUTE_TYPES, OUTCOMES

# 调解成功率 = agreements (书面协议, 口头协议) among the mediations that came to an end by the
# mediation itself: an agreement or a failed mediation (调解不成, terminated). A withdrawal (撤回: a
# party no longer wants mediation, law art. 17) is neither: the mediation did not fail, it stopped,
# so it is counted on its own line (``withdrawn``) and not in the rate; so are 不予受理 and open cases.
SUCCESS_OUTCOMES = frozenset({"written", "oral"})
CONCLUDED_OUTCOMES = frozenset({"written", "oral", "failed"})
RATE_NOTE = "调解成功率＝调解成功件数÷（调解成功件数＋调解不成件数）；撤回、不予受理及尚在办理的案件不计入。"


@dataclass(frozen=True)
class StatFacts:
    dispute_type: str
    source: str
    outcome: str  # "" while still open
    amount_fen: int
    prevents_crime: bool
    prevents_petition: bool
    persons: int


@dataclass
class MediationStats:
    """``cases`` (受理案件) and every figure after it count the cases *accepted* in the period;
    ``registered`` (登记) counts the cases registered in it and ``rejected`` (不予受理) those of
    them that were not accepted. ``by_outcome["rejected"]`` is therefore always 0."""

    period: str  # e.g. "2026年11月" / "2026年"
    cases: int = 0
    by_type: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DISPUTE_TYPES, 0))
    by_source: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CASE_SOURCES, 0))
    by_outcome: dict[str, int] = field(default_factory=lambda: {**dict.fromkeys(OUTCOMES, 0), "": 0})
    succeeded: int = 0
    concluded: int = 0  # agreement reached or mediation terminated
    amount_fen: int = 0
    crime_cases: int = 0
    crime_persons: int = 0
    petition_cases: int = 0
    petition_persons: int = 0
    registered: int = 0
    rejected: int = 0

    @property
    def failed(self) -> int:
        """调解不成 (mediation terminated without agreement)."""
        return self.by_outcome.get("failed", 0)

    @property
    def withdrawn(self) -> int:
        """撤回: accepted cases whose application was withdrawn (not in the success rate)."""
        return self.by_outcome.get("withdrawn", 0)

    @property
    def success_rate(self) -> float | None:
        """Agreements among concluded mediations (not counting rejected, withdrawn or open cases):
        ``RATE_NOTE``."""
        return self.succeeded / self.concluded if self.concluded else None

    @property
    def success_rate_text(self) -> str:
        rate = self.success_rate
        return "—" if rate is None else f"{rate * 100:.1f}%"


def summarize(period: str, cases: Iterable[StatFacts], *, registered: int = 0, rejected: int = 0) -> MediationStats:
    """Figures of the accepted ``cases``; ``registered`` and ``rejected`` are passed through."""
    stats = MediationStats(period=period, registered=registered, rejected=rejected)
    for case in cases:
        stats.cases += 1
        stats.by_type[case.dispute_type] = stats.by_type.get(case.dispute_type, 0) + 1
        stats.by_source[case.source] = stats.by_source.get(case.source, 0) + 1
        stats.by_outcome[case.outcome] = stats.by_outcome.get(case.outcome, 0) + 1
        stats.succeeded += case.outcome in SUCCESS_OUTCOMES
        stats.concluded += case.outcome in CONCLUDED_OUTCOMES
        stats.amount_fen += case.amount_fen
        if case.prevents_crime:
            stats.crime_cases += 1
            stats.crime_persons += case.persons
        if case.prevents_petition:
            stats.petition_cases += 1
            stats.petition_persons += case.persons
    return stats
