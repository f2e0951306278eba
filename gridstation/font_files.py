"""The bundled font files, for the interface (Qt) and the PDFs (reportlab) alike.

Kept free of both toolkits so that the interface can load the fonts at start-up without
importing reportlab. See ``gridstation.reports.fonts`` for why these fonts and in which order.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gridstation.resources import resource_path

MAIN_FONT = "WenQuanYiMicroHei"
FALLBACK_FONT_A = "HanaMinA"
FALLBACK_FONT_B = "HanaMinB"


@dataclass(frozen=True)
class FontSpec:
    """One bundled font: its reportlab name, Qt family name and file."""

    name: str
    family: str
    filename: str
    subfont_index: int = 0

    @property
    def path(self) -> Path:
        return resource_path("fonts", self.filename)


#: Main font first, then the fallbacks.
FONT_SPECS: tuple[FontSpec, ...] = (
    FontSpec(MAIN_FONT, "WenQuanYi Micro Hei", "wqy-microhei.ttc"),
    FontSpec(FALLBACK_FONT_A, "HanaMinA", "HanaMinA.ttf"),
    FontSpec(FALLBACK_FONT_B, "HanaMinB", "HanaMinB.ttf"),
)


def font_files() -> list[tuple[Path, str]]:
    """``(path, family)`` of every bundled font, for ``QFontDatabase.addApplicationFont``."""
    return [(spec.path, spec.family) for spec in FONT_SPECS]
