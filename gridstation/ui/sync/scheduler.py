"""Running sync in the background: one run at a time on the sync thread, periodic and after failures.

A run can take minutes (weeks of offline work), so it has its own ``QThread``: never the GUI thread,
and never the operations thread (``run_op``), which must stay free for the user's actions. The
engine writes through ``Store.write()`` like every other writer, so writes stay serialised (one
writer lock), while the user keeps working.

When to run (after the advice of AWS's "Exponential backoff and jitter"):

* ``start()`` turns on automatic sync: a first run shortly after, then every ``interval_ms``;
* after a failure worth retrying (network down, server busy: ``SyncError.retry``, or an unexpected
  error) the next run comes after ``uniform(0, min(cap, base * 2**(n-1)))`` — "full jitter", so
  125 stations coming back after an outage do not knock on the district server's door together;
  a success resets ``n``;
* after a record is saved (``Store.change_listeners``) a run comes within ``soon_ms``, unless one is
  due sooner or the server is in backoff; a change saved during a run brings another run soon after;
* after a failure retrying cannot fix (token revoked, certificate not trusted, protocol too old)
  automatic runs pause until someone acts: ``sync_now()`` (the "Sync now" button or a new enrolment)
  resumes them.

The station token never leaves the worker's client and is never logged.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

from gridstation.db.store import Store
from gridstation.sync.client import SyncError
from gridstation.sync.engine import BATCH_SIZE, SyncEngine, SyncReport, client_for
from gridstation.sync.state import load_settings
from gridstation.ui.context import Context
from gridstation.ui.sync.texts import sync_error_text

log = logging.getLogger(__name__)

INTERVAL_MS = 5 * 60_000
FIRST_RUN_MS = 5_000
RETRY_BASE_MS = 30_000
RETRY_CAP_MS = 30 * 60_000
RETRY_MIN_MS = 1_000
SOON_MS = 15_000  # a saved change waits this long, so that a burst of edits goes in one run


class _SyncWorker(QObject):
    """Lives in the sync thread; talks to the scheduler only through signals (queued connections)."""

    started = Signal()
    progress = Signal(str, int, int)
    done = Signal(object)  # SyncReport, or None when the station is not enrolled
    error = Signal(object)  # the exception

    def __init__(self, store: Store, batch_size: int, cancelled: Callable[[], bool]) -> None:
        super().__init__()
        self.store = store
        self.batch_size = batch_size
        self.cancelled = cancelled

    @Slot()
    def run(self) -> None:
        try:
            if not load_settings(self.store).enrolled:
                self.done.emit(None)
                return
            self.started.emit()
            client = client_for(self.store)
            try:
                engine = SyncEngine(self.store, client, batch_size=self.batch_size, progress=self.progress.emit,
                                    cancelled=self.cancelled)
                report = engine.run()
            finally:
                client.close()
        except Exception as exc:  # every failure is reported on the GUI thread
            if isinstance(exc, SyncError):
                log.info("sync failed (retry=%s, code=%s): %s", exc.retry, exc.code or "-", exc)
            else:
                log.exception("sync run failed unexpectedly")
            self.error.emit(exc)
        else:
            log.info("sync done: %s sent, %s received, %s conflicts, %s refused%s", report.pushed, report.pulled,
                     report.conflicts, report.rejected, " (cancelled)" if report.cancelled else "")
            self.done.emit(report)


class SyncScheduler(QObject):
    """Background sync for one station; see the module docstring.

    Signals (always delivered on the GUI thread): ``started()`` when a run begins, ``progress(phase,
    done, total)`` with phase ``"push"`` (total known) or ``"pull"`` (total 0), ``finished(report)``
    with a ``SyncReport`` (also for a cancelled run), ``failed(message, retry)`` with the translated
    message and whether the failure is worth retrying (with automatic sync on, the retry is then
    scheduled after ``next_delay_ms``).

    Call ``stop()`` before the application ends (it is also connected to ``aboutToQuit``).
    """

    started = Signal()
    progress = Signal(str, int, int)
    finished = Signal(object)
    failed = Signal(str, bool)
    _run_requested = Signal()
    _changed = Signal()  # a unit of work committed (emitted on the writing thread)

    def __init__(self, context: Context, parent: QObject | None = None, *, interval_ms: int = INTERVAL_MS,
                 first_run_ms: int = FIRST_RUN_MS, retry_base_ms: int = RETRY_BASE_MS,
                 retry_cap_ms: int = RETRY_CAP_MS, retry_min_ms: int = RETRY_MIN_MS,
                 soon_ms: int = SOON_MS, batch_size: int = BATCH_SIZE) -> None:
        super().__init__(parent)
        self.context = context
        self.interval_ms = interval_ms
        self.first_run_ms = first_run_ms
        self.retry_base_ms = retry_base_ms
        self.retry_cap_ms = retry_cap_ms
        self.retry_min_ms = retry_min_ms
        self.soon_ms = soon_ms
        self._changed_during_run = False
        self.failures = 0  # consecutive failures worth retrying
        self.next_delay_ms: int | None = None  # when the scheduled run comes (None: none scheduled)
        self.last_error: BaseException | None = None
        self._automatic = False
        self._paused = False
        self._running = False
        self._manual = False
        self._stopped = False
        self._cancel = threading.Event()

        # No Qt parent for the thread and the worker: their lifetime is ended by stop(), never by a
        # parent being deleted while the thread still runs.
        self._thread = QThread()
        self._thread.setObjectName("gridstation-sync")
        self._worker = _SyncWorker(context.store, batch_size, self._cancel.is_set)
        self._worker.moveToThread(self._thread)
        self._run_requested.connect(self._worker.run)
        self._worker.started.connect(self.started)
        self._worker.progress.connect(self.progress)
        self._worker.done.connect(self._on_done)
        self._worker.error.connect(self._on_error)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._automatic_run)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)
        self._changed.connect(self.changes_saved)  # queued: the listener runs on the writing thread
        self._listener = self._changed.emit
        context.store.change_listeners.append(self._listener)

    # -- public -------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._running

    @property
    def automatic(self) -> bool:
        """Whether runs are scheduled by themselves (started and not paused by a lasting failure)."""
        return self._automatic and not self._paused and not self._stopped

    def start(self) -> None:
        """Turn on automatic sync (the first run after ``first_run_ms``)."""
        if self._stopped:
            return
        self._automatic = True
        self._paused = False
        if not self._running:
            self._schedule(self.first_run_ms)

    def sync_now(self) -> bool:
        """Start a run now; False when one is already running (or the scheduler was stopped)."""
        if self._stopped or self._running:
            return False
        self._paused = False
        self._launch(manual=True)
        return True

    @Slot()
    def changes_saved(self) -> None:
        """A record was saved: send it soon (see the module docstring)."""
        if not self.automatic or self.failures:
            return
        if self._running:
            self._changed_during_run = True
            return
        if self.next_delay_ms is None or self._timer.remainingTime() > self.soon_ms:
            self._schedule(self.soon_ms)

    def cancel(self) -> None:
        """Ask the running run to stop after the batch or page in hand (the report says ``cancelled``)."""
        if self._running:
            self._cancel.set()

    def stop(self, timeout_ms: int = 5_000) -> None:
        """End automatic sync and the sync thread, waiting for a running run to stop (for shutdown).

        A running run is cancelled; it stops after the request in hand, which the client's timeouts
        bound. The wait is not cut short: ending a thread in the middle of a transaction or leaving
        it running at exit is worse than a slower shutdown.
        """
        if self._stopped:
            return
        self._stopped = True
        if self._listener in self.context.store.change_listeners:
            self.context.store.change_listeners.remove(self._listener)
        self._timer.stop()
        self.next_delay_ms = None
        self._cancel.set()
        if self._thread.isRunning():
            self._thread.quit()
            if not self._thread.wait(timeout_ms):
                log.warning("waiting for the sync run to finish its current request")
                self._thread.wait()

    # -- running ------------------------------------------------------------------------------------
    def _schedule(self, delay_ms: int) -> None:
        self.next_delay_ms = delay_ms
        self._timer.start(delay_ms)

    def _retry_delay_ms(self) -> int:
        cap = min(self.retry_cap_ms, self.retry_base_ms * 2 ** min(self.failures - 1, 30))
        return max(self.retry_min_ms, int(random.uniform(0, cap)))

    @Slot()
    def _automatic_run(self) -> None:
        if self.automatic and not self._running:
            self._launch(manual=False)

    def _launch(self, *, manual: bool) -> None:
        self._timer.stop()
        self._changed_during_run = False
        self.next_delay_ms = None
        self._cancel.clear()
        self._running = True
        self._manual = manual
        if not self._thread.isRunning():
            self._thread.start()
        self._run_requested.emit()

    def _after_run(self, delay_ms: int | None) -> None:
        self._running = False
        if delay_ms is not None and self.automatic:
            self._schedule(delay_ms)

    @Slot(object)
    def _on_done(self, report: SyncReport | None) -> None:
        if report is None:  # not enrolled: nothing to do until an enrolment (which calls sync_now)
            self._after_run(self.interval_ms)
            if self._manual:
                self.failed.emit(QCoreApplication.translate(
                    "Sync", "This station is not enrolled with a district server yet. A station admin can enrol "
                            "it in Settings."), False)
            return
        self.failures = 0
        self.last_error = None
        again, self._changed_during_run = self._changed_during_run, False
        self._after_run(self.soon_ms if again else self.interval_ms)
        self.finished.emit(report)

    @Slot(object)
    def _on_error(self, exc: BaseException) -> None:
        retry = exc.retry if isinstance(exc, SyncError) else True
        message = sync_error_text(exc)
        self.last_error = exc
        if retry:
            self.failures += 1
            self._after_run(self._retry_delay_ms())
        else:
            self._paused = True
            self._after_run(None)
        self.failed.emit(message, retry)
