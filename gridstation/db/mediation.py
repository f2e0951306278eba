"""Writing mediation cases: registration with a station-partitioned case number, parties, the
state machine with every step recorded (who, when), the deadline extension, and follow-up visits.
Sessions and agreements are in ``db.mediation_records``. Every write goes through the unit of
work, so it syncs; every refusal happens before anything is written.

Privacy (domain.md §8, law art. 15): mediation records are visible to mediators (every grid of the
station) and to the grid's leaders (A and B roles, their own grid) only; ``case_for`` refuses
everyone else, station admins included.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from typing import Any

from sqlmodel import Session, func, select

from gridstation.db.accounts import SignedIn
from gridstation.db.clock import iso
from gridstation.db.errors import PermissionDenied
from gridstation.db.mediation_models import MediationCase, MediationParty, MediationTransition, MediationVisit
from gridstation.db.models import AppSetting, Station, StationGrid
from gridstation.db.store import Store
from gridstation.db.unit_of_work import UnitOfWork
from gridstation.domain import mediation as rules
from gridstation.domain import mediation_numbers as numbers
from gridstation.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from gridstation.domain.mediation_parties import PartyInput, clean_party

BLOCK_SETTING = "mediation_block"
MEDIATION_ROLES = frozenset({"mediator", "grid_leader", "backup_leader"})
CASE_FIELDS = {"title", "dispute_type", "source", "facts", "amount", "mediators", "recorder", "persons_involved",
               "prevents_crime", "prevents_petition", "performance", "judicial"}


def may_see_mediation(user: SignedIn) -> bool:
    return user.role in MEDIATION_ROLES


def visible_grids(session: Session, user: SignedIn) -> list[str]:
    """The grids whose mediation records ``user`` may see (none for other roles)."""
    if user.role == "mediator":
        return list(session.exec(select(StationGrid.code)).all())
    if user.role in MEDIATION_ROLES and user.grid_code:
        return [user.grid_code]
    return []


def _denied() -> PermissionDenied:
    return PermissionDenied(QT_TRANSLATE_NOOP("Errors", "Mediation records are visible to mediators and the "
                                                        "grid's leaders only."))


def check_grid(session: Session, user: SignedIn, grid_code: str) -> None:
    if grid_code not in visible_grids(session, user):
        raise _denied()


def case_for(session: Session, user: SignedIn, case_id: str) -> MediationCase:
    case = session.get(MediationCase, case_id)
    if case is None or case.deleted:
        raise ValidationError("case", QT_TRANSLATE_NOOP("Errors", "This mediation case no longer exists."))
    check_grid(session, user, case.grid_code)
    return case


def station_block(session: Session) -> int:
    """This station's case-number block: the ``mediation_block`` setting, else its lowest own grid."""
    setting = session.get(AppSetting, BLOCK_SETTING)
    if setting is not None and setting.value.strip():
        return numbers.check_block(int(setting.value))
    own = list(session.exec(select(StationGrid.code).where(StationGrid.own == True)).all())  # noqa: E712
    return numbers.default_block(own or list(session.exec(select(StationGrid.code)).all()))


def station_block_or_none(store: Store) -> int | None:
    """``station_block``, or None when there is none yet (no setting, no numbered own grid)."""
    with store.read() as session:
        try:
            return station_block(session)
        except ValidationError:
            return None


def allocate_number(session: Session, *, committee_code: str, year: int) -> numbers.CaseNumber:
    """The next free number of this station's block for the committee and year. Runs inside the
    write transaction (the single writer), so two registrations on one station cannot race."""
    block = station_block(session)
    low, high = numbers.block_range(block)
    used = session.exec(
        select(func.max(MediationCase.number)).where(
            MediationCase.committee_code == committee_code, MediationCase.year == year,
            MediationCase.number >= low, MediationCase.number <= high)
    ).one()
    number = numbers.next_number(block, [int(used)] if used else [])
    return numbers.CaseNumber(committee_code, year, number)


def _clean_case_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - CASE_FIELDS
    if unknown:
        raise ValueError(f"not case fields: {sorted(unknown)}")
    out: dict[str, Any] = {}
    if "title" in fields:
        out["title"] = rules.clean_text(fields["title"], "title", rules.MAX_SHORT)
        if not out["title"]:
            raise ValidationError("title", QT_TRANSLATE_NOOP("Errors", "The case needs a name (案件名称)."))
    for key, codes in (("dispute_type", rules.DISPUTE_TYPES), ("source", rules.CASE_SOURCES),
                       ("performance", rules.PERFORMANCE), ("judicial", rules.JUDICIAL)):
        if key in fields:
            out[key] = rules.check_code(fields[key], codes, key)
    if "facts" in fields:
        out["facts"] = rules.clean_text(fields["facts"], "facts")
    for key in ("mediators", "recorder"):
        if key in fields:
            out[key] = rules.clean_text(fields[key], key, rules.MAX_SHORT)
    if "amount" in fields:
        out["amount_fen"] = rules.parse_amount_fen(fields["amount"])
    if "persons_involved" in fields:
        persons = int(fields["persons_involved"] or 0)
        if not 0 <= persons <= 100_000:
            raise ValidationError("persons_involved", QT_TRANSLATE_NOOP("Errors", "The number of persons involved "
                                                                                  "must be between 0 and 100000."))
        out["persons_involved"] = persons
    for key in ("prevents_crime", "prevents_petition"):
        if key in fields:
            out[key] = bool(fields[key])
    return out


def _transition(uow: UnitOfWork, user: SignedIn, case: MediationCase, target: str, note: str = "",
                source: str | None = None, happened_on: date | None = None) -> None:
    uow.create(MediationTransition, grid_code=case.grid_code, case_id=case.id,
               from_state=case.state if source is None else source,
               to_state=target, at=iso(uow.clock.now()), by_name=user.display_name, note=note,
               happened_on=happened_on)


def register_case(store: Store, user: SignedIn, *, grid_code: str, registered_on: date,
                  parties: Sequence[PartyInput], **fields: Any) -> MediationCase:
    """登记: a new case with its parties (at least one on each side) and its number. The date is the
    station's today or a back-entry within ``rules.MAX_BACK_ENTRY_DAYS`` (``check_registration_date``)."""
    rules.check_registration_date(registered_on, today=_today(store))
    for key in ("title", "dispute_type", "source"):
        fields.setdefault(key, "")
    cleaned = _clean_case_fields(fields)
    cleaned_parties = [clean_party(p, today=registered_on) for p in parties]
    rules.check_sides(sum(p.side == "applicant" for p in cleaned_parties),
                      sum(p.side == "respondent" for p in cleaned_parties))
    committee = numbers.committee_of(grid_code)
    with store.unit_of_work(user.actor) as uow:
        check_grid(uow.session, user, grid_code)
        _check_own_committee(uow.session, grid_code, committee)
        number = allocate_number(uow.session, committee_code=committee, year=registered_on.year)
        case = uow.create(MediationCase, grid_code=grid_code, committee_code=committee, year=number.year,
                          number=number.number, case_no=number.text, registered_on=registered_on,
                          registered_by=user.display_name, state="registered", **cleaned)
        _transition(uow, user, case, "registered", source="")
        for seq, party in enumerate(cleaned_parties, start=1):
            uow.create(MediationParty, grid_code=grid_code, case_id=case.id, seq=seq, **asdict(party))
        return case


def registrable_grids(store: Store) -> list[StationGrid]:
    """The station's grids whose cases it registers: those of its own community's committee
    (``_check_own_committee``), own grid first."""
    with store.read() as session:
        row = session.get(Station, 1)
        grids = session.exec(select(StationGrid).order_by(StationGrid.own.desc(), StationGrid.code)).all()  # type: ignore[attr-defined]
        return [g for g in grids if row is None or numbers.committee_of(g.code) == row.community_code]


def _check_own_committee(session: Session, grid_code: str, committee: str) -> None:
    """A station numbers the cases of its own community's committee only. Its block is unique among
    that committee's stations, not another's, and the case file prints its own committee's name. So
    a case in a grid of another community (a grid the station also serves) is registered at that
    community's station, or two stations would give out the same 人调字 number."""
    row = session.get(Station, 1)
    if row is not None and row.community_code != committee:
        raise ValidationError("grid_code", QT_TRANSLATE_NOOP(
            "Errors", "Grid {grid} belongs to the people's mediation committee of another community ({committee}). "
                      "This station numbers the cases of its own committee ({own}) only: register this case at "
                      "that community's station."), grid=grid_code, committee=committee, own=row.community_code)


def update_case(store: Store, user: SignedIn, case_id: str, **fields: Any) -> MediationCase:
    cleaned = _clean_case_fields(fields)
    with store.unit_of_work(user.actor) as uow:
        case = case_for(uow.session, user, case_id)
        _check_not_archived(case)
        return uow.update(case, **cleaned)


def _check_not_archived(case: MediationCase) -> None:
    if case.state == "archived":
        raise ValidationError("state", QT_TRANSLATE_NOOP("Errors", "The case is archived and can no longer "
                                                                   "be changed."))


# -- parties ---------------------------------------------------------------------------------------

def case_parties(session: Session, case_id: str) -> list[MediationParty]:
    return list(session.exec(select(MediationParty).where(
        MediationParty.case_id == case_id, MediationParty.deleted == False)  # noqa: E712
        .order_by(MediationParty.seq)).all())  # type: ignore[arg-type]


def _parties_editable(session: Session, case: MediationCase) -> None:
    from gridstation.db.mediation_records import agreement_of

    _check_not_archived(case)
    agreement = agreement_of(session, case.id)
    if agreement is not None and agreement.effective_on is not None:
        raise ValidationError("parties", QT_TRANSLATE_NOOP("Errors", "The agreement has taken effect; its parties "
                                                                     "can no longer change."))


def add_party(store: Store, user: SignedIn, case_id: str, party: PartyInput) -> MediationParty:
    with store.unit_of_work(user.actor) as uow:
        case = case_for(uow.session, user, case_id)
        cleaned = clean_party(party, today=case.registered_on)
        _parties_editable(uow.session, case)
        seq = max((p.seq for p in case_parties(uow.session, case_id)), default=0) + 1
        return uow.create(MediationParty, grid_code=case.grid_code, case_id=case.id, seq=seq, **asdict(cleaned))


def update_party(store: Store, user: SignedIn, party_id: str, party: PartyInput) -> MediationParty:
    with store.unit_of_work(user.actor) as uow:
        record = uow.session.get(MediationParty, party_id)
        if record is None or record.deleted:
            raise ValidationError("party", QT_TRANSLATE_NOOP("Errors", "This party no longer exists."))
        case = case_for(uow.session, user, record.case_id)
        cleaned = clean_party(party, today=case.registered_on)
        _parties_editable(uow.session, case)
        sides = [cleaned.side if p.id == party_id else p.side for p in case_parties(uow.session, case.id)]
        rules.check_sides(sides.count("applicant"), sides.count("respondent"))
        return uow.update(record, **asdict(cleaned))


def remove_party(store: Store, user: SignedIn, party_id: str) -> None:
    with store.unit_of_work(user.actor) as uow:
        record = uow.session.get(MediationParty, party_id)
        if record is None or record.deleted:
            return
        case = case_for(uow.session, user, record.case_id)
        _parties_editable(uow.session, case)
        rest = [p for p in case_parties(uow.session, case.id) if p.id != party_id]
        rules.check_sides(sum(p.side == "applicant" for p in rest), sum(p.side == "respondent" for p in rest))
        uow.delete(record)


def party_input(record: MediationParty) -> PartyInput:
    return PartyInput(side=record.side, kind=record.kind, name=record.name, sex=record.sex,
                      ethnicity=record.ethnicity, age=record.age, occupation=record.occupation, phone=record.phone,
                      address=record.address, id_number=record.id_number, legal_rep=record.legal_rep,
                      agent=record.agent)


# -- the state machine -----------------------------------------------------------------------------

def case_facts(session: Session, case: MediationCase, **overrides: Any) -> rules.CaseFacts:
    from gridstation.db.mediation_records import agreement_clauses, agreement_of

    parties = case_parties(session, case.id)
    agreement = agreement_of(session, case.id)
    visits = session.exec(select(func.count()).select_from(MediationVisit).where(
        MediationVisit.case_id == case.id, MediationVisit.deleted == False)).one()  # noqa: E712
    facts = rules.CaseFacts(
        state=case.state, applicants=sum(p.side == "applicant" for p in parties),
        respondents=sum(p.side == "respondent" for p in parties),
        agreement_kind=agreement.kind if agreement else None,
        clauses=len(agreement_clauses(agreement)) if agreement else 0,
        agreement_effective=bool(agreement and agreement.effective_on), follow_ups=int(visits),
        termination_reason=case.termination_reason, other_routes_told=case.other_routes_told,
        rejection_reason=case.rejection_reason,
        performance_manner=agreement.performance_manner if agreement else "",
        performance_deadline=agreement.performance_deadline if agreement else None,
    )
    return rules.CaseFacts(**{**asdict(facts), **overrides})


def _today(store: Store) -> date:
    return store.clock.now().astimezone().date()


def move_case(store: Store, user: SignedIn, case_id: str, target: str, *, note: str = "",
              on: date | None = None, reason: str = "", other_routes_told: bool = False,
              withdrawn_by: str = "") -> MediationCase:
    """Move the case to ``target`` if the state machine and its guard allow; record the step.
    ``reason`` is the rejection, termination or withdrawal reason; ``other_routes_told`` goes with
    termination, ``withdrawn_by`` (who withdrew the application) with withdrawal (撤回), which ends
    the case with outcome ``withdrawn`` and keeps who and why as the case's ``termination_reason``
    (``rules.withdrawal_record``: the reason its mediation ended without an agreement).
    ``on`` is the day the step happened (default today): 受理, 结案 and 归档 keep it on the case too;
    every step keeps a day other than the one it is recorded on (``happened_on``)."""
    note = rules.clean_text(note, "note", rules.MAX_SHORT)
    reason = rules.clean_text(reason, "reason")
    withdrawn_by = rules.clean_text(withdrawn_by, "withdrawn_by", rules.MAX_SHORT)
    today = _today(store)
    on = on or today
    with store.unit_of_work(user.actor) as uow:
        case = case_for(uow.session, user, case_id)
        rules.check_step_date(on, registered_on=case.registered_on, today=today)
        overrides: dict[str, Any] = {}
        changes: dict[str, Any] = {"state": target}
        if target == "rejected":
            overrides["rejection_reason"] = reason
            changes.update(rejection_reason=reason, outcome="rejected")
        elif target == "terminated":
            overrides.update(termination_reason=reason, other_routes_told=other_routes_told)
            changes.update(termination_reason=reason, other_routes_told=other_routes_told, outcome="failed")
        elif target == "withdrawn":
            overrides.update(withdrawn_by=withdrawn_by, withdrawal_reason=reason)
            changes.update(termination_reason=rules.withdrawal_record(withdrawn_by, reason), outcome="withdrawn")
            note = note or f"{withdrawn_by}撤回调解申请：{reason}"
        facts = case_facts(uow.session, case, **overrides)
        rules.check_transition(facts, target)
        if target == "accepted":
            changes["accepted_on"] = on
        elif target == "agreed":
            changes["outcome"] = facts.agreement_kind
        elif target == "closed":
            changes["closed_on"] = on
        elif target == "archived":
            changes["archived_on"] = on
        _transition(uow, user, case, target, note or reason, happened_on=on if on != today else None)
        return uow.update(case, **changes)


def extend_deadline(store: Store, user: SignedIn, case_id: str, *, days: int, consent: str) -> MediationCase:
    """Extend the 30-day mediation deadline with the parties' consent, recorded on the case."""
    consent = rules.clean_text(consent, "extension_consent", rules.MAX_SHORT)
    with store.unit_of_work(user.actor) as uow:
        case = case_for(uow.session, user, case_id)
        if case.state not in rules.OPEN_STATES:
            raise ValidationError("extension_days", QT_TRANSLATE_NOOP(
                "Errors", "Only a case being mediated has a deadline to extend."))
        rules.check_extension(days, consent, case.extension_days)
        text = (case.extension_consent + "\n" if case.extension_consent else "") + f"延长{days}日：{consent}"
        _transition(uow, user, case, case.state, f"延长调解期限{days}日")
        return uow.update(case, extension_days=case.extension_days + days, extension_consent=text)


# -- follow-up visits ------------------------------------------------------------------------------

VISIT_TEXT = ("visited_party", "renewed_conflict", "measures", "visitor")


def add_visit(store: Store, user: SignedIn, case_id: str, *, visited_on: date, visited_party: str,
              performance: str, satisfaction: str, sued: bool = False, renewed_conflict: str = "",
              measures: str = "", visitor: str = "") -> MediationVisit:
    """回访: allowed once the case is in performance or follow-up; moves 履行中 on to 回访."""
    texts = {k: rules.clean_text(v, k) for k, v in zip(VISIT_TEXT, (visited_party, renewed_conflict, measures,
                                                                      visitor), strict=True)}
    if not texts["visited_party"]:
        raise ValidationError("visited_party", QT_TRANSLATE_NOOP("Errors", "Name the party visited."))
    rules.check_code(performance, rules.PERFORMANCE, "performance")
    rules.check_code(satisfaction, rules.SATISFACTION, "satisfaction")
    today = _today(store)
    with store.unit_of_work(user.actor) as uow:
        case = case_for(uow.session, user, case_id)
        if case.state not in {"performing", "follow_up"}:
            raise ValidationError("state", QT_TRANSLATE_NOOP(
                "Errors", "A follow-up visit comes after the agreement is being performed (state “{state}”)."),
                state=rules.state_name(case.state))
        rules.check_visit_date(visited_on, started_on=case.accepted_on or case.registered_on, today=today)
        visit = uow.create(MediationVisit, grid_code=case.grid_code, case_id=case.id, visited_on=visited_on,
                           performance=performance, satisfaction=satisfaction, sued=sued, **texts)
        if case.state == "performing":
            _transition(uow, user, case, "follow_up", "回访")
            uow.update(case, state="follow_up", performance=performance)
        else:
            uow.update(case, performance=performance)
        return visit


def set_station_block(store: Store, user: SignedIn, block: int) -> None:
    """Set this station's case-number block explicitly (station admin); audited."""
    if not user.is_admin:
        raise PermissionDenied(QT_TRANSLATE_NOOP("Errors", "Only the station admin may change this setting."))
    numbers.check_block(block)
    with store.unit_of_work(user.actor) as uow:
        uow.session.merge(AppSetting(key=BLOCK_SETTING, value=str(block)))
        uow.audit("setting.change", target=BLOCK_SETTING, detail=str(block))
