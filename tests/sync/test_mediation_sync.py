"""Mediation records sync like any record kind: two stations of one committee register cases while
offline, then sync through a real district server; every case, party, record and agreement lands
on the other station once, and no case number collides."""

from __future__ import annotations

from datetime import date

from gridstation.db import accounts, maintenance, mediation, mediation_queries, mediation_records
from gridstation.db.accounts import SignedIn
from gridstation.domain.mediation_parties import PartyInput

from .conftest import GRID_A, PASSWORD, Station, sync


def mediator_of(station: Station) -> SignedIn:
    with station.store.write() as session:
        accounts.create_user(session, actor=station.user.actor, at="t", username="zhaomin", display_name="赵敏",
                             role="mediator", password=PASSWORD, grid_code=GRID_A)
    return accounts.authenticate(station.store, "zhaomin", PASSWORD)


def register(station: Station, user: SignedIn, n: int) -> str:
    case = mediation.register_case(
        station.store, user, grid_code=GRID_A, registered_on=date(2026, 11, 20), title=f"纠纷{n}",
        dispute_type="neighbour", source="application",
        parties=[PartyInput("applicant", "person", f"甲{n}", id_number="11010519491231002X"),
                 PartyInput("respondent", "person", f"乙{n}")])
    mediation.move_case(station.store, user, case.id, "accepted")
    mediation.move_case(station.store, user, case.id, "mediating")
    session = mediation_records.start_session(station.store, user, case.id, place="调解室")
    mediation_records.add_statement(station.store, user, session.id, speaker=f"甲{n}", text="陈述")
    mediation_records.save_agreement(station.store, user, case.id, kind="written", clauses=[f"条款{n}"])
    return case.id


def test_cases_of_two_offline_stations_sync_without_colliding(station_a: Station, station_b: Station) -> None:
    mediation.set_station_block(station_b.store, station_b.user, 2)  # the harness's stations share grids
    users = {"a": mediator_of(station_a), "b": mediator_of(station_b)}
    ids = [register(station_a, users["a"], n) for n in range(3)] + [register(station_b, users["b"], n)
                                                                    for n in range(3, 5)]
    for station in (station_a, station_b, station_a):
        sync(station)
    for station, user in ((station_a, users["a"]), (station_b, users["b"])):
        with station.store.read() as session:
            rows = mediation_queries.list_cases(session, user)
            files = [mediation_queries.case_file(session, user, case_id) for case_id in ids]
        assert sorted(r.number for r in rows) == [1001, 1002, 1003, 2001, 2002]
        assert all(f.agreement is not None and f.sessions[0].statements and len(f.parties) == 2 for f in files)
        assert maintenance.check(station.store).ok


def test_two_stations_on_one_block_still_sync_and_the_duplicate_shows(station_a: Station,
                                                                     station_b: Station) -> None:
    """A misconfiguration (both stations number from block 1) must not stop sync: the duplicate
    number lands on both stations and is reported, instead of a refused record blocking every pull."""
    users = {"a": mediator_of(station_a), "b": mediator_of(station_b)}
    register(station_a, users["a"], 0)
    register(station_b, users["b"], 1)
    for station in (station_a, station_b, station_a):
        sync(station)
    for station, user in ((station_a, users["a"]), (station_b, users["b"])):
        with station.store.read() as session:
            assert len(mediation_queries.list_cases(session, user)) == 2
            assert mediation_queries.duplicate_numbers(session, user) == ["（2026）人调字第 1001 号"]
