"""The status report's recovery chapter: the recovery page's own read models, drawn by the page's macros."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from phases.issues.queries import OpenIssues
from phases.projects.view import ProjectView
from phases.recovery.health_view import HealthView, project_health
from phases.recovery.view import RecoveryView, project_recovery, recovery_view


@dataclass(frozen=True)
class RecoveryChapter:
    """The health check and the recovery plan, exactly as the recovery page reads them."""

    health: HealthView
    plan: RecoveryView


def recovery_chapter(view: ProjectView, issues: OpenIssues, locale: str, today: date) -> RecoveryChapter | None:
    """Return the status report's recovery chapter, or None while no recovery runs."""
    recovery = project_recovery(view.project_id)
    if recovery is None:
        return None
    return RecoveryChapter(project_health(view, issues, locale), recovery_view(recovery, locale, today))
