"""A written agreement states the manner and the deadline of performance (law art. 29) before it
is reached (达成协议) or takes effect; one performed on signing says 当场履行 instead of a date, one
with nothing left to perform 无需另行履行. The messages name the missing field."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from gridstation.db import mediation, mediation_records
from gridstation.db.accounts import SignedIn
from gridstation.db.store import Store
from gridstation.domain import mediation as rules
from gridstation.domain import mediation_agreement as agreements
from gridstation.domain.errors import ValidationError
from gridstation.reports.mediation_casefile import render_document
from gridstation.reports.mediation_sample import sample_case

from .test_mediation_db import DAY, add_user, register, snapshot

DEADLINE = date(2026, 12, 10)
SIGNED = agreements.Signatures(("a", "b"), frozenset({"a", "b"}), mediator_signed=True, seal_affixed=True)


@pytest.fixture
def mediator(store: Store, admin: SignedIn) -> SignedIn:
    return add_user(store, admin, "zhaomin", "mediator")


@pytest.mark.parametrize(("manner", "deadline", "field", "name"), [
    ("", DEADLINE, "performance_manner", "履行方式"),
    ("  ", DEADLINE, "performance_manner", "履行方式"),
    ("银行转账", None, "performance_deadline", "履行期限"),
    ("", None, "performance_manner", "履行方式"),
])
def test_missing_terms_are_refused_naming_the_field(manner: str, deadline: date | None, field: str,
                                                    name: str) -> None:
    facts = rules.CaseFacts(state="mediating", agreement_kind="written", clauses=2, performance_manner=manner,
                            performance_deadline=deadline)
    with pytest.raises(ValidationError, match=name) as refused:
        rules.check_transition(facts, "agreed")
    assert refused.value.field == field
    with pytest.raises(ValidationError, match=name) as gate:
        agreements.check_effective(SIGNED, {}, ["x"], performance_manner=manner, performance_deadline=deadline)
    assert gate.value.field == field


@pytest.mark.parametrize("manner", ["当场履行", "当场履行，现金支付800元", "无需另行履行"])
def test_performed_on_signing_or_nothing_to_perform_needs_no_date(manner: str) -> None:
    facts = rules.CaseFacts(state="mediating", agreement_kind="written", clauses=1, performance_manner=manner)
    rules.check_transition(facts, "agreed")
    agreements.check_effective(SIGNED, {}, ["x"], performance_manner=manner, performance_deadline=None)


def test_an_oral_agreement_is_not_held_to_the_written_form() -> None:
    rules.check_transition(rules.CaseFacts(state="mediating", agreement_kind="oral"), "agreed")


def test_a_written_agreement_without_terms_is_not_reached_nor_effective(store: Store, mediator: SignedIn) -> None:
    case = register(store, mediator)
    mediation.move_case(store, mediator, case.id, "accepted", on=DAY)
    mediation.move_case(store, mediator, case.id, "mediating")
    mediation_records.save_agreement(store, mediator, case.id, kind="written", clauses=["李某赔偿800元"])
    before = snapshot(store)
    with pytest.raises(ValidationError, match="履行方式") as refused:
        mediation.move_case(store, mediator, case.id, "agreed")
    assert refused.value.field == "performance_manner" and snapshot(store) == before
    mediation_records.save_agreement(store, mediator, case.id, kind="written", clauses=["李某赔偿800元"],
                                     performance_manner="银行转账")
    with pytest.raises(ValidationError, match="履行期限") as refused:
        mediation.move_case(store, mediator, case.id, "agreed")
    assert refused.value.field == "performance_deadline"
    mediation_records.save_agreement(store, mediator, case.id, kind="written", clauses=["李某赔偿800元"],
                                     performance_manner="银行转账", performance_deadline=DEADLINE)
    mediation.move_case(store, mediator, case.id, "agreed")
    # rewritten while 达成协议 without a deadline: the gate of law art. 29 refuses it effect
    mediation_records.save_agreement(store, mediator, case.id, kind="written", clauses=["李某赔偿800元"],
                                     performance_manner="银行转账")
    with store.read() as session:
        ids = [p.id for p in mediation.case_parties(session, case.id)]
    mediation_records.record_signatures(store, mediator, case.id, signed_party_ids=ids, mediator_signed=True,
                                        seal_affixed=True)
    before = snapshot(store)
    with pytest.raises(ValidationError, match="履行期限") as gate:
        mediation_records.mark_effective(store, mediator, case.id, on=DAY)
    assert gate.value.field == "performance_deadline" and snapshot(store) == before
    mediation_records.save_agreement(store, mediator, case.id, kind="written", clauses=["李某赔偿800元"],
                                     performance_manner="当场履行，现金支付")
    mediation_records.record_signatures(store, mediator, case.id, signed_party_ids=ids, mediator_signed=True,
                                        seal_affixed=True)
    assert mediation_records.mark_effective(store, mediator, case.id, on=DAY).effective_on == DAY


def printed_terms(manner: str, deadline: date | None) -> str:
    case = sample_case()
    assert case.agreement is not None
    case = replace(case, agreement=replace(case.agreement, performance_manner=manner, performance_deadline=deadline))
    out = io.BytesIO()
    render_document(out, case, "调解协议书", station_name="新兴社区第一网格服务站", generated_at=datetime(2026, 12, 1))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(out.getvalue())).pages)
    return text.replace(" ", "").replace("\n", "")


def test_printed_terms() -> None:
    assert "履行方式：银行转账；履行期限：2026年12月10日。" in printed_terms("银行转账", DEADLINE)
    assert "履行方式：当场履行，现金支付；履行期限：签订协议时当场履行。" in printed_terms("当场履行，现金支付", None)
    on_nothing = printed_terms("无需另行履行", None)
    assert "履行方式：无需另行履行。" in on_nothing and "履行期限" not in on_nothing
