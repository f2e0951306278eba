"""The floor: a minimal PySide6 window. Prints ``shown`` once the window has been painted."""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel


def main() -> int:
    app = QApplication(sys.argv)
    label = QLabel("GridStation floor window")
    label.resize(420, 300)
    label.show()

    def shown() -> None:
        sys.stdout.write("shown\n")
        sys.stdout.flush()
        app.quit()

    QTimer.singleShot(0, shown)  # runs after the first show/paint events have been processed
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
