"""A real browser: a project slides into trouble, the health check turns, a recovery starts, the sponsor accepts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from core.extensions import db
from tests.e2e.conftest import click, screenshot, sign_in

pytestmark = pytest.mark.e2e


def test_recovery_end_to_end(app, live_server, desktop, make_client, make_user, make_project) -> None:
    from phases.projects.models import Milestone

    company = make_client("永豐國際物流股份有限公司")
    consultant = make_user("consultant", clients=(company,), name="王立新")
    sponsor = make_user("sponsor", client=company, name="陳美玲", locale="zh_Hant")
    project = make_project(company, name="客服中心 CRM 導入")
    project_url = f"{live_server}/projects/{project.id}"
    with app.app_context():
        milestones = db.session.scalars(
            select(Milestone.id).where(Milestone.project_id == project.id).order_by(Milestone.id).limit(2)
        ).all()

    sign_in(desktop, live_server, consultant.email)
    desktop.goto(project_url)
    assert "In trouble" not in desktop.locator("#health").inner_text()
    _push_into_trouble(desktop, live_server, project_url, milestones)
    _start_and_work_the_first_step(desktop)
    _rebase_an_expectation(desktop)
    _sponsor_accepts(app, desktop, live_server, project_url, project.id, sponsor)


def _push_into_trouble(desktop, live_server: str, project_url: str, milestones: list[int]) -> None:
    """Two milestones slip past their dates and two critical issues are logged: the health check turns."""
    for milestone_id in milestones:
        desktop.goto(f"{live_server}/milestones/{milestone_id}")
        desktop.fill("input[name=planned_date]", (date.today() - timedelta(days=3)).isoformat())
        click(desktop, "main button[type=submit]")
    for title in ("客服人員拒絕使用新的派工流程", "設計期需求一再追加"):
        desktop.goto(f"{project_url}/issues")
        desktop.fill("input[name=title]", title)
        desktop.select_option("#report select[name=severity]", "critical")
        click(desktop, "#report button[type=submit]")
    desktop.goto(project_url)
    health = desktop.locator("#health").inner_text()
    assert "In trouble" in health and "2 critical issues open" in health and "milestones overdue" in health
    screenshot(desktop, "recovery-health-en")


def _start_and_work_the_first_step(desktop) -> None:
    """Start the recovery and close the first step's three items; done without evidence is refused."""
    click(desktop, "#health button[type=submit]")
    assert "The recovery has started" in desktop.locator("#health .form-feedback").inner_text()
    assert desktop.locator(".recovery-step").count() == 8
    for number in range(3):
        click(desktop, f"#step-analyse tbody tr:nth-child({number + 1}) a")
        desktop.select_option("select[name=status]", "done")
        if number == 0:
            click(desktop, "main button[type=submit]")
            assert "Say what shows the item is done" in desktop.locator("main").inner_text()
        desktop.fill("textarea[name=evidence]", f"檢討會紀錄 {number + 1}")
        click(desktop, "main button[type=submit]")
    assert "Done · 3/3" in desktop.locator("#step-analyse").inner_text()


def _rebase_an_expectation(desktop) -> None:
    """Put the original claim next to a measurable small win."""
    desktop.click("#expectations summary")
    for name, value in (
        ("original_claim", "上線後營收翻倍"),
        ("small_win", "客訴首次回覆時間縮短 20 %"),
        ("metric", "客訴首次回覆平均時間"),
        ("baseline_value", "26 小時"),
        ("target_value", "21 小時"),
        ("target_date", (date.today() + timedelta(days=120)).isoformat()),
    ):
        desktop.fill(f"#expectations [name={name}]", value)
    click(desktop, "#expectations button[type=submit]")
    assert "21 小時" in desktop.locator("#expectations").inner_text()
    screenshot(desktop, "recovery-plan-en")


def _sponsor_accepts(app, desktop, live_server: str, project_url: str, project_id: int, sponsor) -> None:
    """The sponsor accepts the re-based table, in Traditional Chinese."""
    from phases.recovery.models import Recovery

    sign_in(desktop, live_server, sponsor.email)
    desktop.goto(f"{project_url}/recovery")
    click(desktop, "#expectations form button[type=submit]")
    assert "陳美玲" in desktop.locator("#accepted").inner_text()
    with app.app_context():
        recovery = db.session.scalars(select(Recovery).where(Recovery.project_id == project_id)).one()
        assert recovery.expectations_accepted_by_id == sponsor.id
    screenshot(desktop, "recovery-accepted-zh-hant")
