"""A withdrawal (撤回, law art. 17: a party who no longer wants mediation ends it) has its own end
path: from 登记, 受理, 调查中 or 调解中, with who withdrew and why, outcome ``withdrawn``; it syncs as
the other steps do, is not counted as a failed mediation in the success rate, and prints as a
withdrawal, not as a termination."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime

import pytest
from pypdf import PdfReader
from sqlmodel import select

from gridstation.db import mediation, mediation_queries
from gridstation.db.accounts import SignedIn
from gridstation.db.mediation_models import MediationCase, MediationTransition
from gridstation.db.mediation_stats import mediation_stats
from gridstation.db.models import OutboxEntry
from gridstation.db.store import Store
from gridstation.db.unit_of_work import sync_kinds
from gridstation.domain import mediation as rules
from gridstation.domain.errors import ValidationError
from gridstation.domain.mediation_stats import StatFacts, summarize
from gridstation.domain.mediation_views import TransitionView
from gridstation.reports import mediation_stats_report as report
from gridstation.reports.mediation_casefile import documents, render_case_file, render_document
from gridstation.reports.mediation_sample import sample_case

from .test_mediation_db import DAY, add_user, register, snapshot

STATION = "新兴社区第一网格服务站"
AT = datetime(2026, 12, 10, 9, 0)
WHO = "申请人 张三"
WHY = "双方已自行协商解决，申请人不再要求调解。"


@pytest.fixture
def mediator(store: Store, admin: SignedIn) -> SignedIn:
    return add_user(store, admin, "zhaomin", "mediator")


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).replace(" ", "")


# -- the state machine -------------------------------------------------------------------------------

@pytest.mark.parametrize("source", ["registered", "accepted", "investigating", "mediating"])
def test_a_withdrawal_can_end_a_case_not_yet_agreed(source: str) -> None:
    facts = rules.CaseFacts(state=source, withdrawn_by=WHO, withdrawal_reason=WHY)
    rules.check_transition(facts, "withdrawn")
    assert rules.STATES["withdrawn"] == "撤回" and rules.TRANSITIONS["withdrawn"] == frozenset({"closed"})


@pytest.mark.parametrize("source", ["agreed", "performing", "follow_up", "terminated", "rejected", "closed",
                                    "archived"])
def test_no_withdrawal_once_agreed_or_ended(source: str) -> None:
    with pytest.raises(ValidationError, match="cannot move to"):
        rules.check_transition(rules.CaseFacts(state=source, withdrawn_by=WHO, withdrawal_reason=WHY), "withdrawn")


@pytest.mark.parametrize(("given", "field", "message"), [
    ({"withdrawal_reason": WHY}, "withdrawn_by", "撤回人"),
    ({"withdrawn_by": " ", "withdrawal_reason": WHY}, "withdrawn_by", "撤回人"),
    ({"withdrawn_by": WHO}, "withdrawal_reason", "撤回理由"),
])
def test_a_withdrawal_names_who_and_why(given: dict[str, str], field: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as refused:
        rules.check_transition(rules.CaseFacts(state="mediating", **given), "withdrawn")
    assert refused.value.field == field


def test_withdrawal_record_reads_back() -> None:
    text = rules.withdrawal_record("申请人\n张三 ", WHY)
    assert text == f"撤回人：申请人 张三\n撤回理由：{WHY}"
    assert rules.parse_withdrawal(text) == ("申请人 张三", WHY)
    assert rules.parse_withdrawal("双方分歧过大") == ("", "双方分歧过大")


# -- on a station database -------------------------------------------------------------------------

def test_withdrawal_is_recorded_as_withdrawn_not_failed_and_syncs(store: Store, mediator: SignedIn) -> None:
    case = register(store, mediator)
    mediation.move_case(store, mediator, case.id, "accepted", on=DAY)
    mediation.move_case(store, mediator, case.id, "mediating")
    before = snapshot(store)
    with pytest.raises(ValidationError, match="撤回人"):
        mediation.move_case(store, mediator, case.id, "withdrawn", reason=WHY)
    with pytest.raises(ValidationError, match="撤回理由"):
        mediation.move_case(store, mediator, case.id, "withdrawn", withdrawn_by=WHO)
    assert snapshot(store) == before
    # no "other routes told" is asked: nothing failed, the party no longer wants mediation
    done = mediation.move_case(store, mediator, case.id, "withdrawn", withdrawn_by=WHO, reason=WHY, on=DAY)
    assert (done.state, done.outcome, done.other_routes_told) == ("withdrawn", "withdrawn", False)
    assert rules.parse_withdrawal(done.termination_reason) == (WHO, WHY)
    with store.read() as session:
        step = session.exec(select(MediationTransition).where(MediationTransition.case_id == case.id,
                                                              MediationTransition.to_state == "withdrawn")).one()
        outbox = session.exec(select(OutboxEntry).where(OutboxEntry.record_id == step.id)).all()
    assert (step.from_state, step.by_name) == ("mediating", "zhaomin") and WHO in step.note
    # the step syncs as every other step does: a mediation_transition record, no new kind
    assert [e.kind for e in outbox] == ["mediation_transition"]
    assert {"mediation_case", "mediation_transition"} <= set(sync_kinds())
    mediation.move_case(store, mediator, case.id, "closed", on=DAY)
    with store.read() as session:
        assert session.get(MediationCase, case.id).outcome == "withdrawn"  # type: ignore[union-attr]


def test_withdrawal_before_acceptance(store: Store, mediator: SignedIn) -> None:
    case = register(store, mediator)
    done = mediation.move_case(store, mediator, case.id, "withdrawn", withdrawn_by="申请人 张三", reason=WHY)
    assert (done.state, done.outcome, done.accepted_on) == ("withdrawn", "withdrawn", None)


def test_success_rate_leaves_withdrawals_out(store: Store, mediator: SignedIn) -> None:
    """One agreement, one failed mediation, one withdrawal: 50 %, not 33.3 % (as when a withdrawal
    had to be entered as 调解终止)."""
    failed, withdrawn = register(store, mediator), register(store, mediator)
    for case in (failed, withdrawn):
        mediation.move_case(store, mediator, case.id, "accepted", on=DAY)
    mediation.move_case(store, mediator, failed.id, "terminated", reason="分歧过大", other_routes_told=True)
    mediation.move_case(store, mediator, withdrawn.id, "withdrawn", withdrawn_by=WHO, reason=WHY)
    with store.read() as session:
        stats = mediation_stats(session, mediator, year=2026, month=11)
    assert (stats.cases, stats.by_outcome["failed"], stats.by_outcome["withdrawn"]) == (2, 1, 1)
    assert (stats.concluded, stats.success_rate_text) == (1, "0.0%")
    mixed = summarize("2026年11月", [StatFacts("neighbour", "application", outcome, 0, False, False, 2)
                                     for outcome in ("written", "failed", "withdrawn")])
    assert (mixed.succeeded, mixed.concluded, mixed.success_rate_text) == (1, 2, "50.0%")
    rows = dict(report.summary_rows(mixed))
    assert rows["撤回（件）"] == "1" and rows["调解不成（件）"] == "1" and rows["调解成功率"] == "50.0%"
    cells = {label: value for label, value, _format in report.summary_cells(mixed)}
    assert cells["撤回（件）"] == 1 and cells["调解成功率"] == 0.5
    assert dict(dict(report.breakdowns(mixed))["调解结果"])["撤回"] == 1


def test_stats_pdf_has_the_withdrawn_line_and_says_how_the_rate_is_counted() -> None:
    stats = summarize("2026年11月", [StatFacts("neighbour", "application", outcome, 0, False, False, 2)
                                     for outcome in ("written", "failed", "withdrawn")])
    out = io.BytesIO()
    report.render_stats_pdf(out, stats, station_name=STATION, generated_at=AT)
    text = text_of(out.getvalue())
    assert "撤回（件）\n1" in text and "调解成功率\n50.0%" in text
    assert "撤回、不予受理及尚在办理的案件不计入" in text


# -- printed -----------------------------------------------------------------------------------------

def withdrawn_case(state: str = "withdrawn", accepted: bool = True):  # type: ignore[no-untyped-def]
    """The sample case, withdrawn on 2026-11-24 while mediated (or before it was accepted)."""
    case = sample_case()
    ended = TransitionView("mediating" if accepted else "registered", "withdrawn", "2026-11-25T09:00:00", "赵敏",
                           f"{WHO}撤回调解申请：{WHY}", happened_on=date(2026, 11, 24))
    return replace(case, state=state, outcome="withdrawn", agreement=None, visits=(), performance="none",
                   termination_reason=rules.withdrawal_record(WHO, WHY), other_routes_told=False,
                   accepted_on=case.accepted_on if accepted else None,
                   transitions=(*(case.transitions if accepted else ()), ended),
                   closed_on=date(2026, 11, 25) if state == "closed" else None)


@pytest.mark.parametrize("state", ["withdrawn", "closed"])
def test_case_file_explains_a_withdrawal_not_a_termination(state: str) -> None:
    case = withdrawn_case(state)
    assert "卷宗情况说明" in [name for name, _build in documents(case)]
    out = io.BytesIO()
    render_document(out, case, "卷宗情况说明", station_name=STATION, generated_at=AT)
    text = text_of(out.getvalue())
    assert "当事人于2026年11月24日撤回调解申请" in text and f"撤回人：{WHO.replace(' ', '')}" in text
    assert f"撤回理由：{WHY}" in text
    assert "终止调解" not in text and "未能达成协议" not in text and "仲裁" not in text


def test_registration_form_and_cover_of_a_case_withdrawn_before_acceptance() -> None:
    case = withdrawn_case(accepted=False)
    out = io.BytesIO()
    render_document(out, case, "受理登记表", station_name=STATION, generated_at=AT)
    assert "受理前当事人撤回调解申请（2026年11月24日）" in text_of(out.getvalue())
    whole = io.BytesIO()
    render_case_file(whole, case, station_name=STATION, generated_at=AT)
    text = text_of(whole.getvalue())
    assert "至2026年11月24日" in text and "本案受理前，当事人于2026年11月24日撤回调解申请" in text


def test_a_terminated_case_still_prints_its_termination() -> None:
    case = replace(withdrawn_case(), state="terminated", outcome="failed", termination_reason="分歧过大",
                   other_routes_told=True)
    case = replace(case, transitions=(*case.transitions[:-1], replace(case.transitions[-1], to_state="terminated")))
    out = io.BytesIO()
    render_document(out, case, "卷宗情况说明", station_name=STATION, generated_at=AT)
    text = text_of(out.getvalue())
    assert "终止调解" in text and "终止理由：分歧过大" in text and "撤回" not in text


def test_case_list_and_file_show_the_withdrawn_state(store: Store, mediator: SignedIn) -> None:
    case = register(store, mediator)
    mediation.move_case(store, mediator, case.id, "withdrawn", withdrawn_by=WHO, reason=WHY)
    with store.read() as session:
        [row] = mediation_queries.list_cases(session, mediator, state="withdrawn")
        file = mediation_queries.case_file(session, mediator, case.id)
    assert (row.state_name, row.deadline) == ("撤回", None)
    assert [t.to_state for t in file.transitions] == ["registered", "withdrawn"]


def test_a_state_this_version_does_not_know_shows_as_stored() -> None:
    """A newer station may sync a case in a state this version has no name for: shown, not a crash."""
    from gridstation.domain.mediation import state_name

    assert state_name("withdrawn") == "撤回" and state_name("some_future_state") == "some_future_state"
