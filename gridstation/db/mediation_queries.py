"""Reading mediation cases: the list (masked: names only), the full case file, the running
deadlines for the home page, and the month or year statistics. Every query takes the viewer and
returns only cases of the grids the viewer may see (``db.mediation.visible_grids``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import bindparam, text
from sqlmodel import Session, select

from gridstation.db.accounts import SignedIn
from gridstation.db.mediation import case_for, case_parties, party_input, visible_grids
from gridstation.db.mediation_models import (
    MediationAgreement,
    MediationCase,
    MediationSession,
    MediationStatement,
    MediationTransition,
    MediationVisit,
)
from gridstation.db.models import Station, StationGrid
from gridstation.domain import mediation as rules
from gridstation.domain.mediation_views import (
    AgreementView,
    CaseFile,
    CaseRow,
    PartyView,
    SessionView,
    StatementView,
    TransitionView,
    VisitView,
)

NOT_DELETED = "deleted = 0"


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _deadlines(r: Any, today: date | None) -> list[tuple[str, date]]:
    """The deadlines running for a listed case (``rules.running_deadlines``): the mediation period
    while it is mediated; the 30 days for judicial confirmation until someone applies for it (once
    applied for, confirmed or refused, that matter is done); the performance deadline until
    performance is recorded as complete; the last two also after the case is closed while they run."""
    return rules.running_deadlines(
        state=r.state, today=today, accepted_on=_day(r.accepted_on), extension_days=r.extension_days,
        agreement_kind=r.agreement_kind, effective_on=_day(r.effective_on), judicial=r.judicial,
        performance_deadline=_day(r.performance_deadline), performance=r.performance)


def list_cases(session: Session, viewer: SignedIn, *, state: str | None = None, year: int | None = None,
               search: str = "", limit: int = 500, offset: int = 0, today: date | None = None) -> list[CaseRow]:
    """The cases ``viewer`` may see, newest first, each with its running deadlines. ``today`` (the
    station's) keeps the windows of a closed case that still run; without it a closed case has none."""
    grids = visible_grids(session, viewer)
    if not grids:
        return []
    where = ["c.deleted = 0", "c.grid_code IN :grids"]
    params: dict[str, Any] = {"grids": grids, "limit": limit, "offset": offset}
    if state:
        where.append("c.state = :state")
        params["state"] = state
    if year:
        where.append("c.year = :year")
        params["year"] = year
    if search.strip():
        where.append("(c.title LIKE :q OR c.case_no LIKE :q OR EXISTS (SELECT 1 FROM mediation_party p "
                     "WHERE p.case_id = c.id AND p.deleted = 0 AND p.name LIKE :q))")
        params["q"] = f"%{search.strip()}%"
    sql = text(
        "SELECT c.id, c.case_no, c.number, c.title, c.dispute_type, c.state, c.registered_on, c.grid_code, "
        "c.mediators, c.accepted_on, c.extension_days, c.judicial, c.performance, "
        "(SELECT group_concat(name, '、') FROM (SELECT name FROM mediation_party p WHERE p.case_id = c.id "
        " AND p.deleted = 0 AND p.side = 'applicant' ORDER BY seq)) AS applicants, "
        "(SELECT group_concat(name, '、') FROM (SELECT name FROM mediation_party p WHERE p.case_id = c.id "
        " AND p.deleted = 0 AND p.side = 'respondent' ORDER BY seq)) AS respondents, "
        "(SELECT effective_on FROM mediation_agreement a WHERE a.case_id = c.id AND a.deleted = 0) AS effective_on, "
        "(SELECT kind FROM mediation_agreement a WHERE a.case_id = c.id AND a.deleted = 0) AS agreement_kind, "
        "(SELECT performance_deadline FROM mediation_agreement a WHERE a.case_id = c.id AND a.deleted = 0) "
        " AS performance_deadline "
        f"FROM mediation_case c WHERE {' AND '.join(where)} "
        "ORDER BY c.registered_on DESC, c.number DESC LIMIT :limit OFFSET :offset"
    ).bindparams(bindparam("grids", expanding=True))
    rows = []
    for r in session.execute(sql, params):
        running = _deadlines(r, today)
        due, kind = running[0][1] if running else None, running[0][0] if running else ""
        rows.append(CaseRow(id=r.id, case_no=r.case_no, number=r.number, title=r.title,
                            dispute_type=r.dispute_type, state=r.state,
                            registered_on=date.fromisoformat(r.registered_on), grid_code=r.grid_code,
                            applicants=r.applicants or "", respondents=r.respondents or "",
                            mediators=r.mediators, deadline=due, deadline_kind=kind, deadlines=tuple(running)))
    return rows


def deadlines(session: Session, viewer: SignedIn, *, today: date, within_days: int = 7) -> list[rules.Deadline]:
    """Running deadlines due within ``within_days`` (or already passed), soonest first; a case may
    have more than one (the judicial-confirmation window and the performance deadline)."""
    found = [rules.Deadline(r.id, r.case_no, kind, due)
             for r in list_cases(session, viewer, limit=100_000, today=today) for kind, due in r.deadlines]
    return sorted((d for d in found if d.days_left(today) <= within_days), key=lambda d: d.due)


def _rows(session: Session, model: Any, case_id: str, order: Any) -> Sequence[Any]:
    return session.exec(select(model).where(model.case_id == case_id, model.deleted == False)  # noqa: E712
                        .order_by(order)).all()


def case_file(session: Session, viewer: SignedIn, case_id: str) -> CaseFile:
    """The whole case, personal data in full (for documents; screens mask it)."""
    case = case_for(session, viewer, case_id)
    station = session.get(Station, 1)
    grid = session.get(StationGrid, case.grid_code)
    parties = tuple(PartyView(p.id, p.seq, party_input(p)) for p in case_parties(session, case.id))
    transitions = tuple(TransitionView(t.from_state, t.to_state, t.at, t.by_name, t.note, t.happened_on)
                        for t in _rows(session, MediationTransition, case.id, MediationTransition.at))
    sessions = []
    for s in _rows(session, MediationSession, case.id, MediationSession.started_at):
        statements = session.exec(select(MediationStatement).where(
            MediationStatement.session_id == s.id, MediationStatement.deleted == False)  # noqa: E712
            .order_by(MediationStatement.seq)).all()  # type: ignore[arg-type]
        sessions.append(SessionView(
            id=s.id, kind=s.kind, started_at=s.started_at, ended_at=s.ended_at, place=s.place, matter=s.matter,
            parties_present=s.parties_present, helpers=s.helpers, mediator=s.mediator, recorder=s.recorder,
            questioned=s.questioned, evidence=s.evidence, outcome=s.outcome, draft=s.draft,
            draft_speaker=s.draft_speaker,
            statements=tuple(StatementView(st.seq, st.at, st.speaker, st.text) for st in statements)))
    a = session.exec(select(MediationAgreement).where(MediationAgreement.case_id == case.id,
                                                      MediationAgreement.deleted == False)).first()  # noqa: E712
    agreement = None if a is None else AgreementView(
        kind=a.kind, facts=a.facts, disputed=a.disputed, responsibilities=a.responsibilities,
        clauses=tuple(json.loads(a.clauses)), performance_manner=a.performance_manner,
        performance_deadline=a.performance_deadline, signed_party_ids=frozenset(json.loads(a.signed_party_ids)),
        mediator_signed=a.mediator_signed, seal_affixed=a.seal_affixed, effective_on=a.effective_on,
        content_sha256=a.content_sha256)
    visits = tuple(VisitView(v.visited_on, v.visited_party, v.performance, v.satisfaction, v.sued,
                             v.renewed_conflict, v.measures, v.visitor)
                   for v in _rows(session, MediationVisit, case.id, MediationVisit.visited_on))
    return CaseFile(
        id=case.id, case_no=case.case_no, title=case.title, grid_code=case.grid_code,
        grid_name=grid.name if grid else case.grid_code,
        committee_name=(station.community_name if station else "") + "人民调解委员会",
        dispute_type=case.dispute_type, source=case.source, facts=case.facts, amount_fen=case.amount_fen,
        state=case.state, registered_on=case.registered_on, registered_by=case.registered_by,
        accepted_on=case.accepted_on,
        mediation_deadline=rules.mediation_deadline(case.accepted_on, case.extension_days)
        if case.accepted_on else None,
        extension_days=case.extension_days, extension_consent=case.extension_consent, mediators=case.mediators,
        recorder=case.recorder, rejection_reason=case.rejection_reason, termination_reason=case.termination_reason,
        other_routes_told=case.other_routes_told, outcome=case.outcome, performance=case.performance,
        judicial=case.judicial, prevents_crime=case.prevents_crime, prevents_petition=case.prevents_petition,
        persons_involved=case.persons_involved, closed_on=case.closed_on, archived_on=case.archived_on,
        parties=parties, transitions=transitions, sessions=tuple(sessions), agreement=agreement, visits=visits,
        judicial_deadline=rules.judicial_deadline(a.effective_on) if a is not None and a.effective_on else None,
    )


def case_by_number(session: Session, viewer: SignedIn, case_no: str) -> str | None:
    grids = visible_grids(session, viewer)
    found = session.exec(select(MediationCase.id).where(MediationCase.case_no == case_no,
                                                        MediationCase.deleted == False,  # noqa: E712
                                                        MediationCase.grid_code.in_(grids))).first()  # type: ignore[attr-defined]
    return found


def duplicate_numbers(session: Session, viewer: SignedIn) -> list[str]:
    """Case numbers held by more than one case of the viewer's grids: only possible when two
    stations of a committee number from the same block (see ``domain.mediation_numbers``)."""
    grids = visible_grids(session, viewer)
    if not grids:
        return []
    sql = text("SELECT min(case_no) FROM mediation_case WHERE deleted = 0 AND grid_code IN :grids "
               "GROUP BY committee_code, year, number HAVING count(*) > 1 ORDER BY min(case_no)"
               ).bindparams(bindparam("grids", expanding=True))
    return [row[0] for row in session.execute(sql, {"grids": grids})]
