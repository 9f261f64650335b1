"""The issue log as users run it: report, list and filter, edit, close with root cause and prevention, tenancy."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from accounts.models import User
from core.extensions import db
from phases.audit import AuditEntry
from phases.issues import services as issue_services
from phases.issues.enums import IssueSeverity, IssueStatus
from phases.issues.models import Issue
from phases.projects.models import Phase, Project

EN = {"Accept-Language": "en"}


def _issue(
    app,
    project_id: int,
    reporter_id: int,
    title: str,
    severity: str = "medium",
    status: IssueStatus = IssueStatus.OPEN,
    due: date | None = None,
    owner_id: int | None = None,
) -> int:
    with app.app_context():
        project = db.session.get(Project, project_id)
        reporter = db.session.get(User, reporter_id)
        issue = issue_services.report_issue(project, reporter, title, "", IssueSeverity(severity), None, owner_id, due)
        if status is not IssueStatus.OPEN:
            issue_services.update_issue(issue, reporter, {"status": status, "root_cause": "原因", "prevention": "措施"})
        return issue.id


def _count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _titles(html: str) -> list[str]:
    return re.findall(r'<a href="/issues/\d+">([^<]*)</a>', html)


def _edit(issue: Issue, **changes) -> dict:
    data = {
        "title": issue.title,
        "description": issue.description,
        "severity": issue.severity.value,
        "status": issue.status.value,
        "phase_id": issue.phase_id or 0,
        "owner_id": issue.owner_id or 0,
        "due_date": issue.due_date.isoformat() if issue.due_date else "",
        "root_cause": issue.root_cause,
        "prevention": issue.prevention,
    }
    return {**data, **changes}


def _load(app, issue_id: int) -> Issue:
    with app.app_context():
        issue = db.session.get(Issue, issue_id)
        db.session.expunge(issue)
        return issue


@pytest.mark.parametrize("who", ["member", "sponsor", "consultant"])
def test_anybody_on_the_project_reports_an_issue(app, client, login, world, who) -> None:
    project_id = world["project"].id
    with app.app_context():
        phase_id = db.session.scalars(select(Phase.id).where(Phase.project_id == project_id, Phase.position == 2)).one()
    login(world[who])
    response = client.post(
        f"/projects/{project_id}/issues",
        data={
            "title": "导入的客户资料约 12% 重复",
            "description": "按手机号去重",
            "severity": "high",
            "phase_id": phase_id,
            "owner_id": world["consultant"].id,
            "due_date": "2026-09-30",
        },
    )
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/projects/{project_id}/issues")
    with app.app_context():
        issue = db.session.scalars(select(Issue)).one()
        assert (issue.reporter_id, issue.owner_id, issue.phase_id) == (world[who].id, world["consultant"].id, phase_id)
        assert issue.severity is IssueSeverity.HIGH and issue.status is IssueStatus.OPEN
        assert issue.due_date == date(2026, 9, 30)
        entry = db.session.scalars(select(AuditEntry).where(AuditEntry.entity == "issue")).one()
        assert (entry.action, entry.user_id, entry.entity_id) == ("created", world[who].id, issue.id)
    page = client.get(f"/projects/{project_id}/issues", headers=EN).get_data(as_text=True)
    assert "导入的客户资料约 12% 重复" in page and "sev-high" in page and "Collect" in page and "王立新" in page
    traditional = client.get(f"/projects/{project_id}/issues", headers={"Accept-Language": "zh-TW"})
    assert "採集" in traditional.get_data(as_text=True)


@pytest.mark.parametrize(
    "bad",
    [
        {"title": ""},
        {"title": "x" * 201},
        {"due_date": "2026-02-30"},
        {"severity": "urgent"},
        {"owner_id": "999999"},
    ],
)
def test_bad_issue_input_saves_nothing(app, client, login, world, bad) -> None:
    login(world["member"])
    data = {
        "title": "销售代表手机端无法查看联系人",
        "severity": "low",
        "phase_id": 0,
        "owner_id": 0,
        "due_date": "",
        **bad,
    }
    page = client.post(f"/projects/{world['project'].id}/issues", data=data, headers=EN)
    assert page.status_code == 422 and 'class="errors"' in page.get_data(as_text=True)
    assert _count(app, Issue) == 0
    assert _count(app, AuditEntry, AuditEntry.entity == "issue") == 0


def test_a_foreign_owner_or_phase_cannot_be_chosen(app, client, login, world) -> None:
    with app.app_context():
        statement = select(Phase.id).where(Phase.project_id == world["other_project"].id)
        foreign_phase = db.session.scalars(statement).first()
    login(world["member"])
    for bad in ({"owner_id": world["other_sponsor"].id}, {"phase_id": foreign_phase}):
        data = {"title": "跨客户", "severity": "low", "phase_id": 0, "owner_id": 0, **bad}
        assert client.post(f"/projects/{world['project'].id}/issues", data=data).status_code == 422
    assert _count(app, Issue) == 0


@pytest.mark.parametrize(
    "missing, message",
    [
        ("root_cause", "Closing an issue needs its root cause."),
        ("prevention", "Closing an issue needs the measure that prevents it from happening again."),
    ],
)
def test_closing_needs_root_cause_and_prevention(app, client, login, world, missing, message) -> None:
    issue_id = _issue(app, world["project"].id, world["member"].id, "客户编码同音混淆")
    login(world["consultant"])
    data = _edit(_load(app, issue_id), status="closed", root_cause="编码用拼音首字母", prevention="编码规则加地区代码")
    data[missing] = "  "
    page = client.post(f"/issues/{issue_id}", data=data, headers=EN)
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert re.search(rf'<ul class="errors" id="{missing}-errors"><li>{re.escape(message)}</li></ul>', html)
    issue = _load(app, issue_id)
    assert issue.status is IssueStatus.OPEN and issue.closed_at is None and issue.root_cause == ""
    assert _count(app, AuditEntry, AuditEntry.entity_id == issue_id, AuditEntry.action == "closed") == 0


def test_closing_with_both_records_the_change(app, client, login, world) -> None:
    issue_id = _issue(app, world["project"].id, world["member"].id, "客户编码同音混淆", severity="high")
    login(world["consultant"])
    data = _edit(_load(app, issue_id), status="closed", root_cause="编码用拼音首字母", prevention="编码规则加地区代码")
    response = client.post(f"/issues/{issue_id}", data=data)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/issues/{issue_id}")
    issue = _load(app, issue_id)
    assert issue.status is IssueStatus.CLOSED and issue.closed_at is not None
    assert (issue.root_cause, issue.prevention) == ("编码用拼音首字母", "编码规则加地区代码")
    with app.app_context():
        entries = db.session.scalars(
            select(AuditEntry).where(
                AuditEntry.entity == "issue", AuditEntry.entity_id == issue_id, AuditEntry.action == "closed"
            )
        )
        rows = {entry.field: (entry.old_value, entry.new_value, entry.action, entry.user_id) for entry in entries}
    consultant = world["consultant"].id
    assert rows == {
        "status": ("open", "closed", "closed", consultant),
        "root_cause": ("", "编码用拼音首字母", "closed", consultant),
        "prevention": ("", "编码规则加地区代码", "closed", consultant),
    }
    page = client.get(f"/issues/{issue_id}", headers=EN).get_data(as_text=True)
    assert "Open → Closed" in page and "王立新" in page and "— → 编码规则加地区代码" in page


def test_list_filters_and_order(app, client, login, world) -> None:
    project_id, reporter = world["project"].id, world["member"].id
    today = date.today()
    for title, severity, status, due in [
        ("issue-A", "low", IssueStatus.OPEN, today + timedelta(days=5)),
        ("issue-B", "critical", IssueStatus.OPEN, today + timedelta(days=20)),
        ("issue-C", "critical", IssueStatus.IN_PROGRESS, today + timedelta(days=3)),
        ("issue-D", "high", IssueStatus.OPEN, None),
        ("issue-E", "high", IssueStatus.OPEN, today + timedelta(days=1)),
        ("issue-F", "critical", IssueStatus.CLOSED, None),
        ("issue-G", "low", IssueStatus.CLOSED, today),
    ]:
        _issue(app, project_id, reporter, title, severity, status, due)
    login(world["sponsor"])
    url = f"/projects/{project_id}/issues"
    default = client.get(url, headers=EN).get_data(as_text=True)
    assert _titles(default) == ["issue-C", "issue-B", "issue-E", "issue-D", "issue-A"]
    assert "Critical: 2" in default and "High: 2" in default and "Medium: 0" in default and "Low: 1" in default
    assert _titles(client.get(url + "?status=open").get_data(as_text=True)) == _titles(default)
    assert _titles(client.get(url + "?status=closed").get_data(as_text=True)) == ["issue-F", "issue-G"]
    assert _titles(client.get(url + "?status=all").get_data(as_text=True)) == [
        "issue-C",
        "issue-B",
        "issue-E",
        "issue-D",
        "issue-A",
        "issue-F",
        "issue-G",
    ]
    assert _titles(client.get(url + "?status=nonsense").get_data(as_text=True)) == _titles(default)


def test_only_staff_reporter_and_owner_edit(app, client, login, world) -> None:
    issue_id = _issue(app, world["project"].id, world["member"].id, "培训与旺季冲突", owner_id=world["other_member"].id)
    onlooker_issue = _issue(app, world["project"].id, world["member"].id, "只读问题")
    login(world["sponsor"])
    page = client.get(f"/issues/{issue_id}", headers=EN)
    assert page.status_code == 200 and 'name="title"' not in page.get_data(as_text=True)
    assert "Only the reporter, the owner and the consultants" in page.get_data(as_text=True)
    assert client.post(f"/issues/{issue_id}", data=_edit(_load(app, issue_id), title="改了")).status_code == 403
    client.post("/logout")

    login(world["other_member"])  # the owner of the first issue, neither reporter nor owner of the second
    refused = client.post(f"/issues/{onlooker_issue}", data=_edit(_load(app, onlooker_issue), title="改了"))
    assert refused.status_code == 403
    assert _load(app, onlooker_issue).title == "只读问题"
    assert client.post(f"/issues/{issue_id}", data=_edit(_load(app, issue_id), status="in_progress")).status_code == 302
    assert _load(app, issue_id).status is IssueStatus.IN_PROGRESS
    client.post("/logout")

    login(world["member"])  # the reporter
    assert client.post(f"/issues/{issue_id}", data=_edit(_load(app, issue_id), severity="critical")).status_code == 302
    assert _load(app, issue_id).severity is IssueSeverity.CRITICAL


def test_an_unchanged_save_records_nothing(app, client, login, world) -> None:
    issue_id = _issue(app, world["project"].id, world["member"].id, "接口偶发超时")
    login(world["consultant"])
    before = _count(app, AuditEntry)
    assert client.post(f"/issues/{issue_id}", data=_edit(_load(app, issue_id))).status_code == 302
    assert _count(app, AuditEntry) == before


@pytest.mark.parametrize("who", ["sponsor", "member", "consultant"])
def test_users_of_another_client_get_404(app, client, login, world, who) -> None:
    foreign_issue = _issue(app, world["other_project"].id, world["other_sponsor"].id, "乙的问题")
    login(world[who])
    other = world["other_project"].id
    assert client.get(f"/projects/{other}/issues").status_code == 404
    assert client.post(f"/projects/{other}/issues", data={"title": "x", "severity": "low"}).status_code == 404
    assert client.get(f"/issues/{foreign_issue}").status_code == 404
    assert client.post(f"/issues/{foreign_issue}", data={"title": "x"}).status_code == 404
    assert client.get(f"/projects/{other}/audit").status_code == 404
    assert _count(app, Issue) == 1 and _load(app, foreign_issue).title == "乙的问题"
