"""The sync interface on real widgets against a real district server process and real SQLite files:
enrolling, sync now, background retry with backoff, conflicts, refused changes, cancelling."""

# The district server and station fixtures are imported from tests/sync/conftest.py (a non-root
# conftest cannot be shared through pytest_plugins); tests naming them as parameters is the point.
# ruff: noqa: F811

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QMessageBox
from sqlalchemy import text

from gridstation.db import station, todos
from gridstation.db.models import TodoItem
from gridstation.db.store import Store
from gridstation.sync import issues
from gridstation.sync.engine import enrol
from gridstation.sync.state import load_settings
from gridstation.ui.context import Context
from gridstation.ui.operations import wait_for_operations
from gridstation.ui.sync import SyncPage, SyncScheduler, SyncSettingsBox, SyncStatusWidget
from gridstation.ui.sync.history import OUTCOME_ROLE, SyncRunModel
from gridstation.ui.sync.settings_box import FIELDS
from tests.sync.conftest import (  # noqa: F401 - fixtures reused from the sync tests
    GRID_A,
    GRID_B,
    PASSWORD,
    ServerProcess,
    Station,
    free_port,
    server,
    station_a,
    station_b,
    sync,
)
from tests.sync.fault_proxy import FaultProxy
from tests.sync.test_client_errors import other_web_server  # noqa: F401 - a fixture

WAIT_MS = 30_000


# -- fixtures and helpers -----------------------------------------------------------------------------

@pytest.fixture
def schedulers() -> Iterator[Callable[..., SyncScheduler]]:
    """Makes schedulers (long intervals unless a test says otherwise) and always stops them."""
    made: list[SyncScheduler] = []

    def make(context: Context, **options: int) -> SyncScheduler:
        scheduler = SyncScheduler(context, **{"interval_ms": 3_600_000, "first_run_ms": 0, **options})
        made.append(scheduler)
        return scheduler

    yield make
    for scheduler in made:
        scheduler.stop()
        assert not scheduler._thread.isRunning()
    wait_for_operations()


def context_of(st: Station) -> Context:
    return Context(store=st.store, data_dir=st.store.data_dir, user=st.user)


@pytest.fixture
def ctx_a(station_a: Station) -> Iterator[Context]:
    yield context_of(station_a)
    wait_for_operations()


@pytest.fixture
def new_station(tmp_path: Path) -> Iterator[Context]:
    """A station that is set up but not enrolled."""
    store = Store.open(tmp_path / "new")
    admin = station.initialize_station(store, station.StationSetup(
        name="新兴社区第三网格服务站", street_code="230204001", street_name="站前街道", community_code="230204001003",
        community_name="新兴社区", grids=[(GRID_A, "第一网格"), (GRID_B, "第二网格")],
        admin_username="admin", admin_display_name="刘晓梅", admin_password=PASSWORD,
    ))
    yield Context(store=store, data_dir=store.data_dir, user=admin)
    wait_for_operations()
    store.close()


def pending(store: Store) -> int:
    with store.read() as session:
        return int(session.execute(text("SELECT count(*) FROM outbox WHERE state = 'pending'")).scalar_one())


def show(qtbot, widget):  # noqa: ANN001, ANN201
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitUntil(lambda: not widget.busy, timeout=WAIT_MS)
    return widget


def status_bar_widget(qtbot, context: Context, scheduler: SyncScheduler) -> SyncStatusWidget:  # noqa: ANN001
    status = SyncStatusWidget(context, scheduler)
    qtbot.addWidget(status)
    status.show()
    return status


def click(qtbot, button) -> None:  # noqa: ANN001
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def outcomes(model: SyncRunModel) -> list[str]:
    return [model.index(row, SyncRunModel.OUTCOME).data(OUTCOME_ROLE) for row in range(model.rowCount())]


# -- enrolling ----------------------------------------------------------------------------------------

def test_enrolling_through_the_settings_box(qtbot, new_station: Context, server: ServerProcess,
                                            schedulers, tmp_path: Path) -> None:
    scheduler = schedulers(new_station)
    box = show(qtbot, SyncSettingsBox(new_station, scheduler))
    assert box.state_label.text() == "Not enrolled"
    assert box.station_name.text() == "新兴社区第三网格服务站"  # prefilled from the station profile

    box.server_url.setText("http://sync.example.gov.cn")  # plain http to another machine
    click(qtbot, box.enrol_button)
    assert "https://" in box.errors.text("server_url") and box.errors.label("server_url").isVisible()
    box.server_url.setText("sync.example.gov.cn")
    click(qtbot, box.enrol_button)
    assert "is not a server address" in box.errors.text("server_url")

    box.server_url.setText(server.url)
    box.ca_bundle.setText(str(tmp_path / "missing.pem"))
    click(qtbot, box.enrol_button)
    assert box.errors.text("server_url") == "" and "missing.pem" in box.errors.text("ca_bundle")
    box.ca_bundle.clear()

    qtbot.keyClicks(box.code, "ABCD-EFGH")  # a code the district never gave
    click(qtbot, box.enrol_button)
    qtbot.waitUntil(lambda: box.errors.text("code") != "", timeout=WAIT_MS)
    assert box.errors.text("code") == "The district server does not know this enrolment code."
    assert not load_settings(new_station.store).enrolled

    box.code.setText(server.code_for("新兴社区第三网格服务站", GRID_A, GRID_B))
    with qtbot.waitSignal(box.enrolled, timeout=WAIT_MS) as enrolled, \
            qtbot.waitSignal(scheduler.finished, timeout=WAIT_MS):  # enrolling starts a first sync
        click(qtbot, box.enrol_button)
    settings = load_settings(new_station.store)
    assert settings.enrolled and enrolled.args == [settings.station_id]
    qtbot.waitUntil(lambda: box.state_label.text().startswith("Enrolled"), timeout=WAIT_MS)
    assert box.state_label.text() == f"Enrolled as station {settings.station_id} with {server.url}"
    assert box.code.text() == "" and scheduler.automatic
    assert all(settings.token not in w.text() for w in (box.state_label, box.server_url, box.code, box.ca_bundle))


def failed_enrolment(qtbot, box: SyncSettingsBox, url: str) -> dict[str, str]:  # noqa: ANN001
    """Enrols at ``url`` with some code; the error texts shown, by field."""
    box.server_url.setText(url)
    box.code.setText("ABCD-EFGH")
    click(qtbot, box.enrol_button)
    qtbot.waitUntil(lambda: box.enrol_button.isEnabled(), timeout=WAIT_MS)
    shown = {field: box.errors.text(field) for field in FIELDS if box.errors.text(field)}
    assert all(box.errors.label(field).isVisible() for field in shown)
    return shown


def test_enrolling_where_nothing_answers_names_the_address_not_a_later_upload(
        qtbot, new_station: Context, schedulers) -> None:
    box = show(qtbot, SyncSettingsBox(new_station, schedulers(new_station)))
    url = f"http://127.0.0.1:{free_port()}"  # a closed port
    assert failed_enrolment(qtbot, box, url) == {
        "server_url": f"No server could be reached at {url}. Check the address and this PC's network connection."}
    assert not load_settings(new_station.store).enrolled


@pytest.mark.parametrize("status", [501, 404])
def test_enrolling_at_another_web_server_says_it_is_not_a_district_server(
        qtbot, new_station: Context, schedulers, other_web_server: Callable[[int], str], status: int) -> None:
    box = show(qtbot, SyncSettingsBox(new_station, schedulers(new_station)))
    url = other_web_server(status)
    assert failed_enrolment(qtbot, box, url) == {
        "server_url": f"{url} does not answer as a GridStation district server (HTTP {status}). Check the address."}


def test_enrolling_at_a_wrong_path_or_over_https_to_the_district_server(
        qtbot, new_station: Context, server: ServerProcess, schedulers) -> None:
    box = show(qtbot, SyncSettingsBox(new_station, schedulers(new_station)))
    url = server.url + "/foo"
    assert failed_enrolment(qtbot, box, url) == {
        "server_url": f"{url} does not answer as a GridStation district server (HTTP 404). Check the address."}
    url = server.url.replace("http://", "https://")  # the server speaks plain HTTP
    assert failed_enrolment(qtbot, box, url) == {
        "server_url": f"The server at {url} did not answer over HTTPS. Check whether the address should start "
                      "with http:// or https://."}
    assert not load_settings(new_station.store).enrolled


# -- running ------------------------------------------------------------------------------------------

def test_sync_now_sends_the_waiting_changes(qtbot, ctx_a: Context, station_a: Station, schedulers,
                                            caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    for n in range(3):
        todos.add_todo(station_a.store, station_a.user.actor, grid_code=GRID_A, title=f"入户走访 {n}")
    scheduler = schedulers(ctx_a)
    status = status_bar_widget(qtbot, ctx_a, scheduler)
    page = show(qtbot, SyncPage(ctx_a, scheduler))
    qtbot.waitUntil(lambda: status.overview is not None, timeout=WAIT_MS)
    assert status.state_label.text() == "Never synced"
    assert status.pending_label.text() == "Waiting to send: 3"
    assert page.model.rowCount() == 0 and page.sync_button.isEnabled() and not page.cancel_button.isEnabled()

    with qtbot.waitSignal(scheduler.finished, timeout=WAIT_MS) as finished:
        click(qtbot, page.sync_button)
        assert scheduler.running and not page.sync_button.isEnabled()
    assert finished.args[0].pushed == 3 and not scheduler.running
    qtbot.waitUntil(lambda: status.pending_label.text() == "Waiting to send: 0", timeout=WAIT_MS)
    assert status.state_label.text().startswith("Last sync: ") and not status.issue_mark.isVisible()
    assert not status.progress_bar.isVisible()
    qtbot.waitUntil(lambda: not page.busy and outcomes(page.model) == ["ok"], timeout=WAIT_MS)
    assert page.model.index(0, SyncRunModel.SENT).data() == "3"
    assert page.model.index(0, SyncRunModel.OUTCOME).data() == "Completed"
    assert "Changes waiting to be sent: 0" in page.state_label.text()
    assert pending(station_a.store) == 0
    assert load_settings(station_a.store).token not in caplog.text  # never logged


def test_a_saved_change_is_sent_soon_without_waiting_for_the_interval(qtbot, ctx_a: Context,
                                                                       station_a: Station, schedulers) -> None:
    scheduler = schedulers(ctx_a, soon_ms=300)  # the interval stays an hour
    with qtbot.waitSignal(scheduler.finished, timeout=WAIT_MS):
        scheduler.start()  # the first run: nothing to send
    assert scheduler.next_delay_ms == scheduler.interval_ms
    with qtbot.waitSignal(scheduler.finished, timeout=WAIT_MS) as finished:
        todos.add_todo(station_a.store, station_a.user.actor, grid_code=GRID_A, title="刚记下的事项")
        qtbot.waitUntil(lambda: scheduler.next_delay_ms == 300, timeout=WAIT_MS)
    assert finished.args[0].pushed == 1 and pending(station_a.store) == 0
    assert scheduler.next_delay_ms == scheduler.interval_ms  # back to the interval
    scheduler.stop()
    todos.add_todo(station_a.store, station_a.user.actor, grid_code=GRID_A, title="停止后")
    assert station_a.store.change_listeners == []  # a stopped scheduler no longer listens


def test_background_retry_after_the_server_was_down(qtbot, ctx_a: Context, station_a: Station,
                                                    server: ServerProcess, schedulers) -> None:
    todos.add_todo(station_a.store, station_a.user.actor, grid_code=GRID_A, title="复查消防通道")
    scheduler = schedulers(ctx_a, retry_base_ms=200, retry_cap_ms=800, retry_min_ms=0)
    status = status_bar_widget(qtbot, ctx_a, scheduler)
    failures: list[tuple[str, bool]] = []
    scheduler.failed.connect(lambda message, retry: failures.append((message, retry)))
    server.kill()
    with qtbot.waitSignal(scheduler.failed, timeout=WAIT_MS):
        scheduler.start()
    message, retry = failures[0]
    assert retry and "cannot be reached" in message
    assert scheduler.failures >= 1 and scheduler.next_delay_ms is not None and scheduler.next_delay_ms <= 800
    qtbot.waitUntil(lambda: "last attempt failed" in status.state_label.text(), timeout=WAIT_MS)
    assert pending(station_a.store) == 1

    server.start()
    with qtbot.waitSignal(scheduler.finished, timeout=WAIT_MS) as finished:
        pass  # the scheduled retry, nobody presses anything
    assert finished.args[0].pushed == 1 and pending(station_a.store) == 0
    assert scheduler.failures == 0 and scheduler.next_delay_ms == scheduler.interval_ms  # backoff reset
    assert all(r for _, r in failures)
    qtbot.waitUntil(lambda: status.state_label.text().startswith("Last sync: "), timeout=WAIT_MS)
    assert "failed" not in status.state_label.text()


def test_backoff_is_full_jitter_capped_and_a_lasting_failure_pauses(qtbot, new_station: Context,
                                                                     schedulers) -> None:
    scheduler = schedulers(new_station, retry_base_ms=1_000, retry_cap_ms=8_000, retry_min_ms=0)
    for failures, cap in ((1, 1_000), (2, 2_000), (3, 4_000), (4, 8_000), (9, 8_000), (60, 8_000)):
        scheduler.failures = failures
        delays = [scheduler._retry_delay_ms() for _ in range(200)]
        assert all(0 <= d <= cap for d in delays) and max(delays) > cap / 2 and min(delays) < cap / 2
    scheduler.failures = 0
    # not enrolled: "sync now" says so and nothing is retried
    with qtbot.waitSignal(scheduler.failed, timeout=WAIT_MS) as failed:
        assert scheduler.sync_now()
    assert failed.args[1] is False and "not enrolled" in failed.args[0]
    assert not scheduler.running


# -- conflicts and refusals ---------------------------------------------------------------------------

def test_a_conflict_shows_both_values_and_keeping_the_station_value_settles_it(
        qtbot, station_a: Station, station_b: Station, schedulers) -> None:
    item = todos.add_todo(station_a.store, station_a.user.actor, grid_code=GRID_A, title="走访张大爷")
    sync(station_a)
    sync(station_b)
    with station_a.store.unit_of_work(station_a.user.actor) as uow:
        uow.update(uow.session.get(TodoItem, item.id), title="A 的标题")
    with station_b.store.unit_of_work(station_b.user.actor) as uow:
        uow.update(uow.session.get(TodoItem, item.id), title="B 的标题")
    sync(station_a)

    ctx_b = context_of(station_b)
    scheduler = schedulers(ctx_b)
    status = status_bar_widget(qtbot, ctx_b, scheduler)
    page = show(qtbot, SyncPage(ctx_b, scheduler))
    with qtbot.waitSignal(scheduler.finished, timeout=WAIT_MS) as finished:
        click(qtbot, page.sync_button)
    assert finished.args[0].conflicts == 1
    qtbot.waitUntil(lambda: not page.busy and len(page.conflicts.cards) == 1, timeout=WAIT_MS)
    assert page.tabs.tabText(1) == "Conflicts (1)" and page.tabs.tabText(2) == "Not accepted (0)"
    card = page.conflicts.cards[0]
    mine, theirs = card.value_labels["title"]
    assert (mine.text(), theirs.text()) == ("B 的标题", "A 的标题")
    assert "To-do item" in card.findChildren(type(mine))[0].text()
    assert page.model.index(0, SyncRunModel.CONFLICTS).data() == "1"
    qtbot.waitUntil(lambda: status.issue_mark.isVisible(), timeout=WAIT_MS)

    with qtbot.waitSignal(page.changed, timeout=WAIT_MS):
        click(qtbot, card.buttons["keep"])
    qtbot.waitUntil(lambda: not page.busy and page.conflicts.cards == [], timeout=WAIT_MS)
    assert issues.open_issues(station_b.store) == [] and pending(station_b.store) == 1
    assert page.tabs.tabText(1) == "Conflicts (0)" and page.notice_label.isVisible()
    with qtbot.waitSignal(scheduler.finished, timeout=WAIT_MS):
        click(qtbot, page.sync_button)
    sync(station_a)
    with station_a.store.read() as session:
        assert session.get(TodoItem, item.id).title == "B 的标题"
    qtbot.waitUntil(lambda: not status.issue_mark.isVisible(), timeout=WAIT_MS)


def test_refused_changes_are_shown_and_can_be_resent_or_dropped(qtbot, new_station: Context,
                                                                server: ServerProcess, schedulers) -> None:
    store, actor = new_station.store, new_station.user.actor
    enrol(store, server_url=server.url, code=server.code_for("只服务第一网格", GRID_A), station_name="只服务第一网格")
    todos.add_todo(store, actor, grid_code=GRID_B, title="第二网格的事项 1")
    todos.add_todo(store, actor, grid_code=GRID_B, title="第二网格的事项 2")
    scheduler = schedulers(new_station)
    page = show(qtbot, SyncPage(new_station, scheduler))
    with qtbot.waitSignal(scheduler.finished, timeout=WAIT_MS) as finished:
        click(qtbot, page.sync_button)
    assert finished.args[0].rejected == 2
    qtbot.waitUntil(lambda: not page.busy and len(page.refused.cards) == 2, timeout=WAIT_MS)
    assert page.tabs.tabText(2) == "Not accepted (2)"
    first, second = page.refused.cards
    assert "has not assigned this grid" in first.reason_label.text()
    texts = [label.text() for label in first.findChildren(type(first.reason_label))]
    assert "第二网格的事项 1" in texts and GRID_B in texts  # the station's values

    click(qtbot, first.buttons["resend"])
    qtbot.waitUntil(lambda: not page.busy and len(page.refused.cards) == 1, timeout=WAIT_MS)
    assert pending(store) == 1

    second = page.refused.cards[0]
    click(qtbot, second.buttons["drop"])
    box = page.confirm_box
    assert box is not None and box.isVisible()
    click(qtbot, box.button(QMessageBox.StandardButton.No))  # changed their mind
    assert len(issues.open_issues(store)) == 1
    click(qtbot, second.buttons["drop"])
    click(qtbot, page.confirm_box.button(QMessageBox.StandardButton.Yes))
    qtbot.waitUntil(lambda: not page.busy and page.refused.cards == [], timeout=WAIT_MS)
    assert issues.open_issues(store) == [] and page.tabs.tabText(2) == "Not accepted (0)"
    with store.read() as session:  # "don't send" keeps the record on the station
        assert session.execute(text("SELECT count(*) FROM todo_item WHERE grid_code = :g"),
                               {"g": GRID_B}).scalar_one() == 2


def test_a_record_too_large_to_send_waits_on_the_sync_page_in_plain_words(
        qtbot, new_station: Context, server: ServerProcess, schedulers, translations,  # noqa: ANN001
        tmp_path: Path) -> None:
    """The district's web server takes 30 KB a request: a record larger than that alone is kept
    back with words saying what to do, and the rest of the run goes through."""
    store, actor = new_station.store, new_station.user.actor
    proxy = FaultProxy(server.url)
    proxy.max_body = 30_000
    translations.install("zh_CN")
    try:
        enrol(store, server_url=proxy.url, code=server.code_for("第三站", GRID_A), station_name="第三站")
        with store.unit_of_work(actor) as uow:
            uow.create(TodoItem, grid_code=GRID_A, title="长记录", note="记" * 20_000)
        todos.add_todo(store, actor, grid_code=GRID_A, title="短记录")
        scheduler = schedulers(new_station)
        page = show(qtbot, SyncPage(new_station, scheduler))
        with qtbot.waitSignal(scheduler.finished, timeout=WAIT_MS) as finished:
            click(qtbot, page.sync_button)
        assert (finished.args[0].pushed, finished.args[0].rejected) == (1, 1)
        qtbot.waitUntil(lambda: not page.busy and len(page.refused.cards) == 1, timeout=WAIT_MS)
        page.tabs.setCurrentIndex(2)
        page.grab().save(str(tmp_path / "too-large.png"))
        card = page.refused.cards[0]
        assert card.reason_label.text().endswith("这条记录太大，区服务器无法接收。请删减其中最长的文字后再重新发送。")
        texts = [label.text() for label in card.findChildren(type(card.reason_label))]
        assert "记" * 1000 + "……（共 20000 字）" in texts  # the note, cut short on the card
    finally:
        translations.install("en")
        proxy.close()


def test_a_refused_change_is_corrected_in_a_form_and_sent_again(qtbot, new_station: Context,
                                                                server: ServerProcess, schedulers) -> None:
    store, actor = new_station.store, new_station.user.actor
    enrol(store, server_url=server.url, code=server.code_for("只服务第一网格", GRID_A), station_name="只服务第一网格")
    item = todos.add_todo(store, actor, grid_code=GRID_B, title="代岗：楼道堆物")
    scheduler = schedulers(new_station)
    page = show(qtbot, SyncPage(new_station, scheduler))
    with qtbot.waitSignal(scheduler.finished, timeout=WAIT_MS):
        click(qtbot, page.sync_button)
    qtbot.waitUntil(lambda: not page.busy and len(page.refused.cards) == 1, timeout=WAIT_MS)
    click(qtbot, page.refused.cards[0].buttons["edit"])
    dialog = page.edit_dialog
    assert dialog is not None and dialog.isVisible()
    assert "grid_code" not in dialog.editors  # where a record belongs is not edited here
    title = dialog.findChild(QLineEdit, "edit_title")
    due = dialog.findChild(QLineEdit, "edit_due_date")
    title.setText("代岗：三单元楼道堆物")  # QTest types ASCII only; Chinese arrives through the input method
    qtbot.keyClicks(due, "2026-13-40")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and len(issues.open_issues(store)) == 1  # a bad date: told, nothing changed
    for box in dialog.findChildren(QMessageBox):
        assert "2026-13-40" in box.text()
        box.close()
    due.clear()
    qtbot.keyClicks(due, "2026-12-01")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not page.busy and page.refused.cards == [], timeout=WAIT_MS)
    with store.read() as session:
        record = session.get(TodoItem, item.id)
        assert record is not None and record.title == "代岗：三单元楼道堆物" and str(record.due_date) == "2026-12-01"
    assert pending(store) == 1 and issues.open_issues(store) == []


# -- cancelling and shutting down ---------------------------------------------------------------------

def test_cancel_stops_a_large_backlog_and_the_rest_stays_waiting(qtbot, ctx_a: Context, station_a: Station,
                                                                  schedulers) -> None:
    with station_a.store.unit_of_work(station_a.user.actor) as uow:
        uow.audit_records = False
        for n in range(2_000):
            uow.create(TodoItem, grid_code=GRID_A, title=f"积压事项 {n}")
    scheduler = schedulers(ctx_a, batch_size=50)
    page = show(qtbot, SyncPage(ctx_a, scheduler))
    progress: list[str] = []

    def on_progress(phase: str, done: int, total: int) -> None:
        progress.append(page.progress_label.text())
        if page.cancel_button.isEnabled():
            click(qtbot, page.cancel_button)

    scheduler.progress.connect(on_progress)
    with qtbot.waitSignal(scheduler.finished, timeout=WAIT_MS) as finished:
        click(qtbot, page.sync_button)
    report = finished.args[0]
    assert report.cancelled and 0 < report.pushed < 2_000
    assert progress[0] == "Sending 50 / 2,000"
    assert pending(station_a.store) == 2_000 - report.pushed
    qtbot.waitUntil(lambda: not page.busy and outcomes(page.model) == ["cancelled"], timeout=WAIT_MS)
    assert page.model.index(0, SyncRunModel.OUTCOME).data() == "Cancelled"
    assert page.sync_button.isEnabled() and not page.progress_bar.isVisible()

    # shutting down in the middle of a run: stop() waits for the run, which ends cancelled
    scheduler.progress.disconnect(on_progress)
    with qtbot.waitSignal(scheduler.started, timeout=WAIT_MS):
        assert scheduler.sync_now()
    scheduler.stop()
    assert not scheduler._thread.isRunning() and not scheduler.sync_now()
    with station_a.store.read() as session:
        last = session.execute(text("SELECT outcome FROM sync_run ORDER BY id DESC LIMIT 1")).scalar_one()
    assert last == "cancelled" and pending(station_a.store) > 0
