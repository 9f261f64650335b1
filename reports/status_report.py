"""The status report's context: the project page's read model plus the few facts only the report shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from core.i18n import day
from phases.issues.queries import IssueLog, issue_log
from phases.overview.status_view import StatusView, page_status
from phases.projects.models import Project
from phases.projects.rows import StatusUpdateRow
from phases.projects.view import ProjectView, project_view
from phases.recovery.health_view import last_assessment, project_health
from reports.assessment_report import assessment_context
from reports.recovery_chapter import recovery_chapter
from reports.rollout_chapter import rollout_chapter


@dataclass(frozen=True)
class StatusReport:
    """The project status report: the project page's read model, who prepared it when, and its own chapters."""

    project: ProjectView
    locale: str
    prepared_by: str
    date: str  # the report's date, written out in its language for the cover and the running footer
    issues: IssueLog  # the open issues, as the issue log lists them
    status: StatusView  # the computed status, as the project page shows it
    maturity: dict[str, Any] | None
    rollout: dict[str, Any] | None
    recovery: dict[str, Any] | None
    kind: str = "status"

    @property
    def title(self) -> str:
        """Return the report's title: the project's name."""
        return self.project.name

    @property
    def client(self) -> str:
        """Return the client's name in the report's language."""
        return self.project.client_name

    @property
    def latest_update(self) -> StatusUpdateRow | None:
        """Return the newest status update, which the executive summary quotes."""
        return self.project.latest_update


def status_context(project: Project, prepared_by: str, locale: str, today: date) -> StatusReport:
    """Return everything the project status report shows."""
    view = project_view(project, today)
    assessment = last_assessment(project.id)
    issues = issue_log(project.id, project.methodology, locale)
    return StatusReport(
        project=view,
        locale=locale,
        prepared_by=prepared_by,
        date=day(today),
        issues=issues,
        status=page_status(view, project_health(view, issues.open_counts, locale), issues.open_counts, today),
        maturity=assessment_context(assessment, prepared_by, locale) if assessment else None,
        rollout=rollout_chapter(project, locale, today),
        recovery=recovery_chapter(view, issues.open_counts, locale, today),
    )
