"""Read model of an assessment's own page: its set-up, the status move it offers, response rates and invitations."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from types import MappingProxyType

from flask_babel import get_locale
from sqlalchemy import select

from assess.enums import NEXT_STATUS, AssessmentStatus, InvitationState, ResponseStatus, invitation_state
from assess.models import Assessment, Invitation, Response
from assess.queries import linked_project_name
from assess.results import ResponseRate, response_rates
from core.extensions import db
from core.labels import label
from core.listing import Listing, ListingSpec, Shown, parse_listing, sort_rows

# The invitations list's sortable columns and filters, read from the page's GET parameters.
INVITATION_LISTING = ListingSpec(
    prefix="",
    sort_keys=("name", "department", "role", "state", "activity"),
    default_sort="department",
    filters=("state", "department"),
    anchor="invitations",
)
# Anonymous assessments show no names and no activity times, so their list is not sorted by either.
ANONYMOUS_INVITATION_LISTING = replace(INVITATION_LISTING, sort_keys=("department", "role", "state"))


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
    state: InvitationState = InvitationState.NOT_STARTED

    @property
    def may_delete(self) -> bool:
        """Return whether the invitation may be deleted: nobody has answered through it (else withdraw it)."""
        return not (self.is_submitted or self.is_in_progress)


@dataclass(frozen=True)
class InvitationList:
    """The invitations list of the assessment page: its sort, filters, counts and filter choices."""

    listing: Listing
    shown: Shown
    departments: tuple[tuple[str, str], ...]
    states: tuple[tuple[str, str], ...]


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
    invitations: tuple[InvitationRow, ...]  # as the list is sorted and filtered
    invitation_list: InvitationList

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
            state=invitation_state(invitation.revoked_at is not None, status),
        )
        for invitation, status, updated in rows
    )


def listed_invitations(
    rows: tuple[InvitationRow, ...], args: Mapping[str, str], anonymous: bool = False
) -> tuple[tuple[InvitationRow, ...], InvitationList]:
    """Sort and filter an assessment's invitations as the page's GET parameters ask."""
    departments = tuple((name, name) for name in sorted({row.department for row in rows}))
    allowed = {"state": [state.value for state in InvitationState], "department": [name for name, _ in departments]}
    listing = parse_listing(ANONYMOUS_INVITATION_LISTING if anonymous else INVITATION_LISTING, args, allowed)
    state, department = listing.value("state"), listing.value("department")
    shown = [
        row for row in rows if (not state or row.state == state) and (not department or row.department == department)
    ]
    order = list(InvitationState)
    keys = {
        "name": lambda row: row.name,
        "department": lambda row: row.department,
        "role": lambda row: row.role or None,
        "state": lambda row: order.index(row.state),
        "activity": lambda row: row.last_activity,
    }
    states = tuple((state.value, label(state)) for state in InvitationState)
    listed = InvitationList(listing, Shown(len(shown), len(rows)), departments, states)
    return sort_rows(shown, keys, listing), listed


def assessment_page(assessment: Assessment, args: Mapping[str, str] = MappingProxyType({})) -> AssessmentPage:
    """Return the assessment page's view model, its invitations sorted and filtered by the page's GET parameters."""
    invitations, invitation_list = listed_invitations(invitation_rows(assessment.id), args, assessment.anonymous)
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
        invitations=invitations,
        invitation_list=invitation_list,
    )
