"""The rollout matrix page: setting the rollout up, the matrix with its progress, functions and unit milestones."""

from __future__ import annotations

from typing import Any

from flask import render_template
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import login_required
from wtforms.fields.choices import SelectChoice

from accounts.tenancy import staff_required
from core.clock import local_today
from core.web import acting_user, back_to, saved
from phases.projects import services as project_services
from phases.projects.access import project_or_404
from phases.projects.models import Phase, Project
from phases.rollout import services
from phases.rollout.forms import FunctionForm, UnitMilestoneForm
from phases.rollout.matrix_view import matrix_view
from phases.rollout.read_model import Rollout, load_rollout
from phases.rollout.routes.common import (
    owner_choices,
    phase_choices,
    rollout_or_404,
    rollout_project_or_404,
    saved_inline,
)


@login_required
def rollout(project_id: int) -> ResponseReturnValue:
    """Show the rollout matrix with progress per function, region and wave, and the late units."""
    project = project_or_404(project_id)
    loaded = load_rollout(project, str(get_locale()))
    if loaded is None:
        return render_template("phases/rollout_start.html", project=project)
    return render_template(
        "phases/rollout.html",
        project=project,
        view=matrix_view(loaded, local_today()),
        function_form=FunctionForm(formdata=None),
        milestone_form=_milestone_form(project, loaded, formdata=None),
    )


@staff_required
def start_rollout(project_id: int) -> ResponseReturnValue:
    """Set the rollout of a group project up, with the suggested functions."""
    project = project_or_404(project_id)
    if saved(
        None,
        lambda: services.start_programme(project, acting_user(), str(get_locale())),
        _("The rollout is set up. Score the candidate units to choose the pilots."),
    ):
        return back_to("rollout.rollout", project_id=project.id)
    return back_to("rollout.rollout", "setup", project_id=project.id)


@staff_required
def add_rollout_function(project_id: int) -> ResponseReturnValue:
    """Add a function (a column of the matrix)."""
    project = rollout_project_or_404(project_id)
    form = FunctionForm()
    saved_inline(
        form,
        lambda: services.add_function(project, acting_user(), form.name.data),
        _("The function was added."),
        _("Name the function first."),
    )
    return back_to("rollout.rollout", "matrix", project_id=project.id)


@staff_required
def add_unit_milestone(project_id: int) -> ResponseReturnValue:
    """Add a stage milestone for one unit (設置階段)."""
    project = project_or_404(project_id)
    form = _milestone_form(project, rollout_or_404(project))
    saved_inline(
        form,
        lambda: project_services.add_milestone(
            _phase(project, form.phase_id.data),
            acting_user(),
            form.name.data,
            form.owner_id.data or None,
            form.planned_date.data,
            unit_id=form.unit_id.data,
        ),
        _("The milestone was added."),
    )
    return back_to("rollout.rollout", "unit-milestones", project_id=project.id)


def _milestone_form(project: Project, rollout: Rollout, **form_options: Any) -> UnitMilestoneForm:
    """Return the unit milestone form, offering the rollout's units, the project's phases and the client's people."""
    form = UnitMilestoneForm(**form_options)
    form.unit_id.choices = [SelectChoice(unit.id, unit.name) for unit in rollout.units]
    form.phase_id.choices = phase_choices(project)
    form.owner_id.choices = owner_choices(project)
    return form


def _phase(project: Project, phase_id: int) -> Phase:
    """Return the project's phase the form chose (its choices are the project's phases)."""
    return next(phase for phase in project.phases if phase.id == phase_id)
