"""Every write to questionnaires, assessments, invitations and responses; each function commits once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from accounts.models import Client, User
from assess.enums import INVITING_STATUSES, AssessmentStatus, ResponseStatus
from assess.invitees import Invitee
from assess.library import bundled_files, checksum, content_of, read_file
from assess.links import MAX_LINKS_AT_ONCE, LinkState, link_state
from assess.models import (
    Answer,
    Assessment,
    AssessmentTarget,
    ExpectationAnswer,
    Invitation,
    Questionnaire,
    Response,
)
from assess.questionnaire import parse_questionnaire
from assess.targets import first_off_scale, target_levels
from core.clock import local_today
from core.db import insert_ignoring_duplicates, utcnow, write_transaction
from core.errors_domain import RuleError
from core.extensions import db
from core.i18n import LOCALES
from core.tokens import hash_token, new_token

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
            _(
                "Version %(version)d of questionnaire %(key)s already exists with other content. "
                "A stored version is never changed: give the file a new version number.",
                version=parsed.version,
                key=parsed.key,
            )
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


def available_questionnaires() -> list[Questionnaire]:
    """Return every stored questionnaire version (the bundled ones stored first), by key, newest version first."""
    ensure_bundled_questionnaires()
    return list(db.session.scalars(select(Questionnaire).order_by(Questionnaire.key, Questionnaire.version.desc())))


# ---- assessments -------------------------------------------------------------------------------------------------


def _check_targets(questionnaire: Questionnaire, targets: Mapping[str, float]) -> dict[str, float]:
    checked = target_levels([dimension.key for dimension in content_of(questionnaire).dimensions], targets)
    off_scale = first_off_scale(checked)
    if off_scale is not None:
        raise RuleError(_("Enter a level from 1 to 5."), field=f"target_{off_scale}")
    return checked


def create_assessment(
    client: Client,
    questionnaire: Questionnaire,
    title: str,
    closes_on: date,
    anonymous: bool,
    targets: Mapping[str, float],
    actor: User,
    project_id: int | None = None,
) -> Assessment:
    """Create an assessment of a client, with a target level per dimension (3 unless given)."""
    if closes_on < local_today():
        raise RuleError(_("The close date must not lie in the past."), field="closes_on")
    checked = _check_targets(questionnaire, targets)
    with write_transaction():
        assessment = Assessment(
            client_id=client.id,
            project_id=project_id,
            questionnaire_id=questionnaire.id,
            title=title.strip(),
            closes_on=closes_on,
            anonymous=anonymous,
            created_by_id=actor.id,
            status=AssessmentStatus.DRAFT,
        )
        db.session.add(assessment)
        db.session.flush()
        for key, value in sorted(checked.items()):
            db.session.add(
                AssessmentTarget(assessment_id=assessment.id, client_id=client.id, dimension_key=key, target=value)
            )
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
    if assessment.status not in INVITING_STATUSES:
        raise RuleError(_("This assessment is closed; reopen it to invite more respondents."))


def _known_locale(locale: str | None) -> str | None:
    """Return the locale if the site speaks it, else None (the respondent's browser then decides)."""
    return locale if locale in LOCALES else None


def _issue_link(assessment: Assessment, invitee: Invitee, locale: str | None) -> IssuedLink:
    token = new_token()
    invitation = Invitation(
        assessment_id=assessment.id,
        client_id=assessment.client_id,
        token_hash=hash_token(token),
        name=invitee.name or None,
        email=invitee.email,
        department=invitee.department,
        role=invitee.role,
        locale=locale,
    )
    db.session.add(invitation)
    return IssuedLink(invitation, token)


def invite(assessment: Assessment, invitees: Sequence[Invitee], locale: str | None = None) -> list[IssuedLink]:
    """Create a personal link for each named invitee (not in anonymous assessments)."""
    _check_open_for_invitations(assessment)
    if assessment.anonymous:
        raise RuleError(_("This assessment is anonymous: create anonymous links per department instead."))
    if not invitees:
        raise RuleError(_("Paste at least one line, or choose a file."), field="rows")
    with write_transaction():
        return [_issue_link(assessment, invitee.cleaned(), _known_locale(locale)) for invitee in invitees]


def invite_anonymous(
    assessment: Assessment, department: str, role: str | None, count: int | None, locale: str | None = None
) -> list[IssuedLink]:
    """Create `count` links that carry only a department and role, never a name."""
    _check_open_for_invitations(assessment)
    if count is None or not 1 <= count <= MAX_LINKS_AT_ONCE:
        raise RuleError(_("Enter a number from %(low)s to %(high)s.", low=1, high=MAX_LINKS_AT_ONCE), field="count")
    group = Invitee("", None, department, role or "").cleaned()
    with write_transaction():
        return [_issue_link(assessment, group, _known_locale(locale)) for _number in range(count)]


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
    if _known_locale(locale):
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
