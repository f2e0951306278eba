"""Fixtures of the package tests: the .deb built once per session, and throwaway dpkg roots.

The packages are built by ``packaging/build_deb.py`` exactly as ``make package`` does, except
uncompressed (compression changes nothing that is tested, and xz takes minutes on a shared
PC): first revision 1 with PyInstaller, then revision 2 from the same frozen tree, the "same
code, higher version" that an upgrade is tested with. Packages are installed with dpkg into a
directory of their own (``--instdir``, ``--admindir``): no container, no root needed, and the
system's dpkg database is never touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD_DEB = ROOT / "packaging" / "build_deb.py"
SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
BUILD_TIMEOUT_S = 1500


@dataclass(frozen=True)
class Debs:
    first: Path  # revision 1
    second: Path  # the same code as revision 2
    frozen: Path  # PyInstaller's output directory


def _build(*args: str | Path) -> Path:
    result = subprocess.run([sys.executable, str(BUILD_DEB), *map(str, args)], capture_output=True, text=True,
                            cwd=ROOT, timeout=BUILD_TIMEOUT_S)
    assert result.returncode == 0, f"package build failed:\n{result.stdout}\n{result.stderr[-5000:]}"
    return Path(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="session")
def debs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Debs]:
    missing = [tool for tool in ("dpkg", "dpkg-deb", "objdump") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"building the .deb needs {', '.join(missing)} (Debian: dpkg, binutils)")
    base = tmp_path_factory.mktemp("package")
    work, output = base / "work", base / "debs"
    first = _build("--work", work, "--output", output, "--compression", "none", "--revision", "1")
    frozen = work / "dist" / "gridstation"
    second = _build("--work", work, "--output", output, "--compression", "none", "--revision", "2", "--frozen", frozen)
    yield Debs(first, second, frozen)
    shutil.rmtree(base, ignore_errors=True)  # about 1 GB; pytest would keep it for three sessions


class DpkgRoot:
    """A throwaway installation root with its own dpkg database, and a home for the app's user."""

    def __init__(self, path: Path) -> None:
        self.instdir = path / "root"
        self.admindir = path / "dpkg"
        self.home = path / "home"
        for directory in (self.instdir, self.admindir / "info", self.admindir / "updates", self.home):
            directory.mkdir(parents=True)
        (self.admindir / "status").touch()

    def dpkg(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        # Dependencies are the system's business (this root has no libc); no maintainer scripts to chroot for.
        command = ["dpkg", f"--instdir={self.instdir}", f"--admindir={self.admindir}", "--log=/dev/null",
                   "--force-not-root", "--force-script-chrootless", "--force-depends", *map(str, args)]
        result = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ, PATH=SYSTEM_PATH),
                                timeout=300)
        assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}"
        return result

    def installed_version(self) -> str | None:
        result = subprocess.run(["dpkg-query", f"--admindir={self.admindir}", "-W", "-f=${Status} ${Version}",
                                 "gridstation"], capture_output=True, text=True)
        if result.returncode != 0 or not result.stdout.startswith("install ok installed"):
            return None
        return result.stdout.split()[-1]

    def path(self, absolute: str) -> Path:
        """Where ``absolute`` (a path on the station PC, e.g. /opt/gridstation) is in this root."""
        return self.instdir / absolute.lstrip("/")

    @property
    def data_dir(self) -> Path:
        """The app's default data directory for this root's user (platformdirs, XDG)."""
        return self.home / ".local" / "share" / "GridStation"

    def run_app(self, *args: str | Path, extra_env: dict[str, str] | None = None,
                timeout: float = 180) -> subprocess.CompletedProcess[str]:
        """Run the installed app as a user with a clean environment and no screen."""
        env = {"PATH": SYSTEM_PATH, "HOME": str(self.home), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
               **(extra_env or {})}
        return subprocess.run([str(self.path("/opt/gridstation/gridstation")), *map(str, args)], capture_output=True,
                              text=True, env=env, timeout=timeout, cwd=self.home)


@pytest.fixture
def dpkg_root(tmp_path: Path) -> Iterator[DpkgRoot]:
    yield DpkgRoot(tmp_path)
    shutil.rmtree(tmp_path / "root", ignore_errors=True)  # the installed app, a few hundred MB
