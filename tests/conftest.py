"""Fixtures: a fresh database per test (SQLite, or PostgreSQL with TEST_DATABASE_URL), app, client, runner, factories."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from app import create_app

pytest_plugins = ["tests.assess.fixtures"]
from core.config import database_url
from core.extensions import db

TEST_PASSWORD = "correct-horse-9"
BASE_CONFIG: dict[str, Any] = {
    "TESTING": True,
    "SECRET_KEY": "test-secret-key",
    "WTF_CSRF_ENABLED": False,
    "RATELIMIT_ENABLED": False,
    "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",  # fast hashes: tests sign in hundreds of times
    "SERVER_NAME": None,
}


def _reset_postgres(url: str) -> None:
    engine = create_engine(database_url(url))
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def migrated_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Create the schema once per test run through the migrations, as `make run` does."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        _reset_postgres(url)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    app = create_app(
        {**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": url}, instance_path=str(tmp_path_factory.mktemp("instance"))
    )
    with app.app_context():
        upgrade(directory=str(Path(__file__).parent.parent / "migrations"))
        db.engine.dispose()
    return url


def _empty_all_tables() -> None:
    tables = [table for table in reversed(db.metadata.sorted_tables)]
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{table.name}"' for table in tables)
        db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in tables:
            db.session.execute(table.delete())
    db.session.commit()


@pytest.fixture
def make_app(migrated_database_url: str, tmp_path: Path) -> Iterator[Callable[..., Flask]]:
    """Return a factory of apps on the test database, with extra config; tables are emptied afterwards."""
    apps: list[Flask] = []

    def factory(**config: Any) -> Flask:
        app = create_app(
            {**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": migrated_database_url, **config}, instance_path=str(tmp_path)
        )
        apps.append(app)
        return app

    yield factory
    for app in apps:
        with app.app_context():
            db.session.remove()
    on_test_database = [
        app for app in apps if app.config["SQLALCHEMY_DATABASE_URI"] == database_url(migrated_database_url)
    ]
    if on_test_database:
        with on_test_database[0].app_context():
            _empty_all_tables()
            db.session.remove()
    for app in apps:
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Flask:
    """The site on a fresh, empty database; no app context stays pushed between requests."""
    return make_app()


def detached(app: Flask, create: Callable[[], Any]) -> Any:
    """Run a service call in its own app context and return its record, loaded and detached."""
    with app.app_context():
        record = create()
        db.session.refresh(record)
        db.session.expunge(record)
        return record


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A browser-like test client."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    """A runner for the app's command-line commands."""
    return app.test_cli_runner()


# ---- factories -------------------------------------------------------------------------------------------------


@pytest.fixture
def make_client(app: Flask) -> Callable[..., Any]:
    """Create a client company through the service."""
    from accounts import services
    from accounts.models import Role, User

    counter = iter(range(1, 10_000))

    def factory(name: str | None = None, is_group: bool = False, name_en: str | None = None, app: Flask = app) -> Any:
        admin = User(email="nobody@example.invalid", name="system", role=Role.ADMIN)
        return detached(
            app,
            lambda: services.create_client(
                admin, name or f"测试客户{next(counter)}有限公司", name_en, "制造", is_group
            ),
        )

    return factory


@pytest.fixture
def make_user(app: Flask, make_client: Callable[..., Any]) -> Callable[..., Any]:
    """Create a user (with a known password) through the service; consultants get assigned to `clients`."""
    from accounts import services
    from accounts.models import Role

    counter = iter(range(1, 10_000))

    def factory(
        role: str = "member",
        client: Any = None,
        clients: tuple[Any, ...] = (),
        email: str | None = None,
        name: str | None = None,
        locale: str | None = None,
        app: Flask = app,
    ) -> Any:
        number = next(counter)
        if client is None and Role(role).is_client_role:
            client = make_client(app=app)

        def create() -> Any:
            user, _ = services.create_user(
                email or f"user{number}@example.com",
                name or f"用户{number}",
                Role(role),
                client.id if client is not None else None,
                TEST_PASSWORD,
            )
            for assigned in clients:
                services.assign_consultant(db.session.merge(assigned, load=False), user)
            if locale:
                services.set_locale(user, locale)
            return user

        return detached(app, create)

    return factory


@pytest.fixture
def make_project(app: Flask) -> Callable[..., Any]:
    """Create a five-step project of a client through the service."""
    from phases.projects import services
    from phases.projects.methodology import Methodology

    def factory(client: Any, name: str = "CRM 一期", methodology: str = "five_step") -> Any:
        today = date.today()
        return detached(
            app,
            lambda: services.create_project(
                client, name, Methodology(methodology), today - timedelta(days=30), today + timedelta(days=300)
            ),
        )

    return factory


@pytest.fixture
def login(client: FlaskClient) -> Callable[..., Any]:
    """Sign a user in on the test client."""

    def do_login(user: Any, password: str = TEST_PASSWORD, browser: FlaskClient | None = None) -> Any:
        return (browser or client).post("/login", data={"email": user.email, "password": password})

    return do_login


def page_queries(app: Flask, client: FlaskClient, url: str) -> int:
    """Return how many SQL statements one GET of a page costs (the page must answer 200)."""
    from core.profiling import count_queries

    with app.app_context():
        engine = db.engine
    with count_queries(engine) as log:
        assert client.get(url).status_code == 200
    return log.count


def csrf_token_from(html: str) -> str:
    """Return the CSRF token of the first form in a page."""
    match = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def run_concurrently(work: Callable[[int], Any], workers: int) -> list[BaseException]:
    """Run work(0) … work(workers − 1) in threads started together; return the errors they raised."""
    import threading

    errors: list[BaseException] = []
    start = threading.Barrier(workers)

    def run(number: int) -> None:
        try:
            start.wait()
            work(number)
        except BaseException as error:  # noqa: BLE001  (collected for the test to assert on)
            errors.append(error)

    threads = [threading.Thread(target=run, args=(number,)) for number in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
