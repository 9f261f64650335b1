"""Database rules: SQLite pragmas, one commit per service call, concurrent writers, migrations = models."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from accounts import services
from accounts.models import Client, Role, User
from core.db import write_transaction
from core.extensions import db
from tests.conftest import run_concurrently


def test_sqlite_connections_use_wal_busy_timeout_and_foreign_keys(app) -> None:
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("SQLite pragmas")
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert db.session.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_a_failing_write_leaves_nothing_behind(app) -> None:
    with app.app_context():
        with pytest.raises(RuntimeError), write_transaction():
            db.session.add(Client(name="半途而废有限公司"))
            db.session.flush()
            raise RuntimeError("interrupted")
        assert db.session.scalar(select(func.count(Client.id))) == 0


def test_foreign_keys_are_enforced(app) -> None:
    with app.app_context():
        with pytest.raises(IntegrityError), write_transaction():
            db.session.add(User(email="ghost@example.com", name="ghost", role=Role.MEMBER, client_id=987654))
        assert db.session.scalar(select(func.count(User.id))) == 0


def test_concurrent_writers_all_succeed(app, make_client) -> None:
    """Eight threads add units at once; every write lands, none fails with 'database is locked'."""
    group = make_client(is_group=True)

    def add_units(worker: int) -> None:
        with app.app_context():
            target = db.session.get(Client, group.id)
            for number in range(5):
                services.add_unit(target, f"分公司{worker}-{number}", "华东", 10)

    errors = run_concurrently(add_units, 8)
    assert errors == []
    with app.app_context():
        from accounts.models import BusinessUnit

        assert db.session.scalar(select(func.count(BusinessUnit.id))) == 40


def test_migrations_match_the_models(app) -> None:
    """The migrated schema has every table and column the models declare (no create_all anywhere)."""
    with app.app_context():
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = [
                diff
                for diff in compare_metadata(context, db.metadata)
                if diff[0] != "remove_table" or diff[1].name != "alembic_version"
            ]
        assert differences == []
