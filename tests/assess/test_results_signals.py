"""Signals on the results page and in the assessment report: a low response rate, and disagreement counted once."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

# Three of ten invited respondents submit (30 %). Sales (one question): 1, 3 and 4 → respondents disagree.
# Customer data: data.code 1, 3, 3 is split (2 levels apart), but the respondents' data scores
# (1·1 + 3·3) / 4 = 2.5, 3.0 and 3.0 agree: one dimension split only on a single question.
LEVELS = [
    {"data.code": "1", "data.dupes": "3", "sales.leads": "1"},
    {"data.code": "3", "data.dupes": "3", "sales.leads": "3"},
    {"data.code": "3", "data.dupes": "3", "sales.leads": "4"},
]


@pytest.fixture
def thinly_answered(app, make_client, make_user, make_assessment, make_links):
    """An assessment with 10 invited respondents, of whom 3 submitted; and a sponsor of its client."""
    company = make_client("华东精工机械有限公司")
    assessment = make_assessment(company)
    links = make_links(assessment, *[(f"人{number}", "销售部") for number in range(10)])
    browser = app.test_client()
    for link, levels in zip(links, LEVELS):
        for key, choice in levels.items():
            browser.post(f"{link}/answer", json={"kind": "answer", "key": key, "choice": choice, "revision": 0})
        browser.post(f"{link}/submit")
    return assessment, make_user("sponsor", client=company)


def _page(client, login, thinly_answered, path: str, language: str = "en") -> str:
    assessment, sponsor = thinly_answered
    login(sponsor)
    response = client.get(f"/assessments/{assessment.id}/{path}", headers={"Accept-Language": language})
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def test_the_results_page_warns_of_a_low_response_rate_near_the_scores(client, login, thinly_answered) -> None:
    page = _page(client, login, thinly_answered, "results")
    warning = page.split('class="notice response-warning"', 1)[1].split("</div>", 1)[0]
    assert "Too few responses to rely on." in warning and "Only 3 of 10 invited submitted (30%, under 50%)" in warning
    assert page.index("response-warning") < page.index("kpi-label") < page.index("Scores by dimension")


def test_the_results_page_in_chinese_warns_too(client, login, thinly_answered) -> None:
    page = _page(client, login, thinly_answered, "results", "zh-CN")
    assert "回复太少，结果仅供参考。" in page and "受邀的 10 人中只有 3 人提交" in page


def test_enough_responses_carry_no_warning(app, client, login, thinly_answered) -> None:
    from assess.models import Invitation
    from assess.services import revoke
    from core.extensions import db

    with app.app_context():  # withdraw the four unanswered links: 3 of 6 is half
        for invitation in db.session.query(Invitation).order_by(Invitation.id).all()[6:]:
            revoke(invitation)
    page = _page(client, login, thinly_answered, "results")
    assert "response-warning" not in page and "3 of 6 invited submitted" in page


def _dimension_section(page: str) -> str:
    return page.split("Scores by dimension", 1)[1].split("Scores by question", 1)[0]


def test_the_disagreement_headline_counts_the_rows_it_sits_above(client, login, thinly_answered) -> None:
    page = _page(client, login, thinly_answered, "results")
    headline = re.search(
        r'<span class="kpi-label">Disagreement</span><span class="kpi-value">(\d+)</span><span class="kpi-note">([^<]*)',
        page,
    )
    assert headline is not None
    rows = _dimension_section(page)
    assert int(headline.group(1)) == rows.count("Respondents disagree") == 1
    assert "1 other dimension has split questions" in headline.group(2)
    assert rows.count("1 question split") == 1


def test_the_report_headline_counts_the_rows_of_its_disagreement_chapter(client, login, thinly_answered) -> None:
    report = _page(client, login, thinly_answered, "report.html?lang=en")
    summary = re.search(r"Respondents disagree on (\d+) dimensions?: <strong>([^<]*)</strong>", report)
    assert summary is not None
    chapter = report.split('id="disagreement"', 1)[1].split("</section>", 1)[0]
    table = report.split('id="dimensions"', 1)[1].split("</section>", 1)[0]
    assert int(summary.group(1)) == chapter.count('<div class="disagreement">') == table.count('class="flag"') == 1
    assert summary.group(2) == "Sales" and "In 1 other dimension they are split on single questions." in report


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing: `make test` installs it")
def test_the_pdf_report_warns_of_a_low_response_rate(client, login, thinly_answered, tmp_path: Path) -> None:
    assessment, sponsor = thinly_answered
    login(sponsor)
    texts = {}
    for lang in ("en", "zh_Hans"):
        response = client.get(f"/assessments/{assessment.id}/report.pdf?lang={lang}")
        assert response.status_code == 200
        (tmp_path / f"{lang}.pdf").write_bytes(response.data)
        texts[lang] = subprocess.run(
            ["pdftotext", str(tmp_path / f"{lang}.pdf"), "-"], check=True, capture_output=True, text=True
        ).stdout
    english = " ".join(texts["en"].split())
    assert "Too few responses to rely on." in english and "Only 3 of 10 invited submitted (30%, under 50%)" in english
    assert english.index("Too few responses") < english.index("Overall maturity") < english.index("Key findings")
    assert "回复太少，结果仅供参考。" in "".join(texts["zh_Hans"].split())
