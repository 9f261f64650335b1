"""Score an assessment: per question, dimension, department/role and overall, with gaps and disagreement.

A question's score is the mean level of the respondents who answered it (not applicable and
missing answers are left out, never counted as zero). A dimension's score is the weighted mean
of its question scores; the overall score is the weighted mean of the dimension scores.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

DISAGREEMENT_LEVELS = 2.0  # respondents this many levels apart disagree
MAX_LEVEL = 5
_FLOAT_TOLERANCE = 1e-9


@dataclass(frozen=True)
class QuestionSpec:
    """A question as scoring sees it."""

    key: str
    dimension: str
    weight: float = 1.0


@dataclass(frozen=True)
class DimensionSpec:
    """A dimension as scoring sees it, with the assessment's target level."""

    key: str
    weight: float = 1.0
    target: float | None = None


class Answer(NamedTuple):
    """One respondent's level for one question; None means not applicable / don't know."""

    # A NamedTuple, not a dataclass: an assessment has tens of thousands of answers, and tuples are cheap to make.
    respondent: int
    question: str
    level: int | None


@dataclass(frozen=True)
class Spread:
    """How far respondents lie apart."""

    stdev: float
    minimum: float
    maximum: float

    @property
    def range(self) -> float:
        """Return max − min."""
        return self.maximum - self.minimum

    @property
    def disagrees(self) -> bool:
        """Return whether respondents lie DISAGREEMENT_LEVELS or more apart."""
        # Weighted means carry float error: 3.3 − 1.3 is 1.9999999999999998, yet the page shows "1.3–3.3".
        return self.range >= DISAGREEMENT_LEVELS - _FLOAT_TOLERANCE


@dataclass(frozen=True)
class QuestionScore:
    """A question's mean level, how many answered, and their spread."""

    key: str
    score: float | None
    answered: int
    not_applicable: int
    spread: Spread | None


@dataclass(frozen=True)
class DimensionScore:
    """A dimension's score against its target, with spread across respondents and priority."""

    key: str
    score: float | None
    target: float | None
    gap: float | None
    priority: float
    spread: Spread | None
    respondents: int
    disagreeing_questions: tuple[str, ...]

    @property
    def disagrees(self) -> bool:
        """Return whether respondents' scores for this dimension lie two levels or more apart."""
        return self.spread is not None and self.spread.disagrees


@dataclass(frozen=True)
class Recommendation:
    """The next step for a weak question of a high-priority dimension."""

    dimension: str
    question: str
    current_level: int
    next_level: int


@dataclass(frozen=True)
class Scores:
    """Everything the results page, exports and reports show."""

    overall: float | None
    stage: int | None
    respondents: int
    dimensions: tuple[DimensionScore, ...]
    questions: Mapping[str, QuestionScore]

    def dimension(self, key: str) -> DimensionScore:
        """Return the score of one dimension."""
        return next(dimension for dimension in self.dimensions if dimension.key == key)

    def ranked_by_priority(self) -> tuple[DimensionScore, ...]:
        """Return the dimensions with a positive gap, highest priority first."""
        gaps = [dimension for dimension in self.dimensions if dimension.priority > 0]
        return tuple(sorted(gaps, key=lambda dimension: (-dimension.priority, dimension.key)))


def stage_of(score: float | None) -> int | None:
    """Return the maturity stage a score has fully reached (2.9 is still stage 2)."""
    if score is None:
        return None
    return max(1, min(MAX_LEVEL, math.floor(score + 1e-9)))


def priority_of(weight: float, gap: float | None) -> float:
    """Return weight × ((1 + gap)² − 1): large gaps in heavy dimensions come first; no gap, no priority."""
    if gap is None or gap <= 0:
        return 0.0
    return weight * ((1 + gap) ** 2 - 1)


def weighted_mean(pairs: Iterable[tuple[float | None, float]]) -> float | None:
    """Return the weighted mean of (value, weight) pairs, skipping None values; None when nothing is left."""
    total = weight_sum = 0.0
    for value, weight in pairs:
        if value is not None:
            total += value * weight
            weight_sum += weight
    return total / weight_sum if weight_sum else None


def spread_of(values: Sequence[float]) -> Spread | None:
    """Return the population standard deviation and range of values (None for no values)."""
    if not values:
        return None
    mean = sum(values) / len(values)
    variance = sum((value - mean) ** 2 for value in values) / len(values)
    return Spread(stdev=math.sqrt(variance), minimum=float(min(values)), maximum=float(max(values)))


def _question_scores(questions: Sequence[QuestionSpec], answers: Iterable[Answer]) -> dict[str, QuestionScore]:
    levels: dict[str, list[int]] = {question.key: [] for question in questions}
    not_applicable: dict[str, int] = defaultdict(int)
    for _respondent, key, level in answers:
        given = levels.get(key)
        if given is None:
            continue  # a question this questionnaire does not have
        if level is None:
            not_applicable[key] += 1
        else:
            given.append(level)
    return {
        key: QuestionScore(
            key=key,
            score=sum(given) / len(given) if given else None,
            answered=len(given),
            not_applicable=not_applicable.get(key, 0),
            spread=spread_of(given),
        )
        for key, given in levels.items()
    }


def _respondent_dimension_scores(
    questions: Sequence[QuestionSpec], answers: Iterable[Answer]
) -> dict[str, list[float]]:
    """Return, per dimension, each respondent's own weighted mean over the questions they answered."""
    meta = {question.key: (question.dimension, question.weight) for question in questions}
    sums: dict[str, dict[int, list[float]]] = defaultdict(dict)
    for respondent, key, level in answers:
        if level is None:
            continue
        found = meta.get(key)
        if found is None:
            continue
        dimension, weight = found
        per_respondent = sums[dimension]
        bucket = per_respondent.get(respondent)
        if bucket is None:
            bucket = per_respondent[respondent] = [0.0, 0.0]
        bucket[0] += level * weight
        bucket[1] += weight
    return {
        dimension: [total / weight for total, weight in per_respondent.values()]
        for dimension, per_respondent in sums.items()
    }


def score(dimensions: Sequence[DimensionSpec], questions: Sequence[QuestionSpec], answers: Sequence[Answer]) -> Scores:
    """Score all answers of an assessment (or of one department's respondents)."""
    question_scores = _question_scores(questions, answers)
    respondent_scores = _respondent_dimension_scores(questions, answers)
    results = []
    for dimension in dimensions:
        own = [question for question in questions if question.dimension == dimension.key]
        value = weighted_mean((question_scores[question.key].score, question.weight) for question in own)
        gap = None if value is None or dimension.target is None else dimension.target - value
        results.append(
            DimensionScore(
                key=dimension.key,
                score=value,
                target=dimension.target,
                gap=gap,
                priority=priority_of(dimension.weight, gap),
                spread=spread_of(respondent_scores.get(dimension.key, [])),
                respondents=len(respondent_scores.get(dimension.key, [])),
                disagreeing_questions=tuple(
                    question.key
                    for question in own
                    if (spread := question_scores[question.key].spread) is not None and spread.disagrees
                ),
            )
        )
    overall = weighted_mean((result.score, dimension.weight) for result, dimension in zip(results, dimensions))
    return Scores(
        overall=overall,
        stage=stage_of(overall),
        respondents=len({answer[0] for answer in answers}),
        dimensions=tuple(results),
        questions=question_scores,
    )


def score_groups(
    dimensions: Sequence[DimensionSpec],
    questions: Sequence[QuestionSpec],
    answers: Sequence[Answer],
    group_of: Mapping[int, str],
) -> dict[str, Scores]:
    """Score each group of respondents (department or role) on its own."""
    if not group_of:
        return {}
    grouped: dict[str, list[Answer]] = defaultdict(list)
    for answer in answers:
        group = group_of.get(answer[0])
        if group is not None:
            grouped[group].append(answer)
    return {group: score(dimensions, questions, grouped[group]) for group in sorted(grouped)}


def recommendations(
    scores: Scores, questions: Sequence[QuestionSpec], top_dimensions: int = 3, per_dimension: int = 2
) -> tuple[Recommendation, ...]:
    """Return the next-level steps of the weakest questions in the highest-priority dimensions."""
    advice = []
    for dimension in scores.ranked_by_priority()[:top_dimensions]:
        scored = [
            (scores.questions[question.key].score, question.key)
            for question in questions
            if question.dimension == dimension.key and scores.questions[question.key].score is not None
        ]
        for value, key in sorted(scored)[:per_dimension]:
            current = stage_of(value) or 1
            if current < MAX_LEVEL:
                advice.append(Recommendation(dimension.key, key, current, current + 1))
    return tuple(advice)
