"""The first-run wizard, driven on real widgets with a fresh data directory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from gridstation.db import accounts, station
from gridstation.db.store import Store
from gridstation.ui.operations import wait_for_operations
from gridstation.ui.wizard import ADMIN, DEMO, STATION, WELCOME, FirstRunWizard

GOOD_PASSWORD = "Grid#2026pass"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    store = Store.open(data_dir)
    yield store
    wait_for_operations()
    store.close()


@pytest.fixture
def wizard(qtbot, store: Store) -> FirstRunWizard:
    wizard = FirstRunWizard(store, demo_diary_days=20)  # the real default (a year) takes seconds
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def type_text(qtbot, edit, text: str) -> None:
    """Type ASCII with real key presses; QTest cannot synthesise key events for Chinese characters,
    so those are inserted as an input method would."""
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.insert(text)


def click(qtbot, wizard: FirstRunWizard, which: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def fill_station(qtbot, wizard: FirstRunWizard, grids: list[tuple[str, str]]) -> None:
    page = wizard.station_page
    type_text(qtbot, page.name_edit, "新兴社区网格服务站")
    type_text(qtbot, page.street_code, "230204001")
    type_text(qtbot, page.street_name, "站前街道")
    # the community code starts prefilled with the street code: type the last three digits
    assert page.community_code.text() == "230204001"
    type_text(qtbot, page.community_code, "003")
    type_text(qtbot, page.community_name, "新兴社区")
    editor = page.grids
    assert editor.rows[0].code.text() == "230204001003-"  # prefilled community prefix
    for index, (code, name) in enumerate(grids):
        row = editor.rows[index] if index < len(editor.rows) else editor.add_row()
        row.code.setText(code)
        row.name.setText(name)


def fill_admin(qtbot, wizard: FirstRunWizard, password: str = GOOD_PASSWORD, confirm: str | None = None) -> None:
    page = wizard.admin_page
    for edit, text in ((page.username, "liuxm"), (page.display_name, "刘晓梅"), (page.password, password),
                       (page.confirm, password if confirm is None else confirm)):
        edit.clear()
        type_text(qtbot, edit, text)


def go_to_station(qtbot, wizard: FirstRunWizard) -> None:
    assert wizard.currentId() == WELCOME
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == STATION


GRIDS = [("230204001003-001U", "新兴社区第一网格"), ("230204001003-002U", "新兴社区第二网格")]


def test_happy_path_creates_station_and_admin(qtbot, wizard: FirstRunWizard, store: Store) -> None:
    go_to_station(qtbot, wizard)
    fill_station(qtbot, wizard, GRIDS)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == ADMIN
    fill_admin(qtbot, wizard)
    with qtbot.waitSignal(wizard.accepted, timeout=10_000):
        click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert wizard.signed_in is not None and wizard.signed_in.username == "liuxm"
    assert wizard.signed_in.is_admin
    assert station.is_initialized(store)
    assert [(g.code, g.name, g.own) for g in station.list_grids(store)] == [
        (GRIDS[0][0], GRIDS[0][1], True), (GRIDS[1][0], GRIDS[1][1], False)]
    assert station.get_station(store).community_name == "新兴社区"
    assert accounts.authenticate(store, "liuxm", GOOD_PASSWORD).display_name == "刘晓梅"


@pytest.mark.parametrize(
    "bad_code",
    [
        "230204001003-12U",  # grid number of two digits
        "999999999999-001U",  # not a county/street of this station
        "230204002001-001U",  # a grid of another street (grids of other communities of the same street
        # may be served besides the own grid; the own grid's community is checked in the next test)
    ],
)
def test_bad_grid_code_is_refused_on_the_page(qtbot, wizard: FirstRunWizard, store: Store, bad_code: str) -> None:
    go_to_station(qtbot, wizard)
    grids = [GRIDS[0], (bad_code, "坏网格")] if bad_code.startswith("230204") else [(bad_code, "坏网格")]
    fill_station(qtbot, wizard, grids)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    page = wizard.station_page
    assert wizard.currentId() == STATION
    message = page.errors.text("grids")
    assert bad_code in message
    assert page.errors.label("grids").isVisible()
    # everything typed is still there
    assert page.name_edit.text() == "新兴社区网格服务站"
    assert page.community_code.text() == "230204001003"
    assert page.grids.entries() == grids
    assert not station.is_initialized(store)


def test_bad_grid_code_in_first_row_cannot_be_of_another_community(qtbot, wizard: FirstRunWizard) -> None:
    go_to_station(qtbot, wizard)
    fill_station(qtbot, wizard, [("230204001004-001U", "别人的网格")])
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == STATION
    assert "230204001004-001U" in wizard.station_page.errors.text("grids")


def test_missing_station_name_is_shown_next_to_it(qtbot, wizard: FirstRunWizard) -> None:
    go_to_station(qtbot, wizard)
    fill_station(qtbot, wizard, GRIDS)
    wizard.station_page.name_edit.clear()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == STATION
    assert wizard.station_page.errors.text("name")
    assert wizard.station_page.errors.text("grids") == ""


@pytest.mark.parametrize(
    ("password", "confirm", "field"),
    [
        ("short1A", None, "password"),
        ("alllowercaseletters", None, "password"),
        (GOOD_PASSWORD, "Other#2026x", "confirm"),
    ],
)
def test_weak_or_mismatched_password_is_refused(
    qtbot, wizard: FirstRunWizard, store: Store, password: str, confirm: str | None, field: str
) -> None:
    go_to_station(qtbot, wizard)
    fill_station(qtbot, wizard, GRIDS)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    fill_admin(qtbot, wizard, password, confirm)
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    wait_for_operations()
    qtbot.wait(50)
    page = wizard.admin_page
    assert wizard.currentId() == ADMIN
    assert wizard.isVisible() and wizard.signed_in is None
    assert page.errors.text(field)
    assert page.username.text() == "liuxm" and page.password.text() == password
    assert not station.is_initialized(store)


def test_grid_rows_can_be_added_and_removed(qtbot, wizard: FirstRunWizard) -> None:
    go_to_station(qtbot, wizard)
    fill_station(qtbot, wizard, GRIDS)
    editor = wizard.station_page.grids
    assert len(editor.rows) == 2
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert len(editor.rows) == 3 and editor.rows[2].code.text() == "230204001003-"
    assert editor.entries() == GRIDS  # a row with only the prefix counts as empty
    qtbot.mouseClick(editor.rows[1].remove, Qt.MouseButton.LeftButton)
    assert [row.code.text() for row in editor.rows] == [GRIDS[0][0], "230204001003-"]


def test_demo_path_loads_demo_data(qtbot, wizard: FirstRunWizard, store: Store) -> None:
    wizard.welcome_page.demo_radio.setChecked(True)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentId() == DEMO, timeout=15_000)
    assert station.is_initialized(store)
    assert wizard.demo_info is not None and wizard.demo_info.password == "Demo@2026"
    assert "Demo@2026" in wizard.demo_page.password_label.text()
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled() or \
        not wizard.button(QWizard.WizardButton.BackButton).isVisible()
    with qtbot.waitSignal(wizard.accepted, timeout=5_000):
        click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert wizard.signed_in is None
    assert accounts.authenticate(store, "wangfang", "Demo@2026").role == "grid_leader"


def test_keyboard_only_reaches_the_station_page_and_tabs_through_grid_rows(qtbot, wizard: FirstRunWizard) -> None:
    wizard.activateWindow()
    qtbot.keyClick(wizard.welcome_page.setup_radio, Qt.Key.Key_Return)  # Return presses the default Next
    assert wizard.currentId() == STATION
    page = wizard.station_page
    editor = page.grids
    editor.add_row()
    first, second = editor.rows
    assert first.code.nextInFocusChain() is first.name
    assert first.name.nextInFocusChain() is first.remove
    assert first.remove.nextInFocusChain() is second.code
    assert second.remove.nextInFocusChain() is editor.add_button
