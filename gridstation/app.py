"""Starting the desktop app: QApplication, fonts, translations, error hook, store, sign-in, main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from gridstation import APP_NAME, __version__
from gridstation.config import default_log_dir
from gridstation.db import station
from gridstation.db.store import Store
from gridstation.domain.errors import GridStationError
from gridstation.log import setup_logging
from gridstation.reports.fonts import font_files
from gridstation.ui.context import Context
from gridstation.ui.i18n import DEFAULT_LANGUAGE, Translations
from gridstation.ui.login import LoginDialog
from gridstation.ui.main_window import MainWindow
from gridstation.ui.messages import error_box, show_error
from gridstation.ui.operations import wait_for_operations
from gridstation.ui.wizard import FirstRunWizard

log = logging.getLogger(__name__)

EXIT_STORE_ERROR = 2


def load_fonts(app: QApplication) -> list[str]:
    """Register the bundled fonts and make the main one, with its fallbacks, the application font."""
    families: list[str] = []
    for path, family in font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        loaded = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not loaded:
            log.warning("could not load the font %s", path)
            continue
        families.append(family if family in loaded else loaded[0])
    if families:
        font = QFont(app.font())
        font.setFamilies(families)
        app.setFont(font)
    return families


def install_excepthook(parent: QWidget | None = None) -> None:
    """Log uncaught exceptions and show them in a dialog instead of failing silently."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        log.error("uncaught exception", exc_info=(kind, exc, tb))
        show_error(parent, exc)

    sys.excepthook = hook


def open_store(data_dir: Path) -> Store | None:
    """Open the station's store, or explain why not in a (blocking) message box and return None."""
    try:
        return Store.open(data_dir)
    except GridStationError as exc:
        log.error("cannot open the data directory %s: %s", data_dir, exc)
        error_box(None, exc).exec()
        return None


def sign_in(context: Context) -> bool:
    """First-run wizard if the station is new, then the login dialog; sets ``context.user``."""
    if not station.is_initialized(context.store):
        wizard = FirstRunWizard(context.store)
        if wizard.exec() != QDialog.DialogCode.Accepted:
            return False
        context.user = wizard.signed_in
        if context.user is not None:
            return True
    dialog = LoginDialog(context)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    context.user = dialog.signed_in
    return context.user is not None


def run_gui(data_dir: Path, *, language: str | None = None) -> int:
    """Run the app on ``data_dir``; ``language`` ("zh_CN"/"en") overrides the station setting."""
    log_path = setup_logging(default_log_dir())
    QApplication.setOrganizationName(APP_NAME)
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    # High-DPI scaling is on by default in Qt 6 (pass-through rounding); nothing to set.
    app = QApplication.instance() or QApplication(sys.argv)
    load_fonts(app)
    i18n = Translations(app)
    i18n.install(language or DEFAULT_LANGUAGE)
    install_excepthook()
    log.info("GridStation %s starting on %s", __version__, data_dir)

    store = open_store(data_dir)
    if store is None:
        return EXIT_STORE_ERROR
    try:
        if language is None:
            i18n.install(station.get_setting(store, "language"))
        context = Context(store=store, data_dir=store.data_dir, log_path=log_path, i18n=i18n)
        if not sign_in(context):
            return 0
        window = MainWindow(context)
        install_excepthook(window)
        window.show()
        return app.exec()
    finally:
        wait_for_operations()
        store.close()
