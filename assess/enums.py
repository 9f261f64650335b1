"""States of assessments and responses, and the state sets the rules read; shared by models and pure modules."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType


class AssessmentStatus(enum.StrEnum):
    """Whether respondents can answer."""

    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class ResponseStatus(enum.StrEnum):
    """Whether a respondent is still answering."""

    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"


class InvitationState(enum.StrEnum):
    """How far an invitation's respondent got, as the invitations list shows and filters it."""

    NOT_STARTED = "not_started"  # the link was never used to answer: it may still be deleted
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    WITHDRAWN = "withdrawn"


def invitation_state(withdrawn: bool, response: ResponseStatus | None) -> InvitationState:
    """Return an invitation's state from whether its link was withdrawn and its response's status, if any."""
    if withdrawn:
        return InvitationState.WITHDRAWN
    if response is None:
        return InvitationState.NOT_STARTED
    return InvitationState.SUBMITTED if response is ResponseStatus.SUBMITTED else InvitationState.IN_PROGRESS


# Only an open assessment takes answers; a closed one takes no more invitations until it is reopened.
ANSWERING_STATUSES = frozenset({AssessmentStatus.OPEN})
INVITING_STATUSES = frozenset({AssessmentStatus.DRAFT, AssessmentStatus.OPEN})

# The one move the assessment page offers from each status: open a draft, close an open one, reopen a closed one.
NEXT_STATUS: Mapping[AssessmentStatus, AssessmentStatus] = MappingProxyType(
    {
        AssessmentStatus.DRAFT: AssessmentStatus.OPEN,
        AssessmentStatus.OPEN: AssessmentStatus.CLOSED,
        AssessmentStatus.CLOSED: AssessmentStatus.OPEN,
    }
)
