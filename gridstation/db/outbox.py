"""Reading the sync outbox (the sync client, a later layer, sends and acknowledges entries)."""

from __future__ import annotations

from sqlmodel import func, select

from gridstation.db.models import OutboxEntry
from gridstation.db.store import Store


def pending_count(store: Store) -> int:
    with store.read() as session:
        query = select(func.count()).select_from(OutboxEntry).where(OutboxEntry.state == "pending")
        return int(session.exec(query).one())


def pending_entries(store: Store, limit: int = 500) -> list[OutboxEntry]:
    """The oldest waiting entries, in the order they were written (local sequence, never the clock)."""
    with store.read() as session:
        query = select(OutboxEntry).where(OutboxEntry.state == "pending").order_by(OutboxEntry.seq).limit(limit)  # type: ignore[arg-type]
        return list(session.exec(query))
