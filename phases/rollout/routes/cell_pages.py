"""The cell page (one function in one unit) and its actions: move, plan, deviate, decide, evaluate."""

from __future__ import annotations

from flask import render_template
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import login_required
from wtforms.fields.choices import SelectChoice

from accounts.tenancy import get_or_404
from core.clock import local_today
from core.labels import label
from core.web import acting_user, back_to
from phases.projects.access import project_or_404
from phases.rollout import cell_services
from phases.rollout.access import is_supervisor, may_run_rollout
from phases.rollout.cell_view import cell_view
from phases.rollout.enums import CellStage
from phases.rollout.forms import CellPlanForm, DecisionForm, DeviationForm, EvaluationForm, MoveForm
from phases.rollout.models import Deviation, RolloutCell
from phases.rollout.routes.common import cell_or_404, cell_project_or_404, rollout_or_404, saved_inline


@login_required
def rollout_cell(project_id: int, unit_id: int, function_id: int) -> ResponseReturnValue:
    """Show one function in one unit: its stage, dates, deviations from the template and evaluations."""
    project = project_or_404(project_id)
    rollout = rollout_or_404(project)
    view = cell_view(rollout, *cell_or_404(rollout, unit_id, function_id), local_today())
    move_form = MoveForm(formdata=None)
    move_form.target.choices = [SelectChoice(stage.value, label(stage)) for stage in view.moves]
    return render_template(
        "phases/rollout_cell.html",
        project=project,
        view=view,
        move_form=move_form,
        plan_form=CellPlanForm(formdata=None, obj=view.cell),
        deviation_form=DeviationForm(formdata=None),
        decision_form=DecisionForm(formdata=None),
        evaluation_form=EvaluationForm(formdata=None),
        may_run=may_run_rollout(project.id, acting_user()),
        may_decide=is_supervisor(project.id, acting_user()),
    )


def _back_to_cell(project_id: int, unit_id: int, function_id: int, anchor: str = "") -> ResponseReturnValue:
    return back_to("rollout.rollout_cell", anchor, project_id=project_id, unit_id=unit_id, function_id=function_id)


@login_required
def move_cell(project_id: int, unit_id: int, function_id: int) -> ResponseReturnValue:
    """Move a cell to its next stage; rolling out before the pilot produced a template is refused."""
    project = cell_project_or_404(project_id, unit_id, function_id, runners_only=True)
    form = MoveForm()
    form.target.choices = [SelectChoice(stage.value, stage.value) for stage in CellStage]
    saved_inline(
        form,
        lambda: cell_services.move_cell(
            project,
            acting_user(),
            unit_id,
            function_id,
            CellStage(form.target.data),
            local_today(),
            form.template_reference.data or "",
        ),
        _("The stage was changed."),
        _("Choose the stage to move to."),
    )
    return _back_to_cell(project.id, unit_id, function_id, "stage")


@login_required
def plan_cell(project_id: int, unit_id: int, function_id: int) -> ResponseReturnValue:
    """Set a cell's planned start and go-live."""
    project = cell_project_or_404(project_id, unit_id, function_id, runners_only=True)
    form = CellPlanForm()
    saved_inline(
        form,
        lambda: cell_services.plan_cell(
            project, acting_user(), unit_id, function_id, form.planned_start.data, form.planned_live.data
        ),
        _("The dates were saved."),
        _("Enter the dates as YYYY-MM-DD."),
    )
    return _back_to_cell(project.id, unit_id, function_id, "dates")


@login_required
def request_deviation(project_id: int, unit_id: int, function_id: int) -> ResponseReturnValue:
    """Record a unit's personalisation of the template, for the supervision team to decide."""
    project = cell_project_or_404(project_id, unit_id, function_id, runners_only=False)
    form = DeviationForm()
    saved_inline(
        form,
        lambda: cell_services.request_deviation(
            project, acting_user(), unit_id, function_id, form.description.data, form.reason.data
        ),
        _("The deviation was recorded; it applies once the supervision team approves it."),
        _("Describe the deviation and give its business reason."),
    )
    return _back_to_cell(project.id, unit_id, function_id, "deviations")


@login_required
def evaluate_cell(project_id: int, unit_id: int, function_id: int) -> ResponseReturnValue:
    """Record the evaluation after the run period; the cell moves to optimising."""
    project = cell_project_or_404(project_id, unit_id, function_id, runners_only=True)
    form = EvaluationForm()
    saved_inline(
        form,
        lambda: cell_services.record_evaluation(
            project,
            acting_user(),
            unit_id,
            function_id,
            form.score.data,
            form.notes.data or "",
            form.actions.data,
            local_today(),
        ),
        _("The evaluation was recorded; the unit is optimising this function."),
        _("Give a score and the optimisation actions."),
    )
    return _back_to_cell(project.id, unit_id, function_id, "evaluation")


@login_required
def decide_deviation(deviation_id: int) -> ResponseReturnValue:
    """The supervision team approves or rejects a deviation."""
    deviation = get_or_404(Deviation, deviation_id)
    cell = get_or_404(RolloutCell, deviation.cell_id)
    form = DecisionForm()
    saved_inline(
        form,
        lambda: cell_services.decide_deviation(deviation, acting_user(), form.approves, form.note.data or ""),
        _("The decision is recorded."),
        _("Choose approve or reject."),
    )
    return _back_to_cell(deviation.project_id, cell.unit_id, cell.function_id, "deviations")
