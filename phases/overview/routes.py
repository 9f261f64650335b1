"""The project page: phases, timeline, milestones, gates, updates, issues, health and recovery in one view."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_login import login_required

from accounts.queries import client_people
from core.clock import local_today
from phases.issues.queries import open_issues
from phases.overview.status_view import page_status
from phases.projects.access import project_or_404
from phases.projects.forms import (
    CriterionForm,
    RebaselineForm,
    ReviewForm,
    SignoffForm,
    StatusUpdateForm,
    milestone_form,
)
from phases.projects.lists import milestone_list, update_list
from phases.projects.view import project_view
from phases.recovery.view import project_health, recovery_progress

bp = Blueprint("overview", __name__)


@bp.get("/projects/<int:project_id>")
@login_required
def project(project_id: int) -> ResponseReturnValue:
    """Show a project: phases, timeline, milestones with their RAG, gates, status updates and issues."""
    today = local_today()
    view = project_view(project_or_404(project_id), today)
    issues = open_issues(view.project_id)  # shown on the page and read by the health check and the status
    health = project_health(view, issues, str(get_locale()))
    return render_template(
        "phases/project.html",
        view=view,
        health=health,
        status=page_status(view, health, issues, today),
        milestone_form=milestone_form(
            [(item.id, item.name) for item in view.phases], client_people(view.client_id), formdata=None
        ),
        update_form=StatusUpdateForm(formdata=None),
        signoff_form=SignoffForm(formdata=None),
        review_form=ReviewForm(formdata=None),
        criterion_form=CriterionForm(formdata=None),
        rebaseline_form=RebaselineForm(formdata=None),
        open_issues=issues,
        milestones=milestone_list(view, request.args),
        updates=update_list(view.project_id, request.args),
        recovery_progress=recovery_progress([view.project_id]).get(view.project_id),
    )
