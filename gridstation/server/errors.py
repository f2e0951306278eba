"""Refusals the API answers with ``{"error": code, "message": words}`` (protocol ``ErrorBody``)."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """A request the server refuses. Raised inside a transaction, it rolls everything back; the
    handler then writes the refusal to the server audit log in a transaction of its own."""

    def __init__(self, status: int, error: str, message: str, *, station_id: str | None = None,
                 **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message
        self.station_id = station_id  # for the audit log, never sent back
        self.extra = extra

    def body(self) -> dict[str, Any]:
        return {"error": self.error, "message": self.message, **self.extra}


class AdminError(Exception):
    """An administrator's command that cannot be carried out (bad code, unknown station, …)."""
