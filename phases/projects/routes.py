"""Project pages: create a project, follow its phases, milestones and gates, post status updates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, abort, flash, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import login_required
from flask_wtf import FlaskForm
from sqlalchemy import select

from accounts.models import Client
from accounts.queries import client_people
from accounts.tenancy import get_or_404, staff_required
from core.clock import local_today
from core.errors_domain import RuleError
from core.extensions import db
from core.web import acting_user, back_to, back_to_list, deleted, form_errors, guard, saved
from phases.audit import deletion_or_404, stored_id
from phases.projects import gate_services, services
from phases.projects.access import project_or_404
from phases.projects.audit_trail import audit_page
from phases.projects.enums import CriterionState, GateDecision, PhaseStatus, Rag
from phases.projects.forms import (
    CriterionForm,
    MilestoneForm,
    PhaseForm,
    ProgressForm,
    ProjectForm,
    RebaselineForm,
    ReviewForm,
    SignoffForm,
    StatusUpdateForm,
    milestone_form,
)
from phases.projects.methodology import Methodology, milestone_name, phase_name
from phases.projects.models import GateCriterion, Milestone, Phase, Project, StatusUpdate

bp = Blueprint("projects", __name__)

PHASE_FIELDS = ("planned_start", "planned_end", "actual_start", "actual_end", "investment", "visible_result")
MILESTONE_FIELDS = ("name", "phase_id", "owner_id", "planned_date", "actual_date", "percent_done")
PROGRESS_FIELDS = ("percent_done", "actual_date")  # what a milestone's owner reports


def _to_project(project_id: int, anchor: str = "") -> ResponseReturnValue:
    return back_to("overview.project", anchor, project_id=project_id)


def _gate(phase_id: int) -> str:
    """Return the anchor of a phase's gate on the project page, where its actions' messages show."""
    return f"gate-block-{phase_id}"


def _values(form: FlaskForm, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(form, name).data for name in names}


def _attempt(action: Callable[[], Any]) -> None:
    """Run an action of the project page whose result shows on the page itself; flash the rule it broke, if any."""
    try:
        action()
    except RuleError as error:
        flash(error.message, "error")


def _posted(form: FlaskForm, refusal: str) -> bool:
    """Return whether a form posted from the project page parses; if not, say why in one message."""
    if form.validate_on_submit():
        return True
    flash(refusal, "error")
    return False


@bp.route("/clients/<int:client_id>/projects/new", methods=["GET", "POST"])
@staff_required
def new_project(client_id: int) -> ResponseReturnValue:
    """Create a project from a methodology template (five-step by default)."""
    client = get_or_404(Client, client_id)
    form = ProjectForm(methodology=Methodology.FIVE_STEP.value)
    created: list[Project] = []

    def create() -> None:
        created.append(
            services.create_project(
                client,
                form.name.data,
                Methodology(form.methodology.data),
                form.start_date.data,
                form.target_date.data,
                acting_user(),
            )
        )

    if saved(form, create, _("The project was created with its phases, suggested milestones and gate criteria.")):
        return back_to("overview.project", project_id=created[0].id)
    return render_template("phases/new_project.html", client=client, form=form)


@bp.route("/phases/<int:phase_id>/edit", methods=["GET", "POST"])
@staff_required
def edit_phase(phase_id: int) -> ResponseReturnValue:
    """Change a phase's dates, investment and visible result."""
    phase = get_or_404(Phase, phase_id)
    form = PhaseForm(obj=phase)
    if saved(
        form,
        lambda: services.update_phase(phase, acting_user(), _values(form, PHASE_FIELDS)),
        _("The phase was saved."),
    ):
        return _to_project(phase.project_id, f"phase-{phase.id}")
    return render_template("phases/edit_phase.html", phase=phase, form=form), 422 if form.errors else 200


@bp.post("/phases/<int:phase_id>/status")
@staff_required
def phase_status(phase_id: int) -> ResponseReturnValue:
    """Start, run-and-optimise or close a phase; the gate rules decide whether it may."""
    phase = get_or_404(Phase, phase_id)
    try:
        target = PhaseStatus(request.form.get("status", ""))
    except ValueError:
        abort(400)
    _attempt(lambda: services.change_phase_status(phase, acting_user(), target, local_today()))
    return _to_project(phase.project_id, f"phase-{phase.id}")


@bp.post("/projects/<int:project_id>/milestones")
@staff_required
def add_milestone(project_id: int) -> ResponseReturnValue:
    """Add a milestone to a phase of the project."""
    record = project_or_404(project_id)
    form = milestone_form([(phase.id, phase.key) for phase in record.phases], client_people(record.client_id))
    if not form.validate_on_submit():
        flash(form_errors(form), "error")
        return _to_project(record.id, "add-milestone")
    phase = next(phase for phase in record.phases if phase.id == form.phase_id.data)
    saved(
        None,
        lambda: services.add_milestone(
            phase, acting_user(), form.name.data, form.owner_id.data or None, form.planned_date.data
        ),
        _("The milestone was added."),
    )
    return _to_project(record.id, "add-milestone")


@bp.route("/milestones/<int:milestone_id>", methods=["GET", "POST"])
@login_required
def milestone(milestone_id: int) -> ResponseReturnValue:
    """Edit a milestone: consultants change everything, its owner reports progress and the actual date."""
    record = get_or_404(Milestone, milestone_id)
    user = acting_user()
    guard(user.is_staff or record.owner_id == user.id)
    project = db.session.get(Project, record.project_id)
    name = milestone_name(project.methodology, record.template_key, record.name, str(get_locale()))
    form = _milestone_form(record, name) if user.is_staff else ProgressForm(obj=record)
    if saved(
        form,
        lambda: services.update_milestone(record, user, _milestone_values(form, user.is_staff)),
        _("The milestone was saved."),
    ):
        return _to_project(record.project_id, "milestones")
    return (
        render_template("phases/milestone.html", milestone=record, name=name, form=form, full=user.is_staff),
        422 if form.errors else 200,
    )


def _milestone_form(record: Milestone, name: str) -> MilestoneForm:
    """Build the staff's milestone form, its name shown as the reader reads it (sent back unchanged, it stays)."""
    project = db.session.get(Project, record.project_id)
    phases = db.session.scalars(
        select(Phase).where(Phase.project_id == record.project_id).order_by(Phase.position)
    ).all()
    locale = str(get_locale())
    form = milestone_form(
        [(phase.id, phase_name(project.methodology, phase.key, locale)) for phase in phases],
        client_people(record.client_id),
        obj=record,
    )
    if not form.is_submitted():
        form.name.data = name
    return form


def _milestone_values(form: MilestoneForm | ProgressForm, full: bool) -> dict[str, Any]:
    values = _values(form, MILESTONE_FIELDS if full else PROGRESS_FIELDS)
    if full:  # the form's "nobody" and an empty percentage
        values["owner_id"] = values["owner_id"] or None
        values["percent_done"] = values["percent_done"] or 0
    return values


@bp.post("/projects/<int:project_id>/plan/approve")
@login_required
def approve_plan(project_id: int) -> ResponseReturnValue:
    """Approve the plan: the milestones' planned dates become their baseline."""
    record = project_or_404(project_id)
    guard(acting_user().is_reviewer)
    saved(
        None,
        lambda: services.approve_plan(record, acting_user()),
        _("The plan is approved; its dates are now the baseline."),
    )
    return _to_project(record.id, "milestones")


@bp.post("/projects/<int:project_id>/plan/rebaseline")
@staff_required
def rebaseline(project_id: int) -> ResponseReturnValue:
    """Re-baseline explicitly, with a logged reason."""
    record = project_or_404(project_id)
    form = RebaselineForm()
    if (
        not saved(
            form,
            lambda: services.rebaseline(record, acting_user(), form.reason.data or ""),
            _("The plan was re-baselined; the reason is in the audit trail."),
        )
        and form.errors
    ):
        flash(form_errors(form), "error")
    return _to_project(record.id, "milestones")


@bp.post("/phases/<int:phase_id>/criteria")
@staff_required
def add_criterion(phase_id: int) -> ResponseReturnValue:
    """Add a project-specific criterion to a phase's gate."""
    phase = get_or_404(Phase, phase_id)
    form = CriterionForm()
    if form.validate_on_submit():
        _attempt(lambda: gate_services.add_criterion(phase, acting_user(), form.text.data or ""))
    else:
        flash(form_errors(form), "error")
    return _to_project(phase.project_id, _gate(phase.id))


@bp.post("/criteria/<int:criterion_id>/review")
@login_required
def review_criterion(criterion_id: int) -> ResponseReturnValue:
    """Review a criterion: pass, rework or waived, with a note."""
    criterion = get_or_404(GateCriterion, criterion_id)
    guard(acting_user().is_reviewer)
    form = ReviewForm()
    if _posted(form, _("Choose pass, rework or waived.")):
        _attempt(
            lambda: gate_services.review_criterion(
                criterion,
                acting_user(),
                CriterionState(form.state.data),
                form.note.data or "",
                gate_services.criterion_label(criterion, str(get_locale())),
            )
        )
    return _to_project(criterion.project_id, _gate(criterion.phase_id))


@bp.post("/phases/<int:phase_id>/signoff")
@login_required
def sign_gate(phase_id: int) -> ResponseReturnValue:
    """The sponsor signs a phase's gate off: go or no-go, with a comment and, if needed, a waiver."""
    phase = get_or_404(Phase, phase_id)
    guard(acting_user().is_sponsor)
    form = SignoffForm()
    if _posted(form, _("Choose go or no-go.")):
        saved(
            None,
            lambda: gate_services.sign_gate(
                phase,
                acting_user(),
                GateDecision(form.decision.data),
                form.comment.data or "",
                form.waiver.data,
                form.waiver_reason.data or "",
            ),
            _("Your decision is recorded."),
        )
    return _to_project(phase.project_id, f"signoff-{phase.id}")


@bp.post("/projects/<int:project_id>/updates")
@login_required
def add_update(project_id: int) -> ResponseReturnValue:
    """Publish a status update (consultants and sponsors)."""
    record = project_or_404(project_id)
    guard(acting_user().is_reviewer)
    form = StatusUpdateForm()
    if _posted(form, _("Write a summary and choose the overall status.")):
        saved(
            None,
            lambda: services.add_status_update(
                record, acting_user(), Rag(form.rag.data), form.summary.data, form.next_steps.data or ""
            ),
            _("The status update is published."),
        )
    return _to_project(record.id, "updates")


@bp.post("/milestones/<int:milestone_id>/delete")
@staff_required
def delete_milestone(milestone_id: int) -> ResponseReturnValue:
    """Delete a milestone planned by mistake; the message offers to undo it."""
    record = get_or_404(Milestone, milestone_id)
    project_id, name = record.project_id, record.name
    if deleted(
        lambda: services.delete_milestone(record, acting_user(), local_today()),
        _("The milestone “%(name)s” was deleted.", name=name),
        url_for("projects.restore_milestone", project_id=project_id, milestone_id=milestone_id),
    ):
        return _to_project(project_id, "milestones")
    return back_to("projects.milestone", milestone_id=milestone_id)


@bp.post("/projects/<int:project_id>/milestones/<int:milestone_id>/restore")
@staff_required
def restore_milestone(project_id: int, milestone_id: int) -> ResponseReturnValue:
    """Undo a milestone's deletion."""
    project = project_or_404(project_id)
    deletion = deletion_or_404(project.id, "milestone", milestone_id)
    saved(
        None,
        lambda: services.restore_milestone(project, milestone_id, deletion, acting_user()),
        _("The milestone “%(name)s” is back.", name=deletion.label),
    )
    return _to_project(project.id, "milestones")


@bp.post("/updates/<int:update_id>/delete")
@login_required
def delete_update(update_id: int) -> ResponseReturnValue:
    """Delete a status update (its author or a consultant); the message offers to undo it."""
    record = get_or_404(StatusUpdate, update_id)
    user = acting_user()
    guard(user.is_staff or record.author_id == user.id)
    project_id = record.project_id
    deleted(
        lambda: services.delete_status_update(record, user),
        _("The status update was deleted."),
        url_for("projects.restore_update", project_id=project_id, update_id=update_id),
    )
    return back_to_list(request.form.get("next"), "overview.project", "updates", project_id=project_id)


@bp.post("/projects/<int:project_id>/updates/<int:update_id>/restore")
@login_required
def restore_update(project_id: int, update_id: int) -> ResponseReturnValue:
    """Undo a status update's deletion (its author or a consultant)."""
    project, user = project_or_404(project_id), acting_user()
    deletion = deletion_or_404(project.id, "status_update", update_id)
    guard(user.is_staff or stored_id(deletion, "author_id") == user.id)
    saved(
        None,
        lambda: services.restore_status_update(project, update_id, deletion, user),
        _("The status update is back."),
    )
    return _to_project(project.id, "updates")


@bp.get("/projects/<int:project_id>/audit")
@login_required
def audit(project_id: int) -> ResponseReturnValue:
    """Show a project's audit trail, newest first, 100 entries a page (consultants and sponsors)."""
    project = project_or_404(project_id)
    guard(acting_user().is_reviewer)
    entity = request.args.get("entity") or None
    trail = audit_page(project, entity, request.args.get("page", 1, type=int), str(get_locale()))
    return render_template("phases/audit.html", project=project, trail=trail, entity=entity)
