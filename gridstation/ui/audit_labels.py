"""How the audit page words each entry: actions, details, targets and chain problems in the
user's language (the printed log words them the same way), and a privacy reveal as whose record
and which field, never the value."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from gridstation.db import audit
from gridstation.db.audit import ChainProblem
from gridstation.db.models import AuditEntry
from gridstation.ui.roles import role_label

# Every action the station writes (``audit.KNOWN_ACTIONS``), named as the printed log names it.
ACTIONS = {
    "login": QT_TRANSLATE_NOOP("AuditActions", "Sign in"),
    "logout": QT_TRANSLATE_NOOP("AuditActions", "Sign out"),
    "lock": QT_TRANSLATE_NOOP("AuditActions", "Screen locked"),
    "unlock": QT_TRANSLATE_NOOP("AuditActions", "Screen unlocked"),
    "privacy.reveal": QT_TRANSLATE_NOOP("AuditActions", "Personal data shown"),
    "print": QT_TRANSLATE_NOOP("AuditActions", "Printed"),
    "export.pdf": QT_TRANSLATE_NOOP("AuditActions", "Exported as PDF"),
    "export.csv": QT_TRANSLATE_NOOP("AuditActions", "Exported as CSV"),
    "export.xlsx": QT_TRANSLATE_NOOP("AuditActions", "Exported as Excel"),
    "record.create": QT_TRANSLATE_NOOP("AuditActions", "Record created"),
    "record.update": QT_TRANSLATE_NOOP("AuditActions", "Record changed"),
    "record.delete": QT_TRANSLATE_NOOP("AuditActions", "Record deleted"),
    "service.resident_corrected": QT_TRANSLATE_NOOP("AuditActions", "Resident's details corrected"),
    "demo.load": QT_TRANSLATE_NOOP("AuditActions", "Demo data loaded"),
    "setting.change": QT_TRANSLATE_NOOP("AuditActions", "Setting changed"),
    "station.setup": QT_TRANSLATE_NOOP("AuditActions", "Station set up"),
    "user.create": QT_TRANSLATE_NOOP("AuditActions", "User created"),
    "user.password": QT_TRANSLATE_NOOP("AuditActions", "Password changed"),
    "user.reset_password": QT_TRANSLATE_NOOP("AuditActions", "Password reset"),
    "user.role": QT_TRANSLATE_NOOP("AuditActions", "Role changed"),
    "user.deactivate": QT_TRANSLATE_NOOP("AuditActions", "User deactivated"),
    "user.reactivate": QT_TRANSLATE_NOOP("AuditActions", "User reactivated"),
    "user.unlock": QT_TRANSLATE_NOOP("AuditActions", "Account unlocked"),
    "catalogue.install": QT_TRANSLATE_NOOP("AuditActions", "Service list installed"),
    "catalogue.hide": QT_TRANSLATE_NOOP("AuditActions", "Service item hidden"),
    "catalogue.show": QT_TRANSLATE_NOOP("AuditActions", "Service item shown again"),
    "backup": QT_TRANSLATE_NOOP("AuditActions", "Backup"),
    "restore": QT_TRANSLATE_NOOP("AuditActions", "Restore"),
    "sync.enrol": QT_TRANSLATE_NOOP("AuditActions", "Enrolled with the district"),
}
ACTION_GROUPS = {
    "sign_in": QT_TRANSLATE_NOOP("AuditActions", "Sign-ins and screen locks"),
    "privacy": QT_TRANSLATE_NOOP("AuditActions", "Personal data shown (all)"),
    "output": QT_TRANSLATE_NOOP("AuditActions", "Printing and exports"),
    "records": QT_TRANSLATE_NOOP("AuditActions", "Record changes"),
    "settings": QT_TRANSLATE_NOOP("AuditActions", "Settings and administration"),
}
# The details the station writes (``audit.read_detail``); any other detail is shown as stored.
DETAILS = {
    "unknown_user": QT_TRANSLATE_NOOP("AuditDetails", "Unknown user name"),
    "locked": QT_TRANSLATE_NOOP("AuditDetails", "Account locked, sign-in refused"),
    "deactivated": QT_TRANSLATE_NOOP("AuditDetails", "Account deactivated, sign-in refused"),
    "password_locked": QT_TRANSLATE_NOOP("AuditDetails", "Account locked, password not changed"),
    "wrong_current": QT_TRANSLATE_NOOP("AuditDetails", "Wrong current password (attempt {n})"),
    "wrong_current_locked": QT_TRANSLATE_NOOP("AuditDetails",
                                              "Wrong current password (attempt {n}), account locked"),
    "role": QT_TRANSLATE_NOOP("AuditDetails", "{role}, {grid}"),
    "failed": QT_TRANSLATE_NOOP("AuditDetails", "Wrong password (attempt {n})"),
    "failed_locked": QT_TRANSLATE_NOOP("AuditDetails", "Wrong password (attempt {n}), account locked"),
    "switch_user": QT_TRANSLATE_NOOP("AuditDetails", "Switched user"),
    "previous": QT_TRANSLATE_NOOP("AuditDetails", "The data before the restore was kept as {path}"),
    "demo_services": QT_TRANSLATE_NOOP("AuditDetails", "{count} service records over {days} days"),
    "demo_diary": QT_TRANSLATE_NOOP("AuditDetails", "{pages} diary pages over {days} days"),
    "items": QT_TRANSLATE_NOOP("AuditDetails", "{count} items"),
    "version": QT_TRANSLATE_NOOP("AuditDetails", "Version {version}"),
    "fields": QT_TRANSLATE_NOOP("AuditDetails", "Corrected: {fields}"),
}
REVEAL = QT_TRANSLATE_NOOP("AuditDetails", "Full {field} of {kind} “{name}” shown")
REVEAL_WITHHELD = QT_TRANSLATE_NOOP("AuditDetails", "Full {field} of a {kind} shown (mediation records are private: "
                                    "the name is not shown here)")
REASON = QT_TRANSLATE_NOOP("AuditDetails", "{text}; reason: {reason}")
LIST_SEPARATOR = QT_TRANSLATE_NOOP("AuditDetails", ", ")
NO_GRID = QT_TRANSLATE_NOOP("AuditDetails", "no grid")
FIELDS = {
    "resident_name": QT_TRANSLATE_NOOP("AuditDetails", "name"),
    "resident_phone": QT_TRANSLATE_NOOP("AuditDetails", "phone number"),
    "resident_id_number": QT_TRANSLATE_NOOP("AuditDetails", "ID number"),
    "phone": QT_TRANSLATE_NOOP("AuditDetails", "phone number"),
    "id_number": QT_TRANSLATE_NOOP("AuditDetails", "ID number"),
}
KINDS = {
    "service_record": QT_TRANSLATE_NOOP("AuditKinds", "service record"),
    "mediation_party": QT_TRANSLATE_NOOP("AuditKinds", "mediation party"),
    "mediation_case": QT_TRANSLATE_NOOP("AuditKinds", "mediation case"),
    "mediation_transition": QT_TRANSLATE_NOOP("AuditKinds", "case step"),
    "mediation_session": QT_TRANSLATE_NOOP("AuditKinds", "mediation session"),
    "mediation_statement": QT_TRANSLATE_NOOP("AuditKinds", "party statement"),
    "mediation_agreement": QT_TRANSLATE_NOOP("AuditKinds", "mediation agreement"),
    "mediation_visit": QT_TRANSLATE_NOOP("AuditKinds", "follow-up visit"),
    "diary_day": QT_TRANSLATE_NOOP("AuditKinds", "diary day"),
    "diary_item": QT_TRANSLATE_NOOP("AuditKinds", "diary item"),
    "diary_week_note": QT_TRANSLATE_NOOP("AuditKinds", "week summary"),
    "todo": QT_TRANSLATE_NOOP("AuditKinds", "to-do item"),
    "attachment": QT_TRANSLATE_NOOP("AuditKinds", "attachment"),
}
SETTINGS = {
    "idle_lock_minutes": QT_TRANSLATE_NOOP("AuditKinds", "Screen lock after idle (minutes)"),
    "language": QT_TRANSLATE_NOOP("AuditKinds", "Interface language"),
    "mediation_block": QT_TRANSLATE_NOOP("AuditKinds", "Mediation case-number block"),
    "notice_board_profile": QT_TRANSLATE_NOOP("AuditKinds", "Notice-board details"),
}
PROBLEMS = {
    "does not follow the previous entry": QT_TRANSLATE_NOOP("AuditChain", "does not follow the previous entry"),
    "was changed after it was written": QT_TRANSLATE_NOOP("AuditChain", "was changed after it was written"),
    "the recorded head is missing": QT_TRANSLATE_NOOP("AuditChain", "the recorded head is missing"),
}
# Chain problems that carry an entry number, as ``audit.verify_chain`` words them.
NUMBERED_PROBLEMS = (
    (re.compile(r"missing \(next entry is (?P<n>\d+)\)"),
     QT_TRANSLATE_NOOP("AuditChain", "missing (the next entry is entry {n})")),
    (re.compile(r"the log ends here but the recorded head is entry (?P<n>\d+)"),
     QT_TRANSLATE_NOOP("AuditChain", "the log ends here, but the recorded last entry is entry {n}")),
)


def _tr(context: str, source: str) -> str:
    return QCoreApplication.translate(context, source)


def action_label(action: str) -> str:
    source = ACTIONS.get(action)
    return _tr("AuditActions", source) if source else action


def target_label(entry: AuditEntry) -> str:
    """A setting's name, or a record's kind and id; any other target as stored."""
    if entry.action == "setting.change" and entry.target in SETTINGS:
        return _tr("AuditKinds", SETTINGS[entry.target])
    parts = audit.split_target(entry.target)
    if parts is None or parts[0] not in KINDS:
        return entry.target
    return f"{_tr('AuditKinds', KINDS[parts[0]])} {parts[1]}"


def detail_label(entry: AuditEntry, subjects: Mapping[str, audit.RevealSubject]) -> str:
    """The entry's detail in the interface language; a detail the page does not know as stored.
    A privacy reveal names the field and the record (with its resident's or party's name when
    ``subjects`` has it), never the value shown."""
    if entry.action == "user.create":
        return role_label(entry.detail)
    known = audit.read_detail(entry.action, entry.detail)
    if known is None:
        return entry.detail
    key, values = known
    if key == "reveal":
        return _reveal_label(entry, values, subjects.get(entry.target))
    if key == "fields":
        fields = [_tr("AuditDetails", FIELDS[f]) if f in FIELDS else f for f in values["fields"].split(", ")]
        values = {"fields": _tr("AuditDetails", LIST_SEPARATOR).join(fields)}
    if key == "role":
        values = {"role": role_label(values["role"]),
                  "grid": _tr("AuditDetails", NO_GRID) if values["grid"] == "-" else values["grid"]}
    return _tr("AuditDetails", DETAILS[key]).format(**values)


def _reveal_label(entry: AuditEntry, values: dict[str, str], subject: audit.RevealSubject | None) -> str:
    parts = audit.split_target(entry.target)
    kind, record_id = parts if parts is not None else (entry.target, "")
    field = values["field"]
    template = REVEAL_WITHHELD if subject is not None and subject.withheld else REVEAL
    text = _tr("AuditDetails", template).format(
        field=_tr("AuditDetails", FIELDS[field]) if field in FIELDS else field,
        kind=_tr("AuditKinds", KINDS[kind]) if kind in KINDS else kind,
        name=subject.name if subject is not None else record_id,
    )
    return _tr("AuditDetails", REASON).format(text=text, reason=values["reason"]) if values["reason"] else text


def problem_text(problem: ChainProblem) -> str:
    source = PROBLEMS.get(problem.problem)
    if source:
        detail = _tr("AuditChain", source)
    else:
        detail = problem.problem
        for pattern, numbered in NUMBERED_PROBLEMS:
            if match := pattern.fullmatch(problem.problem):
                detail = _tr("AuditChain", numbered).format(n=match["n"])
    return _tr("AuditChain", "Entry {seq}: {problem}").format(seq=problem.seq, problem=detail)


def day_start(day: date) -> datetime:
    """Midnight at the start of ``day`` in the computer's local time zone."""
    return datetime.combine(day, time.min).astimezone()
