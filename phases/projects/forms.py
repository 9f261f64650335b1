"""Forms for projects, phases, milestones, gates and status updates: parsing only; the services check the rules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, DecimalField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice

from accounts.models import User
from core.forms import max_length, optional, required
from core.labels import label
from phases.projects.enums import CriterionState, GateDecision, Rag
from phases.projects.methodology import Methodology


def _enum_choices(members: list) -> list[SelectChoice]:  # type: ignore[type-arg]
    return [SelectChoice(member.value, label(member)) for member in members]


class ProjectForm(FlaskForm):
    """A new implementation project."""

    name = StringField(_l("Project name"), validators=[required(), max_length(200)])
    methodology = SelectField(
        _l("Methodology"),
        validators=[required()],
        choices=lambda: _enum_choices([Methodology.FIVE_STEP, Methodology.SIX_STAGE]),
    )
    start_date = DateField(_l("Start date"), validators=[required()])
    target_date = DateField(_l("Target go-live date"), validators=[required()])


class PhaseForm(FlaskForm):
    """A phase's dates, investment and the visible result it must show management."""

    planned_start = DateField(_l("Planned start"), validators=[optional()])
    planned_end = DateField(_l("Planned end"), validators=[optional()])
    actual_start = DateField(_l("Actual start"), validators=[optional()])
    actual_end = DateField(_l("Actual end"), validators=[optional()])
    investment = DecimalField(
        _l("Investment released (CNY)"), places=2, validators=[optional()], render_kw={"min": 0, "max": 10**11}
    )  # a browser hint; the service checks the range
    visible_result = TextAreaField(_l("Visible result for management"), validators=[optional(), max_length(2000)])


class MilestoneForm(FlaskForm):
    """A milestone, as the consultant plans it."""

    name = StringField(_l("Milestone"), validators=[required(), max_length(200)])
    phase_id = SelectField(_l("Phase"), coerce=int, validators=[required()])
    owner_id = SelectField(_l("Owner"), coerce=int, default=0)
    planned_date = DateField(_l("Planned date"), validators=[optional()])
    actual_date = DateField(_l("Actual date"), validators=[optional()])
    percent_done = IntegerField(
        _l("Percent done"), default=0, validators=[optional()], render_kw={"min": 0, "max": 100}
    )  # a browser hint; the service checks the range


def milestone_form(phases: Sequence[tuple[int, str]], people: Sequence[User], **options: Any) -> MilestoneForm:
    """Return the milestone form offering the project's phases (id, name) and the people who may own work."""
    form = MilestoneForm(**options)
    form.phase_id.choices = [SelectChoice(phase_id, name) for phase_id, name in phases]
    form.owner_id.choices = [SelectChoice(0, "—")] + [SelectChoice(person.id, person.name) for person in people]
    return form


class ProgressForm(FlaskForm):
    """A milestone's progress, as its owner reports it."""

    percent_done = IntegerField(
        _l("Percent done"), validators=[required()], render_kw={"min": 0, "max": 100}
    )  # a browser hint; the service checks the range
    actual_date = DateField(_l("Actual date"), validators=[optional()])


class RebaselineForm(FlaskForm):
    """The reason for re-baselining."""

    reason = StringField(
        _l("Reason for re-baselining"), validators=[max_length(500)], render_kw={"required": True}
    )  # a browser hint; the service requires the reason


class CriterionForm(FlaskForm):
    """A project-specific gate criterion."""

    text = StringField(
        _l("New criterion"), validators=[max_length(500)], render_kw={"required": True}
    )  # a browser hint; the service requires the text


class ReviewForm(FlaskForm):
    """The review of one gate criterion."""

    state = SelectField(
        _l("Review"),
        validators=[required()],
        choices=lambda: _enum_choices([CriterionState.PASS, CriterionState.REWORK, CriterionState.WAIVED]),
    )
    note = StringField(_l("Note"), validators=[optional(), max_length(1000)])


class SignoffForm(FlaskForm):
    """The sponsor's go / no-go: the decision comes from the button pressed, so none is chosen in advance."""

    decision = SelectField(
        _l("Decision"), validators=[required()], choices=lambda: _enum_choices([GateDecision.GO, GateDecision.NO_GO])
    )
    comment = TextAreaField(_l("Comment"), validators=[optional(), max_length(2000)])
    waiver = BooleanField(
        _l("I waive the criteria that are still open and take responsibility for carrying them into the next phase")
    )
    waiver_reason = TextAreaField(
        _l("Reason for the waiver"), validators=[optional(), max_length(2000)]
    )  # required with a waiver: the service checks it


class StatusUpdateForm(FlaskForm):
    """A dated project status update."""

    rag = SelectField(
        _l("Overall status"), validators=[required()], choices=lambda: _enum_choices([Rag.GREEN, Rag.AMBER, Rag.RED])
    )
    summary = TextAreaField(_l("Summary"), validators=[required(), max_length(4000)])
    next_steps = TextAreaField(_l("Next steps"), validators=[optional(), max_length(4000)])
