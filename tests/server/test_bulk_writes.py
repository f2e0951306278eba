"""The bulk statements pushes use (``database.insert_many``, ``database.among``,
``database.lock_each``) keep any storable value exactly, on both databases: COPY's text escapes on
PostgreSQL, the JSON key list of ``among``, multi-row statements on SQLite; and the lookup that locks a
push's records stays one index probe per key on a table whose statistics are out of date."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gridstation.server import database
from gridstation.server.schema import change_log, record

# Storable text: no NUL, no unpaired surrogates (``checks`` refuses those before any write).
_TEXT = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
_ODD = st.sampled_from(["\\", "\\N", "\\.", "\t", "\n", "\r", '"', "'", ",", "{", "}", "[", "]", "网格", "😀", " "])
_KEY = st.lists(st.one_of(_ODD, st.text(_TEXT, max_size=3)), min_size=1, max_size=8).map("".join).filter(
    lambda key: 0 < len(key) <= 60)
_ROW = st.fixed_dictionaries({
    "grid_code": st.text(_TEXT, max_size=32),
    "version": st.integers(1, 2**31 - 1),
    "deleted": st.booleans(),
    "payload": st.lists(st.one_of(_ODD, st.text(_TEXT, max_size=20)), max_size=12).map("".join),
    "origin_station": st.text(_TEXT, max_size=36),
    "last_seq": st.integers(0, 2**63 - 1),
    "updated_at": st.text(_TEXT, max_size=32),
})
_numbers = itertools.count()


@pytest.fixture
def engine(database_url: str):  # type: ignore[no-untyped-def]
    engine = database.make_engine(database_url)
    database.migrate(engine)
    yield engine
    engine.dispose()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keys=st.lists(_KEY, min_size=1, max_size=20, unique=True), rows=st.data())
def test_rows_come_back_as_written_and_found_by_their_keys(engine: sa.Engine, keys: list[str],
                                                           rows: st.DataObject) -> None:
    kind = f"k{next(_numbers)}"  # a kind of its own per example: the examples share the database
    written = [{"kind": kind, "record_id": key, **rows.draw(_ROW)} for key in keys]
    with database.write(engine) as conn:
        database.insert_many(conn, record, written)
    wanted = keys[::2] + ["absent-" + keys[0]]
    with database.read(engine) as conn:
        stored = conn.execute(sa.select(record).where(record.c.kind == kind)).mappings().all()
        found = conn.execute(sa.select(record.c.record_id).where(
            record.c.kind == kind, database.among(conn.dialect.name, record.c.record_id)),
            {database.KEYS: database.key_list(conn, wanted)}).scalars().all()
        each = conn.execute(database.each(conn.dialect.name, [record.c.record_id], record.c.record_id,
                                          record.c.kind == kind),
                            {database.KEYS: database.key_list(conn, wanted)}).scalars().all()
    with database.write(engine) as conn:
        locked = conn.execute(database.lock_each(conn.dialect.name, [record.c.record_id, record.c.payload],
                                                 record.c.record_id, record.c.kind == kind),
                              {database.KEYS: database.key_list(conn, sorted(wanted))}).all()
    assert sorted(({**row, "deleted": bool(row["deleted"])} for row in stored), key=lambda r: r["record_id"]) == \
        sorted(written, key=lambda r: r["record_id"])
    assert sorted(found) == sorted(each) == sorted(keys[::2])
    by_key = {row["record_id"]: row["payload"] for row in written}
    assert sorted(locked) == sorted((key, by_key[key]) for key in keys[::2])


@pytest.mark.parametrize("count", [1, 2, 3, 63, 110, 111, 112, 333, 500])
def test_any_number_of_rows_is_inserted_once_each_in_order(engine: sa.Engine, count: int) -> None:
    """SQLite gets statements of a hundred-odd rows and the rest in powers of two: every row lands
    once, with its values, in the order given."""
    kind = f"n{next(_numbers)}"
    written = [{"kind": kind, "record_id": f"r{n:04d}", "grid_code": "g", "version": n + 1, "deleted": n % 2 == 0,
                "payload": f'{{"n":{n}}}', "origin_station": "s", "last_seq": n, "updated_at": "t"}
               for n in range(count)]
    with database.write(engine) as conn:
        database.insert_many(conn, record, written)
    with database.read(engine) as conn:
        order = record.c.last_seq if engine.dialect.name == "postgresql" else sa.literal_column("rowid")
        stored = conn.execute(sa.select(record).where(record.c.kind == kind).order_by(order)).mappings().all()
    assert [{**row, "deleted": bool(row["deleted"])} for row in stored] == written


def test_a_value_of_another_type_is_refused_and_nothing_is_written(engine: sa.Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("a check of the COPY text PostgreSQL is sent")
    row = {"kind": "k", "record_id": "r", "grid_code": "g", "version": 1.5, "deleted": False, "payload": "{}",
           "origin_station": "s", "last_seq": 1, "updated_at": "t"}
    with pytest.raises(TypeError, match="COPY of a float"), database.write(engine) as conn:
        database.insert_many(conn, record, [row])
    with database.read(engine) as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(record)).scalar_one() == 0


def _plan_and_rows(conn: sa.Connection, statement: sa.Select[Any], wanted: list[str]) -> tuple[str, list[Any]]:
    """PostgreSQL's plan of ``statement`` run for the keys ``wanted`` (EXPLAIN ANALYZE), and what it returns."""
    keys = {database.KEYS: database.key_list(conn, wanted)}
    compiled = statement.compile(conn)
    plan = "\n".join(conn.exec_driver_sql("EXPLAIN (ANALYZE, FORMAT TEXT) " + str(compiled),
                                           compiled.construct_params(keys)).scalars())
    return plan, list(conn.execute(statement, keys).scalars())


def test_locking_lookup_probes_the_index_per_key_however_stale_the_statistics(engine: sa.Engine) -> None:
    """A new district: the record table was never analysed while 20,000 records arrived. ``IN
    (SELECT unnest(…))`` was planned as a scan of all the kind's records there (the planner
    guessed a few hundred); the locking lookup must still probe the key index once per key."""
    if engine.dialect.name != "postgresql":
        pytest.skip("a check of PostgreSQL's plan")
    with database.write(engine) as conn:
        conn.exec_driver_sql("ALTER TABLE record SET (autovacuum_enabled = off)")
        conn.exec_driver_sql(
            "INSERT INTO record (kind, record_id, grid_code, version, deleted, payload, origin_station, last_seq, "
            "updated_at) SELECT 'todo', 'r' || n, 'g', 1, false, repeat('x', 200), 's', n, 't' "
            "FROM generate_series(1, 20000) AS n")
    wanted = sorted(f"r{n}" for n in range(1, 20001, 100)) + ["absent"]
    with database.write(engine) as conn:
        statement = database.lock_each(conn.dialect.name, [record.c.record_id], record.c.record_id,
                                       record.c.kind == "todo")
        plan, found = _plan_and_rows(conn, statement, wanted)
    assert found == [key for key in wanted if key != "absent"]  # in the order given: the lock order
    assert "Index Scan using record_pkey" in plan and "loops=201" in plan, plan
    assert "Seq Scan on record" not in plan and "Bitmap Heap Scan on record" not in plan, plan


def test_applied_ops_lookup_probes_the_op_index_per_key_on_a_growing_change_log(engine: sa.Engine) -> None:
    """The lookup of a batch's ops already applied: ``IN (SELECT unnest(…))``, and the same
    ``LATERAL`` join without ``FOR UPDATE`` (which PostgreSQL flattens into a plain join), were
    both planned as a hash of the whole change log once it held a few thousand ops: every push
    read the district's history. ``each`` must probe the op index once per key."""
    if engine.dialect.name != "postgresql":
        pytest.skip("a check of PostgreSQL's plan")
    with database.write(engine) as conn:
        conn.exec_driver_sql("ALTER TABLE change_log SET (autovacuum_enabled = off)")
        conn.exec_driver_sql(
            "INSERT INTO change_log (seq, kind, record_id, version, changed, station_id, station_version, op_id, at) "
            "SELECT n, 'todo', 'r' || n, 1, '[]', 's', 1, 'op' || n, 't' FROM generate_series(1, 20000) AS n")
        conn.exec_driver_sql("ANALYZE change_log")  # true statistics: the hash still looked cheaper
    wanted = sorted(f"op{n}" for n in range(1, 20001, 100)) + ["absent"]
    with database.read(engine) as conn:
        statement = database.each(conn.dialect.name, [change_log.c.op_id], change_log.c.op_id)
        plan, found = _plan_and_rows(conn, statement, wanted)
    assert sorted(found) == [key for key in wanted if key != "absent"]
    assert "ux_change_log_op_id" in plan and "loops=201" in plan, plan
    assert "Seq Scan on change_log" not in plan and "Hash" not in plan, plan
