"""A real browser: a consultant sets up an assessment; three respondents answer at once on phones in Chinese."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from core.extensions import db
from tests.conftest import TEST_PASSWORD, run_concurrently
from tests.e2e.conftest import CHROMIUM, screenshot

pytestmark = pytest.mark.e2e

# (department, answers for data.code, data.dupes, sales.leads, expected sales growth %)
RESPONDENTS = [("销售部", "2", "1", "4", "100"), ("销售部", "4", "na", "5", "10"), ("客服中心", "3", "3", "2", "20")]


def _go(page, selector: str) -> None:
    """Click through to the next page and wait until its script listens for answers."""
    with page.expect_navigation():
        page.click(selector)
    page.wait_for_selector("form.respond-form[data-ready]", state="attached")


def _wait_saved(page) -> None:
    page.wait_for_function(
        "() => { const f = document.querySelector('form.respond-form');"
        " return f && document.querySelector('.save-status').textContent === f.dataset.msgSaved; }"
    )


def _answer(base: str, link: str, answers: tuple[str, ...], name: str, interrupt: bool) -> None:
    """Answer the small questionnaire on a phone; optionally leave half-way and come back on a 'new phone'."""
    from playwright.sync_api import sync_playwright

    code, dupes, leads, growth = answers[1:]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
        )

        def phone():
            context = browser.new_context(
                viewport={"width": 375, "height": 740}, locale="zh-CN", is_mobile=True, has_touch=True
            )
            context.set_default_timeout(15_000)
            return context, context.new_page()

        context, page = phone()
        page.goto(base + link)
        assert "开始" in page.locator("main").inner_text()
        _go(page, "main a.button")
        page.check(f"input[name='q_data.code'][value='{code}']")
        _wait_saved(page)
        if interrupt:
            context.close()  # the phone goes away with nothing but an autosaved answer
            context, page = phone()
            page.goto(base + link)
            assert "继续" in page.locator("main").inner_text()
            _go(page, "main a.button")
            assert page.locator(f"input[name='q_data.code'][value='{code}']").is_checked()
        page.check(f"input[name='q_data.dupes'][value='{dupes}']")
        page.click("fieldset[data-question='data.dupes'] summary")
        page.fill("textarea[name='c_data.dupes']", f"{name}：查重靠人工")
        _wait_saved(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        screenshot(page, f"respond-phone-{name}")
        _go(page, "button[name=go][value=next]")
        page.check(f"input[name='q_sales.leads'][value='{leads}']")
        _wait_saved(page)
        _go(page, "button[name=go][value=next]")
        page.fill("input[name=e_sales_growth_pct]", growth)
        page.click("button[name=go][value=review]")
        assert "所有问题都已回答" in page.locator("main").inner_text() or "提交" in page.locator("main").inner_text()
        page.click("main form button[type=submit]")
        assert "谢谢" in page.locator("main").inner_text()
        browser.close()


def test_assessment_end_to_end(app, live_server, desktop, make_client, make_user, stored_questionnaire) -> None:
    company = make_client("华东精工机械有限公司")
    consultant = make_user("consultant", clients=(company,), name="王立新")

    desktop.goto(f"{live_server}/login")
    desktop.fill("input[name=email]", consultant.email)
    desktop.fill("input[name=password]", TEST_PASSWORD)
    with desktop.expect_navigation():
        desktop.click("main button[type=submit]")
    desktop.goto(f"{live_server}/clients/{company.id}/assessments/new")
    desktop.fill("input[name=title]", "CRM 成熟度评估 2026")
    with desktop.expect_navigation():  # picking another questionnaire reloads its target fields
        desktop.select_option("select[name=questionnaire_id]", str(stored_questionnaire.id))
    desktop.fill("input[name=title]", "CRM 成熟度评估 2026")
    desktop.fill("input[name=closes_on]", (date.today() + timedelta(days=14)).isoformat())
    desktop.fill("input[name=target_data]", "4")
    desktop.fill("input[name=target_sales]", "3")
    with desktop.expect_navigation():
        desktop.click("main button[type=submit]")
    assert "CRM 成熟度评估 2026" in desktop.locator("h1").inner_text()
    with desktop.expect_navigation():
        desktop.click("button[name=status][value=open]")
    desktop.fill(
        "textarea[name=rows]", "\n".join(f"受访者{n},,{department}," for n, (department, *_r) in enumerate(RESPONDENTS))
    )
    with desktop.expect_navigation():
        desktop.locator("form[action$='/invite/bulk'] button[type=submit]").click()
    links = [
        re.sub(r"^https?://[^/]+", "", value)
        for value in desktop.locator("input.copyable").evaluate_all("els => els.map(e => e.value)")
    ]
    assert len(links) == 3
    screenshot(desktop, "assessment-links-en")

    failures = run_concurrently(
        lambda number: _answer(live_server, links[number], RESPONDENTS[number], f"r{number}", number == 1), len(links)
    )
    assert failures == []

    from assess.models import Answer, Response

    with app.app_context():
        assert db.session.scalar(select(func.count(Response.id))) == 3
        assert db.session.scalar(select(func.count(Answer.id))) == 9
    desktop.goto(f"{live_server}/assessments")
    with desktop.expect_navigation():
        desktop.click("text=Results")
    body = desktop.locator("main").inner_text()
    assert "2.72" in body and "2.25" in body and "3.67" in body and "1.75" in body
    screenshot(desktop, "assessment-results-en")
