"""The assessment page's invitations as a list to work in: filter by progress and department, sort, delete an unused
link with an audit record and bring it back with "Undo"; a link somebody answered through is only withdrawn."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from assess.models import Invitation, InvitationAuditEntry
from core.db import utcnow
from core.extensions import db
from tests.conftest import page_queries

LANGUAGES = {
    "en": ("en", "Showing %d of %d", "Submitted"),
    "zh_Hans": ("zh-CN", "显示 %d 条，共 %d 条", "已提交"),
    "zh_Hant": ("zh-TW", "顯示 %d 筆，共 %d 筆", "已送出"),
}


def _names(html: str) -> list[str]:
    section = html[html.index('id="invitations"') :]
    return re.findall(r'<tr class="[^"]*">\s*<td>([^<]*)<', section)


@pytest.fixture
def survey(app, make_client, make_user, make_assessment, make_links):
    """An open assessment with five invitations: one submitted, one in progress, one withdrawn, two unused."""
    company = make_client()
    assessment = make_assessment(company)
    links = make_links(
        assessment, ("甲", "销售部", "经理"), ("乙", "销售部"), ("丙", "客服中心"), ("丁", "客服中心"), ("戊", "市场部")
    )
    browser = app.test_client()
    browser.get(f"{links[0]}/page/1")
    browser.post(f"{links[0]}/submit")
    browser.get(f"{links[1]}/page/1")
    with app.app_context():
        db.session.execute(update(Invitation).where(Invitation.name == "丙").values(revoked_at=utcnow()))
        db.session.commit()
        ids = dict(db.session.execute(select(Invitation.name, Invitation.id)).all())
    return {
        "assessment": assessment,
        "ids": ids,
        "links": links,
        "consultant": make_user("consultant", clients=(company,)),
        "sponsor": make_user("sponsor", client=company),
        "company": company,
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_invitations_filter_by_progress_and_department_in_every_language(app, client, login, survey, language) -> None:
    accept, showing, submitted = LANGUAGES[language]
    headers = {"Accept-Language": accept}
    login(survey["consultant"])
    url = f"/assessments/{survey['assessment'].id}"
    page = client.get(url, headers=headers).get_data(as_text=True)
    assert _names(page) == ["丁", "丙", "戊", "乙", "甲"]  # by department, then name
    assert showing % (5, 5) in page and f'<option value="submitted">{submitted}</option>' in page
    unused = client.get(url + "?state=not_started&sort=name&dir=desc", headers=headers).get_data(as_text=True)
    assert _names(unused) == ["戊", "丁"] and showing % (2, 5) in unused
    sales = client.get(url + "?department=销售部&sort=state", headers=headers).get_data(as_text=True)
    assert _names(sales) == ["乙", "甲"]  # in progress before submitted
    assert client.get(url + "?state=withdrawn", headers=headers).get_data(as_text=True).count("<tr class=") == 1


def test_the_filtered_invitations_cost_the_same_queries_for_more_links(app, client, login, survey, make_links) -> None:
    login(survey["consultant"])
    url = f"/assessments/{survey['assessment'].id}?state=not_started&sort=activity&department=客服中心"

    before = page_queries(app, client, url)
    make_links(survey["assessment"], *[(f"人{number}", "客服中心") for number in range(20)])
    assert page_queries(app, client, url) == before


def _undo_action(html: str) -> str:
    match = re.search(
        r'class="flash flash-success flash-undo">.*?<form method="post" action="([^"]+)">', html, re.DOTALL
    )
    assert match, "no Undo button in the message"
    return match.group(1)


def test_an_unused_link_is_deleted_and_undone_and_works_again(app, client, login, survey) -> None:
    invitation_id = survey["ids"]["丁"]
    with app.app_context():
        invitation = db.session.get(Invitation, invitation_id)
        before = {column.name: getattr(invitation, column.name) for column in Invitation.__table__.columns}
    login(survey["consultant"])
    page = client.post(f"/invitations/{invitation_id}/delete", follow_redirects=True, headers={"Accept-Language": "en"})
    html = page.get_data(as_text=True)
    assert "The invitation “丁 · 客服中心” was deleted." in html and "丁" not in _names(html)
    assert app.test_client().get(survey["links"][3]).status_code == 404
    with app.app_context():
        kept = dict(db.session.execute(select(InvitationAuditEntry.field, InvitationAuditEntry.old_value)).all())
        assert kept["name"] == "丁" and kept["token_hash"] == before["token_hash"] and "email" not in kept

    restored = client.post(_undo_action(html), follow_redirects=True, headers={"Accept-Language": "en"})
    assert "The invitation “丁 · 客服中心” is back; its link works again." in restored.get_data(as_text=True)
    with app.app_context():
        invitation = db.session.get(Invitation, invitation_id)
        assert {column.name: getattr(invitation, column.name) for column in Invitation.__table__.columns} == before
        actions = db.session.scalars(select(InvitationAuditEntry.action).distinct()).all()
        assert sorted(actions) == ["deleted", "restored"]
    assert app.test_client().get(survey["links"][3]).status_code == 200


@pytest.mark.parametrize("name", ["甲", "乙"])
def test_a_link_somebody_answered_through_is_only_withdrawn(app, client, login, survey, name) -> None:
    login(survey["consultant"])
    page = client.post(
        f"/invitations/{survey['ids'][name]}/delete", follow_redirects=True, headers={"Accept-Language": "zh-TW"}
    )
    assert "已有人透過此連結作答，不能刪除；請改為撤銷。" in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Invitation, survey["ids"][name]) is not None
        assert db.session.scalar(select(func.count(InvitationAuditEntry.id))) == 0


def test_undo_of_an_invitation_is_refused_when_too_late(app, client, login, survey) -> None:
    invitation_id = survey["ids"]["戊"]
    login(survey["consultant"])
    page = client.post(f"/invitations/{invitation_id}/delete", follow_redirects=True).get_data(as_text=True)
    with app.app_context():
        db.session.execute(update(InvitationAuditEntry).values(at=utcnow() - timedelta(hours=2)))
        db.session.commit()
    refused = client.post(_undo_action(page), follow_redirects=True, headers={"Accept-Language": "en"})
    assert "It is too late to undo this" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Invitation, invitation_id) is None


def test_only_the_clients_consultants_delete_and_restore_invitations(
    app, client, login, survey, make_client, make_user
) -> None:
    invitation_id = survey["ids"]["戊"]
    restore = f"/assessments/{survey['assessment'].id}/invitations/{invitation_id}/restore"
    login(survey["sponsor"])
    assert client.post(f"/invitations/{invitation_id}/delete").status_code == 403
    client.post("/logout")
    stranger = make_user("consultant", clients=(make_client(),))
    login(stranger)
    assert client.post(f"/invitations/{invitation_id}/delete").status_code == 404
    client.post("/logout")
    login(survey["consultant"])
    assert client.post(f"/invitations/{invitation_id}/delete").status_code == 302
    client.post("/logout")
    login(stranger)
    assert client.post(restore).status_code == 404
    client.post("/logout")
    login(survey["sponsor"])
    assert client.post(restore).status_code == 403
    with app.app_context():
        assert db.session.get(Invitation, invitation_id) is None


def test_anonymous_links_are_not_sorted_by_name_or_activity(
    app, client, login, make_client, make_user, make_assessment, make_links
) -> None:
    company = make_client()
    assessment = make_assessment(company, anonymous=True)
    make_links(assessment, ("", "销售部"), ("", "客服中心"))
    login(make_user("consultant", clients=(company,)))
    page = client.get(f"/assessments/{assessment.id}?sort=activity&dir=desc").get_data(as_text=True)
    assert 'href="?sort=activity' not in page and 'href="?sort=name' not in page
    assert 'aria-sort="ascending"><a class="sort" href="?sort=department&amp;dir=desc#invitations">' in page
