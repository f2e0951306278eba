"""Table models of people's mediation (人民调解). Every one is a syncable record, written only
through the unit of work; the schema is migration ``m0006_mediation``.

Lists held in one record (clauses, signed parties, attendees) are JSON text columns: they are
read and written as a whole with their record, and sync as one field.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from gridstation.db.models import SyncRecord


class MediationCase(SyncRecord, table=True):
    """One case, one file (一案一卷). ``number`` is unique per committee and year (see
    ``domain.mediation_numbers``); ``case_no`` is its printed form."""

    __tablename__ = "mediation_case"
    sync_kind: ClassVar[str] = "mediation_case"

    committee_code: str
    year: int
    number: int
    case_no: str
    title: str
    dispute_type: str
    source: str
    facts: str = ""
    amount_fen: int = 0
    state: str = "registered"
    registered_on: date
    accepted_on: date | None = None
    extension_days: int = 0
    extension_consent: str = ""
    mediators: str = ""  # names, as printed
    recorder: str = ""
    registered_by: str = ""
    rejection_reason: str = ""
    termination_reason: str = ""
    other_routes_told: bool = False
    outcome: str = ""
    performance: str = "none"
    judicial: str = "none"
    prevents_crime: bool = False  # 防止民转刑
    prevents_petition: bool = False  # 防止群体性上访
    persons_involved: int = 0
    closed_on: date | None = None
    archived_on: date | None = None


class MediationParty(SyncRecord, table=True):
    __tablename__ = "mediation_party"
    sync_kind: ClassVar[str] = "mediation_party"

    case_id: str
    seq: int
    side: str  # applicant / respondent
    kind: str  # person / organisation
    name: str
    sex: str = ""
    ethnicity: str = ""
    age: int | None = None
    occupation: str = ""
    phone: str = ""
    address: str = ""
    id_number: str = ""
    legal_rep: str = ""
    agent: str = ""


class MediationTransition(SyncRecord, table=True):
    """One step of the case's state machine: who (``author``, ``by_name``) and when (``at``);
    ``happened_on``: the day it happened when that is not the day of ``at`` (entered later)."""

    __tablename__ = "mediation_transition"
    sync_kind: ClassVar[str] = "mediation_transition"

    case_id: str
    from_state: str
    to_state: str
    at: str
    by_name: str = ""
    note: str = ""
    happened_on: date | None = None


class MediationSession(SyncRecord, table=True):
    """A session record (调解记录, ``kind='session'``) or an investigation record (调查记录,
    ``kind='investigation'``). ``draft`` holds the statement being typed, saved every few seconds."""

    __tablename__ = "mediation_session"
    sync_kind: ClassVar[str] = "mediation_session"

    case_id: str
    kind: str
    started_at: str
    ended_at: str = ""
    place: str = ""
    matter: str = ""
    parties_present: str = ""
    helpers: str = ""
    mediator: str = ""
    recorder: str = ""
    questioned: str = ""  # investigation: person questioned and relation to the parties
    evidence: str = ""
    outcome: str = ""
    draft: str = ""
    draft_speaker: str = ""


class MediationStatement(SyncRecord, table=True):
    """One timestamped statement in a session, tagged with its speaker."""

    __tablename__ = "mediation_statement"
    sync_kind: ClassVar[str] = "mediation_statement"

    session_id: str
    case_id: str
    seq: int
    at: str  # HH:MM:SS
    speaker: str
    text: str


class MediationAgreement(SyncRecord, table=True):
    """The agreement of a case: written (调解协议书) or oral (口头协议, recorded by the mediator)."""

    __tablename__ = "mediation_agreement"
    sync_kind: ClassVar[str] = "mediation_agreement"

    case_id: str
    kind: str  # written / oral
    facts: str = ""
    disputed: str = ""
    responsibilities: str = ""
    clauses: str = "[]"  # JSON list of str
    performance_manner: str = ""
    performance_deadline: date | None = None
    signed_party_ids: str = "[]"  # JSON list of party ids whose signature/seal/fingerprint is on it
    mediator_signed: bool = False
    seal_affixed: bool = False
    effective_on: date | None = None
    content_sha256: str = ""  # fingerprint at the moment it took effect


class MediationVisit(SyncRecord, table=True):
    """A follow-up visit (回访记录)."""

    __tablename__ = "mediation_visit"
    sync_kind: ClassVar[str] = "mediation_visit"

    case_id: str
    visited_on: date
    visited_party: str
    performance: str = "none"
    satisfaction: str = "satisfied"
    sued: bool = False
    renewed_conflict: str = ""
    measures: str = ""
    visitor: str = ""


MEDIATION_TABLES: dict[str, type[SyncRecord]] = {
    cls.__tablename__: cls  # type: ignore[misc]
    for cls in (MediationCase, MediationParty, MediationTransition, MediationSession, MediationStatement,
                MediationAgreement, MediationVisit)
}
