"""Recovery read models: the health check on the project page, its cost, the last assessment, the report chapter."""

from __future__ import annotations

from datetime import date

from accounts.models import User
from core.extensions import db
from phases.issues.queries import open_issues
from phases.projects.models import Project
from phases.projects.view import project_view
from phases.recovery import services
from phases.recovery.checklist import FindingCategory, ScopeDecision
from phases.recovery.health_view import health_today, project_health
from phases.recovery.models import Recovery
from phases.recovery.view import project_recovery, recovery_view
from reports.recovery_chapter import recovery_chapter
from tests.conftest import page_queries
from tests.phases.recovery.test_routes import _as, _win
from tests.phases.recovery.test_services import EN, WIN, _get, _start, _trouble
from tests.read_models import assert_frozen_and_orm_free


def test_the_health_check_turns_on_the_project_page(app, client, login, world) -> None:
    project_id = world["project"].id
    _as(client, login, world["consultant"])
    page = client.get(f"/projects/{project_id}", headers=EN).get_data(as_text=True)
    # A month into a plan nobody has worked on: behind schedule and one milestone overdue, a warning only.
    assert "Warning signs · 4 points" in page and "1 milestone overdue" in page and "In trouble" not in page
    _trouble(app, project_id, world["consultant"].id)
    page = client.get(f"/projects/{project_id}", headers=EN).get_data(as_text=True)
    assert "In trouble" in page
    assert "2 milestones overdue" in page and "1 gate criterion in rework (Assess)" in page
    assert "1 critical issue open" in page and "Start a recovery" in page and "structured rescue" in page
    page = client.get(f"/projects/{project_id}", headers={"Accept-Language": "zh-TW"}).get_data(as_text=True)
    assert "2 個里程碑已逾期" in page and "陷入困境" in page


def test_the_project_page_costs_the_same_queries_with_a_recovery(app, client, login, world) -> None:

    _as(client, login, world["consultant"])

    before = page_queries(app, client, f"/projects/{world['project'].id}")
    _start(app, world)
    assert page_queries(app, client, f"/projects/{world['project'].id}") == before


def test_the_status_report_carries_the_recovery_plan(app, client, login, world, tmp_path) -> None:
    import shutil

    from tests.reports.test_pdf import pdf_text

    project_id = world["project"].id
    _trouble(app, project_id, world["consultant"].id)
    _as(client, login, world["consultant"])
    assert "Recovery plan" not in client.get(f"/projects/{project_id}/report.html?lang=en").get_data(as_text=True)
    client.post(f"/projects/{project_id}/recovery/start")
    client.post(f"/projects/{project_id}/recovery/expectations", data=_win())
    client.post(
        f"/projects/{project_id}/recovery/scope",
        data={"feature": "移动端报表", "decision": "dropped", "reason": "用户少"},
    )
    html = client.get(f"/projects/{project_id}/report.html?lang=en").get_data(as_text=True)
    assert "Recovery plan" in html and "2 milestones overdue" in html and "Reps log every visit" in html
    assert "Waiting for the sponsor" in html and "用户少" in html and "Analyse, don&#39;t blame" in html
    if shutil.which("pdftotext"):
        text = pdf_text(client.get(f"/projects/{project_id}/report.pdf?lang=en").data, tmp_path)
        assert "7. Recovery plan" in text and "Reps log every visit" in text and "Scope after: 0" in text


def test_the_linked_assessment_feeds_the_check_and_a_new_submission_refreshes_it(
    app, client, login, make_user, make_project, make_links, answered
) -> None:
    company, assessment = answered  # overall 2.72, both dimensions split, one benefit expected too high
    project = make_project(company, name="CRM 一期")
    login(make_user("consultant", clients=(company,)))
    page = client.get(f"/projects/{project.id}", headers=EN).get_data(as_text=True)
    # The client's assessment is linked to no project: it speaks for none of them.
    assert "maturity dimensions" not in page and "No maturity assessment is linked to this project" in page
    settings = {"title": "CRM 成熟度评估", "closes_on": "2030-01-31", "target_data": "3", "target_sales": "3"}
    assert (
        client.post(f"/assessments/{assessment.id}/settings", data={**settings, "project_id": project.id}).status_code
        == 302
    )
    page = client.get(f"/projects/{project.id}", headers=EN).get_data(as_text=True)
    assert "Respondents disagree on 2 maturity dimensions" in page and "1 expected benefit is unrealistic" in page
    assert "Low CRM maturity" not in page and "CRM 成熟度评估" in page
    link = make_links(assessment, ("钱坤", "销售部"))[0]
    browser = app.test_client()
    for key in ("data.code", "data.dupes", "sales.leads"):
        browser.post(f"{link}/answer", json={"kind": "answer", "key": key, "choice": "1", "revision": 0})
    browser.post(f"{link}/submit")
    page = client.get(f"/projects/{project.id}", headers=EN).get_data(as_text=True)
    assert "Low CRM maturity in the last assessment (overall 2.25)" in page
    show = client.get(f"/assessments/{assessment.id}", headers=EN).get_data(as_text=True)
    assert "Linked to the project" in show and "CRM 一期" in show
    # Unlinking ("—") takes the signals away again.
    assert client.post(f"/assessments/{assessment.id}/settings", data={**settings, "project_id": 0}).status_code == 302
    page = client.get(f"/projects/{project.id}", headers=EN).get_data(as_text=True)
    assert "Low CRM maturity" not in page and "No maturity assessment is linked to this project" in page


def test_the_page_and_the_report_read_frozen_view_models(app, world) -> None:
    recovery_id = _start(app, world)
    with app.app_context():
        recovery, actor = _get(Recovery, recovery_id), _get(User, world["consultant"].id)
        services.add_expectation(recovery, actor, WIN)
        services.add_scope_item(recovery, actor, "移动端报表", ScopeDecision.DROPPED, "用户少")
        services.add_scope_item(recovery, actor, "客户主数据", ScopeDecision.KEPT, "")
        services.add_finding(recovery, actor, "客户资料未清洗即导入", FindingCategory.DATA, "重复率 12%")
    with app.test_request_context():
        project, today = _get(Project, world["project"].id), date.today()
        plan = recovery_view(project_recovery(project.id), "en", today)
        chapter = recovery_chapter(project_view(project, today), open_issues(project.id), "en", today)
        assert_frozen_and_orm_free(plan, "plan")
        assert_frozen_and_orm_free(chapter, "chapter")
        assert_frozen_and_orm_free(health_today(project, "en", today), "health")
        assert chapter.plan == plan and chapter.health == project_health(
            project_view(project, today), open_issues(project.id), "en"
        )
    assert plan.kept_features == ("客户主数据",) and plan.awaits_acceptance and plan.started_by == "王立新"
    assert [row.is_kept for row in plan.scope] == [False, True]


def test_a_new_project_reads_no_other_projects_assessment(
    app, client, login, make_user, make_project, answered
) -> None:
    from assess import services as assess_services
    from assess.models import Assessment

    company, assessment = answered
    first, fresh = make_project(company, name="CRM 一期"), make_project(company, name="CRM 二期")
    with app.app_context():
        stored = db.session.get(Assessment, assessment.id)
        assess_services.update_settings(stored, stored.title, stored.closes_on, {}, first.id)
    login(make_user("consultant", clients=(company,)))
    page = client.get(f"/projects/{first.id}", headers=EN).get_data(as_text=True)
    assert "Respondents disagree on 2 maturity dimensions" in page
    page = client.get(f"/projects/{fresh.id}", headers=EN).get_data(as_text=True)
    assert "maturity dimension" not in page and "expected benefit" not in page
    assert "No maturity assessment is linked to this project" in page and "Link an assessment in its settings" in page
    report = client.get(f"/projects/{fresh.id}/report.html?lang=en").get_data(as_text=True)
    assert "Latest maturity scores" not in report
    sponsor = make_user("sponsor", client=company)
    client.post("/logout")
    login(sponsor)
    page = client.get(f"/projects/{fresh.id}", headers=EN).get_data(as_text=True)
    assert "No maturity assessment is linked to this project" in page and "Link an assessment" not in page


def test_an_assessment_links_only_to_its_own_clients_projects(
    app, client, login, make_client, make_user, make_project, answered
) -> None:
    import pytest

    from assess import services as assess_services
    from assess.models import Assessment
    from core.errors_domain import RuleError

    company, assessment = answered
    stranger = make_project(make_client("乙公司"), name="乙项目")
    login(make_user("consultant", clients=(company,)))
    settings = {"title": "CRM 成熟度评估", "closes_on": "2030-01-31", "target_data": "3", "target_sales": "3"}
    page = client.post(
        f"/assessments/{assessment.id}/settings", data={**settings, "project_id": stranger.id}, headers=EN
    )
    assert page.status_code == 200 and "Not a valid choice" in page.get_data(as_text=True)
    with app.app_context():
        stored = db.session.get(Assessment, assessment.id)
        with pytest.raises(RuleError) as refused:
            assess_services.update_settings(stored, stored.title, stored.closes_on, {}, stranger.id)
        assert refused.value.field == "project_id"
        db.session.rollback()
        assert db.session.get(Assessment, assessment.id).project_id is None
