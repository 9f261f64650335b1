"""Every write that sets an assessment up: questionnaires, assessments, invitation links; each function commits once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from accounts.models import Client, User
from assess.enums import INVITING_STATUSES, AssessmentStatus
from assess.invitees import AlreadyInvited, Invitee, already_invited, email_key
from assess.library import bundled_files, checksum, content_of, read_file
from assess.links import MAX_LINKS_AT_ONCE
from assess.models import Assessment, AssessmentTarget, Invitation, InvitationAuditEntry, Questionnaire, Response
from assess.queries import is_client_project
from assess.questionnaire import parse_questionnaire
from assess.targets import first_off_scale, target_levels
from core.clock import local_today
from core.db import utcnow, write_transaction
from core.deletions import ensure_undoable
from core.errors_domain import RuleError
from core.extensions import db
from core.i18n import LOCALES
from core.tokens import hash_token, new_token
from core.undo import Deletion, LoggedRow, latest_deletion, restored_values

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
    _check_project(client.id, project_id)
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


def _check_project(client_id: int, project_id: int | None) -> None:
    if project_id is not None and not is_client_project(client_id, project_id):
        raise RuleError(_("Choose one of the client's projects."), field="project_id")


def update_settings(
    assessment: Assessment,
    title: str,
    closes_on: date,
    targets: Mapping[str, float],
    project_id: int | None,
) -> None:
    """Change an assessment's title, close date, targets and linked project (None unlinks it)."""
    checked = _check_targets(assessment.questionnaire, targets)
    _check_project(assessment.client_id, project_id)
    with write_transaction():
        assessment.title = title.strip()
        assessment.closes_on = closes_on
        assessment.project_id = project_id
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


def known_locale(locale: str | None) -> str | None:
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


def invited_emails(assessment_id: int, emails: Sequence[str | None] | None = None) -> dict[str, str]:
    """Return the e-mails an assessment has invited (all, or those among `emails`) with the invitee's name."""
    query = select(Invitation.email, Invitation.name).where(
        Invitation.assessment_id == assessment_id, Invitation.email.is_not(None)
    )
    if emails is not None:
        query = query.where(Invitation.email.in_(sorted({key for email in emails if (key := email_key(email))})))
    return {email: name or "" for email, name in db.session.execute(query)}


def _duplicates_refused(found: Sequence[AlreadyInvited]) -> RuleError:
    """Return the refusal naming every e-mail already invited: beside the e-mail field, or the pasted list."""
    if len(found) == 1 and not found[0].invitee.line:
        return RuleError(
            _(
                "%(email)s is already invited to this assessment (%(name)s). To send a link again, use "
                "“New link” beside the name in the list of invitations.",
                email=found[0].invitee.email,
                name=found[0].invited_as,
            ),
            field="email",
        )
    listed = ", ".join(item.invitee.email or "" for item in found)
    return RuleError(_("Nothing was created: already invited: %(emails)s.", emails=listed), field="rows")


def invite(assessment: Assessment, invitees: Sequence[Invitee], locale: str | None = None) -> list[IssuedLink]:
    """Create a personal link for each named invitee (not in anonymous assessments); one e-mail is invited once."""
    _check_open_for_invitations(assessment)
    if assessment.anonymous:
        raise RuleError(_("This assessment is anonymous: create anonymous links per department instead."))
    if not invitees:
        raise RuleError(_("Paste at least one line, or choose a file."), field="rows")
    cleaned = [invitee.cleaned() for invitee in invitees]
    emails = [invitee.email for invitee in cleaned]
    try:
        with write_transaction():
            found = already_invited(cleaned, invited_emails(assessment.id, emails))
            if found:
                raise _duplicates_refused(found)
            return [_issue_link(assessment, invitee, known_locale(locale)) for invitee in cleaned]
    except IntegrityError:  # invited by someone else a moment ago: the unique index kept it to one row
        found = already_invited(cleaned, invited_emails(assessment.id, emails))
        if not found:
            raise
        raise _duplicates_refused(found) from None


def invite_anonymous(
    assessment: Assessment, department: str, role: str | None, count: int | None, locale: str | None = None
) -> list[IssuedLink]:
    """Create `count` links that carry only a department and role, never a name."""
    _check_open_for_invitations(assessment)
    if count is None or not 1 <= count <= MAX_LINKS_AT_ONCE:
        raise RuleError(_("Enter a number from %(low)s to %(high)s.", low=1, high=MAX_LINKS_AT_ONCE), field="count")
    group = Invitee("", None, department, role or "").cleaned()
    with write_transaction():
        return [_issue_link(assessment, group, known_locale(locale)) for _number in range(count)]


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


# ---- deleting and restoring invitations --------------------------------------------------------------------------

# Every field a deleted invitation keeps in its audit rows, so that undoing the deletion restores it (and its link).
INVITATION_FIELDS = ("token_hash", "name", "email", "department", "role", "locale", "created_at", "revoked_at")


def invitation_label(invitation: Invitation) -> str:
    """Return how the audit rows name an invitation: its person, or its department for an anonymous link."""
    return " · ".join(part for part in (invitation.name, invitation.department) if part)


def delete_invitation(invitation: Invitation, actor: User) -> None:
    """Delete an invitation nobody has answered through, keeping its fields in the audit rows; else refuse."""
    answered = db.session.scalar(select(Response.id).where(Response.invitation_id == invitation.id))
    if answered is not None:
        raise RuleError(_("Somebody has answered through this link, so it cannot be deleted; withdraw it instead."))
    with write_transaction():
        for field in INVITATION_FIELDS:
            value = getattr(invitation, field)
            if value is not None and value != "":
                _audit(
                    invitation.assessment_id,
                    invitation.client_id,
                    invitation.id,
                    actor,
                    invitation_label(invitation),
                    "deleted",
                    field,
                    value,
                )
        db.session.delete(invitation)


def last_invitation_deletion(assessment: Assessment, invitation_id: int) -> Deletion | None:
    """Return the latest deletion of an assessment's invitation that nothing has restored since, or None."""
    entries = db.session.scalars(
        select(InvitationAuditEntry)
        .where(InvitationAuditEntry.assessment_id == assessment.id, InvitationAuditEntry.invitation_id == invitation_id)
        .order_by(InvitationAuditEntry.id)
    ).all()
    return latest_deletion([LoggedRow(e.action, e.field, e.old_value, e.at, e.label, e.user_id) for e in entries])


def restore_invitation(assessment: Assessment, invitation_id: int, deletion: Deletion, actor: User) -> Invitation:
    """Undo an invitation's deletion: the same number, fields and link come back, and the audit rows say so."""
    ensure_undoable(deletion, db.session.get(Invitation, invitation_id) is not None)
    columns = [c for c in Invitation.__table__.columns if c.name not in ("id", "assessment_id", "client_id")]
    values = restored_values(((c.name, c.type.python_type, c.nullable) for c in columns), deletion.values)
    with write_transaction():
        invitation = Invitation(id=invitation_id, assessment_id=assessment.id, client_id=assessment.client_id, **values)
        db.session.add(invitation)
        _audit(assessment.id, assessment.client_id, invitation_id, actor, deletion.label, "restored", "", "")
    return invitation


def _audit(
    assessment_id: int,
    client_id: int,
    invitation_id: int,
    actor: User,
    label: str,
    action: str,
    field: str,
    value: object,
) -> None:
    text = value.isoformat() if isinstance(value, (date, datetime)) else str(value)
    db.session.add(
        InvitationAuditEntry(
            assessment_id=assessment_id,
            client_id=client_id,
            invitation_id=invitation_id,
            user_id=actor.id,
            label=label[:200],
            action=action,
            field=field,
            old_value=text,
        )
    )
