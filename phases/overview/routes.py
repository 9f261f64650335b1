"""The project page: phases, timeline, milestones, gates, updates, issues, health and recovery in one view."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_login import login_required
from wtforms.fields.choices import SelectChoice

from accounts.queries import client_people
from core.clock import local_today
from phases.projects.access import project_or_404
from phases.projects.forms import CriterionForm, MilestoneForm, RebaselineForm, ReviewForm, SignoffForm, StatusUpdateForm
from phases.projects.view import project_view
from phases.recovery.view import project_health, recovery_progress

bp = Blueprint("overview", __name__)


@bp.get("/projects/<int:project_id>")
@login_required
def project(project_id: int) -> ResponseReturnValue:
    """Show a project: phases, timeline, milestones with their RAG, gates, status updates and issues."""
    record = project_or_404(project_id)
    view = project_view(record, local_today())
    health = project_health(record, view, str(get_locale()))
    milestone_form = MilestoneForm(formdata=None)
    milestone_form.phase_id.choices = [SelectChoice(item.phase.id, item.name) for item in view.phases]
    milestone_form.owner_id.choices = [SelectChoice(0, "—")] + [SelectChoice(p.id, p.name) for p in client_people(record.client_id)]
    return render_template(
        "phases/project.html", project=record, view=view, today=local_today(), milestone_form=milestone_form,
        update_form=StatusUpdateForm(formdata=None), signoff_form=SignoffForm(formdata=None),
        review_form=ReviewForm(formdata=None), criterion_form=CriterionForm(formdata=None),
        rebaseline_form=RebaselineForm(formdata=None), health=health,
        recovery_progress=recovery_progress([record.id]).get(record.id),
    )
