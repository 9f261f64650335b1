"""Respondent pages: answer an assessment through a personal link, without an account.

These views are exempt from the session-bound CSRF token: the secret link token in the URL is
the only credential, so a forged cross-site request cannot name it, and an expired session
can never make a respondent lose an answer.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass

from flask import Blueprint, abort, g, jsonify, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from accounts.zones import show_client
from assess import answer_services
from assess.enums import ResponseStatus
from assess.forms import parse_expectation_value, parse_level_choice
from assess.library import content_of
from assess.links import WELCOMING_STATES, LinkState, PagePlan, link_state, page_plan
from assess.models import Answer, Assessment, ExpectationAnswer, Invitation, Response
from assess.questionnaire import Questionnaire
from assess.review import GivenAnswer, review_of
from core.clock import local_today
from core.errors_domain import RuleError
from core.extensions import csrf, db
from core.i18n import LOCALES
from core.tokens import hash_token

bp = Blueprint("respond", __name__, url_prefix="/r")
csrf.exempt(bp)


@dataclass
class Visit:
    """Everything a respondent view needs about the link being used."""

    token: str
    invitation: Invitation
    assessment: Assessment
    questionnaire: Questionnaire
    plan: PagePlan
    response: Response | None
    state: LinkState

    @property
    def is_submitted(self) -> bool:
        """Return whether the answers were submitted (the link then shows its thank-you page)."""
        return self.state is LinkState.SUBMITTED


def _visit(token: str) -> Visit:
    found = db.session.execute(
        select(Invitation, Assessment)
        .join(Assessment, Assessment.id == Invitation.assessment_id)
        .where(Invitation.token_hash == hash_token(token))
    ).first()
    if found is None:
        abort(404)
    invitation, assessment = found
    show_client(assessment.client_id)  # the link's dates, and its close date, follow the assessment's client
    response = db.session.scalars(select(Response).where(Response.invitation_id == invitation.id)).first()
    questionnaire = content_of(assessment.questionnaire)
    state = link_state(
        assessment.status,
        assessment.closes_on,
        invitation.revoked_at,
        response is not None and response.status is ResponseStatus.SUBMITTED,
        local_today(),
    )
    g.locale_override = (response.locale if response else None) or session.get("locale") or invitation.locale
    return Visit(token, invitation, assessment, questionnaire, page_plan(questionnaire), response, state)


def _response(visit: Visit) -> Response:
    """Return the link's response: the one _visit already loaded, or a new one on first use."""
    if visit.response is None:
        visit.response = answer_services.open_response(visit.invitation)
    return visit.response


def _blocked(visit: Visit) -> ResponseReturnValue | None:
    """Return the page to show instead of the questionnaire when the link cannot be used to answer."""
    if visit.state is LinkState.SUBMITTED:
        return redirect(url_for("respond.start", token=visit.token))
    if visit.state is not LinkState.OPEN:
        return render_template("respond/unavailable.html", visit=visit), 410
    return None


def _progress(response: Response | None, questionnaire: Questionnaire) -> tuple[int, int]:
    total = len(questionnaire.questions) + len(questionnaire.expectations)
    if response is None:
        return 0, total
    answered = db.session.scalar(
        select(func.count(Answer.id)).where(
            Answer.response_id == response.id, (Answer.level.is_not(None)) | Answer.not_applicable.is_(True)
        )
    ) + db.session.scalar(
        select(func.count(ExpectationAnswer.id)).where(
            ExpectationAnswer.response_id == response.id, ExpectationAnswer.value.is_not(None)
        )
    )
    return answered, total


@bp.get("/<token>")
def start(token: str) -> ResponseReturnValue:
    """Welcome a respondent, or thank them once they have submitted."""
    visit = _visit(token)
    if visit.state not in WELCOMING_STATES:
        return render_template("respond/unavailable.html", visit=visit), 410
    answered, total = _progress(visit.response, visit.questionnaire)
    return render_template("respond/start.html", visit=visit, answered=answered, total=total)


@bp.post("/<token>/language")
def language(token: str) -> ResponseReturnValue:
    """Switch the questionnaire's language; it is kept with the response."""
    visit = _visit(token)
    locale = request.form.get("locale", "")
    if locale in LOCALES:
        session["locale"] = locale
        if visit.response is not None:
            answer_services.set_response_locale(visit.response, locale)
    target = request.form.get("next", "")
    return redirect(target if target.startswith(f"/r/{token}") else url_for("respond.start", token=token))


def _stored_answers(response: Response | None) -> tuple[dict[str, Answer], dict[str, ExpectationAnswer]]:
    if response is None:
        return {}, {}
    answers = db.session.scalars(select(Answer).where(Answer.response_id == response.id)).all()
    expectations = db.session.scalars(
        select(ExpectationAnswer).where(ExpectationAnswer.response_id == response.id)
    ).all()
    return {a.question_key: a for a in answers}, {e.expectation_key: e for e in expectations}


@bp.get("/<token>/page/<int:page>")
def page(token: str, page: int) -> ResponseReturnValue:
    """Show one page of questions with the answers given so far."""
    visit = _visit(token)
    if (blocked := _blocked(visit)) is not None:
        return blocked
    if page != visit.plan.clamp(page):
        return redirect(url_for("respond.page", token=token, page=visit.plan.clamp(page)))
    response = _response(visit)
    answer_services.remember_page(response, page)
    answers, expectations = _stored_answers(response)
    answered, total = _progress(response, visit.questionnaire)
    dimension_key = visit.plan.dimension_on(page)
    return render_template(
        "respond/page.html",
        visit=visit,
        page=page,
        answers=answers,
        expectations=expectations,
        dimension=visit.questionnaire.dimension(dimension_key) if dimension_key else None,
        answered=answered,
        total=total,
        conflicts=session.pop("respond_conflicts", []),
        errors=session.pop("respond_errors", {}),
    )


def _save_posted_page(visit: Visit, response: Response, page_number: int) -> tuple[list[str], dict[str, str]]:
    """Save every answer of a page posted without JavaScript; return conflicting keys and field errors."""
    conflicts: list[str] = []
    errors: dict[str, str] = {}
    form = request.form
    dimension_key = visit.plan.dimension_on(page_number)
    if dimension_key:
        for question in visit.questionnaire.dimension(dimension_key).questions:
            choice = form.get(f"q_{question.key}")
            if choice is None and not form.get(f"c_{question.key}"):
                continue
            level, not_applicable = parse_level_choice(choice)
            saved = answer_services.save_answer(
                response,
                question.key,
                level,
                not_applicable,
                form.get(f"c_{question.key}", "").strip()[:2000],
                _int_or_none(form.get(f"r_{question.key}")),
            )
            if saved.conflict:
                conflicts.append(question.key)
    else:
        for expectation in visit.questionnaire.expectations:
            raw = form.get(f"e_{expectation.key}", "")
            value, error = parse_expectation_value(raw, expectation)
            if error:
                errors[expectation.key] = error
                continue
            _value, _revision, conflict = answer_services.save_expectation(
                response, expectation.key, value, _int_or_none(form.get(f"r_{expectation.key}"))
            )
            if conflict:
                conflicts.append(expectation.key)
    return conflicts, errors


def _int_or_none(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


@bp.post("/<token>/page/<int:page>")
def save_page(token: str, page: int) -> ResponseReturnValue:
    """Save a page posted by the form (works without JavaScript), then move on."""
    visit = _visit(token)
    if (blocked := _blocked(visit)) is not None:
        return blocked
    page = visit.plan.clamp(page)
    try:
        conflicts, errors = _save_posted_page(visit, _response(visit), page)
    except answer_services.ResponseLocked:
        return redirect(url_for("respond.start", token=token))
    if conflicts or errors:
        session["respond_conflicts"], session["respond_errors"] = conflicts, errors
        return redirect(url_for("respond.page", token=token, page=page))
    target = visit.plan.destination(page, request.form.get("go", "next"), request.form.get("go_page", type=int))
    if target is None:
        return redirect(url_for("respond.review", token=token))
    return redirect(url_for("respond.page", token=token, page=target))


@bp.post("/<token>/answer")
def autosave(token: str) -> ResponseReturnValue:
    """Save one answer as soon as it is given (JSON, used by the page's script)."""
    visit = _visit(token)
    if visit.state is not LinkState.OPEN:
        return jsonify(ok=False, state=visit.state.value, message=answer_services.unavailable_message(visit.state)), 409
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        return jsonify(ok=False, message=_("The answer could not be read. Please try again.")), 400
    response = _response(visit)
    try:
        result = _autosave_one(visit, response, payload)
    except answer_services.ResponseLocked as error:
        return jsonify(ok=False, state=error.state.value, message=error.message), 409
    except RuleError as error:
        return jsonify(ok=False, message=error.message), 422
    answered, total = _progress(response, visit.questionnaire)
    return jsonify(ok=True, answered=answered, total=total, **result)


def _autosave_one(visit: Visit, response: Response, payload: dict) -> dict:
    key = str(payload.get("key", ""))
    revision = payload.get("revision")
    revision = revision if isinstance(revision, int) else None
    if payload.get("kind") == "expectation":
        expectation = next((item for item in visit.questionnaire.expectations if item.key == key), None)
        if expectation is None:
            raise RuleError(_("Unknown question."))
        value, error = parse_expectation_value(str(payload.get("value", "")), expectation)
        if error:
            raise RuleError(error)
        stored, new_revision, conflict = answer_services.save_expectation(response, key, value, revision)
        return {"key": key, "value": stored, "revision": new_revision, "conflict": conflict}
    if key not in {question.key for question in visit.questionnaire.questions}:
        raise RuleError(_("Unknown question."))
    level, not_applicable = parse_level_choice(payload.get("choice"))
    saved = answer_services.save_answer(
        response, key, level, not_applicable, str(payload.get("comment", "")).strip()[:2000], revision
    )
    return {
        "key": key,
        "choice": "na" if saved.not_applicable else saved.level,
        "comment": saved.comment,
        "revision": saved.revision,
        "conflict": saved.conflict,
    }


@bp.get("/<token>/review")
def review(token: str) -> ResponseReturnValue:
    """Show every answer given so far, page by page, with what is still unanswered, before submitting."""
    visit = _visit(token)
    if (blocked := _blocked(visit)) is not None:
        return blocked
    response = _response(visit)
    answers, expectations = _stored_answers(response)
    answered, total = _progress(response, visit.questionnaire)
    given = {key: GivenAnswer(row.level, row.not_applicable, row.comment) for key, row in answers.items()}
    return render_template(
        "respond/review.html",
        visit=visit,
        review=review_of(
            visit.questionnaire, given, {key: row.value for key, row in expectations.items()}, str(get_locale())
        ),
        answered=answered,
        total=total,
    )


@bp.post("/<token>/submit")
def submit(token: str) -> ResponseReturnValue:
    """Submit the response: it is locked from now on (a second click changes nothing)."""
    visit = _visit(token)
    if visit.state is LinkState.SUBMITTED:
        return redirect(url_for("respond.start", token=token))
    if (blocked := _blocked(visit)) is not None:
        return blocked
    with suppress(answer_services.ResponseLocked):  # the link stopped working a moment ago: the start page says why
        answer_services.submit(_response(visit))
    return redirect(url_for("respond.start", token=token))


@bp.app_template_global()
def unavailable_message(state: LinkState) -> str:
    """Return the translated explanation of why a link cannot be used."""
    return answer_services.unavailable_message(state)
