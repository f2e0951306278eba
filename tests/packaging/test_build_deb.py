"""packaging/build_deb.py without PyInstaller: the package layout and its Depends, on a tiny
stand-in for the frozen app (system binaries), in seconds. test_deb.py builds the real thing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gridstation import __version__
from tests.packaging.conftest import ROOT, DpkgRoot

sys.path.insert(0, str(ROOT / "packaging"))
import build_deb  # noqa: E402

pytestmark = pytest.mark.skipif(any(shutil.which(t) is None for t in ("dpkg-deb", "objdump")),
                                reason="needs dpkg-deb and objdump (Debian: dpkg, binutils)")


def _frozen(tmp_path: Path, *binaries: str) -> Path:
    """A directory shaped like PyInstaller's output, holding copies of system binaries."""
    frozen = tmp_path / "frozen" / "gridstation"
    (frozen / "_internal").mkdir(parents=True)
    for index, binary in enumerate(binaries):
        shutil.copy(shutil.which(binary), frozen / ("gridstation" if index == 0 else f"_internal/{binary}"))
    (frozen / "_internal" / "data.txt").write_text("资源\n", encoding="utf-8")
    (frozen / "_internal" / "data.txt").chmod(0o600)
    return frozen


def test_layout_control_md5sums_and_install(tmp_path: Path) -> None:
    deb = build_deb.build(_frozen(tmp_path, "true"), tmp_path / "out", tmp_path / "work", revision="3",
                          compression="none")
    assert deb.name.startswith(f"gridstation_{__version__}-3_")
    control = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True, check=True).stdout
    assert f"Version: {__version__}-3" in control
    depends = next(line for line in control.splitlines() if line.startswith("Depends:"))
    assert depends.startswith("Depends: libc6 (>= 2.") and "libfontconfig1" in depends
    root = DpkgRoot(tmp_path / "dpkg")
    root.dpkg("--install", deb)
    data = root.path("/opt/gridstation/_internal/data.txt")
    assert data.read_text(encoding="utf-8") == "资源\n" and data.stat().st_mode & 0o777 == 0o644  # readable by all
    assert root.path("/opt/gridstation/gridstation").stat().st_mode & 0o777 == 0o755
    verify = subprocess.run(["dpkg", f"--admindir={root.admindir}", f"--instdir={root.instdir}", "--verify",
                             "gridstation"], capture_output=True, text=True)
    assert verify.returncode == 0 and verify.stdout == ""  # every file matches its md5sum


def test_a_library_with_no_known_package_stops_the_build(tmp_path: Path) -> None:
    tree = _frozen(tmp_path, "ls")  # needs libselinux.so.1, which the app itself never does
    with pytest.raises(SystemExit, match=r"no Debian package known for libselinux\.so\.1"):
        build_deb.system_dependencies(tree)


def test_version_comes_from_the_package_and_matches_pyproject() -> None:
    assert build_deb.app_version() == __version__
