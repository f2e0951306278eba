"""Mediation cases in a real station database: registration and numbering (two offline stations of
one committee), transitions recorded, the signature gate, privacy (who sees, masking, audited
reveal), refusals that change nothing, sync (outbox), statistics."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from gridstation.db import accounts, mediation, mediation_queries, mediation_records, station
from gridstation.db.accounts import SignedIn
from gridstation.db.clock import iso
from gridstation.db.errors import PermissionDenied
from gridstation.db.mediation_models import MediationCase, MediationTransition
from gridstation.db.mediation_stats import mediation_stats
from gridstation.db.models import AuditEntry, OutboxEntry
from gridstation.db.privacy import reveal
from gridstation.db.store import Store
from gridstation.domain.errors import ValidationError
from gridstation.domain.mediation_parties import PartyInput

from .conftest import ADMIN_PASSWORD, OTHER_GRID, OWN_GRID, FakeClock, make_setup

ID_A = "11010519491231002X"
PHONE_A = "13812345678"
DAY = date(2026, 11, 20)


def add_user(store: Store, admin: SignedIn, username: str, role: str, grid: str | None = OWN_GRID) -> SignedIn:
    with store.write() as session:
        accounts.create_user(session, actor=admin.actor, at="t", username=username, display_name=username,
                             role=role, password=ADMIN_PASSWORD, grid_code=grid)
    return accounts.authenticate(store, username, ADMIN_PASSWORD)


@pytest.fixture
def mediator(store: Store, admin: SignedIn) -> SignedIn:
    return add_user(store, admin, "zhaomin", "mediator")


def parties(n_respondents: int = 1) -> list[PartyInput]:
    found = [PartyInput("applicant", "person", "张三", id_number=ID_A, phone=PHONE_A, address="新兴小区3号楼")]
    found += [PartyInput("respondent", "person", f"李{i}") for i in range(n_respondents)]
    return found


def register(store: Store, user: SignedIn, grid: str = OWN_GRID, **kw: object) -> MediationCase:
    values: dict[str, object] = {"title": "张三与李某漏水纠纷", "dispute_type": "neighbour", "source": "application",
                                 "amount": "800", "mediators": "赵敏"}
    values.update(kw)
    registered_on = values.pop("registered_on", DAY)
    return mediation.register_case(store, user, grid_code=grid, registered_on=registered_on,
                                   parties=values.pop("parties", parties()), **values)  # type: ignore[arg-type]


def snapshot(store: Store) -> tuple[int, int]:
    with store.read() as session:
        return (len(session.exec(select(OutboxEntry)).all()), len(session.exec(select(AuditEntry)).all()))


def test_registration_numbers_records_and_queues_for_sync(store: Store, mediator: SignedIn) -> None:
    first, second = register(store, mediator), register(store, mediator)
    assert (first.case_no, second.case_no) == ("（2026）人调字第 1001 号", "（2026）人调字第 1002 号")
    with store.read() as session:
        kinds = [e.kind for e in session.exec(select(OutboxEntry))]
        steps = session.exec(select(MediationTransition).where(MediationTransition.case_id == first.id)).all()
    assert kinds.count("mediation_case") == 2 and kinds.count("mediation_party") == 4
    assert [(s.from_state, s.to_state, s.by_name) for s in steps] == [("", "registered", "zhaomin")]


def test_two_offline_stations_of_one_committee_never_collide(tmp_path: Path, clock: FakeClock) -> None:
    """Station A serves grid 001, station B grid 002 of the same committee; both register while
    offline, then A pulls B's cases (the committee's numbers land in one table, unique index)."""
    seen: list[tuple[str, int, int]] = []
    for name, grids in (("a", [(OWN_GRID, "一"), (OTHER_GRID, "二")]), ("b", [(OTHER_GRID, "二"), (OWN_GRID, "一")])):
        with Store.open(tmp_path / name, clock=clock) as store:
            admin = station.initialize_station(store, make_setup(grids=grids))
            user = add_user(store, admin, "med", "mediator", grids[0][0])
            for _ in range(5):
                case = register(store, user, grid=grids[0][0])
                seen.append((case.committee_code, case.year, case.number))
    assert len(seen) == len(set(seen)) == 10
    assert sorted(n for _c, _y, n in seen) == [1001, 1002, 1003, 1004, 1005, 2001, 2002, 2003, 2004, 2005]


def test_a_grid_of_another_community_is_registered_at_that_communitys_station(tmp_path: Path,
                                                                               clock: FakeClock) -> None:
    """Station A (community …003) also serves grid …004-002U; station B of community …004 has its own grid
    …004-001U. Both would number committee …004's cases from block 1 (and A would print its own
    committee's name): A refuses, naming the committee, and nothing is written."""
    foreign = "230204001004-002U"
    with Store.open(tmp_path / "a", clock=clock) as store:
        admin = station.initialize_station(store, make_setup(grids=[(OWN_GRID, "一"), (foreign, "邻社区二")]))
        user = add_user(store, admin, "med", "mediator", OWN_GRID)
        before = snapshot(store)
        with pytest.raises(ValidationError, match="another community") as err:
            register(store, user, grid=foreign)
        assert err.value.field == "grid_code" and err.value.params["committee"] == "230204001004"
        assert snapshot(store) == before
        assert register(store, user, grid=OWN_GRID).case_no.endswith("第 1001 号")
        assert [g.code for g in mediation.registrable_grids(store)] == [OWN_GRID]  # the form offers no other


def test_configured_block(store: Store, admin: SignedIn, mediator: SignedIn) -> None:
    with pytest.raises(PermissionDenied):
        mediation.set_station_block(store, mediator, 7)
    mediation.set_station_block(store, admin, 7)
    assert register(store, mediator).number == 7001


def full_case(store: Store, user: SignedIn, respondents: int = 2) -> MediationCase:
    case = register(store, user, parties=parties(respondents))
    mediation.move_case(store, user, case.id, "accepted", on=DAY)
    mediation.move_case(store, user, case.id, "mediating")
    session = mediation_records.start_session(store, user, case.id, place="调解室")
    mediation_records.add_statement(store, user, session.id, speaker="张三", text="楼上漏水三个月")
    mediation_records.save_agreement(store, user, case.id, kind="written", clauses=["李某赔偿800元", "一周内修复"],
                                     facts="漏水", performance_manner="现金或转账",
                                     performance_deadline=date(2026, 12, 1))
    mediation.move_case(store, user, case.id, "agreed")
    return case


def test_signature_gate_refuses_and_changes_nothing(store: Store, mediator: SignedIn) -> None:
    case = full_case(store, mediator)
    with store.read() as session:
        ids = [p.id for p in mediation.case_parties(session, case.id)]
    mediation_records.record_signatures(store, mediator, case.id, signed_party_ids=ids[:2], mediator_signed=True,
                                        seal_affixed=True)
    before = snapshot(store)
    with pytest.raises(ValidationError, match="still missing: 李1"):
        mediation_records.mark_effective(store, mediator, case.id, on=DAY)
    with pytest.raises(ValidationError, match="not taken effect"):
        mediation.move_case(store, mediator, case.id, "performing")
    assert snapshot(store) == before
    mediation_records.record_signatures(store, mediator, case.id, signed_party_ids=ids, mediator_signed=True,
                                        seal_affixed=True)
    agreement = mediation_records.mark_effective(store, mediator, case.id, on=DAY)
    assert len(agreement.content_sha256) == 64
    mediation.move_case(store, mediator, case.id, "performing")
    with pytest.raises(ValidationError, match="taken effect"):
        mediation_records.save_agreement(store, mediator, case.id, kind="written", clauses=["改"])
    with pytest.raises(ValidationError, match="taken effect"):
        mediation.add_party(store, mediator, case.id, PartyInput("respondent", "person", "新人"))


def test_changing_the_text_drops_the_signatures(store: Store, mediator: SignedIn) -> None:
    case = full_case(store, mediator)
    with store.read() as session:
        ids = [p.id for p in mediation.case_parties(session, case.id)]
    mediation_records.record_signatures(store, mediator, case.id, signed_party_ids=ids, mediator_signed=True,
                                        seal_affixed=True)
    agreement = mediation_records.save_agreement(store, mediator, case.id, kind="written", clauses=["赔偿900元"])
    assert json.loads(agreement.signed_party_ids) == [] and not agreement.seal_affixed


def test_forbidden_transition_and_bad_input_change_nothing(store: Store, mediator: SignedIn) -> None:
    case = register(store, mediator)
    before = snapshot(store)
    with pytest.raises(ValidationError, match="cannot move to"):
        mediation.move_case(store, mediator, case.id, "agreed")
    with pytest.raises(ValidationError, match="no clause"):
        mediation_records.save_agreement(store, mediator, case.id, kind="written", clauses=[" "])
    with pytest.raises(ValidationError, match="check digit"):
        bad = PartyInput("respondent", "person", "王", id_number=ID_A[:-1] + "1")
        mediation.add_party(store, mediator, case.id, bad)
    with pytest.raises(ValidationError, match="impossible birth date"):
        register(store, mediator, parties=[PartyInput("applicant", "person", "王", id_number="110105194902300028")])
    with pytest.raises(ValidationError, match="say why|Say why"):
        mediation.move_case(store, mediator, case.id, "rejected")
    with pytest.raises(ValidationError, match="no respondent"):
        register(store, mediator, parties=parties()[:1])
    with store.read() as session:
        first, second = mediation.case_parties(session, case.id)
    with pytest.raises(ValidationError, match="no respondent"):
        mediation.remove_party(store, mediator, second.id)
    with pytest.raises(ValidationError, match="no applicant"):
        mediation.update_party(store, mediator, first.id, PartyInput("respondent", "person", "张三"))
    assert snapshot(store) == before


def test_termination_needs_reason_and_other_routes(store: Store, mediator: SignedIn) -> None:
    case = register(store, mediator)
    mediation.move_case(store, mediator, case.id, "accepted")
    with pytest.raises(ValidationError, match="court"):
        mediation.move_case(store, mediator, case.id, "terminated", reason="被申请人拒绝调解")
    done = mediation.move_case(store, mediator, case.id, "terminated", reason="被申请人拒绝调解",
                               other_routes_told=True)
    assert (done.state, done.outcome) == ("terminated", "failed")


def test_deadline_and_extension(store: Store, mediator: SignedIn) -> None:
    case = register(store, mediator, registered_on=date(2026, 11, 1))
    with pytest.raises(ValidationError, match="before the case was registered"):
        mediation.move_case(store, mediator, case.id, "accepted", on=date(2026, 10, 31))
    with pytest.raises(ValidationError, match="in the future"):
        mediation.move_case(store, mediator, case.id, "accepted", on=date(2026, 11, 28))
    mediation.move_case(store, mediator, case.id, "accepted", on=date(2026, 11, 1))
    with store.read() as session:
        [row] = mediation_queries.list_cases(session, mediator)
        assert (row.deadline, row.deadline_kind) == (date(2026, 12, 1), "mediation")
        assert [d.case_no for d in mediation_queries.deadlines(session, mediator, today=date(2026, 11, 27))] == \
            [case.case_no]
    with pytest.raises(ValidationError, match="consent"):
        mediation.extend_deadline(store, mediator, case.id, days=10, consent="")
    mediation.extend_deadline(store, mediator, case.id, days=10, consent="双方当事人口头同意")
    with store.read() as session:
        [row] = mediation_queries.list_cases(session, mediator)
    assert row.deadline == date(2026, 12, 11)


def test_privacy_who_sees_and_masking(store: Store, admin: SignedIn, mediator: SignedIn) -> None:
    own_leader = add_user(store, admin, "wangfang", "grid_leader", OWN_GRID)
    other_leader = add_user(store, admin, "lijun", "grid_leader", OTHER_GRID)
    case = register(store, mediator)
    register(store, mediator, grid=OTHER_GRID)
    with store.read() as session:
        assert len(mediation_queries.list_cases(session, mediator)) == 2
        assert len(mediation_queries.list_cases(session, own_leader)) == 1
        assert mediation_queries.list_cases(session, admin) == []
        with pytest.raises(PermissionDenied):
            mediation_queries.case_file(session, other_leader, case.id)
        with pytest.raises(PermissionDenied):
            mediation_queries.case_file(session, admin, case.id)
        rows = mediation_queries.list_cases(session, mediator)
        stats = mediation_stats(session, mediator, year=2026, month=11)
    listed = repr(rows) + repr(stats)
    assert ID_A not in listed and PHONE_A not in listed and "19491231" not in listed
    assert (stats.registered, stats.cases) == (2, 0)  # registered, none accepted yet


def test_reveal_is_audited_without_the_value(store: Store, mediator: SignedIn) -> None:
    case = register(store, mediator)
    with store.read() as session:
        party = mediation.case_parties(session, case.id)[0]
    value = reveal(store, mediator.actor, kind="mediation_party", record_id=party.id, field="id_number",
                   value=party.id_number)
    assert value == ID_A
    with store.read() as session:
        entry = session.exec(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()  # type: ignore[attr-defined]
    assert entry is not None and entry.action == "privacy.reveal" and entry.actor == "zhaomin"
    assert party.id in entry.target and ID_A not in entry.detail + entry.target


def test_whole_life_and_qr_check(store: Store, mediator: SignedIn) -> None:
    case = full_case(store, mediator)
    with store.read() as session:
        ids = [p.id for p in mediation.case_parties(session, case.id)]
    mediation_records.record_signatures(store, mediator, case.id, signed_party_ids=ids, mediator_signed=True,
                                        seal_affixed=True)
    mediation_records.mark_effective(store, mediator, case.id, on=DAY)
    mediation.move_case(store, mediator, case.id, "performing")
    with pytest.raises(ValidationError, match="cannot move to"):
        mediation.move_case(store, mediator, case.id, "closed")
    mediation.add_visit(store, mediator, case.id, visited_on=date(2026, 11, 26), visited_party="张三",
                        performance="done", satisfaction="satisfied", visitor="赵敏")
    mediation.move_case(store, mediator, case.id, "closed")
    mediation.move_case(store, mediator, case.id, "archived")
    with store.read() as session:
        file = mediation_queries.case_file(session, mediator, case.id)
        content = mediation_records.agreement_content(session, session.get(MediationCase, case.id),  # type: ignore[arg-type]
                                                      mediation_records.agreement_of(session, case.id))  # type: ignore[arg-type]
    assert [t.to_state for t in file.transitions] == ["registered", "accepted", "mediating", "agreed", "performing",
                                                      "follow_up", "closed", "archived"]
    assert file.sessions[0].statements[0].text == "楼上漏水三个月" and file.visits[0].performance == "done"
    from gridstation.domain.mediation_agreement import qr_payload

    code = qr_payload(content)
    assert mediation_records.check_scanned(store, mediator, code) == (True, case.case_no)
    altered = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert mediation_records.check_scanned(store, mediator, altered) == (False, case.case_no)


def test_draft_autosave_and_statements(store: Store, mediator: SignedIn, clock: FakeClock) -> None:
    case = register(store, mediator)
    mediation.move_case(store, mediator, case.id, "accepted")
    session = mediation_records.start_session(store, mediator, case.id, kind="investigation", questioned="邻居王某")
    mediation_records.save_draft(store, mediator, session.id, text="他说三月开始", speaker="王某")
    with store.read() as s:
        assert mediation_queries.case_file(s, mediator, case.id).sessions[0].draft == "他说三月开始"
    clock.advance(65)
    statement = mediation_records.add_statement(store, mediator, session.id, speaker="王某", text="他说三月开始漏水")
    assert statement.seq == 1
    with store.read() as s:
        view = mediation_queries.case_file(s, mediator, case.id).sessions[0]
    assert view.draft == "" and view.statements[0].speaker == "王某"
    with pytest.raises(ValidationError, match="who is speaking"):
        mediation_records.add_statement(store, mediator, session.id, speaker="", text="x")


def test_demo_has_a_case_in_every_state(data_dir: Path, clock: FakeClock) -> None:
    from gridstation.db import demo, maintenance
    from gridstation.domain.mediation import STATES

    with Store.open(data_dir, clock=clock) as store:
        demo.load_demo(store, diary_days=1)
        user = accounts.authenticate(store, "zhaomin", demo.DEMO_PASSWORD)
        with store.read() as session:
            rows = mediation_queries.list_cases(session, user)
            stats = mediation_stats(session, user, year=2026)
        # 撤回 (withdrawn) is not in the demo yet: gridstation/db/mediation_demo.py has no withdrawn case
        assert {r.state for r in rows} == set(STATES) - {"withdrawn"}
        assert stats.crime_cases >= 1 and stats.petition_cases >= 1 and stats.succeeded >= 4
        assert maintenance.check(store).ok
        # every step on the day of the case's story: in order, from the registration on, never ahead
        # of the clock, and the printed records carry those days
        assert store.clock is clock
        with store.read() as session:
            cases = [mediation_queries.case_file(session, user, row.id) for row in rows]
        for case in cases:
            times = [t.at for t in case.transitions]
            assert times == sorted(times) and times[0][:10] == case.registered_on.isoformat()
            assert all(t <= iso(clock.now()) for t in times)
            for record in case.sessions:
                assert case.registered_on.isoformat() <= record.started_at[:10] <= times[-1][:10]
            if case.closed_on is not None:
                assert times[-1][:10] >= case.closed_on.isoformat() > case.registered_on.isoformat()
