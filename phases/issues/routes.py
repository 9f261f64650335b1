"""Issue log pages of a project."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from accounts.queries import client_people
from accounts.tenancy import get_or_404
from core.errors_domain import RuleError
from core.web import form_rule_error
from phases.issues import services
from phases.projects.access import project_or_404
from phases.issues.forms import IssueForm, IssueUpdateForm
from phases.issues.queries import (
    issue_filter,
    open_issue_counts,
    project_issues,
)
from phases.issues.models import Issue
from phases.projects.audit_trail import record_history

bp = Blueprint("issues", __name__)


@bp.route("/projects/<int:project_id>/issues", methods=["GET", "POST"])
@login_required
def issues(project_id: int) -> ResponseReturnValue:
    """List a project's issues, open ones first; anybody on the project may report one."""
    project = project_or_404(project_id)
    form = IssueForm()
    form.fill_choices(project, project.phases, client_people(project.client_id), str(get_locale()))
    if form.validate_on_submit():
        services.report_issue(project, current_user._get_current_object(), **form.issue_values())
        flash(_("The issue was logged."), "success")
        return redirect(url_for("issues.issues", project_id=project.id))
    shown = issue_filter(request.args.get("status"))
    return render_template(
        "phases/issues.html", project=project, form=form, shown=shown, issues=project_issues(project.id, shown),
        counts=open_issue_counts(project.id),
    ), 422 if form.errors else 200


def _may_edit(issue: Issue) -> bool:
    """Return whether the user may change the issue: consultants, its reporter and its owner."""
    return current_user.is_staff or current_user.id in (issue.reporter_id, issue.owner_id)


@bp.route("/issues/<int:issue_id>", methods=["GET", "POST"])
@login_required
def issue(issue_id: int) -> ResponseReturnValue:
    """Show an issue and its history; its reporter, its owner and consultants edit and close it."""
    record = get_or_404(Issue, issue_id)
    project = project_or_404(record.project_id)
    if request.method == "POST" and not _may_edit(record):
        abort(403)
    form = IssueUpdateForm(obj=record) if _may_edit(record) else None
    if form is not None:
        form.fill_choices(project, project.phases, client_people(project.client_id, record.owner_id), str(get_locale()))
        if form.validate_on_submit():
            try:
                services.update_issue(record, current_user._get_current_object(), form.issue_values())
            except RuleError as error:
                form_rule_error(form, error)
            else:
                flash(_("The issue was saved."), "success")
                return redirect(url_for("issues.issue", issue_id=record.id))
    history = record_history(project, "issue", record.id, str(get_locale()))
    return render_template("phases/issue.html", project=project, issue=record, form=form,
                           history=history), 422 if form is not None and form.errors else 200
