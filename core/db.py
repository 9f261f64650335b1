"""Database session rules: SQLite pragmas, BEGIN IMMEDIATE for writes, one commit per service call."""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Enum, event
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine

from core.extensions import db

# True while a service runs its write transaction; read by the SQLite "begin" hook.
_writing: contextvars.ContextVar[bool] = contextvars.ContextVar("writing", default=False)


def utcnow() -> datetime:
    """Return the current UTC time without tzinfo, as stored in every timestamp column."""
    return datetime.now(UTC).replace(tzinfo=None)


def str_enum(enum_class: type, length: int = 20) -> Enum:
    """Return a portable VARCHAR column type that stores an enum's values."""
    return Enum(enum_class, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e])


def install_sqlite_rules(engine: Engine) -> None:
    """Give every SQLite connection WAL, a busy timeout, foreign keys and explicit BEGINs."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        # Let SQLAlchemy's "begin" hook issue BEGIN itself instead of pysqlite guessing.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        # A write takes the lock up front, so it waits on busy_timeout instead of failing mid-way.
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _writing.get() else "BEGIN")


@contextmanager
def write_transaction() -> Iterator[None]:
    """Run the body as one write transaction and commit it, or roll everything back on error."""
    if _writing.get():  # nested service call: the outer one commits
        yield
        return
    session = db.session()  # the request's Session behind the scoped proxy
    if session.in_transaction():
        # End the read transaction so the write starts a fresh, locked one.
        session.commit()
    token = _writing.set(True)
    try:
        yield
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        _writing.reset(token)


def insert_ignoring_duplicates(table: Any, values: dict[str, Any], unique_columns: list[str]) -> None:
    """INSERT a row unless one with the same unique columns exists (ON CONFLICT DO NOTHING)."""
    insert = postgresql_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
    db.session.execute(insert(table).values(**values).on_conflict_do_nothing(index_elements=unique_columns))
