"""Pure project status rule: one computed status from the schedule, the gates, open issues and the health check.

The status is the worst level any signal reaches; every signal that fired is kept as a reason, worst first.

In trouble, when any of these holds:
- the health check says "in trouble" (its points reached the recovery threshold of health_check.yaml);
- the sponsor's latest decision on a gate is "no-go";
- a critical issue is open.

At risk, when none of the above holds but any of these does:
- the health check shows warning signs;
- a milestone is overdue;
- a running phase's gate still waits for a "go" after the phase's planned end;
- a high-severity issue is open.

On track otherwise, once a phase has started; before that, not started.

The manually reported status (the latest status update's red, amber or green) is compared on the same scale:
green reads as on track (a project that has not started yet agrees with it), amber as at risk, red as in trouble.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from phases.projects.enums import Rag
from phases.recovery.health import HealthCheck, HealthFacts, HealthLevel


class ProjectStatus(enum.StrEnum):
    """A project's computed status, from best to worst after "not started"."""

    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    IN_TROUBLE = "in_trouble"


class StatusSignal(enum.StrEnum):
    """What can drive a project's status down."""

    HEALTH_TROUBLED = "health_troubled"
    GATE_NO_GO = "gate_no_go"
    CRITICAL_ISSUES = "critical_issues"
    HEALTH_WATCH = "health_watch"
    OVERDUE_MILESTONES = "overdue_milestones"
    GATES_LATE = "gates_late"
    HIGH_ISSUES = "high_issues"


@dataclass(frozen=True)
class StatusFacts:
    """What the rule reads of a project; counts are of occurrences now."""

    started: bool = True
    health: HealthLevel = HealthLevel.HEALTHY
    health_points: int = 0
    gates_no_go: int = 0
    critical_issues: int = 0
    overdue_milestones: int = 0
    gates_late: int = 0  # running phases past their planned end whose gate has no "go"
    high_issues: int = 0


@dataclass(frozen=True)
class StatusReason:
    """One signal that drove the status: which, how often (points for the health check), and the level it sets."""

    signal: StatusSignal
    count: int
    level: ProjectStatus


@dataclass(frozen=True)
class ComputedStatus:
    """The computed status and the reasons behind it, worst first."""

    status: ProjectStatus
    reasons: tuple[StatusReason, ...]


# Each signal: the level it sets and how often it occurs; a lookup table, worst level first.
SIGNALS: dict[StatusSignal, tuple[ProjectStatus, Callable[[StatusFacts], int]]] = {
    StatusSignal.HEALTH_TROUBLED: (
        ProjectStatus.IN_TROUBLE,
        lambda f: f.health_points if f.health is HealthLevel.TROUBLED else 0,
    ),
    StatusSignal.GATE_NO_GO: (ProjectStatus.IN_TROUBLE, lambda f: f.gates_no_go),
    StatusSignal.CRITICAL_ISSUES: (ProjectStatus.IN_TROUBLE, lambda f: f.critical_issues),
    StatusSignal.HEALTH_WATCH: (
        ProjectStatus.AT_RISK,
        lambda f: f.health_points if f.health is HealthLevel.WATCH else 0,
    ),
    StatusSignal.OVERDUE_MILESTONES: (ProjectStatus.AT_RISK, lambda f: f.overdue_milestones),
    StatusSignal.GATES_LATE: (ProjectStatus.AT_RISK, lambda f: f.gates_late),
    StatusSignal.HIGH_ISSUES: (ProjectStatus.AT_RISK, lambda f: f.high_issues),
}

_ORDER = (ProjectStatus.NOT_STARTED, ProjectStatus.ON_TRACK, ProjectStatus.AT_RISK, ProjectStatus.IN_TROUBLE)

# The manual report's colours on the computed scale.
REPORTED = {Rag.GREEN: ProjectStatus.ON_TRACK, Rag.AMBER: ProjectStatus.AT_RISK, Rag.RED: ProjectStatus.IN_TROUBLE}


def compute_status(facts: StatusFacts) -> ComputedStatus:
    """Return the project's status: the worst level a signal sets, with every signal that fired."""
    reasons = tuple(
        StatusReason(signal, count, level)
        for signal, (level, occurrences) in SIGNALS.items()
        if (count := occurrences(facts)) > 0
    )
    if reasons:
        status = max((reason.level for reason in reasons), key=_ORDER.index)
    else:
        status = ProjectStatus.ON_TRACK if facts.started else ProjectStatus.NOT_STARTED
    return ComputedStatus(status, reasons)


def disagrees(computed: ProjectStatus, reported: Rag | None) -> bool:
    """Return whether the manually reported status says something else than the computed one."""
    if reported is None:
        return False
    computed = ProjectStatus.ON_TRACK if computed is ProjectStatus.NOT_STARTED else computed
    return REPORTED[reported] is not computed


def gate_late(running: bool, planned_end: date | None, signed_go: bool, today: date) -> bool:
    """Return whether a running phase's gate still waits for a "go" after the phase's planned end."""
    return running and not signed_go and planned_end is not None and planned_end < today


def status_facts(health: HealthFacts, check: HealthCheck, gates_late: int, started: bool) -> StatusFacts:
    """Return the rule's facts from the health check's facts and verdict, the late gates and whether work began."""
    return StatusFacts(
        started=started,
        health=check.level,
        health_points=check.points,
        gates_no_go=len(health.no_go_phases),
        critical_issues=health.critical_issues,
        overdue_milestones=health.overdue_milestones,
        gates_late=gates_late,
        high_issues=health.high_issues,
    )
