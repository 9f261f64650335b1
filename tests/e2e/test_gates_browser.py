"""A real browser: a sponsor signs a gate "go" with a waiver, in English and in Traditional Chinese, and sees it signed."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from core.extensions import db
from tests.e2e.conftest import confirm, screenshot, sign_in

pytestmark = pytest.mark.e2e

ENGLISH = {
    "open": "2 criteria are still open",
    "no_reason": "Write why you waive the open criteria.",
    "confirm": "Sign “go” for phase 1: Assess? The phase may then be closed; 2 open criteria will be waived.",
    "signed": "Go signed with a waiver",
    "waived": "Waived by the sponsor",
    "waived_by": "Waived by 陳美玲 on",
    "revise": "Change your decision",
    "rework": "in rework",
}
TRADITIONAL = {
    "open": "仍有 2 個檢查項目待處理",
    "no_reason": "請寫明豁免待處理檢查項目的理由。",
    "confirm": "為第 1 階段「評估」簽署「放行」？簽署後該階段即可關閉；2 個待處理的檢查項目將被豁免。",
    "signed": "已簽署「放行」（附豁免）",
    "waived": "專案發起人已豁免",
    "waived_by": "陳美玲 於",
    "revise": "修改您的決定",
    "rework": "重工",
}


def _gate_to_sign(app, make_client, make_user, make_project, locale: str | None) -> dict:
    """A running first phase: one criterion in rework, one unreviewed, the rest passed; and the client's sponsor."""
    from accounts.models import User
    from phases.projects import gate_services, services
    from phases.projects.enums import CriterionState, PhaseStatus
    from phases.projects.models import GateCriterion, Phase

    company = make_client("永豐國際物流股份有限公司")
    consultant = make_user("consultant", clients=(company,), name="王立新")
    sponsor = make_user("sponsor", client=company, name="陳美玲", locale=locale)
    project = make_project(company, name="CRM 一期")
    with app.app_context():
        actor = db.session.get(User, consultant.id)
        phase = db.session.scalars(select(Phase).where(Phase.project_id == project.id, Phase.position == 1)).one()
        services.change_phase_status(phase, actor, PhaseStatus.ACTIVE, date.today())
        criteria = db.session.scalars(
            select(GateCriterion).where(GateCriterion.phase_id == phase.id).order_by(GateCriterion.id)
        ).all()
        gate_services.review_criterion(criteria[0], actor, CriterionState.REWORK, "客戶編碼規則未定義", "編碼規則")
        for criterion in criteria[2:]:
            gate_services.review_criterion(criterion, actor, CriterionState.PASS, "", "")
        return {"project": project.id, "phase": phase.id, "sponsor": sponsor, "consultant": consultant}


def sign_go(page) -> None:
    """Press "go", check that the dialog asks what the button says will happen, and confirm."""
    button = "form.signoff-form button[value=go]"
    sentence = page.locator(button).get_attribute("data-confirm")
    assert confirm(page, button) == sentence


def _sign_with_a_waiver(page, base: str, app, world: dict, words: dict, name: str) -> None:
    from phases.projects.models import GateSignoff

    sign_in(page, base, world["sponsor"].email)
    page.goto(f"{base}/projects/{world['project']}#gate-{world['phase']}")
    gate = page.locator(f"#gate-{world['phase']}")
    assert words["open"] in gate.inner_text()
    assert not gate.locator("input[name=waiver]").is_checked()  # nothing is ticked for the sponsor
    assert gate.locator("select[name=decision]").count() == 0  # the decision is the button pressed
    assert gate.locator("button[value=go]").get_attribute("data-confirm") == words["confirm"]
    screenshot(page, f"gate-{name}-before")

    # A waiver without a reason is refused, and nothing is saved.
    gate.locator("input[name=waiver]").check()
    sign_go(page)
    assert words["no_reason"] in page.locator(f"#signoff-{world['phase']}").inner_text()  # beside the form
    with app.app_context():
        assert db.session.scalars(select(GateSignoff)).first() is None
    screenshot(page, f"gate-{name}-refused")

    gate = page.locator(f"#gate-{world['phase']}")
    gate.locator("input[name=waiver]").check()
    gate.locator("textarea[name=waiver_reason]").fill("編碼規則於採集第一週完成")
    page.click("form.signoff-form button[value=go]")  # the question first, in the reader's language
    assert words["confirm"] in page.locator("dialog[open]").inner_text()
    screenshot(page, f"gate-{name}-confirm")
    page.keyboard.press("Escape")
    sign_go(page)
    gate = page.locator(f"#gate-{world['phase']}")
    text = gate.inner_text()
    assert words["signed"] in gate.locator("h3").inner_text()
    assert text.count(words["waived"]) == 2 and words["waived_by"] in text and "編碼規則於採集第一週完成" in text
    assert words["open"] not in text
    assert not gate.locator("form.signoff-form").is_visible()  # the decision is shown, not asked for again
    assert gate.locator("details.signoff-revise summary").inner_text() == words["revise"]
    assert words["signed"] in page.locator(f"#phase-{world['phase']} h2").inner_text()
    assert words["signed"] in page.locator("ol.steps").inner_text()
    assert words["rework"] not in page.locator("#health").inner_text()
    screenshot(page, f"gate-{name}-signed")


def test_a_sponsor_signs_go_with_a_waiver_in_english(
    app, live_server, desktop, make_client, make_user, make_project
) -> None:
    world = _gate_to_sign(app, make_client, make_user, make_project, locale=None)
    # The consultant's review select starts empty: no review is chosen in advance.
    sign_in(desktop, live_server, world["consultant"].email)
    desktop.goto(f"{live_server}/projects/{world['project']}#gate-{world['phase']}")
    assert all(value == "" for value in desktop.locator(".review-form select").evaluate_all("s => s.map(e => e.value)"))
    _sign_with_a_waiver(desktop, live_server, app, world, ENGLISH, "en")
    # The sponsor may still change the decision while the phase runs.
    desktop.click(f"#gate-{world['phase']} details.signoff-revise summary")
    assert desktop.locator(f"#gate-{world['phase']} form.signoff-form").is_visible()
    screenshot(desktop, "gate-en-revise")


def test_a_sponsor_signs_go_with_a_waiver_in_traditional_chinese(
    app, live_server, phone, make_client, make_user, make_project
) -> None:
    world = _gate_to_sign(app, make_client, make_user, make_project, locale="zh_Hant")
    _sign_with_a_waiver(phone, live_server, app, world, TRADITIONAL, "zh-hant-phone")
