"""The computed status as pages and reports show it: level, reasons in the reader's language, and the manual report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from flask_babel import ngettext

from phases.issues.queries import OpenIssues
from phases.overview.status import (
    ComputedStatus,
    ProjectStatus,
    StatusReason,
    StatusSignal,
    compute_status,
    disagrees,
    gate_late,
    status_facts,
)
from phases.projects.enums import Rag
from phases.projects.view import ProjectView
from phases.recovery.view import HealthView, health_facts

# Each signal as a sentence; the count is of occurrences, or the health check's points.
REASON_TEXTS: dict[StatusSignal, Callable[[int], str]] = {
    StatusSignal.HEALTH_TROUBLED: lambda n: ngettext(
        "Health check: in trouble (%(num)d point)", "Health check: in trouble (%(num)d points)", n
    ),
    StatusSignal.GATE_NO_GO: lambda n: ngettext("%(num)d gate signed no-go", "%(num)d gates signed no-go", n),
    StatusSignal.CRITICAL_ISSUES: lambda n: ngettext("%(num)d critical issue open", "%(num)d critical issues open", n),
    StatusSignal.HEALTH_WATCH: lambda n: ngettext(
        "Health check: warning signs (%(num)d point)", "Health check: warning signs (%(num)d points)", n
    ),
    StatusSignal.OVERDUE_MILESTONES: lambda n: ngettext("%(num)d milestone overdue", "%(num)d milestones overdue", n),
    StatusSignal.GATES_LATE: lambda n: ngettext(
        "%(num)d gate still waits for “go” after its phase's planned end",
        "%(num)d gates still wait for “go” after their phases' planned end",
        n,
    ),
    StatusSignal.HIGH_ISSUES: lambda n: ngettext(
        "%(num)d high-severity issue open", "%(num)d high-severity issues open", n
    ),
}


@dataclass(frozen=True)
class StatusView:
    """A project's computed status, why, and the manually reported status beside it."""

    status: ProjectStatus
    reasons: tuple[str, ...]
    reported: Rag | None  # the latest status update's colour, if any
    disagrees: bool  # the reported status says something else than the computed one


def reason_text(reason: StatusReason) -> str:
    """Return one reason as a sentence in the reader's language."""
    return REASON_TEXTS[reason.signal](reason.count)


def status_view(computed: ComputedStatus, reported: Rag | None) -> StatusView:
    """Phrase a computed status for the reader and set the manual report beside it."""
    return StatusView(
        computed.status,
        tuple(reason_text(reason) for reason in computed.reasons),
        reported,
        disagrees(computed.status, reported),
    )


def page_status(view: ProjectView, health: HealthView, issues: OpenIssues, today: date) -> StatusView:
    """Return the computed status of the project page's read model, with its health check and open issues."""
    late = sum(
        gate_late(item.is_running, item.planned_end, item.signoff is not None and item.signoff.is_go, today)
        for item in view.phases
    )
    started = any(item.is_started for item in view.phases)
    facts = status_facts(health_facts(view, issues, None), health.check, late, started)
    reported = view.latest_update.rag if view.latest_update else None
    return status_view(compute_status(facts), reported)
