"""Store-level errors with messages for the user."""

from __future__ import annotations

from gridstation.domain.errors import GridStationError


class StoreError(GridStationError):
    """The data directory or database cannot be used."""


class AlreadyRunningError(StoreError):
    """Another instance holds the data directory."""


class DatabaseFileError(StoreError):
    """The database file is corrupt, foreign or unreadable."""


class SchemaTooNewError(StoreError):
    """The database was written by a newer GridStation."""


class PermissionDenied(GridStationError):
    """The signed-in user may not do this."""
