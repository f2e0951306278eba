"""The station's sync settings and cursor (table ``sync_state``)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import text
from sqlmodel import Session

from gridstation.db.store import Store
from gridstation.sync.protocol import MAX_OWN_RANGES

KEYS = ("server_url", "ca_bundle", "token", "station_id", "cursor", "last_success", "last_error", "own_changes")
Range = tuple[int, int]


@dataclass(frozen=True)
class SyncSettings:
    server_url: str = ""
    ca_bundle: str = ""
    token: str = ""
    station_id: str = ""
    cursor: int = 0
    last_success: str = ""
    last_error: str = ""
    # (first_seq, last_seq) of the pushes whose answers are stored, not yet behind the cursor
    own_changes: tuple[Range, ...] = ()

    @property
    def enrolled(self) -> bool:
        return bool(self.server_url and self.token)

    def __repr__(self) -> str:  # never show the token in logs or tracebacks
        return f"SyncSettings(server_url={self.server_url!r}, station_id={self.station_id!r}, cursor={self.cursor})"


def read_settings(session: Session) -> SyncSettings:
    values = {row.key: row.value for row in session.execute(text("SELECT key, value FROM sync_state"))}
    return SyncSettings(
        server_url=values.get("server_url", ""), ca_bundle=values.get("ca_bundle", ""),
        token=values.get("token", ""), station_id=values.get("station_id", ""),
        cursor=int(values.get("cursor", "0") or 0), last_success=values.get("last_success", ""),
        last_error=values.get("last_error", ""), own_changes=tuple(_ranges(values.get("own_changes", ""))),
    )


def load_settings(store: Store) -> SyncSettings:
    with store.read() as session:
        return read_settings(session)


def write_values(session: Session, **values: object) -> None:
    for key, value in values.items():
        if key not in KEYS:
            raise KeyError(key)
        session.execute(
            text("INSERT INTO sync_state (key, value) VALUES (:k, :v) "
                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
            {"k": key, "v": str(value)},
        )


def _ranges(stored: str) -> list[Range]:
    """The ranges stored under ``own_changes`` (a JSON list of pairs); none when unreadable, which
    only means the station's own changes come back in the next pull."""
    try:
        value = json.loads(stored) if stored else []
        return [(int(first), int(last)) for first, last in value]
    except (ValueError, TypeError):
        return []


def _stored_own_changes(session: Session) -> str:
    return str(session.execute(text("SELECT value FROM sync_state WHERE key = 'own_changes'")).scalar() or "")


def add_own_changes(session: Session, first: int, last: int) -> None:
    """Note, in the transaction that stores a push's answer, the sequence numbers its changes got
    (``PushResponse.first_seq``/``last_seq``); a range that continues the previous one extends it,
    and only the latest ``MAX_OWN_RANGES`` are kept (an older one dropped only means its records
    are pulled again)."""
    ranges = _ranges(_stored_own_changes(session))
    if ranges and ranges[-1][1] + 1 == first:
        ranges[-1] = (ranges[-1][0], last)
    else:
        ranges.append((first, last))
    write_values(session, own_changes=json.dumps(ranges[-MAX_OWN_RANGES:]))


def keep_own_changes_after(session: Session, cursor: int) -> None:
    """Forget the ranges a pull has passed: nothing at or before ``cursor`` is pulled again."""
    stored = _stored_own_changes(session)
    if stored:
        write_values(session, own_changes=json.dumps([r for r in _ranges(stored) if r[1] > cursor]))
