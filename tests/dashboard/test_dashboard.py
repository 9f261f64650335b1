"""The dashboard shows each project's current phase and status, at a cost that does not grow with projects."""

from __future__ import annotations

from accounts.models import User
from core.extensions import db
from core.profiling import count_queries
from phases.projects import services
from phases.projects.enums import PhaseStatus, Rag
from phases.projects.models import Phase, Project


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

    def queries() -> int:
        with app.app_context():
            engine = db.engine
        with count_queries(engine) as log:
            assert client.get("/").status_code == 200
        return log.count

    make_project(company, name="P0")
    with_one = queries()
    for number in range(1, 12):
        other = make_client()
        with app.app_context():
            from accounts import services as account_services

            account_services.assign_consultant(
                db.session.get(type(other), other.id), db.session.get(User, consultant.id)
            )
        project = make_project(other, name=f"P{number}")
        _progress(app, project.id, closed=number % 4, rag=Rag.GREEN)
    assert queries() == with_one
    with app.app_context():
        assert db.session.query(Phase).count() == 60
