"""The dashboard shows each project's current phase and status, at a cost that does not grow with projects."""

from __future__ import annotations

from sqlalchemy import select

from accounts.models import User
from core.extensions import db
from phases.projects import services
from phases.projects.enums import PhaseStatus, Rag
from phases.projects.models import Phase, Project
from tests.conftest import page_queries


def _progress(app, project_id: int, closed: int, rag: Rag | None = None) -> None:
    with app.app_context():
        project = db.session.get(Project, project_id)
        for phase in project.phases[:closed]:
            services.record_phase_progress(phase, PhaseStatus.CLOSED, None, None)
        services.record_phase_progress(project.phases[closed], PhaseStatus.ACTIVE, None, None)
        if rag:
            services.add_status_update(project, None, rag, "客户数据导入延误", "")


def test_dashboard_shows_current_phase_and_status(app, client, login, make_client, make_user, make_project) -> None:
    company = make_client("华东精工机械有限公司")
    project = make_project(company, name="CRM 一期")
    _progress(app, project.id, closed=1, rag=Rag.AMBER)
    login(make_user("sponsor", client=company))
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Phase 2 of 5: Collect" in page and "At risk" in page and "客户数据导入延误" in page
    page = client.get("/", headers={"Accept-Language": "zh-TW"}).get_data(as_text=True)
    assert "採集" in page


def test_dashboard_query_count_is_flat(app, client, login, make_client, make_user, make_project) -> None:
    company = make_client()
    consultant = make_user("consultant", clients=(company,))
    login(consultant)

    make_project(company, name="P0")
    with_one = page_queries(app, client, "/")
    for number in range(1, 12):
        other = make_client()
        with app.app_context():
            from accounts import services as account_services

            account_services.assign_consultant(
                db.session.get(type(other), other.id), db.session.get(User, consultant.id)
            )
        project = make_project(other, name=f"P{number}")
        _progress(app, project.id, closed=number % 4, rag=Rag.GREEN)
    assert page_queries(app, client, "/") == with_one
    with app.app_context():
        assert db.session.query(Phase).count() == 60


def _signals(app, project_id: int, actor_id: int, assessment_id: int | None = None) -> None:
    """Give a project every signal the status reads: overdue milestones, rework, no-go, issues, a linked assessment."""
    from assess.models import Assessment
    from phases.issues import services as issue_services
    from phases.issues.enums import IssueSeverity
    from phases.projects import gate_services
    from phases.projects.enums import GateDecision
    from tests.phases.recovery.test_services import _trouble

    _trouble(app, project_id, actor_id)
    with app.app_context():
        project, actor = db.session.get(Project, project_id), db.session.get(User, actor_id)
        issue_services.report_issue(project, actor, "接口超时", "", IssueSeverity.HIGH, None, None, None)
        sponsor = db.session.scalars(select(User).where(User.client_id == project.client_id, User.role == "sponsor"))
        gate_services.sign_gate(project.phases[0], sponsor.first(), GateDecision.NO_GO, "返工后再议", False)
        if assessment_id:
            db.session.get(Assessment, assessment_id).project_id = project_id
            db.session.commit()


def test_the_dashboard_cost_stays_flat_with_every_status_signal(
    app, client, login, make_client, make_user, make_project, make_assessment
) -> None:
    company = make_client()
    consultant = make_user("consultant", clients=(company,))
    login(consultant)

    first = make_project(company, name="P0")
    make_user("sponsor", client=company)
    _progress(app, first.id, closed=0)
    _signals(app, first.id, consultant.id, make_assessment(company).id)
    with_one = page_queries(app, client, "/")
    for number in range(1, 8):
        project = make_project(company, name=f"P{number}")
        _progress(app, project.id, closed=0, rag=Rag.GREEN)
        _signals(app, project.id, consultant.id, make_assessment(company).id)
    assert page_queries(app, client, "/") == with_one
    assert client.get(f"/clients/{company.id}").status_code == 200


def test_the_sponsor_sees_everything_that_needs_attention(
    app, client, login, make_client, make_user, make_project
) -> None:
    from phases.recovery import services as recovery_services
    from tests.phases.recovery.test_services import WIN

    company = make_client("华东精工机械有限公司")
    consultant = make_user("consultant", clients=(company,))
    sponsor = make_user("sponsor", client=company)
    project = make_project(company, name="CRM 一期")
    _progress(app, project.id, closed=0)
    calm = make_project(company, name="CRM 二期")
    login(sponsor)
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Sign off the gate of “Assess”" in page and "milestones overdue" not in page.split("client-card")[0]
    _signals(app, project.id, consultant.id)
    with app.app_context():
        recovery = recovery_services.start_recovery(
            db.session.get(Project, project.id), db.session.get(User, consultant.id), ""
        )
        recovery_services.add_expectation(recovery, db.session.get(User, consultant.id), WIN)
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    attention = page.split('class="card attention"')[1].split("</section>")[0]
    assert f"/projects/{project.id}#milestones" in attention and "2 milestones overdue" in attention
    assert f"/projects/{project.id}/issues" in attention
    assert "Critical: 1 open issue" in attention and "High: 1 open issue" in attention
    assert "Accept the re-based expectations" in attention
    assert f"/projects/{calm.id}#milestones" in attention and f"/projects/{calm.id}/issues" not in attention
    page = client.get("/", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    attention = page.split('class="card attention"')[1].split("</section>")[0]
    assert "2 个里程碑已逾期" in attention and "紧急：1 个未解决问题" in attention
