"""Respondents answer through their link: autosave, resume, review, submit, and nothing lost or duplicated."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from assess import answer_services
from assess.models import Answer, ExpectationAnswer, Response
from core.extensions import db
from tests.conftest import run_concurrently


@pytest.fixture
def link(make_client, make_assessment, make_links):
    company = make_client("华东精工机械有限公司")
    assessment = make_assessment(company)
    return make_links(assessment, ("张敏", "销售部", "销售经理"))[0]


def _answers(app) -> dict[str, tuple]:
    with app.app_context():
        return {
            row.question_key: (row.level, row.not_applicable, row.comment, row.revision)
            for row in db.session.scalars(select(Answer))
        }


def _save(client, link, key, choice, revision, comment=""):
    return client.post(
        f"{link}/answer",
        json={"kind": "answer", "key": key, "choice": choice, "revision": revision, "comment": comment},
    )


def test_link_opens_in_the_browser_language_and_can_switch(client, link) -> None:
    page = client.get(link, headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert 'lang="zh-Hans"' in page and "简Mini maturity" in page and "张敏" in page
    client.get(f"{link}/page/1")
    client.post(f"{link}/language", data={"locale": "zh_Hant", "next": f"{link}/page/1"})
    other_device = client.application.test_client()
    assert "繁Customer data" in other_device.get(f"{link}/page/1", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )


def test_autosave_and_resume(app, client, link) -> None:
    assert "Start" in client.get(link, headers={"Accept-Language": "en"}).get_data(as_text=True)
    client.get(f"{link}/page/1")
    saved = _save(client, link, "data.code", "3", 0)
    assert saved.status_code == 200 and saved.get_json()["revision"] == 1 and saved.get_json()["answered"] == 1
    _save(client, link, "data.dupes", "na", 0, comment="我们没有查重报表")
    client.get(f"{link}/page/2")
    # Leaving and coming back through the same link resumes on page 2 with the answers kept.
    again = app.test_client().get(link, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Continue where I left off" in again and f"{link}/page/2" in again
    page1 = app.test_client().get(f"{link}/page/1").get_data(as_text=True)
    assert 'value="3" checked' in page1 and 'value="na" checked' in page1 and "我们没有查重报表" in page1
    assert _answers(app) == {"data.code": (3, False, "", 1), "data.dupes": (None, True, "我们没有查重报表", 1)}


def test_double_click_changes_nothing(app, client, link) -> None:
    first = _save(client, link, "data.code", "4", 0).get_json()
    second = _save(client, link, "data.code", "4", 0).get_json()
    assert first["revision"] == second["revision"] == 1 and not second["conflict"]
    with app.app_context():
        assert db.session.scalar(select(func.count(Answer.id))) == 1
        assert db.session.scalar(select(func.count(Response.id))) == 1


def test_a_stale_tab_never_overwrites_a_newer_answer(app, client, link) -> None:
    _save(client, link, "data.code", "2", 0)  # tab A, revision 1
    _save(client, link, "data.code", "4", 1)  # tab A again, revision 2
    stale = _save(client, link, "data.code", "1", 1).get_json()  # tab B loaded at revision 1
    assert stale["conflict"] and stale["choice"] == 4 and stale["revision"] == 2
    assert _answers(app)["data.code"][:1] == (4,)
    # The stale tab now knows the newer revision and may change the answer deliberately.
    assert _save(client, link, "data.code", "1", 2).get_json()["choice"] == 1


def test_page_without_javascript_saves_on_next_and_keeps_newer_answers(app, client, link) -> None:
    response = client.post(
        f"{link}/page/1",
        data={
            "q_data.code": "2",
            "r_data.code": "0",
            "q_data.dupes": "5",
            "r_data.dupes": "0",
            "c_data.dupes": "查重每月一次",
            "go": "next",
        },
    )
    assert response.status_code == 302 and response.headers["Location"].endswith(f"{link}/page/2")
    _save(client, link, "data.code", "3", 1)  # another tab moves it on
    back = client.post(f"{link}/page/1", data={"q_data.code": "2", "r_data.code": "1", "go": "next"})
    assert back.headers["Location"].endswith(f"{link}/page/1")  # shown again with the conflict explained
    page = client.get(f"{link}/page/1", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "changed in another window" in page and 'value="3" checked' in page
    assert _answers(app)["data.code"][0] == 3 and _answers(app)["data.dupes"][:3] == (5, False, "查重每月一次")


def test_bad_input_is_refused_with_a_message(app, client, link) -> None:
    bad_level = _save(client, link, "data.code", "7", 0)
    assert bad_level.status_code == 422 and bad_level.get_json()["message"]
    unknown = _save(client, link, "nope.question", "3", 0)
    assert unknown.status_code == 422
    not_json = client.post(f"{link}/answer", data="level=3", headers={"Content-Type": "text/plain"})
    assert not_json.status_code == 400
    out_of_range = client.post(
        f"{link}/answer",
        json={"kind": "expectation", "key": "sales_growth_pct", "value": "9999", "revision": 0},
        headers={"Accept-Language": "zh-CN"},
    )
    assert out_of_range.status_code == 422 and "0" in out_of_range.get_json()["message"]
    posted = client.post(f"{link}/page/3", data={"e_sales_growth_pct": "abc", "r_sales_growth_pct": "0"})
    assert posted.headers["Location"].endswith(f"{link}/page/3")
    assert "Enter a number." in client.get(f"{link}/page/3", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert _answers(app) == {}


def test_expectations_are_saved(app, client, link) -> None:
    result = client.post(
        f"{link}/answer", json={"kind": "expectation", "key": "sales_growth_pct", "value": "100%", "revision": 0}
    )
    assert result.get_json()["value"] == 100.0
    with app.app_context():
        assert db.session.scalar(select(ExpectationAnswer.value)) == 100.0


def test_review_marks_unanswered_and_submit_locks(app, client, link) -> None:
    _save(client, link, "data.code", "3", 0)
    review = client.get(f"{link}/review", headers={"Accept-Language": "en"}).get_data(as_text=True)
    unanswered = review.split('class="review-item unanswered"')[1:]
    assert len(unanswered) == 3  # data.dupes, sales.leads and the expected sales growth
    assert "Question data.dupes?" in unanswered[0] and "Question sales.leads?" in unanswered[1]
    assert client.post(f"{link}/submit").status_code == 302
    assert client.post(f"{link}/submit").status_code == 302  # a double click changes nothing
    thanks = client.get(link, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Thank you" in thanks
    locked = _save(client, link, "data.code", "5", 1)
    assert locked.status_code == 409 and locked.get_json()["state"] == "submitted"
    assert client.get(f"{link}/page/1").status_code == 302
    assert _answers(app)["data.code"][0] == 3


def test_two_tabs_at_once_make_one_response(app, link) -> None:
    """Eight simultaneous first visits and saves through the same link create one response and one answer row."""

    def visit(number: int) -> None:
        browser = app.test_client()
        browser.get(f"{link}/page/1")
        _save(browser, link, "sales.leads", str(1 + number % 5), None)

    errors = run_concurrently(visit, 8)
    assert errors == []
    with app.app_context():
        assert db.session.scalar(select(func.count(Response.id))) == 1
        assert db.session.scalar(select(func.count(Answer.id))) == 1


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("revoke", "withdrawn"),
        ("close", "closed"),
        ("draft", "not opened yet"),
        ("past", "closed"),
    ],
)
def test_links_that_no_longer_work_explain_why(
    app, client, make_client, make_assessment, make_links, setup, message
) -> None:
    from datetime import date, timedelta

    from assess import services
    from assess.models import Assessment, AssessmentStatus, Invitation
    from core.db import write_transaction

    assessment = make_assessment(make_client(), status="draft" if setup == "draft" else "open")
    path = make_links(assessment, ("李娜", "客服中心"))[0]
    with app.app_context():
        record = db.session.get(Assessment, assessment.id)
        if setup == "revoke":
            services.revoke(db.session.scalars(select(Invitation)).one())
        elif setup == "close":
            services.set_status(record, AssessmentStatus.CLOSED)
        elif setup == "past":
            with write_transaction():
                record.closes_on = date.today() - timedelta(days=2)
    page = client.get(path, headers={"Accept-Language": "en"})
    assert page.status_code == 410 and message in page.get_data(as_text=True)
    translated = client.get(path, headers={"Accept-Language": "zh-TW"})
    assert 'lang="zh-Hant"' in translated.get_data(as_text=True)
    assert _save(client, path, "data.code", "3", 0).status_code == 409
    assert _answers(app) == {}


def test_unknown_token_is_404(client) -> None:
    assert client.get("/r/not-a-real-token").status_code == 404
    assert client.post("/r/not-a-real-token/answer", json={}).status_code == 404


def test_reissued_link_keeps_the_answers(app, client, link) -> None:
    from assess import services
    from assess.models import Invitation

    _save(client, link, "data.code", "2", 0)
    with app.app_context():
        new = services.reissue(db.session.scalars(select(Invitation)).one())
        new_path = f"/r/{new.token}"
    assert client.get(link).status_code == 404
    assert 'value="2" checked' in client.get(f"{new_path}/page/1").get_data(as_text=True)


def test_answer_services_check_the_link_themselves(app, client, link) -> None:
    """A save or submit that slips past the page's check (a stale page, another caller) is still refused."""
    from assess import services
    from assess.links import LinkState
    from assess.models import Assessment, AssessmentStatus, Invitation

    client.get(f"{link}/page/1")
    with app.app_context():
        response = db.session.scalars(select(Response)).one()
        services.set_status(db.session.scalars(select(Assessment)).one(), AssessmentStatus.CLOSED)
        with pytest.raises(answer_services.ResponseLocked) as closed:
            answer_services.save_answer(response, "data.code", 3, False, "", None)
        assert closed.value.state is LinkState.CLOSED
        services.set_status(db.session.scalars(select(Assessment)).one(), AssessmentStatus.OPEN)
        services.revoke(db.session.scalars(select(Invitation)).one())
        with pytest.raises(answer_services.ResponseLocked) as revoked:
            answer_services.submit(response)
        assert revoked.value.state is LinkState.REVOKED
        assert db.session.get(Response, response.id).submitted_at is None
    assert _answers(app) == {}


def test_what_a_page_sends_on_leaving_lands_after_the_save_on_its_way(app, client, link) -> None:
    """The rules the page relies on when it is left mid-save: one revision ahead is applied, a resend is a no-op."""
    on_its_way = _save(client, link, "data.code", "2", 0, comment="客户编码")
    assert on_its_way.get_json()["revision"] == 1
    on_leaving = _save(client, link, "data.code", "2", 1, comment="客户编码混乱")  # sent one revision ahead
    assert on_leaving.get_json()["conflict"] is False and on_leaving.get_json()["revision"] == 2
    # The reloaded page rendered revision 1 and puts the kept text back: equal content is no conflict, no change.
    restored = _save(client, link, "data.code", "2", 1, comment="客户编码混乱")
    assert restored.get_json()["conflict"] is False and restored.get_json()["revision"] == 2
    assert _answers(app)["data.code"] == (2, False, "客户编码混乱", 2)
