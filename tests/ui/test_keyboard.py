"""Keyboard use, for grid leaders who work without a mouse: where the focus lands when a dialog opens,
the Tab order, what Enter and Esc do, the shortcuts (Ctrl+S, Ctrl+F, Ctrl+P, F5) and mnemonics
(Alt+letter) that do not clash with each other or with the menu bar."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from gridstation.db import mediation, station
from gridstation.db.accounts import authenticate
from gridstation.db.demo import DEMO_PASSWORD, load_demo
from gridstation.db.store import Store
from gridstation.domain.mediation import CASE_SOURCES
from gridstation.domain.mediation_parties import PartyInput
from gridstation.ui.context import Context
from gridstation.ui.diary.area import DiaryArea
from gridstation.ui.main_window import MainWindow
from gridstation.ui.mediation import ops
from gridstation.ui.mediation.agreement_editor import AgreementEditor
from gridstation.ui.mediation.area import MediationArea
from gridstation.ui.mediation.case_dialogs import ExtensionDialog, QrCheckDialog, TransitionDialog, VisitDialog
from gridstation.ui.mediation.register_dialog import RegisterDialog
from gridstation.ui.operations import wait_for_operations
from gridstation.ui.services.area import ServicesArea
from gridstation.ui.station_setup_page import GridListEditor
from gridstation.ui.sync.scheduler import SyncScheduler
from gridstation.ui.sync.status import SyncStatusWidget
from gridstation.ui.wizard import ADMIN, STATION, FirstRunWizard

WAIT_MS = 20_000


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    opened = Store.open(data_dir)
    load_demo(opened, diary_days=3)
    yield opened
    wait_for_operations()
    opened.close()


@pytest.fixture
def ctx(store: Store, data_dir: Path) -> Context:
    return Context(store=store, data_dir=data_dir, user=authenticate(store, "wangfang", DEMO_PASSWORD))


def shown(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window(), timeout=WAIT_MS)
    return widget


def tab_order(start: QWidget, within: QWidget) -> list[QWidget]:
    """The widgets Tab reaches from ``start``, in order, once round."""
    order, widget = [], start
    while True:
        if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(within) and widget.isEnabled()
                and widget.focusProxy() is None):
            order.append(widget)
        widget = widget.nextInFocusChain()
        if widget is start:
            return order


def focus_owner(widget: QWidget | None) -> QWidget | None:
    """The field that has the focus (a spin box's or date edit's inner line edit counts as the box)."""
    while widget is not None and widget.objectName() == "qt_spinbox_lineedit":
        widget = widget.parentWidget()
    return widget


# -- dialogs: first field, Tab order, Enter -------------------------------------------------------


@pytest.mark.parametrize("make", [
    lambda ctx: ExtensionDialog(ctx, "case"),
    lambda ctx: TransitionDialog(ctx, "case", "rejected", date.today()),
    lambda ctx: VisitDialog(ctx, "case", ["张桂兰"], date.today()),
], ids=["extension", "transition", "visit"])
def test_case_dialogs_start_in_the_first_field_and_end_with_save(qtbot, ctx: Context, make) -> None:  # noqa: ANN001
    """The Save/Cancel row was made before the fields: the dialog opened with the focus on Save, and Tab
    went Save → Cancel → fields."""
    dialog = shown(qtbot, make(ctx))
    first_field = dialog.form.itemAt(0, dialog.form.ItemRole.FieldRole).widget()
    assert focus_owner(dialog.focusWidget()) is first_field
    order = tab_order(first_field, dialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert order[0] is first_field and order[-2:] in ([save, cancel], [cancel, save])
    fields = [dialog.form.itemAt(row, dialog.form.ItemRole.FieldRole).widget() for row in range(dialog.form.rowCount())]
    reached = [w for w in order if w in fields]
    assert reached == [w for w in fields if w in order]  # top to bottom, as on the screen
    dialog.reject()


def test_enter_in_the_qr_check_checks_and_keeps_the_answer_in_sight(qtbot, ctx: Context) -> None:
    """A keyboard-wedge scanner types the code and Enter. Enter used to press the default button,
    Close, as well: the dialog shut before anyone could read the answer."""
    dialog = shown(qtbot, QrCheckDialog(ctx))
    assert dialog.focusWidget() is dialog.code
    answers: list[bool] = []
    dialog.checked.connect(answers.append)
    dialog.code.setText("GSMED1|not-a-real-code")
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(answers), timeout=WAIT_MS)
    wait_for_operations()
    qtbot.wait(50)
    assert dialog.isVisible() and dialog.result.text()
    assert answers == [False]  # checked once, not twice
    assert tab_order(dialog.code, dialog)[:2] == [dialog.code, dialog.check_button]
    dialog.reject()


def test_grid_rows_come_before_add_grid_in_the_tab_order(qtbot) -> None:
    """In the first-run wizard Tab went from the community name to "Add grid", then back up to the grid."""
    holder = QWidget()
    community_name = QLineEdit(holder)
    editor = GridListEditor()
    editor.setParent(holder)  # as the wizard's form does, after the fields above it
    shown(qtbot, holder)
    row = editor.rows[0]
    order = tab_order(community_name, holder)
    assert order.index(row.code) < order.index(row.name) < order.index(editor.add_button)


# -- Esc does not throw typed input away silently --------------------------------------------------


def register_dialog(qtbot, ctx: Context) -> RegisterDialog:
    grids = [(g.code, g.name) for g in station.list_grids(ctx.store)]
    return shown(qtbot, RegisterDialog(ctx, grids, date.today()))


def test_escape_on_an_empty_form_closes_it_at_once(qtbot, ctx: Context) -> None:
    dialog = register_dialog(qtbot, ctx)
    assert focus_owner(dialog.focusWidget()) is dialog.grid
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.guard.question is None


def test_escape_asks_before_discarding_what_was_typed(qtbot, ctx: Context) -> None:
    dialog = register_dialog(qtbot, ctx)
    dialog.title.setText("张某与李某漏水纠纷")
    qtbot.keyClick(dialog.title, Qt.Key.Key_Escape)
    question = dialog.guard.question
    assert dialog.isVisible() and question is not None and question.isVisible()
    assert question.defaultButton() is question.button(QMessageBox.StandardButton.Cancel)  # Enter keeps editing
    qtbot.keyClick(question, Qt.Key.Key_Escape)  # Esc on the question keeps editing too
    assert dialog.isVisible() and dialog.title.text() == "张某与李某漏水纠纷"
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    question = dialog.guard.question
    assert dialog.isVisible() and question is not None
    question.button(QMessageBox.StandardButton.Discard).click()
    assert not dialog.isVisible()


def test_a_case_step_asks_before_its_typed_reason_is_lost(qtbot, ctx: Context) -> None:
    """The small case dialogs (a withdrawal, termination or refusal with its reason, an extension, a
    visit) ask too; untouched, even with pre-filled fields, they close at once."""
    dialog = shown(qtbot, TransitionDialog(ctx, "case", "withdrawn", date.today(), parties=["张桂兰"]))
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.guard.question is None
    dialog = shown(qtbot, TransitionDialog(ctx, "case", "withdrawn", date.today(), parties=["张桂兰"]))
    dialog.reason.setPlainText("双方已自行和解")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.guard.question is not None
    dialog.guard.question.button(QMessageBox.StandardButton.Cancel).click()
    assert dialog.isVisible() and dialog.reason.toPlainText() == "双方已自行和解"


def test_closing_from_code_does_not_ask(qtbot, ctx: Context) -> None:
    """The lock screen closes every open dialog; it must not wait for an answer."""
    dialog = register_dialog(qtbot, ctx)
    dialog.title.setText("张某与李某漏水纠纷")
    dialog.reject()
    assert not dialog.isVisible() and dialog.guard.question is None


# -- shortcuts -------------------------------------------------------------------------------------


@pytest.mark.parametrize("area_type", [DiaryArea, ServicesArea, MediationArea])
def test_ctrl_f_goes_to_the_search_field(qtbot, ctx: Context, area_type: type[QTabWidget]) -> None:
    if area_type is MediationArea:
        ctx.user = authenticate(ctx.store, "zhaomin", DEMO_PASSWORD)
    area = shown(qtbot, area_type(ctx))
    area.setCurrentIndex(area.count() - 1)
    qtbot.keyClick(area.currentWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    field = area.search_page.search_edit if isinstance(area, DiaryArea) else area.list_page.search_edit
    assert area.currentWidget() is field.parentWidget() or area.currentWidget().isAncestorOf(field)
    assert QApplication.focusWidget() is field
    wait_for_operations()


def test_ctrl_s_saves_the_diary_item_and_ctrl_p_prints(qtbot, ctx: Context) -> None:
    area = shown(qtbot, DiaryArea(ctx))
    page = area.day_page
    qtbot.waitUntil(lambda: not page.busy and page.view is not None, timeout=WAIT_MS)
    if not page.editable:
        pytest.skip("today's demo page is already closed")
    rows = page.model.rowCount()
    page.editor.focus_first()
    page.editor.place.setText("幸福小区")
    page.editor.problem.setPlainText("检查路灯")
    qtbot.keyClick(page.editor.problem, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not page.busy and page.model.rowCount() == rows + 1, timeout=WAIT_MS)
    with qtbot.waitSignal(page.print_button.clicked, timeout=WAIT_MS):
        qtbot.keyClick(page.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    wait_for_operations()
    for box in [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not area]:
        box.close()


def test_ctrl_s_in_tomorrows_plan_saves_the_plan_not_an_empty_item(qtbot, ctx: Context) -> None:
    area = shown(qtbot, DiaryArea(ctx))
    page = area.day_page
    qtbot.waitUntil(lambda: not page.busy and page.view is not None, timeout=WAIT_MS)
    if not page.editable:
        pytest.skip("today's demo page is already closed")
    rows = page.model.rowCount()
    page.plan.setFocus()
    page.plan.setText("复查隐患整改")
    qtbot.keyClick(page.plan, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    assert page._saved_header is not None and page._saved_header["tomorrow_plan"] == "复查隐患整改"
    assert page.model.rowCount() == rows and page.save_button.isEnabled()


def test_f5_syncs_now_and_opens_the_sync_page_when_not_enrolled(qtbot, ctx: Context) -> None:
    scheduler = SyncScheduler(ctx, interval_ms=3_600_000, first_run_ms=3_600_000)
    try:
        holder = QWidget()
        status = SyncStatusWidget(ctx, scheduler, holder)
        shown(qtbot, holder)
        qtbot.waitUntil(lambda: status.overview is not None, timeout=WAIT_MS)
        with qtbot.waitSignal(status.activated, timeout=WAIT_MS):  # not enrolled: the page that says so
            qtbot.keyClick(holder, Qt.Key.Key_F5)
        started: list[bool] = []
        scheduler.sync_now = lambda: started.append(True) or True  # type: ignore[method-assign]
        status.overview = dataclasses.replace(status.overview, enrolled=True)
        qtbot.keyClick(holder, Qt.Key.Key_F5)
        assert started == [True]
    finally:
        scheduler.stop()
        wait_for_operations()


# -- mnemonics -------------------------------------------------------------------------------------


def mnemonic(text: str) -> str | None:
    match = re.search(r"&([^&])", text.replace("&&", ""))
    return match.group(1).upper() if match else None


def mnemonics(window: QWidget) -> dict[str, list[str]]:
    """The Alt+letter keys of the visible, enabled buttons and labelled fields of ``window``."""
    keys: dict[str, list[str]] = {}
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or not widget.isEnabled():
            continue
        text = ""
        if isinstance(widget, QAbstractButton):
            text = widget.text()
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            buddy = widget.buddy()
            text = widget.text() if buddy.isVisible() and buddy.isEnabled() else ""
        if (key := mnemonic(text)) is not None:
            keys.setdefault(key, []).append(text)
    return keys


def clashes(window: MainWindow) -> dict[str, list[str]]:
    """Alt+letter keys that more than one visible, enabled control (or menu) of the window answers to."""
    keys = mnemonics(window)
    for action in window.menuBar().actions():
        if (key := mnemonic(action.text())) is not None:
            keys.setdefault(key, []).append(f"menu {action.text()}")
    return {key: texts for key, texts in keys.items() if len(texts) > 1}


@pytest.mark.parametrize("page_id", [STATION, ADMIN])
def test_wizard_pages_do_not_share_alt_letters_with_its_buttons(qtbot, tmp_path: Path, page_id: int) -> None:
    """Alt+N was both "Station name" and Next, Alt+F both "Full name" and Finish."""
    store = Store.open(tmp_path / "station")
    try:
        wizard = FirstRunWizard(store)
        wizard.setStartId(page_id)
        shown(qtbot, wizard)
        found = {key: texts for key, texts in mnemonics(wizard).items() if len(texts) > 1}
        wizard.reject()
        assert not found, found
    finally:
        wait_for_operations()
        store.close()


@pytest.mark.parametrize("username", ["wangfang", "admin"])
def test_no_alt_letter_means_two_things(qtbot, ctx: Context, username: str) -> None:
    """On the day page Alt+E, Alt+R, Alt+P and Alt+C each named a header field and an item field (or
    button), Alt+H the hazard type, the photo button and the Help menu; Alt+S the Session menu and
    "Start this day's diary", "Sync now" or "Save"."""
    ctx.user = authenticate(ctx.store, username, DEMO_PASSWORD)
    window = MainWindow(ctx, idle_ms=0)
    window.resize(1366, 728)
    shown(qtbot, window)
    found = {}
    for key, page in window.pages.items():
        window.show_page(key)
        for index in range(page.count()) if isinstance(page, QTabWidget) else [None]:
            if index is not None:
                page.setCurrentIndex(index)
            wait_for_operations()
            qtbot.wait(30)
            wait_for_operations()
            if key == "diary" and index == 0 and window.diary.day_page.editable:
                day = window.diary.day_page
                day.editor.category.setCurrentIndex(day.editor.category.findData("hazard"))
                if day.model.rowCount():
                    day.table.selectRow(0)
                    wait_for_operations()
            if key == "sync":
                window.pages["sync"].sync_button.setEnabled(True)  # as when the station is enrolled
            found.update({f"{key}/{index}/{k}": v for k, v in clashes(window).items()})
    window.close()
    assert not found, found


def test_ctrl_s_saves_the_agreement_and_esc_then_asks_only_about_later_typing(qtbot, ctx: Context) -> None:
    user = authenticate(ctx.store, "zhaomin", DEMO_PASSWORD)
    ctx.user = user
    case = mediation.register_case(
        ctx.store, user, grid_code=station.list_grids(ctx.store)[0].code, registered_on=ops.today(ctx.store),
        title="楼上漏水纠纷", dispute_type="neighbour", source=next(iter(CASE_SOURCES)),
        parties=[PartyInput("applicant", "person", "张桂兰"), PartyInput("respondent", "person", "李建国")])
    for state in ("accepted", "mediating"):
        mediation.move_case(ctx.store, user, case.id, state)
    editor = shown(qtbot, AgreementEditor(ctx, ops.load_case(ctx.store, user, case.id), date.today()))
    assert focus_owner(editor.focusWidget()) is editor.kind
    editor.clauses.setPlainText("被申请人赔偿1800元")
    with qtbot.waitSignal(editor.changed, timeout=WAIT_MS):
        qtbot.keyClick(editor.clauses, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not editor.has_input()
    editor.manner.setText("一次性支付")
    qtbot.keyClick(editor.manner, Qt.Key.Key_Escape)
    assert editor.isVisible() and editor.guard.question is not None
    editor.guard.question.button(QMessageBox.StandardButton.Discard).click()
    assert not editor.isVisible()
    wait_for_operations()
