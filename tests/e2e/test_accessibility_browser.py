"""A real browser and axe-core: the main pages have no serious or critical accessibility violation, in each language."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from core.extensions import db
from tests.e2e.conftest import _watched_page, axe_violations, screenshot, sign_in

pytestmark = pytest.mark.e2e

BROWSER_LOCALES = {"zh_Hans": "zh-CN", "zh_Hant": "zh-TW", "en": "en-US"}
ADMIN = "admin@mingtu.example"


@dataclass(frozen=True)
class DemoPages:
    """Addresses of the main pages of the demo data, and one fresh respondent link."""

    signed_in: tuple[tuple[str, str], ...]
    respondent_token: str


def _demo_pages(app, runner, locale: str) -> DemoPages:
    """Load the demo data, make the admin read the site in `locale`, and list the pages to check."""
    from accounts import services as account_services
    from accounts.models import Client, User
    from assess import services as assess_services
    from assess.invitees import Invitee
    from assess.models import Assessment, AssessmentStatus
    from phases.projects.models import Project
    from phases.recovery.models import Recovery

    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    with app.app_context():
        account_services.set_locale(db.session.scalars(select(User).where(User.email == ADMIN)).one(), locale)
        group = db.session.scalars(select(Client).where(Client.is_group.is_(True))).one()
        rollout = db.session.scalars(select(Project).where(Project.client_id == group.id)).one()
        troubled = db.session.scalars(select(Project).join(Recovery, Recovery.project_id == Project.id)).one()
        closed = db.session.scalars(select(Assessment).where(Assessment.status == AssessmentStatus.CLOSED)).first()
        running = db.session.scalars(select(Assessment).where(Assessment.status == AssessmentStatus.OPEN)).first()
        link = assess_services.invite(running, [Invitee("测试 Tester", None, "销售部", "销售代表")], locale)[0]
        pages = (
            ("dashboard", "/"),
            ("client", f"/clients/{group.id}"),
            ("project", f"/projects/{rollout.id}"),
            ("issue-log", f"/projects/{troubled.id}/issues"),
            ("rollout-matrix", f"/projects/{rollout.id}/rollout"),
            ("recovery", f"/projects/{troubled.id}/recovery"),
            ("results", f"/assessments/{closed.id}/results"),
            ("invitation-links", f"/assessments/{running.id}"),
            ("audit-trail", f"/projects/{troubled.id}/audit"),
            ("account", "/account"),
        )
        return DemoPages(pages, link.token)


@pytest.fixture(params=list(BROWSER_LOCALES))
def locale(request) -> str:
    """Each of the site's three languages in turn."""
    return request.param


@pytest.fixture
def reader(browser, locale):
    """A desktop page whose browser asks for `locale` (the signed-out pages follow it)."""
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale=BROWSER_LOCALES[locale])
    context.set_default_timeout(15_000)
    yield from _watched_page(context)


def _check(page, name: str, locale: str, found: list[str]) -> None:
    expected = {"zh_Hans": "zh-Hans", "zh_Hant": "zh-Hant", "en": "en"}[locale]
    assert page.locator("html").get_attribute("lang") == expected, f"{name} is not in {locale}"
    # Each language is named in itself, so each name is tagged with its own language for screen readers.
    tags = page.locator("#locale-select option").evaluate_all("options => options.map(o => o.lang)")
    assert tags == ["zh-Hans", "zh-Hant", "en"], f"{name}: {tags}"
    found.extend(axe_violations(page))
    screenshot(page, f"a11y-{name}-{locale}")


def test_main_pages_have_no_serious_violation(app, runner, live_server, reader, locale) -> None:
    from demo.seed import DEMO_PASSWORD

    pages = _demo_pages(app, runner, locale)
    found: list[str] = []

    reader.goto(f"{live_server}/login")
    _check(reader, "login", locale, found)
    sign_in(reader, live_server, ADMIN, DEMO_PASSWORD)
    for name, path in pages.signed_in:
        reader.goto(live_server + path)
        _check(reader, name, locale, found)

    reader.context.clear_cookies()  # a respondent has no account: their own link decides the language
    reader.goto(f"{live_server}/r/{pages.respondent_token}")
    _check(reader, "respondent-start", locale, found)
    reader.goto(f"{live_server}/r/{pages.respondent_token}/page/1")
    _check(reader, "respondent-page", locale, found)
    reader.goto(f"{live_server}/r/{pages.respondent_token}/review")
    _check(reader, "respondent-review", locale, found)

    assert not found, "axe-core found serious or critical violations:\n" + "\n".join(found)
