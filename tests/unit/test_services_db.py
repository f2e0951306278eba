"""The service catalogue and help-and-proxy records on a real station database."""

from __future__ import annotations

import copy
import csv
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from gridstation.db import accounts, catalogue, migrations, services, station
from gridstation.db import services_queries as q
from gridstation.db.accounts import SignedIn
from gridstation.db.clock import iso
from gridstation.db.connection import raw_connect
from gridstation.db.errors import PermissionDenied
from gridstation.db.files import database_path
from gridstation.db.migrations import m0007_services
from gridstation.db.models import OutboxEntry
from gridstation.db.services_models import ServiceItem, ServiceRecord
from gridstation.db.store import Store
from gridstation.domain import services as rules
from gridstation.domain.errors import ValidationError
from gridstation.reports.services_export import export_services_csv, export_services_xlsx
from gridstation.resources import resource_path

from .conftest import OWN_GRID, FakeClock, make_setup

TODAY = date(2026, 11, 27)  # the FakeClock's day, a Friday
ID_NUMBER = "11010519491231002X"
HIGH_AGE = "FW006"  # 高龄津贴: 15 working days, four materials
BEFORE_SERVICES = m0007_services.NUMBER - 1  # the schema version a station had before services existed


def bundled() -> dict:
    return json.loads(resource_path("catalogue", "catalogue.json").read_text("utf-8"))


def register(store: Store, user: SignedIn, **extra: object) -> ServiceRecord:
    fields: dict[str, object] = {"grid_code": OWN_GRID, "item_code": HIGH_AGE, "resident_name": "张桂兰",
                                 "received_on": TODAY, "resident_phone": "138 0013 8000",
                                 "resident_id_number": ID_NUMBER.lower(), "materials": ["一寸照片", "居民身份证"]}
    fields.update(extra)
    return services.register_service(store, user.actor, **fields)  # type: ignore[arg-type]


@pytest.fixture
def leader(store: Store, admin: SignedIn) -> SignedIn:
    with store.write() as session:
        return accounts.create_user(session, actor=admin.actor, at=iso(store.clock.now()), username="wangfang",
                                    display_name="王芳", role="grid_leader", password="Leader#2026", grid_code=OWN_GRID)


# -- catalogue -----------------------------------------------------------------------------------

def test_new_station_is_seeded_with_the_bundled_catalogue(store: Store, admin: SignedIn) -> None:
    assert catalogue.catalogue_version(store) == 1
    items = catalogue.offered_items(store)
    assert len(items) == 33 and items[0].name == "最低生活保障申请"
    high_age = next(i for i in items if i.code == HIGH_AGE)
    assert high_age.materials == ("居民身份证", "户口簿", "银行卡复印件", "一寸照片")
    assert high_age.time_limit_text == "15个工作日"


def test_newer_version_replaces_items_and_retires_missing_ones(store: Store, admin: SignedIn,
                                                               leader: SignedIn) -> None:
    old = register(store, leader, item_code="FW033", materials=[])
    doc = bundled()
    doc["version"] = 2
    doc["items"] = [i for i in doc["items"] if i["code"] != "FW033"]
    doc["items"][0]["name"] = "最低生活保障审核确认"
    doc["items"].append({"code": "FW034", "name": "电动自行车登记协助", "category": "其他", "department": "公安分局",
                         "level": "区", "materials": ["购车发票"], "time_limit": {"days": 1, "kind": "calendar"},
                         "proxy": False})
    catalogue.set_item_hidden(store, admin, "FW002", hidden=True)
    assert catalogue.install_catalogue(store, doc) == 33
    assert catalogue.catalogue_version(store) == 2
    every = {e.item.code: e for e in catalogue.list_entries(store, include_retired=True)}
    assert every["FW033"].retired and not every["FW033"].offered  # kept, not deleted
    assert every["FW001"].item.name == "最低生活保障审核确认" and every["FW034"].offered
    assert every["FW002"].hidden  # the station's choice survives a new version
    assert "FW033" not in {i.code for i in catalogue.offered_items(store)}
    # the old record still points at the retired item, and still shows
    view = q.get_record(store, old.id, today=TODAY)
    assert view is not None and view.item_code == "FW033" and view.item_name == "水电气暖报修协调"
    with pytest.raises(ValidationError) as retired:
        register(store, leader, item_code="FW033", materials=[])
    assert retired.value.field == "item_code" and "retired" in str(retired.value)
    # an older or equal version is ignored
    stale = copy.deepcopy(doc)
    stale["items"][0]["name"] = "旧名称"
    assert catalogue.install_catalogue(store, stale) == 0
    assert catalogue.install_catalogue(store, bundled()) == 0
    with store.read() as session:
        assert session.get(ServiceItem, "FW001").name == "最低生活保障审核确认"  # type: ignore[union-attr]
    with store.read() as session:
        actions = [r[0] for r in session.connection().exec_driver_sql("SELECT action FROM audit_log ORDER BY seq")]
    assert [a for a in actions if a.startswith("catalogue.")] == ["catalogue.hide", "catalogue.install"]


def test_the_servers_version_number_wins_over_the_documents(store: Store, admin: SignedIn) -> None:
    doc = bundled()  # says "version": 1, published on the server as its version 4
    doc["items"][0]["name"] = "最低生活保障（第四版）"
    assert catalogue.install_catalogue(store, doc, version=4) == 33
    assert catalogue.catalogue_version(store) == 4
    assert catalogue.install_catalogue(store, doc, version=3) == 0


def test_malformed_catalogue_changes_nothing(store: Store, admin: SignedIn) -> None:
    doc = bundled()
    doc["version"] = 3
    doc["items"][5]["time_limit"] = {"days": "15", "kind": "working"}
    with pytest.raises(ValidationError) as refused:
        catalogue.install_catalogue(store, doc)
    assert "item 6 (FW006)" in str(refused.value)
    assert catalogue.catalogue_version(store) == 1


def test_only_an_admin_hides_items_and_it_is_audited(store: Store, admin: SignedIn, leader: SignedIn) -> None:
    with pytest.raises(PermissionDenied):
        catalogue.set_item_hidden(store, leader, "FW010", hidden=True)
    catalogue.set_item_hidden(store, admin, "FW010", hidden=True)
    assert "FW010" not in {i.code for i in catalogue.offered_items(store)}
    with store.read() as session:
        actions = [r[0] for r in session.connection().exec_driver_sql("SELECT action FROM audit_log")]
    assert "catalogue.hide" in actions
    with pytest.raises(ValidationError) as hidden_item:
        register(store, leader, item_code="FW010", materials=[])
    assert hidden_item.value.field == "item_code"
    catalogue.set_item_hidden(store, admin, "FW010", hidden=False)
    assert "FW010" in {i.code for i in catalogue.offered_items(store)}


# -- records -------------------------------------------------------------------------------------

def test_register_and_close_a_service_through_the_unit_of_work(store: Store, admin: SignedIn,
                                                                leader: SignedIn) -> None:
    record = register(store, leader)
    assert record.promised_on == date(2026, 12, 18)  # 15 working days after Friday 27 November
    assert record.resident_id_number == ID_NUMBER and record.resident_phone == "13800138000"
    services.change_status(store, leader.actor, record.id, status=rules.IN_PROGRESS, note="材料已递交区民政局")
    services.tick_materials(store, leader.actor, record.id, ["居民身份证", "户口簿", "银行卡复印件", "一寸照片"])
    with pytest.raises(ValidationError) as no_result:
        services.change_status(store, leader.actor, record.id, status=rules.COMPLETED)
    assert no_result.value.field == "result"
    services.change_status(store, leader.actor, record.id, status=rules.COMPLETED, result="审批通过，按月发放")
    services.set_satisfaction(store, leader.actor, record.id, "satisfied")
    view = q.get_record(store, record.id, today=TODAY)
    assert view is not None
    assert [s.status for s in view.history] == ["accepted", "in_progress", "completed"]
    assert all(s.by == "wangfang" and s.at for s in view.history)
    assert view.completed_on == TODAY and view.closed and view.deadline == ""
    assert view.phone_masked == "138****8000" and view.id_number_masked == "110***********002X"
    assert len(view.materials) == 4
    with pytest.raises(ValidationError) as closed:
        services.tick_materials(store, leader.actor, record.id, [])
    assert closed.value.field == "status"
    with store.read() as session:
        kinds = {e.kind for e in session.exec(select(OutboxEntry))}
        assert "service_record" in kinds
        assert session.connection().exec_driver_sql(
            "SELECT COUNT(*) FROM outbox WHERE kind = 'service_record'").scalar() == 5


@pytest.mark.parametrize(("extra", "field"), [
    ({"item_code": "NOPE"}, "item_code"),
    ({"resident_name": "  "}, "resident_name"),
    ({"resident_id_number": "110105194912310021"}, "resident_id_number"),
    ({"resident_phone": "12345"}, "resident_phone"),
    ({"materials": ["结婚证"]}, "materials"),
    ({"promised_on": TODAY - timedelta(days=1)}, "promised_on"),
    ({"received_on": TODAY + timedelta(days=1)}, "received_on"),
])
def test_bad_input_names_the_field_and_saves_nothing(store: Store, admin: SignedIn, leader: SignedIn,
                                                     extra: dict, field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        register(store, leader, **extra)
    assert refused.value.field == field
    with store.read() as session:
        assert session.exec(select(ServiceRecord)).first() is None


def test_a_too_long_result_or_note_is_refused_in_words_and_nothing_changes(store: Store, admin: SignedIn,
                                                                          leader: SignedIn) -> None:
    record = register(store, leader)
    with pytest.raises(ValidationError) as result:
        services.change_status(store, leader.actor, record.id, status=rules.COMPLETED, result="办" * 1500)
    assert result.value.field == "result" and str(result.value).startswith("The result is too long")
    with pytest.raises(ValidationError) as note:
        services.change_status(store, leader.actor, record.id, status=rules.COMPLETED, result="已办结",
                               note="备" * (rules.MAX_STATUS_NOTE + 1))
    assert note.value.field == "note" and str(note.value) == (
        f"The note is too long: at most {rules.MAX_STATUS_NOTE} characters, {rules.MAX_STATUS_NOTE + 1} entered.")
    with pytest.raises(ValidationError) as register_note:
        register(store, leader, note="备" * (rules.MAX_TEXT + 1))
    assert register_note.value.field == "note" and str(register_note.value).startswith("The note is too long")
    assert q.get_record(store, record.id, today=TODAY).status == rules.ACCEPTED  # type: ignore[union-attr]


def test_record_becomes_overdue_when_the_clock_passes_its_promised_date(store: Store, admin: SignedIn,
                                                                        leader: SignedIn, clock: FakeClock) -> None:
    quick = register(store, leader, item_code="FW007", materials=[])  # 老年人优待证: 7 working days
    assert quick.promised_on == date(2026, 12, 8)
    assert q.deadline_counts(store, today=TODAY) == (0, 0)
    clock.advance(86400 * 10)  # Monday 7 December: due tomorrow
    today = TODAY + timedelta(days=10)
    assert q.get_record(store, quick.id, today=today).deadline == "due_soon"  # type: ignore[union-attr]
    assert q.deadline_counts(store, today=today) == (0, 1)
    later = today + timedelta(days=2)
    assert [v.id for v in q.overdue_records(store, today=later)] == [quick.id]
    assert q.deadline_counts(store, today=later) == (1, 0)


def test_reveal_is_audited_and_the_value_never_logged(store: Store, admin: SignedIn, leader: SignedIn) -> None:
    record = register(store, leader)
    assert services.reveal_resident_field(store, leader.actor, record.id, "resident_id_number") == ID_NUMBER
    with store.read() as session:
        rows = list(session.connection().exec_driver_sql("SELECT action, target, detail FROM audit_log"))
    reveal = [r for r in rows if r[0] == "privacy.reveal"]
    assert reveal and reveal[0][1] == f"service_record/{record.id}"
    assert not any(ID_NUMBER in " ".join(r) for r in rows)


def test_resident_details_are_corrected_kept_or_removed_and_audited_without_values(
        store: Store, admin: SignedIn, leader: SignedIn) -> None:
    record = register(store, leader)
    services.change_status(store, leader.actor, record.id, status=rules.COMPLETED, result="已办结")
    # a closed record too: the resident's details are put right, the service is not changed
    fixed = services.correct_resident(store, leader.actor, record.id, resident_name=" 张桂芝 ",
                                      resident_phone="139 0000 1111")
    assert (fixed.resident_name, fixed.resident_phone, fixed.resident_id_number) == ("张桂芝", "13900001111",
                                                                                      ID_NUMBER)
    assert fixed.status == rules.COMPLETED and fixed.version == record.version + 2
    removed = services.correct_resident(store, leader.actor, record.id, resident_name="张桂芝",
                                        resident_id_number="")
    assert (removed.resident_phone, removed.resident_id_number) == ("13900001111", "")
    unchanged = services.correct_resident(store, leader.actor, record.id, resident_name="张桂芝")
    assert unchanged.version == removed.version  # nothing changed: nothing written, nothing to sync
    with store.read() as session:
        rows = list(session.connection().exec_driver_sql("SELECT action, detail FROM audit_log"))
        pending = session.exec(select(OutboxEntry).where(OutboxEntry.record_id == record.id)).all()
    assert [r[1] for r in rows if r[0] == "service.resident_corrected"] == [
        "resident_name, resident_phone", "resident_id_number"]
    assert not any("13900001111" in (r[1] or "") or ID_NUMBER in (r[1] or "") for r in rows)
    assert len(pending) == 4  # create, close, two corrections: each syncs


@pytest.mark.parametrize(("extra", "field"), [
    ({"resident_name": "  "}, "resident_name"),
    ({"resident_phone": "12345"}, "resident_phone"),
    ({"resident_id_number": "110105194912310021"}, "resident_id_number"),  # wrong check digit
])
def test_a_bad_correction_names_the_field_and_changes_nothing(store: Store, admin: SignedIn, leader: SignedIn,
                                                              extra: dict, field: str) -> None:
    record = register(store, leader)
    values = {"resident_name": "张桂芝", "resident_phone": "13900001111", **extra}
    with pytest.raises(ValidationError) as refused:
        services.correct_resident(store, leader.actor, record.id, **values)
    assert refused.value.field == field
    with store.read() as session:
        stored = session.get(ServiceRecord, record.id)
    assert stored is not None and (stored.resident_name, stored.resident_phone, stored.version) == (
        "张桂兰", "13800138000", record.version)


def test_statistics_by_item_status_and_month_and_export(store: Store, admin: SignedIn, leader: SignedIn,
                                                        tmp_path: Path) -> None:
    a = register(store, leader, received_on=date(2026, 11, 2))
    register(store, leader, received_on=date(2026, 11, 3), item_code="FW012", materials=[])
    register(store, leader, received_on=date(2026, 10, 9), item_code="FW012", materials=[])
    services.change_status(store, leader.actor, a.id, status=rules.COMPLETED, result="已发放")
    stats = q.month_statistics(store, year=2026, month=11, today=TODAY)
    assert stats.total == 2 and stats.by_status["completed"] == 1 and stats.by_status["accepted"] == 1
    assert [(code, n) for code, _, n in stats.by_item] == [("FW006", 1), ("FW012", 1)]
    assert stats.by_month == [("2026-10", 1), ("2026-11", 2)]
    assert stats.overdue == 1  # FW012: 15 working days from 3 November, due 24 November
    with store.read() as session:
        views = q.list_records(session, today=TODAY)
    assert export_services_csv(tmp_path / "s.csv", views) == 3
    rows = list(csv.reader((tmp_path / "s.csv").open(encoding="utf-8-sig")))
    assert rows[0][0] == "受理日期" and "138****8000" in rows[1] and ID_NUMBER not in str(rows)
    assert export_services_xlsx(tmp_path / "s.xlsx", views, stats) == 3
    book = load_workbook(tmp_path / "s.xlsx")
    assert book.sheetnames == ["帮代办台账", "统计"] and book["统计"]["C2"].value == 2



def test_a_database_from_before_services_migrates_and_gets_the_catalogue(data_dir: Path, clock: FakeClock) -> None:
    """A station set up before services existed: migrated after a backup, its data kept, the catalogue
    seeded, and service records can be written."""
    with Store.open(data_dir, clock=clock) as fresh:
        admin = station.initialize_station(fresh, make_setup())
    conn = raw_connect(database_path(data_dir))
    conn.execute("BEGIN IMMEDIATE")
    for table in ("service_record", "service_item", "service_catalogue_version"):
        conn.execute(f"DROP TABLE {table}")  # back to the schema before services, station and users kept
    conn.execute("DROP INDEX ix_outbox_batch")  # and before what later migrations added (m0008–m0010)
    conn.execute("ALTER TABLE mediation_transition DROP COLUMN happened_on")
    conn.execute("ALTER TABLE user_account DROP COLUMN must_change_password")
    conn.execute(f"PRAGMA user_version = {BEFORE_SERVICES}")
    conn.execute("COMMIT")
    conn.close()
    with Store.open(data_dir, clock=clock) as store:
        assert (store.migration.from_version, store.migration.to_version) == (BEFORE_SERVICES,
                                                                              migrations.latest_version())
        assert store.migration.backup is not None and store.migration.backup.exists()
        assert catalogue.catalogue_version(store) == 1
        assert station.get_station(store).name == "新兴社区网格服务站"  # type: ignore[union-attr]
        record = register(store, admin, materials=[])
        assert record.item_name == "高龄津贴"
