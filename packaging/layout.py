"""What the PyInstaller spec produces, named once for the spec, the .deb and the Windows installer.

The spec freezes the app in "one directory" mode: ``dist/gridstation/`` holds the executable
and the contents directory with the Python runtime, Qt and ``resources/``. The Windows installer
script (``windows/gridstation.iss``) must name every top-level entry; a test holds it to that.
"""

from __future__ import annotations

from pathlib import Path

#: The executable's name (``gridstation.exe`` on Windows) and the folder under ``dist/``.
APP_NAME = "gridstation"
#: PyInstaller's contents directory beside the executable (its default since 6.0, fixed here).
CONTENTS_DIR = "_internal"
#: Where ``resources/`` goes inside the contents directory (``gridstation.resources`` looks there).
RESOURCES_DIR = "resources"
#: Modules the station app never needs: the district server and development tools.
EXCLUDED_PACKAGES = (
    "gridstation.server",
    "fastapi",
    "starlette",
    "uvicorn",
    "alembic",
    "psycopg",
    "psycopg_binary",
    "httpx",
    "pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "importlinter",
    "tkinter",
    "PyInstaller",
    # Reached only through optional code paths (pydantic's pretty printing, build tools); setuptools
    # would also add a run-time hook that costs a third of a second at every start.
    "setuptools",
    "pkg_resources",
    "distutils",
    "_distutils_hack",
    "pip",
    "wheel",
    "rich",
    "pygments",
    "IPython",
)

REPO_ROOT = Path(__file__).resolve().parent.parent
#: The interface languages besides English (gridstation.ui.i18n.LANGUAGES), for Qt's translations.
QT_TRANSLATION_LANGUAGES = ("zh_CN",)


def executable_name(platform: str) -> str:
    """``gridstation`` or, for ``platform`` starting with "win", ``gridstation.exe``."""
    return f"{APP_NAME}.exe" if platform.startswith("win") else APP_NAME


def top_level_entries(platform: str) -> list[str]:
    """The names directly inside ``dist/gridstation/`` on ``platform`` (``sys.platform`` style)."""
    return sorted([executable_name(platform), CONTENTS_DIR])


def foreign_qt_translation(destination: str) -> bool:
    """True for a Qt translation file (``PySide6/Qt/translations/qtbase_de.qm``) of a language the
    interface does not offer; the spec leaves those out."""
    path = Path(destination)
    if path.suffix != ".qm" or path.parent.name != "translations" or "PySide6" not in path.parts:
        return False
    return not any(path.stem.endswith(f"_{language}") for language in QT_TRANSLATION_LANGUAGES)
