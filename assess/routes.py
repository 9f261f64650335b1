"""Consultant and sponsor pages: set up assessments, invite respondents, read results, export, compare."""

from __future__ import annotations

from flask import Blueprint, abort, flash, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import login_required
from flask_wtf import FlaskForm

from accounts.models import Client
from accounts.tenancy import get_or_404, reviewer_required, staff_required
from assess import exports, services
from assess.access import assessment_for_results, assessment_for_staff
from assess.assessment_page import assessment_page
from assess.forms import (
    AnonymousLinksForm,
    BulkInviteForm,
    InviteForm,
    assessment_form,
    settings_form,
    targets_from,
)
from assess.invitees import parse_invitees
from assess.library import content_of
from assess.models import Assessment, AssessmentStatus, Invitation, Questionnaire
from assess.queries import client_project_choices, visible_assessments
from assess.results import load_results
from assess.views import comparable_assessments, comparison_view, invitee_error_message, results_view
from core.labels import label
from core.web import acting_user, back_to, back_to_list, created, deleted, saved

bp = Blueprint("assess", __name__)

# Where on the assessment page each invitation form is, to show its refusal beside it.
INVITE_ANCHORS = {"invite_form": "invite", "bulk_form": "invite-bulk", "anonymous_form": "invite-anonymous"}


@bp.get("/assessments")
@login_required
@reviewer_required
def index() -> ResponseReturnValue:
    """List the assessments the user may see."""
    return render_template("assess/index.html", assessments=visible_assessments(str(get_locale())))


def _chosen_questionnaire(questionnaires: list[Questionnaire]) -> Questionnaire:
    """Return the questionnaire picked in the form (or the link that reloaded it), else the first one."""
    wanted = request.form.get("questionnaire_id", type=int) or request.args.get("questionnaire", type=int)
    return next((stored for stored in questionnaires if stored.id == wanted), questionnaires[0])


@bp.route("/clients/<int:client_id>/assessments/new", methods=["GET", "POST"])
@staff_required
def new(client_id: int) -> ResponseReturnValue:
    """Create an assessment for a client, with a target level per dimension."""
    client = get_or_404(Client, client_id)
    questionnaires = services.available_questionnaires()
    chosen = _chosen_questionnaire(questionnaires)
    dimensions = content_of(chosen).dimensions
    form = assessment_form(questionnaires, chosen, dimensions, client_project_choices(client.id))
    assessment = created(
        form,
        lambda: services.create_assessment(
            client,
            chosen,
            form.title.data,
            form.closes_on.data,
            form.anonymous.data,
            targets_from(form, dimensions),
            acting_user(),
            form.project_id.data or None,
        ),
    )
    if assessment is None:
        return render_template("assess/new.html", client=client, form=form, dimensions=dimensions)
    flash(_("The assessment was created. Invite respondents, then open it."), "success")
    return back_to("assess.show", assessment_id=assessment.id)


def _render_show(
    assessment: Assessment, status: int = 200, bulk_errors: list[str] | None = None, **forms: FlaskForm
) -> ResponseReturnValue:
    return render_template(
        "assess/show.html",
        assessment=assessment_page(assessment, request.args),
        invite_form=forms.get("invite_form") or InviteForm(formdata=None),
        bulk_form=forms.get("bulk_form") or BulkInviteForm(formdata=None),
        anonymous_form=forms.get("anonymous_form") or AnonymousLinksForm(formdata=None),
        bulk_errors=bulk_errors or [],
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


def _issued(assessment: Assessment, links: list[services.IssuedLink] | None, **forms: FlaskForm) -> ResponseReturnValue:
    """Show the new links; else the form's errors on the assessment page, or back there with the refusal flashed."""
    if links is not None:
        return _links_page(assessment, links)
    if any(form.errors for form in forms.values()):
        return _render_show(assessment, 422, **forms)
    return back_to("assess.show", INVITE_ANCHORS[next(iter(forms))], assessment_id=assessment.id)


@bp.post("/assessments/<int:assessment_id>/invite")
@login_required
def invite(assessment_id: int) -> ResponseReturnValue:
    """Invite one named respondent."""
    assessment = assessment_for_staff(assessment_id)
    form = InviteForm()
    links = created(form, lambda: services.invite(assessment, [form.invitee()], form.locale.data))
    return _issued(assessment, links, invite_form=form)


@bp.post("/assessments/<int:assessment_id>/invite/bulk")
@login_required
def invite_bulk(assessment_id: int) -> ResponseReturnValue:
    """Invite a pasted list or CSV file of respondents; nothing is created if any line is wrong or already invited."""
    assessment = assessment_for_staff(assessment_id)
    form = BulkInviteForm()
    if not form.validate_on_submit():
        return _render_show(assessment, 422, bulk_form=form)
    invitees, errors = parse_invitees(form.listed_text(), services.invited_emails(assessment.id))
    if errors:
        return _render_show(assessment, 422, [invitee_error_message(error) for error in errors], bulk_form=form)
    # created() validates the form again (cheap) so that a rule error can go beside its field
    links = created(form, lambda: services.invite(assessment, invitees, form.locale.data))
    return _issued(assessment, links, bulk_form=form)


@bp.post("/assessments/<int:assessment_id>/invite/anonymous")
@login_required
def invite_anonymous(assessment_id: int) -> ResponseReturnValue:
    """Create anonymous links for a department."""
    assessment = assessment_for_staff(assessment_id)
    form = AnonymousLinksForm()
    links = created(
        form,
        lambda: services.invite_anonymous(
            assessment, form.department.data, form.role.data, form.count.data, form.locale.data
        ),
    )
    return _issued(assessment, links, anonymous_form=form)


@bp.post("/invitations/<int:invitation_id>/revoke")
@staff_required
def revoke(invitation_id: int) -> ResponseReturnValue:
    """Stop a link from working."""
    invitation = get_or_404(Invitation, invitation_id)
    saved(None, lambda: services.revoke(invitation), _("The link was withdrawn. Answers already given are kept."))
    return back_to("assess.show", "invitations", assessment_id=invitation.assessment_id)


@bp.post("/invitations/<int:invitation_id>/delete")
@staff_required
def delete_invitation(invitation_id: int) -> ResponseReturnValue:
    """Delete an invitation nobody has answered through; the message offers to undo it."""
    invitation = get_or_404(Invitation, invitation_id)
    assessment_id, name = invitation.assessment_id, services.invitation_label(invitation)
    deleted(
        lambda: services.delete_invitation(invitation, acting_user()),
        _("The invitation “%(name)s” was deleted.", name=name),
        url_for("assess.restore_invitation", assessment_id=assessment_id, invitation_id=invitation_id),
    )
    return back_to_list(request.form.get("next"), "assess.show", "invitations", assessment_id=assessment_id)


@bp.post("/assessments/<int:assessment_id>/invitations/<int:invitation_id>/restore")
@login_required
def restore_invitation(assessment_id: int, invitation_id: int) -> ResponseReturnValue:
    """Undo an invitation's deletion: its link works again."""
    assessment = assessment_for_staff(assessment_id)
    deletion = services.last_invitation_deletion(assessment, invitation_id)
    if deletion is None:
        abort(404)
    saved(
        None,
        lambda: services.restore_invitation(assessment, invitation_id, deletion, acting_user()),
        _("The invitation “%(name)s” is back; its link works again.", name=deletion.label),
    )
    return back_to("assess.show", "invitations", assessment_id=assessment.id)


@bp.post("/invitations/<int:invitation_id>/reissue")
@staff_required
def reissue(invitation_id: int) -> ResponseReturnValue:
    """Give a respondent a new link; the old one stops working, their answers stay."""
    invitation = get_or_404(Invitation, invitation_id)
    return _links_page(invitation.assessment, [services.reissue(invitation)])


def _posted_status() -> AssessmentStatus:
    """Return the status a status button asks for; any other value is a malformed request (400)."""
    try:
        return AssessmentStatus(request.form.get("status", ""))
    except ValueError:
        abort(400)


@bp.post("/assessments/<int:assessment_id>/status")
@login_required
def set_status(assessment_id: int) -> ResponseReturnValue:
    """Open, close or reopen an assessment."""
    assessment = assessment_for_staff(assessment_id)
    status = _posted_status()
    saved(
        None,
        lambda: services.set_status(assessment, status),
        _("The assessment is now: %(status)s.", status=label(status)),
    )
    return back_to("assess.show", "status", assessment_id=assessment.id)


@bp.route("/assessments/<int:assessment_id>/settings", methods=["GET", "POST"])
@login_required
def settings(assessment_id: int) -> ResponseReturnValue:
    """Change the title, close date, targets and linked project of an assessment."""
    assessment = assessment_for_staff(assessment_id)
    dimensions = content_of(assessment.questionnaire).dimensions
    projects = client_project_choices(assessment.client_id)
    form = settings_form(dimensions, assessment if request.method == "GET" else None, projects)
    if saved(
        form,
        lambda: services.update_settings(
            assessment,
            form.title.data,
            form.closes_on.data,
            targets_from(form, dimensions),
            form.project_id.data or None,
        ),
        _("Settings saved."),
    ):
        return back_to("assess.show", assessment_id=assessment.id)
    return render_template("assess/settings.html", assessment=assessment, form=form, dimensions=dimensions)


@bp.get("/assessments/<int:assessment_id>/results")
@login_required
def results(assessment_id: int) -> ResponseReturnValue:
    """Show scores, gaps, disagreement, departments, recommendations, expectations and comments."""
    assessment = assessment_for_results(assessment_id)
    include_open = request.args.get("include") == "in_progress"
    view = results_view(assessment, load_results(assessment, include_unsubmitted=include_open))
    return render_template(
        "assess/results.html", view=view, include_open=include_open, others=comparable_assessments(assessment)
    )


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
