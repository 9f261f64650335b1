"""The response-base rule: when results rest on too few responses to be relied on."""

from __future__ import annotations

import pytest

from assess.reliability import MIN_RESPONSE_RATE, MIN_SUBMITTED, Reliability, response_base
from assess.scoring import spread_of


@pytest.mark.parametrize(
    ("invited", "submitted", "reliability", "warns"),
    [
        (10, 0, Reliability.NO_RESPONSES, False),  # no scores yet: the page says so instead
        (0, 0, Reliability.NO_RESPONSES, False),
        (10, 1, Reliability.TOO_FEW, True),
        (2, 2, Reliability.TOO_FEW, True),  # all invited answered, but two people are not a company
        (10, 3, Reliability.LOW_RATE, True),  # 30 %
        (10, 4, Reliability.LOW_RATE, True),
        (10, 5, Reliability.SUFFICIENT, False),  # exactly half is enough
        (3, 3, Reliability.SUFFICIENT, False),
        (200, 99, Reliability.LOW_RATE, True),
        (200, 100, Reliability.SUFFICIENT, False),
        (0, 4, Reliability.SUFFICIENT, False),  # links withdrawn since: no rate to judge, enough responses
    ],
)
def test_response_base(invited, submitted, reliability, warns) -> None:
    base = response_base(invited, submitted)
    assert (base.reliability, base.is_low) == (reliability, warns)
    assert base.rate == (submitted / invited if invited else 0.0)


def test_the_thresholds_are_the_documented_ones() -> None:
    assert (MIN_SUBMITTED, MIN_RESPONSE_RATE) == (3, 0.5)


@pytest.mark.parametrize(
    ("values", "disagrees"),
    [
        ([1.3, 3.3], True),  # 3.3 − 1.3 is 1.9999999999999998 in floating point, shown as 2 levels apart
        ([1.4, 3.4], True),
        ([4.1, 2.1], True),
        ([1.31, 3.3], False),
        ([4 / 3, 10 / 3], True),
        ([1.0, 2.999], False),
    ],
)
def test_disagreement_of_dimension_scores_tolerates_float_error(values, disagrees) -> None:
    spread = spread_of(values)
    assert spread is not None and spread.disagrees is disagrees
