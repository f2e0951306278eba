"""Append-only, hash-chained audit log of logins, record changes, exports and prints.

Each entry's hash covers its own fields and the previous entry's hash, so editing, deleting or
inserting a past entry breaks the chain from there on. Triggers refuse UPDATE and DELETE on the
table; ``verify_chain`` detects tampering done around them (e.g. with the triggers dropped). The
newest hash is also kept in ``app_setting`` so a removed tail is detected too.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, text
from sqlmodel import Session, select

from gridstation.db.clock import iso
from gridstation.db.mediation_models import MediationParty
from gridstation.db.models import AppSetting, AuditEntry
from gridstation.db.services_models import ServiceRecord

GENESIS = "0" * 64
HEAD_KEY = "audit_head"


def entry_hash(
    *, seq: int, at: str, actor: str, action: str, target: str, detail: str, success: bool, prev_hash: str
) -> str:
    canonical = json.dumps(
        [seq, at, actor, action, target, detail, bool(success), prev_hash], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def append(
    session: Session, *, at: str, actor: str, action: str, target: str = "", detail: str = "", success: bool = True
) -> AuditEntry:
    """Append one entry. Call inside a write transaction (the writer lock serialises appends)."""
    last = session.exec(select(AuditEntry).order_by(text("seq DESC")).limit(1)).first()
    seq = 1 if last is None else last.seq + 1
    prev_hash = GENESIS if last is None else last.hash
    digest = entry_hash(
        seq=seq, at=at, actor=actor, action=action, target=target, detail=detail, success=success, prev_hash=prev_hash
    )
    entry = AuditEntry(
        seq=seq, at=at, actor=actor, action=action, target=target, detail=detail, success=success,
        prev_hash=prev_hash, hash=digest,
    )
    session.add(entry)
    session.merge(AppSetting(key=HEAD_KEY, value=f"{seq}:{digest}"))
    session.flush()
    return entry


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    problem: str

    def __str__(self) -> str:
        return f"audit entry {self.seq}: {self.problem}"


def verify_chain(session: Session) -> list[ChainProblem]:
    """Recompute the chain; an empty list means it is intact."""
    problems: list[ChainProblem] = []
    prev_hash = GENESIS
    expected_seq = 1
    last_seq, last_hash = 0, GENESIS
    for entry in session.exec(select(AuditEntry).order_by(text("seq"))):
        if entry.seq != expected_seq:
            problems.append(ChainProblem(expected_seq, f"missing (next entry is {entry.seq})"))
        if entry.prev_hash != prev_hash:
            problems.append(ChainProblem(entry.seq, "does not follow the previous entry"))
        recomputed = entry_hash(
            seq=entry.seq, at=entry.at, actor=entry.actor, action=entry.action, target=entry.target,
            detail=entry.detail, success=entry.success, prev_hash=entry.prev_hash,
        )
        if recomputed != entry.hash:
            problems.append(ChainProblem(entry.seq, "was changed after it was written"))
        prev_hash, expected_seq = entry.hash, entry.seq + 1
        last_seq, last_hash = entry.seq, entry.hash
    head = session.get(AppSetting, HEAD_KEY)
    if head is not None and head.value != f"{last_seq}:{last_hash}":
        head_seq = head.value.split(":", 1)[0]
        problems.append(ChainProblem(last_seq, f"the log ends here but the recorded head is entry {head_seq}"))
    elif head is None and last_seq:
        problems.append(ChainProblem(last_seq, "the recorded head is missing"))
    return problems


# -- reading: filters, pages, what a detail says ---------------------------------------------------

# Every action the station writes ("prefix.*" stands for all actions starting with "prefix.").
KNOWN_ACTIONS = (
    "login", "logout", "lock", "unlock", "privacy.reveal", "print", "export.pdf", "export.csv", "export.xlsx",
    "record.create", "record.update", "record.delete", "service.resident_corrected", "demo.load", "setting.change",
    "station.setup", "user.create", "user.password", "user.reset_password", "user.role", "user.deactivate",
    "user.reactivate", "user.unlock", "catalogue.install", "catalogue.hide", "catalogue.show",
    "backup", "restore", "sync.enrol",
)
ACTION_GROUPS: dict[str, tuple[str, ...]] = {
    "sign_in": ("login", "logout", "lock", "unlock"),
    "privacy": ("privacy.reveal",),
    "output": ("print", "export.*"),
    "records": ("record.*", "service.resident_corrected", "demo.load"),
    "settings": ("setting.change", "station.setup", "user.*", "catalogue.*", "backup", "restore", "sync.*"),
}


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to list. ``actions``: exact names or ``"prefix.*"`` (empty: all);
    ``since`` inclusive, ``until`` exclusive (aware datetimes); ``failed_only``: unsuccessful only."""

    actor: str | None = None
    actions: tuple[str, ...] = ()
    since: datetime | None = None
    until: datetime | None = None
    failed_only: bool = False

    @property
    def empty(self) -> bool:
        return self == AuditFilter()


def _filtered(statement: Any, flt: AuditFilter | None, *, up_to_seq: int | None = None,
              before_seq: int | None = None) -> Any:
    column: Any = AuditEntry
    if up_to_seq is not None:
        statement = statement.where(column.seq <= up_to_seq)
    if before_seq is not None:
        statement = statement.where(column.seq < before_seq)
    if flt is None:
        return statement
    if flt.actor is not None:
        statement = statement.where(column.actor == flt.actor)
    if flt.actions:
        exact = [a for a in flt.actions if not a.endswith(".*")]
        prefixes = [a[:-1] for a in flt.actions if a.endswith(".*")]
        conditions = [column.action.in_(exact)] if exact else []
        conditions += [func.substr(column.action, 1, len(prefix)) == prefix for prefix in prefixes]
        statement = statement.where(or_(*conditions))
    if flt.since is not None:
        statement = statement.where(column.at >= iso(flt.since))
    if flt.until is not None:
        statement = statement.where(column.at < iso(flt.until))
    if flt.failed_only:
        statement = statement.where(column.success == False)  # noqa: E712 - SQL comparison
    return statement


def list_entries(session: Session, *, limit: int = 200, offset: int = 0, flt: AuditFilter | None = None,
                 before_seq: int | None = None) -> list[AuditEntry]:
    """Newest first; with ``flt`` only the matching entries, with ``before_seq`` only older ones."""
    statement = _filtered(select(AuditEntry), flt, before_seq=before_seq)
    return list(session.exec(statement.order_by(text("seq DESC")).offset(offset).limit(limit)))


def head_seq(session: Session) -> int:
    """The number of the newest entry (0 for an empty log)."""
    last = session.exec(select(AuditEntry).order_by(text("seq DESC")).limit(1)).first()
    return 0 if last is None else last.seq


def count_entries(session: Session, flt: AuditFilter | None = None, *, up_to_seq: int | None = None) -> int:
    """All entries (the newest one's number), or those matching ``flt`` up to entry ``up_to_seq``."""
    if flt is None and up_to_seq is None:
        return head_seq(session)
    statement = _filtered(select(func.count()).select_from(AuditEntry), flt, up_to_seq=up_to_seq)
    return int(session.exec(statement).one())


def actors(session: Session) -> list[str]:
    """Every user name that appears in the log, sorted."""
    return sorted(session.exec(select(AuditEntry.actor).distinct()).all())


# Details the station writes, as (action, key, pattern); ``read_detail`` names the one matching.
DETAIL_PATTERNS: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (action, key, re.compile(pattern)) for action, key, pattern in (
        ("login", "unknown_user", r"unknown user"),
        ("login", "locked", r"locked"),
        ("login", "deactivated", r"deactivated"),
        ("login", "failed_locked", r"failed attempt (?P<n>\d+), account locked"),
        ("login", "failed", r"failed attempt (?P<n>\d+)"),
        ("user.password", "password_locked", r"locked"),
        ("user.password", "wrong_current_locked", r"wrong current password, failed attempt (?P<n>\d+), account locked"),
        ("user.password", "wrong_current", r"wrong current password, failed attempt (?P<n>\d+)"),
        ("user.role", "role", r"(?P<role>[a-z_]+) (?P<grid>\S+)"),
        ("logout", "switch_user", r"switch user"),
        ("restore", "previous", r"previous: (?P<path>.+)"),
        ("demo.load", "demo_services", r"(?P<count>\d+) service records over (?P<days>\d+) days"),
        ("demo.load", "demo_diary", r"(?P<pages>\d+) pages over (?P<days>\d+) days"),
        ("catalogue.install", "items", r"(?P<count>\d+) items"),
        ("record.*", "version", r"v(?P<version>\d+)"),
        ("privacy.reveal", "reveal", r"field=(?P<field>\w+)(?:; reason=(?P<reason>.*))?"),
        ("service.resident_corrected", "fields", r"(?P<fields>\w+(?:, \w+)*)"),
    )
)


def _matches(action: str, pattern_action: str) -> bool:
    return action == pattern_action or (pattern_action.endswith(".*") and action.startswith(pattern_action[:-1]))


def read_detail(action: str, detail: str) -> tuple[str, dict[str, str]] | None:
    """Which known detail of ``action`` this is, with its values; None for any other text."""
    for pattern_action, key, pattern in DETAIL_PATTERNS:
        if _matches(action, pattern_action) and (match := pattern.fullmatch(detail)):
            return key, {name: value or "" for name, value in match.groupdict().items()}
    return None


def split_target(target: str) -> tuple[str, str] | None:
    """(record kind, record id) of a target naming a record (``kind:id`` or ``kind/id``), else None."""
    match = re.fullmatch(r"(?P<kind>[a-z_]+)[:/](?P<id>[0-9a-fA-F-]{8,})(?P<rest> .*)?", target)
    return (match["kind"], match["id"]) if match else None


@dataclass(frozen=True)
class RevealSubject:
    """Whose value a privacy reveal showed: the resident's name (never the value), or ``withheld``
    for a mediation party, who is not named in the log."""

    name: str
    withheld: bool = False


def reveal_subjects(session: Session, entries: Iterable[AuditEntry]) -> dict[str, RevealSubject]:
    """The subjects of the privacy reveals among ``entries``, by target, looked up read-only;
    records that no longer exist are left out.

    A mediation party is never named, nor their case: mediation records are private (人民调解法
    art. 15) and the audit log is read by the station admin, who may not see them. The entry
    still names the record, which a mediator can look up."""
    found: dict[str, RevealSubject] = {}
    for entry in entries:
        parts = split_target(entry.target) if entry.action == "privacy.reveal" else None
        if parts is None or entry.target in found:
            continue
        kind, record_id = parts
        if kind == ServiceRecord.sync_kind:
            record = session.get(ServiceRecord, record_id)
            if record is not None:
                found[entry.target] = RevealSubject(record.resident_name)
        elif kind == MediationParty.sync_kind:
            found[entry.target] = RevealSubject("", withheld=True)
    return found
