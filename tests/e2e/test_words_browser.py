"""A real browser reads words, not internal values: the audit trail and the project page in Traditional Chinese and
English, and a closed assessment's link in Simplified Chinese."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from core.extensions import db
from tests.e2e.conftest import screenshot, sign_in

pytestmark = pytest.mark.e2e

SNAKE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
RESURVEY = {"zh_Hant": "需求再調查完成", "en": "Requirement re-survey completed", "zh_Hans": "需求再调研完成"}


@pytest.fixture
def history(app, make_client, make_user, make_project):
    """A project created in Simplified Chinese whose plan was approved, then slipped, reviewed and funded."""
    from accounts.models import User
    from phases.projects import gate_services, services
    from phases.projects.enums import CriterionState, PhaseStatus
    from phases.projects.models import GateCriterion, Milestone, Phase, Project

    company = make_client("永豐國際物流股份有限公司")
    consultant = make_user("consultant", clients=(company,), name="王立新", locale="zh_Hans")
    readers = {
        "zh_Hant": make_user("sponsor", client=company, name="陳美玲", locale="zh_Hant"),
        "en": make_user("sponsor", client=company, name="Mei-ling Chen", locale="en"),
    }
    with app.test_request_context(headers={"Accept-Language": "zh-CN"}):
        actor = db.session.get(User, consultant.id)
        today = date.today()
        project = services.create_project(
            company, "CRM 上線", services.Methodology.FIVE_STEP, today - timedelta(days=30), today + timedelta(days=300)
        )
        phase = db.session.scalars(select(Phase).where(Phase.project_id == project.id, Phase.position == 1)).one()
        services.update_phase(phase, actor, {"investment": Decimal("850000.00")})
        services.change_phase_status(phase, actor, PhaseStatus.ACTIVE, today)
        services.approve_plan(db.session.get(Project, project.id), actor)
        milestone = db.session.scalars(
            select(Milestone).where(Milestone.phase_id == phase.id).order_by(Milestone.id)
        ).first()
        services.update_milestone(milestone, actor, {"planned_date": milestone.baseline_date + timedelta(days=31)})
        criterion = db.session.scalars(select(GateCriterion).where(GateCriterion.phase_id == phase.id)).first()
        gate_services.review_criterion(criterion, actor, CriterionState.REWORK, "部门负责人尚未确认", "")
        project_id = project.id
    return {"project_id": project_id, "readers": readers}


@pytest.mark.parametrize("locale, slip", [("zh_Hant", "延後 31 天"), ("en", "31 days late")])
def test_audit_trail_and_project_page_read_as_words(live_server, desktop, history, locale, slip) -> None:
    sign_in(desktop, live_server, history["readers"][locale].email)
    desktop.goto(f"{live_server}/projects/{history['project_id']}/audit")
    trail = desktop.locator("main table tbody").inner_text()
    assert not SNAKE.findall(trail), SNAKE.findall(trail)
    assert not ISO.findall(trail), ISO.findall(trail)
    assert RESURVEY[locale] in trail and RESURVEY["zh_Hans"] not in trail
    assert ("850,000" in trail) and (
        ("需重工" in trail or "重工" in trail) if locale == "zh_Hant" else "Rework" in trail
    )
    screenshot(desktop, f"words-audit-{locale}")

    desktop.goto(f"{live_server}/projects/{history['project_id']}#milestones")
    milestones = desktop.locator("#milestones").inner_text()
    assert slip in milestones and RESURVEY[locale] in milestones and RESURVEY["zh_Hans"] not in milestones
    assert not re.search(r"\+\d+d\b", milestones)
    tooltip = desktop.locator("svg title", has_text=RESURVEY[locale]).first.text_content()
    assert slip in tooltip
    desktop.locator("#milestones").scroll_into_view_if_needed()
    screenshot(desktop, f"words-project-{locale}")


def test_a_closed_assessment_says_closed_in_simplified_chinese(
    app, live_server, phone, make_client, make_assessment, make_links
) -> None:
    from assess import services
    from assess.models import Assessment, AssessmentStatus

    company = make_client("华东精工机械有限公司")
    assessment = make_assessment(company)
    (link,) = make_links(assessment, ("张敏", "销售部"))
    with app.app_context():
        services.set_status(db.session.get(Assessment, assessment.id), AssessmentStatus.CLOSED)
    phone.goto(f"{live_server}{link}")
    heading = phone.locator("main h1").inner_text()
    assert heading == "已截止", heading
    assert "closed" not in phone.locator("main").inner_text().lower()
    screenshot(phone, "words-closed-link-zh_Hans")
