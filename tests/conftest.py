"""Fixtures shared by every test directory (unit/, ui/, sync/, server/).

Fixtures used by one directory only belong in that directory's own conftest.py.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Headless Qt for every test, set before any test module imports PySide6 (pytest-qt creates the
# one QApplication of the session lazily, on the first use of `qapp` or `qtbot`).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_user_dirs(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Point platformdirs' XDG locations at a temporary directory, so no test can touch the real
    GridStation data, log or settings directories of whoever runs the suite."""
    base = tmp_path_factory.mktemp("xdg")
    for variable in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(base / variable.lower()))


@pytest.fixture(autouse=True)
def _garbage_collected_on_gui_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """In a test with Qt (one using ``qtbot`` or ``qapp``), garbage is collected on the GUI thread
    only, as in the app (``run_gui``): a collection in a worker thread that frees a widget's wrapper
    crashes at random. Set up before, and so torn down after, the test's other fixtures: its last
    collection runs once the test's windows and background operations are gone."""
    if not {"qtbot", "qapp"} & set(request.fixturenames):
        yield
        return
    from gridstation.ui.gui_thread_gc import GuiThreadCollector

    collector = GuiThreadCollector(request.getfixturevalue("qapp"))
    yield
    collector.stop()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh, empty station data directory (what `--data-dir` points at)."""
    path = tmp_path / "station"
    path.mkdir()
    return path
