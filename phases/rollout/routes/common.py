"""What the rollout pages share: loading the rollout behind a URL, who may run it, select choices, inline forms."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import abort, flash
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms.fields.choices import SelectChoice

from accounts.models import User
from accounts.queries import client_people
from core.web import acting_user, form_errors, guard, saved
from phases.projects.access import project_or_404
from phases.projects.methodology import phase_name
from phases.projects.models import Project
from phases.rollout.access import may_run_rollout
from phases.rollout.read_model import FunctionColumn, Rollout, UnitRow, has_rollout, load_rollout


def rollout_project_or_404(project_id: int) -> Project:
    """Load a project the user may see whose rollout is set up (404 for another client's project, or none set up)."""
    project = project_or_404(project_id)
    if not has_rollout(project.id):
        abort(404)
    return project


def rollout_or_404(project: Project) -> Rollout:
    """Load the project's rollout, named in the reader's language (404 when it is not set up)."""
    rollout = load_rollout(project, str(get_locale()))
    if rollout is None:
        abort(404)
    return rollout


def runnable_project_or_404(project_id: int) -> Project:
    """Load a project the user may see, then answer 403 unless the user runs its rollout (consultants, supervisors)."""
    project = project_or_404(project_id)
    guard(may_run_rollout(project.id, acting_user()))
    return project


def cell_project_or_404(project_id: int, unit_id: int, function_id: int, *, runners_only: bool) -> Project:
    """Load the project behind a cell's address (404 when the unit or the function is not part of its rollout).

    For a change only those who run the rollout may make (`runners_only`), others get 403 before the cell is looked up.
    """
    project = runnable_project_or_404(project_id) if runners_only else project_or_404(project_id)
    cell_or_404(rollout_or_404(project), unit_id, function_id)
    return project


def cell_or_404(rollout: Rollout, unit_id: int, function_id: int) -> tuple[UnitRow, FunctionColumn]:
    """Return the unit and the function of a cell of the rollout (404 when either is not part of it)."""
    unit, function = rollout.unit(unit_id), rollout.function(function_id)
    if unit is None or function is None:
        abort(404)
    return unit, function


def saved_inline(
    form: FlaskForm, save: Callable[[], Any], done: str | Callable[[Any], str], unreadable: str | None = None
) -> bool:
    """Run the service call of a form shown inline on a page: its page comes back after a redirect, so both what was
    wrong with the input (`unreadable`, or the field errors) and a rule's refusal are flashed."""
    if not form.validate_on_submit():
        flash(unreadable or form_errors(form), "error")
        return False
    return saved(None, save, done)


def person_choices(people: Iterable[User]) -> list[SelectChoice]:
    """Return a choice of people by name."""
    return [SelectChoice(person.id, person.name) for person in people]


def owner_choices(project: Project) -> list[SelectChoice]:
    """Return who may own a unit milestone or train a unit: nobody (0), or one of the client's people."""
    return [SelectChoice(0, "—"), *person_choices(client_people(project.client_id))]


def phase_choices(project: Project) -> list[SelectChoice]:
    """Return the project's phases, named in the reader's language."""
    locale = str(get_locale())
    return [SelectChoice(phase.id, phase_name(project.methodology, phase.key, locale)) for phase in project.phases]


def region_choices(rollout: Rollout) -> list[SelectChoice]:
    """Return the client's regions, led by "none" (a seat other than a regional lead has none)."""
    return [SelectChoice("", "—")] + [SelectChoice(region, region) for region in rollout.regions]


def training_scopes(rollout: Rollout) -> list[SelectChoice]:
    """Return the groups of units training is planned for: all, the pilots, or one wave."""
    return [SelectChoice("all", _("All units")), SelectChoice("pilots", _("Pilots"))] + [
        SelectChoice(str(wave.id), wave.name) for wave in rollout.waves
    ]
