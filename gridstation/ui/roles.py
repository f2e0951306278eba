"""Display names of the account roles (domain.md §2), translated in context "Roles"."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from gridstation.db.models import ROLES

_ROLE_NAMES = {
    "grid_leader": QT_TRANSLATE_NOOP("Roles", "Grid leader"),
    "backup_leader": QT_TRANSLATE_NOOP("Roles", "Backup leader (B role)"),
    "mediator": QT_TRANSLATE_NOOP("Roles", "People's mediator"),
    "station_admin": QT_TRANSLATE_NOOP("Roles", "Station admin"),
}
assert set(_ROLE_NAMES) == set(ROLES), "every role needs a display name"


def role_label(role: str) -> str:
    """The translated display name of ``role``; an unknown role is shown as it is stored."""
    source = _ROLE_NAMES.get(role)
    return QCoreApplication.translate("Roles", source) if source else role
