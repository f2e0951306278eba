"""Read models of mediation cases handed to the interface and the printouts.

``CaseRow`` is what a list shows: party names only, no ID number or phone at all. ``CaseFile`` is
the whole case with full personal data: it goes to the legal documents and, masked, to the detail
screen (``PartyInput.masked_*``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from gridstation.domain.mediation import DISPUTE_TYPES, running_deadlines, state_name
from gridstation.domain.mediation_parties import PartyInput


@dataclass(frozen=True)
class CaseRow:
    id: str
    case_no: str
    number: int
    title: str
    dispute_type: str
    state: str
    registered_on: date
    grid_code: str
    applicants: str  # names, "、"-joined
    respondents: str
    mediators: str
    deadline: date | None  # the soonest deadline running now (``rules.running_deadlines``)
    deadline_kind: str  # "mediation" / "judicial" / "performance" / ""
    deadlines: tuple[tuple[str, date], ...] = ()  # every deadline running now, soonest first: (kind, due)

    @property
    def state_name(self) -> str:
        return state_name(self.state)

    @property
    def dispute_name(self) -> str:
        return DISPUTE_TYPES.get(self.dispute_type, self.dispute_type)


@dataclass(frozen=True)
class PartyView:
    id: str
    seq: int
    party: PartyInput


@dataclass(frozen=True)
class StatementView:
    seq: int
    at: str
    speaker: str
    text: str


@dataclass(frozen=True)
class SessionView:
    id: str
    kind: str  # session / investigation
    started_at: str
    ended_at: str
    place: str
    matter: str
    parties_present: str
    helpers: str
    mediator: str
    recorder: str
    questioned: str
    evidence: str
    outcome: str
    draft: str
    draft_speaker: str
    statements: tuple[StatementView, ...]


@dataclass(frozen=True)
class AgreementView:
    kind: str
    facts: str
    disputed: str
    responsibilities: str
    clauses: tuple[str, ...]
    performance_manner: str
    performance_deadline: date | None
    signed_party_ids: frozenset[str]
    mediator_signed: bool
    seal_affixed: bool
    effective_on: date | None
    content_sha256: str


@dataclass(frozen=True)
class VisitView:
    visited_on: date
    visited_party: str
    performance: str
    satisfaction: str
    sued: bool
    renewed_conflict: str
    measures: str
    visitor: str


@dataclass(frozen=True)
class TransitionView:
    from_state: str
    to_state: str
    at: str
    by_name: str
    note: str
    happened_on: date | None = None  # when it happened on another day than the one recorded (``at``)


@dataclass(frozen=True)
class CaseFile:
    id: str
    case_no: str
    title: str
    grid_code: str
    grid_name: str
    committee_name: str
    dispute_type: str
    source: str
    facts: str
    amount_fen: int
    state: str
    registered_on: date
    registered_by: str
    accepted_on: date | None
    mediation_deadline: date | None
    extension_days: int
    extension_consent: str
    mediators: str
    recorder: str
    rejection_reason: str
    termination_reason: str
    other_routes_told: bool
    outcome: str
    performance: str
    judicial: str
    prevents_crime: bool
    prevents_petition: bool
    persons_involved: int
    closed_on: date | None
    archived_on: date | None
    parties: tuple[PartyView, ...]
    transitions: tuple[TransitionView, ...] = ()
    sessions: tuple[SessionView, ...] = ()
    agreement: AgreementView | None = None
    visits: tuple[VisitView, ...] = ()
    judicial_deadline: date | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def side(self, side: str) -> tuple[PartyView, ...]:
        return tuple(p for p in self.parties if p.party.side == side)

    def running_deadlines(self, today: date) -> list[tuple[str, date]]:
        """The deadlines running for the case on ``today``, soonest first (as the case list shows them)."""
        a = self.agreement
        return running_deadlines(
            state=self.state, today=today, accepted_on=self.accepted_on, extension_days=self.extension_days,
            agreement_kind=a.kind if a else None, effective_on=a.effective_on if a else None, judicial=self.judicial,
            performance_deadline=a.performance_deadline if a else None, performance=self.performance)
