"""View models for assessment pages: localized texts, table rows and charts built from results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import format_percent, get_locale
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import select

from assess.invitees import RowError
from assess.models import Assessment, AssessmentStatus
from assess.reliability import MIN_RESPONSE_RATE, MIN_SUBMITTED, Reliability, ResponseBase, response_base
from assess.result_rows import (
    CommentGroup,
    DimensionRow,
    Disagreement,
    ExpectationRow,
    QuestionGroup,
    RecommendationRow,
    comment_groups,
    dimension_rows,
    disagreement_of,
    expectation_rows,
    level_name,
    question_groups,
    question_texts,
    recommendation_rows,
)
from assess.results import AssessmentResults, ResponseRate, load_results
from assess.scoring import Scores
from charts.gaps import GapBar, gap_bars
from charts.heatmap import heatmap
from charts.radar import RadarSeries, radar_chart
from charts.svg import fonts_for
from core.content import localized
from core.extensions import db
from core.labels import label


def invitee_error_message(error: RowError) -> str:
    """Return the translated message for a bad line of an invitation list."""
    messages = {
        "missing_name": _("Line %(line)d: the name is missing.", line=error.line),
        "missing_department": _("Line %(line)d: the department is missing.", line=error.line),
        "bad_email": _("Line %(line)d: the e-mail address is not valid.", line=error.line),
        "duplicate_email": _(
            "Line %(line)d: %(email)s appears twice in the list (first on line %(first)s).",
            line=error.line,
            email=error.email,
            first=error.other,
        ),
        "already_invited": _(
            "Line %(line)d: %(email)s is already invited (%(name)s).",
            line=error.line,
            email=error.email,
            name=error.other,
        ),
        "too_many_columns": _("Line %(line)d: more than four columns.", line=error.line),
        "too_long": _("Line %(line)d: a value is longer than 120 characters.", line=error.line),
        "too_many_rows": _("Line %(line)d: at most 2000 respondents at a time.", line=error.line),
    }
    return messages[error.code]


@dataclass(frozen=True)
class AssessmentHeading:
    """What the results page and the report say of the assessment itself."""

    id: int
    title: str
    client_id: int
    client_name: str
    status: AssessmentStatus  # for the CSS class; the text is status_label
    status_label: str
    is_closed: bool
    closes_on: date
    anonymous: bool


@dataclass(frozen=True)
class ResultsView:
    """Everything the results page and the assessment report show, in the reader's language."""

    heading: AssessmentHeading
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
    comments: tuple[CommentGroup, ...]
    rates: tuple[ResponseRate, ...]
    radar_svg: Markup
    heatmap_svg: Markup
    gaps_svg: Markup
    question_groups: tuple[QuestionGroup, ...]

    disagreement: Disagreement
    response_base: ResponseBase
    response_warning: str  # empty unless the scores rest on too few responses

    @property
    def response_rate(self) -> float:
        """Return the share of invited respondents who submitted."""
        return self.response_base.rate

    @property
    def disagreeing(self) -> tuple[DimensionRow, ...]:
        """Return the dimensions on which respondents disagree."""
        return self.disagreement.dimensions

    @property
    def partly_split(self) -> tuple[DimensionRow, ...]:
        """Return the dimensions where respondents agree overall but are split on single questions."""
        return self.disagreement.split_only

    @property
    def expectation_warnings(self) -> tuple[ExpectationRow, ...]:
        """Return the expected benefits that are not realistic."""
        return tuple(row for row in self.expectations if row.warning)


def assessment_heading(assessment: Assessment, locale: str) -> AssessmentHeading:
    """Return the title, client, status and dates of an assessment, in the locale."""
    return AssessmentHeading(
        id=assessment.id,
        title=assessment.title,
        client_id=assessment.client_id,
        client_name=assessment.client.display_name(locale),
        status=assessment.status,
        status_label=label(assessment.status, locale),
        is_closed=assessment.status is AssessmentStatus.CLOSED,
        closes_on=assessment.closes_on,
        anonymous=assessment.anonymous,
    )


def results_view(assessment: Assessment, results: AssessmentResults) -> ResultsView:
    """Turn scored results into localized rows and charts."""
    locale = str(get_locale())
    with fonts_for(locale):
        return _results_view(assessment, results, locale)


def _results_view(assessment: Assessment, results: AssessmentResults, locale: str) -> ResultsView:
    question_text = question_texts(results.questionnaire, locale)
    rows = dimension_rows(results, locale, question_text)
    by_key = {row.key: row for row in rows}
    departments = tuple(results.by_department)
    roles = tuple(results.by_role)
    department_scores = _group_scores(results.by_department, rows)
    return ResultsView(
        heading=assessment_heading(assessment, locale),
        overall=results.scores.overall,
        stage_name=level_name(results.questionnaire, results.scores.stage, locale),
        respondents=results.scores.respondents,
        invited=results.invited,
        submitted=results.submitted,
        dimensions=rows,
        departments=departments,
        department_scores=department_scores,
        roles=roles,
        role_scores=_group_scores(results.by_role, rows),
        hidden_groups=results.hidden_groups,
        ranked=tuple(by_key[d.key] for d in results.scores.ranked_by_priority()),
        recommendations=recommendation_rows(results, locale, question_text, {row.key: row.name for row in rows}),
        expectations=expectation_rows(results, locale),
        comments=comment_groups(results, locale, question_text),
        rates=results.rates,
        radar_svg=_radar(results, rows, departments),
        heatmap_svg=heatmap(
            [row.name for row in rows], list(departments), department_scores, title=_("Score by department")
        )
        if departments
        else Markup(""),
        gaps_svg=gap_bars(
            [GapBar(row.name, row.score, row.target, row.disagrees) for row in rows],
            title=_("Score and target per dimension"),
        ),
        question_groups=question_groups(results, locale, question_text),
        disagreement=disagreement_of(rows),
        response_base=(base := response_base(results.invited, results.submitted)),
        response_warning=response_warning(base),
    )


def response_warning(base: ResponseBase) -> str:
    """Return the warning the results carry when they rest on too few responses, else an empty string."""
    if base.reliability is Reliability.TOO_FEW:
        return _(
            "Only %(submitted)d of %(invited)d invited submitted: fewer than %(minimum)d responses are too few to "
            "rely on the scores. Ask more people to answer before drawing conclusions.",
            submitted=base.submitted,
            invited=base.invited,
            minimum=MIN_SUBMITTED,
        )
    if base.reliability is Reliability.LOW_RATE:
        return _(
            "Only %(submitted)d of %(invited)d invited submitted (%(rate)s, under %(threshold)s): the scores may "
            "describe those who answered rather than the company. Ask the others to answer before drawing conclusions.",
            submitted=base.submitted,
            invited=base.invited,
            rate=format_percent(base.rate),
            threshold=format_percent(MIN_RESPONSE_RATE),
        )
    return ""


def _group_scores(groups: dict[str, Scores], rows: tuple[DimensionRow, ...]) -> tuple[tuple[float | None, ...], ...]:
    """Return each dimension's score in each group (department or role), dimension by dimension."""
    return tuple(tuple(scores.dimension(row.key).score for scores in groups.values()) for row in rows)


def _radar(results: AssessmentResults, rows: tuple[DimensionRow, ...], departments: tuple[str, ...]) -> Markup:
    series = [
        RadarSeries(_("Current"), tuple(row.score for row in rows), "current"),
        RadarSeries(_("Target"), tuple(row.target for row in rows), "target"),
    ] + [
        RadarSeries(name, tuple(results.by_department[name].dimension(row.key).score for row in rows), "overlay")
        for name in departments[:6]
    ]
    return radar_chart([row.name for row in rows], series, title=_("Maturity: current and target"))


@dataclass(frozen=True)
class DatedAssessment:
    """An assessment named with the day it was created, to pick it for a comparison."""

    id: int
    title: str
    created_at: datetime


def comparable_assessments(assessment: Assessment) -> tuple[DatedAssessment, ...]:
    """Return the client's other assessments, newest first, in one query."""
    rows = db.session.execute(
        select(Assessment.id, Assessment.title, Assessment.created_at)
        .where(Assessment.client_id == assessment.client_id, Assessment.id != assessment.id)
        .order_by(Assessment.created_at.desc())
    ).all()
    return tuple(DatedAssessment(*row) for row in rows)


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

    @property
    def rose(self) -> bool:
        """Return whether the score went up."""
        return self.change is not None and self.change > 0

    @property
    def fell(self) -> bool:
        """Return whether the score went down."""
        return self.change is not None and self.change < 0


@dataclass(frozen=True)
class ComparisonView:
    """The change per dimension between the earlier and the later of two assessments of a client."""

    assessment: DatedAssessment  # the one whose results page the comparison was opened from
    before: DatedAssessment
    after: DatedAssessment
    rows: tuple[ComparisonRow, ...]


def _dated(assessment: Assessment) -> DatedAssessment:
    return DatedAssessment(assessment.id, assessment.title, assessment.created_at)


def comparison_view(assessment: Assessment, other: Assessment) -> ComparisonView:
    """Compare an assessment with another of the same client, the earlier one first."""
    before, after = sorted([assessment, other], key=lambda item: (item.created_at, item.id))
    return ComparisonView(
        _dated(assessment), _dated(before), _dated(after), comparison(load_results(before), load_results(after))
    )


def comparison(before: AssessmentResults, after: AssessmentResults) -> tuple[ComparisonRow, ...]:
    """Return the change per dimension between two assessments (matched by dimension key)."""
    locale = str(get_locale())
    earlier = {d.key: d.score for d in before.scores.dimensions}
    rows = [
        ComparisonRow(localized(after.questionnaire.dimension(d.key).name, locale), earlier.get(d.key), d.score)
        for d in after.scores.dimensions
    ]
    rows.append(ComparisonRow(_("Overall"), before.scores.overall, after.scores.overall))
    return tuple(rows)
