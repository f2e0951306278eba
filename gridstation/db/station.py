"""The station profile (first-run set-up), the grids it serves, and station settings."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import select

from gridstation.db import accounts, audit
from gridstation.db.clock import iso
from gridstation.db.models import AppSetting, Station, StationGrid
from gridstation.db.store import Store
from gridstation.db.unit_of_work import SYSTEM, new_id
from gridstation.domain.codes import validate_committee_code, validate_grid_code, validate_street_code
from gridstation.domain.errors import QT_TRANSLATE_NOOP, ValidationError

DEFAULT_SETTINGS = {"idle_lock_minutes": "15", "language": "zh_CN"}
MAX_NAME = 60


@dataclass
class StationSetup:
    name: str
    street_code: str
    street_name: str
    community_code: str
    community_name: str
    grids: list[tuple[str, str]] = field(default_factory=list)  # (code, name); the first is the station's own
    admin_username: str = ""
    admin_display_name: str = ""
    admin_password: str = ""


def _name(value: str, field_name: str, label: str) -> str:
    value = value.strip()
    if not value:
        raise ValidationError(field_name, QT_TRANSLATE_NOOP("Errors", "{label} is required."), label=label)
    if len(value) > MAX_NAME or any(not c.isprintable() for c in value):
        raise ValidationError(
            field_name,
            QT_TRANSLATE_NOOP("Errors", "{label} must be at most {n} printable characters."),
            label=label,
            n=MAX_NAME,
        )
    return value


def validate_setup(setup: StationSetup) -> StationSetup:
    """Check every field; raises ``ValidationError`` naming the first bad one."""
    name = _name(setup.name, "name", "Station name")
    street = validate_street_code(setup.street_code)
    street_name = _name(setup.street_name, "street_name", "Street/town name")
    committee = validate_committee_code(setup.community_code)
    if committee.street_code != street:
        raise ValidationError(
            "community_code",
            QT_TRANSLATE_NOOP("Errors", "Community/village {code} does not belong to street/town {street}."),
            code=committee.code,
            street=street,
        )
    community_name = _name(setup.community_name, "community_name", "Community/village name")
    if not setup.grids:
        raise ValidationError("grids", QT_TRANSLATE_NOOP("Errors", "Add at least the station's own grid."))
    grids: list[tuple[str, str]] = []
    for code, grid_name in setup.grids:
        own = not grids
        grid = validate_grid_code(code, committee.code if own else None, field="grids")
        if grid.committee.street_code != street:
            raise ValidationError(
                "grids",
                QT_TRANSLATE_NOOP("Errors", "Grid {code} is not in street/town {street}."),
                code=grid.code,
                street=street,
            )
        if any(grid.code == c for c, _ in grids):
            raise ValidationError("grids", QT_TRANSLATE_NOOP("Errors", "Grid {code} is listed twice."), code=grid.code)
        grids.append((grid.code, _name(grid_name, "grids", "Grid name")))
    return StationSetup(
        name=name, street_code=street, street_name=street_name, community_code=committee.code,
        community_name=community_name, grids=grids, admin_username=setup.admin_username,
        admin_display_name=setup.admin_display_name, admin_password=setup.admin_password,
    )


def is_initialized(store: Store) -> bool:
    with store.read() as session:
        return session.get(Station, 1) is not None


def initialize_station(store: Store, setup: StationSetup) -> accounts.SignedIn:
    """Write the station profile, its grids and the first admin in one transaction."""
    setup = validate_setup(setup)
    with store.write() as session:
        if session.get(Station, 1) is not None:
            raise ValidationError("name", QT_TRANSLATE_NOOP("Errors", "This station is already set up."))
        at = iso(store.clock.now())
        session.add(
            Station(
                station_id=new_id(), name=setup.name, district_code=setup.street_code[:6],
                street_code=setup.street_code, street_name=setup.street_name, community_code=setup.community_code,
                community_name=setup.community_name, created_at=at,
            )
        )
        for index, (code, grid_name) in enumerate(setup.grids):
            session.add(StationGrid(code=code, name=grid_name, own=index == 0))
        session.flush()
        audit.append(session, at=at, actor=SYSTEM.username, action="station.setup", target=setup.name)
        return accounts.create_user(
            session, actor=SYSTEM, at=at, username=setup.admin_username, display_name=setup.admin_display_name,
            role="station_admin", password=setup.admin_password, grid_code=setup.grids[0][0],
        )


def get_station(store: Store) -> Station | None:
    with store.read() as session:
        return session.get(Station, 1)


def list_grids(store: Store) -> list[StationGrid]:
    with store.read() as session:
        return list(session.exec(select(StationGrid).order_by(StationGrid.own.desc(), StationGrid.code)))  # type: ignore[attr-defined]


def get_setting(store: Store, key: str) -> str:
    with store.read() as session:
        row = session.get(AppSetting, key)
    return row.value if row is not None else DEFAULT_SETTINGS[key]


def set_setting(store: Store, key: str, value: str, *, actor: str) -> None:
    if key not in DEFAULT_SETTINGS:
        raise KeyError(key)
    with store.write() as session:
        session.merge(AppSetting(key=key, value=value))
        audit.append(session, at=iso(store.clock.now()), actor=actor, action="setting.change", target=key,
                     detail=value)
