"""Reminders after the agreement: the 30-day window for judicial confirmation (law art. 33) is
reminded of while it runs whatever the case's state — a case closed (结案) within the window keeps
it — until confirmation is applied for; the performance deadline (law art. 31: the committee
supervises performance) is reminded of until performance is recorded as complete (履行完毕, by a
follow-up visit or on the case)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from gridstation.db import mediation, mediation_queries, mediation_records
from gridstation.db.accounts import SignedIn
from gridstation.db.mediation_models import MediationCase
from gridstation.db.store import Store
from gridstation.domain import mediation as rules

from .test_mediation_db import DAY, add_user, register

TODAY = date(2026, 11, 27)  # the fake clock's day
PERFORMANCE_DUE = date(2026, 12, 1)
JUDICIAL_DUE = rules.judicial_deadline(DAY)  # 2026-12-20


@pytest.fixture
def mediator(store: Store, admin: SignedIn) -> SignedIn:
    return add_user(store, admin, "zhaomin", "mediator")


def effective_case(store: Store, user: SignedIn, *, deadline: date | None = PERFORMANCE_DUE,
                   manner: str = "银行转账") -> MediationCase:
    """Accepted, agreed, signed and in effect on DAY (2026-11-20); in 履行中."""
    case = register(store, user)
    mediation.move_case(store, user, case.id, "accepted", on=DAY)
    mediation.move_case(store, user, case.id, "mediating")
    mediation_records.save_agreement(store, user, case.id, kind="written", clauses=["李某赔偿800元"],
                                     performance_manner=manner, performance_deadline=deadline)
    mediation.move_case(store, user, case.id, "agreed")
    with store.read() as session:
        ids = [p.id for p in mediation.case_parties(session, case.id)]
    mediation_records.record_signatures(store, user, case.id, signed_party_ids=ids, mediator_signed=True,
                                        seal_affixed=True)
    mediation_records.mark_effective(store, user, case.id, on=DAY)
    mediation.move_case(store, user, case.id, "performing")
    return case


def visit(store: Store, user: SignedIn, case: MediationCase, performance: str) -> None:
    mediation.add_visit(store, user, case.id, visited_on=TODAY, visited_party="张三", performance=performance,
                        satisfaction="satisfied", visitor="赵敏")


def reminders(store: Store, user: SignedIn, today: date, within_days: int = 60) -> list[tuple[str, date]]:
    with store.read() as session:
        return [(d.kind, d.due) for d in mediation_queries.deadlines(session, user, today=today,
                                                                     within_days=within_days)]


def listed(store: Store, user: SignedIn, today: date) -> tuple[tuple[str, date], ...]:
    with store.read() as session:
        [row] = mediation_queries.list_cases(session, user, today=today)
    return row.deadlines


def test_closing_within_the_window_keeps_the_judicial_reminder(store: Store, mediator: SignedIn) -> None:
    case = effective_case(store, mediator)
    visit(store, mediator, case, "done")
    mediation.move_case(store, mediator, case.id, "closed")  # closed on TODAY, 7 days after it took effect
    assert reminders(store, mediator, TODAY) == [("judicial", JUDICIAL_DUE)]
    assert listed(store, mediator, TODAY) == (("judicial", JUDICIAL_DUE),)
    assert reminders(store, mediator, JUDICIAL_DUE, within_days=7) == [("judicial", JUDICIAL_DUE)]  # last day
    assert reminders(store, mediator, JUDICIAL_DUE + timedelta(days=1)) == []  # the window has closed
    mediation.update_case(store, mediator, case.id, judicial="applied")  # the stop that already existed
    assert reminders(store, mediator, TODAY) == []
    mediation.update_case(store, mediator, case.id, judicial="none")
    mediation.move_case(store, mediator, case.id, "archived")  # 归档 too: while the window runs
    assert reminders(store, mediator, JUDICIAL_DUE - timedelta(days=2), within_days=7) == [("judicial", JUDICIAL_DUE)]


def test_the_case_screen_shows_the_running_windows_of_a_closed_case(store: Store, mediator: SignedIn) -> None:
    case = effective_case(store, mediator)
    visit(store, mediator, case, "done")
    mediation.move_case(store, mediator, case.id, "closed")
    with store.read() as session:
        file = mediation_queries.case_file(session, mediator, case.id)
    assert file.running_deadlines(TODAY) == [("judicial", JUDICIAL_DUE)]
    assert file.running_deadlines(JUDICIAL_DUE + timedelta(days=1)) == []


def test_performance_deadline_is_reminded_until_performance_is_complete(store: Store, mediator: SignedIn) -> None:
    case = effective_case(store, mediator)
    assert reminders(store, mediator, TODAY) == [("performance", PERFORMANCE_DUE), ("judicial", JUDICIAL_DUE)]
    assert reminders(store, mediator, TODAY, within_days=7) == [("performance", PERFORMANCE_DUE)]
    with store.read() as session:
        [row] = mediation_queries.list_cases(session, mediator, today=TODAY)
    assert (row.deadline, row.deadline_kind) == (PERFORMANCE_DUE, "performance")  # the soonest
    late = PERFORMANCE_DUE + timedelta(days=5)
    assert ("performance", PERFORMANCE_DUE) in reminders(store, mediator, late)  # overdue, still open: shown
    visit(store, mediator, case, "partial")  # 部分履行: not done yet
    assert ("performance", PERFORMANCE_DUE) in reminders(store, mediator, late)
    visit(store, mediator, case, "done")  # 履行完毕 recorded by the visit
    assert reminders(store, mediator, late) == [("judicial", JUDICIAL_DUE)]
    mediation.update_case(store, mediator, case.id, performance="partial")  # corrected on the case: back
    assert ("performance", PERFORMANCE_DUE) in reminders(store, mediator, late)


def test_no_performance_reminder_before_the_agreement_takes_effect_or_without_a_date(
        store: Store, mediator: SignedIn) -> None:
    on_signing = effective_case(store, mediator, deadline=None, manner="当场履行")
    assert reminders(store, mediator, TODAY) == [("judicial", JUDICIAL_DUE)]
    mediation.update_case(store, mediator, on_signing.id, judicial="applied")
    pending = register(store, mediator)
    mediation.move_case(store, mediator, pending.id, "accepted", on=DAY)
    mediation_records.save_agreement(store, mediator, pending.id, kind="written", clauses=["赔偿"],
                                     performance_manner="银行转账", performance_deadline=PERFORMANCE_DUE)
    mediation.move_case(store, mediator, pending.id, "mediating")
    mediation.move_case(store, mediator, pending.id, "agreed")  # not signed yet: nothing is due
    assert [k for k, _due in reminders(store, mediator, TODAY)] == []


def test_an_oral_agreement_is_reminded_of_its_performance(store: Store, mediator: SignedIn) -> None:
    case = register(store, mediator)
    mediation.move_case(store, mediator, case.id, "accepted", on=DAY)
    mediation.move_case(store, mediator, case.id, "mediating")
    mediation_records.save_agreement(store, mediator, case.id, kind="oral", clauses=["当面道歉并赔偿200元"],
                                     performance_deadline=PERFORMANCE_DUE)
    mediation.move_case(store, mediator, case.id, "agreed")
    assert reminders(store, mediator, TODAY) == [("performance", PERFORMANCE_DUE)]  # no judicial window: oral


def test_running_deadlines_rules() -> None:
    common = {"accepted_on": DAY, "agreement_kind": "written", "effective_on": DAY,
              "performance_deadline": PERFORMANCE_DUE}
    assert rules.running_deadlines(state="mediating", today=TODAY, **common) == \
        [("mediation", rules.mediation_deadline(DAY))]
    assert rules.running_deadlines(state="follow_up", today=date(2027, 3, 1), **common) == \
        [("performance", PERFORMANCE_DUE), ("judicial", JUDICIAL_DUE)]  # open: overdue ones stay
    assert rules.running_deadlines(state="closed", today=date(2026, 12, 2), **common) == [("judicial", JUDICIAL_DUE)]
    assert rules.running_deadlines(state="closed", today=None, **common) == []
    assert rules.running_deadlines(state="performing", today=TODAY, performance="done", judicial="valid",
                                   **common) == []
    for ended in ("terminated", "withdrawn", "rejected"):
        assert rules.running_deadlines(state=ended, today=TODAY, **common) == []
