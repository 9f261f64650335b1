"""Group rollout pages: the units × functions matrix, pilot selection, cells, waves, tiers, supervision and training."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from accounts.models import BusinessUnit
from accounts.tenancy import get_or_404, staff_required
from core.clock import local_today
from core.errors_domain import RuleError
from core.extensions import db
from core.labels import label
from core.web import form_rule_error
from phases.rollout import services as services
from phases.projects.access import project_or_404
from phases.rollout.enums import CellStage, SupervisorRole, UnitTier
from accounts.queries import client_people
from phases.rollout.matrix import CRITERIA, coverage_check, stage_path
from phases.projects.methodology import phase_name
from phases.rollout.settings import rollout_content
from phases.projects.models import Project
from phases.rollout.forms import (
    CellPlanForm,
    ConfirmPilotsForm,
    DecisionForm,
    DeviationForm,
    EvaluationForm,
    FunctionForm,
    MoveForm,
    RulesForm,
    SupervisorForm,
    TierPolicyForm,
    TrainingForm,
    TrainingPlanForm,
    UnitMilestoneForm,
    WaveForm,
)
from phases.rollout.models import Deviation, RolloutCell, RolloutWave, Supervisor, TrainingSession
from phases.rollout.view import (
    Rollout,
    cell_view,
    load_rollout,
    matrix_view,
    organisation_view,
    pilot_view,
    programme_of,
)

bp = Blueprint("rollout", __name__)


def _rollout(project_id: int) -> Rollout:
    """Load the rollout of a project the user may see (404 when it has none or belongs to another client)."""
    project = project_or_404(project_id)
    programme = programme_of(project.id)
    if programme is None:
        abort(404)
    return load_rollout(project, programme, str(get_locale()))


def _may_run(project_id: int) -> bool:
    """Return whether the user moves cells and evaluates units: consultants and the supervision team."""
    return current_user.is_staff or services.is_supervisor(project_id, current_user)


def _back(project_id: int, endpoint: str = "rollout.rollout", anchor: str = "", **values: int) -> ResponseReturnValue:
    return redirect(url_for(endpoint, project_id=project_id, **values) + (f"#{anchor}" if anchor else ""))


def _form_message(form) -> str:  # type: ignore[no-untyped-def]
    """Return a form's field errors as one message (for forms shown inline on a page)."""
    return "; ".join(str(error) for errors in form.errors.values() for error in errors)


def _people(project: Project) -> list[SelectChoice]:
    return [SelectChoice(0, "—")] + [SelectChoice(person.id, person.name) for person in client_people(project.client_id)]


def _phases(project: Project) -> list[SelectChoice]:
    locale = str(get_locale())
    return [SelectChoice(phase.id, phase_name(project.methodology, phase.key, locale)) for phase in project.phases]


# ---- the matrix ---------------------------------------------------------------------------------------------------


@bp.get("/projects/<int:project_id>/rollout")
@login_required
def rollout(project_id: int) -> ResponseReturnValue:
    """Show the rollout matrix with progress per function, region and wave, and the late units."""
    project = project_or_404(project_id)
    programme = programme_of(project.id)
    if programme is None:
        return render_template("phases/rollout_start.html", project=project)
    view = matrix_view(load_rollout(project, programme, str(get_locale())), local_today())
    milestone_form = UnitMilestoneForm(formdata=None)
    milestone_form.unit_id.choices = [SelectChoice(unit.id, unit.name) for unit in view.rollout.units]
    milestone_form.phase_id.choices = _phases(project)
    milestone_form.owner_id.choices = _people(project)
    return render_template("phases/rollout.html", project=project, view=view, today=local_today(),
                           function_form=FunctionForm(formdata=None), milestone_form=milestone_form,
                           may_run=_may_run(project.id))


@bp.post("/projects/<int:project_id>/rollout")
@staff_required
def start_rollout(project_id: int) -> ResponseReturnValue:
    """Set the rollout of a group project up, with the suggested functions."""
    project = project_or_404(project_id)
    try:
        services.start_programme(project, current_user._get_current_object(), str(get_locale()))
        flash(_("The rollout is set up. Score the candidate units to choose the pilots."), "success")
    except RuleError as error:
        flash(error.message, "error")
    return _back(project.id)


@bp.post("/projects/<int:project_id>/rollout/functions")
@staff_required
def add_rollout_function(project_id: int) -> ResponseReturnValue:
    """Add a function (a column of the matrix)."""
    project = _rollout(project_id).project
    form = FunctionForm()
    try:
        if not form.validate_on_submit():
            raise RuleError(_("Name the function first."))
        services.add_function(project, current_user._get_current_object(), form.name.data)
        flash(_("The function was added."), "success")
    except RuleError as error:
        flash(error.message, "error")
    return _back(project.id, anchor="matrix")


@bp.post("/projects/<int:project_id>/rollout/milestones")
@staff_required
def add_unit_milestone(project_id: int) -> ResponseReturnValue:
    """Add a stage milestone for one unit (設置階段)."""
    from phases.projects import services as phase_services

    rollout_data = _rollout(project_id)
    project = rollout_data.project
    form = UnitMilestoneForm()
    form.unit_id.choices = [SelectChoice(unit.id, unit.name) for unit in rollout_data.units]
    form.phase_id.choices = _phases(project)
    form.owner_id.choices = _people(project)
    if not form.validate_on_submit():
        flash(_form_message(form), "error")
        return _back(project.id, anchor="unit-milestones")
    phase = next(phase for phase in project.phases if phase.id == form.phase_id.data)
    phase_services.add_milestone(phase, current_user._get_current_object(), form.name.data, form.owner_id.data or None,
                                 form.planned_date.data, unit_id=form.unit_id.data)
    flash(_("The milestone was added."), "success")
    return _back(project.id, anchor="unit-milestones")


# ---- pilots -------------------------------------------------------------------------------------------------------


@bp.get("/projects/<int:project_id>/rollout/pilots")
@login_required
def rollout_pilots(project_id: int) -> ResponseReturnValue:
    """Show the pilot candidates scored on the four criteria, ranked, with the proposal and the coverage check."""
    rollout_data = _rollout(project_id)
    return render_template("phases/rollout_pilots.html", project=rollout_data.project, rollout=rollout_data,
                           pilots=pilot_view(rollout_data), rules_form=RulesForm(obj=rollout_data.programme),
                           confirm_form=ConfirmPilotsForm(formdata=None), criteria=CRITERIA,
                           criteria_content=rollout_content()["criteria"], core_score=rollout_content()["core_score"])


def _scores_from(form: dict[str, str], unit_ids: list[int]) -> dict[int, tuple[int | None, ...]]:
    """Read the score grid (score-UNIT-CRITERION); an empty box means not scored."""
    scores = {}
    for unit_id in unit_ids:
        values = []
        for criterion in CRITERIA:
            raw = (form.get(f"score-{unit_id}-{criterion}") or "").strip()
            if raw and not raw.isdigit():
                raise RuleError(_("Scores run from 1 (weak) to 5 (strong)."))
            values.append(int(raw) if raw else None)
        scores[unit_id] = tuple(values)
    return scores


@bp.post("/projects/<int:project_id>/rollout/pilots/scores")
@staff_required
def score_pilots(project_id: int) -> ResponseReturnValue:
    """Save the candidates' criterion scores (all or nothing)."""
    rollout_data = _rollout(project_id)
    try:
        scores = _scores_from(request.form, [unit.id for unit in rollout_data.units])
        services.score_candidates(rollout_data.project, current_user._get_current_object(), scores)
        flash(_("The scores were saved and the units ranked."), "success")
    except RuleError as error:
        flash(error.message, "error")
    return _back(project_id, "rollout.rollout_pilots", "candidates")


@bp.post("/projects/<int:project_id>/rollout/pilots/confirm")
@staff_required
def confirm_pilots(project_id: int) -> ResponseReturnValue:
    """Confirm the pilot units; the choice and their scores are recorded."""
    rollout_data = _rollout(project_id)
    form = ConfirmPilotsForm()
    chosen = [int(value) for value in request.form.getlist("pilot") if value.isdigit()]
    pilots = pilot_view(rollout_data)
    warnings = coverage_check(pilots.ranked, chosen, rollout_data.programme.max_pilots_per_region) if chosen else []
    try:
        if not form.validate_on_submit():
            raise RuleError(_form_message(form))
        services.confirm_pilots(rollout_data.project, current_user._get_current_object(), chosen, form.note.data or "",
                                pilots.scores, len(warnings))
        flash(_("The pilots are confirmed; the choice and the scores are recorded."), "success")
    except RuleError as error:
        flash(error.message, "error")
    return _back(project_id, "rollout.rollout_pilots", "confirm")


@bp.post("/projects/<int:project_id>/rollout/rules")
@staff_required
def rollout_rules(project_id: int) -> ResponseReturnValue:
    """Change the criteria weights, the pilots allowed per region and the run period."""
    rollout_data = _rollout(project_id)
    form = RulesForm()
    try:
        if not form.validate_on_submit():
            raise RuleError(_form_message(form))
        services.update_rules(rollout_data.project, current_user._get_current_object(),
                              {name: getattr(form, name).data for name in form.data if name != "csrf_token"})
        flash(_("The rules were saved."), "success")
    except RuleError as error:
        flash(error.message, "error")
    return _back(project_id, "rollout.rollout_pilots", "rules")


# ---- one cell -----------------------------------------------------------------------------------------------------


def _cell_or_404(project_id: int, unit_id: int, function_id: int):  # type: ignore[no-untyped-def]
    rollout_data = _rollout(project_id)
    unit, function = rollout_data.unit(unit_id), rollout_data.function(function_id)
    if unit is None or function is None:
        abort(404)
    return rollout_data, unit, function


@bp.get("/projects/<int:project_id>/rollout/units/<int:unit_id>/functions/<int:function_id>")
@login_required
def rollout_cell(project_id: int, unit_id: int, function_id: int) -> ResponseReturnValue:
    """Show one function in one unit: its stage, dates, deviations from the template and evaluations."""
    rollout_data, unit, function = _cell_or_404(project_id, unit_id, function_id)
    view = cell_view(rollout_data, unit, function, local_today())
    move_form = MoveForm(formdata=None)
    move_form.target.choices = [SelectChoice(stage.value, label(stage)) for stage in view.moves]
    return render_template(
        "phases/rollout_cell.html", project=rollout_data.project, rollout=rollout_data, unit=unit, function=function,
        view=view, move_form=move_form, plan_form=CellPlanForm(formdata=None, obj=view.cell),
        deviation_form=DeviationForm(formdata=None), decision_form=DecisionForm(formdata=None),
        evaluation_form=EvaluationForm(formdata=None), may_run=_may_run(project_id),
        may_decide=services.is_supervisor(project_id, current_user), stages=stage_path(unit.is_pilot) if view.stage in stage_path(unit.is_pilot) else list(CellStage),
    )


def _cell_action(project_id: int, unit_id: int, function_id: int, action) -> ResponseReturnValue:  # type: ignore[no-untyped-def]
    """Run one change of a cell, show its refusal if any, and go back to the cell."""
    rollout_data, unit, function = _cell_or_404(project_id, unit_id, function_id)
    try:
        message = action(rollout_data.project, current_user._get_current_object())
        flash(message, "success")
    except RuleError as error:
        flash(error.message, "error")
    return _back(project_id, "rollout.rollout_cell", unit_id=unit_id, function_id=function_id)


@bp.post("/projects/<int:project_id>/rollout/units/<int:unit_id>/functions/<int:function_id>/move")
@login_required
def move_cell(project_id: int, unit_id: int, function_id: int) -> ResponseReturnValue:
    """Move a cell to its next stage; rolling out before the pilot produced a template is refused."""
    if not _may_run(project_or_404(project_id).id):
        abort(403)
    form = MoveForm()
    form.target.choices = [SelectChoice(stage.value, stage.value) for stage in CellStage]

    def move(project: Project, actor) -> str:  # type: ignore[no-untyped-def]
        if not form.validate_on_submit():
            raise RuleError(_("Choose the stage to move to."))
        services.move_cell(project, actor, unit_id, function_id, CellStage(form.target.data), local_today(),
                           form.template_reference.data or "")
        return _("The stage was changed.")

    return _cell_action(project_id, unit_id, function_id, move)


@bp.post("/projects/<int:project_id>/rollout/units/<int:unit_id>/functions/<int:function_id>/plan")
@login_required
def plan_cell(project_id: int, unit_id: int, function_id: int) -> ResponseReturnValue:
    """Set a cell's planned start and go-live."""
    if not _may_run(project_or_404(project_id).id):
        abort(403)
    form = CellPlanForm()

    def plan(project: Project, actor) -> str:  # type: ignore[no-untyped-def]
        if not form.validate_on_submit():
            raise RuleError(_("Enter the dates as YYYY-MM-DD."))
        services.plan_cell(project, actor, unit_id, function_id, form.planned_start.data, form.planned_live.data)
        return _("The dates were saved.")

    return _cell_action(project_id, unit_id, function_id, plan)


@bp.post("/projects/<int:project_id>/rollout/units/<int:unit_id>/functions/<int:function_id>/deviations")
@login_required
def request_deviation(project_id: int, unit_id: int, function_id: int) -> ResponseReturnValue:
    """Record a unit's personalisation of the template, for the supervision team to decide."""
    form = DeviationForm()

    def request_it(project: Project, actor) -> str:  # type: ignore[no-untyped-def]
        if not form.validate_on_submit():
            raise RuleError(_("Describe the deviation and give its business reason."))
        services.request_deviation(project, actor, unit_id, function_id, form.description.data, form.reason.data)
        return _("The deviation was recorded; it applies once the supervision team approves it.")

    return _cell_action(project_id, unit_id, function_id, request_it)


@bp.post("/projects/<int:project_id>/rollout/units/<int:unit_id>/functions/<int:function_id>/evaluation")
@login_required
def evaluate_cell(project_id: int, unit_id: int, function_id: int) -> ResponseReturnValue:
    """Record the evaluation after the run period; the cell moves to optimising."""
    if not _may_run(project_or_404(project_id).id):
        abort(403)
    form = EvaluationForm()

    def evaluate(project: Project, actor) -> str:  # type: ignore[no-untyped-def]
        if not form.validate_on_submit():
            raise RuleError(_("Give a score and the optimisation actions."))
        services.record_evaluation(project, actor, unit_id, function_id, form.score.data, form.notes.data or "",
                                   form.actions.data, local_today())
        return _("The evaluation was recorded; the unit is optimising this function.")

    return _cell_action(project_id, unit_id, function_id, evaluate)


@bp.post("/deviations/<int:deviation_id>/decision")
@login_required
def decide_deviation(deviation_id: int) -> ResponseReturnValue:
    """The supervision team approves or rejects a deviation."""
    deviation = get_or_404(Deviation, deviation_id)
    cell = get_or_404(RolloutCell, deviation.cell_id)
    form = DecisionForm()
    try:
        if not form.validate_on_submit():
            raise RuleError(_("Choose approve or reject."))
        services.decide_deviation(deviation, current_user._get_current_object(), form.decision.data == "approve",
                                  form.note.data or "")
        flash(_("The decision is recorded."), "success")
    except RuleError as error:
        flash(error.message, "error")
    return _back(deviation.project_id, "rollout.rollout_cell", "deviations", unit_id=cell.unit_id,
                 function_id=cell.function_id)


# ---- waves, tiers, supervision, training --------------------------------------------------------------------------


@bp.get("/projects/<int:project_id>/rollout/organisation")
@login_required
def rollout_organisation(project_id: int) -> ResponseReturnValue:
    """Show the waves and tiers of the units, the tier policies, the supervision team and the training plan."""
    rollout_data = _rollout(project_id)
    supervisor_form = SupervisorForm(formdata=None)
    supervisor_form.user_id.choices = _people(rollout_data.project)[1:]
    supervisor_form.region.choices = [SelectChoice("", "—")] + [SelectChoice(r, r) for r in rollout_data.regions]
    training_form = TrainingPlanForm(formdata=None)
    training_form.wave.choices = _training_scopes(rollout_data)
    organisation = organisation_view(rollout_data)
    return render_template(
        "phases/rollout_organisation.html", project=rollout_data.project, rollout=rollout_data,
        organisation=organisation, wave_form=WaveForm(formdata=None), tiers=list(UnitTier),
        tier_forms={tier: TierPolicyForm(formdata=None, prefix=tier.value, obj=organisation.policies.get(tier))
                    for tier in UnitTier},
        supervisor_form=supervisor_form, training_form=training_form,
    )


def _training_scopes(rollout_data: Rollout) -> list[SelectChoice]:
    return ([SelectChoice("all", _("All units")), SelectChoice("pilots", _("Pilots"))]
            + [SelectChoice(str(wave.id), wave.name) for wave in rollout_data.waves])


def _organisation_action(project_id: int, anchor: str, action) -> ResponseReturnValue:  # type: ignore[no-untyped-def]
    rollout_data = _rollout(project_id)
    try:
        flash(action(rollout_data, current_user._get_current_object()), "success")
    except RuleError as error:
        flash(error.message, "error")
    return _back(project_id, "rollout.rollout_organisation", anchor)


@bp.post("/projects/<int:project_id>/rollout/waves")
@staff_required
def add_wave(project_id: int) -> ResponseReturnValue:
    """Add a rollout wave."""
    form = WaveForm()

    def add(rollout_data: Rollout, actor) -> str:  # type: ignore[no-untyped-def]
        if not form.validate_on_submit():
            raise RuleError(_("Name the wave; dates are YYYY-MM-DD."))
        services.add_wave(rollout_data.project, actor, form.name.data, form.planned_start.data, form.planned_end.data)
        return _("The wave was added.")

    return _organisation_action(project_id, "waves", add)


@bp.post("/projects/<int:project_id>/rollout/placements")
@staff_required
def place_units(project_id: int) -> ResponseReturnValue:
    """Put the units into waves and tiers."""

    def place(rollout_data: Rollout, actor) -> str:  # type: ignore[no-untyped-def]
        waves = {str(wave.id): wave.id for wave in rollout_data.waves}
        placements = {}
        for unit in rollout_data.units:
            wave, tier = request.form.get(f"wave-{unit.id}", ""), request.form.get(f"tier-{unit.id}", "")
            if (wave and wave not in waves) or (tier and tier not in {member.value for member in UnitTier}):
                raise RuleError(_("Choose a wave and a tier from the lists."))
            placements[unit.id] = (waves.get(wave), UnitTier(tier) if tier else None)
        services.place_units(rollout_data.project, actor, placements)
        return _("The waves and tiers were saved.")

    return _organisation_action(project_id, "waves", place)


@bp.post("/projects/<int:project_id>/rollout/waves/<int:wave_id>/plan")
@staff_required
def plan_wave(project_id: int, wave_id: int) -> ResponseReturnValue:
    """Give the wave's units the wave's dates on every function not planned yet."""
    wave = get_or_404(RolloutWave, wave_id)

    def plan(rollout_data: Rollout, actor) -> str:  # type: ignore[no-untyped-def]
        if wave.project_id != rollout_data.project.id:
            abort(404)
        count = services.plan_wave_dates(rollout_data.project, actor, wave, [f.id for f in rollout_data.functions])
        return _("%(count)d cells got the wave's dates.", count=count)

    return _organisation_action(project_id, "waves", plan)


@bp.post("/projects/<int:project_id>/rollout/tiers/<tier>")
@staff_required
def save_tier(project_id: int, tier: str) -> ResponseReturnValue:
    """Save a tier's criteria, incentives and penalties."""
    if tier not in {member.value for member in UnitTier}:
        abort(404)
    form = TierPolicyForm(prefix=tier)

    def save(rollout_data: Rollout, actor) -> str:  # type: ignore[no-untyped-def]
        if not form.validate_on_submit():
            raise RuleError(_form_message(form))
        services.save_tier_policy(rollout_data.project, actor, UnitTier(tier), form.criteria.data or "",
                                  form.incentives.data or "", form.penalties.data or "")
        return _("The tier policy was saved.")

    return _organisation_action(project_id, "tiers", save)


@bp.post("/projects/<int:project_id>/rollout/supervisors")
@staff_required
def add_supervisor(project_id: int) -> ResponseReturnValue:
    """Seat a person on the supervision team."""
    form = SupervisorForm()

    def add(rollout_data: Rollout, actor) -> str:  # type: ignore[no-untyped-def]
        people = {person.id: person for person in client_people(rollout_data.project.client_id)}
        form.user_id.choices = [SelectChoice(person_id, person.name) for person_id, person in people.items()]
        form.region.choices = [SelectChoice("", "—")] + [SelectChoice(r, r) for r in rollout_data.regions]
        if not form.validate_on_submit():
            raise RuleError(_("Choose a person and a seat."))
        services.add_supervisor(rollout_data.project, actor, people[form.user_id.data], SupervisorRole(form.role.data),
                                form.region.data or "", rollout_data.regions)
        return _("The supervision team was updated.")

    return _organisation_action(project_id, "supervision", add)


@bp.post("/supervisors/<int:seat_id>/remove")
@staff_required
def remove_supervisor(seat_id: int) -> ResponseReturnValue:
    """Take a seat off the supervision team."""
    seat = get_or_404(Supervisor, seat_id)
    project_id = seat.project_id
    services.remove_supervisor(seat, current_user._get_current_object())
    flash(_("The supervision team was updated."), "success")
    return _back(project_id, "rollout.rollout_organisation", "supervision")


@bp.post("/projects/<int:project_id>/rollout/training")
@staff_required
def plan_training(project_id: int) -> ResponseReturnValue:
    """Plan training for a wave's units (or all, or the pilots) by size and role."""
    form = TrainingPlanForm()

    def plan(rollout_data: Rollout, actor) -> str:  # type: ignore[no-untyped-def]
        form.wave.choices = _training_scopes(rollout_data)
        if not form.validate_on_submit():
            raise RuleError(_("Choose the units to plan training for."))
        scope = form.wave.data
        units = [unit for unit in rollout_data.units if scope == "all" or (scope == "pilots" and unit.is_pilot)
                 or str(unit.wave_id) == scope]
        count = services.plan_training(rollout_data.project, actor, [(unit.id, unit.region, unit.headcount) for unit in units],
                                       form.planned_date.data)
        return _("%(count)d training rows were planned.", count=count)

    return _organisation_action(project_id, "training", plan)


@bp.route("/training/<int:session_id>", methods=["GET", "POST"])
@login_required
def training_session(session_id: int) -> ResponseReturnValue:
    """Change one row of the training plan, or mark it held (consultants and the supervision team)."""
    session = get_or_404(TrainingSession, session_id)
    project = project_or_404(session.project_id)
    if not _may_run(project.id):
        abort(403)
    unit = db.session.get(BusinessUnit, session.unit_id)
    form = TrainingForm(obj=session)
    form.trainer_id.choices = _people(project)
    if form.validate_on_submit():
        values = {name: getattr(form, name).data for name in ("participants", "sessions", "planned_date", "done_on", "trainer_id")}
        values["trainer_id"] = values["trainer_id"] or None
        try:
            services.update_training(session, current_user._get_current_object(), values, unit.name)
        except RuleError as error:
            form_rule_error(form, error)
        else:
            flash(_("The training plan was saved."), "success")
            return _back(project.id, "rollout.rollout_organisation", "training")
    return render_template("phases/rollout_training.html", project=project, session=session, unit=unit,
                           form=form), 422 if form.errors else 200
