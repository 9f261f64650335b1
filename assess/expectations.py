"""Judge the benefits respondents expect against the realism bounds of the questionnaire."""

from __future__ import annotations

import enum
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assess.questionnaire import Expectation

# A benefit is flagged when its median is out of bounds, or when at least this share of respondents is.
FLAG_SHARE = 1 / 3


class Verdict(enum.StrEnum):
    """How realistic an expected benefit is."""

    REALISTIC = "realistic"
    UNREALISTIC = "unrealistic"
    PESSIMISTIC = "pessimistic"


@dataclass(frozen=True)
class ExpectationSummary:
    """What the respondents expect of one benefit, and whether it is realistic."""

    key: str
    count: int
    median: float | None
    minimum: float | None
    maximum: float | None
    unrealistic: int
    pessimistic: int
    verdict: Verdict | None


def judge(expectation: Expectation, value: float) -> Verdict:
    """Return whether one expected value is realistic, unrealistically high or too pessimistic."""
    if expectation.unrealistic and expectation.unrealistic.crossed_by(value):
        return Verdict.UNREALISTIC
    if expectation.pessimistic and expectation.pessimistic.crossed_by(value):
        return Verdict.PESSIMISTIC
    return Verdict.REALISTIC


def overall_verdict(median_verdict: Verdict, count: int, unrealistic: int, pessimistic: int) -> Verdict:
    """Return the verdict on a benefit: the median's, unless a third or more of respondents cross a bound."""
    if median_verdict is not Verdict.REALISTIC or not count:
        return median_verdict
    if unrealistic / count >= FLAG_SHARE:
        return Verdict.UNREALISTIC
    if pessimistic / count >= FLAG_SHARE:
        return Verdict.PESSIMISTIC
    return Verdict.REALISTIC


def summarise(
    expectations: Sequence[Expectation], values: Mapping[str, Sequence[float]]
) -> tuple[ExpectationSummary, ...]:
    """Summarise each expectation over the respondents, with its verdict."""
    summaries = []
    for expectation in expectations:
        given = list(values.get(expectation.key, ()))
        verdicts = [judge(expectation, value) for value in given]
        median = statistics.median(given) if given else None
        summaries.append(
            ExpectationSummary(
                key=expectation.key,
                count=len(given),
                median=median,
                minimum=min(given) if given else None,
                maximum=max(given) if given else None,
                unrealistic=verdicts.count(Verdict.UNREALISTIC),
                pessimistic=verdicts.count(Verdict.PESSIMISTIC),
                verdict=None
                if median is None
                else overall_verdict(
                    judge(expectation, median),
                    len(given),
                    verdicts.count(Verdict.UNREALISTIC),
                    verdicts.count(Verdict.PESSIMISTIC),
                ),
            )
        )
    return tuple(summaries)
