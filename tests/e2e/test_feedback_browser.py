"""A real browser: refused actions answer beside their form with focus; irreversible actions ask first."""

from __future__ import annotations

from datetime import date

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import func, select

from core.extensions import db
from tests.e2e.conftest import ARTIFACTS, click, confirm, sign_in

pytestmark = pytest.mark.e2e

IN_VIEW = "e => { const r = e.getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight; }"
FOCUSED = "e => document.activeElement === e"


def screenshot(page, name: str) -> None:
    """Save what the user sees (the viewport, not the whole page): the point is what is in sight."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def _translated(app, locale: str, message: str) -> str:
    with app.test_request_context("/"), force_locale(locale):
        return gettext(message)


def _project_with_running_phase(app, make_client, make_user, make_project, locale: str | None) -> dict:
    """A client with a sponsor and a consultant, and a project whose first phase runs with unreviewed criteria."""
    from phases.projects import services
    from phases.projects.enums import PhaseStatus
    from phases.projects.models import Phase

    company = make_client()
    people = {
        "sponsor": make_user("sponsor", client=company, name="刘建国", locale=locale),
        "consultant": make_user("consultant", clients=(company,), name="王立新", locale=locale),
    }
    project = make_project(company)
    with app.app_context():
        first = db.session.scalars(select(Phase).where(Phase.project_id == project.id, Phase.position == 1)).one()
        services.change_phase_status(first, db.session.merge(people["consultant"]), PhaseStatus.ACTIVE, date.today())
        return {**people, "project": project.id, "phase": first.id}


def _assert_shown_beside(page, anchor: str, message: str) -> None:
    """The message is inside the anchor's element, in view, and has the focus (for screen readers and keyboards)."""
    box = page.locator(f"#{anchor} .form-feedback[role=alert]")
    assert message in box.inner_text()
    assert box.evaluate(IN_VIEW), f"the message of #{anchor} is out of sight"
    assert box.evaluate(FOCUSED), f"the message of #{anchor} does not have the focus"
    assert page.locator(".flashes").count() == 0 or message not in page.locator(".flashes").inner_text()


@pytest.mark.parametrize(("device", "locale"), [("desktop", "en"), ("phone", "zh_Hans")])
def test_refused_actions_answer_beside_their_form(
    request, app, live_server, make_client, make_user, make_project, device, locale
) -> None:
    page = request.getfixturevalue(device)
    world = _project_with_running_phase(app, make_client, make_user, make_project, locale)
    project_url = f"{live_server}/projects/{world['project']}"
    phase = world["phase"]

    sign_in(page, live_server, world["sponsor"].email)
    page.goto(project_url)
    confirm(page, f"#gate-{phase} form.signoff-form button[value=go]")
    waiver = "Some criteria are unreviewed or in rework. Sign “go” only with an explicit waiver of them."
    _assert_shown_beside(page, f"signoff-{phase}", _translated(app, locale, waiver))
    screenshot(page, f"feedback-signoff-refused-{device}-{locale}")

    sign_in(page, live_server, world["consultant"].email)
    page.goto(project_url)
    confirm(page, f"#phase-{phase} button[value=closed]")
    too_early = "The sponsor has not signed this phase's gate off with “go”; the phase cannot close yet."
    _assert_shown_beside(page, f"phase-{phase}", _translated(app, locale, too_early))
    screenshot(page, f"feedback-close-refused-{device}-{locale}")

    page.locator("#add-milestone summary").click()
    page.fill("#add-milestone input[name=planned_date]", "2026-02-30")
    click(page, "#add-milestone button[type=submit]")
    _assert_shown_beside(page, "add-milestone", _translated(app, locale, "This field is required."))
    screenshot(page, f"feedback-milestone-refused-{device}-{locale}")

    page.context.clear_cookies()
    page.goto(f"{live_server}/login")
    page.fill("input[name=email]", world["consultant"].email)
    page.fill("input[name=password]", "not-the-password")
    click(page, "main button[type=submit]")
    password = page.locator("input[name=password]")
    assert password.evaluate(FOCUSED) and password.evaluate(IN_VIEW)
    assert password.get_attribute("aria-invalid") == "true"
    errors = page.locator(f"#{password.get_attribute('aria-describedby')}")
    assert _translated(app, locale, "Wrong e-mail or password.") in errors.inner_text()
    screenshot(page, f"feedback-login-refused-{device}-{locale}")


def _count(app, statement) -> int:
    with app.app_context():
        return db.session.scalar(statement)


def _answer(page, selector: str, how: str) -> str:
    """Click a button that asks first and answer the dialog (yes, no, or Esc); return the question it asked."""
    page.click(selector)
    dialog = page.locator("dialog.confirm-dialog[open]")
    question = dialog.locator("p").inner_text()
    if how == "esc":
        page.keyboard.press("Escape")
    else:
        dialog.locator("button[value=no]").click()
    assert page.locator("dialog.confirm-dialog[open]").count() == 0
    assert page.locator(selector).evaluate(FOCUSED), "the focus did not return to the button"
    return question


def test_plan_gate_and_phase_confirmations(app, live_server, desktop, make_client, make_user, make_project) -> None:
    from phases.projects.models import GateSignoff, Phase, Project

    world = _project_with_running_phase(app, make_client, make_user, make_project, None)
    project_url = f"{live_server}/projects/{world['project']}"
    approved = select(Project.plan_approved_at).where(Project.id == world["project"])
    sign_in(desktop, live_server, world["sponsor"].email)
    desktop.goto(project_url)
    approve = "form[action$='/plan/approve'] button"
    question = _answer(desktop, approve, "no")
    assert "baseline" in question and "milestones" in question
    screenshot(desktop, "confirm-approve-plan-cancelled-en")
    _answer(desktop, approve, "esc")
    assert _count(app, approved) is None
    confirm(desktop, approve)
    assert _count(app, approved) is not None

    sign = f"#gate-{world['phase']} form.signoff-form button[value=go]"
    desktop.check(f"#gate-{world['phase']} input[name=waiver]")
    desktop.fill(f"#gate-{world['phase']} textarea[name=waiver_reason]", "编码规则在采集首周完成")
    assert "may then be closed" in _answer(desktop, sign, "esc")
    assert _count(app, select(func.count()).select_from(GateSignoff)) == 0
    desktop.click(sign)
    screenshot(desktop, "confirm-sign-gate-en")
    assert desktop.evaluate("document.activeElement.value") == "no"  # the safe answer has the focus
    with desktop.expect_navigation():
        desktop.keyboard.press("Shift+Tab")  # to the confirm button, by keyboard only
        desktop.keyboard.press("Enter")
    assert _count(app, select(func.count()).select_from(GateSignoff)) == 1

    sign_in(desktop, live_server, world["consultant"].email)
    desktop.goto(project_url)
    close = f"#phase-{world['phase']} button[value=closed]"
    assert "cannot be reopened" in _answer(desktop, close, "no")
    assert _count(app, select(Phase.status).where(Phase.id == world["phase"])).value == "active"
    confirm(desktop, close)  # the button's name and value (status=closed) go with the confirmed form
    assert _count(app, select(Phase.status).where(Phase.id == world["phase"])).value == "closed"


def test_assessment_and_invitation_confirmations(
    app, live_server, desktop, phone, make_client, make_user, make_assessment, make_links
) -> None:
    from accounts.models import User
    from assess.models import Assessment, Invitation

    company = make_client()
    assessment = make_assessment(company)
    make_links(assessment, ("张敏", "销售部"), ("李强", "客服部"))
    consultant = make_user("consultant", clients=(company,))
    with app.app_context():
        zhang = db.session.scalars(select(Invitation).where(Invitation.name == "张敏")).one()
        zhang_id, zhang_token = zhang.id, zhang.token_hash
    status = select(Assessment.status).where(Assessment.id == assessment.id)
    revoked = select(Invitation.revoked_at).where(Invitation.id == zhang_id)
    token = select(Invitation.token_hash).where(Invitation.id == zhang_id)

    sign_in(desktop, live_server, consultant.email)
    desktop.goto(f"{live_server}/assessments/{assessment.id}")
    withdraw = f"form[action$='/invitations/{zhang_id}/revoke'] button"
    assert "张敏" in _answer(desktop, withdraw, "no")
    assert _count(app, revoked) is None
    confirm(desktop, withdraw)
    assert _count(app, revoked) is not None
    assert "The link was withdrawn" in desktop.locator("#invitations .form-feedback").inner_text()
    renew = f"form[action$='/invitations/{zhang_id}/reissue'] button"
    assert "stops working" in _answer(desktop, renew, "esc")
    assert _count(app, token) == zhang_token
    confirm(desktop, renew)
    assert _count(app, token) != zhang_token
    desktop.goto(f"{live_server}/assessments/{assessment.id}")
    close = "button[name=status][value=closed]"
    question = _answer(desktop, close, "esc")
    assert "2 respondents have not submitted yet" in question  # the new link made 张敏's live again
    assert _count(app, status).value == "open"
    confirm(desktop, close)
    assert _count(app, status).value == "closed"

    person = make_user("member", client=company, name="赵磊")
    with app.app_context():
        db.session.get(User, person.id).invite_token_hash = "0" * 64
        db.session.commit()
    sign_in(phone, live_server, consultant.email)
    phone.goto(f"{live_server}/users/{person.id}")
    reinvite = "form[action$='/invitation'] button"
    phone.click(reinvite)
    dialog = phone.locator("dialog.confirm-dialog[open]")
    assert "赵磊" in dialog.inner_text() and _translated(app, "zh_Hans", "Cancel") in dialog.inner_text()
    assert dialog.evaluate(IN_VIEW)
    screenshot(phone, "confirm-reissue-invitation-phone-zh")
    phone.keyboard.press("Escape")
    assert _count(app, select(User.invite_token_hash).where(User.id == person.id)) == "0" * 64
    confirm(phone, reinvite)
    assert _count(app, select(User.invite_token_hash).where(User.id == person.id)) != "0" * 64
    assert phone.locator("#invitation input.copyable").count() == 1
