"""Recovery pages of a troubled project: health check, eight-step checklist, expectations, scope cut, findings.

Consultants and admins run a recovery; the client's sponsor accepts the re-based expectations and may log
findings; whoever owns a check item (a member, say) updates its status and evidence. Everybody who can see the
project can read its recovery.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, abort, render_template
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import login_required
from flask_wtf import FlaskForm

from accounts.queries import client_people
from accounts.tenancy import get_or_404
from core.clock import local_today
from core.web import acting_user, back_to, guard, saved
from phases.projects.access import project_or_404
from phases.projects.models import Project
from phases.recovery import services
from phases.recovery.checklist import may_update_item
from phases.recovery.forms import ExpectationForm, FindingForm, ItemForm, ItemProgressForm, ScopeForm
from phases.recovery.models import ExpectationReset, Recovery, RecoveryItem, ScopeItem
from phases.recovery.playbook import item_texts
from phases.recovery.view import health_today, project_recovery, recovery_view

bp = Blueprint("recovery", __name__)


def _recovery_or_404(project: Project) -> Recovery:
    recovery = project_recovery(project.id)
    if recovery is None:
        abort(404)
    return recovery


def _page(project: Project, status: int = 200, **forms: FlaskForm) -> ResponseReturnValue:
    """Render the recovery page; a form that failed is passed in to show its errors, the others start empty."""
    locale, today = str(get_locale()), local_today()
    recovery = project_recovery(project.id)
    forms = {
        "expectation_form": ExpectationForm(formdata=None),
        "scope_form": ScopeForm(formdata=None),
        "finding_form": FindingForm(formdata=None),
        **forms,
    }
    return render_template(
        "phases/recovery.html",
        project=project,
        health=health_today(project, locale, today),
        plan=recovery_view(recovery, locale, today) if recovery else None,
        **forms,
    ), status


def _back(project_id: int, anchor: str = "") -> ResponseReturnValue:
    return back_to("recovery.recovery", anchor, project_id=project_id)


def _add(
    form: FlaskForm, name: str, project: Project, save: Callable[[], Any], done: str, anchor: str
) -> ResponseReturnValue:
    """Save a form of the recovery page, or show the page again with its errors (status 422)."""
    if saved(form, save, done):
        return _back(project.id, anchor)
    return _page(project, 422, **{name: form})


def _edit(
    form: FlaskForm, save: Callable[[], Any], done: str, project_id: int, anchor: str, template: str, **context: Any
) -> ResponseReturnValue:
    """Save an edit page's form and go back to the recovery, or show the page again with its errors."""
    if saved(form, save, done):
        return _back(project_id, anchor)
    return render_template(
        template, form=form, project_id=project_id, anchor=anchor, **context
    ), 422 if form.errors else 200


@bp.get("/projects/<int:project_id>/recovery")
@login_required
def recovery(project_id: int) -> ResponseReturnValue:
    """Show the project's health check and, once started, its recovery plan."""
    return _page(project_or_404(project_id))


@bp.post("/projects/<int:project_id>/recovery/start")
@login_required
def start_recovery(project_id: int) -> ResponseReturnValue:
    """Start a recovery, recording the health check that led to it."""
    project, user = project_or_404(project_id), acting_user()
    guard(user.is_staff)
    reasons = "\n".join(health_today(project, str(get_locale()), local_today()).reasons)
    saved(
        None,
        lambda: services.start_recovery(project, user, reasons),
        _("The recovery has started: work through the eight steps below."),
    )
    return _back(project.id, "health")


@bp.route("/recovery-items/<int:item_id>", methods=["GET", "POST"])
@login_required
def recovery_item(item_id: int) -> ResponseReturnValue:
    """Edit a check item: consultants plan it, its owner reports status and evidence."""
    item, user = get_or_404(RecoveryItem, item_id), acting_user()
    guard(may_update_item(user.id, user.is_staff, item.owner_id))
    form = ItemForm(obj=item) if user.is_staff else ItemProgressForm(obj=item)
    if isinstance(form, ItemForm):
        form.fill_people(client_people(item.client_id, item.owner_id))
    text = item_texts(str(get_locale())).get((item.step_key, item.template_key), item.template_key)
    return _edit(
        form,
        lambda: services.update_item(item, user, form.item_values(), text),
        _("The check item was saved."),
        item.project_id,
        f"step-{item.step_key}",
        "phases/recovery_item.html",
        text=text,
        full=user.is_staff,
    )


@bp.post("/projects/<int:project_id>/recovery/expectations")
@login_required
def add_expectation(project_id: int) -> ResponseReturnValue:
    """Add a re-based expectation (the sponsor must then accept the table again)."""
    project, user = project_or_404(project_id), acting_user()
    guard(user.is_staff)
    recovery, form = _recovery_or_404(project), ExpectationForm()
    return _add(
        form,
        "expectation_form",
        project,
        lambda: services.add_expectation(recovery, user, form.expectation_values()),
        _("The re-based expectation was added."),
        "expectations",
    )


@bp.route("/expectations/<int:row_id>", methods=["GET", "POST"])
@login_required
def expectation(row_id: int) -> ResponseReturnValue:
    """Edit a re-based expectation; a change withdraws the sponsor's acceptance."""
    row, user = get_or_404(ExpectationReset, row_id), acting_user()
    guard(user.is_staff)
    form = ExpectationForm(obj=row)
    return _edit(
        form,
        lambda: services.update_expectation(row, user, form.expectation_values()),
        _("The re-based expectation was saved."),
        row.project_id,
        "expectations",
        "phases/recovery_edit.html",
        title=_("Edit the re-based expectation"),
    )


@bp.post("/projects/<int:project_id>/recovery/accept")
@login_required
def accept_expectations(project_id: int) -> ResponseReturnValue:
    """The sponsor accepts the re-based expectations table."""
    project, user = project_or_404(project_id), acting_user()
    guard(user.is_sponsor)
    recovery = _recovery_or_404(project)
    saved(None, lambda: services.accept_expectations(recovery, user), _("You accepted the re-based expectations."))
    return _back(project.id, "expectations")


@bp.post("/projects/<int:project_id>/recovery/scope")
@login_required
def add_scope_item(project_id: int) -> ResponseReturnValue:
    """Record a feature as kept, deferred or dropped."""
    project, user = project_or_404(project_id), acting_user()
    guard(user.is_staff)
    recovery, form = _recovery_or_404(project), ScopeForm()
    return _add(
        form,
        "scope_form",
        project,
        lambda: services.add_scope_item(recovery, user, **form.scope_values()),
        _("The scope decision was recorded."),
        "scope",
    )


@bp.route("/scope-items/<int:item_id>", methods=["GET", "POST"])
@login_required
def scope_item(item_id: int) -> ResponseReturnValue:
    """Change a feature's decision or reason."""
    item, user = get_or_404(ScopeItem, item_id), acting_user()
    guard(user.is_staff)
    form = ScopeForm(obj=item)
    return _edit(
        form,
        lambda: services.update_scope_item(item, user, form.scope_values()),
        _("The scope decision was saved."),
        item.project_id,
        "scope",
        "phases/recovery_edit.html",
        title=_("Edit the scope decision"),
    )


@bp.post("/projects/<int:project_id>/recovery/findings")
@login_required
def add_finding(project_id: int) -> ResponseReturnValue:
    """Log a finding: what went wrong, never who (consultants and the sponsor)."""
    project, user = project_or_404(project_id), acting_user()
    guard(user.is_reviewer)
    recovery, form = _recovery_or_404(project), FindingForm()
    return _add(
        form,
        "finding_form",
        project,
        lambda: services.add_finding(recovery, user, **form.finding_values()),
        _("The finding was logged."),
        "findings",
    )
