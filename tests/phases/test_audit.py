"""The audit trail page: who may read it, what it shows, filters, pages, and a flat query count."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from accounts.models import User
from core.db import utcnow
from core.extensions import db
from phases.audit import AuditEntry
from phases.issues import services as issue_services
from phases.issues.enums import IssueSeverity, IssueStatus
from phases.issues.models import Issue
from phases.projects.models import Project
from tests.conftest import page_queries

EN = {"Accept-Language": "en"}


@pytest.fixture
def world(app, make_client, make_user, make_project):
    """A client with a sponsor, a member, a consultant and a project."""
    company = make_client("华东精工机械有限公司")
    return {
        "sponsor": make_user("sponsor", client=company, name="刘建国"),
        "member": make_user("member", client=company, name="张敏"),
        "consultant": make_user("consultant", clients=(company,), name="王立新"),
        "project": make_project(company, name="CRM 一期"),
    }


def _report_and_reassign(app, project_id: int, reporter_id: int, owner_id: int, title: str, with_due: bool) -> None:
    """Log an issue, then give it an owner (and a due date): one, two or three audit rows."""
    with app.app_context():
        project = db.session.get(Project, project_id)
        reporter = db.session.get(User, reporter_id)
        issue = issue_services.report_issue(project, reporter, title, "", IssueSeverity.MEDIUM, None, None, None)
        values = {"owner_id": owner_id, **({"due_date": date(2026, 10, 1)} if with_due else {})}
        issue_services.update_issue(issue, reporter, values)


def _entries(app, project_id: int) -> int:
    with app.app_context():
        statement = select(func.count()).select_from(AuditEntry).where(AuditEntry.project_id == project_id)
        return db.session.scalar(statement)


def _body_rows(html: str) -> int:
    return len(re.findall(r"<tr>\s*<td\b", html))


@pytest.mark.parametrize("who, status", [("member", 403), ("sponsor", 200), ("consultant", 200)])
def test_staff_and_sponsors_read_the_trail_members_do_not(client, login, world, who, status) -> None:
    login(world[who])
    assert client.get(f"/projects/{world['project'].id}/audit").status_code == status


def test_the_trail_shows_who_changed_what_from_which_value_to_which(app, client, login, world) -> None:
    project_id = world["project"].id
    with app.app_context():
        project = db.session.get(Project, project_id)
        issue = issue_services.report_issue(
            project,
            db.session.get(User, world["member"].id),
            "ERP 订单接口偶发超时",
            "",
            IssueSeverity.HIGH,
            None,
            None,
            None,
        )
        issue_services.update_issue(
            issue,
            db.session.get(User, world["consultant"].id),
            {
                "status": IssueStatus.CLOSED,
                "root_cause": "连接池过小",
                "prevention": "压测纳入上线检查",
                "owner_id": world["sponsor"].id,
            },
        )
    login(world["sponsor"])
    page = client.get(f"/projects/{project_id}/audit", headers=EN).get_data(as_text=True)
    for heading in ("When", "Who", "What", "Field", "Old → new"):
        assert f"<th>{heading}</th>" in page
    assert "张敏" in page and "王立新" in page
    assert "Issue “ERP 订单接口偶发超时” closed" in page and "Issue “ERP 订单接口偶发超时” created" in page
    assert "Open → Closed" in page and "— → 连接池过小" in page and "— → High" in page
    assert "— → 刘建国" in page  # an owner is shown by name, not by id
    assert "Project “CRM 一期” created" in page
    # Newest first: the closing comes before the report, which comes before the project's creation.
    assert page.index("Open → Closed") < page.index("— → High") < page.index("Project “CRM 一期” created")


def test_the_trail_filters_by_record(app, client, login, world) -> None:
    project_id = world["project"].id
    _report_and_reassign(app, project_id, world["member"].id, world["member"].id, "客户资料重复", with_due=False)
    login(world["consultant"])
    issues_only = client.get(f"/projects/{project_id}/audit?entity=issue", headers=EN).get_data(as_text=True)
    assert "客户资料重复" in issues_only and "Project “CRM 一期” created" not in issues_only
    assert _body_rows(issues_only) == 2
    projects_only = client.get(f"/projects/{project_id}/audit?entity=project", headers=EN).get_data(as_text=True)
    assert "Project “CRM 一期” created" in projects_only and "客户资料重复" not in projects_only
    assert '<option value="issue" selected>Issue</option>' in issues_only


def test_the_trail_has_pages_of_100(app, client, login, world) -> None:
    project_id = world["project"].id
    with app.app_context():
        project = db.session.get(Project, project_id)
        start = utcnow() + timedelta(hours=1)  # after the project's own creation entry
        db.session.add_all(
            AuditEntry(
                project_id=project_id,
                client_id=project.client_id,
                user_id=world["consultant"].id,
                entity="issue",
                entity_id=None,
                entity_label=f"entry-{number:03d}",
                action="updated",
                field="title",
                old_value="",
                new_value=f"value-{number:03d}",
                at=start + timedelta(minutes=number),
            )
            for number in range(150)
        )
        db.session.commit()
    login(world["consultant"])
    first = client.get(f"/projects/{project_id}/audit", headers=EN).get_data(as_text=True)
    assert _body_rows(first) == 100 and "entry-149" in first and "entry-050" in first and "entry-049" not in first
    assert f"/projects/{project_id}/audit?page=2" in first and "Newer entries" not in first
    second = client.get(f"/projects/{project_id}/audit?page=2", headers=EN).get_data(as_text=True)
    assert _body_rows(second) == 51  # entries 049 … 000 and the project's creation
    assert "entry-049" in second and "entry-000" in second and "Older entries" not in second


def test_the_trail_costs_the_same_queries_for_3_and_60_entries(app, client, login, world) -> None:
    project_id, member, consultant = world["project"].id, world["member"].id, world["consultant"].id
    login(world["sponsor"])

    _report_and_reassign(app, project_id, member, consultant, "问题 0", with_due=False)
    assert _entries(app, project_id) == 3
    with_three = page_queries(app, client, f"/projects/{project_id}/audit")
    for number in range(1, 20):
        owner = consultant if number % 2 else member
        _report_and_reassign(app, project_id, member, owner, f"问题 {number}", with_due=True)
    assert _entries(app, project_id) == 60
    assert page_queries(app, client, f"/projects/{project_id}/audit") == with_three
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Issue)) == 20
