"""Recovery pages and roles: who starts, updates, re-bases, accepts, cuts scope and logs findings; the demo."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from core.extensions import db
from phases.projects.models import Project
from phases.recovery.checklist import ItemStatus, ScopeDecision
from phases.recovery.models import ExpectationReset, Recovery, RecoveryItem, ScopeItem
from tests.phases.recovery.test_services import EN, WIN, _count, _start, _trouble


def _as(client, login, user) -> None:
    """Sign out whoever is signed in and sign the user in."""
    client.post("/logout")
    login(user)


def _recovery_of(app, project_id: int) -> Recovery | None:
    with app.app_context():
        return db.session.scalars(select(Recovery).where(Recovery.project_id == project_id)).first()


def _first_item(app, recovery_id: int) -> RecoveryItem:
    with app.app_context():
        item = db.session.scalars(
            select(RecoveryItem).where(RecoveryItem.recovery_id == recovery_id).order_by(RecoveryItem.position)
        ).first()
        db.session.expunge(item)
        return item


@pytest.mark.parametrize("who", ["sponsor", "member"])
def test_only_consultants_start_a_recovery(app, client, login, world, who) -> None:
    _as(client, login, world[who])
    assert client.post(f"/projects/{world['project'].id}/recovery/start").status_code == 403
    assert client.get(f"/projects/{world['project'].id}/recovery").status_code == 200  # but they can read it
    assert _recovery_of(app, world["project"].id) is None


def test_a_consultant_starts_a_recovery_and_the_page_shows_eight_steps(app, client, login, world) -> None:
    _trouble(app, world["project"].id, world["consultant"].id)
    _as(client, login, world["consultant"])
    response = client.post(f"/projects/{world['project'].id}/recovery/start")
    assert response.status_code == 302
    recovery = _recovery_of(app, world["project"].id)
    assert "milestones overdue" in recovery.trigger
    page = client.get(response.location, headers=EN).get_data(as_text=True)
    assert page.count('class="recovery-step"') == 8 and "Analyse, don&#39;t blame" in page
    assert "Follow the rules this time" in page
    page = client.get(f"/projects/{world['project'].id}", headers=EN).get_data(as_text=True)
    assert "Recovery under way" in page and "0 of" in page
    assert "Recovery: 0/" in client.get("/", headers=EN).get_data(as_text=True)


def test_owners_update_their_items_and_done_needs_evidence(app, client, login, world) -> None:
    item = _first_item(app, _start(app, world))
    url = f"/recovery-items/{item.id}"
    _as(client, login, world["member"])
    assert client.get(url).status_code == 403  # not the owner yet
    _as(client, login, world["consultant"])
    due = (date.today() + timedelta(days=7)).isoformat()
    assert (
        client.post(
            url, data={"owner_id": world["member"].id, "due_date": due, "status": "open", "evidence": ""}
        ).status_code
        == 302
    )
    _as(client, login, world["member"])
    response = client.post(
        url, data={"status": "done", "evidence": "", "owner_id": world["other_member"].id}, headers=EN
    )
    assert response.status_code == 422 and "Say what shows the item is done" in response.get_data(as_text=True)
    assert (
        client.post(
            url, data={"status": "done", "evidence": "检讨会纪要已归档", "owner_id": world["other_member"].id}
        ).status_code
        == 302
    )
    with app.app_context():
        saved = db.session.get(RecoveryItem, item.id)
        assert saved.status is ItemStatus.DONE and saved.owner_id == world["member"].id  # owners cannot hand it on
    _as(client, login, world["other_member"])
    assert client.post(url, data={"status": "open", "evidence": ""}).status_code == 403


def _win(**changes) -> dict:
    return {**WIN, "target_date": WIN["target_date"].isoformat(), **changes}


def test_expectations_are_rebased_and_accepted_by_the_sponsor(app, client, login, world) -> None:
    project_id = world["project"].id
    _start(app, world)
    base = f"/projects/{project_id}/recovery"
    _as(client, login, world["consultant"])
    # A missing value is the service's rule and lands beside its field; a date that does not parse, the form's.
    for bad, field, message in (
        ({"metric": ""}, "metric", "This field is required."),
        ({"target_date": ""}, "target_date", "This field is required."),
        ({"target_date": "someday"}, "target_date", "Not a valid date value."),
    ):
        response = client.post(f"{base}/expectations", data=_win(**bad), headers=EN)
        assert response.status_code == 422
        assert f'<ul class="errors" id="{field}-errors"><li>{message}</li></ul>' in response.get_data(as_text=True)
    assert _count(app, ExpectationReset) == 0
    assert client.post(f"{base}/expectations", data=_win()).status_code == 302
    assert client.post(f"{base}/accept").status_code == 403  # consultants cannot accept for the sponsor
    _as(client, login, world["member"])
    assert client.post(f"{base}/expectations", data=_win()).status_code == 403
    assert client.post(f"{base}/accept").status_code == 403
    _as(client, login, world["sponsor"])
    assert "Accept the re-based expectations" in client.get("/", headers=EN).get_data(as_text=True)
    page = client.get(base, headers=EN).get_data(as_text=True)
    assert "Accept the re-based expectations" in page and "110 %" in page
    assert client.post(f"{base}/accept").status_code == 302
    assert "Accept the re-based expectations" not in client.get("/", headers=EN).get_data(as_text=True)
    assert "Accepted by 刘建国" in client.get(base, headers=EN).get_data(as_text=True)
    with app.app_context():
        row_id = db.session.scalar(select(ExpectationReset.id))
    _as(client, login, world["consultant"])
    assert client.post(f"/expectations/{row_id}", data=_win(target_value="108 %")).status_code == 302
    page = client.get(base, headers=EN).get_data(as_text=True)
    assert "Accepted by" not in page and "Waiting for the sponsor" in page


def test_the_scope_cut_shows_before_and_after(app, client, login, world) -> None:
    _start(app, world)
    base = f"/projects/{world['project'].id}/recovery"
    _as(client, login, world["consultant"])
    response = client.post(
        f"{base}/scope", data={"feature": "移动端报表", "decision": "dropped", "reason": ""}, headers=EN
    )
    assert response.status_code == 422 and "Say why the feature is deferred or dropped." in response.get_data(
        as_text=True
    )
    assert _count(app, ScopeItem) == 0
    for feature, decision, reason in (
        ("客户主数据", "kept", ""),
        ("移动端报表", "dropped", "用户少"),
        ("呼叫中心集成", "deferred", "二期"),
    ):
        assert (
            client.post(f"{base}/scope", data={"feature": feature, "decision": decision, "reason": reason}).status_code
            == 302
        )
    page = client.get(base, headers=EN).get_data(as_text=True)
    assert "1 deferred, 1 dropped" in page and "用户少" in page
    with app.app_context():
        kept = db.session.scalar(select(ScopeItem.id).where(ScopeItem.feature == "客户主数据"))
    assert (
        client.post(
            f"/scope-items/{kept}", data={"feature": "客户主数据", "decision": "deferred", "reason": ""}
        ).status_code
        == 422
    )


def test_findings_are_logged_by_consultants_and_the_sponsor_without_a_person(app, client, login, world) -> None:
    _start(app, world)
    url = f"/projects/{world['project'].id}/recovery/findings"
    data = {"what_went_wrong": "派工流程未经客服确认", "category": "process", "evidence": "访谈记录"}
    _as(client, login, world["member"])
    assert client.post(url, data=data).status_code == 403
    _as(client, login, world["sponsor"])
    assert client.post(url, data={**data, "what_went_wrong": ""}).status_code == 422
    assert client.post(url, data=data).status_code == 302
    page = client.get(f"/projects/{world['project'].id}/recovery", headers=EN).get_data(as_text=True)
    assert "派工流程未经客服确认" in page and "Business process" in page
    assert 'name="owner_id"' not in page.split('id="findings"')[1]


def test_recovery_changes_are_in_the_audit_trail(app, client, login, world) -> None:
    _start(app, world)
    _as(client, login, world["consultant"])
    client.post(f"/projects/{world['project'].id}/recovery/expectations", data=_win())
    _as(client, login, world["sponsor"])
    client.post(f"/projects/{world['project'].id}/recovery/accept")
    page = client.get(f"/projects/{world['project'].id}/audit", headers=EN).get_data(as_text=True)
    assert "Re-based expectation" in page and "accepted" in page and "刘建国" in page


def test_the_demo_has_a_troubled_project_with_a_recovery_under_way(app, runner, client, login) -> None:
    from demo.seed import DEMO_PASSWORD

    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert "nothing changed" in runner.invoke(args=["seed-demo"]).output  # the recovery is not seeded twice
    with app.app_context():
        project = db.session.scalars(select(Project).where(Project.name == "客服中心 CRM 導入")).one()
        recovery = db.session.scalars(select(Recovery).where(Recovery.project_id == project.id)).one()
        statuses = db.session.scalars(select(RecoveryItem.status).where(RecoveryItem.recovery_id == recovery.id)).all()
        assert ItemStatus.DONE in statuses and ItemStatus.OPEN in statuses
        decisions = set(db.session.scalars(select(ScopeItem.decision).where(ScopeItem.recovery_id == recovery.id)))
        assert decisions == set(ScopeDecision)
        assert _count(app, ExpectationReset, ExpectationReset.recovery_id == recovery.id) >= 3
        assert recovery.expectations_accepted_at is None  # left for the sponsor to accept
        assert "里程碑已逾期" in recovery.trigger
    client.post("/login", data={"email": "chen.meiling@yongfeng.example", "password": DEMO_PASSWORD})
    page = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert "陷入困境" in page and "個里程碑已逾期" in page and "項品質關卡標準需重工（設計期）" in page
    assert "個緊急問題未解決" in page and "挽救進行中" in page
