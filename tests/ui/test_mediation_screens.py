"""Mediation screens as a mediator reads them, on real widgets and a fresh station: statements
read back in full, a party dialog wide enough for an ID number, the reveal buttons only where
they can act, and statistics that follow the period picked and say where an export went."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QLineEdit, QMessageBox, QWidget

from gridstation.app import font_files
from gridstation.db import mediation, mediation_records
from gridstation.db.accounts import SignedIn
from gridstation.db.store import Store
from gridstation.domain.mediation_parties import PartyInput
from gridstation.domain.mediation_stats import StatFacts, summarize
from gridstation.reports import mediation_stats_report as report
from gridstation.ui.context import Context
from gridstation.ui.mediation import ops
from gridstation.ui.mediation.case_page import CasePage
from gridstation.ui.mediation.party_dialog import PartyDialog
from gridstation.ui.mediation.session_recorder import SessionRecorder
from gridstation.ui.mediation.stats_page import StatsPage
from gridstation.ui.operations import Operation

WAIT_MS = 20_000
OWN_GRID = "230204001003-001U"
ID_A = "11010519491231002X"
PHONE_A = "13812345678"
ADDRESS = "黑龙江省齐齐哈尔市铁锋区站前街道新兴社区3号楼2单元501室"
LONG_STATEMENT = "从九月开始楼上往我家漏水，顶棚发霉，墙皮脱落，家具也泡坏了，" * 6 + "我要求对方赔偿并尽快修好。"


@pytest.fixture
def store(demo_store: Store) -> Store:
    return demo_store


@pytest.fixture
def context(store: Store, data_dir: Path, mediator: SignedIn) -> Context:
    return Context(store=store, data_dir=data_dir, user=mediator)


def register(store: Store, mediator: SignedIn, *, on: date | None = None, amount: str = "") -> str:
    case = mediation.register_case(
        store, mediator, grid_code=OWN_GRID, registered_on=on or date.today(), title="漏水纠纷",
        dispute_type="neighbour", source="application", amount=amount,
        parties=[PartyInput("applicant", "person", "张桂兰", id_number=ID_A, phone=PHONE_A, address=ADDRESS),
                 PartyInput("respondent", "organisation", "安居物业服务有限公司", legal_rep="王志强")])
    return case.id


def done(qtbot, op: Operation | None) -> None:
    assert op is not None
    qtbot.waitUntil(lambda: op.done, timeout=WAIT_MS)


def shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    """A screenshot to look at, when GRIDSTATION_SHOTS names a folder."""
    folder = os.environ.get("GRIDSTATION_SHOTS")
    if folder:
        widget.grab().save(str(Path(folder) / f"{name}.png"))


# -- 1. the session recorder shows every statement in full --------------------------------------


def test_recorder_rows_grow_to_show_long_statements_in_full(qtbot, store: Store, mediator: SignedIn,
                                                            context: Context) -> None:
    case_id = register(store, mediator)
    mediation.move_case(store, mediator, case_id, "accepted")
    session = mediation_records.start_session(store, mediator, case_id, kind="session", mediator="赵敏")
    mediation_records.add_statement(store, mediator, session.id, speaker="张桂兰", text=LONG_STATEMENT)
    mediation_records.add_statement(store, mediator, session.id, speaker="安居物业服务有限公司", text="同意。")
    case = ops.load_case(store, mediator, case_id)
    recorder = SessionRecorder(context, case, case.sessions[0])
    qtbot.addWidget(recorder)
    recorder.resize(QSize(820, 640))
    recorder.show()
    qtbot.waitExposed(recorder)
    view, model = recorder.view, recorder.model
    line = view.fontMetrics().lineSpacing()

    def needed(row: int, column: int = 2) -> int:
        width = view.columnWidth(column) - 8
        text = model.rows[row].text if column == 2 else model.rows[row].speaker
        return view.fontMetrics().boundingRect(0, 0, width, 100_000, Qt.TextFlag.TextWordWrap, text).height()

    assert needed(0) >= 3 * line  # the statement takes several lines at this width
    assert view.rowHeight(0) >= needed(0)
    assert view.rowHeight(1) < 2 * line + 12  # a short one stays one line
    assert model.data(model.index(0, 2), Qt.ItemDataRole.ToolTipRole) == LONG_STATEMENT
    # a long speaker name wraps within its row instead of being cut off
    assert view.rowHeight(1) >= needed(1, column=1)
    # typed and entered now: its row grows too
    recorder.speaker.setCurrentText("张桂兰")
    recorder.statement.setText(LONG_STATEMENT[::-1])
    done(qtbot, recorder.add_statement())
    qtbot.waitUntil(lambda: len(model.rows) == 3, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: view.rowHeight(2) >= needed(2), timeout=WAIT_MS)
    shot(recorder, "recorder-wide")
    # a narrower window: the wrapped rows grow again
    before = view.rowHeight(0)
    recorder.resize(QSize(620, 640))
    qtbot.waitUntil(lambda: view.rowHeight(0) > before and view.rowHeight(0) >= needed(0), timeout=WAIT_MS)
    shot(recorder, "recorder-narrow")
    recorder.timer.stop()
    recorder.close()


# -- 2. the party dialog is wide enough --------------------------------------------------------------


def _shows_in_full(qtbot, edit: QLineEdit, text: str) -> bool:  # type: ignore[no-untyped-def]
    """True if ``text`` fits ``edit`` without scrolling: the cursor at the end sits one text width
    to the right of the cursor at the start."""
    edit.setText(text)
    edit.setCursorPosition(0)
    edit.grab()  # a paint lays out the scroll position
    start = edit.cursorRect().center().x()
    edit.setCursorPosition(len(text))
    edit.grab()
    end = edit.cursorRect().center().x()
    return abs(end - start - edit.fontMetrics().horizontalAdvance(text)) <= 2


def with_bundled_font(widget: QWidget) -> None:
    """The fonts the application ships (as the app sets them), on ``widget`` only."""
    families = []
    for path, family in font_files():
        loaded = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(path)))
        families += [family if family in loaded else loaded[0]] if loaded else []
    font = QFont(widget.font())
    font.setFamilies(families)
    widget.setFont(font)


def test_party_dialog_shows_an_id_number_phone_and_address_in_full(qtbot) -> None:
    dialog = PartyDialog(None, today=date.today())
    qtbot.addWidget(dialog)
    with_bundled_font(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert _shows_in_full(qtbot, dialog.id_number, ID_A)
    assert _shows_in_full(qtbot, dialog.id_number, "230204198001011234")
    assert _shows_in_full(qtbot, dialog.phone, "0452-2468013")
    assert _shows_in_full(qtbot, dialog.address, ADDRESS)
    dialog.name.setText("张桂兰")
    shot(dialog, "party-dialog")


# -- 3. reveal buttons only where they can act ----------------------------------------------------


def test_reveal_buttons_are_enabled_only_for_a_party_with_that_value(qtbot, store: Store, mediator: SignedIn,
                                                                     context: Context) -> None:
    case_id = register(store, mediator)
    page = CasePage(context)
    qtbot.addWidget(page)
    page.resize(QSize(1000, 760))
    page.show()
    qtbot.waitExposed(page)
    done(qtbot, page.show_case(case_id))
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    reveal_id, reveal_phone = page.party_buttons["reveal_id"], page.party_buttons["reveal_phone"]
    edit, remove = page.party_buttons["edit"], page.party_buttons["remove"]
    # nothing selected: disabled, saying what to do
    for button in (reveal_id, reveal_phone, edit, remove):
        assert not button.isEnabled() and "Select a party" in button.toolTip()
    shot(page, "case-no-selection")
    # the organisation: no ID number, no phone
    page.party_view.selectRow(1)
    assert edit.isEnabled() and remove.isEnabled()
    assert not reveal_id.isEnabled() and "organisation" in reveal_id.toolTip()
    assert not reveal_phone.isEnabled() and "No phone" in reveal_phone.toolTip()
    # the person with both: enabled, and clicking shows the full value
    page.party_view.selectRow(0)
    assert reveal_id.isEnabled() and reveal_phone.isEnabled() and "audit" in reveal_id.toolTip()
    shot(page, "case-person-selected")
    qtbot.mouseClick(reveal_phone, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(page.dialog, QMessageBox), timeout=WAIT_MS)
    assert PHONE_A in page.dialog.text()  # type: ignore[union-attr]
    page.dialog.close()  # type: ignore[union-attr]
    # after a reload the selection is gone, and so are the actions
    done(qtbot, page.reload())
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    assert not reveal_id.isEnabled() and not edit.isEnabled()


# -- 4. statistics follow the period and say where an export went --------------------------------------


@pytest.fixture
def stats_page(qtbot, context: Context) -> StatsPage:
    page = StatsPage(context)
    qtbot.addWidget(page)
    page.resize(QSize(1000, 700))
    page.show()
    qtbot.waitExposed(page)
    return page


def cases_shown(page: StatsPage) -> str:
    return page.model.rows[0][2] if page.model.rows else ""


def test_statistics_table_follows_the_selected_period_and_exports_it(qtbot, store: Store, mediator: SignedIn,
                                                                    stats_page: StatsPage, tmp_path: Path) -> None:
    today = date.today()
    mediation.move_case(store, mediator, register(store, mediator, amount="200358"), "accepted")
    register(store, mediator)  # registered, not (yet) accepted
    page = stats_page
    done(qtbot, page.refresh())
    assert cases_shown(page) == "1" and page.xlsx_button.isEnabled() and page.pdf_button.isEnabled()
    # another month picked: the exports wait for its figures, which load by themselves
    other = today.month % 12 + 1
    page.month.setCurrentIndex(page.month.findData(other))
    assert not page.xlsx_button.isEnabled() and not page.pdf_button.isEnabled()
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    assert page.shown_period == (today.year, other) and cases_shown(page) == "0"
    assert f"{other}" in page.shown_label.text()
    assert page.xlsx_button.isEnabled()
    # another year typed: loaded as well
    page.month.setCurrentIndex(page.month.findData(today.month))
    qtbot.waitUntil(lambda: not page.busy and cases_shown(page) == "1", timeout=WAIT_MS)
    page.year.setValue(today.year - 1)
    qtbot.waitUntil(lambda: not page.busy and page.shown_period == (today.year - 1, today.month), timeout=WAIT_MS)
    assert cases_shown(page) == "0"
    page.year.setValue(today.year)
    qtbot.waitUntil(lambda: not page.busy and cases_shown(page) == "1", timeout=WAIT_MS)
    shot(page, "stats")
    # Excel: confirmed naming the file, numbers written as numbers
    out = tmp_path / "统计.xlsx"
    done(qtbot, page.export_xlsx(out))
    box = page.message
    assert box.isVisible() and box.icon() == QMessageBox.Icon.Information and str(out) in box.text()
    shot(box, "stats-xlsx-saved")
    box.close()
    sheet = load_workbook(out)["总体情况"]
    values = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    first_label = report.summary_rows(page.stats)[0][0]  # type: ignore[arg-type]
    assert values[first_label].value == 1 and isinstance(values[first_label].value, int)
    amount = values["涉及金额（元）"]
    assert amount.value == 200358 and amount.number_format == "0.00"
    assert values["防止民转刑（件）"].value == 0 and values["调解成功率"].value == "—"
    assert values["本期登记案件（件）"].value == 2 and values["其中不予受理（件）"].value == 0
    # PDF: the preview's save is confirmed naming the file
    done(qtbot, page.preview_pdf())
    preview = page.dialog
    assert f"{today.year}-{today.month:02d}" in preview.windowTitle()  # type: ignore[union-attr]
    pdf = tmp_path / "统计.pdf"
    with qtbot.waitSignal(preview.saved, timeout=WAIT_MS):  # type: ignore[union-attr]
        preview.save_to(pdf)  # type: ignore[union-attr]
    assert page.message.isVisible() and str(pdf) in page.message.text() and pdf.stat().st_size > 0
    page.message.close()
    preview.close()  # type: ignore[union-attr]


def test_a_failed_statistics_export_names_the_file_and_the_problem(qtbot, store: Store, mediator: SignedIn,
                                                                   stats_page: StatsPage, tmp_path: Path) -> None:
    register(store, mediator)
    page = stats_page
    done(qtbot, page.refresh())
    out = tmp_path / "no-such-folder" / "统计.xlsx"
    done(qtbot, page.export_xlsx(out))
    box = page.message
    assert box.isVisible() and box.icon() == QMessageBox.Icon.Warning
    assert str(out) in box.text() and "folder does not exist" in box.text()
    shot(box, "stats-xlsx-failed")
    box.close()
    folder = tmp_path / "a-folder.xlsx"
    folder.mkdir()
    done(qtbot, page.export_xlsx(folder))
    assert str(folder) in page.message.text() and page.message.icon() == QMessageBox.Icon.Warning
    page.message.close()


# -- 5. the report's labels say what the figures count ------------------------------------------------


def test_statistics_labels_follow_what_the_figures_count() -> None:
    """受理案件 counts accepted cases; the cases registered in the period and those refused have rows
    of their own; 不予受理 is no outcome of an accepted case."""
    stats = summarize("2026年11月", [StatFacts("neighbour", "application", "written", 180000, True, False, 3)],
                      registered=4, rejected=1)
    rows = dict(report.summary_rows(stats))
    assert rows["受理案件（件）"] == "1" and rows["本期登记案件（件）"] == "4" and rows["其中不予受理（件）"] == "1"
    outcomes = dict(dict(report.breakdowns(stats))["调解结果"])
    assert "不予受理" not in outcomes and outcomes["书面协议"] == 1
    cells = {label: value for label, value, _format in report.summary_cells(stats)}
    assert cells["受理案件（件）"] == 1 and cells["本期登记案件（件）"] == 4 and cells["涉及金额（元）"] == 1800
