"""Checks found missing by a user walkthrough, each on a real station database: dates (no future
registration, agreement or visit; nothing before the case began), strict amounts, a sex that
contradicts the ID number, legacy ID numbers masked without their birth date, judicial-confirmation
reminders that stop once the matter is done, and statistics that count only accepted cases."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from gridstation.db import mediation, mediation_queries, mediation_records
from gridstation.db.accounts import SignedIn
from gridstation.db.mediation_models import MediationAgreement, MediationCase
from gridstation.db.mediation_stats import mediation_stats
from gridstation.db.store import Store
from gridstation.domain import mediation as rules
from gridstation.domain.errors import ValidationError
from gridstation.domain.mediation_parties import PartyInput, clean_party

from .conftest import OWN_GRID
from .test_mediation_db import DAY, add_user, full_case, parties, register, snapshot

TODAY = date(2026, 11, 27)  # the fake clock's day (conftest.FakeClock)
LEGACY_ID = "110105491231002"  # 15 digits: born 1949-12-31, sequence 002


@pytest.fixture
def mediator(store: Store, admin: SignedIn) -> SignedIn:
    return add_user(store, admin, "zhaomin", "mediator")


def signed_case(store: Store, user: SignedIn) -> MediationCase:
    case = full_case(store, user)
    with store.read() as session:
        ids = [p.id for p in mediation.case_parties(session, case.id)]
    mediation_records.record_signatures(store, user, case.id, signed_party_ids=ids, mediator_signed=True,
                                        seal_affixed=True)
    return case


# -- 1. dates ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("day", "problem"), [(date(2030, 1, 1), "in the future"),
                                              (TODAY + timedelta(days=1), "in the future"),
                                              (date(1999, 1, 1), "more than 365 days ago"),
                                              (TODAY - timedelta(days=366), "more than 365 days ago")])
def test_registration_date_in_the_future_or_long_ago_is_refused(store: Store, mediator: SignedIn, day: date,
                                                                problem: str) -> None:
    before = snapshot(store)
    with pytest.raises(ValidationError, match=problem) as refused:
        mediation.register_case(store, mediator, grid_code=OWN_GRID, registered_on=day, parties=parties(),
                                title="漏水纠纷", dispute_type="neighbour", source="application")
    assert refused.value.field == "registered_on" and "登记日期" in str(refused.value)
    assert snapshot(store) == before


def test_recent_back_entry_and_today_are_registered(store: Store, mediator: SignedIn) -> None:
    for day in (TODAY, TODAY - timedelta(days=9), TODAY - timedelta(days=rules.MAX_BACK_ENTRY_DAYS)):
        case = mediation.register_case(store, mediator, grid_code=OWN_GRID, registered_on=day,
                                       parties=parties(), title="漏水纠纷", dispute_type="neighbour",
                                       source="application")
        assert case.registered_on == day and case.case_no.startswith(f"（{day.year}）")


def test_future_effective_date_is_refused_and_starts_no_judicial_window(store: Store, mediator: SignedIn) -> None:
    case = signed_case(store, mediator)  # accepted on DAY (2026-11-20)
    before = snapshot(store)
    with pytest.raises(ValidationError, match="in the future") as refused:
        mediation_records.mark_effective(store, mediator, case.id, on=date(2027, 6, 1))
    assert refused.value.field == "effective_on" and "生效日期" in str(refused.value)
    with pytest.raises(ValidationError, match="before the case was accepted") as early:
        mediation_records.mark_effective(store, mediator, case.id, on=DAY - timedelta(days=1))
    assert early.value.field == "effective_on"
    assert snapshot(store) == before
    with store.read() as session:
        agreement = session.exec(select(MediationAgreement).where(MediationAgreement.case_id == case.id)).one()
        assert agreement.effective_on is None
        assert mediation_queries.case_file(session, mediator, case.id).judicial_deadline is None
    assert mediation_records.mark_effective(store, mediator, case.id, on=TODAY).effective_on == TODAY


def test_performance_deadline_before_registration_is_refused(store: Store, mediator: SignedIn) -> None:
    case = register(store, mediator)  # registered on DAY
    mediation.move_case(store, mediator, case.id, "accepted", on=DAY)
    before = snapshot(store)
    with pytest.raises(ValidationError, match="before the case was registered") as refused:
        mediation_records.save_agreement(store, mediator, case.id, kind="written", clauses=["赔偿800元"],
                                         performance_deadline=date(2020, 1, 1))
    assert refused.value.field == "performance_deadline" and "履行期限" in str(refused.value)
    assert snapshot(store) == before
    # A deadline already passed is fine for an agreement entered late, as long as the case existed.
    saved = mediation_records.save_agreement(store, mediator, case.id, kind="written", clauses=["赔偿800元"],
                                             performance_deadline=DAY)
    assert saved.performance_deadline == DAY


def test_follow_up_visit_in_the_future_is_refused(store: Store, mediator: SignedIn) -> None:
    case = signed_case(store, mediator)
    mediation_records.mark_effective(store, mediator, case.id, on=DAY)
    mediation.move_case(store, mediator, case.id, "performing")
    before = snapshot(store)
    for day, problem in ((TODAY + timedelta(days=8), "in the future"), (DAY - timedelta(days=1), "before the case")):
        with pytest.raises(ValidationError, match=problem) as refused:
            mediation.add_visit(store, mediator, case.id, visited_on=day, visited_party="张三", performance="done",
                                satisfaction="satisfied")
        assert refused.value.field == "visited_on"
    assert snapshot(store) == before


# -- 2. amounts --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "problem"), [("inf", "yuan in digits"), ("-inf", "yuan in digits"),
                                              ("nan", "yuan in digits"), ("1e5", "yuan in digits"),
                                              ("1,800.555", "more than two decimals"), ("0.001", "two decimals"),
                                              ("1,80", "yuan in digits"), ("-5", "between 0 and"),
                                              ("100000000000.01", "between 0 and"), ("9" * 5000, "between 0 and")])
def test_bad_amounts_are_refused_by_name_and_write_nothing(store: Store, mediator: SignedIn, raw: str,
                                                           problem: str) -> None:
    before = snapshot(store)
    with pytest.raises(ValidationError, match=problem) as refused:
        register(store, mediator, amount=raw)
    assert refused.value.field == "amount" and len(str(refused.value)) < 200
    assert snapshot(store) == before


@pytest.mark.parametrize(("raw", "fen"), [("1,800.50", 180050), ("1800.5元", 180050), ("１８００", 180000),
                                          ("￥1,234,567.89", 123456789), ("", 0), ("0", 0),
                                          ("100,000,000,000", rules.MAX_AMOUNT_FEN)])
def test_good_amounts_are_stored_in_fen(store: Store, mediator: SignedIn, raw: str, fen: int) -> None:
    assert register(store, mediator, amount=raw).amount_fen == fen


@given(st.integers(0, rules.MAX_AMOUNT_FEN), st.booleans(), st.sampled_from(["", "元", " 元"]))
def test_amount_parsing_round_trips(fen: int, grouped: bool, suffix: str) -> None:
    text = f"{fen // 100:,}.{fen % 100:02d}" if grouped else rules.yuan(fen)
    assert rules.parse_amount_fen(text + suffix) == fen


STRICT_AMOUNT = re.compile(r"^([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.[0-9]{1,2})?$")
AMOUNT_LIKE = st.one_of(
    st.from_regex(r"\A[-+]?[0-9,]{0,18}(\.[0-9]{0,4})?([eE][-+]?[0-9]{1,3})?\Z"),
    st.sampled_from(["inf", "-inf", "nan", "Infinity", "1e400", "1_000", "١٢٣"]),
    st.text(max_size=20),
)


@given(AMOUNT_LIKE)
def test_amount_parsing_is_exact_or_refuses(text: str) -> None:
    """Anything accepted has the strict shape (digits, thousands groups, at most 2 decimals) and is
    exactly its decimal value in fen, within range; anything else is a ValidationError naming the
    field (never OverflowError or ValueError)."""
    try:
        fen = rules.parse_amount_fen(text)
    except ValidationError as refused:
        assert refused.field == "amount"
        return
    plain = text.strip().removesuffix("元").strip()
    assert plain == "" or STRICT_AMOUNT.match(plain)
    assert 0 <= fen <= rules.MAX_AMOUNT_FEN
    assert fen == (Decimal(plain.replace(",", "")) * 100 if plain else 0)


# -- 3. sex and ID number ----------------------------------------------------------------------------

def test_sex_contradicting_the_id_number_is_refused(store: Store, mediator: SignedIn) -> None:
    woman = "11010519491231002X"  # 17th digit 2: even, female
    man = "440524188001010014"  # 17th digit 1: odd, male
    before = snapshot(store)
    for id_number, sex in ((woman, "M"), (man, "F")):
        wrong = [PartyInput("applicant", "person", "张三", sex=sex, id_number=id_number),
                 PartyInput("respondent", "person", "李四")]
        with pytest.raises(ValidationError, match="does not match the ID number") as refused:
            register(store, mediator, parties=wrong)
        assert refused.value.field == "sex" and id_number not in str(refused.value)
    assert snapshot(store) == before
    case = register(store, mediator, parties=[PartyInput("applicant", "person", "张三", sex="F", id_number=woman),
                                              PartyInput("respondent", "person", "李四", id_number=man)])
    with store.read() as session:
        first, second = mediation.case_parties(session, case.id)
    assert (first.sex, second.sex) == ("F", "M")
    with pytest.raises(ValidationError, match="does not match"):
        mediation.update_party(store, mediator, second.id, PartyInput("respondent", "person", "李四", sex="F",
                                                                      id_number=man))


def test_legacy_number_keeps_the_sex_chosen() -> None:
    # A 15-digit number is not used for the sex (it is legacy, not "fixed"): whatever is chosen stays.
    for sex in ("M", "F", ""):
        assert clean_party(PartyInput("applicant", "person", "王五", sex=sex, id_number=LEGACY_ID),
                           today=TODAY).sex == sex


# -- 4. masking of legacy numbers ----------------------------------------------------------------------

def test_legacy_id_number_is_masked_without_birth_date_digits(store: Store, mediator: SignedIn) -> None:
    case = register(store, mediator, parties=[PartyInput("applicant", "person", "王五", id_number=LEGACY_ID),
                                              PartyInput("respondent", "person", "李四")])
    with store.read() as session:
        view = mediation_queries.case_file(session, mediator, case.id).parties[0].party
    assert view.id_number == LEGACY_ID and view.masked_id == "110*********002"
    assert not any(view.masked_id[i] == LEGACY_ID[i] for i in range(6, 12))


# -- 5. judicial-confirmation reminder -----------------------------------------------------------------

@pytest.mark.parametrize("judicial", ["applied", "valid", "invalid"])
def test_judicial_reminder_stops_once_the_matter_is_done(store: Store, mediator: SignedIn, judicial: str) -> None:
    case = signed_case(store, mediator)
    mediation_records.mark_effective(store, mediator, case.id, on=DAY)
    mediation.move_case(store, mediator, case.id, "performing")
    late = rules.judicial_deadline(DAY) + timedelta(days=3)  # the window has passed: 已超期

    def reminders() -> list[tuple[str, str]]:
        with store.read() as session:
            return [(d.case_no, d.kind) for d in mediation_queries.deadlines(session, mediator, today=late)
                    if d.kind == "judicial"]  # the performance deadline has reminders of its own

    assert reminders() == [(case.case_no, "judicial")]
    mediation.update_case(store, mediator, case.id, judicial=judicial)
    assert reminders() == []
    with store.read() as session:
        [row] = mediation_queries.list_cases(session, mediator)
    assert "judicial" not in [kind for kind, _due in row.deadlines]
    mediation.update_case(store, mediator, case.id, judicial="none")  # recorded by mistake: the reminder is back
    assert reminders() == [(case.case_no, "judicial")]


# -- 6. statistics ---------------------------------------------------------------------------------------

def test_statistics_count_cases_accepted_in_the_period(store: Store, mediator: SignedIn) -> None:
    october = date(2026, 10, 28)
    waiting = register(store, mediator, amount="100")  # stays at 登记
    refused = register(store, mediator, amount="200")
    mediation.move_case(store, mediator, refused.id, "rejected", reason="属于行政机关处理事项", on=DAY)
    mediation.move_case(store, mediator, refused.id, "closed", on=DAY)  # 不予受理, then 结案: still not accepted
    accepted = register(store, mediator, amount="300")
    mediation.move_case(store, mediator, accepted.id, "accepted", on=DAY)
    older = mediation.register_case(store, mediator, grid_code=OWN_GRID, registered_on=october,
                                    parties=parties(), title="十月登记", dispute_type="contract", source="court",
                                    amount="400", prevents_crime=True, persons_involved=3)
    mediation.move_case(store, mediator, older.id, "accepted", on=date(2026, 11, 2))
    assert waiting.state == "registered"
    with store.read() as session:
        november = mediation_stats(session, mediator, year=2026, month=11)
        oct_stats = mediation_stats(session, mediator, year=2026, month=10)
        year = mediation_stats(session, mediator, year=2026)
    assert (november.registered, november.rejected, november.cases) == (3, 1, 2)
    assert november.amount_fen == 70000 and november.by_type["contract"] == 1 and november.by_source["court"] == 1
    assert sum(november.by_outcome.values()) == november.cases and november.by_outcome["rejected"] == 0
    assert (november.crime_cases, november.crime_persons) == (1, 3)
    assert (oct_stats.registered, oct_stats.rejected, oct_stats.cases, oct_stats.amount_fen) == (1, 0, 0, 0)
    assert (year.registered, year.rejected, year.cases) == (4, 1, 2)
