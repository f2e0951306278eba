"""Build the Debian package of the station app: ``python packaging/build_deb.py`` (``make package``).

Steps: freeze the app with PyInstaller (``packaging/gridstation.spec``) unless ``--frozen`` names a
tree frozen earlier, lay out the package, and build it with ``dpkg-deb`` (no root or fakeroot
needed: ``--root-owner-group``). The package installs

    /opt/gridstation/                  the frozen app (executable + contents directory)
    /usr/bin/gridstation               launcher on PATH
    /usr/share/applications/gridstation.desktop, icons under /usr/share/icons/hicolor

Its version is ``gridstation.__version__`` (checked against pyproject.toml) with the Debian
revision ``--revision`` or ``$GRIDSTATION_DEB_REVISION`` (default 1): a rebuild of the same code
with a higher revision upgrades an installed one. The package has no maintainer scripts, so
installing, upgrading or removing it never touches a station's data or log directory (they live
in each user's home); the desktop menu and icon caches are refreshed by Debian's own triggers.

``Depends`` is worked out from the frozen tree: every shared library a bundled binary needs that
PyInstaller left out (glibc, OpenGL/EGL, xcb, Wayland: these must match the system) is mapped to
its Debian package below, and ``libc6`` gets the newest glibc symbol version used. A library
missing from the map stops the build, so a new dependency is never dropped silently.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import layout  # noqa: E402 - after the path set-up

ROOT = layout.REPO_ROOT
HERE = ROOT / "packaging"
PACKAGE = "gridstation"
INSTALL_DIR = Path("opt") / PACKAGE
REVISION_ENV = "GRIDSTATION_DEB_REVISION"
MAINTAINER = "GridStation maintainers <gridstation@localhost>"

GLIBC_LIBRARIES = {"libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libutil.so.1",
                   "libresolv.so.2", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1"}
#: Shared libraries the bundle uses from the system, and the Debian package providing each;
#: "a|b" for a package renamed in newer releases (Debian 13 / Ubuntu 24.04 64-bit time_t).
SYSTEM_LIBRARIES = {
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
    "libdrm.so.2": "libdrm2",
    "libxcb.so.1": "libxcb1",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libcrypt.so.1": "libcrypt1",
}
#: Used only by optional Qt plugins (the GTK look on GNOME-like desktops): recommended, not required.
OPTIONAL_LIBRARIES = {"libgtk-3.so.0": "libgtk-3-0|libgtk-3-0t64", "libgdk-3.so.0": "libgtk-3-0|libgtk-3-0t64"}
#: Bundled, but reading the system's font configuration (/etc/fonts), which this package brings.
ALWAYS_DEPENDS = ["libfontconfig1"]

DESCRIPTION = """\
Description: GridStation (网格服务站工作台), community grid service station workbench
 Desktop workbench for community grid service stations: residents' matters,
 mediation, work diaries and services in a local database that works offline,
 printable PDF reports with embedded Chinese fonts, and synchronisation with a
 district server. The interface is in Simplified Chinese.
 .
 Each user's data stays in ~/.local/share/GridStation; installing, upgrading
 or removing this package never changes it.
"""


def app_version() -> str:
    """``gridstation.__version__``, which must equal the version in pyproject.toml."""
    namespace: dict[str, object] = {}
    exec((ROOT / "gridstation" / "__init__.py").read_text(encoding="utf-8"), namespace)  # no imports run
    version = str(namespace["__version__"])
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    if declared != version:
        raise SystemExit(f"pyproject.toml says {declared} but gridstation.__version__ is {version}")
    return version


def freeze(work: Path) -> Path:
    """Run PyInstaller into ``work``; returns the frozen app directory."""
    dist = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", str(dist),
         "--workpath", str(work / "pyinstaller"), str(HERE / "gridstation.spec")],
        check=True, cwd=ROOT,
    )
    return dist / layout.APP_NAME


def _elf_files(tree: Path) -> list[Path]:
    found = []
    for path in tree.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def system_dependencies(tree: Path) -> tuple[list[str], list[str]]:
    """(Depends, Recommends) for the frozen ``tree``, from the libraries its binaries need."""
    bundled = {path.name for path in tree.rglob("*.so*")}
    needed: set[str] = set()
    glibc = (2, 17)
    for path in _elf_files(tree):
        info = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True, check=True).stdout
        needed.update(re.findall(r"^\s+NEEDED\s+(\S+)", info, re.M))
        for major, minor in re.findall(r"\bGLIBC_(\d+)\.(\d+)\b", info):
            glibc = max(glibc, (int(major), int(minor)))
    depends = [f"libc6 (>= {glibc[0]}.{glibc[1]})", *ALWAYS_DEPENDS]
    recommends: list[str] = []
    unknown = []
    for soname in sorted(needed - bundled - GLIBC_LIBRARIES):
        if soname in SYSTEM_LIBRARIES:
            depends.append(SYSTEM_LIBRARIES[soname].replace("|", " | "))
        elif soname in OPTIONAL_LIBRARIES:
            recommends.append(OPTIONAL_LIBRARIES[soname].replace("|", " | "))
        else:
            unknown.append(soname)
    if unknown:
        raise SystemExit(f"no Debian package known for {', '.join(unknown)}: add it to SYSTEM_LIBRARIES "
                         f"(or OPTIONAL_LIBRARIES) in {Path(__file__).name}")
    return sorted(set(depends)), sorted(set(recommends))


def _normalise_modes(root: Path) -> None:
    """0755 for directories and executables, 0644 for everything else (what dpkg expects)."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        executable = path.is_dir() or mode & (stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        path.chmod(0o755 if executable else 0o644)


def _installed_kib(root: Path) -> int:
    return sum((p.lstat().st_size + 1023) // 1024 for p in root.rglob("*") if not p.is_dir()) + 1


def _write_md5sums(root: Path) -> None:
    """DEBIAN/md5sums, for ``debsums`` / ``dpkg --verify`` on the station PC."""
    lines = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and path.relative_to(root).parts[0] != "DEBIAN":
            with path.open("rb") as fh:
                digest = hashlib.file_digest(fh, "md5").hexdigest()
            lines.append(f"{digest}  {path.relative_to(root).as_posix()}\n")
    md5sums = root / "DEBIAN" / "md5sums"
    md5sums.write_text("".join(lines), encoding="utf-8")
    md5sums.chmod(0o644)


def stage(frozen: Path, root: Path, version: str, architecture: str) -> None:
    """Lay out the package contents and DEBIAN/control under ``root``."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(frozen, root / INSTALL_DIR, symlinks=True)
    launcher = root / "usr" / "bin" / PACKAGE
    launcher.parent.mkdir(parents=True)
    shutil.copy2(HERE / "linux" / "gridstation.sh", launcher)
    launcher.chmod(0o755)
    share = root / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copy2(HERE / "linux" / "gridstation.desktop", share / "applications" / f"{PACKAGE}.desktop")
    icons = ROOT / "resources" / "icons"
    for source, size_dir in ((icons / "gridstation.png", "256x256"), (icons / "gridstation.svg", "scalable")):
        target = share / "icons" / "hicolor" / size_dir / "apps" / f"{PACKAGE}{source.suffix}"
        target.parent.mkdir(parents=True)
        shutil.copy2(source, target)
    doc = share / "doc" / PACKAGE
    doc.mkdir(parents=True)
    shutil.copy2(ROOT / "CHANGELOG.md", doc / "CHANGELOG.md")
    (doc / "copyright").write_text(
        "GridStation is licensed under the Apache License 2.0 (/usr/share/common-licenses/Apache-2.0).\n"
        "Bundled fonts: WenQuanYi Micro Hei and HanaMin, licences under "
        f"/{INSTALL_DIR}/{layout.CONTENTS_DIR}/{layout.RESOURCES_DIR}/fonts.\n",
        encoding="utf-8",
    )
    _normalise_modes(root)
    depends, recommends = system_dependencies(root / INSTALL_DIR)
    control = root / "DEBIAN" / "control"
    control.parent.mkdir()
    fields = [
        f"Package: {PACKAGE}",
        f"Version: {version}",
        f"Architecture: {architecture}",
        f"Maintainer: {MAINTAINER}",
        f"Installed-Size: {_installed_kib(root)}",
        f"Depends: {', '.join(depends)}",
        *([f"Recommends: {', '.join(recommends)}"] if recommends else []),
        "Section: misc",
        "Priority: optional",
    ]
    control.write_text("\n".join(fields) + "\n" + DESCRIPTION, encoding="utf-8")
    control.parent.chmod(0o755)
    control.chmod(0o644)
    _write_md5sums(root)


def build(frozen: Path, output: Path, work: Path, *, revision: str, compression: str) -> Path:
    architecture = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                                  check=True).stdout.strip()
    version = f"{app_version()}-{revision}"
    root = work / "deb-root"
    stage(frozen, root, version, architecture)
    output.mkdir(parents=True, exist_ok=True)
    deb = output / f"{PACKAGE}_{version}_{architecture}.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", f"-Z{compression}", "--build", str(root), str(deb)],
                   check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(root)
    return deb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--output", type=Path, default=ROOT / "dist", help="where the .deb goes (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller and staging files")
    parser.add_argument("--frozen", type=Path, default=None, help="use this frozen app instead of running PyInstaller")
    parser.add_argument("--revision", default=os.environ.get(REVISION_ENV, "1"),
                        help=f"Debian revision, e.g. 2 for a rebuild of the same version (${REVISION_ENV})")
    parser.add_argument("--compression", choices=["xz", "gzip", "none"], default="xz")
    args = parser.parse_args(argv)
    if not re.fullmatch(r"[0-9][A-Za-z0-9.+~]*", args.revision):
        parser.error(f"not a Debian revision: {args.revision!r}")
    frozen = args.frozen or freeze(args.work)
    deb = build(frozen, args.output, args.work, revision=args.revision, compression=args.compression)
    sys.stdout.write(f"{deb}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
