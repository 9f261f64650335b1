"""Localized rows of the results view: dimensions, questions, recommendations, expectations and comments."""

from __future__ import annotations

from dataclasses import dataclass

from assess.expectations import Verdict
from assess.questionnaire import Questionnaire
from assess.results import AssessmentResults, Comment
from assess.scoring import QuestionScore, stage_of
from core.content import localized
from core.labels import label


@dataclass(frozen=True)
class DimensionRow:
    """One dimension in the results table."""

    key: str
    name: str
    score: float | None
    stage_name: str
    target: float | None
    gap: float | None
    priority: float
    stdev: float | None
    minimum: float | None
    maximum: float | None
    disagrees: bool
    disagreeing_questions: tuple[str, ...]


@dataclass(frozen=True)
class Disagreement:
    """Where respondents disagree; the headline figures and the flagged rows below them all read this one value."""

    dimensions: tuple[DimensionRow, ...]  # respondents' dimension scores lie 2 levels or more apart
    split_only: tuple[DimensionRow, ...]  # the others where respondents are split on single questions

    @property
    def split_questions(self) -> int:
        """Return how many questions are split in the dimensions of `split_only`."""
        return sum(len(row.disagreeing_questions) for row in self.split_only)


def disagreement_of(rows: tuple[DimensionRow, ...]) -> Disagreement:
    """Return the dimensions on which respondents disagree, and those split only on single questions, in order."""
    return Disagreement(
        dimensions=tuple(row for row in rows if row.disagrees),
        split_only=tuple(row for row in rows if not row.disagrees and row.disagreeing_questions),
    )


@dataclass(frozen=True)
class QuestionRow:
    """One question's score in the results."""

    text: str
    score: float | None
    answered: int
    not_applicable: int
    minimum: float | None
    maximum: float | None
    disagrees: bool


@dataclass(frozen=True)
class QuestionGroup:
    """The question scores of one dimension."""

    dimension: str
    questions: tuple[QuestionRow, ...]


@dataclass(frozen=True)
class RecommendationRow:
    """The next step for a weak area."""

    dimension: str
    question: str
    score: float | None
    current_level_name: str
    next_level_name: str
    next_descriptor: str


@dataclass(frozen=True)
class ExpectationRow:
    """What respondents expect of one benefit, with a warning when it is not realistic."""

    text: str
    is_percent: bool
    count: int
    median: float | None
    minimum: float | None
    maximum: float | None
    unrealistic: int
    pessimistic: int
    verdict: Verdict | None  # for the CSS class; the text is verdict_label
    verdict_label: str
    warning: str


@dataclass(frozen=True)
class CommentGroup:
    """The comments on one question; `opens_dimension` marks the first group of its dimension."""

    dimension: str
    question: str
    comments: tuple[Comment, ...]
    opens_dimension: bool


def level_name(questionnaire: Questionnaire, level: int | None, locale: str) -> str:
    """Return the name of a maturity stage in the locale."""
    if level is None:
        return ""
    return localized(questionnaire.levels[level - 1].name, locale)


def question_texts(questionnaire: Questionnaire, locale: str) -> dict[str, str]:
    """Return each question's text in the locale, by question key."""
    return {question.key: localized(question.text, locale) for question in questionnaire.questions}


def dimension_rows(results: AssessmentResults, locale: str, question_text: dict[str, str]) -> tuple[DimensionRow, ...]:
    """Return one row per dimension, in questionnaire order."""
    q = results.questionnaire
    return tuple(
        DimensionRow(
            key=d.key,
            name=localized(q.dimension(d.key).name, locale),
            score=d.score,
            stage_name=level_name(q, stage_of(d.score), locale),
            target=d.target,
            gap=d.gap,
            priority=d.priority,
            stdev=d.spread.stdev if d.spread else None,
            minimum=d.spread.minimum if d.spread else None,
            maximum=d.spread.maximum if d.spread else None,
            disagrees=d.disagrees,
            disagreeing_questions=tuple(question_text[key] for key in d.disagreeing_questions),
        )
        for d in results.scores.dimensions
    )


def _question_row(text: str, scored: QuestionScore) -> QuestionRow:
    spread = scored.spread
    return QuestionRow(
        text,
        scored.score,
        scored.answered,
        scored.not_applicable,
        spread.minimum if spread else None,
        spread.maximum if spread else None,
        bool(spread and spread.disagrees),
    )


def question_groups(
    results: AssessmentResults, locale: str, question_text: dict[str, str]
) -> tuple[QuestionGroup, ...]:
    """Return the question scores grouped by dimension."""
    scored = results.scores.questions
    return tuple(
        QuestionGroup(
            localized(dimension.name, locale),
            tuple(_question_row(question_text[question.key], scored[question.key]) for question in dimension.questions),
        )
        for dimension in results.questionnaire.dimensions
    )


def recommendation_rows(
    results: AssessmentResults,
    locale: str,
    question_text: dict[str, str],
    dimension_name: dict[str, str],
) -> tuple[RecommendationRow, ...]:
    """Return the next step of each recommended question."""
    q = results.questionnaire
    return tuple(
        RecommendationRow(
            dimension=dimension_name[item.dimension],
            question=question_text[item.question],
            score=results.scores.questions[item.question].score,
            current_level_name=level_name(q, item.current_level, locale),
            next_level_name=level_name(q, item.next_level, locale),
            next_descriptor=localized(q.question(item.question).levels[item.next_level - 1], locale),
        )
        for item in results.recommendations
    )


def expectation_rows(results: AssessmentResults, locale: str) -> tuple[ExpectationRow, ...]:
    """Return each expected benefit with its verdict and, when it is not realistic, the warning to show."""
    rows = []
    for expectation, summary in zip(results.questionnaire.expectations, results.expectations):
        warning = ""
        if summary.verdict is Verdict.UNREALISTIC:
            warning = localized(expectation.unrealistic_warning, locale)
        elif summary.verdict is Verdict.PESSIMISTIC:
            warning = localized(expectation.pessimistic_warning, locale)
        rows.append(
            ExpectationRow(
                text=localized(expectation.text, locale),
                is_percent=expectation.unit == "percent",
                count=summary.count,
                median=summary.median,
                minimum=summary.minimum,
                maximum=summary.maximum,
                unrealistic=summary.unrealistic,
                pessimistic=summary.pessimistic,
                verdict=summary.verdict,
                verdict_label=label(summary.verdict, locale),
                warning=warning,
            )
        )
    return tuple(rows)


def comment_groups(results: AssessmentResults, locale: str, question_text: dict[str, str]) -> tuple[CommentGroup, ...]:
    """Return the comments grouped by question, in questionnaire order."""
    q = results.questionnaire
    grouped: dict[str, list[Comment]] = {}
    for comment in results.comments:
        grouped.setdefault(comment.question_key, []).append(comment)
    groups: list[CommentGroup] = []
    for question in q.questions:
        if question.key in grouped:
            dimension = localized(q.dimension(question.dimension).name, locale)
            opens = not groups or groups[-1].dimension != dimension
            groups.append(CommentGroup(dimension, question_text[question.key], tuple(grouped[question.key]), opens))
    return tuple(groups)
