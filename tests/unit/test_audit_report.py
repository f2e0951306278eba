"""The audit log prints as a PDF whose text reads back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from gridstation.db import accounts, audit, events, privacy
from gridstation.db.services_models import ServiceRecord
from gridstation.db.store import Store
from gridstation.reports.audit_report import ACTION_NAMES, detail_text, export_audit_log, render_audit_log

from .conftest import ADMIN_PASSWORD, OWN_GRID


def test_audit_log_pdf(store: Store, admin: accounts.SignedIn, tmp_path: Path) -> None:
    accounts.authenticate(store, "admin", ADMIN_PASSWORD)
    with store.read() as session:
        entries = audit.list_entries(session)
        ok = not audit.verify_chain(session)
    out = tmp_path / "audit.pdf"
    pages = render_audit_log(out, entries, station_name="新兴社区网格服务站", chain_ok=ok)
    text = "".join(page.extract_text() for page in PdfReader(out).pages).replace(" ", "").replace("\n", "")
    assert pages >= 1
    assert "审计日志" in text and "站点初始化" in text and "登录" in text and "完整" in text
    assert f"共{len(entries)}条记录" in text


def test_audit_log_pdf_names_actions_roles_and_whose_data_was_shown(store: Store, admin: accounts.SignedIn,
                                                                    tmp_path: Path) -> None:
    with store.unit_of_work(admin.actor) as uow:
        record = uow.create(ServiceRecord, grid_code=OWN_GRID, item_code="S01", item_name="高龄津贴",
                            resident_name="张秀兰", resident_id_number="230204195001011234",
                            received_on=date(2026, 11, 2), promised_on=date(2026, 11, 9))
    privacy.reveal(store, admin.actor, kind="service_record", record_id=record.id, field="resident_id_number",
                   value=record.resident_id_number)
    events.record_event(store, actor="admin", action="logout", detail="switch user")
    with pytest.raises(accounts.LoginError):
        accounts.authenticate(store, "admin", "Wrong#2026x")
    out = tmp_path / "audit.pdf"
    export_audit_log(store, out, actor="admin")
    text = "".join(page.extract_text() for page in PdfReader(out).pages).replace(" ", "").replace("\n", "")
    assert "查看隐私信息" in text and "查看了帮代办记录“张秀兰”的完整身份证号" in text
    assert "站点管理员" in text and "station_admin" not in text  # the role of the created admin
    assert "退出登录" in text and "切换用户" in text and "密码错误（第1次）" in text
    assert "privacy" not in text and "switchuser" not in text and "failedattempt" not in text
    assert "230204195001011234" not in text  # never the revealed value


def test_unknown_details_and_actions_print_as_stored(store: Store, admin: accounts.SignedIn) -> None:
    events.record_event(store, actor="admin", action="something.new", detail="free text")
    with store.read() as session:
        entry = audit.list_entries(session, limit=1)[0]
    assert (detail_text(entry, {}), ACTION_NAMES.get(entry.action, entry.action)) == ("free text", "something.new")


def test_the_printed_log_never_names_a_mediation_party_or_their_case(store: Store, admin: accounts.SignedIn,
                                                                    tmp_path: Path) -> None:
    from gridstation.db.mediation_models import MediationCase, MediationParty

    with store.unit_of_work(admin.actor) as uow:
        case = uow.create(MediationCase, grid_code=OWN_GRID, committee_code="230204001003", year=2026, number=1001,
                          case_no="（2026）人调字第 1001 号", title="邻里漏水纠纷", dispute_type="邻里",
                          source="当事人申请", registered_on=date(2026, 11, 2))
        party = uow.create(MediationParty, grid_code=OWN_GRID, case_id=case.id, seq=1, side="applicant",
                           kind="person", name="李建国", phone="13912345678")
    privacy.reveal(store, admin.actor, kind="mediation_party", record_id=party.id, field="phone",
                   value=party.phone)
    out = tmp_path / "audit.pdf"
    export_audit_log(store, out, actor="admin")
    text = "".join(page.extract_text() for page in PdfReader(out).pages).replace(" ", "").replace("\n", "")
    assert "查看了一名调解当事人的完整联系电话（调解记录依法保密，此处不显示姓名）" in text
    assert "李建国" not in text and "1001" not in text and "13912345678" not in text


def test_a_resident_without_a_name_is_not_taken_for_a_withheld_party(store: Store, admin: accounts.SignedIn) -> None:
    with store.unit_of_work(admin.actor) as uow:
        record = uow.create(ServiceRecord, grid_code=OWN_GRID, item_code="S01", item_name="高龄津贴", resident_name="",
                            resident_phone="13912345678", received_on=date(2026, 11, 2), promised_on=date(2026, 11, 9))
    privacy.reveal(store, admin.actor, kind="service_record", record_id=record.id, field="resident_phone",
                   value=record.resident_phone)
    with store.read() as session:
        entry = audit.list_entries(session, limit=1)[0]
        subjects = audit.reveal_subjects(session, [entry])
    assert "依法保密" not in detail_text(entry, subjects) and "帮代办记录" in detail_text(entry, subjects)
