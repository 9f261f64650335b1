"""Consultants set up assessments, invite respondents and follow response rates; tenants never leak."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from assess.models import Assessment, AssessmentTarget, Invitation
from core.db import write_transaction
from core.extensions import db


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_consultant_creates_an_assessment_with_targets(
    app, client, login, make_client, make_user, stored_questionnaire
) -> None:
    company = make_client("华东精工机械有限公司")
    login(make_user("consultant", clients=(company,)))
    form = client.get(f"/clients/{company.id}/assessments/new", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )
    assert "Customer data" in form
    closes = (date.today() + timedelta(days=10)).isoformat()
    response = client.post(
        f"/clients/{company.id}/assessments/new",
        data={
            "title": "2026 成熟度",
            "questionnaire_id": stored_questionnaire.id,
            "project_id": 0,
            "closes_on": closes,
            "target_data": "4.5",
            "target_sales": "3",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    with app.app_context():
        assessment = db.session.scalars(select(Assessment)).one()
        targets = dict(db.session.execute(select(AssessmentTarget.dimension_key, AssessmentTarget.target)).all())
        assert assessment.status.value == "draft" and targets == {"data": 4.5, "sales": 3.0}


def test_bad_assessment_input_saves_nothing(app, client, login, make_client, make_user, stored_questionnaire) -> None:
    company = make_client()
    login(make_user("consultant", clients=(company,)))
    past = (date.today() - timedelta(days=1)).isoformat()
    cases = [
        {"title": "", "closes_on": "2030-01-01", "target_data": "3", "target_sales": "3"},
        {"title": "X", "closes_on": "31/12/2030", "target_data": "3", "target_sales": "3"},
        {"title": "X", "closes_on": past, "target_data": "3", "target_sales": "3"},
        {"title": "X", "closes_on": "2030-01-01", "target_data": "6", "target_sales": "3"},
    ]
    for case in cases:
        page = client.post(
            f"/clients/{company.id}/assessments/new",
            headers={"Accept-Language": "en"},
            data={"questionnaire_id": stored_questionnaire.id, "project_id": 0, **case},
        )
        assert page.status_code == 200 and 'class="errors"' in page.get_data(as_text=True), case
    assert _count(app, Assessment) == 0


def test_invite_one_list_and_anonymous(app, client, login, make_client, make_user, make_assessment) -> None:
    company = make_client()
    assessment = make_assessment(company)
    login(make_user("consultant", clients=(company,)))
    one = client.post(
        f"/assessments/{assessment.id}/invite",
        data={"name": "张敏", "email": "", "department": "销售部", "role": "经理", "locale": "zh_Hans"},
    )
    assert one.status_code == 200 and len(re.findall(r"/r/[\w-]{40,}", one.get_data(as_text=True))) >= 1
    listing = "姓名,邮箱,部门,岗位\n李娜,li.na@example.com,客服中心,客服\n王强,,市场部,\n"
    many = client.post(f"/assessments/{assessment.id}/invite/bulk", data={"rows": listing})
    links = set(re.findall(r'value="(http://localhost/r/[\w-]+)"', many.get_data(as_text=True)))
    assert len(links) == 2
    assert _count(app, Invitation) == 3
    overview = client.get(f"/assessments/{assessment.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "销售部" in overview and "客服中心" in overview and "李娜" in overview and "Not started" in overview


def test_a_bad_list_creates_nothing_and_names_every_bad_line(
    app, client, login, make_client, make_user, make_assessment
) -> None:
    company = make_client()
    assessment = make_assessment(company)
    login(make_user("consultant", clients=(company,)))
    listing = "李娜,li.na@example.com,客服中心\n,x@example.com,销售部\n王强,not-an-email,市场部\n赵磊,,\n"
    page = client.post(
        f"/assessments/{assessment.id}/invite/bulk", data={"rows": listing}, headers={"Accept-Language": "en"}
    )
    text = page.get_data(as_text=True)
    assert page.status_code == 422
    assert "Line 2: the name is missing." in text and "Line 3: the e-mail address is not valid." in text
    assert "Line 4: the department is missing." in text
    assert _count(app, Invitation) == 0


def test_anonymous_assessments_take_only_anonymous_links(
    app, client, login, make_client, make_user, make_assessment
) -> None:
    company = make_client()
    assessment = make_assessment(company, anonymous=True)
    login(make_user("consultant", clients=(company,)))
    refused = client.post(f"/assessments/{assessment.id}/invite", data={"name": "张敏", "department": "销售部"})
    assert refused.status_code == 422 and _count(app, Invitation) == 0
    assert "create anonymous links per department instead" in refused.get_data(as_text=True)
    made = client.post(
        f"/assessments/{assessment.id}/invite/anonymous", data={"department": "客服中心", "role": "", "count": 5}
    )
    assert made.status_code == 200 and _count(app, Invitation) == 5
    with app.app_context():
        assert all(
            invitation.name is None and invitation.email is None
            for invitation in db.session.scalars(select(Invitation))
        )
    too_many = client.post(
        f"/assessments/{assessment.id}/invite/anonymous",
        data={"department": "客服中心", "count": 501},
        headers={"Accept-Language": "en"},
    )
    assert too_many.status_code == 422 and _count(app, Invitation) == 5
    assert "Enter a number from 1 to 500." in too_many.get_data(as_text=True)


def test_tokens_are_long_random_and_stored_hashed(app, client, login, make_client, make_user, make_assessment) -> None:
    company = make_client()
    assessment = make_assessment(company)
    login(make_user("consultant", clients=(company,)))
    page = client.post(
        f"/assessments/{assessment.id}/invite/anonymous", data={"department": "销售部", "count": 3}
    ).get_data(as_text=True)
    tokens = re.findall(r"/r/([\w-]+)\"", page)
    assert len(set(tokens)) == 3 and all(len(token) >= 43 for token in tokens)  # 32 random bytes
    with app.app_context():
        stored = {invitation.token_hash for invitation in db.session.scalars(select(Invitation))}
    assert not stored & set(tokens)


def test_response_rate_per_department(app, client, login, make_client, make_user, make_assessment, make_links) -> None:
    company = make_client()
    assessment = make_assessment(company)
    links = make_links(assessment, ("甲", "销售部"), ("乙", "销售部"), ("丙", "客服中心"))
    browser = app.test_client()
    browser.get(f"{links[0]}/page/1")
    browser.post(f"{links[0]}/submit")
    browser.get(f"{links[2]}/page/1")
    login(make_user("consultant", clients=(company,)))
    page = client.get(f"/assessments/{assessment.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert re.search(r"销售部</td><td class=\"num\">2</td><td class=\"num\">1</td><td class=\"num\">1</td>", page)
    assert re.search(r"客服中心</td><td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">0</td>", page)


def test_open_close_and_settings(app, client, login, make_client, make_user, make_assessment) -> None:
    company = make_client()
    assessment = make_assessment(company, status="draft")
    login(make_user("consultant", clients=(company,)))
    client.post(f"/assessments/{assessment.id}/status", data={"status": "open"})
    client.post(f"/assessments/{assessment.id}/status", data={"status": "closed"})
    with app.app_context():
        assert db.session.get(Assessment, assessment.id).status.value == "closed"
    bad = client.post(
        f"/assessments/{assessment.id}/settings",
        data={"title": "T", "closes_on": "2030-02-30", "target_data": "3", "target_sales": "3"},
    )
    assert bad.status_code == 200 and 'class="errors"' in bad.get_data(as_text=True)
    good = client.post(
        f"/assessments/{assessment.id}/settings",
        data={"title": "新标题", "closes_on": "2030-01-31", "target_data": "5", "target_sales": "2.5"},
    )
    assert good.status_code == 302
    with app.app_context():
        assert dict(db.session.execute(select(AssessmentTarget.dimension_key, AssessmentTarget.target)).all()) == {
            "data": 5.0,
            "sales": 2.5,
        }


def test_other_clients_assessments_are_404(
    app, client, login, make_client, make_user, make_assessment, make_links
) -> None:
    ours, theirs = make_client("甲公司"), make_client("乙公司")
    foreign = make_assessment(theirs)
    make_links(foreign, ("乙员工", "销售部"))
    with app.app_context():
        invitation_id = db.session.scalar(select(Invitation.id))
    for role in ("consultant", "sponsor"):
        browser = app.test_client()
        user = make_user(role, clients=(ours,)) if role == "consultant" else make_user(role, client=ours)
        login(user, browser=browser)
        for url in (
            f"/assessments/{foreign.id}",
            f"/assessments/{foreign.id}/results",
            f"/assessments/{foreign.id}/export.csv",
            f"/assessments/{foreign.id}/export.xlsx",
        ):
            assert browser.get(url).status_code == 404, (role, url)
        assert browser.post(f"/invitations/{invitation_id}/revoke").status_code in (403, 404)
        assert (
            browser.post(f"/assessments/{foreign.id}/invite", data={"name": "x", "department": "y"}).status_code == 404
        )
        assert "乙公司" not in browser.get("/assessments").get_data(as_text=True)


def test_members_cannot_read_results_and_sponsors_cannot_manage(
    app, client, login, make_client, make_user, make_assessment
) -> None:
    company = make_client()
    assessment = make_assessment(company)
    login(make_user("member", client=company))
    assert client.get(f"/assessments/{assessment.id}/results").status_code == 403
    client.post("/logout")
    login(make_user("sponsor", client=company))
    assert client.get(f"/assessments/{assessment.id}").status_code == 403
    assert client.post(f"/assessments/{assessment.id}/status", data={"status": "closed"}).status_code == 403


def test_opening_after_the_close_date_explains_why(app, client, login, make_client, make_user, make_assessment) -> None:
    company = make_client()
    assessment = make_assessment(company, status="closed")
    with app.app_context():
        record = db.session.get(Assessment, assessment.id)
        with write_transaction():
            record.closes_on = date.today() - timedelta(days=1)
    login(make_user("consultant", clients=(company,)))
    refused = client.post(f"/assessments/{assessment.id}/status", data={"status": "open"})
    assert refused.status_code == 302
    page = client.get(refused.headers["Location"], headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Move the close date to today or later" in page
    with app.app_context():
        assert db.session.get(Assessment, assessment.id).status.value == "closed"
    assert client.post(f"/assessments/{assessment.id}/status", data={"status": "nonsense"}).status_code == 400


def test_the_invitation_service_stores_invitees_cleaned(app, make_client, make_assessment) -> None:
    from assess import services
    from assess.invitees import Invitee
    from core.errors_domain import RuleError

    assessment = make_assessment(make_client())
    with app.app_context():
        record = db.session.get(Assessment, assessment.id)
        services.invite(record, [Invitee(" 张敏 ", " Zhang.Min@Example.com ", " 销售部 ", "")], locale="xx")
        stored = db.session.scalars(select(Invitation)).one()
        assert (stored.name, stored.email, stored.department, stored.locale) == (
            "张敏",
            "zhang.min@example.com",
            "销售部",
            None,
        )
        with pytest.raises(RuleError) as empty:
            services.invite(record, [])
        assert empty.value.field == "rows"
