"""The issue log as a list people work in: sort and filter by URL, in three languages, at a flat cost; delete and undo."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from core.db import utcnow
from core.extensions import db
from phases.audit import AuditEntry
from phases.issues.enums import IssueStatus
from phases.issues.models import Issue
from tests.conftest import page_queries
from tests.phases.issues.test_issues import _count, _issue, _titles

LANGUAGES = {
    "en": ("en", "Showing %d of %d", "Clear filters", "Due date"),
    "zh_Hans": ("zh-CN", "显示 %d 条，共 %d 条", "清除筛选", "截止日期"),
    "zh_Hant": ("zh-TW", "顯示 %d 筆，共 %d 筆", "清除篩選", "到期日"),
}


def _seven_issues(app, world) -> None:
    project_id, reporter, owner = world["project"].id, world["member"].id, world["consultant"].id
    today = date.today()
    for title, severity, status, due, owned in [
        ("issue-A", "low", IssueStatus.OPEN, today + timedelta(days=5), True),
        ("issue-B", "critical", IssueStatus.OPEN, today + timedelta(days=20), False),
        ("issue-C", "critical", IssueStatus.IN_PROGRESS, today + timedelta(days=3), True),
        ("issue-D", "high", IssueStatus.OPEN, None, False),
        ("issue-E", "high", IssueStatus.OPEN, today + timedelta(days=1), True),
        ("issue-F", "critical", IssueStatus.CLOSED, None, True),
        ("issue-G", "low", IssueStatus.CLOSED, today, False),
    ]:
        _issue(app, project_id, reporter, title, severity, status, due, owner if owned else None)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_log_sorts_and_filters_by_its_address_in_every_language(app, client, login, world, language) -> None:
    accept, showing, clear, due_header = LANGUAGES[language]
    headers = {"Accept-Language": accept}
    _seven_issues(app, world)
    login(world["sponsor"])
    url = f"/projects/{world['project'].id}/issues"

    by_due = client.get(url + "?sort=due", headers=headers).get_data(as_text=True)
    assert _titles(by_due) == ["issue-E", "issue-C", "issue-A", "issue-B", "issue-D"]  # no date last
    assert re.search(
        r'<th scope="col" aria-sort="ascending"><a class="sort" href="\?sort=due&amp;dir=desc#issues">', by_due
    )
    assert due_header + '<span class="arrow" aria-hidden="true">▲</span>' in by_due
    assert by_due.count("aria-sort=") == 1 and showing % (5, 7) in by_due and clear not in by_due
    latest_first = client.get(url + "?sort=due&dir=desc", headers=headers).get_data(as_text=True)
    assert _titles(latest_first) == ["issue-B", "issue-A", "issue-C", "issue-E", "issue-D"]

    owned = f"?status=all&owner={world['consultant'].id}&sort=title&dir=desc"
    filtered = client.get(url + owned, headers=headers).get_data(as_text=True)
    assert _titles(filtered) == ["issue-F", "issue-E", "issue-C", "issue-A"]
    assert (
        showing % (4, 7) in filtered
        and f'<a class="small" href="?sort=title&amp;dir=desc#issues">{clear}</a>' in filtered
    )
    assert f'<option value="{world["consultant"].id}" selected>' in filtered
    nobody_high = client.get(url + "?owner=none&severity=high", headers=headers).get_data(as_text=True)
    assert _titles(nobody_high) == ["issue-D"] and showing % (1, 7) in nobody_high


@pytest.mark.parametrize(
    "query",
    ["?sort=password", "?severity=urgent", f"?owner={10**6}", "?dir=sideways", "?status=all&sort=phase&dir=up"],
)
def test_unknown_sorts_and_filters_fall_back_to_the_default(app, client, login, world, query) -> None:
    _seven_issues(app, world)
    login(world["member"])
    url = f"/projects/{world['project'].id}/issues"
    page = client.get(url + query)
    assert page.status_code == 200
    default = _titles(client.get(url + ("?status=all" if "status=all" in query else "")).get_data(as_text=True))
    assert sorted(_titles(page.get_data(as_text=True))) == sorted(default)


def test_a_filtered_and_sorted_log_costs_the_same_queries_for_more_issues(app, client, login, world) -> None:
    login(world["consultant"])
    url = f"/projects/{world['project'].id}/issues?status=all&severity=high&owner=none&sort=owner&dir=desc"

    _seven_issues(app, world)
    before = page_queries(app, client, url)
    for number in range(15):
        _issue(app, world["project"].id, world["member"].id, f"more-{number}", "high", owner_id=world["member"].id)
        _issue(app, world["project"].id, world["member"].id, f"none-{number}", "high")
    assert page_queries(app, client, url) == before


def _columns(app, issue_id: int) -> dict:
    with app.app_context():
        issue = db.session.get(Issue, issue_id)
        return {column.name: getattr(issue, column.name) for column in Issue.__table__.columns}


def _undo_action(html: str) -> str:
    match = re.search(
        r'<div class="flash flash-success flash-undo">.*?<form method="post" action="([^"]+)">', html, re.DOTALL
    )
    assert match, "no Undo button in the message"
    return match.group(1)


def test_deleting_an_issue_keeps_it_in_the_audit_trail_and_undo_brings_it_back_exactly(
    app, client, login, world
) -> None:
    issue_id = _issue(
        app, world["project"].id, world["member"].id, "重复录入的问题", "high", owner_id=world["consultant"].id
    )
    before = _columns(app, issue_id)
    login(world["member"])  # its reporter
    deleted = client.post(f"/issues/{issue_id}/delete", follow_redirects=True, headers={"Accept-Language": "en"})
    html = deleted.get_data(as_text=True)
    assert deleted.status_code == 200 and "The issue “重复录入的问题” was deleted." in html and ">Undo</button>" in html
    assert _count(app, Issue) == 0 and client.get(f"/issues/{issue_id}").status_code == 404
    with app.app_context():
        kept = {
            entry.field: (entry.old_value, entry.new_value, entry.user_id)
            for entry in db.session.scalars(select(AuditEntry).where(AuditEntry.action == "deleted"))
        }
    member = world["member"].id
    assert kept["title"] == ("重复录入的问题", "", member) and kept["severity"] == ("high", "", member)
    assert kept["owner_id"] == (str(world["consultant"].id), "", member) and "due_date" not in kept

    action = _undo_action(html)
    assert action == f"/projects/{world['project'].id}/issues/{issue_id}/restore"
    restored = client.post(action, headers={"Accept-Language": "en"})
    assert restored.status_code == 302 and restored.headers["Location"].endswith(f"/issues/{issue_id}")
    assert _columns(app, issue_id) == before
    assert _count(app, AuditEntry, AuditEntry.action == "restored", AuditEntry.entity_id == issue_id) == 1
    history = client.get(f"/issues/{issue_id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "deleted" in history and "restored" in history
    assert client.post(action).status_code == 404  # nothing left to undo


def test_a_closed_issue_cannot_be_deleted(app, client, login, world) -> None:
    issue_id = _issue(app, world["project"].id, world["member"].id, "已关闭", status=IssueStatus.CLOSED)
    login(world["consultant"])
    refused = client.post(f"/issues/{issue_id}/delete", follow_redirects=True, headers={"Accept-Language": "zh-CN"})
    assert "已关闭的问题保留其根本原因和预防措施" in refused.get_data(as_text=True)
    assert _count(app, Issue) == 1 and _count(app, AuditEntry, AuditEntry.action == "deleted") == 0


def test_only_those_who_may_change_an_issue_delete_or_restore_it(app, client, login, world) -> None:
    issue_id = _issue(app, world["project"].id, world["member"].id, "别人的问题")
    restore = f"/projects/{world['project'].id}/issues/{issue_id}/restore"
    login(world["sponsor"])  # neither its reporter nor its owner
    assert client.post(f"/issues/{issue_id}/delete").status_code == 403
    client.post("/logout")
    login(world["consultant"])
    assert client.post(f"/issues/{issue_id}/delete").status_code == 302
    client.post("/logout")
    login(world["sponsor"])
    assert client.post(restore).status_code == 403 and _count(app, Issue) == 0


@pytest.mark.parametrize("who", ["other_sponsor", "sponsor"])
def test_another_clients_issue_and_its_undo_answer_404(app, client, login, world, who) -> None:
    issue_id = _issue(app, world["other_project"].id, world["other_sponsor"].id, "乙的问题")
    if who == "other_sponsor":  # its own reporter deletes it; the other client's people then try its undo
        login(world["other_sponsor"])
        assert client.post(f"/issues/{issue_id}/delete").status_code == 302
        client.post("/logout")
        login(world["sponsor"])
        assert client.post(f"/projects/{world['other_project'].id}/issues/{issue_id}/restore").status_code == 404
        assert client.post(f"/projects/{world['project'].id}/issues/{issue_id}/restore").status_code == 404
        assert _count(app, Issue) == 0
    else:
        login(world[who])
        assert client.post(f"/issues/{issue_id}/delete").status_code == 404
        assert _count(app, Issue) == 1


def test_undo_is_refused_once_it_is_too_late_or_the_number_is_taken(app, client, login, world) -> None:
    project_id = world["project"].id
    late = _issue(app, project_id, world["member"].id, "太晚了")
    taken = _issue(app, project_id, world["member"].id, "号码被占")
    login(world["member"])
    for issue_id in (late, taken):
        assert client.post(f"/issues/{issue_id}/delete").status_code == 302
    with app.app_context():
        db.session.execute(
            update(AuditEntry).where(AuditEntry.entity_id == late).values(at=utcnow() - timedelta(minutes=31))
        )
        db.session.add(Issue(id=taken, project_id=project_id, client_id=world["client"].id, title="新的问题"))
        db.session.commit()
    for issue_id, message in [
        (late, "It is too late to undo this: a deletion can be undone for 30 minutes."),
        (taken, "This cannot be undone: a newer record has been given the same number."),
    ]:
        page = client.post(
            f"/projects/{project_id}/issues/{issue_id}/restore",
            follow_redirects=True,
            headers={"Accept-Language": "en"},
        )
        assert message in page.get_data(as_text=True)
    assert _count(app, Issue) == 1 and _count(app, AuditEntry, AuditEntry.action == "restored") == 0
