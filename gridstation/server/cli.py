"""The district server's command line: serve, migrate, district structure, stations, catalogue,
audit. Every administrative change is written to the server audit log.

The database is ``--db URL`` (PostgreSQL: ``postgresql://user@host/db``), else the SQLite file in
``--data-dir`` (default: the platform's user data directory for ``GridStationServer``).
Bad input exits with code 2 and a message; nothing is changed then.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import logging
import os
import ssl
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from platformdirs import user_log_dir
from sqlalchemy.engine import Engine

from gridstation.log import setup_logging
from gridstation.server import audit, database, district, stations, workers
from gridstation.server.app import APP_NAME, ENV_DATA_DIR, ENV_DB, resolve_url
from gridstation.server.errors import AdminError

log = logging.getLogger(__name__)
DEFAULT_PORT = 8750


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def build_parser() -> argparse.ArgumentParser:
    where = argparse.ArgumentParser(add_help=False)
    where.add_argument("--db", metavar="URL", default=os.environ.get(ENV_DB),
                       help=f"database URL (default: SQLite in the data directory; env {ENV_DB})")
    where.add_argument("--data-dir", metavar="DIR", default=os.environ.get(ENV_DATA_DIR),
                       help=f"data directory for the SQLite database (env {ENV_DATA_DIR})")
    parser = argparse.ArgumentParser(prog="python -m gridstation.server", description="GridStation district server")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", parents=[where], help="run the HTTP API (migrates first)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--ssl-certfile")
    serve.add_argument("--ssl-keyfile")
    serve.set_defaults(run=_serve)
    commands.add_parser("migrate", parents=[where], help="bring the schema up to date").set_defaults(run=_migrate)

    district_cmd = commands.add_parser("district", help="streets/towns, communities/villages and grids")
    district_sub = district_cmd.add_subparsers(dest="action", required=True)
    for level, label in (("street", "street/town (9 digits)"), ("community", "community/village (12 digits)"),
                         ("grid", "grid (e.g. 230204001003-001U)")):
        add = district_sub.add_parser(f"add-{level}", parents=[where], help=f"add a {label}")
        add.add_argument("code")
        add.add_argument("name")
        add.set_defaults(run=_district_add, level=level)
    load = district_sub.add_parser("load", parents=[where], help="load streets, communities and grids from JSON")
    load.add_argument("file", type=Path)
    load.set_defaults(run=_district_load)

    station_cmd = commands.add_parser("station", help="enrolment codes, revocation, listing")
    station_sub = station_cmd.add_subparsers(dest="action", required=True)
    add_station = station_sub.add_parser("add", parents=[where], help="add a station; prints its enrolment code")
    add_station.add_argument("--name", required=True)
    add_station.add_argument("--grid", action="append", required=True, metavar="CODE")
    add_station.set_defaults(run=_station_add)
    code = station_sub.add_parser("code", parents=[where], help="a new enrolment code for a station (new PC)")
    code.add_argument("id")
    code.set_defaults(run=_station_code)
    grant = station_sub.add_parser("grant", parents=[where], help="let a station also serve more grids")
    grant.add_argument("id")
    grant.add_argument("--grid", action="append", required=True, metavar="CODE")
    grant.set_defaults(run=_station_grant)
    revoke = station_sub.add_parser("revoke", parents=[where], help="revoke a station's token")
    revoke.add_argument("id")
    revoke.set_defaults(run=_station_revoke)
    station_sub.add_parser("list", parents=[where], help="stations and their last sync").set_defaults(
        run=_station_list)

    catalogue_cmd = commands.add_parser("catalogue", help="the published service catalogue")
    catalogue_sub = catalogue_cmd.add_subparsers(dest="action", required=True)
    publish = catalogue_sub.add_parser("publish", parents=[where], help="publish FILE.json as a new version")
    publish.add_argument("file", type=Path)
    publish.set_defaults(run=_catalogue_publish)

    audit_cmd = commands.add_parser("audit", parents=[where], help="the newest server audit entries")
    audit_cmd.add_argument("--limit", type=int, default=50)
    audit_cmd.set_defaults(run=_audit)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except AdminError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2


def _engine(args: argparse.Namespace) -> Engine:
    engine = database.make_engine(resolve_url(args.db, args.data_dir))
    database.migrate(engine)
    return engine


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise AdminError(f"Cannot read {path}: {exc.strerror}.") from exc
    except ValueError as exc:
        raise AdminError(f"{path} is not valid JSON: {exc}.") from exc


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    tls = bool(args.ssl_certfile and args.ssl_keyfile)
    if bool(args.ssl_certfile) != bool(args.ssl_keyfile):
        raise AdminError("TLS needs both --ssl-certfile and --ssl-keyfile.")
    if not tls and not is_loopback(args.host):
        raise AdminError(f"Refusing to serve plain HTTP on {args.host}: station tokens would cross the network "
                         "unencrypted. Give --ssl-certfile and --ssl-keyfile, or serve on 127.0.0.1 behind a TLS "
                         "proxy.")
    if args.workers < 1:
        raise AdminError("--workers must be at least 1.")
    if tls:
        try:
            ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(args.ssl_certfile, args.ssl_keyfile)
        except (OSError, ssl.SSLError) as exc:
            raise AdminError(f"Cannot use the TLS certificate {args.ssl_certfile} with the key {args.ssl_keyfile}: "
                             f"{exc.strerror or exc}.") from exc
    url = resolve_url(args.db, args.data_dir)
    setup_logging(Path(user_log_dir(APP_NAME, appauthor=False)))
    database.migrate(database.make_engine(url))
    os.environ[ENV_DB] = url  # read by each worker's app factory
    log.info("district server on %s://%s:%s with %s worker(s)", "https" if tls else "http", args.host, args.port,
             args.workers)
    config: dict[str, Any] = {"app": "gridstation.server.app:app_from_environment", "factory": True,
                              "host": args.host, "port": args.port, "ssl_certfile": args.ssl_certfile,
                              "ssl_keyfile": args.ssl_keyfile, "log_config": None, "server_header": False}
    if args.workers > 1 and workers.available():
        taken = workers.port_taken(args.host, args.port)
        if taken is not None:
            raise AdminError(f"Cannot listen on {args.host}:{args.port}: {taken.strerror or taken}.")
        try:
            workers.run(config, host=args.host, port=args.port, workers=args.workers)
        except workers.WorkerFailed as exc:
            raise AdminError(f"The server stopped: {exc}.") from exc
        return 0
    uvicorn.run(**config, workers=args.workers)
    return 0


def _migrate(args: argparse.Namespace) -> int:
    _out(f"schema at revision {database.current_revision(_engine(args))}")
    return 0


def _district_add(args: argparse.Namespace) -> int:
    code = district.add(_engine(args), args.level, args.code, args.name)
    _out(f"added {args.level} {code} {args.name.strip()}")
    return 0


def _district_load(args: argparse.Namespace) -> int:
    counts = district.load(_engine(args), _read_json(args.file))
    _out("added " + ", ".join(f"{n} {key}" for key, n in counts.items()))
    return 0


def _print_code(new: stations.NewCode) -> None:
    _out(f"station id:      {new.station_id}")
    _out(f"enrolment code:  {new.code}")
    _out(f"valid until:     {new.expires_at:%Y-%m-%d %H:%M} UTC (one use)")


def _station_add(args: argparse.Namespace) -> int:
    _print_code(stations.add(_engine(args), name=args.name, grids=args.grid))
    return 0


def _station_code(args: argparse.Namespace) -> int:
    _print_code(stations.new_code(_engine(args), args.id))
    return 0


def _station_grant(args: argparse.Namespace) -> int:
    added = stations.grant(_engine(args), args.id, args.grid)
    _out(f"station {args.id} now also serves {', '.join(added)}" if added else f"station {args.id}: no change")
    return 0


def _station_revoke(args: argparse.Namespace) -> int:
    stations.revoke(_engine(args), args.id)
    _out(f"station {args.id} revoked")
    return 0


def _station_list(args: argparse.Namespace) -> int:
    rows = stations.listing(_engine(args))
    _out("\t".join(("id", "name", "grids", "last sync (UTC)", "protocol", "app", "backlog", "state")))
    for row in rows:
        state = "revoked" if row.revoked else ("enrolled" if row.enrolled else "waiting for enrolment")
        _out("\t".join((row.id, row.name, ",".join(row.grids), row.last_sync_at or "never",
                        str(row.last_protocol or "-"), row.last_app_version or "-",
                        "-" if row.backlog is None else str(row.backlog), state)))
    return 0


def _catalogue_publish(args: argparse.Namespace) -> int:
    version = district.publish_catalogue(_engine(args), _read_json(args.file))
    _out(f"catalogue version {version} published")
    return 0


def _audit(args: argparse.Namespace) -> int:
    for entry in audit.latest(_engine(args), max(1, args.limit)):
        outcome = "ok" if entry.success else "REFUSED"
        _out(f"{entry.at}\t{entry.station_id or '-'}\t{entry.action}\t{outcome}\t{entry.detail}")
    return 0
