"""Recovery pages of a troubled project: health check, eight-step checklist, expectations, scope cut, findings.

Consultants and admins run a recovery; the client's sponsor accepts the re-based expectations and may log
findings; whoever owns a check item (a member, say) updates its status and evidence. Everybody who can see the
project can read its recovery.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from accounts.models import Role
from accounts.tenancy import get_or_404
from core.clock import local_today
from core.errors_domain import RuleError
from core.web import form_rule_error
from phases.recovery import services
from phases.projects.access import project_or_404, require_staff_or_sponsor
from accounts.queries import client_people
from phases.projects.models import Project
from phases.projects.view import project_view
from phases.recovery.playbook import item_texts
from phases.recovery.forms import ExpectationForm, FindingForm, ItemForm, ItemProgressForm, ScopeForm
from phases.recovery.models import ExpectationReset, Recovery, RecoveryItem, ScopeItem
from phases.recovery.view import project_health, project_recovery, recovery_view

bp = Blueprint("recovery", __name__)


def _back(project_id: int, anchor: str = "") -> ResponseReturnValue:
    return redirect(url_for("recovery.recovery", project_id=project_id) + (f"#{anchor}" if anchor else ""))


def _require_staff() -> None:
    """Allow consultants and admins only; called after the record lookup, so other clients' records answer 404."""
    if not current_user.is_staff:
        abort(403)


def _recovery_or_404(project: Project) -> Recovery:
    recovery = project_recovery(project.id)
    if recovery is None:
        abort(404)
    return recovery


def _page(project: Project, status: int = 200, **forms: FlaskForm) -> ResponseReturnValue:
    """Render the recovery page; a form that failed is passed in to show its errors, the others start empty."""
    locale, today = str(get_locale()), local_today()
    recovery = project_recovery(project.id)
    forms = {"expectation_form": ExpectationForm(formdata=None), "scope_form": ScopeForm(formdata=None),
             "finding_form": FindingForm(formdata=None), **forms}
    return render_template(
        "phases/recovery.html", project=project, health=project_health(project_view(project, today), locale),
        plan=recovery_view(recovery, locale, today) if recovery else None, today=today, **forms,
    ), status


@bp.get("/projects/<int:project_id>/recovery")
@login_required
def recovery(project_id: int) -> ResponseReturnValue:
    """Show the project's health check and, once started, its recovery plan."""
    return _page(project_or_404(project_id))


@bp.post("/projects/<int:project_id>/recovery/start")
@login_required
def start_recovery(project_id: int) -> ResponseReturnValue:
    """Start a recovery, recording the health check that led to it."""
    project = project_or_404(project_id)
    _require_staff()
    if not FlaskForm().validate_on_submit():
        abort(400)
    health = project_health(project_view(project, local_today()), str(get_locale()))
    try:
        services.start_recovery(project, current_user._get_current_object(), "\n".join(health.reasons))
        flash(_("The recovery has started: work through the eight steps below."), "success")
    except RuleError as error:
        flash(error.message, "error")
    return _back(project.id)


def _saved(form: FlaskForm, save: Callable[[], Any], done: str) -> bool:
    """Validate a submitted form and save it; on a rule error show it on the form and save nothing."""
    if not form.validate_on_submit():
        return False
    try:
        save()
    except RuleError as error:
        form_rule_error(form, error)
        return False
    flash(done, "success")
    return True


def _edit(form: FlaskForm, save: Callable[[], Any], done: str, project_id: int, anchor: str, template: str,
          **context: Any) -> ResponseReturnValue:
    """Save an edit page's form and go back to the recovery, or show the page again with its errors."""
    if _saved(form, save, done):
        return _back(project_id, anchor)
    return render_template(template, form=form, project_id=project_id, anchor=anchor,
                           **context), 422 if form.errors else 200


def _item_label(item: RecoveryItem) -> str:
    return item_texts(str(get_locale())).get((item.step_key, item.template_key), item.template_key)


@bp.route("/recovery-items/<int:item_id>", methods=["GET", "POST"])
@login_required
def recovery_item(item_id: int) -> ResponseReturnValue:
    """Edit a check item: consultants plan it, its owner reports status and evidence."""
    item = get_or_404(RecoveryItem, item_id)
    full = current_user.is_staff
    if not full and item.owner_id != current_user.id:
        abort(403)
    form = ItemForm(obj=item) if full else ItemProgressForm(obj=item)
    if full:
        form.fill_people(client_people(item.client_id, item.owner_id))
    actor = current_user._get_current_object()
    return _edit(form, lambda: services.update_item(item, actor, form.item_values(), _item_label(item)),
                 _("The check item was saved."), item.project_id, f"step-{item.step_key}", "phases/recovery_item.html",
                 item=item, text=_item_label(item), full=full)


def _add(form: FlaskForm, name: str, project: Project, save: Callable[[], Any], done: str,
         anchor: str) -> ResponseReturnValue:
    """Save a form of the recovery page, or show the page again with its errors (status 422)."""
    if _saved(form, save, done):
        return _back(project.id, anchor)
    return _page(project, 422, **{name: form})


@bp.post("/projects/<int:project_id>/recovery/expectations")
@login_required
def add_expectation(project_id: int) -> ResponseReturnValue:
    """Add a re-based expectation (the sponsor must then accept the table again)."""
    project = project_or_404(project_id)
    _require_staff()
    recovery, form, actor = _recovery_or_404(project), ExpectationForm(), current_user._get_current_object()
    return _add(form, "expectation_form", project,
                lambda: services.add_expectation(recovery, actor, form.expectation_values()),
                _("The re-based expectation was added."), "expectations")


@bp.route("/expectations/<int:row_id>", methods=["GET", "POST"])
@login_required
def expectation(row_id: int) -> ResponseReturnValue:
    """Edit a re-based expectation; a change withdraws the sponsor's acceptance."""
    row = get_or_404(ExpectationReset, row_id)
    _require_staff()
    form = ExpectationForm(obj=row)
    actor = current_user._get_current_object()
    return _edit(form, lambda: services.update_expectation(row, actor, form.expectation_values()),
                 _("The re-based expectation was saved."), row.project_id, "expectations", "phases/recovery_edit.html",
                 title=_("Edit the re-based expectation"))


@bp.post("/projects/<int:project_id>/recovery/accept")
@login_required
def accept_expectations(project_id: int) -> ResponseReturnValue:
    """The sponsor accepts the re-based expectations table."""
    project = project_or_404(project_id)
    if current_user.role is not Role.SPONSOR:
        abort(403)
    recovery = _recovery_or_404(project)
    try:
        if not FlaskForm().validate_on_submit():
            abort(400)
        services.accept_expectations(recovery, current_user._get_current_object())
        flash(_("You accepted the re-based expectations."), "success")
    except RuleError as error:
        flash(error.message, "error")
    return _back(project.id, "expectations")


@bp.post("/projects/<int:project_id>/recovery/scope")
@login_required
def add_scope_item(project_id: int) -> ResponseReturnValue:
    """Record a feature as kept, deferred or dropped."""
    project = project_or_404(project_id)
    _require_staff()
    recovery, form, actor = _recovery_or_404(project), ScopeForm(), current_user._get_current_object()
    return _add(form, "scope_form", project, lambda: services.add_scope_item(recovery, actor, **form.scope_values()),
                _("The scope decision was recorded."), "scope")


@bp.route("/scope-items/<int:item_id>", methods=["GET", "POST"])
@login_required
def scope_item(item_id: int) -> ResponseReturnValue:
    """Change a feature's decision or reason."""
    item = get_or_404(ScopeItem, item_id)
    _require_staff()
    form = ScopeForm(obj=item)
    actor = current_user._get_current_object()
    return _edit(form, lambda: services.update_scope_item(item, actor, form.scope_values()),
                 _("The scope decision was saved."), item.project_id, "scope", "phases/recovery_edit.html",
                 title=_("Edit the scope decision"))


@bp.post("/projects/<int:project_id>/recovery/findings")
@login_required
def add_finding(project_id: int) -> ResponseReturnValue:
    """Log a finding: what went wrong, never who (consultants and the sponsor)."""
    project = project_or_404(project_id)
    require_staff_or_sponsor()
    recovery, form, actor = _recovery_or_404(project), FindingForm(), current_user._get_current_object()
    return _add(form, "finding_form", project, lambda: services.add_finding(recovery, actor, **form.finding_values()),
                _("The finding was logged."), "findings")
