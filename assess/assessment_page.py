"""Read model of an assessment's own page: its set-up, the status move it offers, response rates and invitations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import get_locale
from sqlalchemy import select

from assess.enums import NEXT_STATUS, AssessmentStatus, ResponseStatus
from assess.models import Assessment, Invitation, Response
from assess.queries import linked_project_name
from assess.results import ResponseRate, response_rates
from core.extensions import db


@dataclass(frozen=True)
class InvitationRow:
    """One invitation on the assessment page, with how far its respondent got."""

    id: int
    name: str | None
    email: str | None
    department: str
    role: str
    revoked: bool
    is_submitted: bool
    is_in_progress: bool
    last_activity: datetime | None


@dataclass(frozen=True)
class AssessmentPage:
    """What the assessment page shows, in the reader's language."""

    id: int
    client_id: int
    client_name: str
    title: str
    status: AssessmentStatus
    next_status: AssessmentStatus  # what the status button moves the assessment to
    is_draft: bool
    is_open: bool
    closes_on: date
    anonymous: bool
    project_id: int | None  # the project whose health check reads this assessment
    project_name: str
    rates: tuple[ResponseRate, ...]
    invitations: tuple[InvitationRow, ...]

    @property
    def waiting_count(self) -> int:
        """Return how many live links have not submitted yet (what closing the assessment cuts off)."""
        return sum(1 for row in self.invitations if not row.revoked and not row.is_submitted)


def invitation_rows(assessment_id: int) -> tuple[InvitationRow, ...]:
    """Return the invitations of an assessment with their progress, in one query."""
    rows = db.session.execute(
        select(Invitation, Response.status, Response.updated_at)
        .outerjoin(Response, Response.invitation_id == Invitation.id)
        .where(Invitation.assessment_id == assessment_id)
        .order_by(Invitation.department, Invitation.name, Invitation.id)
    ).all()
    return tuple(
        InvitationRow(
            invitation.id,
            invitation.name,
            invitation.email,
            invitation.department,
            invitation.role,
            revoked=invitation.revoked_at is not None,
            is_submitted=status is ResponseStatus.SUBMITTED,
            is_in_progress=status is ResponseStatus.IN_PROGRESS,
            last_activity=updated,
        )
        for invitation, status, updated in rows
    )


def assessment_page(assessment: Assessment) -> AssessmentPage:
    """Return the assessment page's view model."""
    return AssessmentPage(
        id=assessment.id,
        client_id=assessment.client_id,
        client_name=assessment.client.display_name(str(get_locale())),
        title=assessment.title,
        status=assessment.status,
        next_status=NEXT_STATUS[assessment.status],
        is_draft=assessment.status is AssessmentStatus.DRAFT,
        is_open=assessment.status is AssessmentStatus.OPEN,
        closes_on=assessment.closes_on,
        anonymous=assessment.anonymous,
        project_id=assessment.project_id,
        project_name=linked_project_name(assessment.project_id),
        rates=response_rates(assessment.id),
        invitations=invitation_rows(assessment.id),
    )
