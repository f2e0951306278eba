"""What a station PC's support call needs, from the source tree: --version, the self-test, the
About dialog, and bundled files found frozen (sys._MEIPASS) and unfrozen alike."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel

from gridstation import __version__, resources
from gridstation.cli import main
from gridstation.db.migrations import latest_version
from gridstation.ui.about_dialog import AboutDialog
from gridstation.ui.context import Context

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=180)


def test_version_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"GridStation {__version__}"


def test_hidden_options_stay_out_of_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    help_text = capsys.readouterr().out
    assert "--version" in help_text and "--self-test" not in help_text and "--startup-probe" not in help_text


def test_self_test_from_source_then_refusing_a_newer_database(data_dir: Path) -> None:
    result = _run("--self-test", "--data-dir", data_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"GridStation {__version__} self-test (source)" and lines[-1] == "self-test passed"
    assert any(f"schema v{latest_version()}" in line for line in lines)
    assert any(line.startswith("ok  PDF report with Chinese text") for line in lines)

    conn = sqlite3.connect(data_dir / "gridstation.sqlite3")
    conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    conn.close()
    refused = _run("--self-test", "--data-dir", data_dir)
    assert refused.returncode == 2
    assert "written by a newer GridStation" in refused.stderr and "Traceback" not in refused.stderr
    assert "self-test passed" not in refused.stdout


def test_self_test_without_a_data_dir_uses_a_temporary_one(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--self-test"], capture_output=True, text=True,
                            timeout=180, env=dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / "data"),
                                                  QT_QPA_PLATFORM="offscreen"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "gridstation-self-test-" in result.stdout
    assert not (home / "data" / "GridStation").exists()  # the station's real data directory stays untouched


def test_about_dialog_shows_version_data_directory_and_log(qtbot, tmp_path: Path) -> None:
    context = Context(store=None, data_dir=tmp_path / "station", log_path=tmp_path / "log" / "gridstation.log")  # type: ignore[arg-type]
    dialog = AboutDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    shown = {name: dialog.findChild(QLabel, name).text() for name in ("version", "data_dir", "log_path")}
    assert shown == {"version": __version__, "data_dir": str(tmp_path / "station"),
                     "log_path": str(tmp_path / "log" / "gridstation.log")}
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert copied == dialog.text() and str(tmp_path / "station") in copied and __version__ in copied


def test_about_dialog_names_the_default_log_file_when_none_was_set(qtbot, tmp_path: Path) -> None:
    from gridstation.config import default_log_dir

    dialog = AboutDialog(Context(store=None, data_dir=tmp_path))  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    assert dialog.findChild(QLabel, "log_path").text() == str(default_log_dir() / "gridstation.log")


def test_resources_are_found_frozen_and_unfrozen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert resources.resource_path("icons", "gridstation.png") == ROOT / "resources" / "icons" / "gridstation.png"
    assert resources.resource_path("icons", "gridstation.png").is_file()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_path("fonts", "wqy-microhei.ttc") == tmp_path / "resources" / "fonts" / "wqy-microhei.ttc"
