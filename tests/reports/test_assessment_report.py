"""The assessment report is the results page's read model plus who prepared it, when and in which language."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from flask_babel import force_locale

from assess import services
from assess.models import Assessment, AssessmentStatus
from assess.results import load_results
from assess.views import results_view
from core.clock import local_today
from core.extensions import db
from reports.assessment_report import AssessmentReport, assessment_context


@pytest.fixture
def answered(app, make_client, make_assessment, make_links):
    """An assessment of a client with an English name, answered by two respondents."""
    company = make_client("华东精工机械有限公司", name_en="East China Precision")
    assessment = make_assessment(company)
    browser = app.test_client()
    for link, level in zip(make_links(assessment, ("张敏", "销售部"), ("王强", "客服中心")), ("2", "4")):
        browser.post(f"{link}/answer", json={"kind": "answer", "key": "sales.leads", "choice": level, "revision": 0})
        browser.post(f"{link}/submit")
    return assessment


def _report(app, assessment_id: int, locale: str) -> tuple[AssessmentReport, object]:
    with app.test_request_context(), force_locale(locale):
        record = db.session.get(Assessment, assessment_id)
        return assessment_context(record, "刘建国", locale), results_view(record, load_results(record))


def test_report_is_the_results_view_with_report_facts(app, answered) -> None:
    report, page_view = _report(app, answered.id, "en")
    with app.app_context():
        year = local_today().year
    assert report.results == page_view  # one read model for the page and the report
    assert (report.kind, report.locale, report.prepared_by) == ("assessment", "en", "刘建国")
    assert (report.title, report.client) == ("CRM 成熟度评估", "East China Precision")
    assert report.results.heading.status_label == "Open" and str(year) in report.date
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.date = ""  # type: ignore[misc]


def test_closed_report_is_dated_on_its_close_date(app, answered) -> None:
    with app.app_context():
        closes_on = local_today() - timedelta(days=3)
        record = db.session.get(Assessment, answered.id)
        services.update_settings(record, record.title, closes_on, {}, record.project_id)
        services.set_status(record, AssessmentStatus.CLOSED)
    report, _view = _report(app, answered.id, "zh_Hans")
    assert report.results.heading.is_closed and report.results.heading.status_label == "已结束"
    assert report.date == f"{closes_on.year}年{closes_on.month}月{closes_on.day}日"
    assert report.client == "华东精工机械有限公司"
