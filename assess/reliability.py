"""Whether an assessment has enough submitted responses for its scores to be relied on (a pure rule).

Scores from a few respondents, or from a small share of those invited, may describe the people who answered rather
than the company. The results page and the assessment report warn when either is the case:
fewer than MIN_SUBMITTED responses were submitted, or fewer than MIN_RESPONSE_RATE of the invited respondents
submitted (3 of 10 warns; 5 of 10 does not). With no submitted response there are no scores to warn about.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

MIN_SUBMITTED = 3
MIN_RESPONSE_RATE = 0.5


class Reliability(enum.StrEnum):
    """How far the scores can be relied on, judged by how many responses they rest on."""

    NO_RESPONSES = "no_responses"
    TOO_FEW = "too_few"  # fewer than MIN_SUBMITTED submitted responses
    LOW_RATE = "low_rate"  # enough responses, but under MIN_RESPONSE_RATE of those invited
    SUFFICIENT = "sufficient"


@dataclass(frozen=True)
class ResponseBase:
    """The responses the scores rest on: how many were invited and submitted, and what that makes of them."""

    invited: int
    submitted: int
    reliability: Reliability

    @property
    def rate(self) -> float:
        """Return the share of invited respondents who submitted (0 when nobody was invited)."""
        return self.submitted / self.invited if self.invited else 0.0

    @property
    def is_low(self) -> bool:
        """Return whether the results should carry a warning that they rest on too few responses."""
        return self.reliability in (Reliability.TOO_FEW, Reliability.LOW_RATE)


def response_base(invited: int, submitted: int) -> ResponseBase:
    """Judge whether `submitted` responses out of `invited` invitations are enough to rely on the scores."""
    if submitted <= 0:
        reliability = Reliability.NO_RESPONSES
    elif submitted < MIN_SUBMITTED:
        reliability = Reliability.TOO_FEW
    elif invited and submitted / invited < MIN_RESPONSE_RATE:
        reliability = Reliability.LOW_RATE
    else:
        reliability = Reliability.SUFFICIENT
    return ResponseBase(invited, submitted, reliability)
