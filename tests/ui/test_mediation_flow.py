"""People's mediation on real widgets and a fresh station: a case from registration through a
recorded session to an agreement with three parties (four copies), a follow-up visit and closing;
every document printed through the preview and read back; refusals shown; masking and the
audited reveal; the QR check; the navigation entry only for roles that may see mediation."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QPushButton, QWidget
from sqlmodel import select

from gridstation.db import accounts, mediation_queries
from gridstation.db.accounts import SignedIn
from gridstation.db.mediation_models import MediationSession
from gridstation.db.models import AuditEntry
from gridstation.db.store import Store
from gridstation.domain.mediation_parties import PartyInput
from gridstation.ui.context import Context
from gridstation.ui.mediation.area import MediationArea
from gridstation.ui.mediation.case_dialogs import QrCheckDialog
from gridstation.ui.mediation.case_page import CasePage
from gridstation.ui.mediation.session_recorder import AUTOSAVE_MS, SessionRecorder
from gridstation.ui.operations import Operation, wait_for_operations

WAIT_MS = 20_000
OWN_GRID = "230204001003-001U"
ID_A = "11010519491231002X"
PHONE_A = "13812345678"


@pytest.fixture
def store(demo_store: Store) -> Store:
    return demo_store


@pytest.fixture
def area(qtbot, store: Store, data_dir: Path, mediator: SignedIn) -> MediationArea:
    widget = MediationArea(Context(store=store, data_dir=data_dir, user=mediator))
    qtbot.addWidget(widget)
    widget.resize(QSize(1100, 760))
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: not widget.list_page.busy, timeout=WAIT_MS)
    return widget


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type into ``widget``: ASCII key by key, Chinese committed as an input method does (QTest
    cannot send keys for characters outside Latin-1)."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def done(qtbot, op: Operation | None) -> None:
    assert op is not None
    qtbot.waitUntil(lambda: op.done, timeout=WAIT_MS)


def settle(qtbot, page: CasePage) -> None:
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)


def click_save(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def move(qtbot, page: CasePage, target: str, **fill: str) -> None:
    button = page.findChild(QPushButton, f"to_{target}")
    assert button is not None, f"no button to {target} in state {page.case.state if page.case else None}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    for name, value in fill.items():
        getattr(dialog, name).setPlainText(value)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        click_save(qtbot, dialog)
    qtbot.waitUntil(lambda: page.case is not None and page.case.state == target, timeout=WAIT_MS)


def message_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def close_boxes() -> list[str]:
    texts = []
    for box in message_boxes():
        texts.append(box.text())
        box.close()
    return texts


def pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages).replace(" ", "")


def register_three_parties(qtbot, area: MediationArea) -> CasePage:
    dialog = area.register_case()
    type_text(qtbot, dialog.title, "张桂兰与李建国、安居物业漏水纠纷")
    dialog.dispute_type.setCurrentIndex(dialog.dispute_type.findData("neighbour"))
    dialog.facts.setPlainText("楼上卫生间漏水，顶棚受损。")
    type_text(qtbot, dialog.amount, "1800")
    # The first party through its dialog: a bad check digit is refused naming the field, then fixed.
    party_dialog = dialog.add_party()
    type_text(qtbot, party_dialog.name, "张桂兰")
    type_text(qtbot, party_dialog.id_number, ID_A[:-1] + "1")
    type_text(qtbot, party_dialog.phone, PHONE_A)
    party_dialog.check_and_accept()
    assert "check digit" in party_dialog.error_label.text() and party_dialog.isVisible()
    party_dialog.id_number.setText(ID_A)
    party_dialog.check_and_accept()
    assert not party_dialog.isVisible()
    dialog.append_party(PartyInput("respondent", "person", "李建国", phone="13904521234"))
    dialog.append_party(PartyInput("respondent", "organisation", "安居物业服务有限公司", legal_rep="王志强"))
    assert ID_A not in dialog.party_list.item(0).text() and "110***********002X" in dialog.party_list.item(0).text()
    with qtbot.waitSignal(dialog.registered, timeout=WAIT_MS):
        click_save(qtbot, dialog)
    page = area.case_page
    qtbot.waitUntil(lambda: page.case is not None and not page.busy, timeout=WAIT_MS)
    return page


def test_case_from_registration_to_closing_with_every_document(qtbot, area: MediationArea, store: Store,
                                                               mediator: SignedIn) -> None:
    page = register_three_parties(qtbot, area)
    assert page.case is not None and page.case.case_no.endswith("人调字第 1001 号")
    # masked in the parties table
    shown = [page.parties.data(page.parties.index(0, c)) for c in range(7)]
    assert ID_A not in shown and "110***********002X" in shown and "138****5678" in shown
    # a forbidden move has no button; an allowed one goes through its dialog
    assert page.findChild(QPushButton, "to_agreed") is None
    move(qtbot, page, "accepted")
    # an investigation first (调查记录), then the mediation itself
    done(qtbot, page.new_session("investigation"))
    qtbot.waitUntil(lambda: isinstance(page.dialog, SessionRecorder), timeout=WAIT_MS)
    inquiry: SessionRecorder = page.dialog  # type: ignore[assignment]
    type_text(qtbot, inquiry.fields["questioned"], "邻居陈某（对门住户）")
    inquiry.speaker.setCurrentText("陈某")
    type_text(qtbot, inquiry.statement, "九月中旬就看到顶棚发黄。")
    qtbot.keyClick(inquiry.statement, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(inquiry.model.rows) == 1, timeout=WAIT_MS)
    done(qtbot, inquiry.end())
    settle(qtbot, page)
    move(qtbot, page, "mediating")

    # record a session while it happens
    done(qtbot, page.new_session("session"))
    qtbot.waitUntil(lambda: isinstance(page.dialog, SessionRecorder), timeout=WAIT_MS)
    recorder: SessionRecorder = page.dialog  # type: ignore[assignment]
    type_text(qtbot, recorder.fields["place"], "新兴社区人民调解室")
    said = ((1, "从九月开始楼上往我家漏水。"), (2, "我愿意修，赔偿可以商量。"), (3, "物业负责疏通立管。"))
    for speaker, text in said:
        recorder.pick_speaker(speaker - 1)
        type_text(qtbot, recorder.statement, text)
        qtbot.keyClick(recorder.statement, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda text=text: bool(recorder.model.rows) and recorder.model.rows[-1].text == text,
                        timeout=WAIT_MS)
    assert [r.speaker for r in recorder.model.rows] == ["张桂兰", "李建国", "安居物业服务有限公司"]
    # typed but not yet entered: saved within a few seconds anyway
    type_text(qtbot, recorder.statement, "调解员：请双方冷静")
    qtbot.waitUntil(lambda: _draft(store) == "调解员：请双方冷静", timeout=AUTOSAVE_MS * 3)
    recorder.pick_speaker(3)
    qtbot.keyClick(recorder.statement, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(recorder.model.rows) == 4, timeout=WAIT_MS)
    done(qtbot, recorder.end())
    settle(qtbot, page)
    assert page.case is not None and len(page.case.sessions[1].statements) == 4
    assert page.case.sessions[1].place == "新兴社区人民调解室" and page.case.sessions[1].ended_at

    # the agreement: no clause is refused; then three parties, four copies
    editor = page.edit_agreement()
    done(qtbot, editor.save())
    assert any("no clause" in t for t in close_boxes())
    editor.clauses.setPlainText("李建国十日内修复卫生间防水层。\n李建国赔偿张桂兰1800元。\n物业公司疏通公共立管。")
    editor.manner.setText("银行转账")  # law art. 29: manner and deadline of performance
    editor.deadline.setDate(QDate.currentDate().addDays(10))
    done(qtbot, editor.save())
    editor.close()
    settle(qtbot, page)
    move(qtbot, page, "agreed")
    editor = page.edit_agreement()
    boxes = list(editor.party_boxes.values())
    boxes[0].setChecked(True)
    boxes[1].setChecked(True)
    editor.mediator_box.setChecked(True)
    editor.seal_box.setChecked(True)
    done(qtbot, editor.record_signatures())
    done(qtbot, editor.mark_effective())
    assert any("安居物业服务有限公司" in t for t in close_boxes())  # the signature gate names who is missing
    boxes[2].setChecked(True)
    done(qtbot, editor.record_signatures())
    done(qtbot, editor.mark_effective())
    assert close_boxes() == []
    editor.close()
    settle(qtbot, page)
    move(qtbot, page, "performing")
    assert page.judicial_combo.isEnabled()
    done(qtbot, page.set_judicial("applied"))
    qtbot.waitUntil(lambda: page.case is not None and page.case.judicial == "applied" and not page.busy,
                    timeout=WAIT_MS)
    visit = page.add_visit()
    with qtbot.waitSignal(visit.saved, timeout=WAIT_MS):
        click_save(qtbot, visit)
    qtbot.waitUntil(lambda: page.case is not None and page.case.state == "follow_up", timeout=WAIT_MS)
    move(qtbot, page, "closed")

    # every document, printed through the preview
    names = [page.document_combo.itemText(i) for i in range(page.document_combo.count())]
    assert [name.split("（")[0] for name in names] == ["受理登记表", "调查记录", "调解记录", "调解协议书", "回访记录"]
    assert all(name.endswith("日）") for name in names[1:3] + names[4:])  # records carry their date
    texts = {}
    for index, name in enumerate(names):
        done(qtbot, page.print_document(index))
        texts[name.split("（")[0]] = pdf_text(page.last_printed.path)
        page.dialog.close()  # type: ignore[union-attr]
    done(qtbot, page.print_case_file())
    case_file = pdf_text(page.last_printed.path)
    page.dialog.printed.emit("HP LaserJet")  # type: ignore[union-attr]
    from gridstation.db import audit
    from gridstation.ui.operations import wait_for_operations

    wait_for_operations()
    qtbot.wait(50)
    with page.context.store.read() as session:  # the admin reads the log: the case's record, not its number
        entry = audit.list_entries(session, limit=1)[0]
    assert (entry.action, entry.detail) == ("print", "人民调解卷宗: HP LaserJet")
    assert entry.target == f"mediation_case:{page.case.id}"  # type: ignore[union-attr]
    page.dialog.close()  # type: ignore[union-attr]
    agreement = texts["调解协议书"]
    for name in ("张桂兰", "李建国", "安居物业服务有限公司"):
        assert name in agreement and name in texts["受理登记表"]
    assert ID_A in agreement  # the legal document prints it in full
    for clause in ("一、李建国十日内修复卫生间防水层。", "二、李建国赔偿张桂兰1800元。", "三、物业公司疏通公共立管。"):
        assert clause in agreement
    assert "本协议一式四份，当事人各执一份，人民调解委员会留存一份。" in agreement
    assert "从九月开始楼上往我家漏水。" in texts["调解记录"]
    assert "九月中旬就看到顶棚发黄。" in texts["调查记录"] and "邻居陈某" in texts["调查记录"]
    assert "履行完毕" in texts["回访记录"]
    assert "人民调解卷宗" in case_file and "卷内目录" in case_file and "本协议一式四份" in case_file


def _draft(store: Store) -> str:
    with store.read() as session:
        row = session.exec(select(MediationSession).where(MediationSession.kind == "session")).first()
    return row.draft if row else ""


def test_a_crash_mid_statement_loses_at_most_a_few_seconds(qtbot, area: MediationArea) -> None:
    page = register_three_parties(qtbot, area)
    move(qtbot, page, "accepted")
    done(qtbot, page.new_session("session"))
    qtbot.waitUntil(lambda: isinstance(page.dialog, SessionRecorder), timeout=WAIT_MS)
    recorder: SessionRecorder = page.dialog  # type: ignore[assignment]
    recorder.pick_speaker(1)
    type_text(qtbot, recorder.statement, "我家卫生间是去年装修的")
    qtbot.waitUntil(lambda: recorder.saves >= 1, timeout=AUTOSAVE_MS * 3)
    # the power goes: the window vanishes without any closing save
    recorder.timer.stop()
    recorder.hide()
    recorder.deleteLater()
    wait_for_operations()
    op = page.reload()
    done(qtbot, op)
    settle(qtbot, page)
    reopened = page.open_recorder(page.case.sessions[0].id)  # type: ignore[union-attr]
    assert reopened is not None
    assert reopened.statement.text() == "我家卫生间是去年装修的" and reopened.speaker.currentText() == "李建国"
    reopened.close()


def test_reveal_is_audited_and_qr_check(qtbot, area: MediationArea, store: Store, mediator: SignedIn) -> None:
    page = register_three_parties(qtbot, area)
    page.party_view.selectRow(0)
    done(qtbot, page.reveal_id())
    assert isinstance(page.dialog, QMessageBox) and ID_A in page.dialog.text()
    page.dialog.close()
    with store.read() as session:
        entry = session.exec(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()  # type: ignore[attr-defined]
    assert entry is not None and entry.action == "privacy.reveal" and "field=id_number" in entry.detail
    assert ID_A not in entry.detail

    # a written agreement, its printed code checked, then a code altered by one character
    from gridstation.db import mediation, mediation_records
    from gridstation.domain.mediation_agreement import qr_payload

    assert page.case is not None
    case_id = page.case.id
    mediation.move_case(store, mediator, case_id, "accepted")
    mediation.move_case(store, mediator, case_id, "mediating")
    mediation_records.save_agreement(store, mediator, case_id, kind="written", clauses=["赔偿1800元"])
    with store.read() as session:
        case = session.get(mediation.MediationCase, case_id)
        code = qr_payload(mediation_records.agreement_content(session, case, mediation_records.agreement_of(
            session, case_id)))
    dialog: QrCheckDialog = area.check_code()
    type_text(qtbot, dialog.code, code)
    with qtbot.waitSignal(dialog.checked, timeout=WAIT_MS) as blocker:
        qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    assert blocker.args == [True] and "Matches" in dialog.result.text()
    dialog.code.setText(code.replace("|", "|", 1)[:-1] + ("0" if code[-1] != "0" else "1"))
    with qtbot.waitSignal(dialog.checked, timeout=WAIT_MS) as blocker:
        dialog.check()
    assert blocker.args == [False] and "NOT" in dialog.result.text()
    dialog.code.setText("hello")
    with qtbot.waitSignal(dialog.checked, timeout=WAIT_MS) as blocker:
        dialog.check()
    assert blocker.args == [False] and "not the code" in dialog.result.text()


def test_list_is_masked_and_statistics_show(qtbot, area: MediationArea, store: Store, mediator: SignedIn,
                                            tmp_path: Path) -> None:
    from gridstation.db import mediation

    case_page = register_three_parties(qtbot, area)
    assert case_page.case is not None
    mediation.move_case(store, mediator, case_page.case.id, "accepted")  # 受理案件 counts accepted cases
    page = area.list_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and not page.busy, timeout=WAIT_MS)
    cells = [str(page.model.data(page.model.index(0, c))) for c in range(page.model.columnCount())]
    assert "张桂兰" in cells[3] and all(ID_A not in c and PHONE_A not in c for c in cells)
    stats = area.stats_page
    done(qtbot, stats.refresh())
    rows = [tuple(r) for r in stats.model.rows]
    assert ("", "受理案件（件）", "1") in rows and ("纠纷类型", "邻里", "1") in rows
    assert ("", "本期登记案件（件）", "1") in rows
    assert all(ID_A not in " ".join(r) for r in rows)
    out = tmp_path / "stats.xlsx"
    done(qtbot, stats.export_xlsx(out))
    assert load_workbook(out)["按纠纷类型"]["B3"].value == 1  # 邻里 is the second dispute type
    done(qtbot, stats.preview_pdf())
    preview = stats.dialog
    assert "人民调解工作统计" in pdf_text(preview.pdf_path) and ID_A not in pdf_text(preview.pdf_path)
    preview.close()
    with store.read() as session:
        assert len(mediation_queries.list_cases(session, mediator)) == 1


def test_navigation_entry_and_home_reminders_follow_the_role(qtbot, store: Store, data_dir: Path) -> None:
    """Mediators and grid leaders get the Mediation page and the deadline reminders; the station
    admin gets neither (mediation records are private, domain.md §8)."""
    from gridstation.db import mediation
    from gridstation.ui.main_window import MainWindow

    zhaomin = next(u for u in accounts.list_users(store) if u.username == "zhaomin")
    case = mediation.register_case(store, zhaomin, grid_code=OWN_GRID, registered_on=date.today() - timedelta(days=25),
                                   title="漏水纠纷",
                                   dispute_type="neighbour", source="application",
                                   parties=[PartyInput("applicant", "person", "甲"),
                                            PartyInput("respondent", "person", "乙")])
    mediation.move_case(store, zhaomin, case.id, "accepted", on=date.today() - timedelta(days=25))
    for username, sees in (("zhaomin", True), ("wangfang", True), ("admin", False)):
        user = next(u for u in accounts.list_users(store) if u.username == username)
        window = MainWindow(Context(store=store, data_dir=data_dir, user=user), idle_ms=0)
        qtbot.addWidget(window)
        assert ("mediation" in window.pages) is sees
        home = window.pages["home"]
        assert (home.mediation_deadlines is not None) is sees
        if sees:
            reminders = home.mediation_deadlines.list
            qtbot.waitUntil(lambda reminders=reminders: reminders.count() == 1 and case.case_no in
                            reminders.item(0).text(), timeout=WAIT_MS)
            assert "5" in reminders.item(0).text()  # days left
        window.close()
        wait_for_operations()
