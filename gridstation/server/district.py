"""The district's structure (streets/towns → communities/villages → grids, domain.md §1) and the
published service catalogue. Administrative commands: each one is audited."""

from __future__ import annotations

import getpass
import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from gridstation.domain.codes import validate_committee_code, validate_grid_code, validate_street_code
from gridstation.domain.errors import ValidationError
from gridstation.domain.services import parse_catalogue
from gridstation.server import audit, clock, database
from gridstation.server.errors import AdminError
from gridstation.server.schema import catalogue, community, grid, street


def admin_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (a container without a passwd entry)
        return "unknown"


def _name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 100:
        raise AdminError("A name must have 1 to 100 characters.")
    return name


def _code(validate: Any, code: str) -> str:
    try:
        result = validate(code)
    except ValidationError as exc:
        raise AdminError(str(exc)) from exc
    return result if isinstance(result, str) else str(result.code)


def _add_street(conn: Connection, code: str, name: str) -> str:
    code = _code(validate_street_code, code)
    if conn.execute(sa.select(street.c.code).where(street.c.code == code)).first():
        raise AdminError(f"Street/town {code} already exists.")
    conn.execute(street.insert().values(code=code, name=_name(name)))
    return code


def _add_community(conn: Connection, code: str, name: str) -> str:
    code = _code(validate_committee_code, code)
    if not conn.execute(sa.select(street.c.code).where(street.c.code == code[:9])).first():
        raise AdminError(f"Community/village {code}: add its street/town {code[:9]} first.")
    if conn.execute(sa.select(community.c.code).where(community.c.code == code)).first():
        raise AdminError(f"Community/village {code} already exists.")
    conn.execute(community.insert().values(code=code, street_code=code[:9], name=_name(name)))
    return code


def _add_grid(conn: Connection, code: str, name: str) -> str:
    code = _code(validate_grid_code, code)
    if not conn.execute(sa.select(community.c.code).where(community.c.code == code[:12])).first():
        raise AdminError(f"Grid {code}: add its community/village {code[:12]} first.")
    if conn.execute(sa.select(grid.c.code).where(grid.c.code == code)).first():
        raise AdminError(f"Grid {code} already exists.")
    conn.execute(grid.insert().values(code=code, community_code=code[:12], name=_name(name)))
    return code


_ADDERS = {"street": _add_street, "community": _add_community, "grid": _add_grid}


def add(engine: Engine, level: str, code: str, name: str) -> str:
    """Add one street (``level="street"``), community or grid; returns the normalised code."""
    with database.write(engine) as conn:
        code = _ADDERS[level](conn, code, name)
        audit.append(conn, action=f"admin.{level}.add", detail=f"{code} {name.strip()} by {admin_name()}", success=True)
    return code


def load(engine: Engine, document: Any) -> dict[str, int]:
    """Load ``{"streets": [{code, name}], "communities": [...], "grids": [...]}`` in one
    transaction: all of it or, on the first problem, none of it. Entries already present with the
    same name are skipped, so a file can be loaded again after it grew."""
    if not isinstance(document, dict):
        raise AdminError('The district file must be a JSON object with "streets", "communities" and "grids".')
    counts: dict[str, int] = {}
    tables = {"street": street, "community": community, "grid": grid}
    with database.write(engine) as conn:
        for level, key in (("street", "streets"), ("community", "communities"), ("grid", "grids")):
            entries = document.get(key, [])
            if not isinstance(entries, list):
                raise AdminError(f'"{key}" must be a list of {{"code": …, "name": …}} objects.')
            counts[key] = 0
            for index, entry in enumerate(entries):
                if not (isinstance(entry, dict) and isinstance(entry.get("code"), str)
                        and isinstance(entry.get("name"), str)):
                    raise AdminError(f'{key}[{index}] must be an object with string "code" and "name".')
                table = tables[level]
                existing = conn.execute(
                    sa.select(table.c.name).where(table.c.code == entry["code"].strip().upper())
                ).first()
                if existing is not None and existing.name == entry["name"].strip():
                    continue
                try:
                    _ADDERS[level](conn, entry["code"], entry["name"])
                except AdminError as exc:
                    raise AdminError(f"{key}[{index}]: {exc}") from exc
                counts[key] += 1
        detail = ", ".join(f"{v} {k}" for k, v in counts.items())
        audit.append(conn, action="admin.district.load", detail=f"{detail} by {admin_name()}", success=True)
    return counts


def grid_codes(conn: Connection) -> set[str]:
    return set(conn.execute(sa.select(grid.c.code)).scalars())


def publish_catalogue(engine: Engine, document: Any) -> int:
    """Store ``document`` as the next catalogue version; returns that version.

    A document that names its ``version`` (as the catalogue file stations ship with does) is
    published under that number, which must be above every earlier one: stations compare it with
    the version they hold. Otherwise the next number is taken and written into the document.

    The document is checked with the stations' own checker (``parse_catalogue``) first: one they
    would refuse to install is refused here, with nothing stored and no version number used up."""
    if not isinstance(document, dict):
        raise AdminError('The catalogue file must hold a JSON object: {"version": N, "items": [...]}.')
    declared = document.get("version")
    if declared is not None and (not isinstance(declared, int) or isinstance(declared, bool) or declared < 1):
        raise AdminError("The catalogue's \"version\" must be a whole number from 1 up.")
    with database.write(engine) as conn:
        last = conn.execute(sa.select(sa.func.max(catalogue.c.version))).scalar() or 0
        if declared is not None and declared <= last:
            raise AdminError(f"Version {declared} is not newer than the published version {last}; "
                             f"raise \"version\" in the file.")
        version = declared if declared is not None else last + 1
        document = {**document, "version": version}
        try:
            parse_catalogue(document)
        except ValidationError as exc:
            raise AdminError(f"Not published: stations could not install this catalogue. {exc}") from exc
        body = json.dumps(document, ensure_ascii=False, sort_keys=True)
        conn.execute(catalogue.insert().values(version=version, published_at=clock.iso(clock.now()), body=body))
        audit.append(conn, action="admin.catalogue.publish", detail=f"version {version} by {admin_name()}",
                     success=True)
    return version


def published_catalogue(conn: Connection, *, newer_than: int = 0) -> tuple[int, str, Any] | None:
    """The latest catalogue (version, published_at, document) if its version is above ``newer_than``."""
    row = conn.execute(sa.select(catalogue).order_by(catalogue.c.version.desc()).limit(1)).first()
    if row is None or row.version <= newer_than:
        return None
    return row.version, row.published_at, json.loads(row.body)


def latest_catalogue(engine: Engine) -> tuple[int, Any] | None:
    with database.read(engine) as conn:
        found = published_catalogue(conn)
    return None if found is None else (found[0], found[2])
