"""The station's sync settings and cursor (table ``sync_state``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlmodel import Session

from gridstation.db.store import Store

KEYS = ("server_url", "ca_bundle", "token", "station_id", "cursor", "last_success", "last_error")


@dataclass(frozen=True)
class SyncSettings:
    server_url: str = ""
    ca_bundle: str = ""
    token: str = ""
    station_id: str = ""
    cursor: int = 0
    last_success: str = ""
    last_error: str = ""

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
        last_error=values.get("last_error", ""),
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
