"""One UTC instant, two clients: a Taiwan client in Asia/Taipei and one on the site's zone see it at their local time.

The site's zone is Europe/London here (UTC+0 in December), so the two clients' dates differ: 16:50 UTC on 1 December
is 00:50 on 2 December in Taipei. Pages, CSV and XLSX exports and PDF reports must all say so.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from types import SimpleNamespace
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import update

from core.extensions import db

INSTANT = datetime(2026, 12, 1, 16, 50)  # stored naive UTC
TAIPEI, SITE = "taipei", "site"
# What each reader sees of INSTANT: (date, date-time) per language and client.
SEEN = {
    (TAIPEI, "en"): ("Dec 2, 2026", "Dec 2, 2026, 12:50 AM"),
    (TAIPEI, "zh_Hans"): ("2026年12月2日", "2026年12月2日 00:50"),
    (TAIPEI, "zh_Hant"): ("2026年12月2日", "2026年12月2日 凌晨12:50"),
    (SITE, "en"): ("Dec 1, 2026", "Dec 1, 2026, 4:50 PM"),
    (SITE, "zh_Hans"): ("2026年12月1日", "2026年12月1日 16:50"),
    (SITE, "zh_Hant"): ("2026年12月1日", "2026年12月1日 下午4:50"),
}
ACCEPT = {"en": "en", "zh_Hans": "zh-CN", "zh_Hant": "zh-TW"}
CASES = sorted(SEEN)


def plain(text: str) -> str:
    """Return text with the narrow and no-break spaces of locale formats as plain spaces."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


@pytest.fixture
def app(make_app):
    """The site with Europe/London as its zone, so that the site's clients and Taipei's see different dates."""
    return make_app(TIMEZONE="Europe/London")


def _engagement(app, make_client, make_user, make_project, make_assessment, make_links, name: str) -> Any:
    """A client with a project (a status update and its audit trail at INSTANT) and a response submitted at INSTANT."""
    from accounts.models import Client
    from assess.models import Response
    from phases.audit import AuditEntry
    from phases.projects import services as project_services
    from phases.projects.enums import Rag
    from phases.projects.models import Project

    company = make_client(name)
    project = make_project(company)
    assessment = make_assessment(company)
    (link,) = make_links(assessment, ("林志明", "業務部"))
    browser = app.test_client()
    for key in ("data.code", "data.dupes", "sales.leads"):
        browser.post(f"{link}/answer", json={"kind": "answer", "key": key, "choice": "3", "revision": 0})
    assert browser.post(f"{link}/submit").status_code in (200, 302)
    with app.app_context():
        record = db.session.get(Project, project.id)
        project_services.add_status_update(record, None, Rag.GREEN, "進度正常", "", created_at=INSTANT)
        db.session.execute(update(AuditEntry).where(AuditEntry.project_id == project.id).values(at=INSTANT))
        db.session.execute(update(Response).where(Response.assessment_id == assessment.id).values(submitted_at=INSTANT))
        db.session.commit()
        client_id = db.session.get(Client, company.id).id
    consultant = make_user("consultant", clients=(company,))
    sponsor = make_user("sponsor", client=company)
    return SimpleNamespace(
        client_id=client_id, project=project, assessment=assessment, link=link, consultant=consultant, sponsor=sponsor
    )


@pytest.fixture
def world(app, make_client, make_user, make_project, make_assessment, make_links) -> dict[str, Any]:
    """The Taiwan client in Asia/Taipei and a client on the site's zone, each with the same records at INSTANT."""
    from accounts import services
    from accounts.models import Client

    made = {
        TAIPEI: _engagement(app, make_client, make_user, make_project, make_assessment, make_links, "永豐國際物流"),
        SITE: _engagement(app, make_client, make_user, make_project, make_assessment, make_links, "华东精工机械"),
    }
    with app.app_context():
        company = db.session.get(Client, made[TAIPEI].client_id)
        services.update_client(company, company.name, None, None, "Asia/Taipei")
    return made


def _page(client, login, user, url: str, locale: str) -> str:
    client.post("/logout")
    login(user)
    response = client.get(url, headers={"Accept-Language": ACCEPT[locale]})
    assert response.status_code == 200, url
    return plain(response.get_data(as_text=True))


@pytest.mark.parametrize(("zone", "locale"), CASES)
def test_the_audit_trail_and_the_project_page_show_the_clients_local_time(client, login, world, zone, locale) -> None:
    engagement = world[zone]
    seen_day, seen_moment = SEEN[zone, locale]
    audit = _page(client, login, engagement.consultant, f"/projects/{engagement.project.id}/audit", locale)
    assert seen_moment in audit
    project = _page(client, login, engagement.consultant, f"/projects/{engagement.project.id}", locale)
    update_header = project[project.index("進度正常") - 400 : project.index("進度正常")]  # "RAG · date · author"
    assert seen_day in update_header


@pytest.mark.parametrize(("zone", "locale"), CASES)
def test_the_respondent_sees_when_they_submitted_in_their_clients_zone(app, world, zone, locale) -> None:
    from assess.models import Response

    engagement = world[zone]
    with app.app_context():
        db.session.execute(
            update(Response).where(Response.assessment_id == engagement.assessment.id).values(locale=locale)
        )
        db.session.commit()
    page = plain(app.test_client().get(engagement.link).get_data(as_text=True))
    assert SEEN[zone, locale][1] in page


@pytest.mark.parametrize("zone", [TAIPEI, SITE])
def test_a_clients_own_people_see_its_zone_on_the_dashboard(client, login, world, zone) -> None:
    page = _page(client, login, world[zone].sponsor, "/", "en")
    assert f"({SEEN[zone, 'en'][0]})" in page  # the date of the project's latest status update


def test_an_admin_sees_a_clients_zone_on_its_records_and_the_sites_across_clients(
    client, login, make_user, world
) -> None:
    admin = make_user("admin")
    page = _page(client, login, admin, f"/projects/{world[TAIPEI].project.id}/audit", "en")
    assert SEEN[TAIPEI, "en"][1] in page
    dashboard = _page(client, login, admin, "/", "en")  # both clients' projects: the site's zone for all
    assert f"({SEEN[SITE, 'en'][0]})" in dashboard and f"({SEEN[TAIPEI, 'en'][0]})" not in dashboard


@pytest.mark.parametrize(("zone", "stamp"), [(TAIPEI, "2026-12-02 00:50"), (SITE, "2026-12-01 16:50")])
def test_the_answers_csv_writes_local_times_and_names_the_zone(client, login, world, zone, stamp) -> None:
    engagement = world[zone]
    text = _page(
        client, login, engagement.consultant, f"/assessments/{engagement.assessment.id}/export.csv?table=answers", "en"
    )
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    zone_name = "Asia/Taipei" if zone == TAIPEI else "Europe/London"
    assert rows[0][4] == f"Submitted ({zone_name})"
    assert {row[4] for row in rows[1:]} == {stamp}


@pytest.mark.parametrize(("zone", "local"), [(TAIPEI, datetime(2026, 12, 2, 0, 50)), (SITE, INSTANT)])
def test_the_xlsx_holds_real_local_date_times(client, login, world, zone, local) -> None:
    engagement = world[zone]
    client.post("/logout")
    login(engagement.consultant)
    response = client.get(f"/assessments/{engagement.assessment.id}/export.xlsx", headers={"Accept-Language": "zh-TW"})
    workbook = load_workbook(io.BytesIO(response.data))
    answers = workbook[workbook.sheetnames[-1]]
    assert answers.cell(row=1, column=5).value.endswith("Asia/Taipei）" if zone == TAIPEI else "Europe/London）")
    for row in range(2, answers.max_row + 1):
        cell = answers.cell(row=row, column=5)
        assert cell.is_date and cell.data_type == "d"  # a number with a date format in the file, not text
        assert cell.value == local
        assert cell.number_format == "yyyy-mm-dd hh:mm"


@pytest.mark.parametrize(("zone", "locale"), CASES)
def test_the_status_report_pdf_prints_the_clients_local_date(app, client, login, world, tmp_path, zone, locale) -> None:
    from tests.reports.test_pdf import pdf_text

    engagement = world[zone]
    client.post("/logout")
    login(engagement.consultant)
    response = client.get(f"/projects/{engagement.project.id}/report.pdf?lang={locale}")
    assert response.status_code == 200
    text = plain(pdf_text(response.data, tmp_path)).replace(" ", "")
    other = TAIPEI if zone == SITE else SITE
    # The latest status update's byline: "— author · date" (the report's own date is today's, so not compared).
    assert "·" + SEEN[zone, locale][0].replace(" ", "") in text
    assert "·" + SEEN[other, locale][0].replace(" ", "") not in text


def test_every_template_and_module_uses_the_sites_two_formats() -> None:
    """Dates go through the day and moment filters (core.i18n), never through a format chosen on the spot."""
    from pathlib import Path

    root = Path(__file__).parent.parent
    stray = re.compile(r"\|\s*(dateformat|datetimeformat|timeformat)\b|\bformat_(date|datetime|time)\(|\.strftime\(")
    packages = ("accounts", "assess", "charts", "core", "dashboard", "demo", "phases", "reports")
    sources = [*root.glob("templates/**/*.html"), *(path for name in packages for path in root.glob(f"{name}/**/*.py"))]
    allowed = ("core/i18n.py", "assess/exports.py")  # the two formats themselves; the exports' spreadsheet format
    found = [
        f"{path.relative_to(root)}: {match.group(0)}"
        for path in sources
        if path.relative_to(root).as_posix() not in allowed
        for match in stray.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []
