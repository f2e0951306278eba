"""A database failing in the middle of a push leaves no resident's data in the log or the answer:
not the statement's parameters, nor PostgreSQL's DETAIL and CONTEXT quoting the row being copied."""

from __future__ import annotations

import logging
import traceback

import pytest
import sqlalchemy as sa

from gridstation.server import database
from gridstation.server.schema import record
from tests.server.harness import Harness

NAME = "张秀英"
PHONE = "13812345678"
ID_NUMBER = "230204198001011234"
ADDRESS = "新兴小区3号楼2单元501"
SECRETS = (NAME, PHONE, ID_NUMBER, ADDRESS, "新兴小区")


def _fail_record_inserts(harness: Harness) -> None:
    """A trigger that makes every insert into ``record`` fail, as a full disk would."""
    with database.write(harness.engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("CREATE FUNCTION fail_insert() RETURNS trigger LANGUAGE plpgsql AS "
                                 "$$ BEGIN RAISE EXCEPTION 'disk full'; END $$")
            conn.exec_driver_sql("CREATE TRIGGER no_records BEFORE INSERT ON record FOR EACH ROW "
                                 "EXECUTE FUNCTION fail_insert()")
        else:
            conn.exec_driver_sql("CREATE TRIGGER no_records BEFORE INSERT ON record "
                                 "BEGIN SELECT RAISE(ABORT, 'disk full'); END")


def test_a_failed_push_logs_no_personal_data(harness: Harness, caplog: pytest.LogCaptureFixture) -> None:
    station = harness.enrol()
    _fail_record_inserts(harness)
    op = harness.create(title=f"走访 {NAME}", name=NAME, phone=PHONE, id_number=ID_NUMBER, address=ADDRESS,
                        note=f'{{"address":"{ADDRESS}","phone":"{PHONE}"}}')
    with caplog.at_level(logging.DEBUG):
        response = harness.push(station, [op])
    assert response.status_code == 503
    assert response.json()["error"] == "server_unavailable"
    logged = caplog.text + "".join(record.getMessage() for record in caplog.records)
    assert "database error on /api/v1/push" in logged
    if harness.engine.dialect.name == "postgresql":
        assert "SQLSTATE P0001" in logged  # RAISE EXCEPTION's code: what an admin can look up
    for secret in SECRETS:
        assert secret not in logged, f"{secret!r} in the log"
        assert secret not in response.text
    assert harness.sync_counts()["record"] == 0
    failure = next(r for r in caplog.records if "database error" in r.getMessage())
    assert failure.exc_info is None  # no traceback: its message would quote the statement's values


def test_the_error_raised_by_copy_quotes_no_row(harness: Harness) -> None:
    """Whoever logs the exception itself (its message, its cause) still sees no row."""
    if harness.engine.dialect.name != "postgresql":
        pytest.skip("COPY is PostgreSQL's")
    _fail_record_inserts(harness)
    row = {"kind": "todo", "record_id": "r1", "grid_code": "230204001003-001U", "version": 1, "deleted": False,
           "payload": f'{{"phone":"{PHONE}","address":"{ADDRESS}"}}', "origin_station": "s", "last_seq": 1,
           "updated_at": "t"}
    with pytest.raises(sa.exc.DBAPIError) as raised, database.write(harness.engine) as conn:
        database.insert_many(conn, record, [row])
    error = raised.value
    text = "".join(traceback.format_exception(error)) + str(error.orig)
    assert "disk full" in text and "COPY record, line 1" not in text
    assert PHONE not in text and ADDRESS not in text
    assert error.orig.sqlstate == "P0001"  # type: ignore[union-attr]
