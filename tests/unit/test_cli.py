"""The command line, run as a real subprocess on real data directories."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from gridstation.db.store import database_path

from .conftest import ADMIN_PASSWORD


def cli(*args: str, data_dir: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gridstation", "--data-dir", str(data_dir), *args],
        capture_output=True, text=True, input=stdin, timeout=120,
    )


INIT = [
    "init", "--station-name", "新兴社区网格服务站", "--street-code", "230204001", "--street-name", "站前街道",
    "--community-code", "230204001003", "--community-name", "新兴社区",
    "--grid", "230204001003-001U=第一网格", "--grid", "230204001003-002U=第二网格",
    "--admin", "admin", "--admin-name", "刘晓梅", "--password-stdin",
]


def test_help_lists_the_commands(tmp_path: Path) -> None:
    result = cli("--help", data_dir=tmp_path)
    assert result.returncode == 0
    for command in ("init", "demo", "backup", "restore", "check", "--data-dir"):
        assert command in result.stdout


def test_init_check_backup_restore(tmp_path: Path) -> None:
    data_dir = tmp_path / "station"
    result = cli(*INIT, data_dir=data_dir, stdin=ADMIN_PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    assert cli("check", data_dir=data_dir).stdout.strip() == "ok"

    backup = tmp_path / "copy.sqlite3"
    result = cli("backup", "--output", str(backup), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert backup.exists() and not Path(f"{backup}-wal").exists()

    # A change after the backup disappears when the backup is restored; the replaced database is kept.
    conn = sqlite3.connect(database_path(data_dir))
    conn.execute("UPDATE station SET name = '改过的名字'")
    conn.commit()
    conn.close()
    result = cli("restore", str(backup), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(database_path(data_dir))
    assert conn.execute("SELECT name FROM station").fetchone()[0] == "新兴社区网格服务站"
    conn.close()
    assert any(p.name.startswith("gridstation-before-restore-") for p in (data_dir / "backups").iterdir())
    assert cli("check", data_dir=data_dir).returncode == 0


def test_bad_input_names_the_problem_and_writes_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "station"
    bad_grid = [a if a != "230204001003-002U=第二网格" else "230204001003-02U=第二网格" for a in INIT]
    result = cli(*bad_grid, data_dir=data_dir, stdin=ADMIN_PASSWORD + "\n")
    assert result.returncode == 2
    assert "230204001003-02U" in result.stderr
    result = cli(*INIT, data_dir=data_dir, stdin="password\n")
    assert result.returncode == 2 and "password" in result.stderr
    conn = sqlite3.connect(database_path(data_dir))
    assert conn.execute("SELECT count(*) FROM station").fetchone()[0] == 0
    conn.close()
    result = cli("restore", "/etc/hostname", data_dir=data_dir)
    assert result.returncode == 2 and "not a GridStation database" in result.stderr


def test_check_fails_on_a_tampered_audit_log(tmp_path: Path) -> None:
    data_dir = tmp_path / "station"
    assert cli("demo", data_dir=data_dir).returncode == 0
    conn = sqlite3.connect(database_path(data_dir))
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2")
    conn.commit()
    conn.close()
    result = cli("check", data_dir=data_dir)
    assert result.returncode == 1
    assert "audit entry 2: was changed" in result.stdout
