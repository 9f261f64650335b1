"""A live server in a thread and a real Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent.parent.parent / "test-artifacts"


@pytest.fixture
def live_server(app) -> Iterator[str]:
    """Serve the test app on a free local port for the length of a test."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session (Debian's package, not a downloaded build)."""
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium is not installed: run `make test`, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
            ],
        )
        yield instance
        instance.close()


def _watched_page(context):
    """Open a page whose console errors and uncaught exceptions fail the test that used it.

    A page answered with 4xx on purpose (a refused form is 422, another client's record 404) makes the
    browser log "Failed to load resource" for that page: only such messages about whole pages are let through,
    never a failed stylesheet, script or image.
    """
    page = context.new_page()
    errors: list[tuple[str, str]] = []
    refused_pages: set[str] = set()
    page.on(
        "console", lambda msg: errors.append((msg.text, msg.location.get("url", ""))) if msg.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append((f"uncaught: {error}", "")))
    page.on(
        "response",
        lambda response: (
            refused_pages.add(response.url)
            if response.request.resource_type == "document" and response.status >= 400
            else None
        ),
    )
    yield page
    context.close()
    real = [
        f"{text} ({url})"
        for text, url in errors
        if not (text.startswith("Failed to load resource") and url in refused_pages)
    ]
    assert not real, f"the browser reported errors: {real}"


@pytest.fixture
def phone(browser):
    """A phone-sized page in Chinese."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", device_scale_factor=2, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(10_000)
    yield from _watched_page(context)


@pytest.fixture
def desktop(browser):
    """A desktop-sized page in English."""
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="en-US")
    context.set_default_timeout(10_000)
    yield from _watched_page(context)


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/ for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page, base: str, email: str, password: str | None = None) -> None:
    """Sign in through the login form as a fresh visitor and wait for the page behind it."""
    from tests.conftest import TEST_PASSWORD

    page.context.clear_cookies()
    page.goto(f"{base}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password or TEST_PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def click(page, selector: str) -> None:
    """Click what leads to another page and wait for it."""
    with page.expect_navigation():
        page.click(selector)


def confirm(page, selector: str) -> str:
    """Click a button that asks for confirmation (data-confirm), confirm it and wait for the next page.

    Return the question the dialog asked.
    """
    page.click(selector)
    dialog = page.locator("dialog.confirm-dialog[open]")
    question = dialog.locator("p").inner_text()
    with page.expect_navigation():
        dialog.locator("button[value=yes]").click()
    return question


AXE_SCRIPT = Path(__file__).parent.parent.parent / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")


def axe_violations(page) -> list[str]:
    """Run axe-core on the page and return its serious and critical violations, one readable line per element.

    The script is handed to the page through the DevTools protocol (page.evaluate), which the page's
    `script-src 'self'` policy does not govern, so the page is checked under its real policy.
    """
    if not AXE_SCRIPT.exists():
        pytest.fail("axe-core is not installed: run `make setup-dev` (npm ci)")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    results = page.evaluate("async () => (await window.axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        f"{page.url}: [{violation['impact']}] {violation['id']}: {violation['help']} -> {', '.join(map(str, node['target']))}"
        f"{' (' + node['failureSummary'].splitlines()[-1].strip() + ')' if node.get('failureSummary') else ''}"
        for violation in results
        if violation["impact"] in SERIOUS
        for node in violation["nodes"]
    ]
