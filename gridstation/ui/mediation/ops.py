"""The mediation area's work off the GUI thread: reads for the screens, PDFs for the preview.
Plain functions of the store and the signed-in user, run through ``run_op``."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from gridstation.db import mediation_queries, station
from gridstation.db.accounts import SignedIn
from gridstation.db.mediation_stats import mediation_stats
from gridstation.db.store import Store
from gridstation.domain.mediation_stats import MediationStats
from gridstation.domain.mediation_views import CaseFile, CaseRow
from gridstation.reports.mediation_casefile import render_case_file, render_document
from gridstation.reports.mediation_stats_report import render_stats_pdf, write_stats_xlsx


def temporary_pdf(stem: str) -> Path:
    handle, name = tempfile.mkstemp(prefix=f"gridstation-{stem}-", suffix=".pdf")
    os.close(handle)
    return Path(name)


def station_name(store: Store) -> str:
    row = station.get_station(store)
    return row.name if row else ""


@dataclass(frozen=True)
class CaseList:
    rows: list[CaseRow]
    today: date
    duplicates: list[str]  # case numbers used twice (stations misconfigured onto one block)


def list_cases(store: Store, user: SignedIn, *, state: str | None, search: str) -> CaseList:
    day = today(store)
    with store.read() as session:
        return CaseList(mediation_queries.list_cases(session, user, state=state or None, search=search, limit=100_000,
                                                     today=day),
                        day, mediation_queries.duplicate_numbers(session, user))


def load_case(store: Store, user: SignedIn, case_id: str) -> CaseFile:
    with store.read() as session:
        return mediation_queries.case_file(session, user, case_id)


@dataclass(frozen=True)
class Printed:
    path: Path
    title: str  # the document and the case number, for the preview's title
    case_id: str
    pages: int
    document: str = ""  # the document alone, for the audit log the station admin reads


def write_document(store: Store, user: SignedIn, case_id: str, name: str, index: int = 0) -> Printed:
    """One document of the case as a temporary PDF (for the preview)."""
    case = load_case(store, user, case_id)
    path = temporary_pdf("mediation")
    pages = render_document(path, case, name, station_name=station_name(store), index=index)
    return Printed(path, f"{name} {case.case_no}", case_id, pages, name)


def write_case_file(store: Store, user: SignedIn, case_id: str) -> Printed:
    case = load_case(store, user, case_id)
    path = temporary_pdf("casefile")
    pages = render_case_file(path, case, station_name=station_name(store), filed_by=user.display_name)
    return Printed(path, f"人民调解卷宗 {case.case_no}", case_id, pages, "人民调解卷宗")


def load_stats(store: Store, user: SignedIn, *, year: int, month: int | None) -> MediationStats:
    with store.read() as session:
        return mediation_stats(session, user, year=year, month=month)


def write_stats_pdf(store: Store, user: SignedIn, *, year: int, month: int | None) -> Path:
    stats = load_stats(store, user, year=year, month=month)
    path = temporary_pdf("mediation-stats")
    render_stats_pdf(path, stats, station_name=station_name(store))
    return path


def save_stats_xlsx(store: Store, user: SignedIn, path: Path, *, year: int, month: int | None) -> Path:
    write_stats_xlsx(path, load_stats(store, user, year=year, month=month))
    return path


def today(store: Store) -> date:
    return store.clock.now().astimezone().date()
