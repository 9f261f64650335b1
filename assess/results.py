"""Read an assessment's answers in a fixed number of queries and score them, overall and by group."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import ColumnElement, Row, case, func, select

from assess.expectations import ExpectationSummary, summarise
from assess.library import content_of
from assess.models import Answer, Assessment, AssessmentTarget, ExpectationAnswer, Invitation, Response, ResponseStatus
from assess.questionnaire import Questionnaire
from assess.scoring import Answer as ScoredAnswer
from assess.scoring import DimensionSpec, QuestionSpec, Recommendation, Scores, recommendations, score, score_groups
from core.extensions import db
from core.profiling import paused_gc

# In anonymous assessments a department or role is shown only with at least this many respondents.
MIN_ANONYMOUS_GROUP = 3


@dataclass(frozen=True)
class Comment:
    """A respondent's comment on a question (anonymous: without a name)."""

    question_key: str
    department: str
    text: str
    respondent: str | None


@dataclass(frozen=True)
class ResponseRate:
    """Invited, started and submitted respondents of a department."""

    department: str
    invited: int
    started: int
    submitted: int

    @property
    def rate(self) -> float:
        """Return the share of invited respondents who submitted."""
        return self.submitted / self.invited if self.invited else 0.0


@dataclass(frozen=True)
class AssessmentResults:
    """Everything the results page, exports and the report show of an assessment."""

    questionnaire: Questionnaire
    scores: Scores
    by_department: dict[str, Scores]
    by_role: dict[str, Scores]
    hidden_groups: int
    recommendations: tuple[Recommendation, ...]
    expectations: tuple[ExpectationSummary, ...]
    comments: tuple[Comment, ...]
    rates: tuple[ResponseRate, ...]
    targets: dict[str, float] = field(default_factory=dict)

    @property
    def submitted(self) -> int:
        """Return how many responses were submitted."""
        return sum(rate.submitted for rate in self.rates)

    @property
    def invited(self) -> int:
        """Return how many respondents were invited."""
        return sum(rate.invited for rate in self.rates)


def specs(questionnaire: Questionnaire, targets: dict[str, float]) -> tuple[list[DimensionSpec], list[QuestionSpec]]:
    """Return the scoring specs of a questionnaire with an assessment's targets."""
    dimensions = [DimensionSpec(d.key, d.weight, targets.get(d.key)) for d in questionnaire.dimensions]
    questions = [QuestionSpec(q.key, q.dimension, q.weight) for q in questionnaire.questions]
    return dimensions, questions


def response_rates(assessment_id: int) -> tuple[ResponseRate, ...]:
    """Return invited, started and submitted counts per department, in one query."""
    submitted = func.sum(case((Response.status == ResponseStatus.SUBMITTED, 1), else_=0))
    rows = db.session.execute(
        select(Invitation.department, func.count(Invitation.id), func.count(Response.id), submitted)
        .outerjoin(Response, Response.invitation_id == Invitation.id)
        .where(Invitation.assessment_id == assessment_id, Invitation.revoked_at.is_(None))
        .group_by(Invitation.department)
        .order_by(Invitation.department)
    ).all()
    return tuple(
        ResponseRate(department, invited, started, int(done or 0)) for department, invited, started, done in rows
    )


def _hide_small_groups(groups: dict[str, Scores], anonymous: bool) -> tuple[dict[str, Scores], int]:
    if not anonymous:
        return groups, 0
    kept = {name: scores for name, scores in groups.items() if scores.respondents >= MIN_ANONYMOUS_GROUP}
    return kept, len(groups) - len(kept)


def load_results(assessment: Assessment, include_unsubmitted: bool = False) -> AssessmentResults:
    """Score an assessment from the submitted responses (and, on request, those still in progress)."""
    with paused_gc():
        return _load_results(assessment, include_unsubmitted)


class _CountedRows(NamedTuple):
    """The rows of the responses that count, as read from the database."""

    respondents: Sequence[Row[tuple[int, str, str, str | None]]]
    answers: Sequence[ScoredAnswer]
    commented: Sequence[Row[tuple[int, str, str]]]
    expected: Sequence[Row[tuple[str, float]]]


def _read_counted_rows(counted: ColumnElement[bool]) -> _CountedRows:
    """Read respondents, answers, comments and expectations of the responses that count, in four queries."""
    respondents = db.session.execute(
        select(Response.id, Response.department, Response.role, Invitation.name)
        .join(Invitation, Invitation.id == Response.invitation_id)
        .where(counted)
    ).all()
    # Core rows, not ORM rows: this query returns every answer of the assessment. Its rows unpack as
    # (respondent, question, level), the shape of scoring.Answer, so they go to scoring as they are.
    answers: Sequence[ScoredAnswer] = (
        db.session.connection()
        .execute(  # type: ignore[assignment]
            select(Answer.response_id, Answer.question_key, Answer.level)
            .join(Response, Response.id == Answer.response_id)
            .where(counted, Answer.level.is_not(None) | Answer.not_applicable.is_(True))
        )
        .all()
    )
    commented = db.session.execute(
        select(Answer.response_id, Answer.question_key, Answer.comment)
        .join(Response, Response.id == Answer.response_id)
        .where(counted, Answer.comment != "")
        .order_by(Answer.question_key, Answer.response_id)
    ).all()
    expected = db.session.execute(
        select(ExpectationAnswer.expectation_key, ExpectationAnswer.value)
        .join(Response, Response.id == ExpectationAnswer.response_id)
        .where(counted, ExpectationAnswer.value.is_not(None))
    ).all()
    return _CountedRows(respondents, answers, commented, expected)


def _load_results(assessment: Assessment, include_unsubmitted: bool) -> AssessmentResults:
    questionnaire = content_of(assessment.questionnaire)
    targets = dict(
        db.session.execute(
            select(AssessmentTarget.dimension_key, AssessmentTarget.target).where(
                AssessmentTarget.assessment_id == assessment.id
            )
        ).all()
    )
    counted = Response.assessment_id == assessment.id
    if not include_unsubmitted:
        counted = counted & (Response.status == ResponseStatus.SUBMITTED)
    rows = _read_counted_rows(counted)

    dimension_specs, question_specs = specs(questionnaire, targets)
    overall = score(dimension_specs, question_specs, rows.answers)
    department_of = {row.id: row.department for row in rows.respondents}
    role_of = {row.id: row.role for row in rows.respondents if row.role}
    by_department, hidden_departments = _hide_small_groups(
        score_groups(dimension_specs, question_specs, rows.answers, department_of), assessment.anonymous
    )
    by_role, hidden_roles = _hide_small_groups(
        score_groups(dimension_specs, question_specs, rows.answers, role_of), assessment.anonymous
    )

    values: dict[str, list[float]] = defaultdict(list)
    for key, value in rows.expected:
        values[key].append(value)
    name_of = {row.id: row.name for row in rows.respondents}
    comments = tuple(
        Comment(
            key,
            department_of.get(response_id, ""),
            comment.strip(),
            None if assessment.anonymous else name_of.get(response_id),
        )
        for response_id, key, comment in rows.commented
        if comment.strip()
    )
    return AssessmentResults(
        questionnaire=questionnaire,
        scores=overall,
        by_department=by_department,
        by_role=by_role,
        hidden_groups=hidden_departments + hidden_roles,
        recommendations=recommendations(overall, question_specs),
        expectations=summarise(questionnaire.expectations, values),
        comments=comments,
        rates=response_rates(assessment.id),
        targets=targets,
    )
