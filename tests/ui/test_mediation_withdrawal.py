"""On real widgets: a withdrawal (撤回) is offered with the other transitions and asks who withdrew
and why; the agreement editor leaves the performance deadline empty until one is chosen and the
case cannot be marked agreed without the manner and deadline of performance; the performance
deadline and a closed case's judicial-confirmation window are reminded of in the deadlines box
and the case list."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QPushButton

from gridstation.db import mediation, mediation_queries, mediation_records
from gridstation.db.accounts import SignedIn
from gridstation.db.store import Store
from gridstation.domain import mediation as rules
from gridstation.domain.mediation_parties import PartyInput
from gridstation.ui.context import Context
from gridstation.ui.mediation.case_dialogs import TransitionDialog
from gridstation.ui.mediation.case_list import CaseListPage
from gridstation.ui.mediation.case_page import CasePage
from gridstation.ui.mediation.deadlines_box import MediationDeadlines
from gridstation.ui.operations import Operation

WAIT_MS = 20_000
OWN_GRID = "230204001003-001U"
WHY = "双方已自行协商解决，申请人不再要求调解。"


@pytest.fixture
def store(demo_store: Store) -> Store:
    return demo_store


@pytest.fixture
def context(store: Store, data_dir: Path, mediator: SignedIn) -> Context:
    return Context(store=store, data_dir=data_dir, user=mediator)


def register(store: Store, mediator: SignedIn, *, state: str = "accepted") -> str:
    case = mediation.register_case(
        store, mediator, grid_code=OWN_GRID, registered_on=date.today(), title="漏水纠纷", dispute_type="neighbour",
        source="application", parties=[PartyInput("applicant", "person", "张桂兰"),
                                       PartyInput("respondent", "organisation", "安居物业服务有限公司",
                                                  legal_rep="王志强")])
    for step in ("accepted", "mediating")[:("registered", "accepted", "mediating").index(state)]:
        mediation.move_case(store, mediator, case.id, step)
    return case.id


def done(qtbot, op: Operation | None) -> None:
    assert op is not None
    qtbot.waitUntil(lambda: op.done, timeout=WAIT_MS)


def open_page(qtbot, context: Context, case_id: str) -> CasePage:
    page = CasePage(context)
    qtbot.addWidget(page)
    page.resize(QSize(1100, 760))
    page.show()
    qtbot.waitExposed(page)
    done(qtbot, page.show_case(case_id))
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    return page


def close_boxes() -> list[str]:
    texts = []
    for box in [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]:
        texts.append(box.text())
        box.close()
    return texts


def save(qtbot, dialog: TransitionDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def buttons(page: CasePage) -> set[str]:
    return {b.objectName() for b in page.findChildren(QPushButton) if b.objectName().startswith("to_")}


# -- 1. withdrawal ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("state", ["registered", "mediating"])
def test_withdrawal_is_offered_and_asks_who_and_why(qtbot, store: Store, mediator: SignedIn, context: Context,
                                                    state: str) -> None:
    page = open_page(qtbot, context, register(store, mediator, state=state))
    assert "to_withdrawn" in buttons(page)
    qtbot.mouseClick(page.findChild(QPushButton, "to_withdrawn"), Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, TransitionDialog) and dialog.target == "withdrawn"
    who = dialog.withdrawn_by
    assert [who.itemText(i) for i in range(who.count())] == ["申请人 张桂兰", "被申请人 安居物业服务有限公司"]
    assert who.currentText() == ""  # chosen, never assumed
    assert who.isVisible() and dialog.reason.isVisible() and not dialog.routes.isVisible()
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: any("撤回人" in t for t in close_boxes()), timeout=WAIT_MS)
    assert dialog.isVisible()
    who.setCurrentIndex(0)
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: any("撤回理由" in t for t in close_boxes()), timeout=WAIT_MS)
    dialog.reason.setPlainText(WHY)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        save(qtbot, dialog)
    qtbot.waitUntil(lambda: page.case is not None and page.case.state == "withdrawn" and not page.busy,
                    timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not page.findChildren(TransitionDialog), timeout=WAIT_MS)  # deleted once closed
    assert page.case is not None and page.case.outcome == "withdrawn"
    assert rules.parse_withdrawal(page.case.termination_reason) == ("申请人 张桂兰", WHY)
    assert buttons(page) == {"to_closed"}
    assert "申请人 张桂兰撤回调解申请" in page.history.item(page.history.count() - 1).text()
    names = [page.document_combo.itemText(i) for i in range(page.document_combo.count())]
    assert "卷宗情况说明" in names
    done(qtbot, page.print_document(names.index("卷宗情况说明")))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(page.last_printed.path.read_bytes())).pages)
    page.dialog.close()  # type: ignore[union-attr]
    text = text.replace(" ", "").replace("\n", "")
    assert "撤回调解申请" in text and "撤回人：申请人张桂兰" in text and "终止调解" not in text


# -- 2. the agreement's performance terms ------------------------------------------------------------------

def test_agreement_editor_leaves_the_deadline_empty_and_agreed_needs_the_terms(qtbot, store: Store,
                                                                               mediator: SignedIn,
                                                                               context: Context) -> None:
    case_id = register(store, mediator, state="mediating")
    page = open_page(qtbot, context, case_id)
    editor = page.edit_agreement()
    assert editor.performance_deadline() is None and editor.deadline.text() == "Not set"
    editor.clauses.setPlainText("李建国赔偿张桂兰1800元。")
    done(qtbot, editor.save())
    assert close_boxes() == []
    with store.read() as session:
        saved = mediation_records.agreement_of(session, case_id)
    assert saved is not None and saved.performance_deadline is None  # not today's date, nothing was chosen
    editor.close()
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    qtbot.mouseClick(page.findChild(QPushButton, "to_agreed"), Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, TransitionDialog)
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: any("履行方式" in t for t in close_boxes()), timeout=WAIT_MS)
    dialog.close()
    editor = page.edit_agreement()
    assert editor.deadline.text() == "Not set"
    editor.manner.setText("银行转账")
    done(qtbot, editor.save())
    editor.close()
    qtbot.mouseClick(page.findChild(QPushButton, "to_agreed"), Qt.MouseButton.LeftButton)
    dialog = page.dialog
    save(qtbot, dialog)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: any("履行期限" in t for t in close_boxes()), timeout=WAIT_MS)
    dialog.close()  # type: ignore[union-attr]
    editor = page.edit_agreement()
    due = date.today() + timedelta(days=10)
    editor.deadline.setDate(QDate(due.year, due.month, due.day))
    assert editor.performance_deadline() == due
    done(qtbot, editor.save())
    editor.close()
    qtbot.mouseClick(page.findChild(QPushButton, "to_agreed"), Qt.MouseButton.LeftButton)
    dialog = page.dialog
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):  # type: ignore[union-attr]
        save(qtbot, dialog)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: page.case is not None and page.case.state == "agreed", timeout=WAIT_MS)
    reopened = page.edit_agreement()
    assert reopened.performance_deadline() == due
    reopened.close()


# -- 3. reminders ----------------------------------------------------------------------------------------------

def performing_case(store: Store, mediator: SignedIn, due: date) -> str:
    case_id = register(store, mediator, state="mediating")
    mediation_records.save_agreement(store, mediator, case_id, kind="written", clauses=["赔偿1800元"],
                                     performance_manner="银行转账", performance_deadline=due)
    mediation.move_case(store, mediator, case_id, "agreed")
    with store.read() as session:
        ids = [p.id for p in mediation.case_parties(session, case_id)]
    mediation_records.record_signatures(store, mediator, case_id, signed_party_ids=ids, mediator_signed=True,
                                        seal_affixed=True)
    mediation_records.mark_effective(store, mediator, case_id, on=date.today())
    mediation.move_case(store, mediator, case_id, "performing")
    return case_id


def test_performance_and_closed_judicial_reminders_are_shown(qtbot, store: Store, mediator: SignedIn,
                                                             context: Context) -> None:
    today = date.today()
    case_id = performing_case(store, mediator, today + timedelta(days=3))
    with store.read() as session:
        case_no = mediation_queries.case_file(session, mediator, case_id).case_no
    box = MediationDeadlines(context)
    qtbot.addWidget(box)
    done(qtbot, box.refresh())
    items = [box.list.item(i).text() for i in range(box.list.count())]
    assert items == [f"{case_no}　performance deadline {today + timedelta(days=3):%Y-%m-%d}（3 days left）"]
    listing = CaseListPage(context)
    qtbot.addWidget(listing)
    done(qtbot, listing.refresh())
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1 and not listing.busy, timeout=WAIT_MS)
    cell = listing.model.data(listing.model.index(0, listing.model.DEADLINE))
    assert "performance（3 days left）" in cell and "judicial confirmation（30 days left）" in cell
    # performance recorded as complete by the visit, then the case closed within the judicial window
    mediation.add_visit(store, mediator, case_id, visited_on=today, visited_party="张桂兰", performance="done",
                        satisfaction="satisfied")
    mediation.move_case(store, mediator, case_id, "closed")
    done(qtbot, listing.refresh())
    qtbot.waitUntil(lambda: not listing.busy, timeout=WAIT_MS)
    cell = listing.model.data(listing.model.index(0, listing.model.DEADLINE))
    assert cell == f"{today + timedelta(days=30):%Y-%m-%d} judicial confirmation（30 days left）"
    page = open_page(qtbot, context, case_id)
    assert f"Judicial confirmation possible until: {today + timedelta(days=30):%Y-%m-%d}" in page.summary.text()
    done(qtbot, box.refresh())
    assert [box.list.item(i).text() for i in range(box.list.count())] == ["No mediation deadline within a week."]
