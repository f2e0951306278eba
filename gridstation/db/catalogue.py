"""The service catalogue on the station: the bundled seed, installing a newer published version,
hiding items the station does not offer, and reading the items.

A catalogue document is ``{"version": N, "items": [{"code", "name", "category", "department",
"level", "materials": [...], "time_limit": {"days": N, "kind": "working"|"calendar"}, "proxy"}]}``
(``domain.services.parse_catalogue`` checks it). Installing keeps item codes stable: an item of
the new version replaces the row with its code; an item missing from it is *retired* (never
deleted: old service records keep pointing at it); an older or equal version is ignored. Hiding
is the station's own choice and survives new versions.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, func, select

from gridstation.db import audit
from gridstation.db.accounts import SignedIn, require_admin
from gridstation.db.clock import iso
from gridstation.db.services_models import ServiceCatalogueVersion, ServiceItem
from gridstation.db.store import Store
from gridstation.db.unit_of_work import SYSTEM, Actor
from gridstation.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from gridstation.domain.services import CatalogueDocument, CatalogueItem, parse_catalogue
from gridstation.resources import resource_path

Execute = Callable[..., Any]  # sqlite3.Connection.execute or a SQLAlchemy connection's exec_driver_sql

_UPSERT = """INSERT INTO service_item (code, name, category, department, level, materials, time_limit_days,
        time_limit_kind, proxy, position, retired, hidden, catalogue_version)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?)
    ON CONFLICT(code) DO UPDATE SET name = excluded.name, category = excluded.category,
        department = excluded.department, level = excluded.level, materials = excluded.materials,
        time_limit_days = excluded.time_limit_days, time_limit_kind = excluded.time_limit_kind,
        proxy = excluded.proxy, position = excluded.position, retired = 0,
        catalogue_version = excluded.catalogue_version"""


def bundled_catalogue() -> CatalogueDocument:
    """The catalogue shipped with the app (seeded into every new station)."""
    return parse_catalogue(json.loads(resource_path("catalogue", "catalogue.json").read_text(encoding="utf-8")))


def apply_catalogue(execute: Execute, document: CatalogueDocument, *, at: str) -> int:
    """Install ``document`` through ``execute`` (inside the caller's transaction); returns the number
    of items installed, or 0 when the installed version is already the same or newer."""
    current = execute("SELECT MAX(version) FROM service_catalogue_version").fetchone()[0] or 0
    if document.version <= current:
        return 0
    for position, item in enumerate(document.items):
        execute(_UPSERT, (
            item.code, item.name, item.category, item.department, item.level,
            json.dumps(list(item.materials), ensure_ascii=False), item.time_limit_days, item.time_limit_kind,
            int(item.proxy), position, document.version,
        ))
    codes = [item.code for item in document.items]
    marks = ",".join("?" * len(codes))
    execute(f"UPDATE service_item SET retired = 1 WHERE code NOT IN ({marks})", tuple(codes))
    execute("INSERT INTO service_catalogue_version (version, installed_at, items) VALUES (?, ?, ?)",
            (document.version, at, len(codes)))
    return len(codes)


def install_catalogue(store: Store, document: Any, *, actor: Actor = SYSTEM, version: int | None = None) -> int:
    """Validate a published catalogue document and install it if it is newer (audited).

    ``version`` overrides the document's own ``"version"``: the district server numbers what it
    publishes (``server.district.publish_catalogue``), and a station pulling it should pass that number.
    Returns the number of items installed; 0 when the station already has this or a newer version.
    Raises ``ValidationError`` (field ``catalogue``) for a malformed document; nothing is changed then.
    """
    if version is not None and isinstance(document, dict):
        document = {**document, "version": version}
    parsed = parse_catalogue(document)
    with store.write() as session:
        conn = session.connection()
        count = apply_catalogue(conn.exec_driver_sql, parsed, at=iso(store.clock.now()))
        if count:
            audit.append(session, at=iso(store.clock.now()), actor=actor.username, action="catalogue.install",
                         target=f"catalogue v{parsed.version}", detail=f"{count} items")
    return count


def catalogue_version(store: Store) -> int:
    with store.read() as session:
        return int(session.exec(select(func.max(ServiceCatalogueVersion.version))).one() or 0)


def set_item_hidden(store: Store, user: SignedIn, code: str, *, hidden: bool) -> ServiceItem:
    """Hide (or show again) an item the station does not offer. Station admins only; audited."""
    require_admin(user)
    with store.write() as session:
        row = session.get(ServiceItem, code)
        if row is None:
            raise ValidationError("item_code", QT_TRANSLATE_NOOP(
                "Errors", "Service item {code} is not in the catalogue."), code=code)
        if row.hidden != hidden:
            row.hidden = hidden
            session.add(row)
            audit.append(session, at=iso(store.clock.now()), actor=user.username,
                         action="catalogue.hide" if hidden else "catalogue.show", target=f"service_item:{code}",
                         detail=row.name)
        return row


@dataclass(frozen=True)
class CatalogueEntry:
    """An installed item with the station's view of it."""

    item: CatalogueItem
    retired: bool
    hidden: bool

    @property
    def offered(self) -> bool:
        return not (self.retired or self.hidden)


def to_item(row: ServiceItem) -> CatalogueItem:
    return CatalogueItem(
        code=row.code, name=row.name, category=row.category, department=row.department, level=row.level,
        materials=tuple(json.loads(row.materials)), time_limit_days=row.time_limit_days,
        time_limit_kind=row.time_limit_kind, proxy=bool(row.proxy),
    )


def entries(session: Session, *, include_retired: bool = False, include_hidden: bool = True) -> list[CatalogueEntry]:
    query = select(ServiceItem).order_by(ServiceItem.retired, ServiceItem.position)  # type: ignore[arg-type]
    if not include_retired:
        query = query.where(ServiceItem.retired == False)  # noqa: E712
    if not include_hidden:
        query = query.where(ServiceItem.hidden == False)  # noqa: E712
    return [CatalogueEntry(to_item(row), bool(row.retired), bool(row.hidden)) for row in session.exec(query).all()]


def list_entries(store: Store, *, include_retired: bool = False, include_hidden: bool = True) -> list[CatalogueEntry]:
    with store.read() as session:
        return entries(session, include_retired=include_retired, include_hidden=include_hidden)


def offered_items(store: Store) -> list[CatalogueItem]:
    """Items a new record may name: current and not hidden, in catalogue order."""
    return [e.item for e in list_entries(store, include_hidden=False)]


def find_entry(session: Session, code: str) -> CatalogueEntry | None:
    row = session.get(ServiceItem, code)
    return None if row is None else CatalogueEntry(to_item(row), bool(row.retired), bool(row.hidden))
