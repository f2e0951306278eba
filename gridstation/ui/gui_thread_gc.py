"""Python's cyclic garbage collector, run on the GUI thread only.

Left automatic, the collector runs in whichever thread happens to allocate when a threshold is
crossed — often a worker of ``ui/operations.py`` loading rows. If a Qt object's Python wrapper is in
the garbage it then collects, the wrapper (and with it the C++ object) is destroyed off the GUI
thread, which Qt does not allow and which crashes at random. So automatic collection is switched off
and a timer on the GUI thread collects whenever the counts pass the thresholds automatic collection
would have used (the approach calibre and the PyQt mailing list's ``GarbageCollector`` take).
Reference counting still frees everything that is not in a cycle at once, in any thread."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    """From construction until ``stop``: automatic collection off, a ``check`` every ``interval_ms``
    on the thread that owns ``parent`` (the QApplication: the GUI thread)."""

    INTERVAL_MS = 500

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(interval_ms)

    def check(self) -> int | None:
        """Collect the oldest generation whose count passed its threshold (with the younger ones, as
        automatic collection does); the generation collected, or None when none was due."""
        counts = gc.get_count()
        thresholds = gc.get_threshold()
        for generation in (2, 1, 0):
            if thresholds[generation] and counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return generation
        return None

    def stop(self) -> None:
        """Stop the timer, collect everything once here, give collection back to Python as it was
        before, and delete this object (later, from the event loop)."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
        self.deleteLater()
