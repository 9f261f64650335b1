"""Expected benefits against the realism bounds (seed 002: 'double the sales' is doomed; small wins are credible)."""

from __future__ import annotations

import pytest

from assess.expectations import Verdict, judge, overall_verdict, summarise
from assess.questionnaire import Bound, Expectation

GROWTH = Expectation("sales_growth_pct", "percent", 0, 500, {}, {}, Bound("above", 30), Bound("below", 1), {}, {})
MONTHS = Expectation("months_to_results", "months", 1, 60, {}, {}, Bound("below", 3), Bound("above", 24), {}, {})
STAFF = Expectation("staff_reduction_pct", "percent", 0, 100, {}, {}, Bound("above", 15), None, {}, {})


@pytest.mark.parametrize(
    ("expectation", "value", "verdict"),
    [
        (GROWTH, 100, Verdict.UNREALISTIC),
        (GROWTH, 30, Verdict.REALISTIC),
        (GROWTH, 10, Verdict.REALISTIC),
        (GROWTH, 0.5, Verdict.PESSIMISTIC),
        (MONTHS, 1, Verdict.UNREALISTIC),
        (MONTHS, 6, Verdict.REALISTIC),
        (MONTHS, 36, Verdict.PESSIMISTIC),
        (STAFF, 50, Verdict.UNREALISTIC),
        (STAFF, 0, Verdict.REALISTIC),
    ],
)
def test_judge(expectation, value, verdict) -> None:
    assert judge(expectation, value) is verdict


@pytest.mark.parametrize(
    ("median", "count", "high", "low", "expected"),
    [
        (Verdict.UNREALISTIC, 3, 2, 0, Verdict.UNREALISTIC),
        (Verdict.REALISTIC, 9, 3, 0, Verdict.UNREALISTIC),  # a third of respondents expect too much
        (Verdict.REALISTIC, 9, 2, 0, Verdict.REALISTIC),
        (Verdict.REALISTIC, 6, 0, 2, Verdict.PESSIMISTIC),
        (Verdict.REALISTIC, 0, 0, 0, Verdict.REALISTIC),
    ],
)
def test_overall_verdict(median, count, high, low, expected) -> None:
    assert overall_verdict(median, count, high, low) is expected


def test_summary_counts_and_median() -> None:
    (growth, months) = summarise((GROWTH, MONTHS), {"sales_growth_pct": [100, 10, 20], "months_to_results": []})
    assert (growth.count, growth.median, growth.minimum, growth.maximum) == (3, 20, 10, 100)
    assert growth.unrealistic == 1 and growth.verdict is Verdict.UNREALISTIC  # one of three is a third
    assert months.count == 0 and months.median is None and months.verdict is None
