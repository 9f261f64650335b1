"""A real browser and only the keyboard: a respondent goes from the start page to the submitted page."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.e2e.conftest import axe_violations, screenshot

pytestmark = pytest.mark.e2e

# What has the focus, and whether a focus ring is drawn on it (or, for a choice, on its row).
FOCUS = """() => {
  const element = document.activeElement;
  const ringed = element.type === "radio" ? element.closest("label") : element;
  const style = getComputedStyle(ringed);
  const box = element.getBoundingClientRect();
  return {
    tag: element.tagName.toLowerCase(), type: element.type || "", name: element.name || "",
    value: element.value || "", text: (element.innerText || "").trim(), checked: !!element.checked,
    ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    onScreen: box.width > 0 && box.height > 0 && box.top >= 0,
  };
}"""


def _press(page, key: str) -> dict:
    """Press a key and return what has the focus then; a focused control always shows its ring."""
    page.keyboard.press(key)
    focus = page.evaluate(FOCUS)
    if focus["tag"] not in ("body", "main"):
        assert focus["ring"], f"no visible focus ring on {focus}"
        assert focus["onScreen"], f"the focused control is not on screen: {focus}"
    return focus


def _tab_to(page, wanted: Callable[[dict], bool], key: str = "Tab", limit: int = 30) -> dict:
    """Press Tab (or Shift+Tab) until the focus is on what is wanted."""
    for _ in range(limit):
        focus = _press(page, key)
        if wanted(focus):
            return focus
    raise AssertionError(f"{key} never reached the control; the focus ended on {focus}")


def _enter_to_next_page(page, wanted: Callable[[dict], bool]) -> None:
    _tab_to(page, wanted)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _radio(name: str) -> Callable[[dict], bool]:
    return lambda focus: focus["type"] == "radio" and focus["name"] == name


def _button(value: str) -> Callable[[dict], bool]:
    return lambda focus: focus["tag"] == "button" and focus["value"] == value


def _first_page(page) -> None:
    """Choose with Space and the arrows, comment through the disclosure, go back with Shift+Tab."""
    _tab_to(page, _radio("q_data.code"))
    _press(page, "Space")
    focus = _press(page, "ArrowDown")
    focus = _press(page, "ArrowDown")
    assert (focus["value"], focus["checked"]) == ("3", True)
    assert _press(page, "Tab")["tag"] == "summary"
    _press(page, "Enter")  # open the comment box
    assert _press(page, "Tab")["tag"] == "textarea"
    page.keyboard.type("Codes differ between sales and finance.")
    assert _press(page, "Shift+Tab")["tag"] == "summary"
    back = _press(page, "Shift+Tab")
    assert (back["name"], back["value"], back["checked"]) == ("q_data.code", "3", True)

    _tab_to(page, _radio("q_data.dupes"))
    assert _press(page, "ArrowDown")["value"] == "2"
    url = page.url
    _press(page, "Enter")  # Enter on a choice keeps it and stays on the page
    page.wait_for_timeout(300)  # time enough for a navigation to start, were one wrongly triggered
    assert page.url == url and page.locator("input[name='q_data.dupes'][value='2']").is_checked()
    screenshot(page, "keyboard-questionnaire-page")
    _enter_to_next_page(page, _button("next"))


def test_the_questionnaire_with_the_keyboard_alone(live_server, desktop, make_client, make_assessment, make_links):
    company = make_client("华东精工", name_en="East China Precision")
    link = make_links(make_assessment(company), ("Li Wei", "Sales", "Sales rep"))[0]
    page = desktop

    page.goto(live_server + link)
    skip = _press(page, "Tab")
    assert skip["text"] == "Skip to main content"
    screenshot(page, "keyboard-skip-link")
    _press(page, "Enter")
    _enter_to_next_page(page, lambda focus: focus["tag"] == "a" and focus["text"] == "Start")
    page.wait_for_selector("form.respond-form[data-ready]", state="attached")

    _first_page(page)
    page.wait_for_selector("form.respond-form[data-ready]", state="attached")
    assert "Page 2" in page.title()
    _tab_to(page, _radio("q_sales.leads"))
    _press(page, "Space")
    _enter_to_next_page(page, _button("next"))

    page.wait_for_selector("form.respond-form[data-ready]", state="attached")
    _tab_to(page, lambda focus: focus["name"] == "e_sales_growth_pct")
    page.keyboard.type("30")
    _enter_to_next_page(page, _button("review"))

    assert "Review and submit" in page.title()
    assert not axe_violations(page)
    _tab_to(page, lambda focus: focus["tag"] == "button" and focus["text"] == "Submit my answers")
    screenshot(page, "keyboard-review")
    _confirm_with_the_keyboard(page)
    assert "Thank you!" in page.locator("main h1").inner_text()
    assert page.locator("main").inner_text().count("submitted") == 1
    screenshot(page, "keyboard-submitted")


def _confirm_with_the_keyboard(page) -> None:
    """Press Enter on the submit button, and on the confirmation dialog's confirm button if one opens."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.keyboard.press("Enter")
    try:
        page.locator("dialog[open]").wait_for(timeout=1500)
    except PlaywrightTimeout:  # no confirmation dialog on this page: the form was sent at once
        page.wait_for_load_state()
        return
    no = page.locator("body").get_attribute("data-confirm-no")
    _tab_to(page, lambda focus: focus["tag"] == "button" and focus["text"] != no, limit=5)
    with page.expect_navigation():
        page.keyboard.press("Enter")
