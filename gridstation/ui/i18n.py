"""Installing the interface language: GridStation's own .qm plus Qt's for standard dialog buttons."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from gridstation.resources import resource_path

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"


class Translations:
    """The translators installed on one application; ``install`` swaps them for another language."""

    def __init__(self, app: QCoreApplication, directory: Path | None = None) -> None:
        self._app = app
        self._directory = directory or resource_path("translations")
        self._translators: list[QTranslator] = []
        self.language = "en"

    def install(self, language: str) -> None:
        """Switch to ``language`` ("zh_CN" or "en"); English is the source language and needs no translator."""
        if language not in LANGUAGES:
            log.warning("unknown interface language %r, using %s", language, DEFAULT_LANGUAGE)
            language = DEFAULT_LANGUAGE
        for translator in self._translators:
            self._app.removeTranslator(translator)
        self._translators.clear()
        self.language = language
        if language == "en":
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
            return
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        sources = [
            (f"gridstation_{language}", str(self._directory)),
            (f"qtbase_{language}", qt_dir),
        ]
        for name, directory in sources:
            translator = QTranslator(self._app)
            if translator.load(name, directory):
                self._app.installTranslator(translator)
                self._translators.append(translator)
            else:
                log.warning("translation %s not found in %s (run `make translations`)", name, directory)
