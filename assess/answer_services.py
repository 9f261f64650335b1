"""Every write a respondent makes through a link: the response, its answers, the submission; each commits once."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from assess.enums import ResponseStatus
from assess.links import LinkState, link_state
from assess.models import Answer, Assessment, ExpectationAnswer, Invitation, Response
from assess.services import known_locale
from core.clock import local_today
from core.db import insert_ignoring_duplicates, utcnow, write_transaction
from core.errors_domain import RuleError
from core.extensions import db


@dataclass(frozen=True)
class SavedAnswer:
    """The stored state of an answer after a save; `conflict` means a newer answer was kept."""

    question_key: str
    level: int | None
    not_applicable: bool
    comment: str
    revision: int
    conflict: bool


def open_response(invitation: Invitation) -> Response:
    """Return the invitation's response, creating it on first use; two tabs at once still make one."""
    response = db.session.scalars(select(Response).where(Response.invitation_id == invitation.id)).first()
    if response is not None:
        return response
    with write_transaction():
        insert_ignoring_duplicates(
            Response.__table__,
            {
                "assessment_id": invitation.assessment_id,
                "client_id": invitation.client_id,
                "invitation_id": invitation.id,
                "department": invitation.department,
                "role": invitation.role,
                "status": ResponseStatus.IN_PROGRESS.value,
                "page": 1,
                "locale": invitation.locale,
                "started_at": utcnow(),
                "updated_at": utcnow(),
            },
            ["invitation_id"],
        )
    return db.session.scalars(select(Response).where(Response.invitation_id == invitation.id)).one()


def unavailable_message(state: LinkState) -> str:
    """Return the translated explanation of why a link cannot be used."""
    messages = {
        LinkState.CLOSED: _("This assessment is closed. Answers can no longer be given or changed."),
        LinkState.REVOKED: _("This link was withdrawn. Ask the person who sent it for a new one."),
        LinkState.NOT_OPEN_YET: _("This assessment has not opened yet. Please come back later."),
        LinkState.SUBMITTED: _("These answers were submitted and can no longer be changed."),
    }
    return messages.get(state, "")


class ResponseLocked(RuleError):
    """The response was submitted, or its link no longer works: no answer can change."""

    def __init__(self, state: LinkState) -> None:
        super().__init__(unavailable_message(state))
        self.state = state


def _locked_response(response_id: int) -> tuple[Response, LinkState]:
    """Lock a response and work its link's state out again under the lock: the page's view of it may be stale."""
    locked, revoked_at, status, closes_on = db.session.execute(
        select(Response, Invitation.revoked_at, Assessment.status, Assessment.closes_on)
        .join(Invitation, Invitation.id == Response.invitation_id)
        .join(Assessment, Assessment.id == Response.assessment_id)
        .where(Response.id == response_id)
        .with_for_update(of=Response)
    ).one()
    submitted = locked.status is ResponseStatus.SUBMITTED
    return locked, link_state(status, closes_on, revoked_at, submitted, local_today())


def _lock_response(response_id: int) -> Response:
    locked, state = _locked_response(response_id)
    if state is not LinkState.OPEN:
        raise ResponseLocked(state)
    return locked


def _upsert_answer(
    response_id: int,
    question_key: str,
    level: int | None,
    not_applicable: bool,
    comment: str,
    base_revision: int | None,
) -> SavedAnswer:
    row = db.session.scalars(
        select(Answer).where(Answer.response_id == response_id, Answer.question_key == question_key).with_for_update()
    ).first()
    if row is None:
        insert_ignoring_duplicates(
            Answer.__table__,
            {
                "response_id": response_id,
                "question_key": question_key,
                "level": None,
                "not_applicable": False,
                "comment": "",
                "revision": 0,
                "updated_at": utcnow(),
            },
            ["response_id", "question_key"],
        )
        row = db.session.scalars(
            select(Answer)
            .where(Answer.response_id == response_id, Answer.question_key == question_key)
            .with_for_update()
        ).one()
    wanted = (level, not_applicable, comment)
    if (row.level, row.not_applicable, row.comment) == wanted:  # a double click or a resend: nothing to do
        return SavedAnswer(question_key, row.level, row.not_applicable, row.comment, row.revision, False)
    if base_revision is not None and row.revision != base_revision:
        # The page was older than the stored answer (another tab, the back button): keep the newer one.
        return SavedAnswer(question_key, row.level, row.not_applicable, row.comment, row.revision, True)
    row.level, row.not_applicable, row.comment = wanted
    row.revision += 1
    row.updated_at = utcnow()
    return SavedAnswer(question_key, row.level, row.not_applicable, row.comment, row.revision, False)


def save_answer(
    response: Response,
    question_key: str,
    level: int | None,
    not_applicable: bool,
    comment: str,
    base_revision: int | None,
) -> SavedAnswer:
    """Save one answer unless a newer one was stored since the page was loaded."""
    with write_transaction():
        locked = _lock_response(response.id)
        saved = _upsert_answer(locked.id, question_key, level, not_applicable, comment, base_revision)
        locked.updated_at = utcnow()
    return saved


def save_expectation(
    response: Response, key: str, value: float | None, base_revision: int | None
) -> tuple[float | None, int, bool]:
    """Save one expected benefit unless a newer value was stored; return (value, revision, conflict)."""
    with write_transaction():
        locked = _lock_response(response.id)
        row = db.session.scalars(
            select(ExpectationAnswer)
            .where(ExpectationAnswer.response_id == locked.id, ExpectationAnswer.expectation_key == key)
            .with_for_update()
        ).first()
        if row is None:
            insert_ignoring_duplicates(
                ExpectationAnswer.__table__,
                {
                    "response_id": locked.id,
                    "expectation_key": key,
                    "value": None,
                    "revision": 0,
                    "updated_at": utcnow(),
                },
                ["response_id", "expectation_key"],
            )
            row = db.session.scalars(
                select(ExpectationAnswer).where(
                    ExpectationAnswer.response_id == locked.id, ExpectationAnswer.expectation_key == key
                )
            ).one()
        if row.value == value:
            return row.value, row.revision, False
        if base_revision is not None and row.revision != base_revision:
            return row.value, row.revision, True
        row.value = value
        row.revision += 1
        row.updated_at = utcnow()
        locked.updated_at = utcnow()
        return row.value, row.revision, False


def remember_page(response: Response, page: int) -> None:
    """Remember where the respondent is, so the link resumes there."""
    if response.page == page or response.status is ResponseStatus.SUBMITTED:
        return
    with write_transaction():
        response.page = page


def set_response_locale(response: Response, locale: str) -> None:
    """Remember the respondent's language."""
    if known_locale(locale):
        with write_transaction():
            response.locale = locale


def submit(response: Response) -> None:
    """Lock the response while its link works; submitting twice changes nothing."""
    with write_transaction():
        locked, state = _locked_response(response.id)
        if state is LinkState.SUBMITTED:
            return
        if state is not LinkState.OPEN:
            raise ResponseLocked(state)
        locked.status = ResponseStatus.SUBMITTED
        locked.submitted_at = utcnow()
