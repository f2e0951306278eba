"""People's mediation (人民调解, domain.md §4): code lists, case states and the transitions the
mediation law allows, party and agreement checks, deadlines. No database, no Qt.

State machine (``TRANSITIONS``)::

    登记 ─┬─> 受理 ──┬─> 调查中 ──> 调解中 ─┬─> 达成协议 ──> 履行中 ──> 回访 ──> 结案 ──> 归档
          │         └──────────────> 调解中 └─> 调解终止 ─────────────────────> 结案
          ├─> 不予受理 ───────────────────────────────────────────────────> 结案
          └─> 撤回 (from 登记, 受理, 调查中 or 调解中) ─────────────────────> 结案

Each target state also has a *guard* (``check_transition``): 受理 needs a party on each side,
达成协议 an agreement with clauses (or an oral agreement; a written one also states the manner and
the deadline of performance, law art. 29: ``check_performance_terms``), 履行中 an effective agreement
(every party's signature, the mediator's signature and the committee's seal), 调解终止 a reason and
that the parties were told of the other routes (arbitration, administrative, court: law art. 26),
撤回 who withdrew the application and why (a party who no longer wants mediation ends it: law
art. 17; outcome 撤回, which is neither a success nor a failed mediation), 结案 after 回访 a
recorded follow-up visit. A refused transition raises ``ValidationError`` naming what
is missing; the caller has not written anything yet.

Dates (``check_registration_date`` and the others) are never after the station's today and never
before the step they follow; a case may be registered late, up to ``MAX_BACK_ENTRY_DAYS`` after it
was received. Amounts are parsed strictly (``parse_amount_fen``), never through a float.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from gridstation.domain.errors import QT_TRANSLATE_NOOP, ValidationError

DISPUTE_TYPES: dict[str, str] = {
    "marriage_family": "婚姻家庭", "neighbour": "邻里", "house_land": "房屋宅基地", "contract": "合同",
    "business": "生产经营", "damages": "损害赔偿", "forest_land": "山林土地", "requisition": "征地拆迁",
    "pollution": "环境污染", "labour": "劳动争议", "consumer": "消费", "medical": "医疗",
    "traffic": "道路交通事故", "property_mgmt": "物业", "other": "其他",
}
CASE_SOURCES: dict[str, str] = {
    "application": "当事人申请", "initiative": "主动调解(排查发现)", "police": "公安移交",
    "court": "法院委托", "government": "政府部门指定",
}
OUTCOMES: dict[str, str] = {
    "written": "书面协议", "oral": "口头协议", "failed": "调解不成(终止)", "rejected": "不予受理", "withdrawn": "撤回",
}
PERFORMANCE: dict[str, str] = {"none": "未履行", "partial": "部分履行", "done": "履行完毕"}
JUDICIAL: dict[str, str] = {"none": "未申请", "applied": "已申请", "valid": "确认有效", "invalid": "确认无效"}
SATISFACTION: dict[str, str] = {"satisfied": "满意", "fair": "基本满意", "unsatisfied": "不满意"}
SIDES: dict[str, str] = {"applicant": "申请人", "respondent": "被申请人"}
PARTY_KINDS: dict[str, str] = {"person": "自然人", "organisation": "法人或其他组织"}
SEXES: dict[str, str] = {"M": "男", "F": "女"}

STATES: dict[str, str] = {
    "registered": "登记", "accepted": "受理", "rejected": "不予受理", "investigating": "调查中",
    "mediating": "调解中", "agreed": "达成协议", "terminated": "调解终止", "performing": "履行中",
    "follow_up": "回访", "closed": "结案", "archived": "归档", "withdrawn": "撤回",
}
def state_name(state: str) -> str:
    """The state's Chinese name; a state this version does not know (a newer station's, synced
    here) as stored."""
    return STATES.get(state, state)


TRANSITIONS: dict[str, frozenset[str]] = {
    "registered": frozenset({"accepted", "rejected", "withdrawn"}),
    "accepted": frozenset({"investigating", "mediating", "terminated", "withdrawn"}),
    "investigating": frozenset({"mediating", "terminated", "withdrawn"}),
    "mediating": frozenset({"agreed", "terminated", "withdrawn"}),
    "agreed": frozenset({"performing"}),
    "performing": frozenset({"follow_up"}),
    "follow_up": frozenset({"closed"}),
    "terminated": frozenset({"closed"}),
    "withdrawn": frozenset({"closed"}),
    "rejected": frozenset({"closed"}),
    "closed": frozenset({"archived"}),
    "archived": frozenset(),
}
# States in which the 30-day mediation deadline runs.
OPEN_STATES = frozenset({"accepted", "investigating", "mediating"})
# States of a case whose agreement is being performed and followed up (law art. 31): its reminders
# stay until the matter is done, overdue ones included. After 结案/归档 a window still running is
# reminded of until its last day.
PERFORMANCE_STATES = frozenset({"agreed", "performing", "follow_up"})
AFTER_AGREEMENT_STATES = PERFORMANCE_STATES | {"closed", "archived"}
# A written agreement performed when it is signed, or with nothing left to perform, has no later
# deadline: its manner of performance says so in these words (the printed 履行期限 follows).
ON_SIGNING = "当场履行"
NOTHING_TO_PERFORM = "无需另行履行"
IMMEDIATE_PERFORMANCE = (ON_SIGNING, NOTHING_TO_PERFORM)

MEDIATION_DAYS = 30  # ministry rule: mediate generally within one month of acceptance
JUDICIAL_CONFIRMATION_DAYS = 30  # law art. 33
MAX_EXTENSION_DAYS = 30
MAX_TEXT = 4000
MAX_SHORT = 200
MAX_CLAUSES = 50
MAX_AMOUNT_FEN = 10**13  # a hundred billion yuan: well above any community dispute
MAX_BACK_ENTRY_DAYS = 365  # a case may be registered late, up to a year after it was received


def transition_allowed(source: str, target: str) -> bool:
    return target in TRANSITIONS.get(source, frozenset())


@dataclass(frozen=True)
class CaseFacts:
    """What the guards need to know of a case (read from the records by ``db.mediation``)."""

    state: str
    applicants: int = 0
    respondents: int = 0
    agreement_kind: str | None = None  # "written" / "oral" / None
    clauses: int = 0
    agreement_effective: bool = False
    follow_ups: int = 0
    termination_reason: str = ""
    other_routes_told: bool = False
    rejection_reason: str = ""
    withdrawn_by: str = ""  # who withdrew the application (撤回人)
    withdrawal_reason: str = ""
    performance_manner: str = ""  # of the agreement
    performance_deadline: date | None = None


def check_transition(facts: CaseFacts, target: str) -> None:
    """Refuse a transition the state machine forbids or whose guard is not met."""
    if target not in STATES:
        raise ValidationError("state", QT_TRANSLATE_NOOP("Errors", "Unknown case state “{state}”."), state=target)
    if not transition_allowed(facts.state, target):
        raise ValidationError(
            "state",
            QT_TRANSLATE_NOOP("Errors", "A case in state “{source}” cannot move to “{target}”."),
            source=STATES.get(facts.state, facts.state), target=STATES[target],
        )
    if target == "accepted":
        check_sides(facts.applicants, facts.respondents)
    elif target == "rejected" and not facts.rejection_reason.strip():
        raise ValidationError("rejection_reason", QT_TRANSLATE_NOOP("Errors", "Say why the case is not accepted."))
    elif target == "agreed":
        if facts.agreement_kind is None:
            raise ValidationError("agreement", QT_TRANSLATE_NOOP("Errors", "Record the agreement first."))
        if facts.agreement_kind == "written":
            if facts.clauses == 0:
                raise _no_clause()
            check_performance_terms(facts.performance_manner, facts.performance_deadline)
    elif target == "performing" and facts.agreement_kind == "written" and not facts.agreement_effective:
        raise ValidationError(
            "agreement",
            QT_TRANSLATE_NOOP("Errors", "The written agreement has not taken effect: record every signature "
                                        "and the committee's seal first."),
        )
    elif target == "terminated":
        if not facts.termination_reason.strip():
            raise ValidationError("termination_reason",
                                  QT_TRANSLATE_NOOP("Errors", "Say why the mediation is terminated."))
        if not facts.other_routes_told:
            raise ValidationError(
                "other_routes_told",
                QT_TRANSLATE_NOOP("Errors", "Record that the parties were told of arbitration, administrative "
                                            "and court routes (law art. 26)."),
            )
    elif target == "withdrawn":
        if not facts.withdrawn_by.strip():
            raise ValidationError("withdrawn_by", QT_TRANSLATE_NOOP(
                "Errors", "Say who withdrew the application for mediation (撤回人)."))
        if not facts.withdrawal_reason.strip():
            raise ValidationError("withdrawal_reason", QT_TRANSLATE_NOOP(
                "Errors", "Say why the application for mediation is withdrawn (撤回理由)."))
    elif target == "closed" and facts.state == "follow_up" and facts.follow_ups == 0:
        raise ValidationError("follow_up", QT_TRANSLATE_NOOP("Errors", "Record a follow-up visit before closing."))


def check_sides(applicants: int, respondents: int) -> None:
    if applicants == 0:
        raise ValidationError("parties", QT_TRANSLATE_NOOP("Errors", "The case has no applicant (申请人)."))
    if respondents == 0:
        raise ValidationError("parties", QT_TRANSLATE_NOOP("Errors", "The case has no respondent (被申请人)."))


def _no_clause() -> ValidationError:
    return ValidationError("clauses", QT_TRANSLATE_NOOP("Errors", "The agreement has no clause."))


def immediate_performance(manner: str) -> str | None:
    """``ON_SIGNING`` or ``NOTHING_TO_PERFORM`` when the manner of performance begins with it
    (“当场履行，现金支付” counts), else None."""
    text = (manner or "").strip()
    return next((word for word in IMMEDIATE_PERFORMANCE if text.startswith(word)), None)


def check_performance_terms(manner: str, deadline: date | None) -> None:
    """A written agreement states the manner and the deadline of performance (law art. 29). The
    deadline may be left out only when the manner says the agreement is performed on signing
    (当场履行) or that nothing is left to perform (无需另行履行)."""
    if not (manner or "").strip():
        raise ValidationError("performance_manner", QT_TRANSLATE_NOOP(
            "Errors", "The written agreement does not state the manner of performance (履行方式, law art. 29)."))
    if deadline is None and immediate_performance(manner) is None:
        raise ValidationError("performance_deadline", QT_TRANSLATE_NOOP(
            "Errors", "The written agreement has no performance deadline (履行期限, law art. 29): choose the date, "
                      "or write 当场履行 as the manner of performance when it is performed on signing."))


WITHDRAWN_BY = "撤回人："
WITHDRAWAL_REASON = "撤回理由："


def withdrawal_record(withdrawn_by: str, reason: str) -> str:
    """How a withdrawal is kept on the case (its ``termination_reason``, the reason the mediation
    ended without an agreement): who withdrew on the first line, then why. ``parse_withdrawal``
    reads it back for the printed documents."""
    who = " ".join(withdrawn_by.split())
    return f"{WITHDRAWN_BY}{who}\n{WITHDRAWAL_REASON}{reason.strip()}"


def parse_withdrawal(text: str) -> tuple[str, str]:
    """(who withdrew, why) from ``withdrawal_record``'s text; a text not in that form is all reason."""
    first, _newline, rest = (text or "").partition("\n")
    if first.startswith(WITHDRAWN_BY) and rest.startswith(WITHDRAWAL_REASON):
        return first.removeprefix(WITHDRAWN_BY), rest.removeprefix(WITHDRAWAL_REASON)
    return "", text or ""


# -- deadlines -------------------------------------------------------------------------------------

def mediation_deadline(accepted_on: date, extension_days: int = 0) -> date:
    return accepted_on + timedelta(days=MEDIATION_DAYS + extension_days)


def judicial_deadline(effective_on: date) -> date:
    return effective_on + timedelta(days=JUDICIAL_CONFIRMATION_DAYS)


def running_deadlines(*, state: str, today: date | None, accepted_on: date | None = None, extension_days: int = 0,
                      agreement_kind: str | None = None, effective_on: date | None = None, judicial: str = "none",
                      performance_deadline: date | None = None, performance: str = "none"
                      ) -> list[tuple[str, date]]:
    """The deadlines running for a case, soonest first, as (kind, due):

    - ``mediation``: the mediation period, while the case is mediated (``OPEN_STATES``);
    - ``judicial``: the 30 days for judicial confirmation from the day a written agreement took
      effect (law art. 33), until someone applies for it (``judicial`` no longer 未申请);
    - ``performance``: the agreement's performance deadline, once the agreement is in effect (a
      written one signed and sealed, an oral one when made), until performance is recorded as
      complete (履行完毕, from a follow-up visit or the case) — the committee supervises
      performance (law art. 31).

    The last two stay, overdue included, while the case is in ``PERFORMANCE_STATES``; after 结案 or
    归档 one still running is kept until its last day, so closing a case early does not drop it.
    That needs ``today``; without it only the open states' deadlines are given."""
    found: list[tuple[str, date]] = []
    if state in OPEN_STATES and accepted_on is not None:
        found.append(("mediation", mediation_deadline(accepted_on, extension_days)))
    if state not in AFTER_AGREEMENT_STATES:
        return found

    def running(due: date) -> bool:
        return state in PERFORMANCE_STATES or (today is not None and due >= today)

    if effective_on is not None and judicial == "none":
        due = judicial_deadline(effective_on)
        if running(due):
            found.append(("judicial", due))
    in_effect = agreement_kind == "oral" or (agreement_kind == "written" and effective_on is not None)
    if in_effect and performance_deadline is not None and performance != "done" and running(performance_deadline):
        found.append(("performance", performance_deadline))
    return sorted(found, key=lambda kind_due: kind_due[1])


def check_extension(days: int, consent: str, already: int) -> None:
    """An extension needs the parties' recorded consent; together at most ``MAX_EXTENSION_DAYS``."""
    if not 1 <= days <= MAX_EXTENSION_DAYS - already:
        raise ValidationError(
            "extension_days", QT_TRANSLATE_NOOP("Errors", "An extension is 1 to {max} days in all."),
            max=MAX_EXTENSION_DAYS,
        )
    if not consent.strip():
        raise ValidationError(
            "extension_consent", QT_TRANSLATE_NOOP("Errors", "Record the parties' consent to the extension."),
        )


# -- dates -----------------------------------------------------------------------------------------
# A record's date says when something happened, so it is never after the station's today; and what
# happens within a case never precedes the step it follows (registration, then acceptance).

def check_registration_date(registered_on: date, *, today: date) -> None:
    """登记日期: today, or a back-entry of a case received at most ``MAX_BACK_ENTRY_DAYS`` ago
    (a case taken on paper and entered later is normal; the window is a year so a finished paper
    file can still be entered, while a mistyped year such as 1999 or 2030 is refused, and so is a
    date that would put the case into a long-closed year's numbering and statistics)."""
    if registered_on > today:
        raise ValidationError("registered_on", QT_TRANSLATE_NOOP(
            "Errors", "The registration date (登记日期) {day} is in the future; today is {today}."),
            day=registered_on.isoformat(), today=today.isoformat())
    if registered_on < today - timedelta(days=MAX_BACK_ENTRY_DAYS):
        raise ValidationError("registered_on", QT_TRANSLATE_NOOP(
            "Errors", "The registration date (登记日期) {day} is more than {days} days ago; only a case received "
                      "within the last year can be registered late."),
            day=registered_on.isoformat(), days=MAX_BACK_ENTRY_DAYS)


def _check_within(field: str, day: date, *, start: date, today: date | None, future: str, early: str) -> None:
    """``day`` not after ``today`` (when given) and not before ``start``; ``future`` and ``early``
    are the field's messages (marked for translation by the caller) with ``{day}``, ``{today}``
    and ``{start}``."""
    if today is not None and day > today:
        raise ValidationError(field, future, day=day.isoformat(), today=today.isoformat())
    if day < start:
        raise ValidationError(field, early, day=day.isoformat(), start=start.isoformat())


def check_effective_date(effective_on: date, *, started_on: date, today: date) -> None:
    """生效日期 of a written agreement: not after today (it takes effect when the last signature
    and the seal are given, which has happened by the time it is recorded) and not before the case
    was accepted (``started_on``: the acceptance date, else the registration date)."""
    _check_within("effective_on", effective_on, start=started_on, today=today, future=QT_TRANSLATE_NOOP(
        "Errors", "The agreement's effective date (生效日期) {day} is in the future; today is {today}."),
        early=QT_TRANSLATE_NOOP(
        "Errors", "The agreement's effective date (生效日期) {day} is before the case was accepted ({start})."))


def check_performance_deadline(deadline: date, *, registered_on: date) -> None:
    """履行期限: any day from the case's registration on (an agreement entered late may carry a
    deadline already passed), never before the case existed."""
    _check_within("performance_deadline", deadline, start=registered_on, today=None, future="", early=QT_TRANSLATE_NOOP(
        "Errors", "The performance deadline (履行期限) {day} is before the case was registered ({start})."))


def check_visit_date(visited_on: date, *, started_on: date, today: date) -> None:
    """回访日期: not after today and not before the case was accepted (``started_on``)."""
    _check_within("visited_on", visited_on, start=started_on, today=today, future=QT_TRANSLATE_NOOP(
        "Errors", "The follow-up visit date (回访日期) {day} is in the future; today is {today}."),
        early=QT_TRANSLATE_NOOP(
        "Errors", "The follow-up visit date (回访日期) {day} is before the case was accepted ({start})."))


def check_step_date(on: date, *, registered_on: date, today: date) -> None:
    """The day a step of the case happened (受理, 结案, 终止…): not after today and not before the
    case was registered."""
    _check_within("on", on, start=registered_on, today=today, future=QT_TRANSLATE_NOOP(
        "Errors", "The date of this step {day} is in the future; today is {today}."), early=QT_TRANSLATE_NOOP(
        "Errors", "The date of this step {day} is before the case was registered ({start})."))


@dataclass(frozen=True)
class Deadline:
    case_id: str
    case_no: str
    kind: str  # "mediation", "judicial" or "performance" (``running_deadlines``)
    due: date

    def days_left(self, today: date) -> int:
        return (self.due - today).days


# -- field checks ----------------------------------------------------------------------------------

def clean_text(value: str, field: str, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "The text is too long ({n} characters, at most "
                                                                 "{max})."), n=len(value), max=limit)
    if any(ord(c) < 32 and c not in "\n\t" for c in value):
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "The text contains control characters; "
                                                                 "remove them."))
    return value


def check_code(value: str, codes: dict[str, str], field: str) -> str:
    if value not in codes:
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "Unknown value “{value}” for {name}."),
                              value=value, name=field)
    return value


_AMOUNT = re.compile(r"^(?P<whole>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<frac>[0-9]+))?$")
_AMOUNT_QUOTE = 24  # characters of a refused amount quoted back in the message


def parse_amount_fen(raw: str | int | float, field: str = "amount") -> int:
    """An amount in yuan as whole fen, parsed strictly: digits, optionally grouped by thousands
    (``1,800`` or ``1800``), at most two decimals, an optional ``元`` or ``￥``; full-width
    characters are read as their ASCII forms. Empty means 0. Exponents (``1e5``), ``inf``/``nan``,
    signs, a third decimal (never rounded away) and amounts above ``MAX_AMOUNT_FEN`` are refused
    with a ``ValidationError`` naming ``field``. No float is involved: ``yuan(fen)`` parses back to
    ``fen``."""
    text = unicodedata.normalize("NFKC", str(raw)).strip().removesuffix("元").removeprefix("¥").strip()
    if not text:
        return 0
    quoted = text if len(text) <= _AMOUNT_QUOTE else text[:_AMOUNT_QUOTE] + "…"
    if text.startswith("-") and _AMOUNT.match(text[1:]):
        raise _amount_range(field)
    found = _AMOUNT.match(text)
    if found is None:
        raise ValidationError(field, QT_TRANSLATE_NOOP(
            "Errors", "The amount involved (涉及金额) must be yuan in digits, such as 1800 or 1,800.50; "
                      "“{value}” is not."), value=quoted)
    whole, frac = found["whole"].replace(",", ""), found["frac"] or ""
    if len(frac) > 2:
        raise ValidationError(field, QT_TRANSLATE_NOOP(
            "Errors", "The amount involved (涉及金额) has more than two decimals (“{value}”): enter yuan and fen "
                      "only."), value=quoted)
    if len(whole) > len(str(MAX_AMOUNT_FEN // 100)):
        raise _amount_range(field)
    fen = int(whole) * 100 + int(frac.ljust(2, "0"))
    if fen > MAX_AMOUNT_FEN:
        raise _amount_range(field)
    return fen


def _amount_range(field: str) -> ValidationError:
    return ValidationError(field, QT_TRANSLATE_NOOP("Errors", "The amount must be between 0 and "
                                                              "100,000,000,000 yuan."))


def yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def clean_clauses(clauses: Sequence[str]) -> list[str]:
    """The agreed terms, blank ones dropped; at least one, each at most ``MAX_TEXT`` characters."""
    cleaned = [clean_text(c, "clauses") for c in clauses]
    cleaned = [c for c in cleaned if c]
    if not cleaned:
        raise _no_clause()
    if len(cleaned) > MAX_CLAUSES:
        raise ValidationError("clauses", QT_TRANSLATE_NOOP("Errors", "At most {max} clauses."), max=MAX_CLAUSES)
    return cleaned


def copies_for(parties: int) -> int:
    """Law art. 29: each party holds one copy and the committee keeps one."""
    return parties + 1


CHINESE_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1–99 in Chinese numerals (份 counts, clause numbers): 4 → 四, 12 → 十二, 21 → 二十一."""
    if n < 10:
        return CHINESE_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CHINESE_DIGITS[tens]
    return head + "十" + (CHINESE_DIGITS[ones] if ones else "")


def copies_sentence(parties: int) -> str:
    n = chinese_number(copies_for(parties))
    return f"本协议一式{n}份，双方当事人各执一份，人民调解委员会留存一份。" if parties == 2 else \
        f"本协议一式{n}份，当事人各执一份，人民调解委员会留存一份。"
