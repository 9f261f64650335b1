"""Tenants never leak: a user of one client gets 404 on every record of another client."""

from __future__ import annotations

import pytest


@pytest.fixture
def two_tenants(make_client, make_user, make_project):
    """Two clients, each with a sponsor, a member and a project; a consultant assigned to A only."""
    client_a = make_client("甲公司", name_en="Alpha Ltd")
    client_b = make_client("乙公司", name_en="Beta Ltd")
    return {
        "client_a": client_a,
        "client_b": client_b,
        "sponsor_a": make_user("sponsor", client=client_a, name="甲发起人"),
        "member_a": make_user("member", client=client_a, name="甲成员"),
        "sponsor_b": make_user("sponsor", client=client_b, name="乙发起人"),
        "consultant_a": make_user("consultant", clients=(client_a,), name="甲顾问"),
        "project_a": make_project(client_a, name="甲项目"),
        "project_b": make_project(client_b, name="乙项目"),
    }


def _pages_of_b(world) -> list[str]:
    return [
        f"/clients/{world['client_b'].id}",
        f"/projects/{world['project_b'].id}",
        f"/users/{world['sponsor_b'].id}",
    ]


@pytest.mark.parametrize("who", ["sponsor_a", "member_a", "consultant_a"])
def test_users_of_a_get_404_on_every_page_of_b(client, login, two_tenants, who) -> None:
    login(two_tenants[who])
    for url in _pages_of_b(two_tenants):
        assert client.get(url).status_code == 404, url
    own = [f"/clients/{two_tenants['client_a'].id}", f"/projects/{two_tenants['project_a'].id}"]
    for url in own:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["sponsor_a", "consultant_a"])
def test_lists_and_dashboard_show_nothing_of_b(client, login, two_tenants, who) -> None:
    login(two_tenants[who])
    for url in ("/", "/clients"):
        page = client.get(url, headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
        assert "甲公司" in page
        assert "乙公司" not in page and "乙项目" not in page and "Beta" not in page


def test_staff_writes_to_b_are_404_for_a_consultant_of_a(client, login, two_tenants) -> None:
    login(two_tenants["consultant_a"])
    client_b = two_tenants["client_b"].id
    assert client.post(f"/clients/{client_b}/units", data={"name": "X", "region": "华东"}).status_code == 404
    assert client.get(f"/clients/{client_b}/users/new").status_code == 404
    assert client.post(f"/users/{two_tenants['sponsor_b'].id}/invitation").status_code == 404


def test_client_users_cannot_do_staff_work(client, login, two_tenants) -> None:
    login(two_tenants["sponsor_a"])
    client_a = two_tenants["client_a"].id
    assert client.get("/clients/new").status_code == 403
    assert client.post(f"/clients/{client_a}/units", data={"name": "X", "region": "华东"}).status_code == 403
    assert client.get(f"/clients/{client_a}/users/new").status_code == 403


def test_admin_sees_every_client(client, login, make_user, two_tenants) -> None:
    login(make_user("admin"))
    for url in _pages_of_b(two_tenants):
        assert client.get(url).status_code == 200, url


def test_a_sponsor_sees_colleagues_but_not_consultant_records(client, login, two_tenants) -> None:
    login(two_tenants["sponsor_a"])
    assert client.get(f"/users/{two_tenants['member_a'].id}").status_code == 200
    assert client.get(f"/users/{two_tenants['consultant_a'].id}").status_code == 404


def test_nonexistent_records_and_foreign_records_answer_alike(client, login, two_tenants) -> None:
    login(two_tenants["sponsor_a"])
    foreign_url = f"/projects/{two_tenants['project_b'].id}"
    foreign = client.get(foreign_url)
    missing = client.get("/projects/999999")
    assert foreign.status_code == missing.status_code == 404
    assert foreign.get_data(as_text=True).replace(foreign_url, "URL") == missing.get_data(as_text=True).replace(
        "/projects/999999", "URL"
    )


def _recovery_of_b(app, two_tenants) -> list[tuple[str, str]]:
    """Start a recovery of B's project with one row of each kind; return (method, url) of every recovery page."""
    from datetime import date

    from sqlalchemy import select

    from accounts.models import Role, User
    from core.extensions import db
    from phases.projects.models import Project
    from phases.recovery import services as recovery_services
    from phases.recovery.checklist import FindingCategory, ScopeDecision
    from phases.recovery.models import RecoveryItem

    project_id = two_tenants["project_b"].id
    with app.app_context():
        staff = User(email="staff@example.invalid", name="staff", role=Role.ADMIN)
        recovery = recovery_services.start_recovery(db.session.get(Project, project_id), staff, "")
        row = recovery_services.add_expectation(
            recovery,
            staff,
            {
                "original_claim": "业绩翻倍",
                "small_win": "拜访全部录入",
                "metric": "人效",
                "baseline_value": "100",
                "target_value": "110",
                "target_date": date(2027, 6, 30),
            },
        )
        scope = recovery_services.add_scope_item(recovery, staff, "移动端", ScopeDecision.KEPT, "")
        recovery_services.add_finding(recovery, staff, "数据未清洗", FindingCategory.DATA, "")
        item = db.session.scalar(select(RecoveryItem.id).where(RecoveryItem.recovery_id == recovery.id))
        row_id, scope_id = row.id, scope.id
    base = f"/projects/{project_id}/recovery"
    return [
        ("get", base),
        ("post", f"{base}/start"),
        ("get", f"/recovery-items/{item}"),
        ("post", f"/recovery-items/{item}"),
        ("post", f"{base}/expectations"),
        ("get", f"/expectations/{row_id}"),
        ("post", f"/expectations/{row_id}"),
        ("post", f"{base}/accept"),
        ("post", f"{base}/scope"),
        ("get", f"/scope-items/{scope_id}"),
        ("post", f"/scope-items/{scope_id}"),
        ("post", f"{base}/findings"),
    ]


@pytest.mark.parametrize("who", ["sponsor_a", "member_a", "consultant_a"])
def test_users_of_a_get_404_on_every_recovery_page_of_b(app, client, login, two_tenants, who) -> None:
    pages = _recovery_of_b(app, two_tenants)
    login(two_tenants[who])
    for method, url in pages:
        assert getattr(client, method)(url).status_code == 404, (method, url)
    assert client.get(f"/projects/{two_tenants['project_a'].id}/recovery").status_code == 200


def test_every_model_with_a_client_column_is_tenant_owned(app) -> None:
    from accounts.models import Client, TenantOwned
    from core.extensions import db

    owned = []
    for mapper in db.Model.registry.mappers:
        model = mapper.class_
        if model is not Client and "client_id" in mapper.columns:
            column = mapper.columns["client_id"]
            if not column.nullable:  # a record that must belong to a client
                assert issubclass(model, TenantOwned), model.__name__
                owned.append(model)
    assert len(owned) >= 29


def test_scoping_a_record_that_belongs_to_no_client_is_refused(app) -> None:
    from sqlalchemy import select

    from accounts.models import User
    from accounts.tenancy import scoped

    with app.test_request_context(), pytest.raises(TypeError, match="not tenant-owned"):
        scoped(select(User), User, user=_unsaved_consultant())


def _unsaved_consultant():
    from accounts.models import Role, User

    return User(id=1, role=Role.CONSULTANT, name="x", email="x@example.com", session_token="t", is_active_user=True)
