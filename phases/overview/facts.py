"""The health-check and status facts of many projects at once: a fixed number of queries however many projects."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from assess.models import Assessment
from core.extensions import db
from phases.issues.enums import IssueSeverity
from phases.overview.status import ComputedStatus, compute_status, gate_late, status_facts
from phases.projects.enums import CriterionStanding, GateDecision, GateState, MilestoneRag, PhaseStatus
from phases.projects.gates import OPEN_STATES, Criterion, GateStatus, Signoff, criterion_standing, gate_status
from phases.projects.lifecycle import is_running, is_started
from phases.projects.methodology import Methodology, phase_name
from phases.projects.models import GateCriterion, GateSignoff, Milestone
from phases.projects.schedule import MilestoneDates, milestone_rag
from phases.recovery.health import HealthFacts, check_health
from phases.recovery.health_view import maturity_signals_of
from phases.recovery.playbook import health_rules


@dataclass(frozen=True)
class ProjectRow:
    """What the batch reads of a project."""

    id: int
    methodology: Methodology
    start_date: date | None


@dataclass(frozen=True)
class PhaseRow:
    """What the batch reads of a phase."""

    id: int
    project_id: int
    position: int
    key: str
    status: PhaseStatus
    planned_start: date | None
    planned_end: date | None
    actual_start: date | None


def _milestone_rags(phases: Mapping[int, PhaseRow], starts: Mapping[int, date | None], today: date) -> Counter:
    """Count each project's open milestones per computed RAG, keyed by (project id, RAG)."""
    rows = db.session.execute(
        select(
            Milestone.project_id,
            Milestone.phase_id,
            Milestone.planned_date,
            Milestone.baseline_date,
            Milestone.actual_date,
            Milestone.percent_done,
        ).where(  # a done milestone is neither overdue nor behind: only the open ones are read
            Milestone.phase_id.in_(list(phases)), Milestone.actual_date.is_(None), Milestone.percent_done < 100
        )
    ).all()
    counts: Counter = Counter()
    for project_id, phase_id, planned, baseline, actual, percent in rows:
        phase = phases[phase_id]
        start = phase.actual_start or phase.planned_start or starts[project_id]
        counts[project_id, milestone_rag(MilestoneDates(start, planned, baseline, actual, percent), today)] += 1
    return counts


@dataclass(frozen=True)
class Gates:
    """Each phase's gate as the rules see it: its open criteria and the sponsor's latest sign-off."""

    criteria: Mapping[int, tuple[Criterion, ...]]
    signoffs: Mapping[int, Signoff]

    def status(self, phase_id: int) -> GateStatus:
        """Return the phase's gate status, as the project page computes it."""
        return gate_status(self.criteria.get(phase_id, ()), self.signoffs.get(phase_id))

    def awaits_signoff(self, phase: PhaseRow) -> bool:
        """Return whether a running phase needs its sponsor's sign-off: none yet, or a "go" reopened since."""
        return is_running(phase.status) and self.status(phase.id).state in (GateState.AWAITING, GateState.REOPENED)

    def awaiting_by_project(self, phases: Sequence[PhaseRow]) -> dict[int, list[tuple[int, str]]]:
        """Return (phase id, phase key) of each phase awaiting its sponsor's sign-off, per project, in phase order."""
        awaiting: dict[int, list[tuple[int, str]]] = {}
        for phase in sorted(phases, key=lambda phase: phase.position):
            if self.awaits_signoff(phase):
                awaiting.setdefault(phase.project_id, []).append((phase.id, phase.key))
        return awaiting

    def rework(self, phase_id: int) -> int:
        """Return how many of the phase's criteria are in rework that no waiver of the latest "go" covers."""
        signoff = self.signoffs.get(phase_id)
        return sum(
            criterion_standing(criterion, signoff) is CriterionStanding.REWORK
            for criterion in self.criteria.get(phase_id, ())
        )


def gates_of(phase_ids: list[int]) -> Gates:
    """Read the open criteria and the latest sign-off of every phase, in two queries.

    A passed or waived criterion changes neither a gate's state nor the rework count, so only open ones are read.
    """
    criteria: dict[int, list[Criterion]] = {}
    for phase_id, criterion_id, state in db.session.execute(
        select(GateCriterion.phase_id, GateCriterion.id, GateCriterion.state)
        .where(GateCriterion.phase_id.in_(phase_ids), GateCriterion.state.in_(OPEN_STATES))
        .order_by(GateCriterion.id)
    ):
        criteria.setdefault(phase_id, []).append(Criterion(criterion_id, state))
    newest = select(func.max(GateSignoff.id)).where(GateSignoff.phase_id.in_(phase_ids)).group_by(GateSignoff.phase_id)
    signoffs = {
        phase_id: Signoff(decision, frozenset(waived or ()))
        for phase_id, decision, waived in db.session.execute(
            select(GateSignoff.phase_id, GateSignoff.decision, GateSignoff.waived_criterion_ids).where(
                GateSignoff.id.in_(newest)
            )
        )
    }
    return Gates({phase_id: tuple(rows) for phase_id, rows in criteria.items()}, signoffs)


def _linked_assessments(project_ids: list[int]) -> dict[int, int]:
    """Return the newest assessment linked to each project, by project id."""
    rows = db.session.execute(
        select(Assessment.project_id, Assessment.id)
        .where(Assessment.project_id.in_(project_ids))
        .order_by(Assessment.created_at, Assessment.id)
    ).all()
    return dict(rows)  # ordered oldest first: the newest wins


def _by_project(phases: Sequence[PhaseRow]) -> dict[int, list[PhaseRow]]:
    """Group phases by project, each in its order."""
    grouped: dict[int, list[PhaseRow]] = {}
    for phase in sorted(phases, key=lambda phase: (phase.project_id, phase.position)):
        grouped.setdefault(phase.project_id, []).append(phase)
    return grouped


def health_facts_of(
    projects: Sequence[ProjectRow],
    phases: Sequence[PhaseRow],
    issues: Mapping[int, Mapping[IssueSeverity, int]],
    gates: Gates,
    locale: str,
    today: date,
) -> dict[int, HealthFacts]:
    """Return each project's health-check facts, as the project page's health check reads them."""
    by_id = {phase.id: phase for phase in sorted(phases, key=lambda phase: (phase.project_id, phase.position))}
    methodology = {project.id: project.methodology for project in projects}
    names = {phase.id: phase_name(methodology[phase.project_id], phase.key, locale) for phase in by_id.values()}
    rags = _milestone_rags(by_id, {project.id: project.start_date for project in projects}, today)
    assessments = _linked_assessments([project.id for project in projects])
    maturity = maturity_signals_of(list(assessments.values()))
    grouped = _by_project(phases)
    facts = {}
    for project in projects:
        own = grouped.get(project.id, [])
        signals = maturity.get(assessments.get(project.id, 0))
        facts[project.id] = HealthFacts(
            overdue_milestones=rags[project.id, MilestoneRag.OVERDUE],
            behind_milestones=rags[project.id, MilestoneRag.BEHIND],
            rework_phases=tuple(names[phase.id] for phase in own for _ in range(gates.rework(phase.id))),
            no_go_phases=tuple(
                names[phase.id]
                for phase in own
                if phase.id in gates.signoffs and gates.signoffs[phase.id].decision is GateDecision.NO_GO
            ),
            critical_issues=issues.get(project.id, {}).get(IssueSeverity.CRITICAL, 0),
            high_issues=issues.get(project.id, {}).get(IssueSeverity.HIGH, 0),
            maturity_score=signals.score if signals else None,
            divergent_dimensions=signals.divergent if signals else 0,
            unrealistic_expectations=signals.unrealistic if signals else 0,
        )
    return facts


def computed_statuses(
    projects: Sequence[ProjectRow],
    phases: Sequence[PhaseRow],
    facts: Mapping[int, HealthFacts],
    gates: Gates,
    today: date,
) -> dict[int, ComputedStatus]:
    """Return each project's computed status from its health facts, by the same rules as its page."""
    rules, grouped = health_rules(), _by_project(phases)
    statuses = {}
    for project in projects:
        own = grouped.get(project.id, [])
        late = sum(
            gate_late(is_running(phase.status), phase.planned_end, not gates.awaits_signoff(phase), today)
            for phase in own
        )
        started = any(is_started(phase.status) for phase in own)
        check = check_health(facts[project.id], rules)
        statuses[project.id] = compute_status(status_facts(facts[project.id], check, late, started))
    return statuses
