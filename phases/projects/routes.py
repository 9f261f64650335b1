"""Project pages: create a project, follow its phases, milestones and gates, post status updates."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from accounts.models import Client, Role
from accounts.tenancy import get_or_404, staff_required
from core.clock import local_today
from core.errors_domain import RuleError
from core.extensions import db
from core.web import form_rule_error
from phases.projects import services
from phases.projects.audit_trail import audit_page
from phases.projects.access import project_or_404, require_staff_or_sponsor
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
)
from phases.projects.methodology import Methodology, methodology_template
from phases.projects.models import GateCriterion, Milestone, Phase, Project
from accounts.queries import client_people
from phases.projects.view import criterion_text

bp = Blueprint("projects", __name__)


def _back(project_id: int, anchor: str = "") -> ResponseReturnValue:
    return redirect(url_for("overview.project", project_id=project_id) + (f"#{anchor}" if anchor else ""))


@bp.route("/clients/<int:client_id>/projects/new", methods=["GET", "POST"])
@staff_required
def new_project(client_id: int) -> ResponseReturnValue:
    """Create a project from a methodology template (five-step by default)."""
    client = get_or_404(Client, client_id)
    form = ProjectForm(methodology=Methodology.FIVE_STEP.value)
    if form.validate_on_submit():
        try:
            project = services.create_project(client, form.name.data, Methodology(form.methodology.data),
                                              form.start_date.data, form.target_date.data, current_user._get_current_object())
        except RuleError as error:
            form_rule_error(form, error)
        else:
            flash(_("The project was created with its phases, suggested milestones and gate criteria."), "success")
            return redirect(url_for("overview.project", project_id=project.id))
    return render_template("phases/new_project.html", client=client, form=form)


@bp.route("/phases/<int:phase_id>/edit", methods=["GET", "POST"])
@staff_required
def edit_phase(phase_id: int) -> ResponseReturnValue:
    """Change a phase's dates, investment and visible result."""
    phase = get_or_404(Phase, phase_id)
    form = PhaseForm(obj=phase)
    if form.validate_on_submit():
        values = {name: getattr(form, name).data for name in
                  ("planned_start", "planned_end", "actual_start", "actual_end", "investment", "visible_result")}
        try:
            services.update_phase(phase, current_user._get_current_object(), values)
        except RuleError as error:
            form_rule_error(form, error)
        else:
            flash(_("The phase was saved."), "success")
            return _back(phase.project_id, f"phase-{phase.id}")
    return render_template("phases/edit_phase.html", phase=phase, form=form), 422 if form.errors else 200


@bp.post("/phases/<int:phase_id>/status")
@staff_required
def phase_status(phase_id: int) -> ResponseReturnValue:
    """Start, run-and-optimise or close a phase; the gate rules decide whether it may."""
    phase = get_or_404(Phase, phase_id)
    try:
        services.change_phase_status(phase, current_user._get_current_object(), PhaseStatus(request.form.get("status", "")),
                                     local_today())
    except ValueError as error:
        if not isinstance(error, RuleError):
            abort(400)
        flash(error.message, "error")
    return _back(phase.project_id, f"phase-{phase.id}")


@bp.post("/projects/<int:project_id>/milestones")
@staff_required
def add_milestone(project_id: int) -> ResponseReturnValue:
    """Add a milestone to a phase of the project."""
    record = project_or_404(project_id)
    form = MilestoneForm()
    form.phase_id.choices = [SelectChoice(phase.id, phase.key) for phase in record.phases]
    form.owner_id.choices = [SelectChoice(0, "—")] + [SelectChoice(p.id, p.name) for p in client_people(record.client_id)]
    if not form.validate_on_submit():
        for field_errors in form.errors.values():
            flash("; ".join(str(error) for error in field_errors), "error")
        return _back(record.id, "milestones")
    phase = next(phase for phase in record.phases if phase.id == form.phase_id.data)
    services.add_milestone(phase, current_user._get_current_object(), form.name.data, form.owner_id.data or None,
                           form.planned_date.data)
    flash(_("The milestone was added."), "success")
    return _back(record.id, "milestones")


@bp.route("/milestones/<int:milestone_id>", methods=["GET", "POST"])
@login_required
def milestone(milestone_id: int) -> ResponseReturnValue:
    """Edit a milestone: consultants change everything, its owner reports progress and the actual date."""
    record = get_or_404(Milestone, milestone_id)
    full = current_user.is_staff
    if not full and record.owner_id != current_user.id:
        abort(403)
    form = _milestone_form(record) if full else ProgressForm(obj=record)
    if form.validate_on_submit():
        names = ("name", "phase_id", "owner_id", "planned_date", "actual_date", "percent_done") if full else (
            "percent_done", "actual_date")
        values = {name: getattr(form, name).data for name in names}
        if full:
            values["owner_id"] = values["owner_id"] or None
            values["percent_done"] = values["percent_done"] or 0
        try:
            services.update_milestone(record, current_user._get_current_object(), values)
        except RuleError as error:
            form_rule_error(form, error)
        else:
            flash(_("The milestone was saved."), "success")
            return _back(record.project_id, "milestones")
    return render_template("phases/milestone.html", milestone=record, form=form, full=full), 422 if form.errors else 200


def _milestone_form(record: Milestone) -> MilestoneForm:
    form = MilestoneForm(obj=record)
    phases = db.session.scalars(select(Phase).where(Phase.project_id == record.project_id).order_by(Phase.position)).all()
    project = db.session.get(Project, record.project_id)
    from flask_babel import get_locale

    from phases.projects.methodology import phase_name

    form.phase_id.choices = [SelectChoice(p.id, phase_name(project.methodology, p.key, str(get_locale()))) for p in phases]
    form.owner_id.choices = [SelectChoice(0, "—")] + [SelectChoice(p.id, p.name) for p in client_people(record.client_id)]
    return form


@bp.post("/projects/<int:project_id>/plan/approve")
@login_required
def approve_plan(project_id: int) -> ResponseReturnValue:
    """Approve the plan: the milestones' planned dates become their baseline."""
    record = project_or_404(project_id)
    require_staff_or_sponsor()
    try:
        services.approve_plan(record, current_user._get_current_object())
        flash(_("The plan is approved; its dates are now the baseline."), "success")
    except RuleError as error:
        flash(error.message, "error")
    return _back(record.id, "milestones")


@bp.post("/projects/<int:project_id>/plan/rebaseline")
@staff_required
def rebaseline(project_id: int) -> ResponseReturnValue:
    """Re-baseline explicitly, with a logged reason."""
    record = project_or_404(project_id)
    form = RebaselineForm()
    try:
        if not form.validate_on_submit():
            raise RuleError(_("Give the reason for re-baselining."))
        services.rebaseline(record, current_user._get_current_object(), form.reason.data)
        flash(_("The plan was re-baselined; the reason is in the audit trail."), "success")
    except RuleError as error:
        flash(error.message, "error")
    return _back(record.id, "milestones")


@bp.post("/phases/<int:phase_id>/criteria")
@staff_required
def add_criterion(phase_id: int) -> ResponseReturnValue:
    """Add a project-specific criterion to a phase's gate."""
    phase = get_or_404(Phase, phase_id)
    form = CriterionForm()
    if form.validate_on_submit():
        services.add_criterion(phase, current_user._get_current_object(), form.text.data)
    else:
        flash(_("Write the criterion first."), "error")
    return _back(phase.project_id, f"gate-{phase.id}")


@bp.post("/criteria/<int:criterion_id>/review")
@login_required
def review_criterion(criterion_id: int) -> ResponseReturnValue:
    """Review a criterion: pass, rework or waived, with a note."""
    criterion = get_or_404(GateCriterion, criterion_id)
    require_staff_or_sponsor()
    form = ReviewForm()
    try:
        if not form.validate_on_submit():
            raise RuleError(_("Choose pass, rework or waived."))
        services.review_criterion(criterion, current_user._get_current_object(), CriterionState(form.state.data),
                                  form.note.data or "", _criterion_label(criterion))
    except RuleError as error:
        flash(error.message, "error")
    return _back(criterion.project_id, f"gate-{criterion.phase_id}")


def _criterion_label(criterion: GateCriterion) -> str:
    """Return a criterion's text in the reader's language, for the audit trail."""
    from flask_babel import get_locale

    phase = db.session.get(Phase, criterion.phase_id)
    project = db.session.get(Project, criterion.project_id)
    template = {item["key"]: item for item in methodology_template(project.methodology)["phases"]}
    return criterion_text(criterion, template.get(phase.key, {}), str(get_locale()))


@bp.post("/phases/<int:phase_id>/signoff")
@login_required
def sign_gate(phase_id: int) -> ResponseReturnValue:
    """The sponsor signs a phase's gate off: go or no-go, with a comment and, if needed, a waiver."""
    phase = get_or_404(Phase, phase_id)
    if current_user.role is not Role.SPONSOR:
        abort(403)
    form = SignoffForm()
    try:
        if not form.validate_on_submit():
            raise RuleError(_("Choose go or no-go."))
        criteria, _signoff = services.phase_gate(phase)
        open_labels = [_criterion_label(c) for c in criteria if c.state in (CriterionState.UNREVIEWED, CriterionState.REWORK)]
        services.sign_gate(phase, current_user._get_current_object(), GateDecision(form.decision.data),
                           form.comment.data or "", form.waiver.data, open_labels)
        flash(_("Your decision is recorded."), "success")
    except RuleError as error:
        flash(error.message, "error")
    return _back(phase.project_id, f"gate-{phase.id}")


@bp.post("/projects/<int:project_id>/updates")
@login_required
def add_update(project_id: int) -> ResponseReturnValue:
    """Publish a status update (consultants and sponsors)."""
    record = project_or_404(project_id)
    require_staff_or_sponsor()
    form = StatusUpdateForm()
    if form.validate_on_submit():
        services.add_status_update(record, current_user._get_current_object(), Rag(form.rag.data), form.summary.data,
                                   form.next_steps.data or "")
        flash(_("The status update is published."), "success")
    else:
        flash(_("Write a summary and choose the overall status."), "error")
    return _back(record.id, "updates")


@bp.get("/projects/<int:project_id>/audit")
@login_required
def audit(project_id: int) -> ResponseReturnValue:
    """Show a project's audit trail, newest first, 100 entries a page (consultants and sponsors)."""
    project = project_or_404(project_id)
    require_staff_or_sponsor()
    entity = request.args.get("entity") or None
    trail = audit_page(project, entity, request.args.get("page", 1, type=int), str(get_locale()))
    return render_template("phases/audit.html", project=project, trail=trail, entity=entity)
