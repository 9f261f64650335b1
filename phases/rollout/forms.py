"""Forms of the group rollout: functions, rules, cell moves and dates, deviations, evaluations, waves, tiers, people.

The forms parse what is typed; the ranges the numbers keep to are the services' rules (shown here as input bounds).
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice

from core.forms import max_length, optional, required
from phases.projects.forms import _enum_choices
from phases.rollout.enums import SupervisorRole
from phases.rollout.matrix import (
    PARTICIPANTS_RANGE,
    PILOTS_PER_REGION_RANGE,
    RUN_PERIOD_DAYS_RANGE,
    SESSIONS_RANGE,
    WEIGHT_RANGE,
)
from phases.rollout.models import WEIGHT_FIELDS


def _bounds(allowed: range) -> dict[str, int]:
    """Return a number input's bounds, so the browser offers only the values the service accepts."""
    return {"min": allowed.start, "max": allowed[-1]}


def _weight(text: str) -> IntegerField:
    return IntegerField(text, validators=[required()], render_kw=_bounds(WEIGHT_RANGE))


class FunctionForm(FlaskForm):
    """A function (matrix column) of the rollout."""

    name = StringField(_l("New function"), validators=[required(), max_length(120)])


class RulesForm(FlaskForm):
    """Pilot criteria weights, pilots allowed per region and the run period before evaluation."""

    weight_typical = _weight(_l("Weight of “typical business”"))
    weight_management = _weight(_l("Weight of “strong management”"))
    weight_staff = _weight(_l("Weight of “good staff quality”"))
    weight_foundation = _weight(_l("Weight of “solid implementation foundation”"))
    max_pilots_per_region = IntegerField(
        _l("Pilots allowed per region"), validators=[required()], render_kw=_bounds(PILOTS_PER_REGION_RANGE)
    )
    run_period_days = IntegerField(
        _l("Run period before evaluation (days)"), validators=[required()], render_kw=_bounds(RUN_PERIOD_DAYS_RANGE)
    )

    def rule_values(self) -> dict[str, int]:
        """Return the rules as typed, under the programme's names."""
        return {name: self[name].data for name in (*WEIGHT_FIELDS, "max_pilots_per_region", "run_period_days")}


class ConfirmPilotsForm(FlaskForm):
    """The consultant's confirmation of the pilot units (the units come as checked boxes)."""

    note = TextAreaField(
        _l("Why these pilots (needed when the coverage check warns)"), validators=[optional(), max_length(2000)]
    )


class MoveForm(FlaskForm):
    """Move a cell to its next stage; a pilot names the template it produced."""

    target = SelectField(_l("Move to"), validators=[required()])
    template_reference = StringField(
        _l("Template produced (name and version)"), validators=[optional(), max_length(500)]
    )


class CellPlanForm(FlaskForm):
    """When one function of one unit is planned to start and go live."""

    planned_start = DateField(_l("Planned start"), validators=[optional()])
    planned_live = DateField(_l("Planned go-live"), validators=[optional()])


class DeviationForm(FlaskForm):
    """A unit's request to personalise the template."""

    description = TextAreaField(_l("How the unit differs from the template"), validators=[required(), max_length(2000)])
    reason = TextAreaField(_l("Business reason"), validators=[required(), max_length(2000)])


class DecisionForm(FlaskForm):
    """The supervision team's decision on a deviation."""

    decision = SelectField(
        _l("Decision"),
        validators=[required()],
        choices=[SelectChoice("approve", _l("Approve")), SelectChoice("reject", _l("Reject"))],
    )
    note = StringField(_l("Note"), validators=[optional(), max_length(1000)])

    @property
    def approves(self) -> bool:
        """Return whether the decision approves the deviation."""
        return self.decision.data == "approve"


class EvaluationForm(FlaskForm):
    """The evaluation of a unit's function after its run period."""

    score = SelectField(
        _l("Score (1 weak – 5 strong)"),
        coerce=int,
        validators=[required()],
        choices=[SelectChoice(value, str(value)) for value in range(1, 6)],
    )
    notes = TextAreaField(_l("Findings"), validators=[optional(), max_length(4000)])
    actions = TextAreaField(_l("Optimisation actions"), validators=[required(), max_length(4000)])


class WaveForm(FlaskForm):
    """A rollout wave."""

    name = StringField(_l("Wave"), validators=[required(), max_length(120)])
    planned_start = DateField(_l("Planned start"), validators=[optional()])
    planned_end = DateField(_l("Planned end"), validators=[optional()])


class TierPolicyForm(FlaskForm):
    """What puts a unit in a tier, and the incentives and penalties agreed for it."""

    criteria = StringField(_l("Who is in this tier"), validators=[optional(), max_length(1000)])
    incentives = TextAreaField(_l("Incentives"), validators=[optional(), max_length(2000)])
    penalties = TextAreaField(_l("Penalties"), validators=[optional(), max_length(2000)])


class SupervisorForm(FlaskForm):
    """A seat on the supervision team."""

    user_id = SelectField(_l("Person"), coerce=int, validators=[required()])
    role = SelectField(_l("Seat"), validators=[required()], choices=lambda: _enum_choices(list(SupervisorRole)))
    region = SelectField(_l("Region (regional leads)"), validators=[optional()])


class TrainingPlanForm(FlaskForm):
    """Plan training for the units of one wave (or all), by size and role."""

    wave = SelectField(_l("Units"), validators=[required()])
    planned_date = DateField(_l("Planned date"), validators=[optional()])


class TrainingForm(FlaskForm):
    """One row of the training plan."""

    participants = IntegerField(_l("Participants"), validators=[required()], render_kw=_bounds(PARTICIPANTS_RANGE))
    sessions = IntegerField(_l("Sessions"), validators=[required()], render_kw=_bounds(SESSIONS_RANGE))
    planned_date = DateField(_l("Planned date"), validators=[optional()])
    done_on = DateField(_l("Held on"), validators=[optional()])
    trainer_id = SelectField(_l("Trainer"), coerce=int, default=0)

    def training_values(self) -> dict[str, Any]:
        """Return the row as typed; no trainer chosen (0) is none."""
        return {
            "participants": self.participants.data,
            "sessions": self.sessions.data,
            "planned_date": self.planned_date.data,
            "done_on": self.done_on.data,
            "trainer_id": self.trainer_id.data or None,
        }


class UnitMilestoneForm(FlaskForm):
    """A stage milestone of one unit (設置階段)."""

    unit_id = SelectField(_l("Unit"), coerce=int, validators=[required()])
    phase_id = SelectField(_l("Phase"), coerce=int, validators=[required()])
    name = StringField(_l("Milestone"), validators=[required(), max_length(200)])
    owner_id = SelectField(_l("Owner"), coerce=int, default=0)
    planned_date = DateField(_l("Planned date"), validators=[required()])
