"""Running user actions off the GUI thread (after Anki's ``aqt.operations``).

``run_op(parent, fn, *args, success=..., failure=...)`` runs ``fn(*args, **kwargs)`` on the operations
thread: one worker (like Anki's single-worker collection executor), so operations run in the order they
were started — the audit log follows the user's actions (a "logout" before the next "login") and a read
started after a write sees it. The worker never touches widgets, nor holds the ``Operation``: it emits
the result through a dispatcher that lives on the GUI thread, so ``success(result)`` / ``failure(exc)``
run there (queued connection).
Without ``failure`` the error is shown with ``show_error``, the one place errors are shown.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from gridstation.domain.errors import GridStationError
from gridstation.ui.messages import show_error

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 400

# Operations whose result has not been delivered yet, by key; keeps their Python objects alive
# meanwhile. The worker holds only the key: were it to hold the last reference to an ``Operation``
# (a QObject), dropping it on the worker thread would have shiboken delete the object on the GUI
# thread at the next Python instruction there, possibly while one of its own slots was running
# (a crash seen once in about ten runs of a test).
_in_flight: dict[int, Operation] = {}
_keys = itertools.count()
_pool: QThreadPool | None = None
_dispatcher: _Dispatcher | None = None


class _Dispatcher(QObject):
    """Lives on the GUI thread for the application's life; the worker reports through it."""

    done = Signal(int, object, object)  # operation key, result, exception (None on success)

    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)
        self.done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(int, object, object)
    def _deliver(self, key: int, result: Any, error: BaseException | None) -> None:
        op = _in_flight.pop(key, None)
        if op is None:
            return
        if error is None:
            op._on_success(result)
        else:
            op._on_failure(error)


def _the_dispatcher() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None:
        _dispatcher = _Dispatcher(QCoreApplication.instance())
    return _dispatcher


def operations_pool() -> QThreadPool:
    """The one-thread pool all operations run on (created on first use)."""
    global _pool
    if _pool is None:
        # Owned by the application, so Qt destroys it (after its thread has finished) together with
        # the application instead of leaving it to Python's shutdown order.
        _pool = QThreadPool(QCoreApplication.instance())
        _pool.setMaxThreadCount(1)
        _pool.setExpiryTimeout(-1)
    return _pool


class Operation(QObject):
    """One running action; ``finished`` is emitted on the GUI thread after success or failure."""

    finished = Signal()

    def __init__(self, parent: QWidget | None, success: Callable[[Any], None] | None,
                 failure: Callable[[BaseException], None] | None, progress: str | None) -> None:
        super().__init__()  # no parent: it must outlive a window closed while the work runs
        self._parent = parent
        self._success = success
        self._failure = failure
        self._dialog: QProgressDialog | None = None
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None
        if progress is not None:
            self._dialog = QProgressDialog(progress, "", 0, 0, parent)
            self._dialog.setCancelButton(None)
            self._dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self._dialog.setMinimumDuration(PROGRESS_DELAY_MS)
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

    def _parent_alive(self) -> bool:
        return self._parent is None or shiboken6.isValid(self._parent)

    def _finish(self) -> None:
        self.done = True
        if self._dialog is not None:
            QApplication.restoreOverrideCursor()
            if shiboken6.isValid(self._dialog):
                self._dialog.reset()
                self._dialog.deleteLater()
            self._dialog = None

    def _on_success(self, result: Any) -> None:
        self.result = result
        self._finish()
        if self._success is not None and self._parent_alive():
            self._success(result)
        self.finished.emit()

    def _on_failure(self, exc: BaseException) -> None:
        self.error = exc
        self._finish()
        if self._parent_alive():
            if self._failure is not None:
                self._failure(exc)
            else:
                show_error(self._parent, exc)
        self.finished.emit()


class _Job(QRunnable):
    def __init__(self, key: int, dispatcher: _Dispatcher, fn: Callable[..., Any], args: tuple[Any, ...],
                 kwargs: dict[str, Any]) -> None:
        super().__init__()
        self._key, self._dispatcher, self._fn, self._args, self._kwargs = key, dispatcher, fn, args, kwargs

    def run(self) -> None:
        try:
            result = self._fn(*self._args, **self._kwargs)
        except BaseException as exc:  # every failure is reported on the GUI thread
            if isinstance(exc, GridStationError):
                log.info("%s refused: %s", getattr(self._fn, "__name__", self._fn), exc.loggable)
            else:
                log.exception("operation %s failed", getattr(self._fn, "__name__", self._fn))
            self._dispatcher.done.emit(self._key, None, exc)
        else:
            self._dispatcher.done.emit(self._key, result, None)


def run_op(parent: QWidget | None, fn: Callable[..., Any], *args: Any,
           success: Callable[[Any], None] | None = None,
           failure: Callable[[BaseException], None] | None = None,
           progress: str | None = None, **kwargs: Any) -> Operation:
    """Run ``fn(*args, **kwargs)`` on the operations thread; see the module docstring.

    ``progress`` is a label for a busy dialog shown if the work takes longer than a moment.
    Callbacks are skipped when ``parent`` was deleted meanwhile.
    """
    op = Operation(parent, success, failure, progress)
    key = next(_keys)
    _in_flight[key] = op
    operations_pool().start(_Job(key, _the_dispatcher(), fn, args, kwargs))
    return op


def wait_for_operations(timeout_ms: int = 10_000) -> bool:
    """Block until no operation is running or queued (for shutdown and tests)."""
    return operations_pool().waitForDone(timeout_ms)
