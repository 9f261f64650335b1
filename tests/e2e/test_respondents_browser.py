"""A real browser, on a phone in Chinese and a desktop in English: invitations, answers kept on leaving, review, results."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import click, screenshot, sign_in

pytestmark = pytest.mark.e2e

DEVICES = ["phone", "desktop"]  # the phone speaks Simplified Chinese, the desktop English
WORDS = {
    "phone": {
        "already": "zhang.min@example.com 已邀请过此评估（张敏）",
        "repeat": "第 2 行：Li.Na@example.com 在列表中重复出现（首次出现在第 1 行）。",
        "invited": "第 3 行：ZHANG.MIN@example.com 已被邀请（张敏）。",
        "unanswered": "还有 2 个问题未回答。",
        "not_answered": "未回答",
        "low": "回复太少，结果仅供参考。",
    },
    "desktop": {
        "already": "zhang.min@example.com is already invited to this assessment (张敏)",
        "repeat": "Line 2: Li.Na@example.com appears twice in the list (first on line 1).",
        "invited": "Line 3: ZHANG.MIN@example.com is already invited (张敏).",
        "unanswered": "2 questions are still unanswered.",
        "not_answered": "Not answered",
        "low": "Too few responses to rely on.",
    },
}


@pytest.fixture
def setting(make_client, make_user, make_assessment, make_links):
    """A client, its consultant and sponsor, and an open assessment with one link."""
    company = make_client("华东精工机械有限公司")
    consultant = make_user("consultant", clients=(company,), name="王立新")
    assessment = make_assessment(company)
    link = make_links(assessment, ("李娜", "客服中心"))[0]
    return {"company": company, "consultant": consultant, "assessment": assessment, "link": link}


def _ready(page) -> None:
    page.wait_for_selector("form.respond-form[data-ready]", state="attached")


def _saved(page) -> None:
    page.wait_for_function(
        "() => { const f = document.querySelector('form.respond-form');"
        " return f && document.querySelector('.save-status').textContent === f.dataset.msgSaved; }"
    )


def _comment(page, key: str, text: str) -> None:
    """Open a question's comment box and type into it (saved after a pause in typing, unless the page goes first)."""
    page.click(f"fieldset[data-question='{key}'] summary")
    page.fill(f"textarea[name='c_{key}']", text)


@pytest.mark.parametrize("device", DEVICES)
def test_inviting_an_email_twice_is_refused_beside_the_form(request, live_server, device, setting) -> None:
    page = request.getfixturevalue(device)
    words = WORDS[device]
    sign_in(page, live_server, setting["consultant"].email)
    for email in ("zhang.min@example.com", " ZHANG.Min@Example.com "):
        page.goto(f"{live_server}/assessments/{setting['assessment'].id}")
        page.fill("input[name=name]", "张敏")
        page.fill("input[name=email]", email)
        page.fill("input[name=department]", "销售部")
        click(page, "form[action$='/invite'] button[type=submit]")
    errors = page.locator("#email-errors")
    assert words["already"] in errors.inner_text()
    screenshot(page, f"respondents-duplicate-invite-{device}")
    page.fill(
        "textarea[name=rows]",
        "李娜,li.na@example.com,客服\n王强,Li.Na@example.com,市场部\n张敏,ZHANG.MIN@example.com,销售部",
    )
    click(page, "form[action$='/invite/bulk'] button[type=submit]")
    listed = page.locator("main .flash-error").inner_text()
    assert words["repeat"] in listed and words["invited"] in listed
    screenshot(page, f"respondents-duplicate-list-{device}")
    page.goto(f"{live_server}/assessments/{setting['assessment'].id}")
    assert page.locator("#invitations tbody tr").count() == 2  # 李娜's link from the fixture and 张敏's


@pytest.mark.parametrize("device", DEVICES)
def test_a_comment_typed_just_before_the_page_closes_is_saved(request, live_server, device, setting) -> None:
    page = request.getfixturevalue(device)
    page.goto(f"{live_server}{setting['link']}/page/1")
    _ready(page)
    page.check("input[name='q_data.code'][value='2']")
    _comment(page, "data.code", "客户编码混乱，同一客户有三个编码")
    context = page.context
    page.close(run_before_unload=False)  # the tab is closed (or a phone drops it) at once: only pagehide runs
    again = context.new_page()
    again.goto(f"{live_server}{setting['link']}/page/1")
    _ready(again)
    assert again.input_value("textarea[name='c_data.code']") == "客户编码混乱，同一客户有三个编码"
    assert again.locator("input[name='q_data.code'][value='2']").is_checked()


@pytest.mark.parametrize("device", DEVICES)
def test_reloading_with_a_save_on_its_way_warns_and_keeps_the_comment(request, live_server, device, setting) -> None:
    page = request.getfixturevalue(device)
    warnings: list[str] = []
    page.on("dialog", lambda dialog: (warnings.append(dialog.type), dialog.accept()))
    page.goto(f"{live_server}{setting['link']}/page/1")
    _ready(page)
    _comment(page, "data.dupes", "查重靠人工")
    page.reload()  # at once, well inside the pause autosave waits for
    _ready(page)
    assert warnings == ["beforeunload"]
    assert page.input_value("textarea[name='c_data.dupes']") == "查重靠人工"


@pytest.fixture
def offline_page(browser):
    """Return a page factory like the phone and desktop fixtures, whose only console errors are the refused saves.

    The connection is cut on purpose here, so the browser logs each failed save; any other error still fails.
    """
    contexts = []

    def factory(device: str):
        if device == "phone":
            options = {
                "viewport": {"width": 390, "height": 844},
                "locale": "zh-CN",
                "is_mobile": True,
                "has_touch": True,
            }
        else:
            options = {"viewport": {"width": 1280, "height": 860}, "locale": "en-US"}
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("console", lambda message: page.errors.append(message) if message.type == "error" else None)
        page.on("pageerror", lambda error: page.errors.append(error))
        return page

    yield factory
    for context in contexts:
        context.close()


@pytest.mark.parametrize("device", DEVICES)
def test_leaving_after_a_failed_save_asks_first(offline_page, live_server, device, setting) -> None:
    page = offline_page(device)
    warnings: list[str] = []
    page.on("dialog", lambda dialog: (warnings.append(dialog.type), dialog.dismiss()))
    page.goto(f"{live_server}{setting['link']}/page/1")
    _ready(page)
    page.route("**/answer", lambda route: route.abort())  # the connection is gone
    _comment(page, "data.code", "断网时写的备注")
    page.locator("textarea[name='c_data.code']").blur()
    page.wait_for_function("() => document.querySelector('.save-status').textContent !== ''")
    page.evaluate("() => { window.stayed = true; }")
    page.evaluate("() => { window.location.reload(); }")  # the browser asks first; staying keeps the page as it is
    page.wait_for_timeout(300)
    assert warnings == ["beforeunload"]
    assert page.evaluate("() => window.stayed === true")
    assert page.input_value("textarea[name='c_data.code']") == "断网时写的备注"
    screenshot(page, f"respondents-unsaved-warning-{device}")
    page.unroute("**/answer")
    _saved(page)  # the retry gets through once the connection is back
    assert page.errors and all("/answer" in message.location["url"] for message in page.errors)


@pytest.mark.parametrize("device", DEVICES)
def test_the_review_lists_the_answers_and_submitting_names_the_open_ones(request, live_server, device, setting) -> None:
    page = request.getfixturevalue(device)
    words = WORDS[device]
    page.goto(f"{live_server}{setting['link']}/page/1")
    _ready(page)
    page.check("input[name='q_data.code'][value='3']")
    _comment(page, "data.code", "编码规则不统一")
    page.locator("textarea[name='c_data.code']").blur()
    _saved(page)
    page.goto(f"{live_server}{setting['link']}/page/3")
    _ready(page)
    page.fill("input[name=e_sales_growth_pct]", "15")
    page.locator("input[name=e_sales_growth_pct]").blur()
    _saved(page)
    page.goto(f"{live_server}{setting['link']}/review")
    item = page.locator("li#review-data\\.code")
    assert "3 · " in item.inner_text() and "编码规则不统一" in item.inner_text()
    assert words["not_answered"] in page.locator("li#review-data\\.dupes").inner_text()
    assert "15%" in page.locator("li#review-sales_growth_pct").inner_text()
    assert words["unanswered"] in page.locator("main").inner_text()
    button = page.locator("form[action$='/submit'] button[type=submit]")
    assert words["unanswered"] in button.get_attribute("data-confirm")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    screenshot(page, f"respondents-review-{device}")
    click(page, "li#review-data\\.code a.review-change")
    assert page.url.endswith("/page/1#q-data.code")


@pytest.mark.parametrize("device", DEVICES)
def test_the_submit_confirmation_says_how_many_are_unanswered(request, live_server, device, setting) -> None:
    page = request.getfixturevalue(device)
    page.goto(f"{live_server}{setting['link']}/review")
    if not page.locator("script[src*='confirm.js']").count():
        pytest.skip("static/js/confirm.js (the confirmation dialog for data-confirm) is not on this page yet")
    page.click("form[action$='/submit'] button[type=submit]")
    dialog = page.locator("dialog[open]")
    assert "4" in dialog.inner_text() and WORDS[device]["unanswered"].replace("2", "4") in dialog.inner_text()
    screenshot(page, f"respondents-submit-confirm-{device}")
    page.keyboard.press("Escape")
    assert "/review" in page.url


@pytest.mark.parametrize("device", DEVICES)
def test_results_with_a_low_response_rate_carry_a_warning(
    request, app, live_server, device, make_client, make_user, make_assessment, make_links
) -> None:
    page = request.getfixturevalue(device)
    company = make_client("鼎盛消费品集团")
    assessment = make_assessment(company)
    links = make_links(assessment, *[(f"员工{number}", "销售部") for number in range(10)])
    browser = app.test_client()
    for link, level in zip(links[:3], ("2", "3", "4")):
        for key in ("data.code", "data.dupes", "sales.leads"):
            browser.post(f"{link}/answer", json={"kind": "answer", "key": key, "choice": level, "revision": 0})
        browser.post(f"{link}/submit")
    sign_in(page, live_server, make_user("sponsor", client=company).email)
    page.goto(f"{live_server}/assessments/{assessment.id}/results")
    warning = page.locator(".response-warning")
    assert WORDS[device]["low"] in warning.inner_text() and "3" in warning.inner_text()
    assert warning.is_visible()
    screenshot(page, f"respondents-low-response-rate-{device}")
