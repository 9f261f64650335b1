"""Read model of a respondent's review page: every answer given so far, page by page, and what is still open."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from assess.questionnaire import Question, Questionnaire
from core.content import localized


@dataclass(frozen=True)
class GivenAnswer:
    """What a respondent has stored for one question: a level (1–5) or 'not applicable', and a comment."""

    level: int | None
    not_applicable: bool
    comment: str


@dataclass(frozen=True)
class ReviewedQuestion:
    """One question with the respondent's answer in words."""

    key: str
    number: int  # its number on its page, as the page shows it
    text: str
    level: int | None
    level_name: str  # the stage's name, e.g. "Defined"
    level_words: str  # the chosen level's descriptor for this question
    not_applicable: bool
    comment: str

    @property
    def answered(self) -> bool:
        """Return whether a level or 'not applicable' was chosen (a comment alone is no answer)."""
        return self.level is not None or self.not_applicable


@dataclass(frozen=True)
class ReviewedPage:
    """The questions of one questionnaire page (one dimension)."""

    number: int
    title: str
    questions: tuple[ReviewedQuestion, ...]

    @property
    def unanswered(self) -> int:
        """Return how many questions of the page are still unanswered."""
        return sum(1 for question in self.questions if not question.answered)


@dataclass(frozen=True)
class ReviewedExpectation:
    """One expected benefit with the value given, if any."""

    key: str
    text: str
    value: float | None
    in_percent: bool


@dataclass(frozen=True)
class Review:
    """Everything the review page shows before the respondent submits."""

    pages: tuple[ReviewedPage, ...]
    expectations_page: int  # the page number of the expectations (after the dimensions)
    expectations: tuple[ReviewedExpectation, ...]

    @property
    def unanswered_expectations(self) -> int:
        """Return how many expected benefits have no value."""
        return sum(1 for expectation in self.expectations if expectation.value is None)

    @property
    def unanswered(self) -> int:
        """Return how many questions and expected benefits are still unanswered."""
        return sum(page.unanswered for page in self.pages) + self.unanswered_expectations


def _reviewed_question(
    questionnaire: Questionnaire, question: Question, number: int, given: GivenAnswer | None, locale: str
) -> ReviewedQuestion:
    level = given.level if given and given.level and 1 <= given.level <= len(question.levels) else None
    return ReviewedQuestion(
        key=question.key,
        number=number,
        text=localized(question.text, locale),
        level=level,
        level_name=localized(questionnaire.levels[level - 1].name, locale) if level else "",
        level_words=localized(question.levels[level - 1], locale) if level else "",
        not_applicable=bool(given and given.not_applicable),
        comment=given.comment if given else "",
    )


def review_of(
    questionnaire: Questionnaire,
    answers: Mapping[str, GivenAnswer],
    expected: Mapping[str, float | None],
    locale: str,
) -> Review:
    """Return the review of a response: each question with its answer in words, grouped by page, then expectations."""
    pages = tuple(
        ReviewedPage(
            number,
            localized(dimension.name, locale),
            tuple(
                _reviewed_question(questionnaire, question, position, answers.get(question.key), locale)
                for position, question in enumerate(dimension.questions, start=1)
            ),
        )
        for number, dimension in enumerate(questionnaire.dimensions, start=1)
    )
    expectations = tuple(
        ReviewedExpectation(item.key, localized(item.text, locale), expected.get(item.key), item.in_percent)
        for item in questionnaire.expectations
    )
    return Review(pages, len(pages) + 1, expectations)
