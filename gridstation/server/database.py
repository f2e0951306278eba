"""Engines, transactions and migrations for the district server's database.

SQLite (the default, one file in the data directory) runs in WAL mode with ``synchronous=FULL``,
foreign keys and a busy timeout; a write transaction starts with ``BEGIN IMMEDIATE`` so two
writers queue on the lock instead of failing half-way. PostgreSQL (psycopg 3) may be shared by
several server processes: correctness rests on the database (row locks, unique keys), never on
state kept in one process.

Every engine hides statement parameters from its error messages (``hide_parameters``): they hold
residents' names, phone numbers and addresses, and error messages end up in the log.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import operator
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from filelock import FileLock
from platformdirs import user_data_dir
from sqlalchemy import event
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection, Engine

from gridstation.server.errors import AdminError

if TYPE_CHECKING:  # alembic is imported by ``migrate`` only when the schema is not up to date
    from alembic.config import Config

APP_NAME = "GridStationServer"
ENV_DB = "GRIDSTATION_SERVER_DB"
ENV_DATA_DIR = "GRIDSTATION_SERVER_DATA_DIR"
DB_FILE = "gridstation-server.sqlite3"
# The newest migration (``migrations/versions``); a test checks that it is alembic's head.
HEAD_REVISION = "r0003"
BUSY_TIMEOUT_S = 30
# pg_advisory_lock key that serialises migrations of several processes starting at once.
_MIGRATION_LOCK_KEY = 0x67726964  # "grid"
_WRITE = "gridstation_write"


def default_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / DB_FILE}"


def default_data_dir() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False))


def resolve_url(database_url: str | None, data_dir: Path | str | None) -> str:
    """``database_url``, else the SQLite file in ``data_dir`` (made if missing; OSError when it
    cannot be), else in the platform's user data directory."""
    if database_url:
        return normalise_url(database_url)
    directory = Path(data_dir) if data_dir else default_data_dir()
    directory.mkdir(parents=True, exist_ok=True)
    return default_url(directory)


def normalise_url(url: str) -> str:
    """``postgresql://…`` means psycopg 3 here (SQLAlchemy's default driver would be psycopg2)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def make_engine(url: str) -> Engine:
    """An engine for ``url`` (SQLite or PostgreSQL; ``sqlalchemy.exc.ArgumentError`` for anything
    else). Connects only when first used."""
    url = normalise_url(url)
    backend = sa.engine.make_url(url).get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise sa.exc.ArgumentError(f"the district server runs on SQLite or PostgreSQL, not {backend}")
    if backend == "sqlite":
        engine = sa.create_engine(
            url, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_S}, pool_size=8, max_overflow=8,
            hide_parameters=True,
        )
        _configure_sqlite(engine)
        return engine
    # No server-side prepared statements (psycopg prepares a statement after five runs): PostgreSQL
    # would then keep one generic plan for it, made with the statistics of that moment, on a new
    # district while its tables are still empty. Each statement is planned with its values
    # instead, for the table as it is now (PostgreSQL scales its row estimate by the table's
    # current size); that costs well under a millisecond, and it works behind a pooler too.
    #
    # No ping before each checkout either: it is a round trip on every request. A connection the
    # database dropped (a restart, a firewall) fails its one request instead, which answers 503
    # (``refusals``; the station sends it again), and SQLAlchemy then replaces every pooled
    # connection older than the failure.
    return sa.create_engine(url, pool_size=8, max_overflow=8, connect_args={"prepare_threshold": None},
                            hide_parameters=True)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own handling defers it).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
        cursor.execute("PRAGMA wal_autocheckpoint=8000")
        cursor.execute("PRAGMA cache_size=-65536")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")


KEYS = "keys"  # the parameter that holds the keys of ``among``, ``each`` and ``lock_each``: ``key_list(…)``


def key_list(conn: Connection, values: list[str]) -> str:
    """The value of the ``KEYS`` parameter for ``values``: one text, so that the statement stays
    the same (and compiled once) however many keys there are. PostgreSQL: an array literal made
    here (psycopg's dumper of a list of strings walks it in Python); SQLite: a JSON list."""
    return array_literal(values) if conn.dialect.name == "postgresql" else _json_list(values)


def among(dialect: str, column: sa.ColumnElement[str]) -> sa.ColumnElement[bool]:
    """``column IN (the KEYS parameter's keys)``: one statement however many keys (an ``IN`` list
    of hundreds of parameters costs SQLAlchemy more than the lookup costs the database).

    PostgreSQL: ``column IN (SELECT unnest(CAST(:keys AS TEXT[])))``; the planner may still read
    the whole table when it is small, so a lookup on a table that grows with the district's history
    uses ``each``. (``= ANY(:array)`` was worse: a scan comparing every row with every key.)
    SQLite: ``column IN (SELECT value FROM json_each(:keys))``, an index lookup per key."""
    return column.in_(sa.select(_keys(dialect).c.value))


def _keys(dialect: str) -> sa.TableValuedAlias:
    """The KEYS parameter as a table of one column, ``value``."""
    parameter = sa.bindparam(KEYS, type_=sa.Text)
    if dialect == "postgresql":
        return sa.func.unnest(sa.cast(parameter, postgresql.ARRAY(sa.Text))).table_valued("value").render_derived(
            name="keys")
    return sa.func.json_each(parameter).table_valued("value")


_json_list = json.JSONEncoder(ensure_ascii=False).encode


def lock_each(dialect: str, columns: list[sa.Column[Any]], key: sa.Column[str],
              *where: sa.ColumnElement[bool]) -> sa.Select[Any]:
    """The rows matching ``where`` whose ``key`` is one of the KEYS parameter's keys, each locked
    ``FOR UPDATE`` in the order of the keys (give them sorted, so that every transaction locks in
    one order), and on PostgreSQL returned in that order. Made once and kept: building a statement
    costs more than running it.

    PostgreSQL: one probe of the key's index per key (``each``). SQLite has no row locks (its
    write transaction already holds the database's), so there it is ``among``."""
    return each(dialect, columns, key, *where, lock=True)


def each(dialect: str, columns: list[sa.Column[Any]], key: sa.Column[str], *where: sa.ColumnElement[bool],
         lock: bool = False) -> sa.Select[Any]:
    """The rows matching ``where`` whose ``key`` is one of the KEYS parameter's keys (``lock``:
    ``lock_each``).

    PostgreSQL: ``unnest(:keys)`` joined ``LATERAL`` to a lookup of one key (a subquery the planner
    cannot flatten), which can only be one probe of the key's index per key, whatever the
    statistics say. With ``IN (…)`` the planner
    weighs 200 index probes against reading the whole table, and reads the table while it is
    small enough: every push then read every record of a kind, or the whole change log, in
    milliseconds growing with the district's history (and on a table still new, whose statistics
    said it was tiny, at any size). SQLite: ``among``."""
    if dialect != "postgresql":
        return sa.select(*columns).where(*where, among(dialect, key))
    keys = _keys(dialect)
    lookup = sa.select(*columns).where(*where, key == keys.c.value)
    # OFFSET 0 keeps a lookup without FOR UPDATE a subquery too: else PostgreSQL flattens it into
    # a join and may hash the whole table.
    row = (lookup.with_for_update() if lock else lookup.offset(0)).lateral("found")
    return sa.select(row).select_from(keys.join(row, sa.true()))


def array_literal(values: list[str]) -> str:
    """PostgreSQL's text form of a ``text[]`` holding ``values``: every element quoted, with a
    backslash before each backslash and double quote inside it."""
    return "{" + ",".join(['"' + (value.replace("\\", "\\\\").replace('"', '\\"') if "\\" in value or '"' in value
                                  else value) + '"' for value in values]) + "}"


def insert_many(conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys, values of text, integers, booleans or None) in
    the connection's transaction: ``insert_rows`` of their values."""
    if rows:
        columns = tuple(rows[0])
        insert_rows(conn, table, columns, list(map(_values(columns), rows)))


def insert_rows(conn: Connection, table: sa.Table, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Insert ``rows`` (tuples of the ``columns``' values, in that order: text, integers, booleans
    or None) in the connection's transaction, the fastest way each database offers for a few
    hundred rows. A push builds its rows as tuples: a dict per row, then a tuple of it, cost a
    tenth of the push's own time.

    PostgreSQL: ``COPY … FROM STDIN``, about three times faster than psycopg's executemany, which
    still executes one INSERT per row on the server. SQLite: ``INSERT … VALUES (…), (…), …`` of
    about a hundred rows a statement (``_insert_sqlite``)."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        _copy(conn, table, columns, rows)
    elif conn.dialect.name == "sqlite":
        _insert_sqlite(conn, table, columns, rows)
    else:  # conn.execute(table.insert(), rows) would run every row through SQLAlchemy's parameter processing
        sql, keys = _insert_sql(conn.dialect, table, columns)
        if keys is None:  # named parameters
            conn.exec_driver_sql(sql, [dict(zip(columns, row, strict=True)) for row in rows])
        else:  # positional, in the compiled statement's order
            position = {column: index for index, column in enumerate(columns)}
            conn.exec_driver_sql(sql, [tuple(row[position[key]] for key in keys) for row in rows])


# Parameters in one SQLite statement at most: the limit of SQLite before 3.32 (32,766 since).
SQLITE_MAX_VARIABLES = 999


def _insert_sqlite(conn: Connection, table: sa.Table, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """The rows in statements of as many rows as ``SQLITE_MAX_VARIABLES`` allows, the rest in
    statements of 64, 32, … rows, so that a handful of statement texts, each compiled once, serve
    every number of rows. Inserting a push's change-log and record rows this way took a fifth less
    time than an executemany of them (10 against 12.5 µs a row, the commit included), which steps
    through the statement once per row."""
    largest = max(1, SQLITE_MAX_VARIABLES // len(columns))
    start = 0
    while start < len(rows):
        left = len(rows) - start
        size = largest if left >= largest else 1 << (left.bit_length() - 1)  # the largest power of two <= left
        parameters = tuple(itertools.chain.from_iterable(rows[start:start + size]))
        conn.exec_driver_sql(_multi_row_insert(conn.dialect, table, columns, size), parameters)
        start += size


@functools.lru_cache(maxsize=256)
def _multi_row_insert(dialect: sa.Dialect, table: sa.Table, columns: tuple[str, ...], rows: int) -> str:
    quote = dialect.identifier_preparer
    one = "(" + ", ".join("?" * len(columns)) + ")"
    return (f"INSERT INTO {quote.format_table(table)} ({', '.join(quote.quote(c) for c in columns)}) "
            f"VALUES {', '.join([one] * rows)}")


def _values(keys: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """A row's values in the order of ``keys``, as a tuple (``operator.itemgetter``)."""
    if len(keys) == 1:
        return lambda row: (row[keys[0]],)
    return operator.itemgetter(*keys)


# COPY's text format: a tab between fields, a newline after each row, NULL as \N, and
# these four characters escaped inside a value.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _copy_field(value: Any) -> str:
    if value is None:
        return "\\N"
    if value is True or value is False:
        return "t" if value else "f"
    if type(value) is int:
        return str(value)
    if type(value) is not str:
        raise TypeError(f"COPY of a {type(value).__name__} value")
    text = value
    if "\\" in text or "\n" in text or "\r" in text or "\t" in text:
        return text.translate(_COPY_ESCAPES)
    return text


def copy_text(rows: list[tuple[Any, ...]]) -> str:
    """``rows`` in COPY's text format, all at once (handing psycopg one row at a time costs more
    than the database's work on it)."""
    return "".join("\t".join(map(_copy_field, row)) + "\n" for row in rows)


def _copy(conn: Connection, table: sa.Table, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    quote = conn.dialect.identifier_preparer
    statement = f"COPY {quote.format_table(table)} ({', '.join(quote.quote(c) for c in columns)}) FROM STDIN"
    driver = conn.connection.driver_connection
    assert driver is not None
    dbapi_error = conn.dialect.loaded_dbapi.Error
    try:
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            copy.write(copy_text(rows))  # encoded by psycopg, in the connection's encoding
    except dbapi_error as exc:  # as SQLAlchemy reports driver errors (the app answers 503 to these)
        # psycopg's message goes on with PostgreSQL's DETAIL and CONTEXT, which quote the row being
        # copied (a resident's data): only the primary message and the SQLSTATE go on, unchained.
        raise sa.exc.DBAPIError.instance(statement, None, _without_row_text(exc), dbapi_error) from None


def _without_row_text(exc: Any) -> Any:
    """A psycopg error of the same class and SQLSTATE as ``exc``, with only its primary message."""
    sqlstate = getattr(exc, "sqlstate", None) or exc.diag.sqlstate
    clean = type(exc)(exc.diag.message_primary or type(exc).__name__)
    clean.sqlstate = sqlstate
    return clean


@functools.cache
def _insert_sql(dialect: sa.Dialect, table: sa.Table, columns: tuple[str, ...]) -> tuple[str, tuple[str, ...] | None]:
    compiled = table.insert().inline().compile(dialect=dialect, column_keys=list(columns))  # inline: no RETURNING
    if compiled.positional:
        return str(compiled), tuple(compiled.positiontup or ())
    if set(compiled.binds) != set(columns):  # not plain %(column)s names: let SQLAlchemy map them
        raise ValueError(f"unexpected parameter names for {table.name}: {sorted(compiled.binds)}")
    return str(compiled), None


@contextlib.contextmanager
def write(engine: Engine) -> Iterator[Connection]:
    """A write transaction: committed on success, rolled back on any exception."""
    with engine.connect() as conn:
        conn.execution_options(**{_WRITE: True})
        with conn.begin():
            yield conn


@contextlib.contextmanager
def lookup(engine: Engine) -> Iterator[Connection]:
    """A connection for one reading statement: on PostgreSQL without a transaction around it (one
    statement reads one snapshot by itself; BEGIN and COMMIT would be two more round trips on
    every request). SQLite: ``read``."""
    if engine.dialect.name != "postgresql":
        with read(engine) as conn:
            yield conn
        return
    with engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT")
        yield conn


@contextlib.contextmanager
def read(engine: Engine) -> Iterator[Connection]:
    """A read transaction (one snapshot on SQLite's WAL; READ COMMITTED on PostgreSQL)."""
    with engine.connect() as conn, conn.begin():
        yield conn


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "gridstation.server:migrations")
    return config


class SchemaTooNew(AdminError):
    """The database's schema is at a revision this server does not know: a newer server wrote it."""


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision``; safe when several processes start at the same time.
    Raises SchemaTooNew when a newer server has migrated the database beyond what this one knows.

    A schema already at the newest revision is recognised with one query, without alembic (whose
    import and scripts cost an admin command a third of its time)."""
    if revision == "head" and _revision_in_database(engine) == HEAD_REVISION:
        return
    if engine.dialect.name == "sqlite":
        path = engine.url.database
        lock = FileLock(f"{path}.migrate.lock") if path and path != ":memory:" else contextlib.nullcontext()
        with lock, engine.connect() as conn:
            _upgrade(conn, revision)
            conn.commit()
        return
    with engine.connect() as conn:
        conn.execute(sa.text("SELECT pg_advisory_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
        conn.commit()
        try:
            _upgrade(conn, revision)
            conn.commit()
        finally:
            conn.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": _MIGRATION_LOCK_KEY})
            conn.commit()


def _revision_in_database(engine: Engine) -> str | None:
    """The revision in ``alembic_version`` (None: no such table or row, or several heads)."""
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("alembic_version"):
            return None
        rows = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all()
    return rows[0] if len(rows) == 1 else None


def _upgrade(conn: Connection, revision: str) -> None:
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = alembic_config()
    known = {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}
    unknown = sorted(set(MigrationContext.configure(conn).get_current_heads()) - known)
    if unknown:
        raise SchemaTooNew(f"the database was written by a newer GridStation server (revision "
                           f"{', '.join(unknown)}); upgrade this server")
    config.attributes["connection"] = conn
    command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
