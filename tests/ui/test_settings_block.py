"""Clearing the mediation case-number block: there is no way yet to remove a stored block
(``db.mediation`` can only set one), so the page says so instead of "nothing to save"."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gridstation.db import mediation, station
from gridstation.ui.context import Context
from gridstation.ui.operations import wait_for_operations
from gridstation.ui.settings_page import SettingsPage


def test_clearing_the_block_is_refused_in_words_and_nothing_is_saved(qtbot, context: Context) -> None:
    mediation.set_station_block(context.store, context.user, 5)
    page = SettingsPage(context)
    qtbot.addWidget(page)
    page.show()
    assert page.case_block.value() == 5
    page.case_block.setValue(0)  # shown as "Not set"
    assert page.case_block.text() == "Not set"
    assert "cannot be cleared" in page.case_block_hint.text()
    page.idle_minutes.setValue(40)  # another change is not saved either: the admin fixes the block first
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    wait_for_operations()
    assert "cannot be cleared" in page.status.text() and "5" in page.status.text()
    assert page.status.text() != "Nothing to save."
    assert mediation.station_block_or_none(context.store) == 5
    assert station.get_setting(context.store, "idle_lock_minutes") == "15"
    page.case_block.setValue(6)  # a real block saves as before, and the warning goes
    with qtbot.waitSignal(page.saved, timeout=10_000):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == "Saved."
    assert mediation.station_block_or_none(context.store) == 6
    assert station.get_setting(context.store, "idle_lock_minutes") == "40"


def test_not_set_stays_quietly_unsaved_when_no_block_is_in_force(qtbot, context: Context) -> None:
    page = SettingsPage(context)
    qtbot.addWidget(page)
    page._loaded_block = 0  # as on a station without a numbered own grid
    page.case_block.setValue(0)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == "Nothing to save."
    assert "choose a block before registering" in page.case_block_hint.text()
