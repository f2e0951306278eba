"""The domain layers stay free of Qt, checked two independent ways.

1. The import-linter contract in pyproject.toml (static: reads the import statements).
2. Importing every module of each Qt-free package in a fresh interpreter and looking at
   sys.modules afterwards (dynamic: also catches imports hidden in functions run at import time,
   plugins and imports through third-party packages).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
QT_FREE_PACKAGES = (
    "gridstation.db",
    "gridstation.sync",
    "gridstation.reports",
    "gridstation.server",
    "gridstation.domain",
)


def _subprocess_env() -> dict[str, str]:
    """The test's environment with the repository first on sys.path, installed or not."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    return env


def _is_present(package: str) -> bool:
    directory = REPO_ROOT.joinpath(*package.split("."))
    return directory.is_dir() and any(directory.rglob("*.py"))


def test_import_linter_contracts_hold() -> None:
    script = Path(sys.executable).with_name("lint-imports")
    if script.exists():
        command = [str(script)]
    else:  # importlinter.cli has no __main__ block, so call its entry point directly
        command = [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()"]
    result = subprocess.run(
        [*command, "--no-cache", "--no-logo"],
        cwd=REPO_ROOT,
        env=_subprocess_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"lint-imports failed:\n{result.stdout}\n{result.stderr}"


# Runs in a fresh interpreter: imports the package and every module below it, one at a time, and
# reports which module first brought PySide6 into sys.modules, with the import stack that did it.
_IMPORT_ALL = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys, traceback

    class QtImportWitness:
        stack = None

        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] == "PySide6" and QtImportWitness.stack is None:
                QtImportWitness.stack = "".join(traceback.format_stack()[:-1])
            return None

    sys.meta_path.insert(0, QtImportWitness())

    def has_qt():
        return any(name == "PySide6" or name.startswith("PySide6.") for name in sys.modules)

    report = {"imported": [], "errors": {}, "first_with_qt": None}

    def load(name):
        try:
            module = importlib.import_module(name)
        except Exception:  # any import failure is reported to the parent test, which fails on it
            report["errors"][name] = traceback.format_exc()
            return None
        report["imported"].append(name)
        if has_qt() and report["first_with_qt"] is None:
            report["first_with_qt"] = name
        return module

    def walk_error(name):
        report["errors"][name] = traceback.format_exc()

    package = load(sys.argv[1])
    if package is not None:
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".", onerror=walk_error):
            if info.name.rsplit(".", 1)[-1] == "__main__":  # would run a program, not define a module
                continue
            if ".migrations.env" in info.name or ".migrations.versions" in info.name:
                continue  # Alembic runs these itself, inside its migration context
            load(info.name)

    report["qt_loaded"] = has_qt()
    report["qt_stack"] = QtImportWitness.stack
    sys.stdout.write(json.dumps(report) + "\\n")  # stdout is this child process's channel to the test
    """
)


@pytest.mark.parametrize("package", QT_FREE_PACKAGES)
def test_package_imports_without_qt(package: str) -> None:
    if not _is_present(package):
        pytest.skip(f"{package} does not exist yet")
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_ALL, package],
        cwd=REPO_ROOT,
        env=_subprocess_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"import subprocess crashed:\n{result.stdout}\n{result.stderr}"
    report = json.loads(result.stdout.strip().splitlines()[-1])

    assert not report["errors"], "modules failed to import:\n" + "\n".join(
        f"--- {name}\n{error}" for name, error in report["errors"].items()
    )
    assert report["imported"], f"nothing imported from {package}"
    assert not report["qt_loaded"], (
        f"importing {report['first_with_qt']} loaded PySide6; {package} must stay Qt-free.\n"
        f"First PySide6 import came from:\n{report['qt_stack']}"
    )
