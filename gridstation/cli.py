"""Command line: ``python -m gridstation [--data-dir DIR] [COMMAND]``; no command starts the GUI."""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from pathlib import Path

from gridstation import __version__, config
from gridstation.domain.errors import QT_TRANSLATE_NOOP, GridStationError, ValidationError
from gridstation.log import setup_logging

log = logging.getLogger(__name__)

PASSWORD_ENV = "GRIDSTATION_ADMIN_PASSWORD"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gridstation",
        description="GridStation (网格服务站工作台). Without a command, starts the station app.",
    )
    parser.add_argument("--version", action="version", version=f"GridStation {__version__}")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help=f"station data directory (default: {config.default_data_dir()})")
    parser.add_argument("--lang", choices=["zh_CN", "en"], default=None, help="interface language for this run")
    # For installers, support and benchmarks, not for station staff: check an installed app headless
    # (gridstation.selftest), or start to the login window, print "login" and quit.
    parser.add_argument("--self-test", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = sub.add_parser("init", help="set up the station and its first admin, non-interactively")
    init.add_argument("--station-name", required=True)
    init.add_argument("--street-code", required=True, help="9 digits, e.g. 230204001")
    init.add_argument("--street-name", required=True)
    init.add_argument("--community-code", required=True, help="12 digits, e.g. 230204001003")
    init.add_argument("--community-name", required=True)
    init.add_argument("--grid", action="append", required=True, metavar="CODE=NAME",
                      help="a grid the station serves (repeat; the first is its own), e.g. 230204001003-001U=第一网格")
    init.add_argument("--admin", required=True, help="admin user name")
    init.add_argument("--admin-name", required=True, help="admin full name")
    init.add_argument("--password-stdin", action="store_true",
                      help=f"read the admin password from stdin (else ${PASSWORD_ENV}, else prompt)")

    sub.add_parser("demo", help="set up a demo station with realistic data (empty data directory only)")
    backup = sub.add_parser("backup", help="write a consistent copy of the database")
    backup.add_argument("--output", type=Path, default=None, help="backup file (default: DATA_DIR/backups/…)")
    restore = sub.add_parser("restore", help="replace the database with a backup (the app must be closed)")
    restore.add_argument("backup_file", type=Path)
    restore.add_argument("--force", action="store_true",
                         help="also restore a backup that holds no set-up station (no admin user)")
    sub.add_parser("check", help="integrity check and audit-chain verification; exit code 1 on a problem")
    enrol = sub.add_parser("enrol", help="enrol this station with the district server (one-time code)")
    enrol.add_argument("--server", required=True, help="e.g. https://sync.example.gov.cn")
    enrol.add_argument("--code", required=True, help="the enrolment code the district gave, e.g. K7QM-2XPD")
    enrol.add_argument("--ca", default="", help="certificate authority file that signed the server's certificate")
    sub.add_parser("sync", help="send waiting changes to the district server and fetch others' changes")
    return parser


def _password(args: argparse.Namespace) -> str:
    try:
        if args.password_stdin:
            stream = getattr(sys.stdin, "buffer", None)  # bytes, decoded strictly below
            line = stream.readline().decode("utf-8") if stream is not None else sys.stdin.readline()
            password = line.rstrip("\r\n")
        elif os.environ.get(PASSWORD_ENV):
            password = os.environ[PASSWORD_ENV]
        else:
            password = getpass.getpass("Admin password: ")
        password.encode("utf-8")  # text from the system may carry undecodable bytes as surrogates
    except UnicodeError as exc:
        raise ValidationError(
            "password",
            QT_TRANSLATE_NOOP(
                "Errors", "The admin password is not valid UTF-8 text; check the terminal's or file's encoding."
            ),
        ) from exc
    return password


def _text_arguments(args: argparse.Namespace) -> None:
    """Refuse command-line text that is not valid UTF-8 (its bytes arrive as surrogates), naming the option."""
    for option in ("station_name", "street_name", "community_name", "admin", "admin_name"):
        _require_text(f"--{option.replace('_', '-')}", getattr(args, option))
    for grid in args.grid:
        _require_text("--grid", grid)


def _require_text(option: str, value: str) -> None:
    from gridstation.db.maintenance import printable_path

    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValidationError(
            option,
            QT_TRANSLATE_NOOP("Errors", "{option} is not valid UTF-8 text: {value}"),
            option=option, value=printable_path(value),
        ) from exc


def _grids(values: list[str]) -> list[tuple[str, str]]:
    grids = []
    for value in values:
        code, _, name = value.partition("=")
        grids.append((code.strip(), name.strip()))
    return grids


def run_command(args: argparse.Namespace, data_dir: Path, out: object = sys.stdout) -> int:
    from gridstation.db import demo, maintenance, station
    from gridstation.db.store import Store

    write = out.write  # type: ignore[attr-defined]
    shown = maintenance.printable_path
    if args.command == "restore":
        safety = maintenance.restore(data_dir, args.backup_file, force=args.force)
        source = shown(args.backup_file.expanduser().absolute())
        if safety is None:
            write(f"restored {source} into {shown(data_dir.absolute())} (there was no database before)\n")
        else:
            write(f"restored {source}; the previous database was saved as {shown(safety)}\n")
        return 0
    if args.command == "init":
        _text_arguments(args)
    if args.command in {"backup", "check"}:
        maintenance.require_station_database(data_dir)
    exclusive = args.command in {"init", "demo", "enrol", "sync"}
    with Store.open(data_dir, exclusive=exclusive) as store:
        if args.command == "init":
            setup = station.StationSetup(
                name=args.station_name, street_code=args.street_code, street_name=args.street_name,
                community_code=args.community_code, community_name=args.community_name, grids=_grids(args.grid),
                admin_username=args.admin, admin_display_name=args.admin_name, admin_password=_password(args),
            )
            admin = station.initialize_station(store, setup)
            write(f"station set up in {shown(data_dir)}; admin: {admin.username}\n")
        elif args.command == "demo":
            info = demo.load_demo(store, diary_days=demo.DEMO_DIARY_DAYS)
            write(f"demo station set up in {shown(data_dir)}\n")
            for username, role in info.users:
                write(f"  {username:10} {role}\n")
            write(f"password for every demo user: {info.password}\n")
        elif args.command == "backup":
            target = maintenance.backup(store, args.output)
            write(f"backup written to {shown(target)}\n")
        elif args.command == "enrol":
            from gridstation.sync.engine import enrol

            row = station.get_station(store)
            station_id = enrol(store, server_url=args.server, code=args.code, ca_bundle=args.ca,
                               station_name=row.name if row else "GridStation")
            write(f"enrolled as station {station_id}\n")
        elif args.command == "sync":
            from gridstation.sync.engine import SyncEngine, client_for
            from gridstation.sync.state import load_settings

            if not load_settings(store).enrolled:
                write("not enrolled: run the enrol command first\n")
                return 2
            client = client_for(store)
            try:
                report = SyncEngine(store, client).run()
            finally:
                client.close()
            write(f"sent {report.pushed}, received {report.pulled}, conflicts {report.conflicts}, "
                  f"refused {report.rejected}\n")
        elif args.command == "check":
            health = maintenance.check(store)
            for problem in health.problems:
                write(f"PROBLEM: {problem}\n")
            write("ok\n" if health.ok else f"{len(health.problems)} problem(s) found\n")
            return 0 if health.ok else 1
    return 0


def main(argv: list[str] | None = None) -> int:
    if sys.stdout is None or sys.stderr is None:  # a windowed executable (Windows) has no console
        sys.stdout = sys.stdout or open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
        sys.stderr = sys.stderr or open(os.devnull, "w")  # noqa: SIM115
    args = build_parser().parse_args(argv)
    data_dir = (args.data_dir or config.default_data_dir()).expanduser()
    setup_logging(config.default_log_dir())
    try:
        if args.self_test:
            from gridstation.selftest import run_self_test

            return run_self_test(args.data_dir.expanduser() if args.data_dir else None)
        if args.command is None:
            from gridstation.app import run_gui

            return run_gui(data_dir, language=args.lang, probe=args.startup_probe)
        return run_command(args, data_dir)
    except GridStationError as exc:
        log.info("%s refused: %s", args.command or ("self-test" if args.self_test else "start"), exc.loggable)
        sys.stderr.write(f"error: {exc}\n")
        return 2
    except OSError as exc:
        if args.command is None or exc.filename is None:
            raise
        # A file or folder the command was pointed at (data directory, backup) cannot be used:
        # a message, not a traceback; the traceback stays in the log in case it is a bug.
        from gridstation.db.maintenance import printable_path

        log.info("%s failed on %r", args.command, exc.filename, exc_info=True)
        sys.stderr.write(f"error: {printable_path(exc.filename)}: {exc.strerror or exc}\n")
        return 2
