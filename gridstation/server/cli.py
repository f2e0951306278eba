"""The district server's command line: serve, migrate, district structure, stations, catalogue,
tasks assigned to grids, audit. Every administrative change is written to the server audit log.

The database is ``--db URL`` (PostgreSQL: ``postgresql://user@host/db``), else the SQLite file in
``--data-dir`` (default: the platform's user data directory for ``GridStationServer``).
Bad input, and a database that cannot be opened, exit with code 2 and a message; nothing is
changed then.

Only what every command needs is imported here: FastAPI, uvicorn (``serve``), alembic (a schema
to migrate) and the record write path (``task``) are imported when used, so that an admin command
or ``--help`` starts quickly.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import logging
import os
import re
import ssl
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from platformdirs import user_log_dir
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Engine, make_url

from gridstation.log import setup_logging
from gridstation.server import audit, database, district, stations, workers
from gridstation.server.database import APP_NAME, ENV_DATA_DIR, ENV_DB, resolve_url
from gridstation.server.errors import AdminError

log = logging.getLogger(__name__)
DEFAULT_PORT = 8750


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1 to 65535)")
    return port


def _at_least_one(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return number


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
    serve.add_argument("--port", type=_port, default=DEFAULT_PORT)
    serve.add_argument("--workers", type=_at_least_one, default=1)
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

    task_cmd = commands.add_parser("task", help="tasks assigned to a grid (交办事项): to-dos for its stations")
    task_sub = task_cmd.add_subparsers(dest="action", required=True)
    add_task = task_sub.add_parser("add", parents=[where], help="assign a to-do to a grid's stations")
    add_task.add_argument("--grid", required=True, metavar="CODE")
    add_task.add_argument("--title", required=True, metavar="TEXT", help="one line, at most 200 characters")
    add_task.add_argument("--due", metavar="YYYY-MM-DD", help="the due date (today or later)")
    add_task.add_argument("--note", default="", metavar="TEXT", help="details, at most 1000 characters")
    add_task.set_defaults(run=_task_add)
    list_tasks = task_sub.add_parser("list", parents=[where], help="the tasks assigned, and whether they are done")
    list_tasks.add_argument("--grid", metavar="CODE")
    list_tasks.set_defaults(run=_task_list)

    audit_cmd = commands.add_parser("audit", parents=[where], help="the newest server audit entries")
    audit_cmd.add_argument("--limit", type=_at_least_one, default=50, help="how many entries (at least 1)")
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
    except sa_exc.SQLAlchemyError as exc:  # the database failed during the command
        url = database.normalise_url(args.db) if args.db else database.default_url(
            Path(args.data_dir) if args.data_dir else database.default_data_dir())
        sys.stderr.write(f"error: The database {_shown(url)} failed: {_reason(exc, url)}\n")
        return 2


def _engine(args: argparse.Namespace) -> Engine:
    """The database of ``--db`` or ``--data-dir``, migrated; AdminError naming the database and
    the reason when it cannot be opened."""
    try:
        url = resolve_url(args.db, args.data_dir)
    except OSError as exc:
        raise AdminError(f"Cannot use the data directory {exc.filename or args.data_dir}: "
                         f"{exc.strerror or exc}.") from exc
    try:
        engine = database.make_engine(url)
        database.migrate(engine)
    except database.SchemaTooNew:
        raise
    except (sa_exc.SQLAlchemyError, OSError, ImportError) as exc:
        raise AdminError(f"Cannot open database {_shown(url)}: {_reason(exc, url)}") from exc
    return engine


def _shown(url: str) -> str:
    """``url`` as it may be printed: without its password."""
    try:
        return make_url(url).render_as_string(hide_password=True).replace("+psycopg://", "://", 1)
    except sa_exc.ArgumentError:
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def _createdb(url: str) -> str:
    parts = make_url(url)
    options = [f"-h {parts.host}"] if parts.host else []
    options += [f"-p {parts.port}"] if parts.port else []
    options += [f"-U {parts.username}"] if parts.username else []
    return " ".join(["createdb", *options, parts.database or ""])


def _reason(exc: BaseException, url: str) -> str:
    """What the driver said, on one line, and what to do about a missing PostgreSQL database."""
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else "")
    text = str(getattr(exc, "orig", None) or exc)
    text = text.split("\n[SQL:")[0]  # SQLAlchemy's own additions: the statement, a help link
    text = re.sub(r"\(Background on this error at: [^)]*\)", "", text)
    text = text.split("FATAL:", 1)[-1]  # PostgreSQL refused the connection: its words only
    text = "; ".join(" ".join(line.split()) for line in text.splitlines() if line.strip())
    text = text.removeprefix("connection failed: ")
    if isinstance(exc, sa_exc.ArgumentError) and "parse" in text:
        text += " (a database URL looks like postgresql://user@host:5432/database)"
    if re.search(r'database "[^"]+" does not exist', text):
        text += f" (create it first: {_createdb(url)})"
    if isinstance(exc, ImportError):
        text = f"no driver for this database ({text})"
    return text


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
    tls = bool(args.ssl_certfile and args.ssl_keyfile)
    if bool(args.ssl_certfile) != bool(args.ssl_keyfile):
        raise AdminError("TLS needs both --ssl-certfile and --ssl-keyfile.")
    if not tls and not is_loopback(args.host):
        raise AdminError(f"Refusing to serve plain HTTP on {args.host}: station tokens would cross the network "
                         "unencrypted. Give --ssl-certfile and --ssl-keyfile, or serve on 127.0.0.1 behind a TLS "
                         "proxy.")
    if tls:
        try:
            ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(args.ssl_certfile, args.ssl_keyfile)
        except (OSError, ssl.SSLError) as exc:
            raise AdminError(f"Cannot use the TLS certificate {args.ssl_certfile} with the key {args.ssl_keyfile}: "
                             f"{exc.strerror or exc}.") from exc
    taken = workers.port_taken(args.host, args.port)
    if taken is not None:
        raise AdminError(f"Cannot listen on {args.host}:{args.port}: {taken.strerror or taken}.")
    log_dir = Path(user_log_dir(APP_NAME, appauthor=False))
    log_file = setup_logging(log_dir)
    engine = _engine(args)
    url = engine.url.render_as_string(hide_password=False)
    on_sqlite = engine.dialect.name == "sqlite"
    engine.dispose()
    if on_sqlite and args.workers > 1:
        # to the log file and, as every warning, to stderr
        log.warning("%s workers on SQLite write one transaction at a time, so each waits for the others: a "
                    "station's push runs at about half the speed of one worker. Serve SQLite with one worker, or a "
                    "PostgreSQL database (--db postgresql://…) with several.", args.workers)
    os.environ[ENV_DB] = url  # read by each worker's app factory
    address = f"{'https' if tls else 'http'}://{args.host}:{args.port}"
    log.info("district server on %s with %s worker(s), database %s", address, args.workers, _shown(url))
    _out(f"GridStation district server on {address} ({args.workers} worker{'s' if args.workers > 1 else ''}); "
         f"database {_shown(url)}; log {log_file}")
    sys.stdout.flush()
    config: dict[str, Any] = {"app": "gridstation.server.app:app_from_environment", "factory": True,
                              "host": args.host, "port": args.port, "ssl_certfile": args.ssl_certfile,
                              "ssl_keyfile": args.ssl_keyfile, "log_config": None, "server_header": False}
    if args.workers > 1 and workers.available():
        try:
            workers.run(config, host=args.host, port=args.port, workers=args.workers, log_dir=log_dir)
        except workers.WorkerFailed as exc:
            raise AdminError(f"The server stopped: {exc}.") from exc
        return 0
    import uvicorn

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


def _task_add(args: argparse.Namespace) -> int:
    from gridstation.server import tasks  # the record write path, and with it FastAPI: only for this command

    new = tasks.add(_engine(args), grid_code=args.grid, title=args.title, due=args.due, note=args.note)
    _out(f"task id:   {new.id}")
    _out(f"grid:      {new.grid_code} {new.grid_name}")
    if new.stations:
        _out(f"sequence:  {new.seq} (the {new.stations} station(s) serving the grid receive it on their next sync)")
    else:
        _out(f"sequence:  {new.seq} (no station serves this grid yet: one added for it gets it on its first sync)")
    return 0


def _task_list(args: argparse.Namespace) -> int:
    from gridstation.server import tasks

    listed = tasks.listing(_engine(args), args.grid)
    _out("\t".join(("id", "grid", "due", "state", "updated (UTC)", "title")))
    for task in listed:
        state = "deleted" if task.deleted else ("done" if task.done else "open")
        _out("\t".join((task.id, task.grid_code, task.due_date or "-", state, task.updated_at, task.title)))
    return 0


def _audit(args: argparse.Namespace) -> int:
    for entry in audit.latest(_engine(args), max(1, args.limit)):
        outcome = "ok" if entry.success else "REFUSED"
        _out(f"{entry.at}\t{entry.station_id or '-'}\t{entry.action}\t{outcome}\t{entry.detail}")
    return 0
