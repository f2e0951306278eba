"""Mediation statistics of a month or a year from the cases the viewer may see: the cases accepted
in the period, and how many were registered (and refused) in it. Only codes, amounts and counts
are read: no personal data."""

from __future__ import annotations

from datetime import date

from sqlalchemy import bindparam, text
from sqlmodel import Session

from gridstation.db.accounts import SignedIn
from gridstation.db.mediation import visible_grids
from gridstation.domain.mediation_stats import MediationStats, StatFacts, summarize


def period_bounds(year: int, month: int | None) -> tuple[date, date, str]:
    if month is None:
        return date(year, 1, 1), date(year + 1, 1, 1), f"{year}年"
    end = date(year + (month == 12), month % 12 + 1, 1)
    return date(year, month, 1), end, f"{year}年{month}月"


def mediation_stats(session: Session, viewer: SignedIn, *, year: int, month: int | None = None) -> MediationStats:
    """受理案件 and the figures derived from them (types, sources, outcomes, success rate, amount,
    防止民转刑/群体性上访) count the cases *accepted* in the period: the state reached 受理 and the
    acceptance date falls in it, whenever the case was registered. A case still at 登记, or refused
    (不予受理, later 结案 or not), is not counted there; ``registered`` counts the cases registered in
    the period and ``rejected`` those of them refused."""
    start, end, label = period_bounds(year, month)
    grids = visible_grids(session, viewer)
    if not grids:
        return summarize(label, [])
    params = {"grids": grids, "start": start.isoformat(), "end": end.isoformat()}
    accepted = text(
        "SELECT dispute_type, source, outcome, amount_fen, prevents_crime, prevents_petition, persons_involved "
        "FROM mediation_case WHERE deleted = 0 AND grid_code IN :grids AND accepted_on IS NOT NULL "
        "AND state != 'registered' AND outcome != 'rejected' AND accepted_on >= :start AND accepted_on < :end"
    ).bindparams(bindparam("grids", expanding=True))
    registered = text(
        "SELECT count(*) AS registered, coalesce(sum(outcome = 'rejected'), 0) AS rejected FROM mediation_case "
        "WHERE deleted = 0 AND grid_code IN :grids AND registered_on >= :start AND registered_on < :end"
    ).bindparams(bindparam("grids", expanding=True))
    counts = session.execute(registered, params).one()
    rows = session.execute(accepted, params)
    return summarize(label, (StatFacts(r.dispute_type, r.source, r.outcome, r.amount_fen, bool(r.prevents_crime),
                                       bool(r.prevents_petition), r.persons_involved) for r in rows),
                     registered=int(counts.registered), rejected=int(counts.rejected))
