"""Mediation statistics of a month or a year from the cases the viewer may see (registered in the
period). Only codes, amounts and counts are read: no personal data."""

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
    start, end, label = period_bounds(year, month)
    grids = visible_grids(session, viewer)
    if not grids:
        return summarize(label, [])
    sql = text(
        "SELECT dispute_type, source, outcome, amount_fen, prevents_crime, prevents_petition, persons_involved "
        "FROM mediation_case WHERE deleted = 0 AND grid_code IN :grids AND registered_on >= :start "
        "AND registered_on < :end"
    ).bindparams(bindparam("grids", expanding=True))
    rows = session.execute(sql, {"grids": grids, "start": start.isoformat(), "end": end.isoformat()})
    return summarize(label, (StatFacts(r.dispute_type, r.source, r.outcome, r.amount_fen, bool(r.prevents_crime),
                                       bool(r.prevents_petition), r.persons_involved) for r in rows))
