"""The project page's read model: frozen and free of ORM objects, the same for the page and the report, flat in cost."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from decimal import Decimal

import pytest
from markupsafe import Markup
from sqlalchemy import select

from accounts.models import User
from core.extensions import db
from phases.issues import services as issue_services
from phases.issues.enums import IssueSeverity
from phases.issues.queries import open_issues
from phases.projects import gate_services, services
from phases.projects.enums import CriterionState, GateDecision, MilestoneRag, PhaseStatus, Rag
from phases.projects.models import GateCriterion, Phase, Project
from phases.projects.rows import SignoffRow
from phases.projects.view import ProjectView, project_view
from tests.conftest import page_queries
from tests.phases.projects.test_projects import world  # noqa: F401  (a client, its people and a five-step project)
from tests.read_models import assert_frozen_and_orm_free

EN = {"Accept-Language": "en"}
PLAIN = (str, int, float, bool, Decimal, date, Markup, type(None))  # the enums of states are StrEnums


def _signed_first_phase(app, world) -> int:  # noqa: F811
    """Start the first phase, review its criteria, sign it off with a waiver and post an update; return its id."""
    with app.app_context():
        consultant = db.session.get(User, world["consultant"].id)
        sponsor = db.session.get(User, world["sponsor"].id)
        project = db.session.get(Project, world["project"].id)
        phase = db.session.scalars(select(Phase).where(Phase.project_id == project.id, Phase.position == 1)).one()
        services.change_phase_status(phase, consultant, PhaseStatus.ACTIVE, date.today())
        criteria = db.session.scalars(select(GateCriterion).where(GateCriterion.phase_id == phase.id)).all()
        gate_services.review_criterion(criteria[0], consultant, CriterionState.REWORK, "编码规则未定义", "编码规则")
        gate_services.sign_gate(phase, sponsor, GateDecision.GO, "先进入采集", True, "编码规则在采集首周完成")
        services.add_status_update(project, sponsor, Rag.AMBER, "采集阶段延误一周", "周五评审")
        services.add_milestone(
            phase, consultant, "客户编码规则定稿", world["member"].id, date.today() - timedelta(days=2)
        )
        issue_services.report_issue(project, consultant, "客户编码重复", "", IssueSeverity.HIGH, None, None, None)
        return phase.id


def test_the_read_model_is_frozen_and_holds_no_orm_objects(app, world) -> None:  # noqa: F811
    phase_id = _signed_first_phase(app, world)
    with app.test_request_context(headers=EN):
        view = project_view(db.session.get(Project, world["project"].id), date.today())
        issues = open_issues(world["project"].id)  # shown beside the model, from the issue log
    assert_frozen_and_orm_free(view)
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.name = "x"  # type: ignore[misc]
    first = view.phases[0]
    assert (first.id, first.is_running, first.moves.sign, first.moves.close) == (phase_id, True, True, True)
    assert not first.moves.start
    assert isinstance(first.signoff, SignoffRow) and first.signoff.is_go and first.signoff.waiver
    assert first.signoff.signed_by == "刘建国" and len(first.signoff.waived_criteria) == first.open_criteria > 0
    assert view.phases[1].moves.start and not view.phases[1].moves.may_start
    assert view.current is first and not first.awaits_signoff and view.awaiting_signoff == ()
    assert view.latest_update.author_name == "刘建国" and view.latest_update.rag is Rag.AMBER
    assert issues.by_severity[IssueSeverity.HIGH] == 1 and issues.total == 1
    assert [row.rag for row in view.late_milestones][:1] == [MilestoneRag.OVERDUE]
    assert view.client_name == "华东精工机械有限公司" and view.project_id == world["project"].id


def test_the_page_and_the_report_read_the_same_model(app, world) -> None:  # noqa: F811
    from reports.status_report import StatusReport, status_context

    _signed_first_phase(app, world)
    with app.test_request_context(headers=EN):
        project = db.session.get(Project, world["project"].id)
        report = status_context(project, "王立新", "en", date.today())
        view = project_view(project, date.today())
    assert isinstance(report, StatusReport) and isinstance(report.project, ProjectView)
    assert report.project == view
    assert (report.title, report.client, report.latest_update) == (view.name, view.client_name, view.latest_update)
    assert [issue.title for issue in report.issues.rows] == ["客户编码重复"]
    assert report.issues.open_counts.total == 1
    assert_frozen_and_orm_free(report.issues.rows, "report.issues")


def test_the_project_page_costs_the_same_queries_for_a_larger_plan(app, client, login, world) -> None:  # noqa: F811
    login(world["consultant"])

    before = page_queries(app, client, f"/projects/{world['project'].id}")
    _signed_first_phase(app, world)
    with app.app_context():
        phase = db.session.scalars(select(Phase).where(Phase.project_id == world["project"].id)).first()
        consultant = db.session.get(User, world["consultant"].id)
        for number in range(20):
            services.add_milestone(phase, consultant, f"里程碑{number}", world["member"].id, date.today())
            gate_services.add_criterion(phase, consultant, f"检查项{number}")
    assert page_queries(app, client, f"/projects/{world['project'].id}") == before
