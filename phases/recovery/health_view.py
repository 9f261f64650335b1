"""Read model of the health check: the project page's facts and its own assessment's maturity signals."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select

from assess.expectations import Verdict
from assess.models import Assessment, Response, ResponseStatus
from assess.results import load_results
from core.extensions import db
from phases.issues.enums import IssueSeverity
from phases.issues.queries import OpenIssues, open_issues
from phases.projects.enums import CriterionStanding, GateDecision, MilestoneRag
from phases.projects.models import Project
from phases.projects.view import ProjectView, project_view
from phases.recovery.health import HealthCheck, HealthFacts, check_health
from phases.recovery.playbook import health_reason, health_rules


@dataclass(frozen=True)
class HealthView:
    """The health check with each reason as a sentence in the reader's language."""

    check: HealthCheck
    reasons: tuple[str, ...]
    assessment_title: str  # the linked assessment whose maturity signals the check read; "" when none is linked
    client_id: int = 0


def last_assessment(project_id: int) -> Assessment | None:
    """Return the newest assessment linked to the project; another project's or an unlinked one never speaks for it."""
    return db.session.scalars(
        select(Assessment)
        .where(Assessment.project_id == project_id)
        .order_by(Assessment.created_at.desc(), Assessment.id.desc())
    ).first()


@dataclass(frozen=True)
class MaturitySignals:
    """What the health check reads of an assessment: overall score, split dimensions, unrealistic benefits."""

    score: float | None
    divergent: int
    unrealistic: int


# Submitted responses do not change, so an assessment's signals are kept until another response is submitted:
# the project page then pays one small aggregate query instead of scoring every answer again.
_SIGNALS: dict[tuple[Any, ...], MaturitySignals] = {}
_SIGNALS_KEPT = 256


def maturity_signals_of(assessment_ids: list[int]) -> dict[int, MaturitySignals]:
    """Return the health signals of each assessment with a submitted response, in one query while they are kept."""
    rows = db.session.execute(
        select(
            Response.assessment_id,
            func.count(Response.id),
            func.max(Response.submitted_at),
            func.max(Response.updated_at),
        )
        .where(Response.assessment_id.in_(assessment_ids), Response.status == ResponseStatus.SUBMITTED)
        .group_by(Response.assessment_id)
    ).all()
    signals = {}
    for assessment_id, *submitted in rows:
        key = (str(db.engine.url), assessment_id, *submitted)
        if key not in _SIGNALS:
            results = load_results(db.session.get(Assessment, assessment_id))
            if len(_SIGNALS) >= _SIGNALS_KEPT:
                _SIGNALS.clear()
            _SIGNALS[key] = MaturitySignals(
                results.scores.overall,
                sum(1 for dimension in results.scores.dimensions if dimension.disagrees),
                sum(1 for row in results.expectations if row.verdict is Verdict.UNREALISTIC),
            )
        signals[assessment_id] = _SIGNALS[key]
    return signals


def maturity_signals(assessment: Assessment) -> MaturitySignals | None:
    """Return the health signals of an assessment's submitted responses (None before the first is submitted)."""
    return maturity_signals_of([assessment.id]).get(assessment.id)


def health_facts(view: ProjectView, issues: OpenIssues, maturity: MaturitySignals | None) -> HealthFacts:
    """Gather the health-check facts from the project page's read model and the last assessment's signals.

    Of the project read model it reads only the milestones' RAG and, per phase, its name, where its criteria
    stand (one waived by the sponsor's "go" is no longer rework) and its latest sign-off's decision; the open
    issues come from the issue log.
    """
    rags = Counter(row.rag for row in view.milestones)
    return HealthFacts(
        overdue_milestones=rags[MilestoneRag.OVERDUE],
        behind_milestones=rags[MilestoneRag.BEHIND],
        rework_phases=tuple(
            item.name
            for item in view.phases
            for criterion in item.criteria
            if criterion.standing is CriterionStanding.REWORK
        ),
        no_go_phases=tuple(
            item.name
            for item in view.phases
            if item.signoff is not None and item.signoff.decision is GateDecision.NO_GO
        ),
        critical_issues=issues.by_severity.get(IssueSeverity.CRITICAL, 0),
        high_issues=issues.by_severity.get(IssueSeverity.HIGH, 0),
        maturity_score=maturity.score if maturity else None,
        divergent_dimensions=maturity.divergent if maturity else 0,
        unrealistic_expectations=maturity.unrealistic if maturity else 0,
    )


def project_health(view: ProjectView, issues: OpenIssues, locale: str) -> HealthView:
    """Check a project's health from its read model and open issues, and phrase every reason in the locale."""
    assessment = last_assessment(view.project_id)
    maturity = maturity_signals(assessment) if assessment else None
    check = check_health(health_facts(view, issues, maturity), health_rules())
    return HealthView(
        check,
        tuple(health_reason(reason, locale) for reason in check.reasons),
        assessment.title if assessment else "",
        view.client_id,
    )


def health_today(project: Project, locale: str, today: date) -> HealthView:
    """Check a project's health as it stands today, for pages that do not show the project read model itself."""
    return project_health(project_view(project, today), open_issues(project.id), locale)
