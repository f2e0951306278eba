"""Starting the desktop app: QApplication, fonts, translations, error hook, store, sign-in, main window.

Start-up is ordered for the person waiting at the station PC. The login window needs only the
station name and language, read with the plain sqlite3 module (``db.files.peek_station``); it
shows before the database layer (SQLAlchemy, pydantic) has even been imported. The full store
opens meanwhile on the operations thread, and because operations run one at a time in order, the
password check queued by the login button runs after it. A first run opens the store directly
and shows the set-up wizard.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from gridstation import APP_NAME, __version__
from gridstation.config import default_log_dir
from gridstation.db.files import acquire_instance_lock, peek_station
from gridstation.domain.errors import GridStationError
from gridstation.font_files import font_files
from gridstation.log import setup_logging
from gridstation.resources import resource_path
from gridstation.ui.context import Context
from gridstation.ui.gui_thread_gc import GuiThreadCollector
from gridstation.ui.i18n import DEFAULT_LANGUAGE, Translations
from gridstation.ui.login import LoginDialog
from gridstation.ui.messages import error_box, show_error
from gridstation.ui.operations import run_op, wait_for_operations

if TYPE_CHECKING:
    from filelock import FileLock

    from gridstation.db.store import Store
    from gridstation.ui.main_window import MainWindow

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


def open_store(data_dir: Path, lock: FileLock | None = None) -> Store | None:
    """Open the station's store, or explain why not in a (blocking) message box and return None."""
    from gridstation.db.store import Store

    try:
        return Store.open(data_dir, lock=lock)
    except GridStationError as exc:
        log.error("cannot open the data directory %s: %s", data_dir, exc)
        if lock is not None:
            lock.release()
        error_box(None, exc).exec()
        return None


class Launcher(QObject):
    """The start-up sequence of one app run: wizard or login, then the main window."""

    mainWindowShown = Signal()  # noqa: N815 - Qt signal naming

    def __init__(self, app: QApplication, data_dir: Path, *, language: str | None, log_path: Path | None) -> None:
        super().__init__()
        self.app = app
        self.data_dir = Path(data_dir).expanduser().absolute()
        self.language = language
        self.i18n = Translations(app)
        self.context = Context(store=None, data_dir=self.data_dir, log_path=log_path, i18n=self.i18n)  # type: ignore[arg-type]
        self.login: LoginDialog | None = None
        self.window: MainWindow | None = None
        self.exit_code = 0

    def start(self) -> bool:
        """Show the first window; False when there is nothing to run: the data directory cannot be
        used (explained to the user, ``exit_code`` 2) or the first-run wizard was cancelled."""
        self.i18n.install(self.language or DEFAULT_LANGUAGE)
        try:
            lock = acquire_instance_lock(self.data_dir)
        except GridStationError as exc:
            log.error("cannot use the data directory %s: %s", self.data_dir, exc)
            error_box(None, exc).exec()
            self.exit_code = EXIT_STORE_ERROR
            return False
        try:
            peek = peek_station(self.data_dir)
        except GridStationError as exc:
            lock.release()
            log.error("cannot open the data directory %s: %s", self.data_dir, exc)
            error_box(None, exc).exec()
            self.exit_code = EXIT_STORE_ERROR
            return False
        if self.language is None and peek.language:
            self.i18n.install(peek.language)
        if not peek.initialized:
            return self._first_run(lock)
        run_op(None, self._open_store_in_background, lock, failure=self._store_failed)
        self.show_login(peek.station_name)
        return True

    def _open_store_in_background(self, lock: FileLock) -> None:
        from gridstation.db.store import Store

        try:
            self.context.store = Store.open(self.data_dir, lock=lock)
        except BaseException:
            lock.release()
            raise
        # While the person types: load the main window's modules (reportlab, PDFium, the pages),
        # so that signing in only has to build the window. Importing defines classes; no widget
        # is created off the GUI thread.
        import gridstation.ui.main_window  # noqa: F401

    def _store_failed(self, exc: BaseException) -> None:
        log.error("cannot open the data directory %s: %s", self.data_dir, exc)
        if self.login is not None:
            self.login.hide()
        error_box(None, exc).exec()
        self.exit_code = EXIT_STORE_ERROR
        self.app.exit(EXIT_STORE_ERROR)

    def _first_run(self, lock: FileLock) -> bool:
        from gridstation.ui.wizard import FirstRunWizard

        store = open_store(self.data_dir, lock)
        if store is None:
            self.exit_code = EXIT_STORE_ERROR
            return False
        self.context.store = store
        wizard = FirstRunWizard(store)
        if wizard.exec() != QDialog.DialogCode.Accepted:
            return False
        if wizard.signed_in is not None:
            self.context.user = wizard.signed_in
            self.show_main()
        else:
            from gridstation.db import station

            row = station.get_station(store)
            self.show_login(row.name if row is not None else "")
        return True

    def show_login(self, station_name: str) -> None:
        self.login = LoginDialog(self.context, station_name=station_name)
        self.login.accepted.connect(self._signed_in)
        self.login.rejected.connect(self.app.quit)
        self.login.show()

    def _signed_in(self) -> None:
        assert self.login is not None
        self.context.user = self.login.signed_in
        self.login.deleteLater()
        self.login = None
        self.show_main()

    def show_main(self) -> None:
        from gridstation.ui.main_window import MainWindow

        self.window = MainWindow(self.context)
        install_excepthook(self.window)
        self.window.show()
        self.mainWindowShown.emit()

    def close(self) -> None:
        wait_for_operations()
        if self.context.store is not None:
            self.context.store.close()


def create_application(argv: list[str] | None = None) -> QApplication:
    QApplication.setOrganizationName(APP_NAME)
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    # High-DPI scaling is on by default in Qt 6 (pass-through rounding); nothing to set.
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(True)
    QGuiApplication.setDesktopFileName("gridstation")  # packaging/linux/gridstation.desktop, for the task bar
    app.setWindowIcon(QIcon(str(resource_path("icons", "gridstation.png"))))
    load_fonts(app)
    return app


def _probe_login_shown(app: QApplication) -> None:
    sys.stdout.write("login\n")
    sys.stdout.flush()
    app.quit()


def run_gui(data_dir: Path, *, language: str | None = None, probe: bool = False) -> int:
    """Run the app on ``data_dir``; ``language`` ("zh_CN"/"en") overrides the station setting.

    ``probe`` (benchmarks of the installed app): once the first window shows, print "login" and quit."""
    log_path = setup_logging(default_log_dir())
    app = create_application()
    install_excepthook()
    log.info("GridStation %s starting on %s", __version__, data_dir)
    collector = GuiThreadCollector(app)  # no garbage collection in worker threads (see gui_thread_gc)
    launcher = Launcher(app, data_dir, language=language, log_path=log_path)
    try:
        if not launcher.start():
            return launcher.exit_code
        if probe:
            QTimer.singleShot(0, lambda: _probe_login_shown(app))
        code = app.exec()
        return launcher.exit_code or code
    finally:
        launcher.close()
        collector.stop()
