"""Audited actions that are not record changes (exports, prints, reveals)."""

from __future__ import annotations

from gridstation.db import audit
from gridstation.db.clock import iso
from gridstation.db.store import Store


def record_event(store: Store, *, actor: str, action: str, target: str = "", detail: str = "",
                 success: bool = True) -> None:
    """Append an audit entry in its own transaction (e.g. ``export.pdf``, ``print``, ``logout``)."""
    with store.write() as session:
        audit.append(session, at=iso(store.clock.now()), actor=actor, action=action, target=target, detail=detail,
                     success=success)
