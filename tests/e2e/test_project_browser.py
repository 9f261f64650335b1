"""A real browser: a consultant sets up a five-step project, a member reports progress, the sponsor signs a gate."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from core.extensions import db
from tests.e2e.conftest import click, confirm, screenshot, sign_in

pytestmark = pytest.mark.e2e


def test_project_end_to_end(app, live_server, desktop, make_client, make_user) -> None:
    from phases.projects.models import GateCriterion, Milestone, Phase

    company = make_client("华东精工机械有限公司")
    consultant = make_user("consultant", clients=(company,), name="王立新")
    member = make_user("member", client=company, name="张敏")
    sponsor = make_user("sponsor", client=company, name="刘建国")

    sign_in(desktop, live_server, consultant.email)
    desktop.goto(f"{live_server}/clients/{company.id}/projects/new")
    desktop.fill("input[name=name]", "CRM 一期")
    desktop.fill("input[name=start_date]", (date.today() - timedelta(days=20)).isoformat())
    desktop.fill("input[name=target_date]", (date.today() + timedelta(days=340)).isoformat())
    click(desktop, "main button[type=submit]")
    project_url = desktop.url
    with app.app_context():
        project_id = int(project_url.split("/projects/")[1].split("#")[0])
        first = db.session.scalars(select(Phase).where(Phase.project_id == project_id, Phase.position == 1)).one()
        milestone = db.session.scalars(select(Milestone).where(Milestone.phase_id == first.id)).first()
        criteria = db.session.scalars(select(GateCriterion.id).where(GateCriterion.phase_id == first.id)).all()
        first_id, milestone_id = first.id, milestone.id

    # Start the first phase and give the member a milestone.
    click(desktop, f"#phase-{first_id} button[value=active]")
    desktop.goto(f"{live_server}/milestones/{milestone_id}")
    desktop.select_option("select[name=owner_id]", str(member.id))
    click(desktop, "main button[type=submit]")
    # Closing with unreviewed criteria is refused with a clear message.
    confirm(desktop, f"#phase-{first_id} button[value=closed]")
    assert "has not signed this phase's gate off" in desktop.locator(f"#phase-{first_id} .form-feedback").inner_text()
    for criterion_id in criteria:
        desktop.select_option(f"#state-{criterion_id}", "pass")
        click(desktop, f"form[action$='/criteria/{criterion_id}/review'] button")
    screenshot(desktop, "project-desktop-en")

    sign_in(desktop, live_server, member.email)
    desktop.goto(f"{live_server}/milestones/{milestone_id}")
    desktop.fill("input[name=percent_done]", "100")
    click(desktop, "main button[type=submit]")
    assert "Done" in desktop.locator("#milestones").inner_text()

    sign_in(desktop, live_server, sponsor.email)
    desktop.goto(f"{live_server}/")
    assert "Sign off the gate" in desktop.locator("main").inner_text()
    desktop.goto(project_url)
    desktop.fill(f"#gate-{first_id} textarea[name=comment]", "评估完成，同意进入采集阶段")
    confirm(desktop, f"#gate-{first_id} form.signoff-form button[value=go]")
    assert "Go signed" in desktop.locator(f"#gate-{first_id} h3").inner_text()

    sign_in(desktop, live_server, consultant.email)
    desktop.goto(project_url)
    confirm(desktop, f"#phase-{first_id} button[value=closed]")
    with app.app_context():
        assert db.session.get(Phase, first_id).status.value == "closed"
    timeline = desktop.locator("#timeline svg")
    assert timeline.count() == 1
    screenshot(desktop, "project-after-gate-en")
