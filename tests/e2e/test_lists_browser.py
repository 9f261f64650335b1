"""A real browser works in the lists: sorts and filters the issue log and the milestones by their headers and filter
bars, deletes an issue and undoes it, deletes a status update; on a desktop in English and a phone in Chinese."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import Error as PlaywrightError

from core.extensions import db
from tests.e2e.conftest import click, screenshot, sign_in

pytestmark = pytest.mark.e2e


def _world(app, make_client, make_user, make_project) -> dict:
    """A client's project with five issues, four milestones and two status updates of known owners and dates."""
    from accounts.models import User
    from phases.issues import services as issue_services
    from phases.issues.enums import IssueSeverity
    from phases.projects import services
    from phases.projects.enums import Rag
    from phases.projects.models import Milestone, Project

    company = make_client("华东精工机械有限公司")
    people = {
        "consultant": make_user("consultant", clients=(company,), name="王立新"),
        "member": make_user("member", client=company, name="张敏"),
        "sponsor": make_user("sponsor", client=company, name="刘建国"),
    }
    project = make_project(company, name="CRM 一期")
    today = date.today()
    with app.app_context():
        record = db.session.get(Project, project.id)
        member, sponsor = db.session.get(User, people["member"].id), db.session.get(User, people["sponsor"].id)
        consultant = db.session.get(User, people["consultant"].id)
        for title, severity, owner, due in [
            ("客户资料重复", IssueSeverity.HIGH, consultant.id, 12),
            ("接口偶发超时", IssueSeverity.CRITICAL, None, 5),
            ("培训与旺季冲突", IssueSeverity.MEDIUM, member.id, 30),
            ("报表口径不一", IssueSeverity.HIGH, member.id, None),
            ("录入错的问题", IssueSeverity.LOW, None, 40),
        ]:
            due_date = today + timedelta(days=due) if due is not None else None
            issue_services.report_issue(record, member, title, "", severity, None, owner, due_date)
        db.session.query(Milestone).filter(Milestone.project_id == record.id).delete()
        db.session.commit()
        for name, position, owner, planned in [
            ("客户编码规则定稿", 1, member.id, -4),
            ("主数据清洗完成", 2, consultant.id, 20),
            ("销售漏斗上线", 3, member.id, 60),
            ("呼叫中心接入", 4, None, 90),
        ]:
            phase = record.phases[position - 1]
            services.add_milestone(phase, consultant, name, owner, today + timedelta(days=planned))
        services.add_status_update(record, sponsor, Rag.AMBER, "采集阶段延误一周", "周五评审")
        services.add_status_update(record, consultant, Rag.GREEN, "客户资料清洗过半", "")
    return {"project": project, **people}


def _delete(page, selector: str, names: str, shot: str = "") -> None:
    """Click a delete button; when the confirmation dialog asks (static/js/confirm.js), check it names the item."""
    page.click(selector, no_wait_after=True)
    dialog = page.locator("dialog[open]")
    try:
        dialog.wait_for(timeout=1500)
    except PlaywrightError:  # no dialog on this page: the form went straight to the server
        page.wait_for_load_state()
        return
    assert names in dialog.inner_text()
    if shot:
        screenshot(page, shot)
    with page.expect_navigation():
        dialog.locator("button[value=yes]").click()


def _column(page, table: str, index: int) -> list[str]:
    return [cell.strip() for cell in page.locator(f"{table} tbody tr td:nth-child({index})").all_inner_texts()]


def test_lists_on_a_desktop_in_english(app, live_server, desktop, make_client, make_user, make_project) -> None:
    world = _world(app, make_client, make_user, make_project)
    log = f"{live_server}/projects/{world['project'].id}/issues"
    sign_in(desktop, live_server, world["consultant"].email)

    desktop.goto(log)
    click(desktop, "#issues th >> text=Due date")
    header = desktop.locator("#issues th[aria-sort]")
    assert header.get_attribute("aria-sort") == "ascending" and "▲" in header.inner_text()
    assert _column(desktop, "#issues", 2) == [
        "接口偶发超时",
        "客户资料重复",
        "培训与旺季冲突",
        "录入错的问题",
        "报表口径不一",
    ]
    click(desktop, "#issues th >> text=Due date")
    assert desktop.locator("#issues th[aria-sort]").get_attribute("aria-sort") == "descending"
    desktop.select_option("#filter-severity", "high")
    click(desktop, "#issues form.filters button[type=submit]")
    assert "severity=high" in desktop.url and "sort=due" in desktop.url  # a link to share
    assert _column(desktop, "#issues", 2) == ["客户资料重复", "报表口径不一"]
    assert "Showing 2 of 5" in desktop.locator("#issues .shown").inner_text()
    screenshot(desktop, "lists-issues-filtered-desktop-en")
    click(desktop, "#issues a >> text=Clear filters")
    assert len(_column(desktop, "#issues", 2)) == 5

    click(desktop, "#issues a >> text=录入错的问题")
    _delete(desktop, "button.danger", "录入错的问题", "lists-issue-delete-confirm-desktop-en")
    assert "The issue “录入错的问题” was deleted." in desktop.locator(".flashes").inner_text()
    assert "录入错的问题" not in _column(desktop, "#issues", 2)
    screenshot(desktop, "lists-issue-deleted-desktop-en")
    click(desktop, ".flash-undo button")
    assert "The issue “录入错的问题” is back." in desktop.locator(".flashes").inner_text()
    assert desktop.locator("h1").inner_text() == "录入错的问题"

    desktop.goto(f"{live_server}/projects/{world['project'].id}")
    click(desktop, "#milestones th >> text=Milestone")
    assert _column(desktop, "#milestones table", 1)[0] == "主数据清洗完成"  # by name (code points)
    desktop.select_option("#m_filter-owner", str(world["member"].id))
    click(desktop, "#milestones form.filters button[type=submit]")
    assert sorted(_column(desktop, "#milestones table", 1)) == ["客户编码规则定稿", "销售漏斗上线"]
    assert "Showing 2 of 4" in desktop.locator("#milestones .shown").inner_text()
    screenshot(desktop, "lists-milestones-filtered-desktop-en")

    _delete(desktop, "#updates article:has-text('客户资料清洗过半') button.danger", "Delete the status update")
    assert "The status update was deleted." in desktop.locator(".flashes").inner_text()
    assert "客户资料清洗过半" not in desktop.locator("#updates").inner_text()
    assert "Showing 2 of 4" in desktop.locator("#milestones .shown").inner_text()  # the other list kept its filter
    screenshot(desktop, "lists-update-deleted-desktop-en")


def test_lists_on_a_phone_in_chinese(app, live_server, phone, make_client, make_user, make_project) -> None:
    world = _world(app, make_client, make_user, make_project)
    log = f"{live_server}/projects/{world['project'].id}/issues"
    sign_in(phone, live_server, world["member"].email)  # reported every issue

    phone.goto(log)
    click(phone, "#issues th >> text=严重程度")
    assert phone.locator("#issues th[aria-sort]").get_attribute("aria-sort") == "descending"
    assert _column(phone, "#issues", 2)[0] == "录入错的问题"  # low first
    phone.select_option("#filter-owner", "none")
    click(phone, "#issues form.filters button[type=submit]")
    assert sorted(_column(phone, "#issues", 2)) == ["录入错的问题", "接口偶发超时"]
    assert "显示 2 条，共 5 条" in phone.locator("#issues .shown").inner_text()
    screenshot(phone, "lists-issues-filtered-phone-zh")

    click(phone, "#issues a >> text=录入错的问题")
    _delete(phone, "button.danger", "录入错的问题")
    assert "问题“录入错的问题”已删除。" in phone.locator(".flashes").inner_text()
    screenshot(phone, "lists-issue-deleted-phone-zh")
    click(phone, ".flash-undo button")
    assert "问题“录入错的问题”已恢复。" in phone.locator(".flashes").inner_text()

    sign_in(phone, live_server, world["sponsor"].email)
    phone.goto(f"{live_server}/projects/{world['project'].id}")
    phone.select_option("#m_filter-state", "overdue")
    click(phone, "#milestones form.filters button[type=submit]")
    assert _column(phone, "#milestones table", 1) == ["客户编码规则定稿"]
    assert "显示 1 条，共 4 条" in phone.locator("#milestones .shown").inner_text()
    screenshot(phone, "lists-milestones-filtered-phone-zh")
    assert phone.locator("#updates article:has-text('客户资料清洗过半') button.danger").count() == 0  # not theirs
    _delete(
        phone,
        "#updates article:has-text('采集阶段延误一周') button.danger",
        "删除",
        "lists-update-delete-confirm-phone-zh",
    )
    assert "状态更新已删除。" in phone.locator(".flashes").inner_text()
    assert "采集阶段延误一周" not in phone.locator("#updates").inner_text()
    screenshot(phone, "lists-update-deleted-phone-zh")
