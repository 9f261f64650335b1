"""Projects as users run them: set up, milestones with baselines, gates the sponsor signs, rules that refuse."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from core.extensions import db
from phases.audit import AuditEntry
from phases.projects.enums import CriterionState, PhaseStatus
from phases.projects.models import GateCriterion, GateSignoff, Milestone, Phase, Project


@pytest.fixture
def world(app, make_client, make_user, make_project):
    """A client with a sponsor, a member, a consultant and a five-step project."""
    company = make_client("华东精工机械有限公司")
    return {
        "client": company,
        "sponsor": make_user("sponsor", client=company, name="刘建国"),
        "member": make_user("member", client=company, name="张敏"),
        "other_member": make_user("member", client=company, name="赵磊"),
        "consultant": make_user("consultant", clients=(company,), name="王立新"),
        "project": make_project(company, name="CRM 一期"),
    }


def _phases(app, project_id: int) -> list[Phase]:
    with app.app_context():
        phases = db.session.scalars(select(Phase).where(Phase.project_id == project_id).order_by(Phase.position)).all()
        for phase in phases:
            db.session.expunge(phase)
        return phases


def _count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_consultant_creates_a_five_step_project(app, client, login, world) -> None:
    login(world["consultant"])
    start = date.today()
    response = client.post(
        f"/clients/{world['client'].id}/projects/new",
        data={
            "name": "CRM 二期",
            "methodology": "five_step",
            "start_date": start.isoformat(),
            "target_date": (start + timedelta(days=365)).isoformat(),
        },
    )
    assert response.status_code == 302
    project_id = int(response.headers["Location"].rsplit("/", 1)[1])
    phases = _phases(app, project_id)
    assert [phase.key for phase in phases] == ["assess", "collect", "process", "flow", "collaborate"]
    assert phases[0].planned_start == start and phases[-1].planned_end is not None
    assert _count(app, Milestone, Milestone.project_id == project_id) >= 10  # the template's suggestions
    assert _count(app, GateCriterion, GateCriterion.project_id == project_id) >= 15
    page = client.get(f"/projects/{project_id}", headers={"Accept-Language": "zh-TW"}).get_data(as_text=True)
    assert "評估" in page and "<svg" in page


@pytest.mark.parametrize(
    "bad",
    [
        {"name": "", "start_date": "2026-01-01", "target_date": "2026-12-31"},
        {"name": "X", "start_date": "2026-12-31", "target_date": "2026-01-01"},
        {"name": "X", "start_date": "2026-02-30", "target_date": "2026-12-31"},
    ],
)
def test_bad_project_input_saves_nothing(app, client, login, world, bad) -> None:
    login(world["consultant"])
    before = _count(app, Project)
    page = client.post(
        f"/clients/{world['client'].id}/projects/new",
        data={"methodology": "five_step", **bad},
        headers={"Accept-Language": "en"},
    )
    assert page.status_code == 200 and 'class="errors"' in page.get_data(as_text=True)
    assert _count(app, Project) == before


def _set(client, path, **data):
    return client.post(path, data=data, headers={"Accept-Language": "en"}, follow_redirects=True)


def test_gate_rules_from_start_to_next_phase(app, client, login, world) -> None:
    phases = _phases(app, world["project"].id)
    first, second = phases[0], phases[1]
    login(world["consultant"])
    _set(client, f"/phases/{first.id}/status", status="active")
    refused = _set(client, f"/phases/{second.id}/status", status="active")
    assert "can start only after the previous phase" in refused.get_data(as_text=True)
    refused = _set(client, f"/phases/{first.id}/status", status="closed")
    assert "has not signed this phase" in refused.get_data(as_text=True)
    with app.app_context():
        criteria = db.session.scalars(select(GateCriterion).where(GateCriterion.phase_id == first.id)).all()
        criterion_ids = [criterion.id for criterion in criteria]
    assert criterion_ids
    # Rework needs a note; a pass does not.
    no_note = _set(client, f"/criteria/{criterion_ids[0]}/review", state="rework", note="")
    assert "Say what must be reworked" in no_note.get_data(as_text=True)
    _set(client, f"/criteria/{criterion_ids[0]}/review", state="rework", note="客户编码规则未定义")
    for criterion_id in criterion_ids[1:]:
        _set(client, f"/criteria/{criterion_id}/review", state="pass", note="")
    # The consultant cannot sign for the sponsor.
    assert client.post(f"/phases/{first.id}/signoff", data={"decision": "go"}).status_code == 403
    client.post("/logout")

    login(world["sponsor"])
    without_waiver = _set(client, f"/phases/{first.id}/signoff", decision="go", comment="")
    assert "explicit waiver" in without_waiver.get_data(as_text=True)
    assert _count(app, GateSignoff) == 0
    _set(
        client,
        f"/phases/{first.id}/signoff",
        decision="go",
        comment="同意进入采集",
        waiver="y",
        waiver_reason="编码规则在采集首周完成",
    )
    with app.app_context():
        signoff = db.session.scalars(select(GateSignoff)).one()
        assert signoff.waiver and signoff.waived_criteria
    client.post("/logout")

    login(world["consultant"])
    _set(client, f"/phases/{first.id}/status", status="closed")
    _set(client, f"/phases/{second.id}/status", status="active")
    statuses = [phase.status for phase in _phases(app, world["project"].id)[:2]]
    assert statuses == [PhaseStatus.CLOSED, PhaseStatus.ACTIVE]
    with app.app_context():
        actions = {entry.action for entry in db.session.scalars(select(AuditEntry))}
    assert {"status", "reviewed", "waiver"} <= actions


def test_no_go_needs_a_reason_and_blocks_closing(app, client, login, world) -> None:
    first = _phases(app, world["project"].id)[0]
    login(world["consultant"])
    _set(client, f"/phases/{first.id}/status", status="active")
    with app.app_context():
        for criterion in db.session.scalars(select(GateCriterion).where(GateCriterion.phase_id == first.id)):
            criterion.state = CriterionState.PASS
        db.session.commit()
    client.post("/logout")
    login(world["sponsor"])
    assert "Say what must happen" in _set(client, f"/phases/{first.id}/signoff", decision="no_go", comment="").get_data(
        as_text=True
    )
    _set(client, f"/phases/{first.id}/signoff", decision="no_go", comment="期望尚未统一，需要再开一次研讨会")
    client.post("/logout")
    login(world["consultant"])
    refused = _set(client, f"/phases/{first.id}/status", status="closed")
    assert "has not signed" in refused.get_data(as_text=True)
    assert _phases(app, world["project"].id)[0].status is PhaseStatus.ACTIVE


def _milestone(app, project_id: int, owner_id: int | None, planned: date) -> int:
    from accounts.models import User
    from phases.projects import services

    with app.app_context():
        phase = db.session.scalars(select(Phase).where(Phase.project_id == project_id, Phase.position == 1)).one()
        actor = db.session.scalars(select(User)).first()
        return services.add_milestone(phase, actor, "客户编码规则定稿", owner_id, planned).id


def test_owner_updates_progress_others_cannot(app, client, login, world) -> None:
    milestone_id = _milestone(app, world["project"].id, world["member"].id, date.today() + timedelta(days=10))
    login(world["other_member"])
    assert client.post(f"/milestones/{milestone_id}", data={"percent_done": 50}).status_code == 403
    client.post("/logout")
    login(world["member"])
    bad = client.post(f"/milestones/{milestone_id}", data={"percent_done": 150}, headers={"Accept-Language": "en"})
    assert bad.status_code == 422 and "from 0 to 100" in bad.get_data(as_text=True)
    assert client.post(f"/milestones/{milestone_id}", data={"percent_done": 60}).status_code == 302
    future = client.post(
        f"/milestones/{milestone_id}",
        data={"percent_done": 60, "actual_date": "2099-01-01"},
        headers={"Accept-Language": "en"},
    )
    assert "cannot lie in the future" in future.get_data(as_text=True)
    with app.app_context():
        milestone = db.session.get(Milestone, milestone_id)
        assert milestone.percent_done == 60 and milestone.actual_date is None
        entry = db.session.scalars(select(AuditEntry).where(AuditEntry.field == "percent_done")).one()
        assert (entry.old_value, entry.new_value, entry.user_id) == ("0", "60", world["member"].id)


def test_baseline_is_frozen_on_approval_and_rebaselined_explicitly(app, client, login, world) -> None:
    due = date.today() + timedelta(days=30)
    milestone_id = _milestone(app, world["project"].id, None, due)
    login(world["sponsor"])
    client.post(f"/projects/{world['project'].id}/plan/approve")
    client.post("/logout")
    login(world["consultant"])
    client.post(
        f"/milestones/{milestone_id}",
        data={
            "name": "客户编码规则定稿",
            "phase_id": _phases(app, world["project"].id)[0].id,
            "owner_id": 0,
            "planned_date": (due + timedelta(days=14)).isoformat(),
            "percent_done": 10,
        },
    )
    with app.app_context():
        milestone = db.session.get(Milestone, milestone_id)
        assert milestone.baseline_date == due and milestone.planned_date == due + timedelta(days=14)
    page = client.get(f"/projects/{world['project'].id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "14 days late" in page and "+14d" not in page
    refused = _set(client, f"/projects/{world['project'].id}/plan/rebaseline", reason="")
    assert "Give the reason" in refused.get_data(as_text=True)
    _set(client, f"/projects/{world['project'].id}/plan/rebaseline", reason="ERP 升级推迟两周")
    with app.app_context():
        assert db.session.get(Milestone, milestone_id).baseline_date == due + timedelta(days=14)
        reasons = [e.new_value for e in db.session.scalars(select(AuditEntry).where(AuditEntry.field == "reason"))]
        assert reasons == ["ERP 升级推迟两周"]


def test_rag_on_the_page_agrees_with_the_dates(app, client, login, world) -> None:
    _milestone(app, world["project"].id, None, date.today() - timedelta(days=3))
    login(world["sponsor"])
    page = client.get(f"/projects/{world['project'].id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "mrag-overdue" in page and "Schedule: Overdue" in page
    with app.app_context():
        overdue = db.session.scalar(
            select(func.count(Milestone.id)).where(
                Milestone.project_id == world["project"].id,
                Milestone.planned_date < date.today(),
                Milestone.percent_done < 100,
            )
        )
    dashboard = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert overdue >= 1
    assert (f"{overdue} milestone overdue" if overdue == 1 else f"{overdue} milestones overdue") in dashboard


def test_status_updates_by_sponsor_not_member(app, client, login, world) -> None:
    login(world["member"])
    assert (
        client.post(f"/projects/{world['project'].id}/updates", data={"rag": "amber", "summary": "x"}).status_code
        == 403
    )
    client.post("/logout")
    login(world["sponsor"])
    client.post(
        f"/projects/{world['project'].id}/updates",
        data={"rag": "amber", "summary": "采集阶段延误一周", "next_steps": "周五评审"},
    )
    assert "采集阶段延误一周" in client.get("/").get_data(as_text=True)


def test_other_clients_project_records_are_404(app, client, login, world, make_client, make_user, make_project) -> None:
    theirs = make_client("乙公司")
    foreign = make_project(theirs, name="乙项目")
    phase = _phases(app, foreign.id)[0]
    milestone_id = _milestone(app, foreign.id, None, date.today())
    with app.app_context():
        criterion_id = db.session.scalar(select(GateCriterion.id).where(GateCriterion.project_id == foreign.id))
    login(world["consultant"])
    assert client.get(f"/projects/{foreign.id}").status_code == 404
    assert client.get(f"/phases/{phase.id}/edit").status_code == 404
    assert client.post(f"/phases/{phase.id}/status", data={"status": "active"}).status_code == 404
    assert client.get(f"/milestones/{milestone_id}").status_code == 404
    assert client.post(f"/projects/{foreign.id}/milestones", data={"name": "x"}).status_code == 404
    if criterion_id:
        assert client.post(f"/criteria/{criterion_id}/review", data={"state": "pass"}).status_code == 404
    assert client.post(f"/projects/{foreign.id}/plan/approve").status_code == 404
    client.post("/logout")
    login(world["sponsor"])
    assert client.post(f"/phases/{phase.id}/signoff", data={"decision": "go"}).status_code == 404


@pytest.mark.parametrize(
    ("investment", "accepted"), [("-1", False), ("100000000001", False), ("0", True), ("250000", True)]
)
def test_the_service_checks_the_investment_range(app, client, login, world, investment, accepted) -> None:
    phase = _phases(app, world["project"].id)[0]
    login(world["consultant"])
    response = client.post(
        f"/phases/{phase.id}/edit", data={"investment": investment}, headers={"Accept-Language": "en"}
    )
    assert response.status_code == (302 if accepted else 422)
    if not accepted:
        assert "Enter an amount of 0 or more." in response.get_data(as_text=True)
    assert (_phases(app, world["project"].id)[0].investment is not None) is accepted


@pytest.mark.parametrize("percent", [-5, 101])
def test_the_service_checks_the_percentage_a_consultant_enters(app, client, login, world, percent) -> None:
    milestone_id = _milestone(app, world["project"].id, None, date.today())
    login(world["consultant"])
    response = client.post(
        f"/milestones/{milestone_id}",
        data={
            "name": "客户编码规则定稿",
            "phase_id": _phases(app, world["project"].id)[0].id,
            "owner_id": 0,
            "percent_done": percent,
        },
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 422 and "from 0 to 100" in response.get_data(as_text=True)


def test_an_empty_criterion_is_refused_with_its_reason(app, client, login, world) -> None:
    phase = _phases(app, world["project"].id)[0]
    login(world["consultant"])
    before = _count(app, GateCriterion, GateCriterion.phase_id == phase.id)
    page = _set(client, f"/phases/{phase.id}/criteria", text="  ")
    assert "Write the criterion first." in page.get_data(as_text=True)
    assert _count(app, GateCriterion, GateCriterion.phase_id == phase.id) == before


@pytest.mark.parametrize(("who", "status"), [("member", 403), ("sponsor", 302), ("consultant", 302)])
def test_reviewers_approve_the_plan_and_review_criteria(app, client, login, world, who, status) -> None:
    phase = _phases(app, world["project"].id)[0]
    with app.app_context():
        criterion_id = db.session.scalar(select(GateCriterion.id).where(GateCriterion.phase_id == phase.id))
    login(world[who])
    assert client.post(f"/criteria/{criterion_id}/review", data={"state": "pass"}).status_code == status
    assert client.post(f"/projects/{world['project'].id}/plan/approve").status_code == status
