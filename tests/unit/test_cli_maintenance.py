"""Backup, restore and check from the command line: refusals change nothing, paths of any bytes work.

Real subprocesses on real SQLite files; "changed nothing" is proved by comparing file hashes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from gridstation.db.store import Store, database_path

from .conftest import ADMIN_PASSWORD

INIT = [
    "init", "--station-name", "新兴社区网格服务站", "--street-code", "230204001", "--street-name", "站前街道",
    "--community-code", "230204001003", "--community-name", "新兴社区",
    "--grid", "230204001003-001U=第一网格", "--admin", "admin", "--admin-name", "刘晓梅", "--password-stdin",
]


def cli(*args: str | bytes | Path, data_dir: Path | bytes, stdin: bytes | None = None) -> tuple[int, str, str]:
    """Run ``python -m gridstation``; arguments may be bytes (file names that are not UTF-8)."""
    result = subprocess.run(
        [sys.executable, "-m", "gridstation", "--data-dir", data_dir, *args],
        capture_output=True, input=stdin, timeout=120,
    )
    return (result.returncode, result.stdout.decode("utf-8", "backslashreplace"),
            result.stderr.decode("utf-8", "backslashreplace"))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(directory: Path) -> dict[str, str]:
    """Every file under ``directory`` (except the lock file) with its hash."""
    return {str(p.relative_to(directory)): digest(p) for p in sorted(directory.rglob("*"))
            if p.is_file() and p.name != "gridstation.lock"}


def query(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def set_pragma(path: Path, pragma: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA {pragma}")
    conn.commit()
    conn.close()


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A set-up station and a backup of it, made once; tests copy them."""
    root = tmp_path_factory.mktemp("made")
    code, _, err = cli(*INIT, data_dir=root / "station", stdin=ADMIN_PASSWORD.encode() + b"\n")
    assert code == 0, err
    code, _, err = cli("backup", "--output", root / "backup.sqlite3", data_dir=root / "station")
    assert code == 0, err
    return root


@pytest.fixture
def station(made: Path, tmp_path: Path) -> Path:
    shutil.copytree(made / "station", tmp_path / "station", ignore=shutil.ignore_patterns("gridstation.lock"))
    return tmp_path / "station"


@pytest.fixture
def good_backup(made: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(made / "backup.sqlite3", tmp_path / "good.sqlite3"))


def assert_refused(code: int, err: str, *needles: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err, err
    for needle in needles:
        assert needle in err, err


# -- restore: the backup is checked before anything is replaced ---------------------------------------------


def test_restore_refuses_a_backup_from_a_newer_program_and_changes_nothing(station: Path, good_backup: Path) -> None:
    set_pragma(good_backup, "user_version = 99")
    before = snapshot(station)
    code, _, err = cli("restore", good_backup, data_dir=station)
    assert_refused(code, err, "newer GridStation", "schema 99", str(good_backup))
    assert snapshot(station) == before  # no database swapped, no safety copy taken
    code, out, err = cli("check", data_dir=station)
    assert (code, out.strip()) == (0, "ok"), err


def test_restore_refuses_a_backup_of_another_program(station: Path, good_backup: Path) -> None:
    set_pragma(good_backup, "application_id = 1234")
    before = snapshot(station)
    code, _, err = cli("restore", good_backup, data_dir=station)
    assert_refused(code, err, str(good_backup))
    assert snapshot(station) == before


@pytest.mark.parametrize("damage", ["too new", "not a database"])
def test_restore_replaces_a_current_database_that_cannot_be_opened(
        station: Path, good_backup: Path, damage: str) -> None:
    db = database_path(station)
    if damage == "too new":
        set_pragma(db, "user_version = 99")
    else:
        db.write_bytes(os.urandom(5000))
    assert cli("check", data_dir=station)[0] == 2  # the station is down
    damaged = digest(db)
    code, out, err = cli("restore", good_backup, data_dir=station)
    assert code == 0, err
    assert cli("check", data_dir=station)[:2] == (0, "ok\n")
    kept = [p for p in (station / "backups").iterdir() if p.name.startswith("gridstation-before-restore-")]
    assert len(kept) == 1 and str(kept[0]) in out
    if damage == "too new":  # readable: a consistent copy through SQLite
        assert query(kept[0], "PRAGMA user_version") == [(99,)]
    else:  # unreadable: its bytes
        assert digest(kept[0]) == damaged


def test_restore_from_a_file_name_that_is_not_utf8(station: Path, good_backup: Path) -> None:
    odd = os.fsencode(good_backup.parent) + b"/bk\xff.db"
    os.rename(good_backup, odd)
    code, out, err = cli("restore", odd, data_dir=station)
    assert code == 0, err
    shown = f"{good_backup.parent}/bk\\xff.db"
    assert f"restored {shown};" in out
    rows = query(database_path(station), "SELECT target, detail FROM audit_log WHERE action = 'restore'")
    assert len(rows) == 1 and rows[0][0] == shown and str(rows[0][1]).startswith("previous: ")


def test_restore_given_a_relative_path_records_it_absolute(station: Path, good_backup: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "gridstation", "--data-dir", str(station), "restore",
                             good_backup.name], cwd=good_backup.parent, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    rows = query(database_path(station), "SELECT target FROM audit_log WHERE action = 'restore'")
    assert rows == [(str(good_backup),)]


def test_restore_refuses_a_backup_without_a_station_unless_forced(station: Path, tmp_path: Path) -> None:
    with Store.open(tmp_path / "never-set-up"):  # a database without a station, as an aborted set-up leaves
        pass
    empty = tmp_path / "empty.sqlite3"
    code, _, err = cli("backup", "--output", empty, data_dir=tmp_path / "never-set-up")
    assert code == 0, err
    before = snapshot(station)
    code, _, err = cli("restore", empty, data_dir=station)
    assert_refused(code, err, "holds no set-up station", "--force")
    assert snapshot(station) == before
    code, _, err = cli("restore", "--force", empty, data_dir=station)
    assert code == 0, err
    assert query(database_path(station), "SELECT count(*) FROM user_account") == [(0,)]


def test_restore_into_a_fresh_directory_says_there_was_nothing_before(good_backup: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    code, out, err = cli("restore", good_backup, data_dir=fresh)
    assert code == 0, err
    assert "no database before" in out and "previous database was saved" not in out
    assert not any(p.name.startswith("gridstation-before-restore-") for p in (fresh / "backups").iterdir())
    assert query(database_path(fresh), "SELECT detail FROM audit_log WHERE action = 'restore'") == [
        ("previous: none",)]
    assert cli("check", data_dir=fresh)[:2] == (0, "ok\n")


def test_restore_of_a_folder_says_it_is_a_folder(station: Path, tmp_path: Path) -> None:
    folder = tmp_path / "demo1"
    folder.mkdir()
    before = snapshot(station)
    code, _, err = cli("restore", folder, data_dir=station)
    assert_refused(code, err, f"{folder} is a folder")
    assert snapshot(station) == before


# -- backup and check -----------------------------------------------------------------------------------------


def test_backup_into_a_folder_asks_for_a_file_name(station: Path, tmp_path: Path) -> None:
    code, _, err = cli("backup", "--output", tmp_path, data_dir=station)
    assert_refused(code, err, f"{tmp_path} is a folder", "file name")


@pytest.mark.parametrize("where", ["/proc/nope.db", "under a file"])
def test_backup_to_an_unwritable_place_names_the_path_and_reason(station: Path, tmp_path: Path, where: str) -> None:
    if where == "under a file":
        (tmp_path / "afile").write_text("x")
        where = str(tmp_path / "afile" / "copy.db")
    code, _, err = cli("backup", "--output", where, data_dir=station)
    assert_refused(code, err, f"Cannot write the backup {where}: ")
    assert not Path(where).exists()


@pytest.mark.parametrize("command", ["backup", "check"])
def test_backup_and_check_create_no_database_where_there_is_none(tmp_path: Path, command: str) -> None:
    typo = tmp_path / "statoin"
    code, out, err = cli(command, data_dir=typo)
    assert_refused(code, err, f"There is no station database in {typo}")
    assert out == "" and not typo.exists()
    existing = tmp_path / "existing"
    existing.mkdir()
    code, _, err = cli(command, data_dir=existing)
    assert_refused(code, err, "no station database")
    assert not database_path(existing).exists()


# -- init: text that is not UTF-8 -----------------------------------------------------------------------------


def test_init_refuses_a_password_that_is_not_text(tmp_path: Path) -> None:
    code, _, err = cli(*INIT, data_dir=tmp_path / "station", stdin=b"Str0ng!Pass\xff2026\n")
    assert_refused(code, err, "password is not valid UTF-8")


def test_init_names_an_option_that_is_not_text(tmp_path: Path) -> None:
    args: list[str | bytes] = list(INIT)
    args[args.index("新兴社区网格服务站")] = "新兴社区".encode() + b"\xff"
    code, _, err = cli(*args, data_dir=tmp_path / "station", stdin=ADMIN_PASSWORD.encode() + b"\n")
    assert_refused(code, err, "--station-name is not valid UTF-8 text")
