"""Pure rules for respondent links: whether a link works today, and the pages of a questionnaire."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from assess.enums import ANSWERING_STATUSES, AssessmentStatus
from assess.questionnaire import Questionnaire


class LinkState(enum.StrEnum):
    """What a respondent link leads to."""

    OPEN = "open"
    NOT_OPEN_YET = "not_open_yet"
    CLOSED = "closed"
    REVOKED = "revoked"
    SUBMITTED = "submitted"


# A link's welcome page (or thank-you page) shows while it is open or once its answers are submitted; the other
# states show why the link no longer works.
WELCOMING_STATES = frozenset({LinkState.OPEN, LinkState.SUBMITTED})

# Anonymous links are made in batches of at most this many.
MAX_LINKS_AT_ONCE = 500


def link_state(
    assessment_status: AssessmentStatus, closes_on: date, revoked_at: datetime | None, submitted: bool, today: date
) -> LinkState:
    """Return the state of a link: revoked and closed links stop working; a submitted response is read-only."""
    if revoked_at is not None:
        return LinkState.REVOKED
    if assessment_status is AssessmentStatus.CLOSED or today > closes_on:
        return LinkState.CLOSED
    if submitted:
        return LinkState.SUBMITTED
    if assessment_status not in ANSWERING_STATUSES:
        return LinkState.NOT_OPEN_YET
    return LinkState.OPEN


@dataclass(frozen=True)
class PagePlan:
    """The pages of a questionnaire: one per dimension, then one for expectations if there are any."""

    dimension_keys: tuple[str, ...]
    has_expectations: bool

    @property
    def count(self) -> int:
        """Return the number of answer pages."""
        return len(self.dimension_keys) + (1 if self.has_expectations else 0)

    def dimension_on(self, page: int) -> str | None:
        """Return the dimension shown on a page, or None for the expectations page."""
        return self.dimension_keys[page - 1] if 1 <= page <= len(self.dimension_keys) else None

    def clamp(self, page: int) -> int:
        """Return a page number inside the plan."""
        return max(1, min(self.count, page))

    def destination(self, page: int, go: str, jump: int | None) -> int | None:
        """Return the page to show after a page was saved, or None for the review: a chosen page, back, or on."""
        if jump:
            return self.clamp(jump)
        if go == "review" or (go == "next" and page == self.count):
            return None
        return self.clamp(page - 1 if go == "previous" else page + 1)


def page_plan(questionnaire: Questionnaire) -> PagePlan:
    """Return the page plan of a questionnaire."""
    return PagePlan(tuple(dimension.key for dimension in questionnaire.dimensions), bool(questionnaire.expectations))
