"""Consultant and sponsor pages: set up assessments, invite respondents, read results, export, compare."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from accounts.models import Client, Role
from accounts.tenancy import get_or_404, scoped, staff_required
from assess import exports, services
from assess.access import assessment_for_results, assessment_for_staff
from assess.forms import (
    AnonymousLinksForm,
    AssessmentForm,
    BulkInviteForm,
    InviteForm,
    SettingsForm,
    targets_from,
    with_targets,
)
from assess.invitees import Invitee, parse_invitees
from assess.library import content_of
from assess.queries import client_project_choices
from assess.models import Assessment, AssessmentStatus, Invitation, Questionnaire
from assess.results import load_results, response_rates
from assess.views import comparable_assessments, comparison_view, invitation_rows, invitee_error_message, results_view
from core.errors_domain import RuleError
from core.extensions import db
from core.labels import label
from core.web import form_rule_error

bp = Blueprint("assess", __name__)


@bp.get("/assessments")
@login_required
def index() -> ResponseReturnValue:
    """List the assessments the user may see."""
    if current_user.role is Role.MEMBER:
        abort(403)
    statement = scoped(select(Assessment).order_by(Assessment.created_at.desc()), Assessment)
    assessments = db.session.scalars(statement).all()
    return render_template("assess/index.html", assessments=assessments)


def _questionnaire_choices() -> list[Questionnaire]:
    services.ensure_bundled_questionnaires()
    return db.session.scalars(select(Questionnaire).order_by(Questionnaire.key, Questionnaire.version.desc())).all()


@bp.route("/clients/<int:client_id>/assessments/new", methods=["GET", "POST"])
@staff_required
def new(client_id: int) -> ResponseReturnValue:
    """Create an assessment for a client, with a target level per dimension."""
    client = get_or_404(Client, client_id)
    questionnaires = _questionnaire_choices()
    wanted = request.form.get("questionnaire_id", type=int) or request.args.get("questionnaire", type=int)
    chosen = next((q for q in questionnaires if q.id == wanted), questionnaires[0])
    dimensions = content_of(chosen).dimensions
    form = with_targets(AssessmentForm, dimensions)(questionnaire_id=chosen.id)
    form.questionnaire_id.choices = [SelectChoice(q.id, f"{q.key} v{q.version}") for q in questionnaires]
    projects = client_project_choices(client.id)
    form.project_id.choices = [SelectChoice(0, "—")] + [SelectChoice(key, name) for key, name in projects]
    if form.validate_on_submit():
        try:
            assessment = services.create_assessment(
                client, chosen, form.title.data, form.closes_on.data, form.anonymous.data,
                targets_from(form, dimensions), current_user._get_current_object(), form.project_id.data or None,
            )
        except RuleError as error:
            form_rule_error(form, error)
        else:
            flash(_("The assessment was created. Invite respondents, then open it."), "success")
            return redirect(url_for("assess.show", assessment_id=assessment.id))
    return render_template("assess/new.html", client=client, form=form, dimensions=dimensions)


def _render_show(assessment: Assessment, status: int = 200, **forms: object) -> ResponseReturnValue:
    return render_template(
        "assess/show.html", assessment=assessment, rates=response_rates(assessment.id),
        invitations=invitation_rows(assessment),
        invite_form=forms.get("invite_form") or InviteForm(formdata=None),
        bulk_form=forms.get("bulk_form") or BulkInviteForm(formdata=None),
        anonymous_form=forms.get("anonymous_form") or AnonymousLinksForm(formdata=None),
        bulk_errors=forms.get("bulk_errors", []),
    ), status


@bp.get("/assessments/<int:assessment_id>")
@login_required
def show(assessment_id: int) -> ResponseReturnValue:
    """Show an assessment's set-up, response rates and invitations."""
    return _render_show(assessment_for_staff(assessment_id))


def _links_page(assessment: Assessment, links: list[services.IssuedLink]) -> ResponseReturnValue:
    """Show new links once: only their hashes are stored, so they cannot be shown again later."""
    rows = [(link.invitation, url_for("respond.start", token=link.token, _external=True)) for link in links]
    return render_template("assess/links.html", assessment=assessment, rows=rows, csv_data=exports.links_csv(rows))


@bp.post("/assessments/<int:assessment_id>/invite")
@login_required
def invite(assessment_id: int) -> ResponseReturnValue:
    """Invite one named respondent."""
    assessment = assessment_for_staff(assessment_id)
    form = InviteForm()
    if not form.validate_on_submit():
        return _render_show(assessment, 422, invite_form=form)
    invitee = Invitee(form.name.data.strip(), (form.email.data or "").strip().lower() or None,
                      form.department.data.strip(), (form.role.data or "").strip())
    try:
        links = services.invite(assessment, [invitee], form.locale.data or None)
    except RuleError as error:
        flash(error.message, "error")
        return redirect(url_for("assess.show", assessment_id=assessment.id))
    return _links_page(assessment, links)


@bp.post("/assessments/<int:assessment_id>/invite/bulk")
@login_required
def invite_bulk(assessment_id: int) -> ResponseReturnValue:
    """Invite a pasted list or CSV file of respondents; nothing is created if any line is wrong."""
    assessment = assessment_for_staff(assessment_id)
    form = BulkInviteForm()
    if not form.validate_on_submit():
        return _render_show(assessment, 422, bulk_form=form)
    text = form.rows.data or ""
    if form.upload.data:
        text = form.upload.data.read().decode("utf-8-sig", errors="replace")
    invitees, errors = parse_invitees(text)
    if not invitees and not errors:
        form.rows.errors = [_("Paste at least one line, or choose a file.")]
        return _render_show(assessment, 422, bulk_form=form)
    if errors:
        messages = [invitee_error_message(error) for error in errors]
        return _render_show(assessment, 422, bulk_form=form, bulk_errors=messages)
    try:
        links = services.invite(assessment, invitees, form.locale.data or None)
    except RuleError as error:
        flash(error.message, "error")
        return redirect(url_for("assess.show", assessment_id=assessment.id))
    return _links_page(assessment, links)


@bp.post("/assessments/<int:assessment_id>/invite/anonymous")
@login_required
def invite_anonymous(assessment_id: int) -> ResponseReturnValue:
    """Create anonymous links for a department."""
    assessment = assessment_for_staff(assessment_id)
    form = AnonymousLinksForm()
    if not form.validate_on_submit():
        return _render_show(assessment, 422, anonymous_form=form)
    try:
        links = services.invite_anonymous(assessment, form.department.data, form.role.data or "", form.count.data,
                                          form.locale.data or None)
    except RuleError as error:
        flash(error.message, "error")
        return redirect(url_for("assess.show", assessment_id=assessment.id))
    return _links_page(assessment, links)


@bp.post("/invitations/<int:invitation_id>/revoke")
@staff_required
def revoke(invitation_id: int) -> ResponseReturnValue:
    """Stop a link from working."""
    invitation = get_or_404(Invitation, invitation_id)
    services.revoke(invitation)
    flash(_("The link was withdrawn. Answers already given are kept."), "success")
    return redirect(url_for("assess.show", assessment_id=invitation.assessment_id) + "#invitations")


@bp.post("/invitations/<int:invitation_id>/reissue")
@staff_required
def reissue(invitation_id: int) -> ResponseReturnValue:
    """Give a respondent a new link; the old one stops working, their answers stay."""
    invitation = get_or_404(Invitation, invitation_id)
    link = services.reissue(invitation)
    return _links_page(invitation.assessment, [link])


@bp.post("/assessments/<int:assessment_id>/status")
@login_required
def set_status(assessment_id: int) -> ResponseReturnValue:
    """Open, close or reopen an assessment."""
    assessment = assessment_for_staff(assessment_id)
    try:
        status = AssessmentStatus(request.form.get("status", ""))
        services.set_status(assessment, status)
    except ValueError:
        abort(400)
    except RuleError as error:
        flash(error.message, "error")
    else:
        flash(_("The assessment is now: %(status)s.", status=label(status)), "success")
    return redirect(url_for("assess.show", assessment_id=assessment.id))


@bp.route("/assessments/<int:assessment_id>/settings", methods=["GET", "POST"])
@login_required
def settings(assessment_id: int) -> ResponseReturnValue:
    """Change the title, close date and targets of an assessment."""
    assessment = assessment_for_staff(assessment_id)
    dimensions = content_of(assessment.questionnaire).dimensions
    form_class = with_targets(SettingsForm, dimensions)
    current = {f"target_{t.dimension_key}": t.target for t in assessment.targets}
    form = form_class(obj=assessment, data=current) if request.method == "GET" else form_class()
    if form.validate_on_submit():
        try:
            services.update_settings(assessment, form.title.data, form.closes_on.data, targets_from(form, dimensions))
        except RuleError as error:
            form_rule_error(form, error)
        else:
            flash(_("Settings saved."), "success")
            return redirect(url_for("assess.show", assessment_id=assessment.id))
    return render_template("assess/settings.html", assessment=assessment, form=form, dimensions=dimensions)


@bp.get("/assessments/<int:assessment_id>/results")
@login_required
def results(assessment_id: int) -> ResponseReturnValue:
    """Show scores, gaps, disagreement, departments, recommendations, expectations and comments."""
    assessment = assessment_for_results(assessment_id)
    include_open = request.args.get("include") == "in_progress"
    view = results_view(assessment, load_results(assessment, include_unsubmitted=include_open))
    return render_template("assess/results.html", view=view, include_open=include_open,
                           others=comparable_assessments(assessment))


@bp.get("/assessments/<int:assessment_id>/export.<fmt>")
@login_required
def export(assessment_id: int, fmt: str) -> ResponseReturnValue:
    """Download raw answers and scores as CSV (table=answers|scores) or as one XLSX workbook."""
    assessment = assessment_for_results(assessment_id)
    if fmt == "xlsx":
        return exports.xlsx_response(assessment, load_results(assessment))
    if fmt == "csv":
        table = request.args.get("table", "answers")
        if table not in ("answers", "scores"):
            abort(404)
        return exports.csv_response(assessment, load_results(assessment), table)
    abort(404)


@bp.get("/assessments/<int:assessment_id>/compare")
@login_required
def compare(assessment_id: int) -> ResponseReturnValue:
    """Compare two assessments of the same client: change per dimension."""
    assessment = assessment_for_results(assessment_id)
    other = get_or_404(Assessment, request.args.get("with", type=int) or 0)
    if other.client_id != assessment.client_id:
        abort(404)
    return render_template("assess/compare.html", view=comparison_view(assessment, other))

