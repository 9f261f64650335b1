"""Every page renders in the three languages for the roles that may see it, within the site's strict CSP."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from core.extensions import db

LANGUAGES = {"zh_Hans": 'lang="zh-Hans"', "zh_Hant": 'lang="zh-Hant"', "en": 'lang="en"'}


@pytest.fixture
def demo(app, runner):
    """The demo data, and the ids of its records."""
    from assess.models import Assessment
    from phases.issues.models import Issue
    from phases.projects.models import Milestone, Phase, Project
    from phases.recovery.models import ExpectationReset, RecoveryItem, ScopeItem
    from phases.rollout.models import RolloutCell, TrainingSession

    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    with app.app_context():
        project = db.session.scalars(select(Project).where(Project.name == "集团 CRM 矩阵推广")).one()
        troubled = db.session.scalars(select(Project).where(Project.name == "客服中心 CRM 導入")).one()
        return {
            "troubled": troubled.id,
            "recovery_item": db.session.scalar(select(RecoveryItem.id).where(RecoveryItem.project_id == troubled.id)),
            "expectation": db.session.scalar(
                select(ExpectationReset.id).where(ExpectationReset.project_id == troubled.id)
            ),
            "scope_item": db.session.scalar(select(ScopeItem.id).where(ScopeItem.project_id == troubled.id)),
            "client": project.client_id,
            "project": project.id,
            "phase": db.session.scalar(select(Phase.id).where(Phase.project_id == project.id)),
            "milestone": db.session.scalar(select(Milestone.id).where(Milestone.project_id == project.id)),
            "issue": db.session.scalar(select(Issue.id).where(Issue.project_id == project.id)),
            "assessment": db.session.scalar(select(Assessment.id).where(Assessment.client_id == project.client_id)),
            "cell": db.session.execute(
                select(RolloutCell.unit_id, RolloutCell.function_id).where(RolloutCell.project_id == project.id)
            ).first(),
            "training": db.session.scalar(select(TrainingSession.id).where(TrainingSession.project_id == project.id)),
        }


def _pages(ids: dict) -> list[str]:
    return [
        "/",
        "/clients",
        f"/clients/{ids['client']}",
        f"/projects/{ids['project']}",
        f"/projects/{ids['project']}/issues",
        f"/issues/{ids['issue']}",
        f"/projects/{ids['project']}/audit",
        "/assessments",
        f"/assessments/{ids['assessment']}/results",
        f"/assessments/{ids['assessment']}",
        f"/assessments/{ids['assessment']}/settings",
        f"/phases/{ids['phase']}/edit",
        f"/milestones/{ids['milestone']}",
        f"/clients/{ids['client']}/projects/new",
        f"/clients/{ids['client']}/assessments/new",
        f"/clients/{ids['client']}/users/new",
        "/account",
        f"/projects/{ids['project']}/report.html",
        f"/assessments/{ids['assessment']}/report.html",
        f"/projects/{ids['project']}/rollout",
        f"/projects/{ids['project']}/rollout/pilots",
        f"/projects/{ids['project']}/rollout/organisation",
        f"/projects/{ids['project']}/rollout/units/{ids['cell'][0]}/functions/{ids['cell'][1]}",
        f"/training/{ids['training']}",
        f"/projects/{ids['project']}/recovery",
    ]


def _recovery_pages(ids: dict) -> list[str]:
    return [
        "/",
        f"/projects/{ids['troubled']}",
        f"/projects/{ids['troubled']}/recovery",
        f"/recovery-items/{ids['recovery_item']}",
        f"/expectations/{ids['expectation']}",
        f"/scope-items/{ids['scope_item']}",
        f"/projects/{ids['troubled']}/report.html",
    ]


def _visit_all(app, email: str, urls: list[str]) -> int:
    """Sign in and open every page in the three languages; return how many answered 200."""
    from demo.seed import DEMO_PASSWORD

    browser = app.test_client()
    assert browser.post("/login", data={"email": email, "password": DEMO_PASSWORD}).status_code == 302
    seen = 0
    for language, marker in LANGUAGES.items():
        browser.post("/language", data={"locale": language})  # remembered for the user
        for url in urls:
            response = browser.get(url)
            assert response.status_code in (200, 403), (email, url, response.status_code)
            if response.status_code != 200:
                continue
            seen += 1
            page = response.get_data(as_text=True)
            if not url.endswith("report.html"):
                assert marker in page, (url, language)
                # The Content-Security-Policy allows no inline script and no inline style.
                assert not re.search(r"<script(?![^>]*\bsrc=)", page), url
                assert " style=" not in page, url
                assert "Traceback" not in page
    return seen


@pytest.mark.parametrize(
    "email",
    [
        "chen.jing@mingtu.example",
        "admin@mingtu.example",
        "zhou.haiyan@dingsheng.example",
        "huang.zhiqiang@dingsheng.example",
    ],
)
def test_every_page_in_every_language(app, demo, email) -> None:

    seen = _visit_all(app, email, _pages(demo))
    assert seen >= 15


@pytest.mark.parametrize(
    ("email", "seen"),
    [("wang.lixin@mingtu.example", 21), ("chen.meiling@yongfeng.example", 12), ("lee.chihao@yongfeng.example", 9)],
)
def test_recovery_pages_in_every_language(app, demo, email, seen) -> None:
    # Consultants open every page; the sponsor and the member get 403 on the edit pages (the member on the report).
    assert _visit_all(app, email, _recovery_pages(demo)) >= seen
