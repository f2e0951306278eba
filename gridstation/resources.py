"""Locate bundled files under the top-level ``resources/`` directory.

Works both from a source checkout (``resources/`` sits next to the ``gridstation``
package) and from a PyInstaller bundle, which unpacks data files under
``sys._MEIPASS``; the spec must therefore collect ``resources/`` as ``resources``.
Qt-free, so the domain layers (e.g. ``gridstation.reports``) may use it.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    """The ``resources/`` directory, frozen or not."""
    bundle_dir = getattr(sys, "_MEIPASS", None)
    if bundle_dir is not None:
        return Path(bundle_dir) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a bundled file, e.g. ``resource_path("fonts", "wqy-microhei.ttc")``.

    The path is not checked for existence; callers opening it get the usual
    ``FileNotFoundError`` naming the full path.
    """
    return resources_root().joinpath(*parts)
