"""Scoring rules, table-driven: N/A and missing answers, zero respondents, weights, gaps and disagreement."""

from __future__ import annotations

import math

import pytest

from assess.scoring import (
    Answer,
    DimensionSpec,
    QuestionSpec,
    priority_of,
    recommendations,
    score,
    score_groups,
    spread_of,
    stage_of,
    weighted_mean,
)

DIMENSIONS = (DimensionSpec("data", weight=2.0, target=4.0), DimensionSpec("sales", weight=1.0, target=3.0))
QUESTIONS = (
    QuestionSpec("data.code", "data", 1.0),
    QuestionSpec("data.dupes", "data", 3.0),
    QuestionSpec("sales.leads", "sales", 1.0),
)


def answers(*rows: tuple[int, str, int | None]) -> list[Answer]:
    return [Answer(respondent, question, level) for respondent, question, level in rows]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        (1.0, 1),
        (1.99, 1),
        (2.0, 2),
        (2.999, 2),
        (2.9999999999999996, 3),
        (3.0, 3),
        (4.5, 4),
        (5.0, 5),
        (0.5, 1),
        (7, 5),
    ],
)
def test_stage_is_the_level_fully_reached(value, expected) -> None:
    assert stage_of(value) == expected


@pytest.mark.parametrize(
    ("weight", "gap", "expected"),
    [
        (1.0, None, 0.0),
        (1.0, 0.0, 0.0),
        (1.0, -1.0, 0.0),
        (1.0, 1.0, 3.0),
        (2.0, 1.0, 6.0),
        (1.0, 2.0, 8.0),
        (1.5, 0.5, 1.875),
    ],
)
def test_priority(weight, gap, expected) -> None:
    assert priority_of(weight, gap) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([], None),
        ([(None, 1.0)], None),
        ([(2.0, 1.0), (4.0, 1.0)], 3.0),
        ([(2.0, 1.0), (4.0, 3.0)], 3.5),
        ([(2.0, 1.0), (None, 5.0)], 2.0),
    ],
)
def test_weighted_mean(pairs, expected) -> None:
    assert weighted_mean(pairs) == expected


@pytest.mark.parametrize(
    ("values", "stdev", "low", "high", "disagrees"),
    [
        ([3.0], 0.0, 3, 3, False),
        ([2.0, 4.0], 1.0, 2, 4, True),
        ([2.0, 3.0], 0.5, 2, 3, False),
        ([1.0, 1.0, 4.0], math.sqrt(2), 1, 4, True),
    ],
)
def test_spread(values, stdev, low, high, disagrees) -> None:
    spread = spread_of(values)
    assert spread.stdev == pytest.approx(stdev) and (spread.minimum, spread.maximum) == (low, high)
    assert spread.disagrees is disagrees


def test_zero_respondents() -> None:
    result = score(DIMENSIONS, QUESTIONS, [])
    assert result.overall is None and result.stage is None and result.respondents == 0
    assert all(
        dimension.score is None and dimension.gap is None and dimension.priority == 0 for dimension in result.dimensions
    )
    assert recommendations(result, QUESTIONS) == ()


def test_hand_computed_example() -> None:
    """Two respondents; respondent 2 says N/A to one question and skips another."""
    result = score(
        DIMENSIONS,
        QUESTIONS,
        answers(
            (1, "data.code", 2),
            (1, "data.dupes", 1),
            (1, "sales.leads", 4),
            (2, "data.code", 4),
            (2, "data.dupes", None),
        ),
    )
    # data.code: (2+4)/2 = 3; data.dupes: only respondent 1 → 1 (N/A is not a zero); sales.leads: 4.
    assert result.questions["data.code"].score == 3.0
    assert result.questions["data.dupes"].score == 1.0 and result.questions["data.dupes"].not_applicable == 1
    data, sales = result.dimensions
    assert data.score == pytest.approx((3 * 1 + 1 * 3) / 4)  # 1.5
    assert sales.score == 4.0
    assert result.overall == pytest.approx((1.5 * 2 + 4.0 * 1) / 3)  # 2.333…
    assert result.stage == 2
    assert data.gap == pytest.approx(2.5) and data.priority == pytest.approx(2.0 * (3.5**2 - 1))
    assert sales.gap == pytest.approx(-1.0) and sales.priority == 0.0
    # Respondent dimension scores for data: r1 = (2·1 + 1·3)/4 = 1.25, r2 = 4 (only data.code) → range 2.75.
    assert data.spread.minimum == pytest.approx(1.25) and data.spread.maximum == 4.0 and data.disagrees
    assert data.disagreeing_questions == ("data.code",)
    assert result.respondents == 2


def test_unknown_questions_are_ignored() -> None:
    result = score(DIMENSIONS, QUESTIONS, answers((1, "old.question", 5), (1, "sales.leads", 2)))
    assert result.questions.keys() == {"data.code", "data.dupes", "sales.leads"}
    assert result.dimension("sales").score == 2.0 and result.dimension("data").score is None
    assert result.overall == 2.0


def test_all_not_applicable_gives_no_score() -> None:
    result = score(DIMENSIONS, QUESTIONS, answers((1, "sales.leads", None), (2, "sales.leads", None)))
    assert result.dimension("sales").score is None and result.questions["sales.leads"].not_applicable == 2
    assert result.overall is None


def test_no_target_means_no_gap() -> None:
    result = score((DimensionSpec("sales", 1.0, None),), QUESTIONS[2:], answers((1, "sales.leads", 2)))
    assert result.dimension("sales").gap is None and result.dimension("sales").priority == 0


def test_groups_are_scored_separately() -> None:
    rows = answers((1, "sales.leads", 5), (2, "sales.leads", 1), (3, "sales.leads", 2))
    groups = score_groups(DIMENSIONS, QUESTIONS, rows, {1: "销售部", 2: "客服部", 3: "客服部"})
    assert list(groups) == sorted(["销售部", "客服部"])
    assert groups["销售部"].dimension("sales").score == 5.0
    assert groups["客服部"].dimension("sales").score == 1.5


def test_recommendations_name_the_next_level_of_the_weakest_questions() -> None:
    rows = answers((1, "data.code", 3), (1, "data.dupes", 1), (1, "sales.leads", 1))
    result = score(DIMENSIONS, QUESTIONS, rows)
    advice = recommendations(result, QUESTIONS, top_dimensions=1, per_dimension=1)
    assert [(item.dimension, item.question, item.current_level, item.next_level) for item in advice] == [
        ("data", "data.dupes", 1, 2)
    ]


def test_ranking_puts_heavier_larger_gaps_first() -> None:
    rows = answers((1, "data.code", 2), (1, "data.dupes", 2), (1, "sales.leads", 1))
    ranked = score(DIMENSIONS, QUESTIONS, rows).ranked_by_priority()
    # data: weight 2, gap 2 → 16; sales: weight 1, gap 2 → 8.
    assert [dimension.key for dimension in ranked] == ["data", "sales"]
