"""Who may do what with assessments, on top of the tenant scoping: load first (a foreign id is 404), then guard."""

from __future__ import annotations

from flask_login import current_user

from accounts.tenancy import get_or_404
from assess.models import Assessment
from core.web import guard


def assessment_for_results(assessment_id: int) -> Assessment:
    """Load an assessment whose results the user may read (staff and sponsors of its client)."""
    assessment = get_or_404(Assessment, assessment_id)
    guard(current_user.is_reviewer)
    return assessment


def assessment_for_staff(assessment_id: int) -> Assessment:
    """Load an assessment the user may manage (consultants of its client and admins)."""
    assessment = get_or_404(Assessment, assessment_id)
    guard(current_user.is_staff)
    return assessment
