"""View models for assessment pages: localized texts, table rows and charts built from results."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup

from assess.expectations import Verdict
from assess.invitees import RowError
from assess.models import Assessment
from assess.questionnaire import Questionnaire
from assess.results import AssessmentResults
from assess.scoring import stage_of
from charts.gaps import GapBar, gap_bars
from charts.heatmap import heatmap
from charts.radar import RadarSeries, radar_chart
from charts.svg import fonts_for
from core.content import localized


def invitee_error_message(error: RowError) -> str:
    """Return the translated message for a bad line of an invitation list."""
    messages = {
        "missing_name": _("Line %(line)d: the name is missing.", line=error.line),
        "missing_department": _("Line %(line)d: the department is missing.", line=error.line),
        "bad_email": _("Line %(line)d: the e-mail address is not valid.", line=error.line),
        "duplicate_email": _("Line %(line)d: this e-mail address appears twice.", line=error.line),
        "too_many_columns": _("Line %(line)d: more than four columns.", line=error.line),
        "too_long": _("Line %(line)d: a value is longer than 120 characters.", line=error.line),
        "too_many_rows": _("Line %(line)d: at most 2000 respondents at a time.", line=error.line),
    }
    return messages[error.code]


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
    unit: str
    count: int
    median: float | None
    minimum: float | None
    maximum: float | None
    unrealistic: int
    pessimistic: int
    verdict: Verdict | None
    warning: str


@dataclass(frozen=True)
class ResultsView:
    """Everything the results page and the assessment report show, in the reader's language."""

    overall: float | None
    stage_name: str
    respondents: int
    invited: int
    submitted: int
    dimensions: tuple[DimensionRow, ...]
    departments: tuple[str, ...]
    department_scores: tuple[tuple[float | None, ...], ...]  # per dimension, per department
    roles: tuple[str, ...]
    role_scores: tuple[tuple[float | None, ...], ...]
    hidden_groups: int
    ranked: tuple[DimensionRow, ...]
    recommendations: tuple[RecommendationRow, ...]
    expectations: tuple[ExpectationRow, ...]
    comments: tuple[tuple[str, str, tuple], ...]  # (dimension name, question text, comments)
    rates: tuple
    radar_svg: Markup
    heatmap_svg: Markup
    gaps_svg: Markup
    question_text: dict[str, str]
    questions_by_dimension: tuple[tuple[str, tuple[QuestionRow, ...]], ...]


def level_name(questionnaire: Questionnaire, level: int | None, locale: str) -> str:
    """Return the name of a maturity stage in the locale."""
    if level is None:
        return ""
    return localized(questionnaire.levels[level - 1].name, locale)


def results_view(assessment: Assessment, results: AssessmentResults) -> ResultsView:
    """Turn scored results into localized rows and charts."""
    locale = str(get_locale())
    with fonts_for(locale):
        return _results_view(assessment, results, locale)


def _results_view(assessment: Assessment, results: AssessmentResults, locale: str) -> ResultsView:
    q = results.questionnaire
    scores = results.scores
    question_text = {question.key: localized(question.text, locale) for question in q.questions}
    rows = tuple(
        DimensionRow(
            key=d.key, name=localized(q.dimension(d.key).name, locale), score=d.score,
            stage_name=level_name(q, stage_of(d.score), locale), target=d.target, gap=d.gap, priority=d.priority,
            stdev=d.spread.stdev if d.spread else None, minimum=d.spread.minimum if d.spread else None,
            maximum=d.spread.maximum if d.spread else None, disagrees=d.disagrees,
            disagreeing_questions=tuple(question_text[key] for key in d.disagreeing_questions),
        )
        for d in scores.dimensions
    )
    by_key = {row.key: row for row in rows}
    departments = tuple(results.by_department)
    department_scores = tuple(
        tuple(results.by_department[name].dimension(row.key).score for name in departments) for row in rows
    )
    roles = tuple(results.by_role)
    role_scores = tuple(tuple(results.by_role[name].dimension(row.key).score for name in roles) for row in rows)
    names = [row.name for row in rows]
    series = [
        RadarSeries(_("Current"), tuple(row.score for row in rows), "current"),
        RadarSeries(_("Target"), tuple(row.target for row in rows), "target"),
    ] + [
        RadarSeries(name, tuple(results.by_department[name].dimension(row.key).score for row in rows), "overlay")
        for name in departments[:6]
    ]
    return ResultsView(
        overall=scores.overall,
        stage_name=level_name(q, scores.stage, locale),
        respondents=scores.respondents,
        invited=results.invited,
        submitted=results.submitted,
        dimensions=rows,
        departments=departments,
        department_scores=department_scores,
        roles=roles,
        role_scores=role_scores,
        hidden_groups=results.hidden_groups,
        ranked=tuple(by_key[d.key] for d in scores.ranked_by_priority()),
        recommendations=tuple(
            RecommendationRow(
                dimension=by_key[item.dimension].name, question=question_text[item.question],
                score=scores.questions[item.question].score,
                current_level_name=level_name(q, item.current_level, locale),
                next_level_name=level_name(q, item.next_level, locale),
                next_descriptor=localized(q.question(item.question).levels[item.next_level - 1], locale),
            )
            for item in results.recommendations
        ),
        expectations=_expectation_rows(q, results, locale),
        comments=_comment_groups(q, results, locale, question_text),
        rates=results.rates,
        radar_svg=radar_chart(names, series, title=_("Maturity: current and target")),
        heatmap_svg=heatmap(names, list(departments), department_scores, title=_("Score by department"))
        if departments else Markup(""),
        gaps_svg=gap_bars([GapBar(row.name, row.score, row.target, row.disagrees) for row in rows],
                          title=_("Score and target per dimension")),
        question_text=question_text,
        questions_by_dimension=tuple(
            (localized(dimension.name, locale), tuple(_question_row(question_text[q.key], scores.questions[q.key])
                                                       for q in dimension.questions))
            for dimension in q.dimensions
        ),
    )


def _question_row(text: str, scored) -> QuestionRow:  # type: ignore[no-untyped-def]
    spread = scored.spread
    return QuestionRow(text, scored.score, scored.answered, scored.not_applicable,
                       spread.minimum if spread else None, spread.maximum if spread else None,
                       bool(spread and spread.disagrees))


def _expectation_rows(q: Questionnaire, results: AssessmentResults, locale: str) -> tuple[ExpectationRow, ...]:
    rows = []
    for expectation, summary in zip(q.expectations, results.expectations):
        warning = ""
        if summary.verdict is Verdict.UNREALISTIC:
            warning = localized(expectation.unrealistic_warning, locale)
        elif summary.verdict is Verdict.PESSIMISTIC:
            warning = localized(expectation.pessimistic_warning, locale)
        rows.append(ExpectationRow(
            text=localized(expectation.text, locale), unit=expectation.unit, count=summary.count, median=summary.median,
            minimum=summary.minimum, maximum=summary.maximum, unrealistic=summary.unrealistic,
            pessimistic=summary.pessimistic, verdict=summary.verdict, warning=warning,
        ))
    return tuple(rows)


def _comment_groups(q: Questionnaire, results: AssessmentResults, locale: str, question_text: dict[str, str]) -> tuple:
    grouped: dict[str, list] = {}
    for comment in results.comments:
        grouped.setdefault(comment.question_key, []).append(comment)
    return tuple(
        (localized(q.dimension(question.dimension).name, locale), question_text[question.key], tuple(grouped[question.key]))
        for question in q.questions if question.key in grouped
    )


@dataclass(frozen=True)
class ComparisonRow:
    """A dimension's score in two assessments."""

    name: str
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        """Return after − before, when both exist."""
        return None if self.before is None or self.after is None else self.after - self.before


def comparison(before: AssessmentResults, after: AssessmentResults) -> list[ComparisonRow]:
    """Return the change per dimension between two assessments (matched by dimension key)."""
    locale = str(get_locale())
    earlier = {d.key: d.score for d in before.scores.dimensions}
    rows = [
        ComparisonRow(localized(after.questionnaire.dimension(d.key).name, locale), earlier.get(d.key), d.score)
        for d in after.scores.dimensions
    ]
    rows.append(ComparisonRow(_("Overall"), before.scores.overall, after.scores.overall))
    return rows

