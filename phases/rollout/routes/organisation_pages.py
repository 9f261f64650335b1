"""The organisation page and its actions: waves and tiers of the units, the supervision team, the training plan."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from flask import abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import login_required

from accounts.models import User
from accounts.queries import client_people
from accounts.tenancy import get_or_404, staff_required
from core.errors_domain import RuleError
from core.web import acting_user, back_to, saved
from phases.projects.access import project_or_404
from phases.rollout import organisation_services
from phases.rollout.enums import SupervisorRole, UnitTier
from phases.rollout.forms import SupervisorForm, TierPolicyForm, TrainingForm, TrainingPlanForm, WaveForm
from phases.rollout.models import RolloutWave, Supervisor, TrainingSession
from phases.rollout.organisation_view import organisation_view, training_row
from phases.rollout.read_model import Rollout
from phases.rollout.routes.common import (
    owner_choices,
    person_choices,
    region_choices,
    rollout_or_404,
    rollout_project_or_404,
    runnable_project_or_404,
    saved_inline,
    training_scopes,
)


@login_required
def rollout_organisation(project_id: int) -> ResponseReturnValue:
    """Show the waves and tiers of the units, the tier policies, the supervision team and the training plan."""
    project = project_or_404(project_id)
    rollout = rollout_or_404(project)
    organisation = organisation_view(rollout)
    return render_template(
        "phases/rollout_organisation.html",
        project=project,
        rollout=rollout,
        organisation=organisation,
        wave_form=WaveForm(formdata=None),
        tier_forms={
            row.tier: TierPolicyForm(formdata=None, prefix=row.tier.value, obj=row) for row in organisation.tiers
        },
        supervisor_form=_supervisor_form(rollout, client_people(project.client_id), formdata=None),
        training_form=_training_plan_form(rollout, formdata=None),
    )


def _organisation_page(project_id: int, anchor: str) -> ResponseReturnValue:
    return back_to("rollout.rollout_organisation", anchor, project_id=project_id)


@staff_required
def add_wave(project_id: int) -> ResponseReturnValue:
    """Add a rollout wave."""
    project = rollout_project_or_404(project_id)
    form = WaveForm()
    saved_inline(
        form,
        lambda: organisation_services.add_wave(
            project, acting_user(), form.name.data, form.planned_start.data, form.planned_end.data
        ),
        _("The wave was added."),
        _("Name the wave; dates are YYYY-MM-DD."),
    )
    return _organisation_page(project.id, "waves")


@staff_required
def place_units(project_id: int) -> ResponseReturnValue:
    """Put the units into waves and tiers."""
    project = project_or_404(project_id)
    rollout = rollout_or_404(project)
    saved(
        None,
        lambda: organisation_services.place_units(project, acting_user(), _placements_from(request.form, rollout)),
        _("The waves and tiers were saved."),
    )
    return _organisation_page(project.id, "waves")


def _placements_from(form: Mapping[str, str], rollout: Rollout) -> dict[int, tuple[int | None, UnitTier | None]]:
    """Read each unit's wave and tier (wave-UNIT, tier-UNIT) from the lists offered; empty means none."""
    waves = {str(wave.id): wave.id for wave in rollout.waves}
    tiers = {tier.value: tier for tier in UnitTier}
    placements = {}
    for unit in rollout.units:
        wave, tier = form.get(f"wave-{unit.id}", ""), form.get(f"tier-{unit.id}", "")
        if (wave and wave not in waves) or (tier and tier not in tiers):
            raise RuleError(_("Choose a wave and a tier from the lists."))
        placements[unit.id] = (waves.get(wave), tiers.get(tier))
    return placements


@staff_required
def plan_wave(project_id: int, wave_id: int) -> ResponseReturnValue:
    """Give the wave's units the wave's dates on every function not planned yet."""
    wave = get_or_404(RolloutWave, wave_id)
    project = project_or_404(project_id)
    rollout = rollout_or_404(project)
    if wave.project_id != project.id:
        abort(404)
    saved(
        None,
        lambda: organisation_services.plan_wave_dates(
            project, acting_user(), wave, [function.id for function in rollout.functions]
        ),
        lambda count: _("%(count)d cells got the wave's dates.", count=count),
    )
    return _organisation_page(project.id, "waves")


@staff_required
def save_tier(project_id: int, tier: str) -> ResponseReturnValue:
    """Save a tier's criteria, incentives and penalties."""
    if tier not in {member.value for member in UnitTier}:
        abort(404)
    form = TierPolicyForm(prefix=tier)
    project = rollout_project_or_404(project_id)
    saved_inline(
        form,
        lambda: organisation_services.save_tier_policy(
            project,
            acting_user(),
            UnitTier(tier),
            form.criteria.data or "",
            form.incentives.data or "",
            form.penalties.data or "",
        ),
        _("The tier policy was saved."),
    )
    return _organisation_page(project.id, "tiers")


@staff_required
def add_supervisor(project_id: int) -> ResponseReturnValue:
    """Seat a person on the supervision team."""
    project = project_or_404(project_id)
    rollout = rollout_or_404(project)
    people = {person.id: person for person in client_people(project.client_id)}
    form = _supervisor_form(rollout, people.values())
    saved_inline(
        form,
        lambda: organisation_services.add_supervisor(
            project,
            acting_user(),
            people[form.user_id.data],
            SupervisorRole(form.role.data),
            form.region.data or "",
            rollout.regions,
        ),
        _("The supervision team was updated."),
        _("Choose a person and a seat."),
    )
    return _organisation_page(project.id, "supervision")


def _supervisor_form(rollout: Rollout, people: Iterable[User], **form_options: Any) -> SupervisorForm:
    """Return the supervision seat form, offering the client's people and regions."""
    form = SupervisorForm(**form_options)
    form.user_id.choices = person_choices(people)
    form.region.choices = region_choices(rollout)
    return form


@staff_required
def remove_supervisor(seat_id: int) -> ResponseReturnValue:
    """Take a seat off the supervision team."""
    seat = get_or_404(Supervisor, seat_id)
    project_id = seat.project_id  # read before the seat is deleted
    saved(
        None,
        lambda: organisation_services.remove_supervisor(seat, acting_user()),
        _("The supervision team was updated."),
    )
    return _organisation_page(project_id, "supervision")


@staff_required
def plan_training(project_id: int) -> ResponseReturnValue:
    """Plan training for a wave's units (or all, or the pilots) by size and role."""
    project = project_or_404(project_id)
    rollout = rollout_or_404(project)
    form = _training_plan_form(rollout)
    saved_inline(
        form,
        lambda: organisation_services.plan_training(
            project,
            acting_user(),
            [(unit.id, unit.region, unit.headcount) for unit in rollout.training_scope(form.wave.data)],
            form.planned_date.data,
        ),
        lambda count: _("%(count)d training rows were planned.", count=count),
        _("Choose the units to plan training for."),
    )
    return _organisation_page(project.id, "training")


def _training_plan_form(rollout: Rollout, **form_options: Any) -> TrainingPlanForm:
    """Return the training plan form, offering all units, the pilots or one wave."""
    form = TrainingPlanForm(**form_options)
    form.wave.choices = training_scopes(rollout)
    return form


@login_required
def training_session(session_id: int) -> ResponseReturnValue:
    """Change one row of the training plan, or mark it held (consultants and the supervision team)."""
    session = get_or_404(TrainingSession, session_id)
    project = runnable_project_or_404(session.project_id)
    form = TrainingForm(obj=session)
    form.trainer_id.choices = owner_choices(project)
    if saved(
        form,
        lambda: organisation_services.update_training(session, acting_user(), form.training_values()),
        _("The training plan was saved."),
    ):
        return _organisation_page(project.id, "training")
    return render_template(
        "phases/rollout_training.html", project=project, training=training_row(session), form=form
    ), 422 if form.errors else 200
