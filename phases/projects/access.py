"""Load a project through the tenant scoping: another client's project answers 404."""

from __future__ import annotations

from accounts.tenancy import get_or_404
from phases.projects.models import Project


def project_or_404(project_id: int) -> Project:
    """Load a project the user may see (404 for other clients' projects)."""
    return get_or_404(Project, project_id)
