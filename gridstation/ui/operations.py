"""Running user actions off the GUI thread (after Anki's ``aqt.operations``).

``run_op(parent, fn, *args, success=..., failure=...)`` runs ``fn(*args, **kwargs)`` on the operations
thread: one worker (like Anki's single-worker collection executor), so operations run in the order they
were started — the audit log follows the user's actions (a "logout" before the next "login") and a read
started after a write sees it. The worker never touches widgets: it only emits a signal of an ``Operation`` object that
lives in the GUI thread, so ``success(result)`` / ``failure(exc)`` run there (queued connection).
Without ``failure`` the error is shown with ``show_error``, the one place errors are shown.
"""

from __future__ import annotations

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

# Operations whose result has not been delivered yet; keeps their Python objects alive meanwhile.
_in_flight: set[Operation] = set()
_pool: QThreadPool | None = None


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

    _succeeded = Signal(object)
    _failed = Signal(object)
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
        self._succeeded.connect(self._on_success, Qt.ConnectionType.QueuedConnection)
        self._failed.connect(self._on_failure, Qt.ConnectionType.QueuedConnection)
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
        _in_flight.discard(self)

    @Slot(object)
    def _on_success(self, result: Any) -> None:
        self.result = result
        self._finish()
        if self._success is not None and self._parent_alive():
            self._success(result)
        self.finished.emit()

    @Slot(object)
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
    def __init__(self, op: Operation, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        super().__init__()
        self._op, self._fn, self._args, self._kwargs = op, fn, args, kwargs

    def run(self) -> None:
        try:
            result = self._fn(*self._args, **self._kwargs)
        except BaseException as exc:  # every failure is reported on the GUI thread
            if isinstance(exc, GridStationError):
                log.info("%s refused: %s", getattr(self._fn, "__name__", self._fn), exc)
            else:
                log.exception("operation %s failed", getattr(self._fn, "__name__", self._fn))
            self._op._failed.emit(exc)
        else:
            self._op._succeeded.emit(result)


def run_op(parent: QWidget | None, fn: Callable[..., Any], *args: Any,
           success: Callable[[Any], None] | None = None,
           failure: Callable[[BaseException], None] | None = None,
           progress: str | None = None, **kwargs: Any) -> Operation:
    """Run ``fn(*args, **kwargs)`` on the operations thread; see the module docstring.

    ``progress`` is a label for a busy dialog shown if the work takes longer than a moment.
    Callbacks are skipped when ``parent`` was deleted meanwhile.
    """
    op = Operation(parent, success, failure, progress)
    _in_flight.add(op)
    operations_pool().start(_Job(op, fn, args, kwargs))
    return op


def wait_for_operations(timeout_ms: int = 10_000) -> bool:
    """Block until no operation is running or queued (for shutdown and tests)."""
    return operations_pool().waitForDone(timeout_ms)
