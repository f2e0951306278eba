"""The .deb, built once per session (see conftest.py), installed, started, upgraded and removed.

Selected with ``-m package``; takes a few minutes (one PyInstaller run).
"""

from __future__ import annotations

import configparser
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from gridstation import __version__
from gridstation.db.connection import raw_connect
from gridstation.db.migrations import latest_version, migrate
from tests.packaging.conftest import ROOT, Debs, DpkgRoot

sys.path.insert(0, str(ROOT / "packaging"))
import layout  # noqa: E402

pytestmark = [pytest.mark.package, pytest.mark.slow, pytest.mark.timeout(1800)]

ADMIN_PASSWORD = "Station#2026"
STATION_NAME = "新兴社区网格服务站"


def _init_station(root: DpkgRoot) -> None:
    """Set up a station in the user's default data directory with the installed app."""
    result = root.run_app(
        "init", "--station-name", STATION_NAME, "--street-code", "230204001", "--street-name", "站前街道",
        "--community-code", "230204001003", "--community-name", "新兴社区", "--grid", "230204001003-001U=第一网格",
        "--admin", "admin", "--admin-name", "刘晓梅", extra_env={"GRIDSTATION_ADMIN_PASSWORD": ADMIN_PASSWORD},
    )
    assert result.returncode == 0, result.stderr
    assert str(root.data_dir) in result.stdout


def _records(data_dir: Path) -> tuple[str, list[str], int]:
    """What a station would miss after a bad upgrade: its name, users and audit trail."""
    conn = sqlite3.connect(data_dir / "gridstation.sqlite3")
    try:
        name = conn.execute("SELECT name FROM station").fetchone()[0]
        users = [row[0] for row in conn.execute("SELECT username FROM user_account ORDER BY username")]
        audit = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    finally:
        conn.close()
    return name, users, audit


def _self_test(root: DpkgRoot) -> str:
    result = root.run_app("--self-test", "--data-dir", root.data_dir)
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr
    assert "(installed package)" in result.stdout and result.stdout.rstrip().endswith("self-test passed")
    return result.stdout


def test_frozen_app_has_the_layout_the_installers_name(debs: Debs) -> None:
    assert sorted(p.name for p in debs.frozen.iterdir()) == layout.top_level_entries(sys.platform)
    resources = debs.frozen / layout.CONTENTS_DIR / layout.RESOURCES_DIR
    for source in (ROOT / "resources").rglob("*"):  # every resource, including new ones, with no spec edit
        if source.is_file():
            assert (resources / source.relative_to(ROOT / "resources")).is_file(), source


def test_package_metadata_contents_and_no_maintainer_scripts(debs: Debs, tmp_path: Path) -> None:
    def field(name: str) -> str:
        return subprocess.run(["dpkg-deb", "-f", str(debs.first), name], capture_output=True, text=True,
                              check=True).stdout.strip()

    assert field("Package") == "gridstation" and field("Version") == f"{__version__}-1"
    depends = field("Depends")
    for package in ("libc6 (>=", "libgl1", "libegl1", "libxcb1", "libxcb-icccm4", "libfontconfig1"):
        assert package in depends
    control = tmp_path / "control"
    subprocess.run(["dpkg-deb", "--control", str(debs.first), str(control)], check=True)
    assert sorted(p.name for p in control.iterdir()) == ["control", "md5sums"]  # no preinst/postinst/prerm/postrm
    listing = subprocess.run(["dpkg-deb", "--contents", str(debs.first)], capture_output=True, text=True,
                             check=True).stdout
    paths = {line.split(maxsplit=5)[5].split(" -> ")[0].removeprefix(".").rstrip("/") or "/"
             for line in listing.splitlines()}
    assert all(p in ("/", "/opt", "/usr") or p.startswith(("/opt/gridstation", "/usr/")) for p in paths)
    for path in ("/opt/gridstation/gridstation", "/usr/bin/gridstation", "/usr/share/applications/gridstation.desktop",
                 "/usr/share/icons/hicolor/256x256/apps/gridstation.png",
                 "/usr/share/icons/hicolor/scalable/apps/gridstation.svg"):
        assert path in paths
    owners = {tuple(line.split()[1].split("/")) for line in listing.splitlines()}
    assert owners == {("root", "root")}


def test_desktop_entry_and_launcher(debs: Debs, dpkg_root: DpkgRoot) -> None:
    dpkg_root.dpkg("--install", debs.first)
    desktop = dpkg_root.path("/usr/share/applications/gridstation.desktop")
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(desktop, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Exec"] == "gridstation" and section["Icon"] == "gridstation"
    assert "Office" in section["Categories"].split(";") and section["Name[zh_CN]"] == "网格服务站工作台"
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", str(desktop)], check=True)
    launcher = dpkg_root.path("/usr/bin/gridstation")
    assert launcher.stat().st_mode & 0o111
    assert 'exec /opt/gridstation/gridstation "$@"' in launcher.read_text(encoding="utf-8")
    # Run it with /opt pointing into the throwaway root: it passes the arguments through.
    script = launcher.read_text(encoding="utf-8").replace("/opt/gridstation", str(dpkg_root.path("/opt/gridstation")))
    result = subprocess.run(["sh", "-c", script, "gridstation", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == f"GridStation {__version__}"


def test_install_start_upgrade_and_remove_keep_the_data(debs: Debs, dpkg_root: DpkgRoot) -> None:
    root = dpkg_root
    root.dpkg("--install", debs.first)
    assert root.installed_version() == f"{__version__}-1"
    version = root.run_app("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"GridStation {__version__}"

    _init_station(root)
    output = _self_test(root)
    assert f"schema v{latest_version()}" in output and "PDF report with Chinese text" in output
    before = _records(root.data_dir)
    assert before[0] == STATION_NAME and "admin" in before[1]
    shown = root.run_app("--startup-probe")  # the real start-up to the login window, on the default data dir
    assert shown.returncode == 0 and shown.stdout.strip() == "login", shown.stdout + shown.stderr

    upgrade = root.dpkg("--install", debs.second)
    assert f"over ({__version__}-1)" in upgrade.stdout
    assert root.installed_version() == f"{__version__}-2"
    assert _records(root.data_dir) == before
    _self_test(root)
    check = root.run_app("--data-dir", root.data_dir, "check")
    assert check.returncode == 0 and check.stdout.strip().endswith("ok"), check.stdout + check.stderr

    log_file = root.home / ".local" / "state" / "GridStation" / "log" / "gridstation.log"
    assert log_file.is_file()
    root.dpkg("--purge", "gridstation")
    assert root.installed_version() is None
    assert not root.path("/opt/gridstation").exists() and not root.path("/usr/bin/gridstation").exists()
    name, users, _ = _records(root.data_dir)  # removal and purge leave the station's data and log alone
    assert (name, users) == before[:2] and log_file.is_file()


def test_an_older_build_refuses_a_newer_database_without_changing_it(debs: Debs, dpkg_root: DpkgRoot) -> None:
    root = dpkg_root
    root.dpkg("--install", debs.first)
    _self_test(root)
    database = root.data_dir / "gridstation.sqlite3"
    newer = latest_version() + 1
    conn = sqlite3.connect(database)
    conn.execute(f"PRAGMA user_version = {newer}")  # as a later GridStation would have left it
    conn.close()
    contents = database.read_bytes()

    for args in (("--self-test", "--data-dir", root.data_dir), ("--data-dir", root.data_dir, "check")):
        result = root.run_app(*args)
        assert result.returncode == 2, f"{result.stdout}\n{result.stderr}"
        assert "Traceback" not in result.stdout + result.stderr
        assert (f"error: This database was written by a newer GridStation (schema {newer}, this program knows up "
                f"to {latest_version()}). Install the newer version; the database was not changed.") in result.stderr
    assert database.read_bytes() == contents
    assert not (root.data_dir / "backups").exists()


def test_the_installed_app_migrates_an_older_database_after_a_backup(debs: Debs, dpkg_root: DpkgRoot) -> None:
    root = dpkg_root
    root.dpkg("--install", debs.first)
    older = latest_version() - 1
    root.data_dir.mkdir(parents=True)
    conn = raw_connect(root.data_dir / "gridstation.sqlite3")  # as the previous release left it
    migrate(conn, root.data_dir / "backups", target=older)
    conn.close()

    output = _self_test(root)
    assert f"schema v{latest_version()} (migrated from v{older})" in output
    backups = list((root.data_dir / "backups").glob(f"gridstation-v{older}-before-migration-*.sqlite3"))
    assert len(backups) == 1
    conn = sqlite3.connect(backups[0])
    assert conn.execute("PRAGMA user_version").fetchone()[0] == older
    conn.close()
