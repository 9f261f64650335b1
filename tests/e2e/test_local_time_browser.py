"""A real browser: a Taiwan client set to Asia/Taipei sees one UTC instant at Taipei time, in Traditional Chinese.

The site's own zone is Europe/London here, so a page that ignored the client's zone would show 1 December, 16:50.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import update

from core.extensions import db
from tests.e2e.conftest import click, screenshot, sign_in

pytestmark = pytest.mark.e2e

INSTANT = datetime(2026, 12, 1, 16, 50)  # stored naive UTC: 00:50 on 2 December in Taipei
TAIPEI_DAY, TAIPEI_MOMENT = "2026年12月2日", "2026年12月2日 凌晨12:50"


@pytest.fixture
def app(make_app):
    """The site in Europe/London, far from its Taiwan client's zone."""
    return make_app(TIMEZONE="Europe/London")


def test_a_taiwan_client_sees_taipei_time_everywhere(
    app, live_server, desktop, phone, make_client, make_user, make_project, make_assessment, make_links
) -> None:
    from phases.audit import AuditEntry
    from phases.projects import services as project_services
    from phases.projects.enums import Rag
    from phases.projects.models import Project

    company = make_client("永豐國際物流股份有限公司")
    consultant = make_user("consultant", clients=(company,), name="王立新")
    sponsor = make_user("sponsor", client=company, name="陳美玲", locale="zh_Hant")
    project = make_project(company, name="CRM 導入")
    assessment = make_assessment(company, title="CRM 成熟度評估")
    (link,) = make_links(assessment, ("林志明", "業務部"))

    # The consultant gives the client its zone on the client's form.
    sign_in(desktop, live_server, consultant.email)
    desktop.goto(f"{live_server}/clients/{company.id}/edit")
    assert "Site default (Europe/London" in desktop.locator("select[name=time_zone]").inner_text()
    desktop.select_option("select[name=time_zone]", "Asia/Taipei")
    screenshot(desktop, "local-time-client-form-en")
    click(desktop, "main button[type=submit]")
    assert "Time zone Asia/Taipei" in desktop.locator("main").inner_text()
    screenshot(desktop, "local-time-client-page-en")

    with app.app_context():
        record = db.session.get(Project, project.id)
        project_services.add_status_update(record, None, Rag.AMBER, "資料清洗進度落後一週。", "", created_at=INSTANT)
        db.session.execute(update(AuditEntry).where(AuditEntry.project_id == project.id).values(at=INSTANT))
        db.session.commit()

    # The sponsor reads the project page and its audit trail in Traditional Chinese.
    sign_in(phone, live_server, sponsor.email)
    phone.goto(f"{live_server}/projects/{project.id}")
    assert TAIPEI_DAY in phone.locator("main").inner_text()
    screenshot(phone, "local-time-project-zh_Hant")
    phone.goto(f"{live_server}/projects/{project.id}/audit")
    trail = phone.locator("main table").inner_text()
    assert TAIPEI_MOMENT in trail and "2026年12月1日" not in trail
    screenshot(phone, "local-time-audit-zh_Hant")

    _respondent_is_told_in_taipei_time(app, live_server, phone, link, assessment.id)


def _respondent_is_told_in_taipei_time(app, live_server, phone, link: str, assessment_id: int) -> None:
    """A respondent who has answered everything switches to Traditional Chinese, submits, and is told when."""
    from assess.models import Response

    answering = app.test_client()
    for key in ("data.code", "data.dupes", "sales.leads"):
        answering.post(f"{link}/answer", json={"kind": "answer", "key": key, "choice": "3", "revision": 0})
    answering.post(
        f"{link}/answer", json={"kind": "expectation", "key": "sales_growth_pct", "value": 10, "revision": 0}
    )
    phone.context.clear_cookies()
    phone.goto(f"{live_server}{link}")
    with phone.expect_navigation():
        phone.select_option("#locale-select", "zh_Hant")  # the switcher submits itself
    phone.goto(f"{live_server}{link}/review")
    click(phone, "form[action$='/submit'] button[type=submit]")
    with app.app_context():
        db.session.execute(update(Response).where(Response.assessment_id == assessment_id).values(submitted_at=INSTANT))
        db.session.commit()
    phone.goto(f"{live_server}{link}")
    assert TAIPEI_MOMENT in phone.locator("main").inner_text().replace("\u202f", " ")
    screenshot(phone, "local-time-respondent-submitted-zh_Hant")
