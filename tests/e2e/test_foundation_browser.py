"""A real browser: sign in on a phone in Chinese, switch language, and stay inside one's own client."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot, sign_in

pytestmark = pytest.mark.e2e


def test_sponsor_on_a_phone_in_chinese(live_server, phone, make_client, make_user, make_project) -> None:
    ours = make_client("华东精工机械有限公司", name_en="East China Precision")
    theirs = make_client("鼎盛消费品集团")
    sponsor = make_user("sponsor", client=ours, name="刘建国")
    make_project(ours, name="CRM 一期")
    make_project(theirs, name="集团推广")

    phone.goto(f"{live_server}/login")
    assert phone.locator("html").get_attribute("lang") == "zh-Hans"
    with phone.expect_navigation():
        phone.click("main button[type=submit]")  # empty form: errors in Chinese
    assert phone.locator(".errors li").count() == 2
    sign_in(phone, live_server, sponsor.email)
    phone.wait_for_url(f"{live_server}/")
    body = phone.locator("body").inner_text()
    assert "华东精工机械有限公司" in body and "CRM 一期" in body
    assert "鼎盛" not in body and "集团推广" not in body
    # Nothing overflows sideways on a phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "dashboard-phone-zh-Hans")

    with phone.expect_navigation():
        phone.select_option("#locale-select", "zh_Hant")  # the switcher submits itself
    assert phone.locator("html").get_attribute("lang") == "zh-Hant"
    assert "儀表板" in phone.locator("body").inner_text()
    screenshot(phone, "dashboard-phone-zh-Hant")

    with phone.expect_navigation():
        phone.click(".project-title a:text-is('CRM 一期')")  # not the attention list's line naming the project
    assert "評估" in phone.locator("body").inner_text()
    screenshot(phone, "project-phone-zh-Hant")

    phone.goto(f"{live_server}/clients/{theirs.id}")
    assert "鼎盛" not in phone.locator("body").inner_text()


def test_consultant_adds_a_client_on_a_desktop(live_server, desktop, make_user) -> None:
    consultant = make_user("consultant", name="Wang Lixin")
    sign_in(desktop, live_server, consultant.email)
    desktop.wait_for_url(f"{live_server}/")
    with desktop.expect_navigation():
        desktop.click("text=Add a client")
    desktop.fill("input[name=name]", "华北商贸有限公司")
    desktop.fill("input[name=name_en]", "North China Trading")
    desktop.check("input[name=is_group]")
    with desktop.expect_navigation():
        desktop.click("main button[type=submit]")
    assert "North China Trading" in desktop.locator("h1").inner_text()
    desktop.fill("input[name=region]", "华北")
    desktop.fill("#units input[name=name]", "北京分公司")
    with desktop.expect_navigation():
        desktop.click("#units button[type=submit]")
    assert "北京分公司" in desktop.locator("#units").inner_text()
    screenshot(desktop, "client-desktop-en")
    with desktop.expect_navigation():
        desktop.click("text=Sign out")
    desktop.goto(f"{live_server}/")
    assert "/login" in desktop.url
