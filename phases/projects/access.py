"""Who may do what on a project, on top of the tenant scoping."""

from __future__ import annotations

from accounts.tenancy import get_or_404
from core.web import acting_user, guard
from phases.projects.models import Project


def project_or_404(project_id: int) -> Project:
    """Load a project the user may see (404 for other clients' projects)."""
    return get_or_404(Project, project_id)


def require_staff_or_sponsor() -> None:
    """Allow consultants, admins and the client's sponsor (403 for members); call it after loading the record."""
    guard(acting_user().is_reviewer)
