"""The station PCs' screens: 1024×768, and 1366×768 with Windows display scaling at 125 %, which
leaves 1093×582 device-independent pixels above the taskbar. Every page of the main window and
every long dialog must fit there (scrolling where it has to), and no dialog may open taller than the
screen, which would hide its buttons under the taskbar. In Chinese, the users' language."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QDialog, QTabWidget, QWidget
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from gridstation.db import mediation, station
from gridstation.db.accounts import authenticate
from gridstation.db.demo import DEMO_PASSWORD, load_demo
from gridstation.db.store import Store
from gridstation.domain.mediation import CASE_SOURCES
from gridstation.domain.mediation_parties import PartyInput
from gridstation.ui.context import Context
from gridstation.ui.i18n import Translations
from gridstation.ui.main_window import MainWindow
from gridstation.ui.mediation import ops
from gridstation.ui.mediation.agreement_editor import AgreementEditor
from gridstation.ui.mediation.register_dialog import RegisterDialog
from gridstation.ui.operations import wait_for_operations
from gridstation.ui.pdf_preview import PdfPreviewDialog
from gridstation.ui.screen_fit import SIDE_MARGIN, TITLE_BAR, fit_to_screen
from gridstation.ui.sync.edit_dialog import EditRecordDialog
from gridstation.ui.wizard import FirstRunWizard

WAIT_MS = 20_000
SMALL = QSize(1024, 728)  # 1024×768 less a 40 px taskbar
SCALED = QSize(1093, 582)  # 1366×768 at 125 %, less the taskbar
ROOM = QSize(min(SMALL.width(), SCALED.width()), min(SMALL.height(), SCALED.height()))  # what fits both
EMPTY_STORES: list[Store] = []
DIALOG_ROOM = QSize(ROOM.width() - SIDE_MARGIN, ROOM.height() - TITLE_BAR)


def fits(size: QSize, room: QSize) -> bool:
    return size.width() <= room.width() and size.height() <= room.height()


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    opened = Store.open(data_dir)
    load_demo(opened, diary_days=10)  # a full week: the week summary's tables have all their rows
    yield opened
    wait_for_operations()
    opened.close()


@pytest.fixture
def ctx(store: Store, translations: Translations) -> Iterator[Context]:
    translations.install("zh_CN")
    yield Context(store=store, data_dir=store.data_dir, i18n=translations)
    translations.install("en")


@pytest.fixture
def small_screen(monkeypatch: pytest.MonkeyPatch) -> QSize:
    """The screen's available area as on a 1366×768 PC at 125 % (for ``fit_to_screen``)."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, SCALED.width(), SCALED.height()))
    return SCALED


def settle(qtbot, ms: int = 50) -> None:
    wait_for_operations()
    qtbot.wait(ms)
    wait_for_operations()
    QApplication.processEvents()


@pytest.mark.parametrize("username", ["wangfang", "admin"])
def test_every_page_of_the_main_window_fits_a_small_screen(qtbot, ctx: Context, username: str) -> None:
    ctx.user = authenticate(ctx.store, username, DEMO_PASSWORD)
    window = MainWindow(ctx, idle_ms=0)
    qtbot.addWidget(window)
    window.resize(SMALL)
    window.show()
    qtbot.waitExposed(window)
    too_big = []
    for key, page in window.pages.items():
        window.show_page(key)
        tabs = [page.widget(i) for i in range(page.count())] if isinstance(page, QTabWidget) else [page]
        for tab in tabs:
            if isinstance(page, QTabWidget):
                page.setCurrentWidget(tab)
            settle(qtbot)
            hint = window.minimumSizeHint()
            if not fits(hint, ROOM):
                too_big.append(f"{key}/{type(tab).__name__}: {hint.width()}×{hint.height()}")
    window.close()
    assert not too_big, f"the main window needs more than {ROOM.width()}×{ROOM.height()}: {too_big}"
    assert fits(window.minimumSize(), ROOM), window.minimumSize()  # a fixed minimum would not scroll either


def test_the_week_summary_scrolls_instead_of_overlapping(qtbot, ctx: Context) -> None:
    """At 1366×768 its totals table (ten categories) and the summary line under it were squeezed
    into each other; now the page keeps its content at full height and scrolls."""
    ctx.user = authenticate(ctx.store, "wangfang", DEMO_PASSWORD)
    window = MainWindow(ctx, idle_ms=0)
    qtbot.addWidget(window)
    window.resize(SCALED)
    window.show()
    window.show_page("diary")
    week = window.diary.week_page
    window.diary.setCurrentWidget(week)
    qtbot.waitUntil(lambda: not week.busy and week.report is not None, timeout=WAIT_MS)
    settle(qtbot)
    table, summary = week.totals_view, week.summary_label
    assert table.height() == table.sizeHint().height() or table.height() >= table.minimumHeight()
    below_table = table.mapTo(week, table.rect().bottomLeft()).y()
    assert summary.mapTo(week, summary.rect().topLeft()).y() >= below_table
    window.close()


def _mediating_case(store: Store, ctx: Context) -> str:
    user = authenticate(store, "zhaomin", DEMO_PASSWORD)
    grid = station.list_grids(store)[0].code
    case = mediation.register_case(
        store, user, grid_code=grid, registered_on=ops.today(store), title="楼上漏水纠纷",
        dispute_type="neighbour", source=next(iter(CASE_SOURCES)),
        parties=[PartyInput("applicant", "person", "张桂兰"), PartyInput("respondent", "person", "李建国")])
    mediation.move_case(store, user, case.id, "accepted")
    mediation.move_case(store, user, case.id, "mediating")
    ctx.user = user
    return case.id


def _pdf(path: Path) -> Path:
    page = canvas.Canvas(str(path), pagesize=A4)
    page.drawString(72, 720, "GridStation")
    page.showPage()
    page.save()
    return path


def _dialogs(ctx: Context, tmp_path: Path) -> list[QWidget]:
    case_id = _mediating_case(ctx.store, ctx)
    case = ops.load_case(ctx.store, ctx.user, case_id)
    grids = [(g.code, g.name) for g in station.list_grids(ctx.store)]
    values = {"content": "", "place": "幸福小区"}
    empty = Store.open(tmp_path / "empty")
    EMPTY_STORES.append(empty)
    return [
        RegisterDialog(ctx, grids, date.today()),
        AgreementEditor(ctx, case, date.today()),
        EditRecordDialog("diary_item", values, "refused"),
        FirstRunWizard(empty),
        PdfPreviewDialog(_pdf(tmp_path / "sheet.pdf")),
    ]


def test_long_dialogs_open_within_a_scaled_screen(qtbot, ctx: Context, small_screen: QSize, tmp_path: Path) -> None:
    """The mediation registration (640×720), the agreement (680×760), a refused diary item corrected
    for sync (600 px of fields), the first-run wizard (760×620) and the PDF preview (900×1000) opened
    taller than 582 px: their Save, Next or Print buttons were under the taskbar."""
    problems = []
    for dialog in _dialogs(ctx, tmp_path):
        qtbot.addWidget(dialog)
        dialog.show()
        settle(qtbot)
        name = type(dialog).__name__
        if not fits(dialog.size(), DIALOG_ROOM):
            problems.append(f"{name} opens at {dialog.width()}×{dialog.height()}")
        if not isinstance(dialog, PdfPreviewDialog) and not fits(dialog.minimumSizeHint(), DIALOG_ROOM):
            hint = dialog.minimumSizeHint()
            problems.append(f"{name} needs at least {hint.width()}×{hint.height()}")
        if isinstance(dialog, QDialog):
            dialog.reject()
        else:
            dialog.close()
    wait_for_operations()
    while EMPTY_STORES:
        EMPTY_STORES.pop().close()
    assert not problems, problems


def test_fit_to_screen_keeps_a_small_dialog_as_asked(qtbot, small_screen: QSize) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    fit_to_screen(widget, 400, 300)
    assert widget.size() == QSize(400, 300)
    fit_to_screen(widget, 2000, 2000)
    assert widget.size() == QSize(SCALED.width() - SIDE_MARGIN, SCALED.height() - TITLE_BAR)
