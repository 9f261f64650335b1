"""Every write to questionnaires, assessments, invitations and responses; each function commits once."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from accounts.models import Client, User
from assess.invitees import Invitee
from assess.library import bundled_files, checksum, content_of, read_file
from assess.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    AssessmentTarget,
    ExpectationAnswer,
    Invitation,
    Questionnaire,
    Response,
    ResponseStatus,
)
from assess.questionnaire import parse_questionnaire
from core.clock import local_today
from core.db import insert_ignoring_duplicates, utcnow, write_transaction
from core.tokens import hash_token, new_token
from core.errors_domain import RuleError
from core.extensions import db
from core.i18n import LOCALES

MIN_TARGET, MAX_TARGET = 1.0, 5.0


# ---- questionnaires ----------------------------------------------------------------------------------------------


def import_questionnaire(data: Any) -> tuple[Questionnaire, bool]:
    """Store a questionnaire version after validating it; return (row, created). A stored version never changes."""
    parsed = parse_questionnaire(data)  # raises QuestionnaireError listing every problem
    fingerprint = checksum(data)
    existing = db.session.scalars(
        select(Questionnaire).where(Questionnaire.key == parsed.key, Questionnaire.version == parsed.version)
    ).first()
    if existing is not None:
        if existing.checksum == fingerprint:
            return existing, False
        raise RuleError(
            _("Version %(version)d of questionnaire %(key)s already exists with other content. "
              "A stored version is never changed: give the file a new version number.",
              version=parsed.version, key=parsed.key)
        )
    with write_transaction():
        row = Questionnaire(key=parsed.key, version=parsed.version, content=data, checksum=fingerprint)
        db.session.add(row)
    return row, True


def ensure_bundled_questionnaires() -> None:
    """Store every questionnaire version that ships with the site and is not stored yet."""
    stored = {(key, version) for key, version in db.session.execute(select(Questionnaire.key, Questionnaire.version))}
    for path in bundled_files():
        data = read_file(path)
        if (data.get("key"), data.get("version")) not in stored:
            import_questionnaire(data)


# ---- assessments -------------------------------------------------------------------------------------------------


def _check_targets(questionnaire: Questionnaire, targets: Mapping[str, float]) -> dict[str, float]:
    keys = {dimension.key for dimension in content_of(questionnaire).dimensions}
    checked = {}
    for key in keys:
        value = float(targets.get(key, 3.0))
        if not MIN_TARGET <= value <= MAX_TARGET:
            raise RuleError(_("Targets must lie between 1 and 5."), field=f"target_{key}")
        checked[key] = value
    return checked


def create_assessment(
    client: Client, questionnaire: Questionnaire, title: str, closes_on: date, anonymous: bool,
    targets: Mapping[str, float], actor: User, project_id: int | None = None,
) -> Assessment:
    """Create an assessment of a client, with a target level per dimension (3 unless given)."""
    if closes_on < local_today():
        raise RuleError(_("The close date must not lie in the past."), field="closes_on")
    checked = _check_targets(questionnaire, targets)
    with write_transaction():
        assessment = Assessment(
            client_id=client.id, project_id=project_id, questionnaire_id=questionnaire.id, title=title.strip(),
            closes_on=closes_on, anonymous=anonymous, created_by_id=actor.id, status=AssessmentStatus.DRAFT,
        )
        db.session.add(assessment)
        db.session.flush()
        for key, value in sorted(checked.items()):
            db.session.add(AssessmentTarget(assessment_id=assessment.id, client_id=client.id, dimension_key=key, target=value))
    return assessment


def update_settings(assessment: Assessment, title: str, closes_on: date, targets: Mapping[str, float]) -> None:
    """Change an assessment's title, close date and targets."""
    checked = _check_targets(assessment.questionnaire, targets)
    with write_transaction():
        assessment.title = title.strip()
        assessment.closes_on = closes_on
        for target in assessment.targets:
            target.target = checked.get(target.dimension_key, target.target)


def set_status(assessment: Assessment, status: AssessmentStatus) -> None:
    """Open, close or reopen an assessment."""
    if status is AssessmentStatus.OPEN and assessment.closes_on < local_today():
        raise RuleError(_("Move the close date to today or later before opening the assessment."), field="closes_on")
    with write_transaction():
        assessment.status = status


# ---- invitations -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedLink:
    """A new link: the raw token exists only here, the database keeps its hash."""

    invitation: Invitation
    token: str


def _check_open_for_invitations(assessment: Assessment) -> None:
    if assessment.status is AssessmentStatus.CLOSED:
        raise RuleError(_("This assessment is closed; reopen it to invite more respondents."))


def invite(assessment: Assessment, invitees: Sequence[Invitee], locale: str | None = None) -> list[IssuedLink]:
    """Create a personal link for each named invitee (not in anonymous assessments)."""
    _check_open_for_invitations(assessment)
    if assessment.anonymous:
        raise RuleError(_("This assessment is anonymous: create anonymous links per department instead."))
    if locale is not None and locale not in LOCALES:
        locale = None
    links = []
    with write_transaction():
        for invitee in invitees:
            token = new_token()
            invitation = Invitation(
                assessment_id=assessment.id, client_id=assessment.client_id, token_hash=hash_token(token),
                name=invitee.name, email=invitee.email, department=invitee.department, role=invitee.role, locale=locale,
            )
            db.session.add(invitation)
            links.append(IssuedLink(invitation, token))
    return links


def invite_anonymous(assessment: Assessment, department: str, role: str, count: int, locale: str | None = None) -> list[IssuedLink]:
    """Create `count` links that carry only a department and role, never a name."""
    _check_open_for_invitations(assessment)
    if not 1 <= count <= 500:
        raise RuleError(_("Create between 1 and 500 links at a time."), field="count")
    links = []
    with write_transaction():
        for _number in range(count):
            token = new_token()
            invitation = Invitation(
                assessment_id=assessment.id, client_id=assessment.client_id, token_hash=hash_token(token),
                department=department.strip(), role=role.strip(), locale=locale if locale in LOCALES else None,
            )
            db.session.add(invitation)
            links.append(IssuedLink(invitation, token))
    return links


def revoke(invitation: Invitation) -> None:
    """Stop a link from working; answers already given are kept."""
    with write_transaction():
        invitation.revoked_at = invitation.revoked_at or utcnow()


def reissue(invitation: Invitation) -> IssuedLink:
    """Replace a link's token (the old link stops working) and make it work again if it was revoked."""
    token = new_token()
    with write_transaction():
        invitation.token_hash = hash_token(token)
        invitation.revoked_at = None
    return IssuedLink(invitation, token)


# ---- responding --------------------------------------------------------------------------------------------------


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
            {"assessment_id": invitation.assessment_id, "client_id": invitation.client_id, "invitation_id": invitation.id,
             "department": invitation.department, "role": invitation.role, "status": ResponseStatus.IN_PROGRESS.value,
             "page": 1, "locale": invitation.locale, "started_at": utcnow(), "updated_at": utcnow()},
            ["invitation_id"],
        )
    return db.session.scalars(select(Response).where(Response.invitation_id == invitation.id)).one()


class ResponseLocked(RuleError):
    """The response was submitted, or its link no longer works: no answer can change."""


def _lock_response(response_id: int) -> Response:
    locked = db.session.scalars(select(Response).where(Response.id == response_id).with_for_update()).one()
    if locked.status is ResponseStatus.SUBMITTED:
        raise ResponseLocked(_("These answers were submitted and can no longer be changed."))
    return locked


def _upsert_answer(response_id: int, question_key: str, level: int | None, not_applicable: bool, comment: str,
                   base_revision: int | None) -> SavedAnswer:
    row = db.session.scalars(
        select(Answer).where(Answer.response_id == response_id, Answer.question_key == question_key).with_for_update()
    ).first()
    if row is None:
        insert_ignoring_duplicates(
            Answer.__table__,
            {"response_id": response_id, "question_key": question_key, "level": None, "not_applicable": False,
             "comment": "", "revision": 0, "updated_at": utcnow()},
            ["response_id", "question_key"],
        )
        row = db.session.scalars(
            select(Answer).where(Answer.response_id == response_id, Answer.question_key == question_key).with_for_update()
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


def save_answer(response: Response, question_key: str, level: int | None, not_applicable: bool, comment: str,
                base_revision: int | None) -> SavedAnswer:
    """Save one answer unless a newer one was stored since the page was loaded."""
    with write_transaction():
        locked = _lock_response(response.id)
        saved = _upsert_answer(locked.id, question_key, level, not_applicable, comment, base_revision)
        locked.updated_at = utcnow()
    return saved


def save_expectation(response: Response, key: str, value: float | None, base_revision: int | None) -> tuple[float | None, int, bool]:
    """Save one expected benefit unless a newer value was stored; return (value, revision, conflict)."""
    with write_transaction():
        locked = _lock_response(response.id)
        row = db.session.scalars(
            select(ExpectationAnswer).where(ExpectationAnswer.response_id == locked.id, ExpectationAnswer.expectation_key == key)
            .with_for_update()
        ).first()
        if row is None:
            insert_ignoring_duplicates(
                ExpectationAnswer.__table__,
                {"response_id": locked.id, "expectation_key": key, "value": None, "revision": 0, "updated_at": utcnow()},
                ["response_id", "expectation_key"],
            )
            row = db.session.scalars(
                select(ExpectationAnswer).where(ExpectationAnswer.response_id == locked.id, ExpectationAnswer.expectation_key == key)
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
    if locale in LOCALES:
        with write_transaction():
            response.locale = locale


def submit(response: Response) -> None:
    """Lock the response; submitting twice changes nothing."""
    with write_transaction():
        locked = db.session.scalars(select(Response).where(Response.id == response.id).with_for_update()).one()
        if locked.status is not ResponseStatus.SUBMITTED:
            locked.status = ResponseStatus.SUBMITTED
            locked.submitted_at = utcnow()
