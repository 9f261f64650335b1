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
