"""Append-only, hash-chained audit log of logins, record changes, exports and prints.

Each entry's hash covers its own fields and the previous entry's hash, so editing, deleting or
inserting a past entry breaks the chain from there on. Triggers refuse UPDATE and DELETE on the
table; ``verify_chain`` detects tampering done around them (e.g. with the triggers dropped). The
newest hash is also kept in ``app_setting`` so a removed tail is detected too.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import text
from sqlmodel import Session, select

from gridstation.db.models import AppSetting, AuditEntry

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


def list_entries(session: Session, *, limit: int = 200, offset: int = 0) -> list[AuditEntry]:
    """Newest first."""
    return list(session.exec(select(AuditEntry).order_by(text("seq DESC")).offset(offset).limit(limit)))


def count_entries(session: Session) -> int:
    last = session.exec(select(AuditEntry).order_by(text("seq DESC")).limit(1)).first()
    return 0 if last is None else last.seq
