"""One computed status on the dashboard, the client page, the project page and page 1 of the PDF, the same facts."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from flask_login import login_user
from sqlalchemy import select

from accounts.models import User
from assess import services as assess_services
from core.extensions import db
from phases.issues.queries import open_issues
from phases.overview.facts import PhaseRow, ProjectRow, health_facts_of, latest_decisions
from phases.overview.queries import project_summaries
from phases.overview.status import ProjectStatus
from phases.overview.status_view import page_status
from phases.projects import services as project_services
from phases.projects.enums import Rag
from phases.projects.models import Phase, Project
from phases.projects.view import project_view
from phases.recovery.health import check_health
from phases.recovery.playbook import health_rules
from phases.recovery.view import health_facts, project_health
from tests.phases.recovery.test_routes import _as
from tests.phases.recovery.test_services import _trouble

EN = {"Accept-Language": "en"}
ZH = {"Accept-Language": "zh-CN"}


def _report(app, project_id: int, author_id: int, rag: Rag) -> None:
    with app.app_context():
        project_services.add_status_update(
            db.session.get(Project, project_id), db.session.get(User, author_id), rag, "一切正常", ""
        )


def _page_one(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "status.pdf"
    path.write_bytes(pdf)
    command = ["pdftotext", "-f", "1", "-l", "1", "-layout", str(path), "-"]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def _status_block(page: str) -> str:
    """Return the computed status and the reported one as one line of text, tags and spacing removed."""
    start = page.find('<span class="status-pair">')
    assert start >= 0, "no status on the page"
    depth, text = 0, []
    for tag, content in re.findall(r"(<[^>]+>)|([^<]+)", page[start:]):
        if tag.startswith("<span"):
            depth += 1
        elif tag == "</span>":
            depth -= 1
            if depth == 0:
                break
        text.append(content)
    return " ".join("".join(text).split())


def test_the_same_status_shows_on_every_page_with_the_reported_one_beside_it(app, client, login, world) -> None:
    project_id = world["project"].id
    _trouble(app, project_id, world["consultant"].id)
    _report(app, project_id, world["consultant"].id, Rag.GREEN)  # the manual report still says "on track"
    _as(client, login, world["sponsor"])
    pages = {
        "dashboard": client.get("/", headers=EN).get_data(as_text=True),
        "client": client.get(f"/clients/{world['client'].id}", headers=EN).get_data(as_text=True),
        "project": client.get(f"/projects/{project_id}", headers=EN).get_data(as_text=True),
        "report": client.get(f"/projects/{project_id}/report.html?lang=en").get_data(as_text=True),
    }
    blocks = {name: _status_block(page) for name, page in pages.items()}
    expected = "✕ In trouble Reported: On track ≠ differs from the computed status"
    assert blocks == dict.fromkeys(pages, expected)
    for name in ("dashboard", "client", "project", "report"):
        assert "1 critical issue open" in pages[name] and "2 milestones overdue" in pages[name], name
    assert "Health check: in trouble" in pages["project"]


def test_an_agreeing_report_carries_no_mark(app, client, login, world) -> None:
    project_id = world["project"].id
    _trouble(app, project_id, world["consultant"].id)
    _report(app, project_id, world["consultant"].id, Rag.RED)
    _as(client, login, world["sponsor"])
    page = client.get(f"/projects/{project_id}", headers=EN).get_data(as_text=True)
    assert _status_block(page) == "✕ In trouble Reported: Off track"
    page = client.get("/", headers=ZH).get_data(as_text=True)
    assert _status_block(page) == "✕ 陷入困境 上报：偏离"


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")
def test_a_project_in_trouble_says_so_on_the_first_page_of_its_report(app, client, login, world, tmp_path) -> None:
    project_id = world["project"].id
    _trouble(app, project_id, world["consultant"].id)
    _report(app, project_id, world["consultant"].id, Rag.GREEN)
    _as(client, login, world["sponsor"])
    first = _page_one(client.get(f"/projects/{project_id}/report.pdf?lang=en").data, tmp_path)
    assert "In trouble" in first and "Reported: On track" in first and "differs from the computed status" in first
    first = _page_one(client.get(f"/projects/{project_id}/report.pdf?lang=zh_Hans").data, tmp_path)
    assert "陷入困境" in first and "上报：正常" in first and "与计算得出的状态不一致" in first


def test_the_lists_read_the_same_facts_as_the_project_page(app, make_user, make_project, answered) -> None:
    """The batch behind the dashboard gives every project the health facts and status its own page computes."""
    company, assessment = answered  # both dimensions split
    consultant = make_user("consultant", clients=(company,))
    linked, other = make_project(company, name="CRM 一期"), make_project(company, name="CRM 二期")
    _trouble(app, linked.id, consultant.id)
    with app.app_context():
        stored = db.session.get(type(assessment), assessment.id)
        assess_services.update_settings(stored, stored.title, stored.closes_on, {}, linked.id)
    with app.test_request_context(headers=EN):
        login_user(db.session.get(User, consultant.id))
        today = date.today()
        projects = [db.session.get(Project, linked.id), db.session.get(Project, other.id)]
        phases = db.session.scalars(select(Phase).where(Phase.project_id.in_([linked.id, other.id]))).all()
        rows = [
            PhaseRow(p.id, p.project_id, p.position, p.key, p.status, p.planned_start, p.planned_end, p.actual_start)
            for p in phases
        ]
        batch = health_facts_of(
            [ProjectRow(project.id, project.methodology, project.start_date) for project in projects],
            rows,
            {project.id: dict(open_issues(project.id).by_severity) for project in projects},
            latest_decisions([row.id for row in rows]),
            "en",
            today,
        )
        summaries = {summary.id: summary for summary in project_summaries()}
        for project in projects:
            view, open_counts = project_view(project, today), open_issues(project.id)
            health = project_health(view, open_counts, "en")
            page = health_facts(view, open_counts, None)
            assert batch[project.id] == replace(
                page,
                maturity_score=batch[project.id].maturity_score,
                divergent_dimensions=batch[project.id].divergent_dimensions,
                unrealistic_expectations=batch[project.id].unrealistic_expectations,
            )
            assert check_health(batch[project.id], health_rules()) == health.check
            assert summaries[project.id].status == page_status(view, health, open_counts, today)
        assert batch[linked.id].divergent_dimensions == 2 and batch[other.id].divergent_dimensions == 0
        assert summaries[linked.id].status.status is ProjectStatus.IN_TROUBLE
