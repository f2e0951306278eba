"""What every window needs, passed in explicitly: the store, paths, the signed-in user, settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gridstation.ui.i18n import Translations

if TYPE_CHECKING:  # the database layer is imported lazily so that the first window shows sooner
    from gridstation.db.accounts import SignedIn
    from gridstation.db.store import Store


@dataclass
class Context:
    """The session of one running app.

    ``store`` is ``None`` only during start-up, while the login window shows and the store opens;
    ``user`` is ``None`` only before the first sign-in; windows that need a user may assume it is set.
    ``i18n`` switches the interface language (``None`` in tests that do not care).
    """

    store: Store
    data_dir: Path
    log_path: Path | None = None
    user: SignedIn | None = None
    i18n: Translations | None = None

    def setting(self, key: str) -> str:
        """A station setting (``idle_lock_minutes``, ``language``), or its default."""
        from gridstation.db import station

        return station.get_setting(self.store, key)

    def set_setting(self, key: str, value: str) -> None:
        """Store a station setting, audited under the signed-in user (blocking; call it from an operation)."""
        from gridstation.db import station

        station.set_setting(self.store, key, value, actor=self.user.username if self.user else "system")

    def idle_lock_minutes(self) -> int:
        try:
            return max(0, int(self.setting("idle_lock_minutes")))
        except ValueError:
            from gridstation.db import station

            return int(station.DEFAULT_SETTINGS["idle_lock_minutes"])
