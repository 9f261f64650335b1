"""Read models of the health check and of a recovery plan; a fixed number of queries however many rows there are."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload

from assess.expectations import Verdict
from assess.models import Assessment, Response, ResponseStatus
from assess.results import load_results
from core.content import localized
from core.extensions import db
from phases.issues.enums import IssueSeverity
from phases.issues.queries import OpenIssues, open_issues
from phases.projects.enums import CriterionStanding, GateDecision, MilestoneRag
from phases.projects.models import Project
from phases.projects.view import ProjectView, project_view
from phases.recovery.checklist import (
    CLOSED_ITEMS,
    FindingCategory,
    ItemStatus,
    Progress,
    ScopeCut,
    ScopeDecision,
    awaits_acceptance,
    is_overdue,
    percent_of,
    progress,
    scope_cut,
)
from phases.recovery.health import HealthCheck, HealthFacts, check_health
from phases.recovery.models import ExpectationReset, Finding, Recovery, RecoveryItem, ScopeItem
from phases.recovery.playbook import health_reason, health_rules, item_texts, recovery_steps


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


@dataclass(frozen=True)
class ItemRow:
    """A check item with its text in the reader's language."""

    id: int
    text: str
    owner_id: int | None
    owner_name: str
    due_date: date | None
    status: ItemStatus
    evidence: str
    overdue: bool


@dataclass(frozen=True)
class StepView:
    """One of the eight steps with its items and progress."""

    number: int
    key: str
    title: str
    purpose: str
    items: tuple[ItemRow, ...]
    progress: Progress


@dataclass(frozen=True)
class ExpectationRow:
    """An original claim next to the measurable small win that replaces it."""

    id: int
    original_claim: str
    small_win: str
    metric: str
    baseline_value: str
    target_value: str
    target_date: date


@dataclass(frozen=True)
class ScopeRow:
    """A feature and what the recovery does with it."""

    id: int
    feature: str
    decision: ScopeDecision
    reason: str
    is_kept: bool


@dataclass(frozen=True)
class FindingRow:
    """What went wrong, of which kind, shown by what, and when it was logged."""

    id: int
    what_went_wrong: str
    category: FindingCategory
    evidence: str
    created_at: datetime


@dataclass(frozen=True)
class RecoveryView:
    """Everything the recovery page and the status report show of a recovery."""

    id: int
    project_id: int
    started_at: datetime
    started_by: str
    trigger: tuple[str, ...]  # the health check's reasons when the recovery started, one per line
    steps: tuple[StepView, ...]
    progress: Progress
    expectations: tuple[ExpectationRow, ...]
    accepted_by: str
    accepted_at: datetime | None
    scope: tuple[ScopeRow, ...]
    cut: ScopeCut
    findings: tuple[FindingRow, ...]

    @property
    def awaits_acceptance(self) -> bool:
        """Return whether the sponsor has a re-based expectations table to accept."""
        return awaits_acceptance(len(self.expectations), self.accepted_at is not None)

    @property
    def kept_features(self) -> tuple[str, ...]:
        """Return the features left after the cut."""
        return tuple(row.feature for row in self.scope if row.is_kept)


def project_recovery(project_id: int) -> Recovery | None:
    """Return the project's recovery, if one was started."""
    return db.session.scalars(
        select(Recovery)
        .options(joinedload(Recovery.started_by), joinedload(Recovery.expectations_accepted_by))
        .where(Recovery.project_id == project_id)
    ).first()


def _steps(items: list[RecoveryItem], locale: str, today: date) -> tuple[StepView, ...]:
    """Group the items under the eight steps of the content file, each item's text in the locale."""
    steps = []
    for number, step in enumerate(recovery_steps(), start=1):
        texts = {entry["key"]: localized(entry["text"], locale) for entry in step["items"]}
        rows = tuple(
            ItemRow(
                item.id,
                texts.get(item.template_key, item.template_key),
                item.owner_id,
                item.owner.name if item.owner else "",
                item.due_date,
                item.status,
                item.evidence,
                is_overdue(item.due_date, item.status, today),
            )
            for item in items
            if item.step_key == step["key"]
        )
        steps.append(
            StepView(
                number,
                step["key"],
                localized(step["title"], locale),
                localized(step["purpose"], locale),
                rows,
                progress([row.status for row in rows]),
            )
        )
    return tuple(steps)


def _rows_of(model: type[Any], recovery_id: int) -> list[Any]:
    return list(db.session.scalars(select(model).where(model.recovery_id == recovery_id).order_by(model.id)))


def recovery_view(recovery: Recovery, locale: str, today: date) -> RecoveryView:
    """Build the recovery plan: steps with their items, expectations, scope before and after, findings."""
    items = list(
        db.session.scalars(
            select(RecoveryItem)
            .options(joinedload(RecoveryItem.owner))
            .where(RecoveryItem.recovery_id == recovery.id)
            .order_by(RecoveryItem.position)
        )
    )
    scope = [
        ScopeRow(row.id, row.feature, row.decision, row.reason, row.decision is ScopeDecision.KEPT)
        for row in _rows_of(ScopeItem, recovery.id)
    ]
    accepted_by, started_by = recovery.expectations_accepted_by, recovery.started_by
    return RecoveryView(
        id=recovery.id,
        project_id=recovery.project_id,
        started_at=recovery.started_at,
        started_by=started_by.name if started_by else "",
        trigger=tuple(recovery.trigger.splitlines()),
        steps=_steps(items, locale, today),
        progress=progress([item.status for item in items]),
        expectations=tuple(
            ExpectationRow(
                row.id,
                row.original_claim,
                row.small_win,
                row.metric,
                row.baseline_value,
                row.target_value,
                row.target_date,
            )
            for row in _rows_of(ExpectationReset, recovery.id)
        ),
        accepted_by=accepted_by.name if accepted_by else "",
        accepted_at=recovery.expectations_accepted_at,
        scope=tuple(scope),
        cut=scope_cut([row.decision for row in scope]),
        findings=tuple(
            FindingRow(row.id, row.what_went_wrong, row.category, row.evidence, row.created_at)
            for row in _rows_of(Finding, recovery.id)
        ),
    )


@dataclass(frozen=True)
class RecoveryProgress:
    """A recovery at a glance: closed items of all, steps done of all, and whether expectations are accepted."""

    closed: int
    total: int
    steps_done: int
    steps: int
    accepted: bool
    expectations: int = 0

    @property
    def awaits_acceptance(self) -> bool:
        """Return whether the sponsor has a re-based expectations table to accept."""
        return awaits_acceptance(self.expectations, self.accepted)

    @property
    def percent(self) -> int:
        """Return the closed share of the items in whole percent."""
        return percent_of(self.closed, self.total)


def recovery_progress(project_ids: list[int]) -> dict[int, RecoveryProgress]:
    """Return the progress of the projects' recoveries in one aggregated query."""
    closed = func.sum(case((RecoveryItem.status.in_(CLOSED_ITEMS), 1), else_=0))
    per_step = (
        select(
            RecoveryItem.project_id,
            RecoveryItem.step_key,
            func.count(RecoveryItem.id).label("total"),
            closed.label("closed"),
        )
        .where(RecoveryItem.project_id.in_(project_ids))
        .group_by(RecoveryItem.project_id, RecoveryItem.step_key)
        .subquery()
    )
    expectations = (
        select(func.count(ExpectationReset.id))
        .where(ExpectationReset.recovery_id == Recovery.id)
        .correlate(Recovery)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(
            per_step.c.project_id,
            func.sum(per_step.c.total),
            func.sum(per_step.c.closed),
            func.sum(case((per_step.c.closed == per_step.c.total, 1), else_=0)),
            func.count(),
            Recovery.expectations_accepted_at.is_not(None),
            expectations,
        )
        .join(Recovery, Recovery.project_id == per_step.c.project_id)
        .group_by(per_step.c.project_id, Recovery.id, Recovery.expectations_accepted_at)
    ).all()
    return {
        project_id: RecoveryProgress(int(closed_items), int(total), int(done), int(steps), bool(accepted), int(count))
        for project_id, total, closed_items, done, steps, accepted, count in rows
    }


def item_names(ids: Collection[int], locale: str) -> Mapping[int, str]:
    """Return check items' texts in the locale, by id, for the audit trail."""
    texts = item_texts(locale)
    found = db.session.execute(
        select(RecoveryItem.id, RecoveryItem.step_key, RecoveryItem.template_key).where(RecoveryItem.id.in_(ids))
    ).all()
    return {row_id: texts.get((step, key), key) for row_id, step, key in found}
