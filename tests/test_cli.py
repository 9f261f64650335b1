"""Command-line commands: create-user and seed-demo."""

from __future__ import annotations

from sqlalchemy import func, select

from accounts.models import BusinessUnit, Client, Role, User
from core.extensions import db
from phases.projects.models import Phase, Project, StatusUpdate


def _counts(app) -> dict[str, int]:
    with app.app_context():
        return {
            model.__name__: db.session.scalar(select(func.count()).select_from(model))
            for model in (Client, BusinessUnit, User, Project, Phase, StatusUpdate)
        }


def test_create_user_command(app, runner, make_client) -> None:
    make_client("华东精工机械有限公司")
    result = runner.invoke(
        args=[
            "create-user",
            "--email",
            "Boss@Example.com",
            "--name",
            "张总",
            "--role",
            "sponsor",
            "--client",
            "华东精工机械有限公司",
            "--password",
            "long-password",
        ]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalars(select(User).where(User.email == "boss@example.com")).one()
        assert user.role is Role.SPONSOR and user.check_password("long-password")


def test_create_user_command_refuses_bad_input(app, runner) -> None:
    short = runner.invoke(
        args=["create-user", "--email", "a@example.com", "--name", "A", "--role", "admin", "--password", "short"]
    )
    assert short.exit_code != 0 and "8" in short.output
    no_client = runner.invoke(
        args=[
            "create-user",
            "--email",
            "b@example.com",
            "--name",
            "B",
            "--role",
            "member",
            "--password",
            "long-password",
        ]
    )
    assert no_client.exit_code != 0
    unknown = runner.invoke(
        args=[
            "create-user",
            "--email",
            "c@example.com",
            "--name",
            "C",
            "--role",
            "member",
            "--client",
            "不存在",
            "--password",
            "long-password",
        ]
    )
    assert unknown.exit_code != 0 and "No client" in unknown.output
    assert _counts(app)["User"] == 0


def test_seed_demo_is_complete_and_idempotent(app, runner) -> None:
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    assert "admin@mingtu.example" in first.output
    counts = _counts(app)
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0 and "nothing changed" in second.output
    assert _counts(app) == counts
    with app.app_context():
        roles = set(db.session.scalars(select(User.role)))
        assert roles == set(Role)
        group = db.session.scalars(select(Client).where(Client.is_group.is_(True))).one()
        units = db.session.scalars(select(BusinessUnit).where(BusinessUnit.client_id == group.id)).all()
        assert len(units) >= 6 and len({unit.region for unit in units}) >= 3
        assert db.session.scalar(select(func.count(Client.id))) >= 2
        statuses = {phase.status for phase in db.session.scalars(select(Phase))}
        assert len(statuses) >= 3  # projects stand in different phases


def test_seed_demo_if_empty_leaves_a_used_database_alone(app, runner, make_user) -> None:
    make_user("admin")
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert result.exit_code == 0 and "not loaded" in result.output
    assert _counts(app)["Client"] == 0


def test_demo_logins_work(app, runner) -> None:
    from demo.seed import DEMO_PASSWORD

    runner.invoke(args=["seed-demo"])
    browser = app.test_client()
    for email in (
        "admin@mingtu.example",
        "wang.lixin@mingtu.example",
        "zhou.haiyan@dingsheng.example",
        "lee.chihao@yongfeng.example",
    ):
        assert browser.post("/login", data={"email": email, "password": DEMO_PASSWORD}).status_code == 302, email
        assert browser.get("/").status_code == 200
        browser.post("/logout")
