"""Start the station app through its real start-up sequence (``app.Launcher``), then sign in.

Prints ``login`` once the login window has been shown and painted, then ``main <seconds>`` with
the time from clicking "sign in" (once the store has opened in the background, as it has by
the time a person has typed a password) to the painted main window, and exits. Run by ``startup.py``.
"""

import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer

from gridstation.app import Launcher, create_application
from gridstation.ui.operations import wait_for_operations


def main(data_dir: Path, username: str, password: str) -> int:
    app = create_application()
    launcher = Launcher(app, data_dir, language=None, log_path=None)
    clicked: list[float] = []

    def main_shown() -> None:
        sys.stdout.write(f"main {time.perf_counter() - clicked[0]:.6f}\n")
        sys.stdout.flush()
        app.quit()

    def login_shown() -> None:
        sys.stdout.write("login\n")
        sys.stdout.flush()
        QTimer.singleShot(0, click_when_ready)

    def click_when_ready() -> None:
        # A person needs a few seconds to type; the store finishes opening meanwhile. Clicking
        # only then measures what they wait for after pressing Enter.
        if launcher.context.store is None:
            QTimer.singleShot(10, click_when_ready)
            return
        wait_for_operations()  # the background start-up work is done, as after a few seconds of typing
        dialog = launcher.login
        assert dialog is not None
        dialog.username.setText(username)
        dialog.password.setText(password)
        clicked.append(time.perf_counter())
        dialog.try_login()

    launcher.mainWindowShown.connect(lambda: QTimer.singleShot(0, main_shown))
    if not launcher.start():
        return 2
    QTimer.singleShot(0, login_shown)
    try:
        return app.exec()
    finally:
        launcher.close()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2], sys.argv[3]))
