"""Forms for projects, phases, milestones, gates and status updates."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, DecimalField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange

from core.forms import max_length, optional, required
from core.labels import label
from phases.projects.enums import CriterionState, GateDecision, Rag
from phases.projects.methodology import Methodology


def _enum_choices(members: list) -> list[SelectChoice]:  # type: ignore[type-arg]
    return [SelectChoice(member.value, label(member)) for member in members]


class ProjectForm(FlaskForm):
    """A new implementation project."""

    name = StringField(_l("Project name"), validators=[required(), max_length(200)])
    methodology = SelectField(_l("Methodology"), validators=[required()],
                              choices=lambda: _enum_choices([Methodology.FIVE_STEP, Methodology.SIX_STAGE]))
    start_date = DateField(_l("Start date"), validators=[required()])
    target_date = DateField(_l("Target go-live date"), validators=[required()])


class PhaseForm(FlaskForm):
    """A phase's dates, investment and the visible result it must show management."""

    planned_start = DateField(_l("Planned start"), validators=[optional()])
    planned_end = DateField(_l("Planned end"), validators=[optional()])
    actual_start = DateField(_l("Actual start"), validators=[optional()])
    actual_end = DateField(_l("Actual end"), validators=[optional()])
    investment = DecimalField(_l("Investment released (CNY)"), places=2, validators=[
        optional(), NumberRange(min=0, max=10**11, message=_l("Enter an amount of 0 or more."))])
    visible_result = TextAreaField(_l("Visible result for management"), validators=[optional(), max_length(2000)])


class MilestoneForm(FlaskForm):
    """A milestone, as the consultant plans it."""

    name = StringField(_l("Milestone"), validators=[required(), max_length(200)])
    phase_id = SelectField(_l("Phase"), coerce=int, validators=[required()])
    owner_id = SelectField(_l("Owner"), coerce=int, default=0)
    planned_date = DateField(_l("Planned date"), validators=[optional()])
    actual_date = DateField(_l("Actual date"), validators=[optional()])
    percent_done = IntegerField(_l("Percent done"), default=0, validators=[
        optional(), NumberRange(min=0, max=100, message=_l("Enter a percentage from 0 to 100."))])


class ProgressForm(FlaskForm):
    """A milestone's progress, as its owner reports it."""

    percent_done = IntegerField(_l("Percent done"), validators=[
        required(), NumberRange(min=0, max=100, message=_l("Enter a percentage from 0 to 100."))])
    actual_date = DateField(_l("Actual date"), validators=[optional()])


class RebaselineForm(FlaskForm):
    """The reason for re-baselining."""

    reason = StringField(_l("Reason for re-baselining"), validators=[required(), max_length(500)])


class CriterionForm(FlaskForm):
    """A project-specific gate criterion."""

    text = StringField(_l("New criterion"), validators=[required(), max_length(500)])


class ReviewForm(FlaskForm):
    """The review of one gate criterion."""

    state = SelectField(_l("Review"), validators=[required()], choices=lambda: _enum_choices(
        [CriterionState.PASS, CriterionState.REWORK, CriterionState.WAIVED]))
    note = StringField(_l("Note"), validators=[optional(), max_length(1000)])


class SignoffForm(FlaskForm):
    """The sponsor's go / no-go."""

    decision = SelectField(_l("Decision"), validators=[required()],
                           choices=lambda: _enum_choices([GateDecision.GO, GateDecision.NO_GO]))
    comment = TextAreaField(_l("Comment"), validators=[optional(), max_length(2000)])
    waiver = BooleanField(_l("I waive the criteria that are still open and take responsibility for carrying them into the next phase"))


class StatusUpdateForm(FlaskForm):
    """A dated project status update."""

    rag = SelectField(_l("Overall status"), validators=[required()],
                      choices=lambda: _enum_choices([Rag.GREEN, Rag.AMBER, Rag.RED]))
    summary = TextAreaField(_l("Summary"), validators=[required(), max_length(4000)])
    next_steps = TextAreaField(_l("Next steps"), validators=[optional(), max_length(4000)])
