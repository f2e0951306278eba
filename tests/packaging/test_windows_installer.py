"""The Windows installer script installs exactly what the PyInstaller spec produces.

It cannot be built here (Inno Setup runs on Windows), so its [Files] section is checked against
``packaging/layout.py``, the names the spec uses; the package tests check on the real Linux build
that the spec produces exactly those names.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "packaging" / "windows" / "gridstation.iss"
sys.path.insert(0, str(ROOT / "packaging"))
import layout  # noqa: E402


def _section(text: str, name: str) -> list[str]:
    """The entries of a section, comments dropped and ISPP ``{#Name}`` defines expanded."""
    match = re.search(rf"^\[{name}\]\s*$(.*?)(?=^\[|\Z)", text, re.M | re.S)
    assert match, f"no [{name}] section"
    defines = dict(re.findall(r'^#define\s+(\w+)\s+"([^"]*)"', text, re.M))
    lines = [line.strip() for line in match.group(1).splitlines() if line.strip() and not line.startswith(";")]
    return [re.sub(r"\{#(\w+)\}", lambda m: defines.get(m.group(1), m.group(0)), line) for line in lines]


def _sources(text: str) -> list[str]:
    """Each [Files] Source, relative to the frozen app directory."""
    frozen = re.search(r'^#define\s+FrozenDir\s+"([^"]*)"', text, re.M).group(1)
    sources = []
    for line in _section(text, "Files"):
        source = re.search(r'Source:\s*"([^"]+)"', line).group(1)
        assert source.startswith(frozen + "\\"), f"{source} is not from {frozen}"
        sources.append(source[len(frozen) + 1:])
    return sources


def test_script_reads_as_utf8_with_bom() -> None:
    # Inno Setup reads a script without a BOM in the system code page (GBK on Chinese Windows).
    assert ISS.read_bytes().startswith(b"\xef\xbb\xbf")


def test_every_top_level_entry_of_the_frozen_app_is_installed() -> None:
    text = ISS.read_text(encoding="utf-8-sig")
    sources = _sources(text)
    named = {source.split("\\")[0] for source in sources}
    assert named == set(layout.top_level_entries("win32"))
    contents = [s for s in sources if s.split("\\")[0] == layout.CONTENTS_DIR]
    assert contents == [f"{layout.CONTENTS_DIR}\\*"]
    line = next(line for line in _section(text, "Files") if f"\\{layout.CONTENTS_DIR}\\*" in line)
    assert "recursesubdirs" in line and "createallsubdirs" in line


def test_shortcuts_per_machine_install_and_data_left_alone() -> None:
    text = ISS.read_text(encoding="utf-8-sig")
    setup = _section(text, "Setup")
    assert "PrivilegesRequired=admin" in setup
    assert any(line.startswith("DefaultDirName={autopf}") for line in setup)
    assert any(line.startswith("AppId={{") for line in setup)
    icons = _section(text, "Icons")
    exe = layout.executable_name("win32")
    assert any("{autoprograms}" in line and exe in line for line in icons)
    assert any("{autodesktop}" in line and exe in line for line in icons)
    # The installer only writes under {app}: nothing deletes or writes the user's data directory.
    code = re.sub(r"^;.*$", "", text, flags=re.M)
    assert "localappdata" not in code.lower()
    assert "[UninstallDelete]" not in code
    assert all("{app}" in line for line in _section(text, "InstallDelete"))


def test_icon_and_spec_names() -> None:
    assert (ROOT / "packaging" / "icons" / "gridstation.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert layout.executable_name("win32") == "gridstation.exe" and layout.executable_name("linux") == "gridstation"
    spec = (ROOT / "packaging" / "gridstation.spec").read_text(encoding="utf-8")
    assert "contents_directory=layout.CONTENTS_DIR" in spec and "name=layout.APP_NAME" in spec
