"""Issue log pages of a project."""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import login_required

from accounts.queries import client_people
from accounts.tenancy import get_or_404
from core.labels import label
from core.web import acting_user, back_to, deleted, guard, saved
from phases import audit
from phases.issues import services
from phases.issues.enums import IssueSeverity
from phases.issues.forms import IssueForm, IssueUpdateForm
from phases.issues.models import Issue
from phases.issues.queries import issue_detail, issue_listing, issue_log
from phases.issues.rules import may_change
from phases.projects.access import project_or_404
from phases.projects.audit_trail import record_history

bp = Blueprint("issues", __name__)


@bp.route("/projects/<int:project_id>/issues", methods=["GET", "POST"])
@login_required
def issues(project_id: int) -> ResponseReturnValue:
    """List a project's issues, open ones first; anybody on the project may report one."""
    project, locale = project_or_404(project_id), str(get_locale())
    people = client_people(project.client_id)
    form = IssueForm()
    form.fill_choices(project, project.phases, people, locale)
    if saved(
        form, lambda: services.report_issue(project, acting_user(), **form.issue_values()), _("The issue was logged.")
    ):
        return back_to("issues.issues", project_id=project.id)
    log = issue_log(project.id, project.methodology, locale, issue_listing(request.args, [p.id for p in people]))
    owners = [(str(person.id), person.name) for person in people]
    severities = [(severity.value, label(severity)) for severity in IssueSeverity]
    return render_template(
        "phases/issues.html", project=project, form=form, log=log, owners=owners, severities=severities
    ), 422 if form.errors else 200


@bp.route("/issues/<int:issue_id>", methods=["GET", "POST"])
@login_required
def issue(issue_id: int) -> ResponseReturnValue:
    """Show an issue and its history; its reporter, its owner and consultants edit and close it."""
    record = get_or_404(Issue, issue_id)
    project, locale, user = project_or_404(record.project_id), str(get_locale()), acting_user()
    editable = may_change(user.id, user.is_staff, record.reporter_id, record.owner_id)
    guard(editable or request.method != "POST")  # everybody on the project reads the issue; few may change it
    form = IssueUpdateForm(obj=record) if editable else None
    if form is not None:
        form.fill_choices(project, project.phases, client_people(project.client_id, record.owner_id), locale)
        if saved(form, lambda: services.update_issue(record, user, form.issue_values()), _("The issue was saved.")):
            return back_to("issues.issue", issue_id=record.id)
    return render_template(
        "phases/issue.html",
        project=project,
        issue=issue_detail(record.id, project.methodology, locale),
        form=form,
        history=record_history(project, "issue", record.id, locale),
    ), 422 if form is not None and form.errors else 200


@bp.post("/issues/<int:issue_id>/delete")
@login_required
def delete(issue_id: int) -> ResponseReturnValue:
    """Delete an issue logged by mistake (those who may change it); the message offers to undo it."""
    record = get_or_404(Issue, issue_id)
    user = acting_user()
    guard(may_change(user.id, user.is_staff, record.reporter_id, record.owner_id))
    project_id, title = record.project_id, record.title
    if deleted(
        lambda: services.delete_issue(record, user),
        _("The issue “%(title)s” was deleted.", title=title),
        url_for("issues.restore", project_id=project_id, issue_id=issue_id),
    ):
        return back_to("issues.issues", project_id=project_id)
    return back_to("issues.issue", issue_id=issue_id)


@bp.post("/projects/<int:project_id>/issues/<int:issue_id>/restore")
@login_required
def restore(project_id: int, issue_id: int) -> ResponseReturnValue:
    """Undo an issue's deletion, for those who could change it; another client's issue answers 404."""
    project, user = project_or_404(project_id), acting_user()
    deletion = audit.deletion_or_404(project.id, "issue", issue_id)
    owners = (audit.stored_id(deletion, "reporter_id"), audit.stored_id(deletion, "owner_id"))
    guard(may_change(user.id, user.is_staff, *owners))
    if saved(
        None,
        lambda: services.restore_issue(project, issue_id, deletion, user),
        _("The issue “%(title)s” is back.", title=deletion.label),
    ):
        return back_to("issues.issue", issue_id=issue_id)
    return back_to("issues.issues", project_id=project.id)
