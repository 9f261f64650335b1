"""Who may do what with assessments, on top of the tenant scoping."""
from __future__ import annotations

from flask import abort
from flask_login import current_user

from accounts.models import Role
from accounts.tenancy import get_or_404
from assess.models import Assessment


def assessment_for_results(assessment_id: int) -> Assessment:
    """Load an assessment whose results the user may read (staff and sponsors of its client)."""
    assessment = get_or_404(Assessment, assessment_id)
    if current_user.role not in (Role.ADMIN, Role.CONSULTANT, Role.SPONSOR):
        abort(403)
    return assessment


def assessment_for_staff(assessment_id: int) -> Assessment:
    """Load an assessment the user may manage (consultants of its client and admins)."""
    assessment = get_or_404(Assessment, assessment_id)
    if not current_user.is_staff:
        abort(403)
    return assessment
