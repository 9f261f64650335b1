"""A real browser: a sponsor follows one computed status from the dashboard to the project page and its PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from core.extensions import db
from tests.e2e.conftest import ARTIFACTS, click, screenshot, sign_in

pytestmark = pytest.mark.e2e


def _troubled_project(app, make_client, make_user, make_project) -> tuple[object, object]:
    """A client with a project in trouble whose last manual update still says "on track", and a calm project."""
    from accounts.models import User
    from phases.projects import services as project_services
    from phases.projects.enums import Rag
    from phases.projects.models import Project
    from tests.phases.recovery.test_services import _trouble

    company = make_client("华东精工机械有限公司")
    consultant = make_user("consultant", clients=(company,), name="王立新")
    sponsor = make_user("sponsor", client=company, name="刘建国")
    project = make_project(company, name="CRM 一期")
    make_project(company, name="CRM 二期")
    _trouble(app, project.id, consultant.id)
    with app.app_context():
        project_services.add_status_update(
            db.session.get(Project, project.id), db.session.get(User, consultant.id), Rag.GREEN, "进展顺利", ""
        )
    return sponsor, project


def _first_pdf_page(page, url: str, name: str) -> str:
    """Download the report with the page's session and return the text pdftotext reads on its first page."""
    response = page.request.get(url, timeout=60_000)  # a PDF renders for seconds on a busy machine
    assert response.ok and response.headers["content-type"].startswith("application/pdf")
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.pdf"
    path.write_bytes(response.body())
    if not shutil.which("pdftotext"):
        pytest.skip("needs poppler-utils")
    return _text_of_page_one(path)


def _text_of_page_one(path: Path) -> str:
    command = ["pdftotext", "-f", "1", "-l", "1", "-layout", str(path), "-"]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def test_a_sponsor_follows_the_status_in_english(
    app, live_server, desktop, make_client, make_user, make_project
) -> None:
    sponsor, project = _troubled_project(app, make_client, make_user, make_project)
    sign_in(desktop, live_server, sponsor.email)
    attention = desktop.locator(".attention").inner_text()
    assert "2 milestones overdue" in attention and "Critical: 1 open issue" in attention
    row = desktop.locator(".project-row", has_text="CRM 一期")
    assert "In trouble" in row.inner_text() and "Reported: On track" in row.inner_text()
    assert "differs from the computed status" in row.locator(".mismatch").inner_text()
    assert "1 critical issue open" in row.locator(".status-reasons").inner_text()
    screenshot(desktop, "status-dashboard-en")

    click(desktop, ".client-card h2 a")
    item = desktop.locator(".project-list li", has_text="CRM 一期")
    assert "In trouble" in item.inner_text() and "differs from the computed status" in item.inner_text()
    screenshot(desktop, "status-client-en")
    desktop.go_back()

    click(desktop, ".project-row .project-title a:text-is('CRM 一期')")
    head = desktop.locator(".pagehead").inner_text()
    assert "In trouble" in head and "Reported: On track" in head and "differs from the computed status" in head
    assert "Health check: in trouble" in head and "2 milestones overdue" in head
    assert "No maturity assessment is linked to this project" in desktop.locator("#health").inner_text()
    screenshot(desktop, "status-project-en")

    desktop.goto(f"{live_server}/projects/{project.id}/report.html?lang=en")
    assert "In trouble" in desktop.locator("#summary").inner_text()
    screenshot(desktop, "status-report-en")
    first = _first_pdf_page(desktop, f"{live_server}/projects/{project.id}/report.pdf?lang=en", "status-report-en")
    assert "In trouble" in first and "Reported: On track" in first and "differs from the computed status" in first


def test_a_sponsor_follows_the_status_in_chinese(app, live_server, phone, make_client, make_user, make_project) -> None:
    sponsor, project = _troubled_project(app, make_client, make_user, make_project)
    sign_in(phone, live_server, sponsor.email)
    attention = phone.locator(".attention").inner_text()
    assert "2 个里程碑已逾期" in attention and "紧急：1 个未解决问题" in attention
    row = phone.locator(".project-row", has_text="CRM 一期")
    assert "陷入困境" in row.inner_text() and "上报：正常" in row.inner_text()
    assert "与计算得出的状态不一致" in row.inner_text()
    screenshot(phone, "status-dashboard-zh")

    click(phone, ".project-row .project-title a:text-is('CRM 一期')")
    head = phone.locator(".pagehead").inner_text()
    assert "陷入困境" in head and "与计算得出的状态不一致" in head and "1 个紧急问题未解决" in head
    assert "本项目尚未关联成熟度评估" in phone.locator("#health").inner_text()
    screenshot(phone, "status-project-zh")

    phone.goto(f"{live_server}/projects/{project.id}/report.html?lang=zh_Hans")
    assert "陷入困境" in phone.locator("#summary").inner_text()
    screenshot(phone, "status-report-zh")
    first = _first_pdf_page(phone, f"{live_server}/projects/{project.id}/report.pdf?lang=zh_Hans", "status-report-zh")
    assert "陷入困境" in first and "上报：正常" in first and "与计算得出的状态不一致" in first


def test_a_consultant_links_the_projects_own_assessment(
    app, live_server, desktop, make_client, make_user, make_project, make_assessment
) -> None:
    company = make_client("华东精工机械有限公司")
    consultant = make_user("consultant", clients=(company,), name="王立新")
    project = make_project(company, name="CRM 一期")
    make_assessment(company, title="CRM 成熟度评估 2026")
    sign_in(desktop, live_server, consultant.email)
    desktop.goto(f"{live_server}/projects/{project.id}")
    assert "No maturity assessment is linked" in desktop.locator("#no-linked-assessment").inner_text()
    click(desktop, "#no-linked-assessment a")
    click(desktop, "#assessments a:text-is('CRM 成熟度评估 2026')")
    assert "Not linked to a project" in desktop.locator("#linked-project").inner_text()
    click(desktop, "#linked-project a")
    desktop.select_option("select[name=project_id]", label="CRM 一期")
    screenshot(desktop, "status-assessment-settings-en")
    click(desktop, "main button[type=submit]")
    assert "Linked to the project CRM 一期" in desktop.locator("#linked-project").inner_text()
    click(desktop, "#linked-project a:text-is('CRM 一期')")
    health = desktop.locator("#health").inner_text()
    assert "“CRM 成熟度评估 2026”, linked to this project" in health
    screenshot(desktop, "status-linked-assessment-en")


def test_the_sponsors_acceptance_completes_the_recovery_item(
    app, live_server, phone, make_client, make_user, make_project
) -> None:
    from accounts.models import User
    from phases.projects.models import Project
    from phases.recovery import services
    from tests.phases.recovery.test_services import WIN

    company = make_client("华东精工机械有限公司")
    consultant = make_user("consultant", clients=(company,), name="王立新")
    sponsor = make_user("sponsor", client=company, name="刘建国")
    project = make_project(company, name="CRM 一期")
    with app.app_context():
        actor = db.session.get(User, consultant.id)
        recovery = services.start_recovery(db.session.get(Project, project.id), actor, "")
        services.add_expectation(recovery, actor, WIN)
    sign_in(phone, live_server, sponsor.email)
    click(phone, ".attention a:text-is('接受重设后的期望')")
    click(phone, "#expectations form button[type=submit]")
    row = phone.locator("#step-expectations tr", has_text="请发起人正式接受重设后的期望表")
    assert (
        "完成" in row.inner_text()
        and "刘建国 于" in row.inner_text()
        and "接受了重设后的期望表（1 项期望）" in row.inner_text()
    )
    row.scroll_into_view_if_needed()
    screenshot(phone, "status-acceptance-item-zh")
