"""Writing the records made during a mediation: session records (调解记录) and investigation
records (调查记录) with their timestamped, speaker-tagged statements, and the agreement
(调解协议书 or 口头协议) with its signatures and the gate that lets it take effect.

A session is recorded while it happens: each statement is its own record, written the moment the
recorder presses Enter; the statement being typed is kept in the session's ``draft`` (the UI saves
it every few seconds), so a crash or power cut loses at most those seconds.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlmodel import Session, func, select

from gridstation.db.accounts import SignedIn
from gridstation.db.clock import iso
from gridstation.db.diary import local_today
from gridstation.db.mediation import case_for, case_parties, party_input
from gridstation.db.mediation_models import MediationAgreement, MediationCase, MediationSession, MediationStatement
from gridstation.db.store import Store
from gridstation.domain import mediation as rules
from gridstation.domain import mediation_agreement as agreements
from gridstation.domain.errors import QT_TRANSLATE_NOOP, ValidationError

SESSION_KINDS = {"session": "调解记录", "investigation": "调查记录"}
SESSION_TEXT = {"place": rules.MAX_SHORT, "matter": rules.MAX_TEXT, "parties_present": rules.MAX_SHORT,
                "helpers": rules.MAX_SHORT, "mediator": rules.MAX_SHORT, "recorder": rules.MAX_SHORT,
                "questioned": rules.MAX_SHORT, "evidence": rules.MAX_TEXT, "outcome": rules.MAX_TEXT,
                "ended_at": 40}
AGREEMENT_TEXT = ("facts", "disputed", "responsibilities", "performance_manner")
RECORDING_STATES = frozenset({"accepted", "investigating", "mediating"})


def _session_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(SESSION_TEXT)
    if unknown:
        raise ValueError(f"not session fields: {sorted(unknown)}")
    return {k: rules.clean_text(str(v), k, SESSION_TEXT[k]) for k, v in fields.items()}


def start_session(store: Store, user: SignedIn, case_id: str, *, kind: str = "session", **fields: Any
                  ) -> MediationSession:
    rules.check_code(kind, SESSION_KINDS, "kind")
    cleaned = _session_fields(fields)
    with store.unit_of_work(user.actor) as uow:
        case = case_for(uow.session, user, case_id)
        if case.state not in RECORDING_STATES:
            raise ValidationError("state", QT_TRANSLATE_NOOP(
                "Errors", "Sessions and investigations are recorded while the case is accepted, investigated or "
                          "mediated (now “{state}”)."), state=rules.state_name(case.state))
        return uow.create(MediationSession, grid_code=case.grid_code, case_id=case.id, kind=kind,
                          started_at=iso(store.clock.now()), **cleaned)


def _session_for(session: Session, user: SignedIn, session_id: str) -> tuple[MediationSession, MediationCase]:
    record = session.get(MediationSession, session_id)
    if record is None or record.deleted:
        raise ValidationError("session", QT_TRANSLATE_NOOP("Errors", "This session record no longer exists."))
    return record, case_for(session, user, record.case_id)


def update_session(store: Store, user: SignedIn, session_id: str, **fields: Any) -> MediationSession:
    cleaned = _session_fields(fields)
    with store.unit_of_work(user.actor) as uow:
        record, _case = _session_for(uow.session, user, session_id)
        return uow.update(record, **cleaned)


def save_draft(store: Store, user: SignedIn, session_id: str, *, text: str, speaker: str = "") -> MediationSession:
    """Keep the statement being typed (autosave); a no-op when nothing changed."""
    text = rules.clean_text(text, "text")
    speaker = rules.clean_text(speaker, "speaker", rules.MAX_SHORT)
    with store.unit_of_work(user.actor) as uow:
        record, _case = _session_for(uow.session, user, session_id)
        uow.audit_records = False  # a draft saved every few seconds would flood the audit log
        return uow.update(record, draft=text, draft_speaker=speaker)


def add_statement(store: Store, user: SignedIn, session_id: str, *, speaker: str, text: str,
                  at: str | None = None) -> MediationStatement:
    """One statement, stamped with the station's time (HH:MM:SS); clears the draft it came from."""
    speaker = rules.clean_text(speaker, "speaker", rules.MAX_SHORT)
    text = rules.clean_text(text, "text")
    if not speaker:
        raise ValidationError("speaker", QT_TRANSLATE_NOOP("Errors", "Say who is speaking."))
    if not text:
        raise ValidationError("text", QT_TRANSLATE_NOOP("Errors", "The statement is empty."))
    with store.unit_of_work(user.actor) as uow:
        record, case = _session_for(uow.session, user, session_id)
        last = uow.session.exec(select(func.max(MediationStatement.seq)).where(
            MediationStatement.session_id == record.id)).one()
        stamp = at or store.clock.now().astimezone().strftime("%H:%M:%S")
        statement = uow.create(MediationStatement, grid_code=case.grid_code, session_id=record.id, case_id=case.id,
                               seq=int(last or 0) + 1, at=stamp, speaker=speaker, text=text)
        if record.draft:
            uow.update(record, draft="", draft_speaker="")
        return statement


# -- the agreement ---------------------------------------------------------------------------------

def agreement_of(session: Session, case_id: str) -> MediationAgreement | None:
    return session.exec(select(MediationAgreement).where(
        MediationAgreement.case_id == case_id, MediationAgreement.deleted == False)).first()  # noqa: E712


def agreement_clauses(agreement: MediationAgreement | None) -> list[str]:
    return list(json.loads(agreement.clauses)) if agreement else []


def signed_ids(agreement: MediationAgreement) -> frozenset[str]:
    return frozenset(json.loads(agreement.signed_party_ids))


def agreement_content(session: Session, case: MediationCase, agreement: MediationAgreement
                      ) -> agreements.AgreementContent:
    return agreements.AgreementContent(
        case_no=case.case_no, parties=tuple(party_input(p) for p in case_parties(session, case.id)),
        facts=agreement.facts, disputed=agreement.disputed, responsibilities=agreement.responsibilities,
        clauses=tuple(agreement_clauses(agreement)), performance_manner=agreement.performance_manner,
        performance_deadline=agreement.performance_deadline.isoformat() if agreement.performance_deadline else "",
    )


def save_agreement(store: Store, user: SignedIn, case_id: str, *, kind: str, clauses: Sequence[str],
                   facts: str = "", disputed: str = "", responsibilities: str = "", performance_manner: str = "",
                   performance_deadline: date | None = None) -> MediationAgreement:
    """Write (or rewrite, until it takes effect) the agreement of a case being mediated. A written
    agreement needs at least one clause; an oral one records what was agreed the same way. The
    performance deadline may not precede the case's registration (``check_performance_deadline``)."""
    rules.check_code(kind, {"written": "", "oral": ""}, "kind")
    texts = {k: rules.clean_text(v, k) for k, v in zip(AGREEMENT_TEXT, (facts, disputed, responsibilities,
                                                                         performance_manner), strict=True)}
    cleaned = rules.clean_clauses(clauses)
    with store.unit_of_work(user.actor) as uow:
        case = case_for(uow.session, user, case_id)
        existing = agreement_of(uow.session, case.id)
        if existing is not None and existing.effective_on is not None:
            raise ValidationError("agreement", QT_TRANSLATE_NOOP(
                "Errors", "The agreement has taken effect and can no longer be changed."))
        if case.state not in {"accepted", "investigating", "mediating", "agreed"}:
            raise ValidationError("state", QT_TRANSLATE_NOOP(
                "Errors", "An agreement is recorded while the case is mediated (now “{state}”)."),
                state=rules.state_name(case.state))
        if performance_deadline is not None:
            rules.check_performance_deadline(performance_deadline, registered_on=case.registered_on)
        values: dict[str, Any] = {"kind": kind, "clauses": json.dumps(cleaned, ensure_ascii=False),
                                  "performance_deadline": performance_deadline, **texts}
        if existing is None:
            return uow.create(MediationAgreement, grid_code=case.grid_code, case_id=case.id, **values)
        if any(getattr(existing, k) != v for k, v in values.items()):
            # A changed text needs new signatures: those given were for the old text.
            values.update(signed_party_ids="[]", mediator_signed=False, seal_affixed=False)
        return uow.update(existing, **values)


def _agreement_for(session: Session, user: SignedIn, case_id: str) -> tuple[MediationAgreement, MediationCase]:
    case = case_for(session, user, case_id)
    agreement = agreement_of(session, case.id)
    if agreement is None:
        raise ValidationError("agreement", QT_TRANSLATE_NOOP("Errors", "The case has no agreement yet."))
    return agreement, case


def record_signatures(store: Store, user: SignedIn, case_id: str, *, signed_party_ids: Sequence[str],
                      mediator_signed: bool, seal_affixed: bool) -> MediationAgreement:
    """Which signatures (or seals, fingerprints) have been obtained on the printed agreement."""
    with store.unit_of_work(user.actor) as uow:
        agreement, case = _agreement_for(uow.session, user, case_id)
        if agreement.effective_on is not None:
            raise ValidationError("agreement", QT_TRANSLATE_NOOP(
                "Errors", "The agreement has taken effect and can no longer be changed."))
        ids = {p.id for p in case_parties(uow.session, case.id)}
        unknown = set(signed_party_ids) - ids
        if unknown:
            raise ValidationError("signatures", QT_TRANSLATE_NOOP("Errors", "A signature names someone who is not "
                                                                            "a party of this case."))
        return uow.update(agreement, signed_party_ids=json.dumps(sorted(signed_party_ids)),
                          mediator_signed=mediator_signed, seal_affixed=seal_affixed)


def mark_effective(store: Store, user: SignedIn, case_id: str, *, on: date) -> MediationAgreement:
    """The gate of law art. 29: effective only when the agreement states the manner and deadline of
    performance and has every party's signature, the mediator's signature and the committee's seal.
    Stores the content's fingerprint as it took effect. ``on`` is neither after the station's today
    nor before the case was accepted (``check_effective_date``): the judicial-confirmation window
    (law art. 33) is counted from it."""
    today = local_today(store)
    with store.unit_of_work(user.actor) as uow:
        agreement, case = _agreement_for(uow.session, user, case_id)
        if agreement.kind != "written":
            raise ValidationError("agreement", QT_TRANSLATE_NOOP(
                "Errors", "An oral agreement takes effect when made; there is nothing to sign."))
        if agreement.effective_on is not None:
            return agreement
        parties = case_parties(uow.session, case.id)
        sig = agreements.Signatures(party_ids=tuple(p.id for p in parties), signed_party_ids=signed_ids(agreement),
                                    mediator_signed=agreement.mediator_signed, seal_affixed=agreement.seal_affixed)
        agreements.check_effective(sig, {p.id: p.name for p in parties}, agreement_clauses(agreement),
                                   performance_manner=agreement.performance_manner,
                                   performance_deadline=agreement.performance_deadline)
        rules.check_effective_date(on, started_on=case.accepted_on or case.registered_on, today=today)
        content = agreement_content(uow.session, case, agreement)
        return uow.update(agreement, effective_on=on, content_sha256=content.sha256())


def check_scanned(store: Store, user: SignedIn, text: str) -> tuple[bool, str]:
    """Check a scanned or typed QR text against the recorded agreement: (matches, case number)."""
    scanned = agreements.parse_qr(text)
    with store.read() as session:
        case = session.exec(select(MediationCase).where(MediationCase.case_no == scanned.case_no,
                                                        MediationCase.deleted == False)).first()  # noqa: E712
        if case is None:
            raise ValidationError("qr", QT_TRANSLATE_NOOP("Errors", "No case {case_no} on this station."),
                                  case_no=scanned.case_no)
        agreement, case = _agreement_for(session, user, case.id)
        return agreements.check_code(scanned, agreement_content(session, case, agreement)), case.case_no
