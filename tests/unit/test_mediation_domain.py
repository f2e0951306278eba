"""Mediation rules without a database: the state machine and its guards, case numbers, parties,
the agreement's fingerprint and signature gate, deadlines, statistics."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gridstation.domain import mediation as rules
from gridstation.domain import mediation_agreement as agreements
from gridstation.domain import mediation_numbers as numbers
from gridstation.domain.errors import ValidationError
from gridstation.domain.mediation_parties import PartyInput, clean_party, party_line
from gridstation.domain.mediation_stats import StatFacts, summarize

TODAY = date(2026, 11, 27)
ALL_PAIRS = [(s, t) for s in rules.STATES for t in rules.STATES]
FORBIDDEN = [(s, t) for s, t in ALL_PAIRS if t not in rules.TRANSITIONS[s]]
# Facts that satisfy every guard, so only the table decides.
READY = rules.CaseFacts(state="registered", applicants=1, respondents=1, agreement_kind="written", clauses=2,
                        agreement_effective=True, follow_ups=1, termination_reason="双方分歧过大",
                        other_routes_told=True, rejection_reason="不属于民间纠纷", withdrawn_by="申请人 张三",
                        withdrawal_reason="双方已自行和解", performance_manner="现金",
                        performance_deadline=date(2026, 12, 10))


@pytest.mark.parametrize(("source", "target"), FORBIDDEN)
def test_every_forbidden_transition_is_refused(source: str, target: str) -> None:
    with pytest.raises(ValidationError, match="cannot move to") as err:
        rules.check_transition(replace(READY, state=source), target)
    assert err.value.field == "state"
    assert rules.STATES[target] in str(err.value)


@pytest.mark.parametrize(("source", "target"), [(s, t) for s, ts in rules.TRANSITIONS.items() for t in ts])
def test_every_allowed_transition_passes_when_its_guard_is_met(source: str, target: str) -> None:
    rules.check_transition(replace(READY, state=source), target)


def test_every_state_is_reachable_from_registration_and_archive_is_final() -> None:
    seen, todo = {"registered"}, ["registered"]
    while todo:
        for target in rules.TRANSITIONS[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    assert seen == set(rules.STATES)
    assert rules.TRANSITIONS["archived"] == frozenset()


@given(st.lists(st.sampled_from(list(rules.STATES)), max_size=30))
def test_a_walk_only_follows_the_table(targets: list[str]) -> None:
    state = "registered"
    for target in targets:
        try:
            rules.check_transition(replace(READY, state=state), target)
        except ValidationError:
            assert target not in rules.TRANSITIONS[state]
        else:
            assert target in rules.TRANSITIONS[state]
            state = target


@pytest.mark.parametrize(("facts", "target", "field", "message"), [
    (replace(READY, applicants=0), "accepted", "parties", "no applicant"),
    (replace(READY, respondents=0), "accepted", "parties", "no respondent"),
    (replace(READY, rejection_reason=" "), "rejected", "rejection_reason", "not accepted"),
    (replace(READY, state="mediating", agreement_kind=None), "agreed", "agreement", "Record the agreement"),
    (replace(READY, state="mediating", clauses=0), "agreed", "clauses", "no clause"),
    (replace(READY, state="agreed", agreement_effective=False), "performing", "agreement", "seal"),
    (replace(READY, state="mediating", termination_reason=""), "terminated", "termination_reason", "terminated"),
    (replace(READY, state="mediating", other_routes_told=False), "terminated", "other_routes_told", "court"),
    (replace(READY, state="follow_up", follow_ups=0), "closed", "follow_up", "follow-up visit"),
])
def test_guards_say_what_is_missing(facts: rules.CaseFacts, target: str, field: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as err:
        rules.check_transition(facts, target)
    assert err.value.field == field


def test_an_oral_agreement_needs_no_signatures_to_be_performed() -> None:
    rules.check_transition(replace(READY, state="agreed", agreement_kind="oral", clauses=0,
                                   agreement_effective=False), "performing")


# -- case numbers ----------------------------------------------------------------------------------

def test_case_number_format_round_trips() -> None:
    assert numbers.format_case_no(2026, 1001) == "（2026）人调字第 1001 号"
    assert numbers.parse_case_no("（2026）人调字第 1001 号") == (2026, 1001)
    with pytest.raises(ValidationError, match="not a case number"):
        numbers.parse_case_no("2026-1001")


def test_block_is_the_lowest_own_grid_number() -> None:
    assert numbers.default_block(["230204001003-012U", "230204001003-003R"]) == 3
    assert numbers.committee_of("230204001003-012U") == "230204001003"


@given(st.lists(st.sampled_from([1, 2, 3, 12, 999]), min_size=1, max_size=300))
def test_stations_of_one_committee_never_collide(order: list[int]) -> None:
    """Stations (blocks) registering in any interleaving, each seeing only its own numbers
    (offline), produce numbers that are unique across the committee."""
    used: dict[int, list[int]] = {}
    issued = []
    for block in order:
        if len(used.get(block, [])) >= numbers.BLOCK_SIZE - 1:
            continue
        n = numbers.next_number(block, used.get(block, []))
        used.setdefault(block, []).append(n)
        issued.append(n)
    assert len(issued) == len(set(issued))
    for block, ns in used.items():
        assert ns == list(range(block * 1000 + 1, block * 1000 + 1 + len(ns)))


def test_a_full_block_is_refused() -> None:
    with pytest.raises(ValidationError, match="used all 999"):
        numbers.next_number(1, [1999])
    with pytest.raises(ValidationError, match="between 1 and 999"):
        numbers.next_number(0, [])


# -- parties ---------------------------------------------------------------------------------------

def person(**kw: object) -> PartyInput:
    values: dict[str, object] = {"side": "applicant", "kind": "person", "name": "张三"}
    values.update(kw)
    return PartyInput(**values)  # type: ignore[arg-type]


def test_party_sex_and_age_come_from_the_id_number() -> None:
    party = clean_party(person(id_number="11010519491231002x", phone="138 1234 5678"), today=TODAY)
    assert (party.id_number, party.sex, party.age, party.phone) == ("11010519491231002X", "F", 76, "13812345678")
    assert party.masked_id == "110***********002X" and party.masked_phone == "138****5678"
    assert "19491231" not in party_line(party, masked=True)
    assert "11010519491231002X" in party_line(party, masked=False)


@pytest.mark.parametrize(("raw", "message"), [
    ("110105194912310021", "check digit"),
    ("110105194902300028", "impossible birth date"),
    ("12345", "18 characters"),
])
def test_bad_id_numbers_are_refused_naming_the_field(raw: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as err:
        clean_party(person(id_number=raw), today=TODAY)
    assert err.value.field == "id_number"
    assert len(raw) < 18 or raw[6:14] not in str(err.value)  # also logged: never the birth-date digits


@pytest.mark.parametrize(("party", "field"), [
    (person(name=" "), "name"),
    (person(phone="12345"), "phone"),
    (person(kind="organisation", legal_rep=""), "legal_rep"),
    (person(kind="organisation", legal_rep="王五", id_number="11010519491231002X"), "id_number"),
    (person(side="judge"), "side"),
    (person(age=200), "age"),
])
def test_bad_party_fields_name_the_field(party: PartyInput, field: str) -> None:
    with pytest.raises(ValidationError) as err:
        clean_party(party, today=TODAY)
    assert err.value.field == field
    assert not party.phone or party.phone not in str(err.value)  # logged too: never the number


# -- agreement -------------------------------------------------------------------------------------

def content(**kw: object) -> agreements.AgreementContent:
    values: dict[str, object] = {
        "case_no": "（2026）人调字第 1001 号",
        "parties": (person(), person(side="respondent", name="李四"), person(side="respondent", name="王五")),
        "facts": "楼上漏水", "disputed": "赔偿数额", "responsibilities": "李四负主要责任",
        "clauses": ("李四赔偿张三800元", "王五协助维修"), "performance_manner": "现金",
        "performance_deadline": "2026-12-10",
    }
    values.update(kw)
    return agreements.AgreementContent(**values)  # type: ignore[arg-type]


def test_copies_are_parties_plus_one() -> None:
    assert content().copies == 4
    assert rules.copies_sentence(3) == "本协议一式四份，当事人各执一份，人民调解委员会留存一份。"
    assert rules.copies_sentence(2).startswith("本协议一式三份，双方当事人各执一份")
    assert [rules.chinese_number(n) for n in (3, 10, 12, 20, 21)] == ["三", "十", "十二", "二十", "二十一"]


def test_qr_code_accepts_the_agreement_and_rejects_an_altered_one() -> None:
    original = content()
    scanned = agreements.parse_qr(agreements.qr_payload(original) + "\r\n")
    assert agreements.check_code(scanned, original)
    for altered in (content(clauses=("李四赔偿张三8000元", "王五协助维修")), content(facts="楼上漏水。"),
                    content(parties=original.parties[:2]), content(case_no="（2026）人调字第 1002 号")):
        assert not agreements.check_code(scanned, altered)


@given(st.text(max_size=80))
def test_random_text_is_never_taken_for_a_code(text: str) -> None:
    try:
        scanned = agreements.parse_qr(text)
    except ValidationError as err:
        assert err.field == "qr"
    else:
        assert not agreements.check_code(scanned, content())


TERMS: dict[str, object] = {"performance_manner": "现金", "performance_deadline": date(2026, 12, 10)}


def test_signature_gate_lists_everything_missing() -> None:
    names = {"a": "张三", "b": "李四", "c": "王五"}
    sig = agreements.Signatures(("a", "b", "c"), frozenset({"a"}), mediator_signed=False, seal_affixed=True)
    with pytest.raises(ValidationError, match="李四、王五、调解员签名") as err:
        agreements.check_effective(sig, names, ["x"], **TERMS)
    assert err.value.field == "signatures"
    with pytest.raises(ValidationError, match="no clause"):
        agreements.check_effective(replace(sig, signed_party_ids=frozenset(names), mediator_signed=True), names, [],
                                   **TERMS)
    agreements.check_effective(replace(sig, signed_party_ids=frozenset(names), mediator_signed=True), names, ["x"],
                               **TERMS)


@given(st.sets(st.sampled_from("abc")), st.booleans(), st.booleans())
def test_signature_gate_passes_only_with_every_signature(signed: set[str], mediator: bool, seal: bool) -> None:
    sig = agreements.Signatures(("a", "b", "c"), frozenset(signed), mediator, seal)
    complete = signed == {"a", "b", "c"} and mediator and seal
    try:
        agreements.check_effective(sig, {}, ["x"], **TERMS)
    except ValidationError:
        assert not complete
    else:
        assert complete


def test_agreement_without_clause_is_refused() -> None:
    with pytest.raises(ValidationError, match="no clause"):
        rules.clean_clauses(["  ", ""])


# -- deadlines, amounts, statistics ----------------------------------------------------------------

def test_deadlines() -> None:
    assert rules.mediation_deadline(date(2026, 11, 1)) == date(2026, 12, 1)
    assert rules.mediation_deadline(date(2026, 11, 1), 15) == date(2026, 12, 16)
    assert rules.judicial_deadline(date(2026, 12, 20)) == date(2027, 1, 19)
    with pytest.raises(ValidationError, match="consent"):
        rules.check_extension(10, " ", 0)
    with pytest.raises(ValidationError, match="1 to 30"):
        rules.check_extension(10, "双方同意", 25)


def test_amounts() -> None:
    assert rules.parse_amount_fen("1,200.5元") == 120050
    assert rules.yuan(120050) == "1200.50"
    for bad in ("abc", "-5"):
        with pytest.raises(ValidationError) as err:
            rules.parse_amount_fen(bad)
        assert err.value.field == "amount"


def test_statistics() -> None:
    facts = [StatFacts("neighbour", "application", "written", 50000, True, False, 3),
             StatFacts("neighbour", "initiative", "failed", 0, False, True, 12),
             StatFacts("contract", "court", "oral", 10000, False, False, 2),
             StatFacts("labour", "application", "", 0, False, False, 2),
             StatFacts("labour", "application", "rejected", 0, False, False, 2)]
    stats = summarize("2026年11月", facts)
    assert (stats.cases, stats.by_type["neighbour"], stats.by_source["application"]) == (5, 2, 3)
    assert (stats.succeeded, stats.concluded, stats.success_rate_text) == (2, 3, "66.7%")
    assert (stats.amount_fen, stats.crime_cases, stats.crime_persons, stats.petition_persons) == (60000, 1, 3, 12)
    assert summarize("x", []).success_rate_text == "—"
