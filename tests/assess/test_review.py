"""The review page shows every answer in words, page by page, and asks before submitting with questions open."""

from __future__ import annotations

import html
import re

import pytest


@pytest.fixture
def link(make_client, make_assessment, make_links):
    assessment = make_assessment(make_client("华东精工机械有限公司"))
    return make_links(assessment, ("张敏", "销售部", "销售经理"))[0]


def _save(client, link, key, choice, comment=""):
    response = client.post(
        f"{link}/answer", json={"kind": "answer", "key": key, "choice": choice, "revision": 0, "comment": comment}
    )
    assert response.status_code == 200


def _review(client, link, language: str) -> str:
    response = client.get(f"{link}/review", headers={"Accept-Language": language})
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def _submit_button(page: str) -> str:
    """Return the attributes of the button that submits the answers."""
    form = page.split('/submit">', 1)[1]
    return form.split("<button", 1)[1].split(">", 1)[0]


def _items(page: str) -> dict[str, str]:
    """Return each reviewed item's HTML by its question or expectation key."""
    return dict(re.findall(r'<li class="review-item[^"]*" id="review-([\w.]+)">(.*?)</li>', page, re.DOTALL))


def test_the_review_lists_each_answer_with_its_words_comment_and_a_link_to_change_it(client, link) -> None:
    _save(client, link, "data.code", "3", comment="客户编码混乱，同一客户有三个编码")
    _save(client, link, "data.dupes", "na")
    client.post(f"{link}/answer", json={"kind": "expectation", "key": "sales_growth_pct", "value": "15", "revision": 0})
    page = _review(client, link, "en")
    items = _items(page)
    assert list(items) == ["data.code", "data.dupes", "sales.leads", "sales_growth_pct"]
    code = items["data.code"]
    assert "Question data.code?" in code and "3 · Stage3" in code and "data.code level 3" in code
    assert "客户编码混乱，同一客户有三个编码" in code
    assert f'href="{link}/page/1#q-data.code"' in code
    assert "Not applicable / don't know" in items["data.dupes"]
    assert "Not answered" in items["sales.leads"] and f'href="{link}/page/2#q-sales.leads"' in items["sales.leads"]
    assert (
        "15%" in items["sales_growth_pct"] and f'href="{link}/page/3#e_sales_growth_pct"' in items["sales_growth_pct"]
    )
    # grouped by page, in the questionnaire's order, each page under its dimension's name
    assert page.index("Customer data</h2>") < page.index("Question data.code?") < page.index("Sales</h2>")
    assert "1 question is still unanswered." in page


def test_every_change_link_leads_to_its_question(client, link) -> None:
    page = _review(client, link, "en")
    for target, anchor in re.findall(r'class="review-change" href="(/r/[^"#]+)#([^"]+)"', page):
        assert f'id="{anchor}"' in client.get(target).get_data(as_text=True), anchor


def test_submitting_with_questions_open_asks_with_their_count(client, link) -> None:
    _save(client, link, "data.code", "2")
    button = _submit_button(_review(client, link, "en"))
    assert 'data-confirm="3 questions are still unanswered. Submit your answers anyway?' in button
    assert 'data-confirm-yes="Submit anyway"' in button and 'data-confirm-no="Keep answering"' in button
    chinese = _submit_button(_review(client, link, "zh-CN"))
    assert 'data-confirm="还有 3 个问题未回答。' in chinese
    _save(client, link, "data.dupes", "4")
    _save(client, link, "sales.leads", "na")
    one = _submit_button(_review(client, link, "en"))
    assert 'data-confirm="1 question is still unanswered.' in one


def test_a_complete_response_submits_without_asking(client, link) -> None:
    for key in ("data.code", "data.dupes", "sales.leads"):
        _save(client, link, key, "3")
    client.post(f"{link}/answer", json={"kind": "expectation", "key": "sales_growth_pct", "value": "10", "revision": 0})
    page = _review(client, link, "en")
    assert "Every question is answered. Thank you!" in page and "data-confirm" not in page
    assert client.post(f"{link}/submit").status_code == 302
    assert "Thank you" in client.get(link, headers={"Accept-Language": "en"}).get_data(as_text=True)
