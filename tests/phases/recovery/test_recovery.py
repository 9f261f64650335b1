"""Recovery of a troubled project: health check on the page, the eight-step checklist, expectations, scope, findings."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from accounts.models import User
from core.errors_domain import RuleError
from core.extensions import db
from phases.recovery import services
from phases.issues import services as issue_services
from phases.projects import services as phase_services
from phases.issues.enums import IssueSeverity
from phases.projects.enums import CriterionState
from phases.audit import AuditEntry
from phases.projects.models import GateCriterion, Milestone, Project
from phases.recovery.checklist import FindingCategory, ItemStatus, ScopeDecision
from phases.recovery.models import ExpectationReset, Finding, Recovery, RecoveryItem, ScopeItem
from tests.assess.test_results import answered  # noqa: F401  (an assessment with hand-computed scores)
from tests.phases.issues.test_issues import world  # noqa: F401  (the same people and projects as the issue log)

EN = {"Accept-Language": "en"}
WIN = {"original_claim": "Double sales", "small_win": "Reps log every visit", "metric": "Sales-rep productivity",
       "baseline_value": "100 %", "target_value": "110 %", "target_date": date.today() + timedelta(days=180)}


def _get(model, record_id):
    return db.session.get(model, record_id)


def _start(app, world) -> int:
    with app.app_context():
        return services.start_recovery(_get(Project, world["project"].id), _get(User, world["consultant"].id), "").id


def _count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _trouble(app, project_id: int, reporter_id: int) -> None:
    """Push a project into trouble: two milestones overdue, a criterion in rework, a critical issue."""
    with app.app_context():
        project = _get(Project, project_id)
        actor = _get(User, reporter_id)
        yesterday = date.today() - timedelta(days=1)
        for milestone in db.session.scalars(select(Milestone).where(Milestone.project_id == project_id)
                                            .order_by(Milestone.id).limit(2)):
            phase_services.update_milestone(milestone, actor, {"planned_date": yesterday, "percent_done": 10})
        criterion = db.session.scalars(select(GateCriterion).where(GateCriterion.project_id == project_id)).first()
        phase_services.review_criterion(criterion, actor, CriterionState.REWORK, "编码规则需返工", "编码规则")
        issue_services.report_issue(project, actor, "客户重复 12%", "", IssueSeverity.CRITICAL, None, None, None)


# ---- services ---------------------------------------------------------------------------------------------------


def test_starting_builds_the_eight_step_checklist_once(app, world) -> None:
    recovery_id = _start(app, world)
    assert _count(app, RecoveryItem, RecoveryItem.recovery_id == recovery_id) >= 8 * 2
    with app.app_context():
        steps = db.session.scalars(select(RecoveryItem.step_key).where(RecoveryItem.recovery_id == recovery_id)
                                   .distinct()).all()
        assert len(steps) == 8
        with pytest.raises(RuleError, match="already has a recovery"):
            services.start_recovery(_get(Project, world["project"].id), _get(User, world["consultant"].id), "")
        with pytest.raises(RuleError, match="Only consultants"):
            services.start_recovery(_get(Project, world["other_project"].id), _get(User, world["other_sponsor"].id), "")
    assert _count(app, Recovery) == 1
    assert _count(app, AuditEntry, AuditEntry.entity == "recovery", AuditEntry.action == "started") == 1


def test_an_item_is_done_only_with_evidence_and_every_change_is_audited(app, world) -> None:
    recovery_id = _start(app, world)
    with app.app_context():
        item = db.session.scalars(select(RecoveryItem).where(RecoveryItem.recovery_id == recovery_id)).first()
        actor = _get(User, world["member"].id)
        with pytest.raises(RuleError, match="what shows the item is done") as refused:
            services.update_item(item, actor, {"status": ItemStatus.DONE, "evidence": "  "}, "item")
        assert refused.value.field == "evidence"
        db.session.refresh(item)
        assert item.status is ItemStatus.OPEN and item.updated_at is None
        services.update_item(item, actor, {"status": ItemStatus.DONE, "evidence": "会议纪要 3/12"}, "item")
        db.session.refresh(item)
        assert item.status is ItemStatus.DONE and item.updated_at is not None
    assert _count(app, AuditEntry, AuditEntry.entity == "recovery_item") == 2  # status and evidence


def test_editing_accepted_expectations_withdraws_the_acceptance(app, world) -> None:
    recovery_id = _start(app, world)
    with app.app_context():
        recovery = _get(Recovery, recovery_id)
        consultant, sponsor = _get(User, world["consultant"].id), _get(User, world["sponsor"].id)
        with pytest.raises(RuleError, match="at least one"):
            services.accept_expectations(recovery, sponsor)
        with pytest.raises(RuleError) as refused:
            services.add_expectation(recovery, consultant, {**WIN, "metric": " "})
        assert refused.value.field == "metric"
        row = services.add_expectation(recovery, consultant, WIN)
        with pytest.raises(RuleError, match="Only the client's sponsor"):
            services.accept_expectations(recovery, consultant)
        with pytest.raises(RuleError, match="Only the client's sponsor"):
            services.accept_expectations(recovery, _get(User, world["other_sponsor"].id))
        services.accept_expectations(recovery, sponsor)
        assert recovery.expectations_accepted_by_id == sponsor.id and recovery.expectations_accepted_at
        with pytest.raises(RuleError, match="already accepted"):
            services.accept_expectations(recovery, sponsor)
        services.update_expectation(row, consultant, dict(WIN))  # no real change: still accepted
        assert recovery.expectations_accepted_at is not None
        services.update_expectation(row, consultant, {**WIN, "target_value": "108 %"})
        db.session.refresh(recovery)
        assert recovery.expectations_accepted_at is None and recovery.expectations_accepted_by_id is None
    actions = [action for (action,) in _rows(app, AuditEntry.action, AuditEntry.entity == "recovery")]
    assert actions == ["started", "accepted", "acceptance_reset"]


def _rows(app, column, *where):
    with app.app_context():
        return db.session.execute(select(column).where(*where).order_by(AuditEntry.id)).all()


def test_deferring_or_dropping_a_feature_needs_a_reason(app, world) -> None:
    recovery_id = _start(app, world)
    with app.app_context():
        recovery, actor = _get(Recovery, recovery_id), _get(User, world["consultant"].id)
        for decision in (ScopeDecision.DEFERRED, ScopeDecision.DROPPED):
            with pytest.raises(RuleError, match="deferred or dropped") as refused:
                services.add_scope_item(recovery, actor, "移动端报表", decision, " ")
            assert refused.value.field == "reason"
        with pytest.raises(RuleError):
            services.add_scope_item(recovery, actor, "  ", ScopeDecision.KEPT, "")
        kept = services.add_scope_item(recovery, actor, "客户主数据", ScopeDecision.KEPT, "")
        with pytest.raises(RuleError, match="deferred or dropped"):
            services.update_scope_item(kept, actor, {"decision": ScopeDecision.DROPPED, "reason": ""})
        db.session.refresh(kept)
        assert kept.decision is ScopeDecision.KEPT
        services.update_scope_item(kept, actor, {"decision": ScopeDecision.DEFERRED, "reason": "二期再做"})
    assert _count(app, ScopeItem) == 1


def test_a_finding_names_no_person(app, world) -> None:
    recovery_id = _start(app, world)
    assert not {"owner_id", "author_id", "reporter_id", "user_id", "person"} & set(Finding.__table__.columns.keys())
    with app.app_context():
        recovery, actor = _get(Recovery, recovery_id), _get(User, world["consultant"].id)
        with pytest.raises(RuleError):
            services.add_finding(recovery, actor, " ", FindingCategory.DATA, "")
        services.add_finding(recovery, actor, "客户资料未清洗即导入", FindingCategory.DATA, "重复率 12%")
    assert _count(app, Finding) == 1


# ---- pages and roles --------------------------------------------------------------------------------------------


def _as(client, login, user) -> None:
    """Sign out whoever is signed in and sign the user in."""
    client.post("/logout")
    login(user)


def _recovery_of(app, project_id: int) -> Recovery | None:
    with app.app_context():
        return db.session.scalars(select(Recovery).where(Recovery.project_id == project_id)).first()


def _first_item(app, recovery_id: int) -> RecoveryItem:
    with app.app_context():
        item = db.session.scalars(select(RecoveryItem).where(RecoveryItem.recovery_id == recovery_id)
                                  .order_by(RecoveryItem.position)).first()
        db.session.expunge(item)
        return item


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
    from core.profiling import count_queries

    _as(client, login, world["consultant"])

    def queries() -> int:
        with app.app_context():
            engine = db.engine
        with count_queries(engine) as log:
            assert client.get(f"/projects/{world['project'].id}").status_code == 200
        return log.count

    before = queries()
    _start(app, world)
    assert queries() == before


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
    assert client.post(url, data={"owner_id": world["member"].id, "due_date": due, "status": "open",
                                  "evidence": ""}).status_code == 302
    _as(client, login, world["member"])
    response = client.post(url, data={"status": "done", "evidence": "", "owner_id": world["other_member"].id},
                           headers=EN)
    assert response.status_code == 422 and "Say what shows the item is done" in response.get_data(as_text=True)
    assert client.post(url, data={"status": "done", "evidence": "检讨会纪要已归档",
                                  "owner_id": world["other_member"].id}).status_code == 302
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
    response = client.post(f"{base}/expectations", data=_win(metric="", target_date="someday"), headers=EN)
    assert response.status_code == 422 and "This field is required." in response.get_data(as_text=True)
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
    response = client.post(f"{base}/scope", data={"feature": "移动端报表", "decision": "dropped", "reason": ""}, headers=EN)
    assert response.status_code == 422 and "Say why the feature is deferred or dropped." in response.get_data(as_text=True)
    assert _count(app, ScopeItem) == 0
    for feature, decision, reason in (("客户主数据", "kept", ""), ("移动端报表", "dropped", "用户少"),
                                      ("呼叫中心集成", "deferred", "二期")):
        assert client.post(f"{base}/scope", data={"feature": feature, "decision": decision,
                                                  "reason": reason}).status_code == 302
    page = client.get(base, headers=EN).get_data(as_text=True)
    assert "1 deferred, 1 dropped" in page and "用户少" in page
    with app.app_context():
        kept = db.session.scalar(select(ScopeItem.id).where(ScopeItem.feature == "客户主数据"))
    assert client.post(f"/scope-items/{kept}", data={"feature": "客户主数据", "decision": "deferred",
                                                     "reason": ""}).status_code == 422


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


def test_the_status_report_carries_the_recovery_plan(app, client, login, world, tmp_path) -> None:
    import shutil

    from tests.reports.test_pdf import pdf_text

    project_id = world["project"].id
    _trouble(app, project_id, world["consultant"].id)
    _as(client, login, world["consultant"])
    assert "Recovery plan" not in client.get(f"/projects/{project_id}/report.html?lang=en").get_data(as_text=True)
    client.post(f"/projects/{project_id}/recovery/start")
    client.post(f"/projects/{project_id}/recovery/expectations", data=_win())
    client.post(f"/projects/{project_id}/recovery/scope", data={"feature": "移动端报表", "decision": "dropped",
                                                              "reason": "用户少"})
    html = client.get(f"/projects/{project_id}/report.html?lang=en").get_data(as_text=True)
    assert "Recovery plan" in html and "2 milestones overdue" in html and "Reps log every visit" in html
    assert "Waiting for the sponsor" in html and "用户少" in html and "Analyse, don&#39;t blame" in html
    if shutil.which("pdftotext"):
        text = pdf_text(client.get(f"/projects/{project_id}/report.pdf?lang=en").data, tmp_path)
        assert "7. Recovery plan" in text and "Reps log every visit" in text and "Scope after: 0" in text


def test_the_last_assessment_feeds_the_check_and_a_new_submission_refreshes_it(app, client, login, make_user,
                                                                              make_project, make_links, answered) -> None:
    company, assessment = answered  # overall 2.72, both dimensions split, one benefit expected too high
    project = make_project(company, name="CRM 一期")
    login(make_user("consultant", clients=(company,)))
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
