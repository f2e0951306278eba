"""Revealing a masked personal value: a deliberate action, written to the audit log.

Screens show ID numbers and phones masked (``gridstation.domain.identity``). When a user asks to
see one in full, the UI calls ``reveal``: it appends an audit entry naming who saw which field of
which record (never the value itself) in the same transaction, and only then returns the value.
"""

from __future__ import annotations

from gridstation.db.store import Store
from gridstation.db.unit_of_work import Actor


def reveal(store: Store, actor: Actor, *, kind: str, record_id: str, field: str, value: str, reason: str = "") -> str:
    """Record that ``actor`` revealed ``field`` of record ``kind``/``record_id``; return ``value``."""
    detail = f"field={field}" + (f"; reason={reason}" if reason else "")
    with store.unit_of_work(actor) as uow:
        uow.audit("privacy.reveal", target=f"{kind}/{record_id}", detail=detail)
    return value
