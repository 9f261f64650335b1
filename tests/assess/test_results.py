"""Results, charts, exports and comparison agree with a hand computation; page cost stays flat."""

from __future__ import annotations

import csv
import dataclasses
import io

import pytest
from openpyxl import load_workbook

from assess.models import Assessment
from assess.results import load_results
from assess.views import comparable_assessments, comparison_view, results_view
from core.extensions import db
from tests.conftest import page_queries
from tests.read_models import assert_frozen_and_orm_free

# Three respondents, hand-computed (targets: data 4, sales 3; weights: data 2 / sales 1, data.dupes 3):
#   data.code  = (2 + 4 + 3) / 3 = 3.0      data.dupes = (1 + 3) / 2 = 2.0 (R2 said N/A)
#   sales.leads = (4 + 5 + 2) / 3 = 3.667
#   data  = (3.0·1 + 2.0·3) / 4 = 2.25      sales = 3.667
#   overall = (2.25·2 + 3.667·1) / 3 = 2.722 → stage 2
#   gap data = 1.75, priority = 2 · (2.75² − 1) = 13.125; sales is above target (priority 0)
#   respondents' data scores: R1 1.25, R2 4.0, R3 3.0 → range 2.75: they disagree
ANSWERS = [
    ("张敏", "销售部", {"data.code": "2", "data.dupes": "1", "sales.leads": "4"}, "100", ""),
    ("李娜", "销售部", {"data.code": "4", "data.dupes": "na", "sales.leads": "5"}, "10", ""),
    (
        "王强",
        "客服中心",
        {"data.code": "3", "data.dupes": "3", "sales.leads": "2"},
        "20",
        "客户编码混乱，同一客户有三个编码",
    ),
]


@pytest.fixture
def answered(app, make_client, make_assessment, make_links):
    """An assessment with the three respondents above submitted and a fourth still in progress."""
    company = make_client("华东精工机械有限公司")
    assessment = make_assessment(company)
    links = make_links(
        assessment, *[(name, department) for name, department, *_rest in ANSWERS], ("赵磊", "信息技术部")
    )
    browser = app.test_client()
    for link, (_name, _department, levels, expected, comment) in zip(links, ANSWERS):
        for key, choice in levels.items():
            browser.post(
                f"{link}/answer",
                json={
                    "kind": "answer",
                    "key": key,
                    "choice": choice,
                    "revision": 0,
                    "comment": comment if key == "data.code" else "",
                },
            )
        browser.post(
            f"{link}/answer", json={"kind": "expectation", "key": "sales_growth_pct", "value": expected, "revision": 0}
        )
        browser.post(f"{link}/submit")
    browser.post(f"{links[3]}/answer", json={"kind": "answer", "key": "data.code", "choice": "5", "revision": 0})
    return company, assessment


def test_results_page_matches_the_hand_computation(client, login, make_user, answered) -> None:
    company, assessment = answered
    login(make_user("sponsor", client=company))
    page = client.get(f"/assessments/{assessment.id}/results", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert ">2.72<" in page and "Stage2" in page  # overall and stage name
    assert ">2.25<" in page and ">3.67<" in page and ">1.75<" in page and ">13.1<" in page
    assert "Respondents disagree" in page
    assert "客户编码混乱" in page and "王强" in page  # named assessment: comments carry the name
    assert "1 respondent too optimistic" in page and ">20.0%" in page
    assert "<svg" in page and page.count("<svg") >= 3
    assert "data.dupes level 3" in page  # the next level of the weakest data question is recommended


def test_in_progress_responses_are_counted_only_on_request(client, login, make_user, answered) -> None:
    company, assessment = answered
    login(make_user("consultant", clients=(company,)))
    page = client.get(
        f"/assessments/{assessment.id}/results?include=in_progress", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)
    # data.code becomes (2 + 4 + 3 + 5) / 4 = 3.5 → data = (3.5 + 6) / 4 = 2.375
    assert ">2.38<" in page


def test_csv_exports_match(client, login, make_user, answered) -> None:
    company, assessment = answered
    login(make_user("consultant", clients=(company,)))
    scores = client.get(f"/assessments/{assessment.id}/export.csv?table=scores", headers={"Accept-Language": "en"})
    assert scores.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(scores.get_data(as_text=True).lstrip("\ufeff"))))
    by_key = {row[0]: row for row in rows[1:]}
    assert by_key["data"][3] == "2.25" and by_key["data"][5] == "1.75" and by_key["data"][6] == "13.125"
    assert by_key["sales"][3] == "3.667" and by_key["overall"][3] == "2.722" and by_key["data"][10] == "x"
    answers = list(
        csv.reader(
            io.StringIO(
                client.get(f"/assessments/{assessment.id}/export.csv?table=answers")
                .get_data(as_text=True)
                .lstrip("\ufeff")
            )
        )
    )
    assert len(answers) == 1 + 9 + 3  # header, nine answers, three expectations; the unsubmitted response is left out
    assert {row[1] for row in answers[1:]} == {"张敏", "李娜", "王强"}
    assert any(row[6] == "data.dupes" and row[9] == "x" for row in answers)


def test_xlsx_export_matches(client, login, make_user, answered) -> None:
    company, assessment = answered
    login(make_user("consultant", clients=(company,)))
    response = client.get(f"/assessments/{assessment.id}/export.xlsx", headers={"Accept-Language": "zh-CN"})
    workbook = load_workbook(io.BytesIO(response.data))
    assert len(workbook.sheetnames) == 5
    scores = workbook[workbook.sheetnames[0]]
    values = {row[0]: row for row in scores.iter_rows(min_row=2, values_only=True)}
    assert values["data"][3] == 2.25 and values["overall"][3] == pytest.approx(2.722)
    departments = workbook[workbook.sheetnames[2]]
    header = [cell.value for cell in departments[1]]
    assert "销售部" in header and "客服中心" in header and "信息技术部" not in header
    row = next(r for r in departments.iter_rows(min_row=2, values_only=True) if r[0] == "简Customer data")
    assert row[header.index("销售部")] == 1.5  # (3·1 + 1·3) / 4


def test_anonymous_results_hide_names_and_small_groups(
    app, client, login, make_user, make_client, make_assessment, make_links
) -> None:
    company = make_client()
    assessment = make_assessment(company, anonymous=True)
    links = make_links(assessment, *([("", "销售部")] * 3 + [("", "财务部")]))
    browser = app.test_client()
    for number, link in enumerate(links):
        browser.post(
            f"{link}/answer",
            json={
                "kind": "answer",
                "key": "sales.leads",
                "choice": str(2 + number % 3),
                "revision": 0,
                "comment": f"意见{number}",
            },
        )
        browser.post(f"{link}/submit")
    login(make_user("consultant", clients=(company,)))
    page = client.get(f"/assessments/{assessment.id}/results", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "销售部" in page and "fewer than 3 respondents" in page
    heatmap_part = page.split("By department", 1)[1].split("Expectations", 1)[0]
    assert "财务部" not in heatmap_part
    answers = client.get(f"/assessments/{assessment.id}/export.csv?table=answers").get_data(as_text=True)
    assert all(row.split(",")[1] == "" for row in answers.strip().splitlines()[1:])


def test_zero_responses_render(client, login, make_user, make_client, make_assessment) -> None:
    company = make_client()
    assessment = make_assessment(company)
    login(make_user("consultant", clients=(company,)))
    page = client.get(f"/assessments/{assessment.id}/results", headers={"Accept-Language": "zh-CN"})
    assert page.status_code == 200 and 'lang="zh-Hans"' in page.get_data(as_text=True)


def test_compare_two_assessments(app, client, login, make_user, make_client, make_assessment, make_links) -> None:
    company = make_client()
    first, second = make_assessment(company, title="第一次"), make_assessment(company, title="第二次")
    browser = app.test_client()
    for assessment, level in ((first, "2"), (second, "4")):
        link = make_links(assessment, ("张敏", "销售部"))[0]
        browser.post(f"{link}/answer", json={"kind": "answer", "key": "sales.leads", "choice": level, "revision": 0})
        browser.post(f"{link}/submit")
    login(make_user("consultant", clients=(company,)))
    page = client.get(f"/assessments/{second.id}/compare?with={first.id}", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )
    assert "+2.00" in page and "第一次" in page
    other = make_client()
    foreign = make_assessment(other)
    assert client.get(f"/assessments/{second.id}/compare?with={foreign.id}").status_code == 404


def test_results_page_query_count_does_not_grow_with_respondents(
    app, client, login, make_user, make_client, make_assessment, make_links
) -> None:
    company = make_client()
    assessment = make_assessment(company)
    login(make_user("consultant", clients=(company,)))
    browser = app.test_client()

    def add_respondents(count: int, start: int) -> None:
        for link in make_links(assessment, *[(f"人{start + n}", f"部门{(start + n) % 4}") for n in range(count)]):
            browser.post(
                f"{link}/answer",
                json={"kind": "answer", "key": "data.code", "choice": "3", "revision": 0, "comment": "好"},
            )
            browser.post(f"{link}/submit")

    add_respondents(2, 0)
    few = page_queries(app, client, f"/assessments/{assessment.id}/results")
    add_respondents(30, 2)
    assert page_queries(app, client, f"/assessments/{assessment.id}/results") == few


def test_results_show_each_question(client, login, make_user, answered) -> None:
    company, assessment = answered
    login(make_user("consultant", clients=(company,)))
    page = client.get(f"/assessments/{assessment.id}/results", headers={"Accept-Language": "en"}).get_data(as_text=True)
    section = page.split("Scores by question", 1)[1].split("Priorities and recommendations", 1)[0]
    assert "Question data.dupes?" in section and ">2.00<" in section and ">3.67<" in section


def test_results_and_comparison_views_are_frozen_and_orm_free(app, make_assessment, answered) -> None:
    company, assessment = answered
    later = make_assessment(company, title="第二次")
    with app.test_request_context(headers={"Accept-Language": "en"}):
        record = db.session.get(Assessment, assessment.id)
        view = results_view(record, load_results(record))
        others = comparable_assessments(record)
        compared = comparison_view(db.session.get(Assessment, later.id), record)
    for model in (view, others, compared):
        assert_frozen_and_orm_free(model)
    heading = view.heading
    assert (heading.id, heading.title, heading.client_name) == (assessment.id, "CRM 成熟度评估", "华东精工机械有限公司")
    assert heading.status_label == "Open" and not heading.is_closed and not heading.anonymous
    assert [dimension.name for dimension in view.disagreeing] == ["Customer data", "Sales"]
    assert [other.title for other in others] == ["第二次"]
    assert (compared.before.title, compared.after.title, compared.assessment.title) == (
        "CRM 成熟度评估",
        "第二次",
        "第二次",
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.overall = 0  # type: ignore[misc]
