"""Feedback where the user is looking: a refused action's message is shown inside the form's section, not on top."""

from __future__ import annotations

from flask import flash, render_template_string
from sqlalchemy import select

from core.extensions import db
from core.web import back_to, page_messages, top_messages
from phases.projects.models import Phase
from tests.page_parts import assert_beside, landing, text_of
from tests.page_parts import top_messages as top_of


def _first_phase(app, project_id: int) -> int:
    with app.app_context():
        return db.session.scalars(
            select(Phase.id).where(Phase.project_id == project_id).order_by(Phase.position)
        ).first()


def test_back_to_ties_only_this_requests_messages_to_the_anchor(app) -> None:
    with app.test_request_context("/"):
        from flask import session

        session["_flashes"] = [("info", "left over from an earlier page")]
        flash("refused here", "error")
        back_to("dashboard.index", "gate-block-3")
        messages = page_messages()
    assert [(message.text, message.anchor) for message in messages] == [
        ("left over from an earlier page", ""),
        ("refused here", "gate-block-3"),
    ]


def test_a_message_for_a_form_the_page_does_not_show_stays_at_the_top(app) -> None:
    with app.test_request_context("/"):
        flash("shown beside its form", "error")
        back_to("dashboard.index", "shown")
        flash("its form is not on this page", "error")
        back_to("dashboard.index", "missing")
        page = render_template_string(
            '{% from "_macros/forms.html" import feedback %}<div id="shown">{{ feedback("shown") }}</div>'
        )
        top = [message.text for message in top_messages()]
    assert "shown beside its form" in text_of(page, "shown")
    assert top == ["its form is not on this page"]


def test_sign_go_without_waiver_and_closing_too_early_answer_beside_their_forms(
    app, client, login, make_client, make_user, make_project
) -> None:
    company = make_client()
    sponsor, consultant = make_user("sponsor", client=company), make_user("consultant", clients=(company,))
    project = make_project(company)
    first = _first_phase(app, project.id)
    login(consultant)
    client.post(f"/phases/{first}/status", data={"status": "active"})
    anchor, page = landing(client, f"/phases/{first}/status", status="closed")
    assert_beside(page, anchor, "has not signed this phase")
    assert anchor == f"phase-{first}"
    anchor, page = landing(client, f"/projects/{project.id}/milestones", name="", planned_date="2026-13-45")
    assert_beside(page, anchor, "This field is required.")
    assert anchor == "add-milestone"
    client.post("/logout")
    login(sponsor)
    anchor, page = landing(client, f"/phases/{first}/signoff", decision="go", comment="")
    assert_beside(page, anchor, "explicit waiver")
    assert anchor == f"signoff-{first}"  # right under the sign-off form, which ends the gate


def test_assessment_refusals_answer_beside_their_forms(app, client, login, make_client, make_user, make_assessment):
    company = make_client()
    closed = make_assessment(company, status="closed")
    login(make_user("consultant", clients=(company,)))
    refused = client.post(f"/assessments/{closed.id}/invite", data={"name": "张敏", "department": "销售部"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert_beside(page, "invite", "This assessment is closed; reopen it to invite more respondents.")
    anonymous = make_assessment(company, anonymous=True)
    refused = client.post(f"/assessments/{anonymous.id}/invite", data={"name": "张敏", "department": "销售部"})
    # The named-invitation form is not on an anonymous assessment's page: its refusal shows at the top instead.
    assert "create anonymous links per department instead" in top_of(refused.get_data(as_text=True))


def test_accounts_refusal_answers_beside_its_form(client, login, make_client, make_user) -> None:
    company = make_client()
    make_user("consultant")  # one consultant to offer, so that the form is shown
    login(make_user("admin"))
    anchor, page = landing(client, f"/clients/{company.id}/consultants", consultant="")
    assert_beside(page, anchor, "Choose a consultant.")


def test_recovery_refusal_answers_beside_its_form(client, login, make_client, make_user, make_project) -> None:
    company = make_client()
    consultant, sponsor = make_user("consultant", clients=(company,)), make_user("sponsor", client=company)
    project = make_project(company)
    login(consultant)
    client.post(f"/projects/{project.id}/recovery/start")
    anchor, page = landing(client, f"/projects/{project.id}/recovery/start")
    assert_beside(page, anchor, "This project already has a recovery under way.")
    client.post("/logout")
    login(sponsor)
    anchor, page = landing(client, f"/projects/{project.id}/recovery/accept")
    assert_beside(page, anchor, "Add at least one re-based expectation first.")
    assert anchor == "expectations"


def test_a_form_shown_again_ties_each_error_to_its_field(client, login, make_client, make_user, make_project) -> None:
    company = make_client()
    project = make_project(company)
    login(make_user("consultant", clients=(company,)))
    refused = client.post(f"/projects/{project.id}/issues", data={"title": "", "severity": "high"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="title-errors"' in page and 'id="title-errors"' in page
    assert "This field is required." in text_of(page, "title-errors")
    assert 'aria-describedby="description-errors"' not in page  # fields without errors point at nothing


def test_success_messages_of_a_section_show_there_too(client, login, make_client, make_user, make_project) -> None:
    company = make_client()
    project = make_project(company)
    login(make_user("consultant", clients=(company,)))
    anchor, page = landing(client, f"/projects/{project.id}/updates", rag="green", summary="按计划推进")
    assert "The status update is published." in text_of(page, anchor)
    assert anchor == "updates" and "The status update is published." not in top_of(page)
